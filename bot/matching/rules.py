"""regions.toml and severity.toml: load, validate, and return frozen rules.

Both loaders return ``(rules, problems)``: every mistake in the file is reported in one call
(unknown key, wrong type, duplicate id, unknown parent, a cycle in region nesting, an invalid
regex, an unknown country code), each with the file and a key path such as
``regions[3].parent``. Rules are None when there is any problem, so a half-valid file never runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.matching.countries import CONTINENTS, CountryRow, country_rows, subdivision_types
from bot.matching.text import SLUG, fold, fold_term, prepare
from bot.model import Severity
from bot.problems import ConfigProblem
from bot.tomlcheck import (
    Checker,
    Table,
    boolean,
    integer,
    join,
    section,
    string,
    string_or_strings,
    strings,
)

# -- regions.toml ------------------------------------------------------------------------------


#: the smallest towns the data hold (geonames' cities5000)
TOWN_DATA = 5000


@dataclass(frozen=True, slots=True)
class GazetteerOptions:
    #: cities at or above this population are weak evidence of their country
    city_population: int
    #: country code → ISO 3166-2 subdivision types whose names tag that country
    subdivisions: tuple[tuple[str, tuple[str, ...]], ...]
    #: towns from this population up to ``city_population`` count in a text written in their
    #: country's language only (0: no towns)
    town_population: int = 0


@dataclass(frozen=True, slots=True)
class AmbiguityOptions:
    #: folded names that are also common words or first names: they need context to count
    names: frozenset[str]
    #: folded capitalised words that may sit next to an ambiguous name without making a person
    not_names: frozenset[str]
    #: folded words that, just before a name, say it is a place ("in Niger")
    prepositions: frozenset[str]
    #: folded phrases that hold a place name but name something else ("Turkish delight"):
    #: the name inside them never counts
    not_places: frozenset[str] = frozenset()
    #: folded name → folded words that, anywhere in the same text, say the name is the
    #: ordinary word ("Turkey" beside "Thanksgiving" is the bird)
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CountryOverride:
    code: str
    #: a better short name than the data package's; it also sets the region id
    name: str | None
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CuratedRegion:
    id: str
    name: str
    parents: tuple[str, ...]
    #: country codes that sit in this region
    members: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Place:
    """A curated place that is not a region of its own: its terms tag the listed regions."""

    name: str
    countries: tuple[str, ...]
    regions: tuple[str, ...]
    terms: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class RegionRules:
    gazetteer: GazetteerOptions
    ambiguity: AmbiguityOptions
    countries: tuple[CountryOverride, ...]
    regions: tuple[CuratedRegion, ...]
    places: tuple[Place, ...]


def load_region_rules(path: Path) -> tuple[RegionRules | None, list[ConfigProblem]]:
    check = Checker(str(path))
    doc = check.load(path)
    if doc is None:
        return None, check.problems
    check.keys(doc, "", ("gazetteer", "ambiguity", "countries", "regions", "places"))
    gazetteer = _gazetteer(check, check.get(doc, "", "gazetteer", section, {}))
    ambiguity = _ambiguity(check, check.get(doc, "", "ambiguity", section, {}))
    overrides = _countries(check, doc)
    rows = country_rows({o.code: o.name for o in overrides if o.name})
    regions = _regions(check, doc, rows)
    places = _places(check, doc, rows, {r.id for r in regions})
    if check.problems:
        return None, check.problems
    rules = RegionRules(gazetteer, ambiguity, overrides, regions, places)
    return rules, []


def _terms(check: Checker, key: str, value: Any) -> tuple[str, ...] | None:
    """Words and phrases to match; a trailing * makes a stem."""
    terms = strings(check, key, value)
    for i, term in enumerate(terms or ()):
        if not fold_term(term.removesuffix("*")):
            check.problem(f"{key}[{i}]", f"{term!r} has no letters or digits to match")
    return terms


#: "de:" before a severity word: it counts only in a text of that language
_LANGUAGE_MARK = re.compile(r"([a-z]{2}):(?=\S)")


def language_of(term: str) -> tuple[str | None, str]:
    """A severity word's language mark and the word without it: ``"de:Brand in"`` →
    ("de", "Brand in"); a word with no mark counts in every language (None)."""
    mark = _LANGUAGE_MARK.match(term)
    return (mark.group(1), term[mark.end():]) if mark else (None, term)


def _words(check: Checker, key: str, value: Any) -> tuple[str, ...] | None:
    """Severity words: a trailing * makes a stem, a leading * a word's head ("*streik" is
    also "Bahnstreik": the last part of a German compound), a leading "de:" a word of one
    language ("de:Brand in" is German's fire, English's label)."""
    terms = strings(check, key, value)
    for i, marked in enumerate(terms or ()):
        term = language_of(marked)[1]
        if not fold_term(term.strip("*")):
            check.problem(f"{key}[{i}]", f"{term!r} has no letters or digits to match")
        elif term.startswith("*") and " " in term.strip():
            check.problem(f"{key}[{i}]", f"{term!r}: a head (leading *) is one word")
        elif "*" in term.strip("*"):
            check.problem(f"{key}[{i}]", f"{term!r}: * stands only at a term's start or end")
    return terms


def _codes(
    check: Checker, table: Table, key: str, name: str, rows: dict[str, CountryRow]
) -> tuple[str, ...]:
    codes = check.get(table, key, name, strings, ())
    for i, code in enumerate(codes):
        if code not in rows:
            check.problem(
                f"{join(key, name)}[{i}]",
                f"unknown country code {code!r} (ISO 3166-1 alpha-2, or XK)",
            )
    return tuple(c for c in codes if c in rows)


def _gazetteer(check: Checker, table: Table) -> GazetteerOptions:
    key = "gazetteer"
    check.keys(table, key, ("city_population", "town_population", "subdivisions"))
    population = check.get(table, key, "city_population", integer(1000), 100_000)
    towns = check.get(table, key, "town_population", integer(TOWN_DATA), 0)
    if towns and towns >= population:
        check.problem(join(key, "town_population"),
                      f"must be below city_population ({population}), or left out for no towns")
        towns = 0
    subs = check.get(table, key, "subdivisions", section, {})
    pairs = []
    for code in subs:
        where = join(join(key, "subdivisions"), code)
        types = check.get(subs, join(key, "subdivisions"), code, strings, ())
        known = subdivision_types(code)
        if not known:
            check.problem(
                where, f"unknown country code {code!r}, or one without ISO 3166-2 subdivisions"
            )
            continue
        for i, t in enumerate(types):
            if t not in known:
                check.problem(
                    f"{where}[{i}]",
                    f"{code} has no subdivision type {t!r}; it has {', '.join(sorted(known))}",
                )
        pairs.append((code, types))
    return GazetteerOptions(population, tuple(pairs), towns)


def _ambiguity(check: Checker, table: Table) -> AmbiguityOptions:
    key = "ambiguity"
    check.keys(table, key, ("names", "not_names", "prepositions", "not_places", "words"))

    def folded(name: str) -> frozenset[str]:
        return frozenset(fold_term(w) for w in check.get(table, key, name, _terms, ()))

    # a phrase is matched letter for letter against the folded text, where "U.S. Open" reads
    # "u s  open": its punctuation, not its spaces, collapsed
    not_places = frozenset(
        fold(prepare(w)).strip() for w in check.get(table, key, "not_places", _terms, ())
    )
    words: dict[str, tuple[str, ...]] = {}
    table_words = check.get(table, key, "words", section, {})
    for name in table_words:
        cues = check.get(table_words, join(key, "words"), name, _terms, ())
        if cues:
            words[fold_term(name)] = tuple(fold(prepare(w)).strip() for w in cues)
    return AmbiguityOptions(folded("names"), folded("not_names"), folded("prepositions"),
                            not_places, words)


def _countries(check: Checker, doc: Table) -> tuple[CountryOverride, ...]:
    iso = set(country_rows())
    seen: set[str] = set()
    out = []
    for key, table in check.tables(doc, "", "countries"):
        check.keys(table, key, ("code", "name", "terms"))
        code = check.require(table, key, "code", string)
        name = check.get(table, key, "name", string, None)
        terms = check.get(table, key, "terms", _terms, ())
        if code is None:
            continue
        if code not in iso:
            check.problem(
                join(key, "code"), f"unknown country code {code!r} (ISO 3166-1 alpha-2, or XK)"
            )
        elif code in seen:
            check.problem(join(key, "code"), f"duplicate country {code!r}: merge the two entries")
        else:
            seen.add(code)
            out.append(CountryOverride(code, name, terms))
    return tuple(out)


def _regions(check: Checker, doc: Table, rows: dict[str, CountryRow]) -> tuple[CuratedRegion, ...]:
    builtin = {cid for cid, _ in CONTINENTS.values()} | {r.id for r in rows.values()}
    out: list[CuratedRegion] = []
    where: dict[str, str] = {}
    for key, table in check.tables(doc, "", "regions"):
        check.keys(table, key, ("id", "name", "parent", "members", "terms"))
        rid = check.require(table, key, "id", string)
        name = check.require(table, key, "name", string)
        parents = check.get(table, key, "parent", string_or_strings, ())
        members = _codes(check, table, key, "members", rows)
        terms = check.get(table, key, "terms", _terms, ())
        if rid is None or name is None:
            continue
        if not SLUG.fullmatch(rid):
            check.problem(
                join(key, "id"), f"{rid!r} is not an id: use lower-case words joined by '-'"
            )
        elif rid in builtin:
            check.problem(
                join(key, "id"), f"duplicate id {rid!r}: a continent or country already has it"
            )
        elif rid in where:
            check.problem(join(key, "id"), f"duplicate id {rid!r}: also at {where[rid]}")
        else:
            where[rid] = key
            out.append(CuratedRegion(rid, name, parents, members, terms))
    known = builtin | set(where)
    for region in out:
        for i, parent in enumerate(region.parents):
            if parent not in known:
                check.problem(
                    _parent_key(where[region.id], region, i), f"no region has the id {parent!r}"
                )
    _check_cycles(check, out, rows, where)
    return tuple(out)


def _parent_key(key: str, region: CuratedRegion, i: int) -> str:
    return join(key, "parent") if len(region.parents) == 1 else f"{join(key, 'parent')}[{i}]"


def _check_cycles(
    check: Checker, regions: list[CuratedRegion], rows: dict[str, CountryRow], where: dict[str, str]
) -> None:
    """Report each cycle once. Only curated regions can close one: a country's parents are the
    curated regions that list it as a member, so "X within serbia" plus "X lists RS" loops."""
    by_country_id = {row.id: row.code for row in rows.values()}
    member_of: dict[str, list[str]] = {}
    for region in regions:
        for code in region.members:
            member_of.setdefault(code, []).append(region.id)

    parents: dict[str, list[str]] = {}
    for region in regions:
        up = parents.setdefault(region.id, [])
        for parent in region.parents:
            if parent in where:
                up.append(parent)
            elif parent in by_country_id:
                up.extend(member_of.get(by_country_id[parent], []))

    # Depth-first walk with colours: grey = on the current path, black = finished.
    black: set[str] = set()
    for start in where:
        if start in black:
            continue
        path = [start]
        stack = [iter(parents[start])]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                black.add(path.pop())
                stack.pop()
            elif step in path:
                loop = [*path[path.index(step) :], step]
                message = "region nesting makes a cycle: " + " → ".join(loop)
                check.problem(join(where[step], "parent"), message)
            elif step not in black:
                path.append(step)
                stack.append(iter(parents[step]))


def _places(
    check: Checker, doc: Table, rows: dict[str, CountryRow], curated: set[str]
) -> tuple[Place, ...]:
    out = []
    for key, table in check.tables(doc, "", "places"):
        check.keys(table, key, ("name", "countries", "regions", "terms", "note"))
        name = check.require(table, key, "name", string)
        countries = _codes(check, table, key, "countries", rows)
        regions = check.get(table, key, "regions", strings, ())
        for i, rid in enumerate(regions):
            if rid not in curated:
                check.problem(
                    f"{join(key, 'regions')}[{i}]", f"no curated region has the id {rid!r}"
                )
        terms = check.get(table, key, "terms", _terms, ()) or ((name,) if name else ())
        note = check.get(table, key, "note", string, "")
        if name is None:
            continue
        if not countries and not regions:
            check.problem(key, "a place must name its countries or regions")
        out.append(Place(name, countries, regions, terms, note))
    return tuple(out)


# -- severity.toml -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LevelRule:
    level: Severity
    #: words and phrases; a trailing * makes a stem ("shell*" also meets "shelled")
    words: tuple[str, ...]
    #: facts (past-tense attacks): never graded down by hedges or de-escalation
    facts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Negation:
    #: cues that cancel a trigger a few words after them ("no gunfire")
    before: tuple[str, ...]
    #: cues that cancel a trigger a few words before them ("reports of shelling were denied")
    after: tuple[str, ...]
    window: int


@dataclass(frozen=True, slots=True)
class Grading:
    """Hedges (shortly before a trigger) or de-escalation (anywhere): grade down ``steps``."""

    words: tuple[str, ...]
    window: int
    steps: int


@dataclass(frozen=True, slots=True)
class FactRule:
    """A regex fact that sets a level whatever the wording ("12 people were killed").

    The pattern runs on folded text (lower case, punctuation as spaces) and only when one of
    ``words`` was seen, so a quiet text costs nothing.
    """

    name: str
    level: Severity
    words: tuple[str, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class FrameRule:
    """Words that say a sentence is not about something happening now (a drill, an
    anniversary, a trial, a film): every trigger of that sentence counts at most ``level``."""

    level: Severity
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PairRule:
    """Two kinds of word that mean more together, in one sentence, than either alone: an
    attack and a death ("clashes … there are dead"), a weapon and a hit ("a drone hit")."""

    name: str
    level: Severity
    first: tuple[str, ...]
    second: tuple[str, ...]
    #: the pair is the news of its sentence: it caps the other words there at its level, as a
    #: frame does ("summons the ambassador after the drone strike" is a diplomatic row)
    frames: bool = False


@dataclass(frozen=True, slots=True)
class SeverityRules:
    levels: tuple[LevelRule, ...]
    negation: Negation
    hedge: Grading
    deescalation: Grading
    facts: tuple[FactRule, ...]
    frames: tuple[FrameRule, ...] = ()
    together: tuple[PairRule, ...] = ()
    #: phrases that hold a severity word but name no event ("heart attack", "coup de"):
    #: no word inside them counts
    not_events: tuple[str, ...] = ()
    #: a sentence of unrest (clashes, riots, protests) and the words of the hurt: a casualty
    #: fact that counts only the hurt there is no mass-casualty event ([unrest])
    unrest: re.Pattern[str] | None = None
    hurt: re.Pattern[str] | None = None


def load_severity_rules(path: Path) -> tuple[SeverityRules | None, list[ConfigProblem]]:
    check = Checker(str(path))
    doc = check.load(path)
    if doc is None:
        return None, check.problems
    check.keys(
        doc, "", ("levels", "negation", "hedge", "deescalation", "facts", "frames", "together",
                  "not_events", "unrest"),
    )
    levels = _levels(check, check.require(doc, "", "levels", section) or {})

    neg_table = check.get(doc, "", "negation", section, {})
    check.keys(neg_table, "negation", ("before", "after", "window"))
    negation = Negation(
        check.get(neg_table, "negation", "before", _words, ()),
        check.get(neg_table, "negation", "after", _words, ()),
        check.get(neg_table, "negation", "window", integer(1), 4),
    )
    hedge = _grading(check, doc, "hedge", with_window=True)
    deescalation = _grading(check, doc, "deescalation", with_window=False)
    facts = _facts(check, doc)
    frames = _frames(check, doc)
    together = _together(check, doc)
    not_events_table = check.get(doc, "", "not_events", section, {})
    check.keys(not_events_table, "not_events", ("phrases",))
    not_events = check.get(not_events_table, "not_events", "phrases", _words, ())
    unrest_table = check.get(doc, "", "unrest", section, {})
    check.keys(unrest_table, "unrest", ("words", "hurt"))
    unrest = check.get(unrest_table, "unrest", "words", _words, ())
    hurt = check.get(unrest_table, "unrest", "hurt", _words, ())
    if check.problems:
        return None, check.problems
    return SeverityRules(
        levels, negation, hedge, deescalation, facts, frames, together, not_events,
        _any_word(unrest), _any_word(hurt),
    ), []


def _any_word(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Whole words of the folded text, or stems where a word ends in * ("riot*")."""
    if not words:
        return None
    alternatives = sorted(
        re.escape(fold_term(w.rstrip("*"))) + (r"\w*" if w.endswith("*") else "") for w in words
    )
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def _level(check: Checker, key: str, value: Any) -> Severity | None:
    text = string(check, key, value)
    if text is None:
        return None
    try:
        level = Severity.parse(text)
    except ValueError as e:
        check.problem(key, str(e))
        return None
    if level is Severity.LOW:
        check.problem(key, "low is what an update gets when no rule fires; give no rule for it")
        return None
    return level


