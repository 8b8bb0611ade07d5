"""match: which regions an update concerns and how serious it is.

``Matcher.build`` is the expensive step (the gazetteer from data packages, one Aho-Corasick
automaton over every place term and every severity word); do it once per process. After that
``Matcher.match`` is pure and cheap: fold the text once, scan it once, then run the checks of
``bot.matching.resolve`` and ``bot.matching.severity`` on the few hits.

Every automaton key is padded with spaces (``" kosovo "``) and the folded text is too, so a hit
is always a whole word: punctuation has become a space by then. Severity stems (``"shell*"``)
keep only the leading space, so they match the start of a word.

The Python work after the scan costs more than the scan, so it is kept small: each key's value
is a plain tuple made at build time, the usual update (unambiguous place names that do not
overlap) skips the checks of ``resolve``, ancestors are looked up, not walked, and the
RegionHit of a place written as the data spells it is made once (docs/MATCHING.md, Speed).
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable
from pathlib import Path

import ahocorasick

from bot.matching.gazetteer import Term, build_gazetteer
from bot.matching.resolve import Context, Located, PlaceHit, locate, longest_first
from bot.matching.rules import RegionRules, SeverityRules, load_region_rules, load_severity_rules
from bot.matching.severity import Cue, CueHit, CueSet, Grader, cue_set, cues
from bot.matching.text import fold, fold_term, prepare
from bot.model import Match, Region, RegionHit, Severity
from bot.problems import ConfigError, ConfigProblem

#: what one automaton key means: (``back``: a hit ending at ``last`` starts its word at
#: ``last - back``; the place term or None; the severity cues or None). ``last`` is the
#: trailing space of an exact key and the last letter of a stem, so ``back`` is the key's
#: length less two either way.
_Entry = tuple[int, Term | None, CueSet | None]


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
            value: _Entry = (len(key) - 2, place, found)
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

    def match(self, text: str, title: str = "", *, title_severity: bool = True) -> Match:
        """Regions and severity of an update; the title counts as part of the evidence.

        ``title_severity=False`` lets the title place the update but not grade it: a new
        segment of a developing story is as serious as what it says, not as its headline.
        """
        if title:
            title = prepare(title)
            padded = f" {title}\n{prepare(text)} "
        else:
            padded = f" {prepare(text)} "
        # Every offset below indexes both ``padded`` and ``folded``: folding keeps lengths.
        folded = fold(padded)
        places: list[PlaceHit] = []
        cued: list[CueHit] = []
        overlap = careful = False
        prev_end = 0
        for last, (back, term, key_cues) in self._automaton.iter(folded):
            if term is not None:
                start = last - back
                # Hits come in order of their end, so one that starts before the previous
                # place ended overlaps it.
                if start < prev_end:
                    overlap = True
                if term.sure is None:
                    careful = True
                prev_end = last
                places.append((start, last, term))
            if key_cues is not None:
                cued.append((last - back, last, key_cues))
        if title and not title_severity:
            # Blank the title out for grading; offsets stay valid as lengths are kept.
            cut = len(title) + 1
            blank = " " * cut
            cued = [cue for cue in cued if cue[0] >= cut]
            severity, reasons = self._grader.grade(cued, blank + padded[cut:], blank + folded[cut:])
        else:
            severity, reasons = self._grader.grade(cued, padded, folded)
        if overlap:
            places = longest_first(places)
            careful = any(term.sure is None for _, _, term in places)
        if not careful:
            # The usual update: plain place names only, nothing to resolve.
            sure = [(start, end, sense) for start, end, term in places if (sense := term.sure)]
            return self._match(padded, sure, severity, reasons)
        title_end = len(title) + 1 if title else 0
        ctx = Context(padded, folded, title_end, self._ambiguity)
        return self._match(padded, locate(places, ctx), severity, reasons)

    def _match(
        self, text: str, located: list[Located], severity: Severity, reasons: tuple[str, ...]
    ) -> Match:
        """The Match for the accepted places."""
        made = self._region_hits
        hits: dict[str, RegionHit] = {}
        for start, end, sense in located:
            said = text[start:end]
            for region in sense.regions:
                hit = hits.get(region)
                if hit is None:
                    hits[region] = made.get((region, said)) or RegionHit(region, (said,))
                elif said not in hit.terms:
                    hits[region] = RegionHit(region, (*hit.terms, said))
        if len(hits) == 1:
            (region,) = hits
            regions = self._lineage.get(region, (region,))
        else:
            # Direct hits first, then their ancestors, nearest first, never twice.
            ancestors = [self._ancestors.get(region, ()) for region in hits]
            regions = tuple(dict.fromkeys(itertools.chain(hits, *ancestors)))
        return Match(regions, tuple(hits.values()), severity, reasons)

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
