"""match: which regions an update concerns and how serious it is.

``Matcher.build`` is the expensive step (the gazetteer from data packages, one Aho-Corasick
automaton over every place term and every severity word); do it once per process. After that
``Matcher.match`` is pure and cheap: fold the text once, scan it once, then run the checks of
``bot.matching.resolve`` and ``bot.matching.severity`` on the few hits.

Every automaton key is padded with spaces (``" kosovo "``) and the folded text is too, so a hit
is always a whole word: punctuation has become a space by then. Severity stems (``"shell*"``)
keep only the leading space, so they match the start of a word.

The scan is most of the cost, so the work after it is kept small: each key's value is a plain
tuple made at build time, the usual update (unambiguous place names that do not overlap) skips
the checks of ``resolve``, and ancestors are looked up, not walked.
"""

from __future__ import annotations

import itertools
import operator
from collections import deque
from collections.abc import Iterable
from itertools import compress
from pathlib import Path

import ahocorasick

from bot.matching.gazetteer import Sense, Term, build_gazetteer
from bot.matching.resolve import Context, locate
from bot.matching.rules import RegionRules, SeverityRules, load_region_rules, load_severity_rules
from bot.matching.severity import Cue, Entry, Found, Grader, cue_set, cues
from bot.matching.text import fold, fold_term, prepare
from bot.model import Match, Region, RegionHit, Severity
from bot.problems import ConfigError, ConfigProblem

_LAST = operator.itemgetter(0)
_VALUE = operator.itemgetter(1)
_BACK = operator.itemgetter(0)
_TERM = operator.itemgetter(1)
_CUES = operator.itemgetter(2)
_SURE = operator.attrgetter("sure")


class Matcher:
    """Built once from the rules; ``match`` is then pure and safe to share."""

    def __init__(
        self,
        automaton: ahocorasick.Automaton,
        regions: tuple[Region, ...],
        region_rules: RegionRules,
        severity_rules: SeverityRules,
        terms: Iterable[Term] = (),
    ) -> None:
        self._automaton = automaton
        self._regions = regions
        self._by_id = {r.id: r for r in regions}
        self._children: dict[str, list[str]] = {}
        for region in regions:
            for parent in region.parents:
                self._children.setdefault(parent, []).append(region.id)
        self._ancestors = {r.id: self._walk_up(r.id) for r in regions}
        #: a region then its ancestors: Match.regions when the region is the only hit
        self._lineage = {rid: (rid, *up) for rid, up in self._ancestors.items()}
        # The RegionHit for a place written as the data spells it, made once: building the
        # frozen dataclass costs about as much as scanning a whole paragraph.
        self._region_hits = {
            (region, spelling): RegionHit(region, (spelling,))
            for term in terms
            for spelling in term.spellings
            for sense in term.senses
            for region in sense.regions
        }
        self._ambiguity = region_rules.ambiguity
        self._grader = Grader(severity_rules)

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
        automaton = ahocorasick.Automaton()
        for key, (place, key_cues) in entries.items():
            stem = not key.endswith(" ")
            found = cue_set(stem, key_cues) if key_cues else None
            value: Entry = (len(key) - 2, place, found)
            automaton.add_word(key, value)
        automaton.make_automaton()
        return cls(automaton, gazetteer.regions, regions, severity, gazetteer.terms.values())

    @property
    def term_count(self) -> int:
        """How many distinct keys the automaton holds (place spellings and severity words)."""
        return len(self._automaton)

    @property
    def automaton(self) -> ahocorasick.Automaton:
        """The one automaton, for the benchmark's raw-scan baseline."""
        return self._automaton

    # -- matching ------------------------------------------------------------------------------

    def match(self, text: str, title: str = "") -> Match:
        """Regions and severity of an update; the title counts as part of the evidence."""
        if title:
            title = prepare(title)
            padded = f" {title}\n{prepare(text)} "
        else:
            padded = f" {prepare(text)} "
        # Every offset below indexes both ``padded`` and ``folded``: folding keeps lengths.
        folded = fold(padded)
        # The hits are sorted into places and severity cues by C-level builtins (map, compress,
        # itemgetter) rather than a Python loop over every hit.
        found: list[Found] = list(self._automaton.iter(folded))
        values = list(map(_VALUE, found))
        severity, reasons = self._grader.grade(
            list(compress(found, map(_CUES, values))), padded, folded
        )
        places = list(compress(found, map(_TERM, values)))
        if not places:
            return Match((), (), severity, reasons)
        ends = list(map(_LAST, places))
        entries = list(map(_VALUE, places))
        starts = list(map(operator.sub, ends, map(_BACK, entries)))
        terms: list[Term] = list(map(_TERM, entries))
        sure = list(map(_SURE, terms))
        # Hits come in order of their end, so one that starts before the previous place ended
        # overlaps it. Without overlaps and with only sure terms, there is nothing to resolve.
        if all(sure) and all(map(operator.ge, starts[1:], ends)):
            saids = list(map(padded.__getitem__, map(slice, starts, ends)))
            return self._match(zip(saids, sure), severity, reasons)  # type: ignore[arg-type]
        title_end = len(title) + 1 if title else 0
        ctx = Context(padded, folded, title_end, self._ambiguity)
        located = locate(list(zip(starts, ends, terms)), ctx)
        pairs = [(padded[start:end], sense) for start, end, sense in located]
        return self._match(pairs, severity, reasons)

    def _match(
        self, located: Iterable[tuple[str, Sense]], severity: Severity, reasons: tuple[str, ...]
    ) -> Match:
        """The Match for the accepted places, each as (words as written, meaning)."""
        terms: dict[str, list[str]] = {}
        for said, sense in located:
            for region in sense.regions:
                seen = terms.get(region)
                if seen is None:
                    terms[region] = [said]
                elif said not in seen:
                    seen.append(said)
        hits = tuple([self._region_hit(region, said) for region, said in terms.items()])
        if len(terms) == 1:
            region = hits[0].region
            regions = self._lineage.get(region, (region,))
        else:
            # Direct hits first, then their ancestors, nearest first, never twice.
            ancestors = [self._ancestors.get(region, ()) for region in terms]
            regions = tuple(dict.fromkeys(itertools.chain(terms, *ancestors)))
        return Match(regions, hits, severity, reasons)

    def _region_hit(self, region: str, said: list[str]) -> RegionHit:
        if len(said) == 1:
            made = self._region_hits.get((region, said[0]))
            if made is not None:
                return made
        return RegionHit(region, tuple(said))

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