def _frames(check: Checker, doc: Table) -> tuple[FrameRule, ...]:
    out = []
    for key, table in check.tables(doc, "", "frames"):
        check.keys(table, key, ("level", "words"))
        name = check.require(table, key, "level", string)
        words = check.require(table, key, "words", _words) or ()
        if name is None:
            continue
        try:
            level = Severity.parse(name)  # low is allowed here: it is the cap, not a trigger
        except ValueError as e:
            check.problem(join(key, "level"), str(e))
            continue
        out.append(FrameRule(level, words))
    return tuple(out)


def _together(check: Checker, doc: Table) -> tuple[PairRule, ...]:
    out = []
    for key, table in check.tables(doc, "", "together"):
        check.keys(table, key, ("name", "level", "first", "second", "frames"))
        name = check.require(table, key, "name", string)
        level = check.require(table, key, "level", _level)
        first = check.require(table, key, "first", _words) or ()
        second = check.require(table, key, "second", _words) or ()
        frames = check.get(table, key, "frames", boolean, False)
        if name is not None and level is not None and first and second:
            out.append(PairRule(name, level, first, second, frames))
    return tuple(out)


def _levels(check: Checker, table: Table) -> tuple[LevelRule, ...]:
    out = []
    for name in table:
        key = join("levels", name)
        level = _level(check, key, name)
        sub = check.get(table, "levels", name, section, {})
        check.keys(sub, key, ("words", "facts"))
        words = check.get(sub, key, "words", _words, ())
        facts = check.get(sub, key, "facts", _words, ())
        if level is not None:
            out.append(LevelRule(level, words, facts))
    return tuple(sorted(out, key=lambda r: -r.level))


