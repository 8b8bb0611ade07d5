"""match: which regions an update concerns and how serious it is.

``Matcher.build`` is the expensive step (the gazetteer from data packages, one Aho-Corasick
automaton over every place term and every severity word); do it once per process. After that
``Matcher.match`` is pure and cheap: fold the text once, scan it once, then check the few hits.

The per-update part is compiled (Cython, ``bot.matching.scan`` with ``resolve`` and ``grade``):
each automaton key stores an int that indexes C tables made here, at build time, so that the
Python work per update is little more than the answer itself (docs/MATCHING.md, Speed). This
module keeps what runs once: the rules, the automaton, the region tree.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

import ahocorasick

from bot.matching.gazetteer import Term, build_gazetteer
from bot.matching.rules import RegionRules, SeverityRules, load_region_rules, load_severity_rules
from bot.matching.scan import Scanner
from bot.matching.severity import Cue, CueSet, cue_set, cues
from bot.matching.text import fold_term
from bot.model import Region
from bot.problems import ConfigError, ConfigProblem


class Matcher(Scanner):
    """Built once from the rules; ``match`` (inherited from the compiled Scanner) is then pure
    and safe to share."""

    def __init__(
        self,
        automaton: ahocorasick.Automaton,
        regions: tuple[Region, ...],
        keys: list[tuple[int, int]],
        terms: list[Term],
        cue_sets: list[CueSet | None],
        region_rules: RegionRules,
        severity_rules: SeverityRules,
    ) -> None:
        self._automaton = automaton
        self._regions = regions
        self._by_id = {r.id: r for r in regions}
        self._children: dict[str, list[str]] = {}
        for region in regions:
            for parent in region.parents:
                self._children.setdefault(parent, []).append(region.id)
        self._ancestors = {r.id: self._walk_up(r.id) for r in regions}
        super().__init__(
            automaton, keys, terms, cue_sets, region_rules.ambiguity, severity_rules,
            self._ancestors,
        )

    @classmethod
    def build(cls, regions: RegionRules, severity: SeverityRules) -> Matcher:
        gazetteer = build_gazetteer(regions)
        entries: dict[str, tuple[Term | None, list[Cue]]] = {}
        for spelling, term in gazetteer.terms.items():
            entries[f" {spelling} "] = (term, [])
        for configured, cue in cues(severity):
            stem = configured.endswith("*")
            folded = fold_term(configured.removesuffix("*"))
            key = f" {folded}" if stem else f" {folded} "
            entries.setdefault(key, (None, []))[1].append(cue)
        # Each key stores its index into the tables below. A hit ending at ``last`` starts
        # its word at ``last - back``: ``last`` is the trailing space of an exact key and the
        # last letter of a stem, so ``back`` is the key's length less two either way.
        automaton = ahocorasick.Automaton()
        keys: list[tuple[int, int]] = []
        terms: list[Term] = []
        cue_sets: list[CueSet | None] = []
        for index, (key, (place, key_cues)) in enumerate(entries.items()):
            automaton.add_word(key, index)
            keys.append((len(key) - 2, -1 if place is None else len(terms)))
            if place is not None:
                terms.append(place)
            stem = not key.endswith(" ")
            cue_sets.append(cue_set(stem, key_cues) if key_cues else None)
        automaton.make_automaton()
        return cls(automaton, gazetteer.regions, keys, terms, cue_sets, regions, severity)

    @property
    def term_count(self) -> int:
        """How many distinct keys the automaton holds (place spellings and severity words)."""
        return len(self._automaton)

    @property
    def automaton(self) -> ahocorasick.Automaton:
        """The one automaton, for the benchmark's raw-scan baseline."""
        return self._automaton

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


def load_matcher(config_dir: Path) -> Matcher:
    """The matcher for ``config_dir/regions.toml`` and ``severity.toml``; raises ConfigError
    with every problem of both files."""
    regions, problems = load_region_rules(config_dir / "regions.toml")
    severity, more = load_severity_rules(config_dir / "severity.toml")
    problems = [*problems, *more]
    if problems or regions is None or severity is None:
        raise ConfigError(problems or [ConfigProblem(str(config_dir), "", "rules did not load")])
    return Matcher.build(regions, severity)
