# The compiled per-update half of the matcher (scan.pyx); bot.pipeline.match.Matcher extends it.
from collections.abc import Mapping, Sequence
from typing import Any

from bot.matching.gazetteer import Term
from bot.matching.rules import AmbiguityOptions, SeverityRules
from bot.matching.severity import CueSet
from bot.model import Match

class Scanner:
    def __init__(
        self,
        automaton: Any,
        keys: Sequence[tuple[int, int]],
        terms: Sequence[Term],
        cue_sets: Sequence[CueSet | None],
        ambiguity: AmbiguityOptions,
        severity_rules: SeverityRules,
        ancestors: Mapping[str, tuple[str, ...]],
    ) -> None: ...
    def match(self, text: str, title: str = "", *, title_severity: bool = True) -> Match:
        """Regions and severity of an update; the title counts as part of the evidence.

        ``title_severity=False`` lets the title place the update but not grade it: a new
        segment of a developing story is as serious as what it says, not as its headline.
        """