def _grading(check: Checker, doc: Table, name: str, *, with_window: bool) -> Grading:
    table = check.get(doc, "", name, section, {})
    check.keys(table, name, ("words", "steps", "window") if with_window else ("words", "steps"))
    words = check.get(table, name, "words", _words, ())
    steps = check.get(table, name, "steps", integer(1), 1)
    window = check.get(table, name, "window", integer(1), 6) if with_window else 0
    return Grading(words, window, steps)


def _facts(check: Checker, doc: Table) -> tuple[FactRule, ...]:
    out = []
    names: dict[str, str] = {}
    for key, table in check.tables(doc, "", "facts"):
        check.keys(table, key, ("name", "level", "words", "pattern"))
        name = check.require(table, key, "name", string)
        level = check.require(table, key, "level", _level)
        words = check.require(table, key, "words", _words) or ()
        pattern = check.require(table, key, "pattern", _regex)
        if name is not None and name in names:
            check.problem(join(key, "name"), f"duplicate fact name {name!r}: also at {names[name]}")
        elif name is not None:
            names[name] = key
        if name is not None and level is not None and pattern is not None:
            out.append(FactRule(name, level, words, pattern))
    return tuple(out)


def _regex(check: Checker, key: str, value: Any) -> re.Pattern[str] | None:
    source = string(check, key, value)
    if source is None:
        return None
    try:
        return re.compile(_folded_letters(source))
    except re.error as e:
        check.problem(key, f"invalid regular expression: {e}")
        return None


def _folded_letters(source: str) -> str:
    """A pattern with its letters folded as the text it runs on is ("قتلى" reads "قتلي",
    "à" reads "a", "й" reads "и"), so it can be written as people spell.

    Only letters outside ASCII change: ASCII is folded already or is the pattern's own syntax
    (``\\W``, ``(?x)``).
    """
    return "".join(
        fold(ch) if not ch.isascii() and ch.isalpha() else ch for ch in prepare(source)
    )
