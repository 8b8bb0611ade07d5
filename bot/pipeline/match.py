"""match: which regions an update concerns and how serious it is.

``Matcher.build`` is the expensive step (the gazetteer from data packages, the automaton over
every place term and every severity word); do it once per process. After that ``Matcher.match``
is pure: prepare and fold the text once (``Text``), find and score the places it names
(``bot.matching.places``) in the pass that also finds the severity words, grade it (severity),
and assemble the answer.
"""

from __future__ import annotations

import gc
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

import ahocorasick

from bot.matching.gazetteer import build_gazetteer
from bot.matching.grade import Cue, CueKey, CueKeyHit, Grader, cue_set, cues
from bot.matching.language import detect
from bot.matching.places import Candidate, Places
from bot.matching.rules import RegionRules, SeverityRules, load_region_rules, load_severity_rules
from bot.matching.text import Text, fold_term
from bot.model import Match, Region, RegionHit, Severity
from bot.problems import ConfigError, ConfigProblem

if TYPE_CHECKING:
    from bot.quality.dataset import Row


class Matcher:
    """Built once from the rules; ``match`` is then pure and safe to share."""

    def __init__(
        self, places: Places, grader: Grader, regions: tuple[Region, ...]
    ) -> None:
        self._places = places
        self._grader = grader
        self._regions = regions
        self._by_id = {r.id: r for r in regions}
        self._country_of = {r.id: r.country for r in regions if r.country}
        self._children: dict[str, list[str]] = {}
        for region in regions:
            for parent in region.parents:
                self._children.setdefault(parent, []).append(region.id)
        self._ancestors = {r.id: self._walk_up(r.id) for r in regions}
        #: the ancestors again, as the dict ``match`` merges into its list of regions
        self._lineage = {r: dict.fromkeys(a) for r, a in self._ancestors.items()}

    @classmethod
    def build(cls, regions: RegionRules, severity: SeverityRules) -> Matcher:
        gazetteer = build_gazetteer(regions)
        keys, grader = _grader(severity)
        places = Places(gazetteer, regions.ambiguity, keys)
        return cls(places, grader, gazetteer.regions)

    def match(
        self, text: str, title: str = "", *, title_severity: bool = True,
        language: str | None = None,
    ) -> Match:
        """Regions and severity of an update; the title counts as part of the evidence.

        ``title_severity=False`` lets the title place the update but not grade it: a new
        segment of a developing story is as serious as what it says, not as its headline.
        ``language`` is the source's (ISO 639-1); it decides which words are ordinary words
        and whether names take case endings. Without one, it is detected from the text.
        """
        if language is None:
            language = detect(f"{title}\n{text}")
        prepared = Text.of(text, title, language)
        cue_hits: list[CueKeyHit] = []
        candidates = self._places.find(prepared, cue_hits)
        severity, reasons = self._grade(prepared, cue_hits, title_severity)
        terms: dict[str, dict[str, None]] = {}
        for candidate in candidates:
            if candidate.chosen:
                for region in candidate.sense.regions:
                    if region in terms:
                        terms[region][candidate.written] = None
                    else:
                        terms[region] = {candidate.written: None}
        hits = tuple([RegionHit(region, tuple(written)) for region, written in terms.items()])
        lineage: dict[str, None] = dict.fromkeys(terms)
        for region in terms:
            lineage.update(self._lineage.get(region, {}))
        return Match(
            tuple(lineage), hits, severity, reasons, tuple(candidates)
        )

    def _grade(
        self, text: Text, hits: list[CueKeyHit], title_severity: bool
    ) -> tuple[Severity, tuple[str, ...]]:
        padded, folded = text.original, text.folded
        if not title_severity and text.body > 1:
            blank = " " * text.body
            padded, folded = blank + padded[text.body:], blank + folded[text.body:]
            return self._grader.grade(hits, padded, folded, text.body, text.language)
        return self._grader.grade(
            hits, padded, folded, language=text.language, headline=text.body
        )

    def countries(self, match: Match) -> frozenset[str]:
        """The ISO codes of every region ``match`` reports (a hit on Crimea counts as UA)."""
        return frozenset(
            code for r in match.regions if (code := self._country_of.get(r)) is not None
        )

    def judge(self, row: Row) -> tuple[Match, frozenset[str]]:
        """``alertbot eval``'s view of the matcher: a labelled row's match and countries."""
        match = self.match(row.text, row.title, language=row.language)
        return match, self.countries(match)

    @property
    def term_count(self) -> int:
        """How many distinct place keys the automaton holds."""
        return len(self._places)

    @property
    def automaton(self) -> ahocorasick.Automaton:
        """The automaton of every place key and severity key, for the benchmark's raw-scan
        baseline."""
        return self._places.automaton

    # -- the region tree -----------------------------------------------------------------------

    def region(self, region_id: str) -> Region | None:
        return self._by_id.get(region_id)

    def regions(self) -> tuple[Region, ...]:
        """The whole tree: continents, curated regions, then countries by name."""
        return self._regions

    def ancestors(self, region_id: str) -> tuple[str, ...]:
        """Every region containing this one, nearest first, no repeats."""
        return self._ancestors.get(region_id, ())

    def children(self, region_id: str) -> tuple[str, ...]:
        """The regions directly inside this one."""
        return tuple(self._children.get(region_id, ()))

    def _walk_up(self, region_id: str) -> tuple[str, ...]:
        out: dict[str, None] = {}
        queue = deque(self._by_id[region_id].parents)
        while queue:
            parent = queue.popleft()
            if parent in out or parent == region_id or parent not in self._by_id:
                continue
            out[parent] = None
            queue.extend(self._by_id[parent].parents)
        return tuple(out)


