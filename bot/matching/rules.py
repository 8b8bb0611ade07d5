"""regions.toml and severity.toml: load, validate, and return frozen rules.

Both loaders return ``(rules, problems)``: every mistake in the file is reported in one call
(unknown key, wrong type, duplicate id, unknown parent, a cycle in region nesting, an invalid
regex, an unknown country code), each with the file and a key path such as
``regions[3].parent``. Rules are None when there is any problem, so a half-valid file never runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.matching.countries import CONTINENTS, CountryRow, country_rows, subdivision_types
from bot.matching.text import SLUG, fold_term
from bot.matching.tomlcheck import Checker, Table, join
from bot.model import Severity
from bot.problems import ConfigProblem

# -- regions.toml ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GazetteerOptions:
    #: cities at or above this population are weak evidence of their country
    city_population: int
    #: country code → ISO 3166-2 subdivision types whose names tag that country
    subdivisions: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class AmbiguityOptions:
    #: folded names that are also common words or first names: they need context to count
    names: frozenset[str]
    #: folded capitalised words that may sit next to an ambiguous name without making a person
    not_names: frozenset[str]
    #: folded words that, just before a name, say it is a place ("in Niger")
    prepositions: frozenset[str]


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
    gazetteer = _gazetteer(check, check.table(doc, "gazetteer", ""))
    ambiguity = _ambiguity(check, check.table(doc, "ambiguity", ""))
    overrides = _countries(check, doc)
    rows = country_rows({o.code: o.name for o in overrides if o.name})
    regions = _regions(check, doc, rows)
    places = _places(check, doc, rows, {r.id for r in regions})
    if check.problems:
        return None, check.problems
    rules = RegionRules(gazetteer, ambiguity, overrides, regions, places)
    return rules, []


def _terms(check: Checker, table: Table, key: str, name: str = "terms") -> tuple[str, ...]:
    terms = check.strings(table, name, key)
    for i, term in enumerate(terms):
        if not fold_term(term.removesuffix("*")):
            check.problem(f"{join(key, name)}[{i}]", f"{term!r} has no letters or digits to match")
    return terms


def _codes(
    check: Checker, table: Table, name: str, key: str, rows: dict[str, CountryRow]
) -> tuple[str, ...]:
    codes = check.strings(table, name, key)
    for i, code in enumerate(codes):
        if code not in rows:
            check.problem(
                f"{join(key, name)}[{i}]",
                f"unknown country code {code!r} (ISO 3166-1 alpha-2, or XK)",
            )
    return tuple(c for c in codes if c in rows)


def _gazetteer(check: Checker, table: Table) -> GazetteerOptions:
    key = "gazetteer"
    check.keys(table, key, ("city_population", "subdivisions"))
    population = check.integer(table, "city_population", key, 100_000, minimum=1000)
    subs = check.table(table, "subdivisions", key)
    pairs = []
    for code, _types in subs.items():
        where = join(join(key, "subdivisions"), code)
        types = check.strings(subs, code, join(key, "subdivisions"))
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
    return GazetteerOptions(population, tuple(pairs))


def _ambiguity(check: Checker, table: Table) -> AmbiguityOptions:
    key = "ambiguity"
    check.keys(table, key, ("names", "not_names", "prepositions"))

    def folded(name: str) -> frozenset[str]:
        return frozenset(fold_term(w) for w in _terms(check, table, key, name))

    return AmbiguityOptions(folded("names"), folded("not_names"), folded("prepositions"))


def _countries(check: Checker, doc: Table) -> tuple[CountryOverride, ...]:
    iso = set(country_rows())
    seen: set[str] = set()
    out = []
    for key, table in check.tables(doc, "countries", ""):
        check.keys(table, key, ("code", "name", "terms"), required=("code",))
        code = check.string(table, "code", key)
        name = check.string(table, "name", key)
        terms = _terms(check, table, key)
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
    for key, table in check.tables(doc, "regions", ""):
        check.keys(
            table, key, ("id", "name", "parent", "members", "terms"), required=("id", "name")
        )
        rid = check.string(table, "id", key)
        name = check.string(table, "name", key)
        parents = check.strings(table, "parent", key, one_allowed=True)
        members = _codes(check, table, "members", key, rows)
        terms = _terms(check, table, key)
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
    for key, table in check.tables(doc, "places", ""):
        check.keys(
            table, key, ("name", "countries", "regions", "terms", "note"), required=("name",)
        )
        name = check.string(table, "name", key)
        countries = _codes(check, table, "countries", key, rows)
        regions = check.strings(table, "regions", key)
        for i, rid in enumerate(regions):
            if rid not in curated:
                check.problem(
                    f"{join(key, 'regions')}[{i}]", f"no curated region has the id {rid!r}"
                )
        terms = _terms(check, table, key) or ((name,) if name else ())
        note = check.string(table, "note", key, "") or ""
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
class SeverityRules:
    levels: tuple[LevelRule, ...]
    negation: Negation
    hedge: Grading
    deescalation: Grading
    facts: tuple[FactRule, ...]


def load_severity_rules(path: Path) -> tuple[SeverityRules | None, list[ConfigProblem]]:
    check = Checker(str(path))
    doc = check.load(path)
    if doc is None:
        return None, check.problems
    check.keys(
        doc, "", ("levels", "negation", "hedge", "deescalation", "facts"), required=("levels",)
    )
    levels = _levels(check, check.table(doc, "levels", ""))

    neg_table = check.table(doc, "negation", "")
    check.keys(neg_table, "negation", ("before", "after", "window"))
    negation = Negation(
        _terms(check, neg_table, "negation", "before"),
        _terms(check, neg_table, "negation", "after"),
        check.integer(neg_table, "window", "negation", 4, minimum=1),
    )
    hedge = _grading(check, doc, "hedge", with_window=True)
    deescalation = _grading(check, doc, "deescalation", with_window=False)
    facts = _facts(check, doc)
    if check.problems:
        return None, check.problems
    return SeverityRules(levels, negation, hedge, deescalation, facts), []


def _level(check: Checker, text: str | None, key: str) -> Severity | None:
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


def _levels(check: Checker, table: Table) -> tuple[LevelRule, ...]:
    out = []
    for name in table:
        key = join("levels", name)
        level = _level(check, name, key)
        sub = check.table(table, name, "levels")
        check.keys(sub, key, ("words", "facts"))
        words = _terms(check, sub, key, "words")
        facts = _terms(check, sub, key, "facts")
        if level is not None:
            out.append(LevelRule(level, words, facts))
    return tuple(sorted(out, key=lambda r: -r.level))


def _grading(check: Checker, doc: Table, name: str, *, with_window: bool) -> Grading:
    table = check.table(doc, name, "")
    check.keys(table, name, ("words", "steps", "window") if with_window else ("words", "steps"))
    words = _terms(check, table, name, "words")
    steps = check.integer(table, "steps", name, 1, minimum=1)
    window = check.integer(table, "window", name, 6, minimum=1) if with_window else 0
    return Grading(words, window, steps)


def _facts(check: Checker, doc: Table) -> tuple[FactRule, ...]:
    out = []
    names: dict[str, str] = {}
    for key, table in check.tables(doc, "facts", ""):
        check.keys(
            table,
            key,
            ("name", "level", "words", "pattern"),
            required=("name", "level", "words", "pattern"),
        )
        name = check.string(table, "name", key)
        level = _level(check, check.string(table, "level", key), join(key, "level"))
        words = _terms(check, table, key, "words")
        source = check.string(table, "pattern", key)
        pattern = check.regex(source, join(key, "pattern")) if source is not None else None
        if name is not None and name in names:
            check.problem(join(key, "name"), f"duplicate fact name {name!r}: also at {names[name]}")
        elif name is not None:
            names[name] = key
        if name is not None and level is not None and pattern is not None:
            out.append(FactRule(name, level, words, pattern))
    return tuple(out)