def _grader(severity: SeverityRules) -> tuple[list[str], Grader]:
    """The severity keys for the automaton, and the grader that knows what each means."""
    entries: dict[str, list[Cue]] = {}
    #: each key's languages; None among them: every language
    languages: dict[str, set[str | None]] = {}
    for language, configured, cue in cues(severity):
        stem = configured.endswith("*")
        head = configured.startswith("*")
        folded = fold_term(configured.strip("*"))
        # A stem has no space after it; a head ("*streik", the last part of a German
        # compound) has none before it.
        key = ("" if head else " ") + folded + ("" if stem else " ")
        entries.setdefault(key, []).append(cue)
        languages.setdefault(key, set()).add(language)
    values: list[CueKey] = []
    only_in: dict[int, frozenset[str]] = {}
    for index, (key, key_cues) in enumerate(entries.items()):
        head = not key.startswith(" ")
        values.append(
            (len(key) - (1 if head else 2), cue_set(not key.endswith(" "), key_cues, head))
        )
        if None not in languages[key]:
            only_in[index] = frozenset(lang for lang in languages[key] if lang is not None)
    return list(entries), Grader(severity, values, only_in)


def load_matcher(config_dir: Path) -> Matcher:
    """The matcher for ``config_dir/regions.toml`` and ``severity.toml``; raises ConfigError
    with every problem of both files."""
    regions, problems = load_region_rules(config_dir / "regions.toml")
    severity, more = load_severity_rules(config_dir / "severity.toml")
    problems = [*problems, *more]
    if problems or regions is None or severity is None:
        raise ConfigError(problems or [ConfigProblem(str(config_dir), "", "rules did not load")])
    return Matcher.build(regions, severity)


def settle_heap() -> None:
    """Take what the process has built so far out of the garbage collector's walks: call it
    once the long-lived parts are built (``alertbot run`` after the matcher, the store and the
    poller). The gazetteer is about 130 MB of objects that live as long as the process, and
    every full collection walked all of them: most of what clustering added to a poll cycle
    (bench/RESULTS.md, "Clustering on / off").

    ``gc.freeze`` moves every tracked object to a permanent generation that no collection
    visits. Reference counting still frees a frozen object once nothing holds it; only a cycle
    among frozen objects would stay. So the heap is unfrozen and collected first: calling this
    again after building a new matcher frees the cycles of the one it replaced rather than
    keeping them for good (tests/integration/test_matcher_memory.py).
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


__all__ = ["Candidate", "Matcher", "load_matcher", "settle_heap"]
