"""The facts of an update that say which event it reports: places, names, kinds, figures.

Each reads the text the matcher already prepared and folded (``bot.matching.text.Text``) or the
``Match`` it produced; none reads the text again from scratch, and none needs the matcher.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

import ahocorasick

from bot.events.capitals import capital_people, city_ranks
from bot.events.lexicon import (
    AGE_AFTER,
    ANY_CASUALTY,
    APART,
    APART_AFTER,
    APART_ORDINALS,
    ARRESTS,
    CASUALTIES,
    CASUALTY_WORDS,
    CAUSE,
    CAUSE_REACH,
    COMPOUND_HEADS,
    CONSEQUENCE_AFTER,
    CONSEQUENCES,
    COUNT_NOUNS,
    DIED_OF_WOUNDS,
    EARLIER_AFTER,
    EARLIER_BEFORE,
    EARLIER_OPENERS,
    EARLIER_TIMES,
    EARLIER_TIMES_AFTER,
    GERMAN_DAY_PARTS,
    GERMAN_WEEKDAYS,
    KINDS,
    NAME_GENERICS,
    NONE_AFTER,
    NONE_BEFORE,
    NONE_REACH,
    NONE_UNKNOWN,
    NOT_AFTER,
    NOT_BEFORE,
    NOT_BEFORE_WORDS,
    NOT_KIND,
    NUMBER_JOINERS,
    NUMBER_ONES,
    NUMBER_WORDS,
    ONE_DIED,
    ONE_DIED_PAIRS,
    ONE_DIED_PHRASES,
    ONE_HURT,
    ONE_HURT_PHRASES,
    ONE_OF_BEFORE,
    ORDINAL_COUNTS,
    ORDINAL_DEAD,
    ORDINAL_NOT_APART,
    ORDINAL_VICTIMS,
    OTHERS_BEFORE,
    OWNERS,
    PART_AFTER,
    PART_OF,
    PART_REACH,
    RELATED,
    SAME_DAY,
    SOLIDARITY,
    STRIKE_AIR_BEFORE,
    STRIKE_LABOUR_BEFORE,
    TARGETS,
    THINGS_COUNTED,
    TIMES_OF_DAY,
    TOLL_NOUNS,
    VISITS,
)
from bot.events.shingles import STEM_LENGTH, stopwords
from bot.matching.lexicon import zipf
from bot.matching.text import Text, fold_term
from bot.model import Match

#: place kinds that name a whole country: shared by every report of a region, so no evidence
_COUNTRY_KINDS = frozenset({"country", "demonym"})
#: a figure as written: 1,000 and 1 000 and 1.000 are one thousand, 6,1 and 6.1 one magnitude
#: (a letter before it makes it part of a name, "M23", but for a magnitude: "M6.0")
_NUMBER = re.compile(r"(?:(?<![\w.,:])|(?<=\bM)(?=\d[.,]\d))"
                     r"(\d{1,3}(?:[ ,.]\d{3})+|\d+(?:[.,]\d+)?)(?![\w:]|[.,]\d)")
#: what follows a number that is a clock time or a year, never a figure of the event
_CLOCK = re.compile(r"\s*(?:h\b|hrs?\b|gmt|utc|cet|cest|est|edt|bst|ist|jst|brt|ct\b|local time|"
                    r"a\.?m\.?|p\.?m\.?|uhr|heures?)", re.IGNORECASE)
#: words between a figure and its casualty word ("nine people were killed", "23 dead"; five
#: in the Albanian "dy persona kanë mbetur të plagosur", two people have been left hurt)
_GAP = 5
_WORD = re.compile(r"[^\W_]+")
#: verbs of a toll that grows ("has risen to 23", "elevó a ocho", "stieg auf"): the figure
#: after them counts what the sentence counted, however far back it was named
_RISES = ("rise", "risen", "rose", "climb", "reach", "jump", "elev", "sube", "suben", "steig",
          "вырос", "возрос", "зросл", "augment", "passe",
          # Polish "wzrosła do pięciu", Croatian and Serbian "porastao na devet", Czech
          # "vzrostl", "stoupl", Slovak "stúpol", Italian "è salito a"
          "wzros", "porast", "narast", "vzrost", "stoupl", "stupol", "salit",
          # (twelfth round) the verbs of the other languages read, folded: Spanish "asciende",
          # Spanish, Portuguese and Italian "aumenta", Portuguese "sobe", "subiu", French
          # "grimpe", "atteint", "s'alourdit", "monte", Italian "cresciuto", German
          # "gestiegen", "erhöht", Dutch "gestegen", "stijgt", "opgelopen", Russian
          # "увеличилось", "достигло", Ukrainian "зріс", "збільшилася", "сягнула",
          # "досягла", Polish "zwiększyła", Czech and Slovak "zvýšil", "vzrástol", Serbian
          # and Croatian "povećao", "popeo" (both scripts), Albanian "u rrit", "arrin",
          # Turkish "yükseldi", Arabic "ارتفع", "ارتفاع"; English "increased", "grew", "soared"
          "asciend", "aument", "sobe", "subiu", "grimp", "atteint", "alourd", "monte",
          "cresciut", "gestieg", "erhoht", "gesteg", "stijg", "opgelop", "увеличил", "достиг",
          "зріс", "збільшил", "сягну", "досягл", "zwieksz", "zvysil", "vzrast", "poveca",
          "popeo", "повећа", "попео", "порас", "нарас", "rrit", "arrin", "yukseld", "yukseli",
          "ارتفع", "وارتفع", "يرتفع", "ارتفاع", "increas", "grew", "soar")
_RISE_REACH = 20
#: how many words after a verb of rising its figure may be: two in "rises to 37", four in the
#: Arabic "ارتفع عدد القتلى إلى 9", whose verb comes before what rose
_RISE_FIGURE = 4
#: verbs of rising that may end their clause, their figure before them: the Turkish "ölü
#: sayısı 9'a yükseldi" (the toll rose to 9), the German "ist auf 8 gestiegen", the Dutch "is
#: tot 5 gestegen"
_RISES_LAST = ("yukseld", "yukseli", "gestieg", "erhoht", "gesteg", "opgelop",
               # (fourteenth round) the Turkish "9'a çıktı" (went up to 9)
               "cikt")
#: (fourteenth round) verbs of rising read only as whole words, being the start of other
#: words too: the Italian "sale a 23 il bilancio" (not "sales"), the Portuguese "chega a
#: nove", "chegou a", the Spanish "llega a", "alcanza", the Italian "raggiunge", the German
#: "erreicht", the Serbian and Croatian "raste" (both scripts), the Polish "sięga",
#: "osiągnęła", the Arabic "ترتفع", "ارتفعت", "تجاوز"; and "worsens" ("le bilan s'aggrave",
#: "si aggrava", "se agrava"), said of a toll
_RISES_WHOLE = frozenset({
    "chegou", "llego", "alcanza", "alcanzo", "alcanzan",
    "raggiunge", "raggiunto", "erreicht", "raste", "расте", "siega", "osiagnal", "osiagnela",
    "osiagnelo", "ترتفع", "وترتفع", "ارتفعت", "وارتفعت", "تجاوز", "تجاوزت",
    "aggrave", "aggrava", "aggravato", "agrava", "agravo",
    # (twenty-first round) grows, in the present: the Polish "rośnie", "rosną", the Russian
    # "растёт", the Ukrainian "зростає"
    "rosnie", "rosna", "растет", "растёт", "зростає", "зростае",
})
#: (fourteenth round) verbs of rising that are also other words ("sale" is the Italian
#: "rooms", "chega" and "llega" arrive): read only before "a" ("sale a 23", "chega a nove",
#: "llega a 14")
_RISES_BEFORE_A = frozenset({"sale", "salgono", "chega", "chegam", "llega", "llegan"})


#: what a verb of rising starts with, and the verbs read whole (one test each per word)
_RISE_STARTS = _RISES + _RISES_LAST
_RISE_WORDS = _RISES_WHOLE | _RISES_BEFORE_A


def _rise_at(words: list[tuple[str, int]], i: int) -> bool:
    """Whether word ``i`` is a verb of rising: of ``_RISES`` or ``_RISES_LAST`` as a prefix, of
    ``_RISES_WHOLE`` whole, of ``_RISES_BEFORE_A`` with "a" after it."""
    word = words[i][0]
    if word in _RISES_BEFORE_A:
        return i + 1 < len(words) and words[i + 1][0] in ("a", "ad")
    return word.startswith(_RISE_STARTS) or word in _RISES_WHOLE


#: words for "to" before a toll's figure: past ``_RISE_FIGURE`` words from its verb, a figure
#: after one of these, up to ``_RISE_TO_REACH`` words on, still counts ("ارتفاع حصيلة قتلى
#: الانفجار إلى 23", "the death toll from Tuesday's blast in the city centre has risen to 23")
_RISE_TO = frozenset({"to", "a", "auf", "до", "na", "ne", "الي", "para", "tot", "do"})
_RISE_TO_REACH = 9
#: (twenty-first round) how far from a verb of rising the count it speaks of may be, and how
#: far from the count its casualty word (``_count_rises``)
_COUNT_REACH = 2
#: (twenty-first round) how many words before its verb a figure after a word for "to" may be
_RISE_TO_BEFORE = 2


def places(match: Match, elsewhere: Spans = ()) -> tuple[frozenset[str], frozenset[str]]:
    """The countries of the update's chosen places, and the places below a country as the
    gazetteer knows them: kind, regions and population, which "Kaboul" and "Кабуле" share.

    Curated places have no such key: the curated terms also hold heads of government and
    institutions ("Scholz", "Bundestag"), which are no place an event happens in.
    """
    countries: set[str] = set()
    keys: set[str] = set()
    for candidate in _own_places(match, countries, elsewhere):
        sense = candidate.sense
        if sense.population:
            keys.add(f"{sense.kind}:{','.join(sense.regions)}:{sense.population}")
            if sense.kind == "capital":
                keys |= _capital_city(sense.regions, sense.countries)
    return frozenset(countries), frozenset(keys)


def _capital_city(regions: tuple[str, ...], countries: frozenset[str]) -> frozenset[str]:
    """The city key of a country's capital: the matcher reads the capital's own spelling
    ("Warsaw", "Damascus") as the country's capital and its other spellings ("Warschau",
    "دمشق") as the city, two keys for one place (``capitals``)."""
    capitals = capital_people()
    people = [capitals[c] for c in countries if c in capitals]
    if len(people) != 1:
        return frozenset()
    return frozenset({f"city:{','.join(regions)}:{people[0]}"})


#: words for a capital city (folded prefixes): "the Somali capital", "la capitale irakienne",
#: "die irakische Hauptstadt", "столица Ирака", "العاصمة العراقية"
_CAPITAL = ("capital", "hauptstadt", "столиц", "stolic", "prestonic", "العاصم", "عاصم",
            # (twelfth round) Serbian Cyrillic, Turkish, Dutch, Albanian, Czech and Slovak,
            # Serbian and Croatian "glavni grad"
            "престониц", "baskent", "hoofdstad", "kryeqytet", "hlavni mest", "hlavnom mest",
            "hlavne mest", "glavni grad", "glavnom grad", "glavnog grad", "главни град",
            "главном град")


def capital(match: Match, folded: str) -> frozenset[str]:
    """The gazetteer key of the capital a text names without its name: a wire writes "the
    Iraqi capital" or "outside the capital" where another writes "Baghdad". Kept when the
    text says "capital" and names one country only (by its name, its people or its places),
    whose capital it then is; the key is the one ``places`` gives the capital by name."""
    if not any(f" {word}" in folded for word in _CAPITAL):
        return frozenset()
    chosen = [c for c in match.candidates if c.chosen and not _sovereign(c, folded)]
    named = {
        (c.sense.regions, c.sense.population) for c in chosen
        if c.sense.kind in _COUNTRY_KINDS
    }
    countries = {code for c in chosen for code in c.sense.countries}
    if len(named) != 1 or len(countries) != 1:
        # (twenty-ninth round) several countries named, one of them by the people's adjective
        # beside the word for capital: "south of the Lebanese capital", "la capitale
        # libanaise", "العاصمة اللبنانية" (an Israeli strike in a Lebanese city)
        beside = [c for c in chosen if c.sense.kind == "demonym" and _beside_capital(c, folded)]
        named = {(c.sense.regions, c.sense.population) for c in beside}
        countries = {code for c in beside for code in c.sense.countries}
        if len(named) != 1 or len(countries) != 1:
            return frozenset()
    [(regions, people)] = named
    return frozenset({f"capital:{','.join(regions)}:{people}"}) | _capital_city(
        regions, frozenset(countries))


def _beside_capital(candidate: Any, folded: str) -> bool:
    """(twenty-ninth round) The word just before or just after the candidate is a word for a
    capital ("Lebanese capital", "capitale libanaise", "libanesische Hauptstadt")."""
    before = [m.group() for m in _WORD.finditer(folded[: candidate.start])][-1:]
    after = folded[candidate.start :].split(maxsplit=2)[1:2]
    return any(w.startswith(_CAPITAL) for w in (*before, *after))


#: (twenty-ninth round) the words of a territory another country governs, folded prefixes:
#: "the French territory of New Caledonia", "territorio francés", "des französischen
#: Überseegebiets", "territoire d'outre-mer", "заморской территории"
_TERRITORY = ("territor", "uberseegebiet", "overseas", "ultramar", "outre mer", "oltremare",
              "заморск", "заморськ", "dependenc", "collectivite")
#: how many words from the adjective a territory's word may be
_TERRITORY_REACH = 2


def _sovereign(candidate: Any, folded: str) -> bool:
    """(twenty-ninth round) A people's adjective beside a territory's word names the country
    that governs it, not one of the report's ("Numea, capital del territorio francés de Nueva
    Caledonia"): the capital is the territory's."""
    if candidate.sense.kind != "demonym":
        return False
    words = [m.group() for m in _WORD.finditer(folded[: candidate.start])][-_TERRITORY_REACH:]
    after = folded[candidate.start :].split(maxsplit=_TERRITORY_REACH + 1)[1 : _TERRITORY_REACH + 1]
    near = " ".join((*words, *after))
    return any(f" {word}" in f" {near}" for word in _TERRITORY)


#: the ordinals of "the country's second city" and "third city", folded, by the rank they
#: give (0 is the country's most populous city after the first): "second", "deuxième",
#: "segunda", "seconda", "zweitgrößte", "второй", "другий", "drugie", "druhé", "ثاني"
_ORDINALS = (
    ("second", "2nd", "deuxieme", "seconde", "segunda", "seconda", "zweitgro", "втор", "друг",
     "drugi", "druhe", "druhem", "druhy", "ثاني",
     # (twelfth round) Turkish, Dutch, Albanian
     "ikinci", "tweede", "dyti"),
    ("third", "3rd", "troisieme", "tercera", "terceira", "terza", "drittgro", "трет",
     "trzeci", "treti", "ثالث",
     # (twelfth round) Turkish, Dutch, Serbian and Croatian "treći"
     "ucuncu", "derde", "treci"),
)
#: the words for a city the ordinal ranks: "city", "ville", "Stadt", "город", "місто", "miasto"
_CITY_WORDS = ("city", "ville", "ciudad", "cidade", "citta", "stadt", "город", "мист", "міст",
               "miast", "mest", "grad", "qytet", "مدين",
               # (twelfth round) the Turkish "şehir" ("ikinci büyük şehri")
               "sehir")
#: the words of size between the ordinal and the city: "largest", "по величине", "co do
#: wielkości", "největší", "أكبر"; any other word (the second *attack on the* city) ranks none
_SIZE_WORDS = ("largest", "biggest", "most", "populous", "plus", "grande", "mas", "maior",
               "piu", "по", "величине", "за", "величиною", "co", "do", "wielkosci", "nejvetsi",
               "najvacsie", "najveci", "اكبر",
               # (twelfth round) Turkish, Dutch
               "buyuk", "grootste")
#: an ordinal, words of size, a city's word; not after an indefinite article: "a second
#: city was hit" ranks nothing
_RANKED_CITY = re.compile(
    r"(?<!\ba )(?<!\bune )(?<!\bun )(?<!\buna )(?<!\beine )(?<!\bein )"
    r"(?:^|(?<=\s))(" + "|".join(w for ws in _ORDINALS for w in ws) + r")\w*"
    r"(?:[\s-]+(?:" + "|".join(_SIZE_WORDS) + r"))*[\s-]+(?:" + "|".join(_CITY_WORDS) + r")"
)
#: ordinal word → its rank in ``capitals.city_ranks``
_RANK_OF = {word: rank for rank, words in enumerate(_ORDINALS) for word in words}


def ranked_city(match: Match, folded: str) -> frozenset[str]:
    """The gazetteer key of the city a text ranks without naming it: "France's third city",
    "Egypt's second city", "la deuxième ville du pays" are, to the gazetteer, the country's
    most populous cities after the first (``capitals.city_ranks``). Kept, as ``capital``'s key,
    when the text names one country only."""
    found = _RANKED_CITY.search(folded)
    if found is None:
        return frozenset()
    named = {
        (c.sense.regions, code) for c in match.candidates
        if c.chosen and c.sense.kind in _COUNTRY_KINDS for code in c.sense.countries
    }
    if len(named) != 1:
        return frozenset()
    [(regions, code)] = named
    people = city_ranks().get(code, ())
    rank = _RANK_OF[found.group(1)]
    if rank >= len(people):
        return frozenset()
    return frozenset({f"city:{','.join(regions)}:{people[rank]}"})


def may_contain(outer: str, inner: str) -> bool:
    """Whether the place ``outer`` may hold the place ``inner`` (both keys of ``places``): a
    subdivision of the same country with more people (Pembrokeshire in Wales, Bogo in Cebu).
    The gazetteer knows no places below a subdivision's; a subdivision's people are its
    country's shared among those of its level, so a first-level one outnumbers a second-level
    one, and two of one level are equal: siblings, never one in the other."""
    kind, regions, people = outer.split(":")
    inner_kind, inner_regions, inner_people = inner.split(":")
    if kind != "subdivision" or regions != inner_regions:
        return False
    # a city's or a capital's people are its own, a subdivision's an even share of its
    # country's: a big city (Damascus, 1.6 million) outnumbers the share of the governorate
    # it lies in ("Damas", "Дамаске"), so only two subdivisions are compared by people
    return inner_kind != "subdivision" or int(people) > int(inner_people)


def place_names(match: Match, elsewhere: Spans = ()) -> frozenset[str]:
    """The places below a country, folded as written ("kharkiv", "gaza city")."""
    return frozenset(fold_term(c.written) for c in _own_places(match, set(), elsewhere))


#: (fourteenth round) the endings of an adjective made of a place's name, folded, by the
#: languages that make them, longest first: the Slavic "-ski" in its genders and cases
#: ("krakowskim Kazimierzu", "pražských Holešovicích", "olomoucké", "харківський",
#: "московской", "zagrebački", "нишком"), the Romance "-ais", "-ese", "-ano", "-ino",
#: "-ense", "-ien" ("lyonnais", "milanese", "palermitano", "bilbaíno", "portuense",
#: "parisien"). A report in another language names the city where this one names it only by
#: its adjective ("la police lyonnaise", "у харківській багатоповерхівці")
_ADJECTIVE_ENDINGS: Mapping[str, frozenset[str]] = {
    "slavic": frozenset({
        f"{k}{ending}" for k in ("sk", "ck", "zk", "ск", "цк", "зк", "шк", "жк", "чк", "ськ",
                                 "цьк", "зьк")
        for ending in (
            # Polish, Czech, Slovak, Serbian and Croatian in Latin letters (folded)
            ("i", "a", "o", "e", "y", "u", "iego", "iej", "im", "ich", "imi", "ie", "ych",
             "ym", "ymi", "eho", "emu", "em", "ou", "og", "oga", "om", "oj", "ome", "ih",
             "ima", "ega", "emu")
            if k.isascii() else
            # Russian, Ukrainian and Serbian in Cyrillic
            ("ий", "ая", "ое", "ие", "ого", "ой", "ом", "ую", "их", "им", "ими", "ому", "ей",
             "а", "е", "і", "ої", "ій", "им", "ими", "ою", "у", "и", "о", "ог", "ој")
        )
    }),
    "romance": frozenset({
        "aises", "aise", "ais", "oises", "oise", "ois", "iennes", "ienne", "iens", "ien",
        "aines", "aine", "ains", "ain", "esi", "ese", "eses", "esa", "esas", "esos", "eso",
        "anos", "anas", "ano", "ana", "ani", "ane", "inos", "inas", "ino", "ina", "ini", "ine",
        "enses", "ense", "ensi", "eta", "etas", "itano", "itana", "itani", "itane",
    }),
}
@cache
def _adjective_endings(family: str) -> tuple[frozenset[str], tuple[int, ...]]:
    """The endings folded as the text is ("й" is "и"), and their lengths, longest first: a
    word's last letters are looked up once per length, not tested against every ending."""
    folded = frozenset(fold_term(e) for e in _ADJECTIVE_ENDINGS[family])
    return folded, tuple(sorted({len(e) for e in folded}, reverse=True))


#: the languages that make place adjectives with each set of endings
_ADJECTIVE_LANGUAGES = {
    "pl": "slavic", "cs": "slavic", "sk": "slavic", "sr": "slavic", "hr": "slavic",
    "bs": "slavic", "ru": "slavic", "uk": "slavic",
    "fr": "romance", "it": "romance", "es": "romance", "pt": "romance",
}
#: what is left of an adjective once its ending is cut must be this long to be a name
_ADJECTIVE_BASE = 4


def place_adjectives(folded: str, language: str | None) -> frozenset[str]:
    """The place keys (``place_keys``) of the names the text's adjectives may be made of:
    "krakowskim" may be Kraków's ("krakow"), "olomoucké" Olomouc's, "lyonnaise" Lyon's. Only
    what meets a place the *other* report names counts (``decide._place_meeting``): an
    adjective of a country or of nothing ("russe", "italiano") meets no city below one."""
    family = _ADJECTIVE_LANGUAGES.get(language or "")
    if family is None:
        return frozenset()
    endings, lengths = _adjective_endings(family)
    common = stopwords(language or "en")
    bases: set[str] = set()
    for word in set(_WORD.findall(folded)):
        if len(word) < _ADJECTIVE_BASE + 2 or word in common:
            continue
        for length in lengths:
            ending = word[-length:]
            if ending in endings and len(word) - length >= _ADJECTIVE_BASE - 1:
                base = word[:-length]
                bases.add(base)
                # the sibilant may be the name's own ("Olomouc": "olomoucké", "Łódź":
                # "łódzki", "Ниш": "нишком") or the adjective's ("Zagreb": "zagrebački")
                if ending[:1] in "czцзшжч":
                    bases.add(base + ending[0])
                # a consonant doubled before the ending is the name's once ("lyonnais")
                if len(base) > 2 and base[-1] == base[-2]:
                    bases.add(base[:-1])
                break
    return frozenset(
        key for key in place_keys(b for b in bases if len(b) >= _ADJECTIVE_BASE - 1)
        # a skeleton of two consonants meets too many names by chance ("Týnecké": "tn")
        if key.startswith("stem:") or len(key.partition(":")[2]) >= _ADJECTIVE_SKELETON
    )


#: the fewest consonants an adjective's name meets another report's places by
_ADJECTIVE_SKELETON = 3


def same_place(a: Iterable[str], b: Iterable[str]) -> frozenset[str]:
    """The names of ``a`` that name a place of ``b``: equal once each word is cut like a
    shingle ("kharkiv" and "kharkova" are both "khark"), or with the same first consonants
    once Cyrillic is written in Latin letters ("Москву" and "Moscow" are both "mskv",
    "Kaboul" and "Kabul" "kbl"), so inflected and transliterated names meet."""
    keys_b = place_keys(b)
    return frozenset(name for name in a if not keys_b.isdisjoint(place_keys((name,))))


def place_keys(names: Iterable[str]) -> frozenset[str]:
    """Every key ``same_place`` compares, for a signature to keep."""
    return frozenset(key for name in names for form in _forms(name) for key in _place_keys(form))


#: the Arabic article, which Arabic writes joined to a city's name and Latin spellings drop
_ARABIC_ARTICLE = "ال"


def _forms(name: str) -> tuple[str, ...]:
    """The name, and without the Arabic article it starts with: "البصرة" is Basra, "الموصل"
    Mosul, "الجيزة" Giza, whose skeletons without it are the Latin spellings' ("bsr")."""
    if name.startswith(_ARABIC_ARTICLE) and len(name) > len(_ARABIC_ARTICLE) + 2:
        return name, name[len(_ARABIC_ARTICLE):]
    return (name,)


def _place_keys(name: str) -> tuple[str, ...]:
    stem = "stem:" + " ".join(w[:STEM_LENGTH] for w in name.split())
    whole = _consonants(name)
    if len(whole) < _NEAR - 1:
        return stem, "sound:" + whole[:_SKELETON]
    # one consonant more or less, or another in its place, is the same name in another
    # language ("Belgrade" and "Beograd", "Brussels" and "Bruxelles"): the skeleton and, for a
    # long one, every skeleton less one consonant are keys, so two that differ by one meet
    near = [whole[:i] + whole[i + 1 :] for i in range(len(whole))] if len(whole) >= _NEAR else []
    return stem, "sound:" + whole[:_SKELETON], "near:" + whole, *("near:" + n for n in near)


#: Cyrillic (Russian, Ukrainian, Serbian) in Latin letters, as English news spells names
_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "yi", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya", "ђ": "dj", "ј": "y", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
})
#: Arabic in Latin letters, as news spells names ("بيروت": Beirut); the long vowels are vowels
_LATIN_ARABIC = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "h", "و": "u", "ي": "i", "ى": "a", "ة": "a", "ء": "",
})
#: letters spelt differently in different transliterations ("Moscow", "Moskva")
_SAME_SOUND = str.maketrans({"w": "v", "c": "k", "q": "k"})
_VOWELS = re.compile(r"[aeiouy\s'-]+")
_DOUBLED = re.compile(r"(.)\1+")
#: consonants compared: enough to keep "Kharkiv" (khrk) from "Kherson" (khrs)
_SKELETON = 4
#: names of at least this many consonants also meet one consonant apart (``_place_keys``);
#: shorter ones differ by one in too many ways ("Gaza" and "Goma")
_NEAR = 4


def _consonants(name: str) -> str:
    latin = name.translate(_LATIN).translate(_LATIN_ARABIC).translate(_SAME_SOUND)
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", latin))


def _own_places(match: Match, countries: set[str], elsewhere: Spans) -> Iterable[Any]:
    """The places below a country (``_below_country``) but those named only in a clause that
    tells of another, earlier happening (``elsewhere``), when the report names a place of its
    own outside it: "arrested four suspects near Samarra … hours after a car bomb killed eight
    soldiers in Tikrit" is Samarra's. A report whose only place is in such a clause keeps it
    ("hours after the quake hit Van, rescuers…")."""
    below = list(_below_country(match, countries))
    if not elsewhere:
        return below
    own = [c for c in below if not _inside(elsewhere, c.start)]
    return own or below


def _below_country(match: Match, countries: set[str]) -> Iterable[Any]:
    for candidate in match.candidates:
        if candidate.chosen:
            countries.update(candidate.sense.countries)
            if candidate.sense.kind not in _COUNTRY_KINDS:
                yield candidate


#: (sixteenth round) the words that make a place's name its region's: "in Sumy region", "the
#: Taroudant region", "Kherson oblast", "Borno state" after the name; "région de Taroudant",
#: "provincia di Bari", "Region Hannover" before it. The gazetteer reads the name as the city
#: of that name, which the report does not speak of
_REGION_AFTER = ("region", "oblast", "province", "governorate", "state")
_REGION_BEFORE = ("region", "regiao", "regione", "regio", "province", "provincia", "oblast",
                  "oblasti", "gebiet", "landkreis", "провинции", "провинция", "провінції",
                  "провінція")
_REGION_JOINERS = ("of ", "de ", "di ", "da ", "do ", "del ", "")


def region_named(match: Match, folded: str) -> frozenset[str]:
    """The keys (gazetteer keys and ``place_keys``) of the places the text names only as a
    region around them ("Shostka in Sumy region": Sumy), not as the place it happened in;
    ``decide`` does not let another report's city meet them when this report names a city of
    its own ("Missile hits central Sumy" is not the shelling of Shostka)."""
    padded = f" {folded} "
    out: set[str] = set()
    for candidate in _below_country(match, set()):
        name = fold_term(candidate.written)
        if not name or not _named_as_region(padded, name):
            continue
        if _named_plainly(padded, name):
            continue  # named as the city somewhere too: "Sumy region … in central Sumy"
        sense = candidate.sense
        if sense.population:
            out.add(f"{sense.kind}:{','.join(sense.regions)}:{sense.population}")
        out |= place_keys((name,))
    return frozenset(out)


def _named_as_region(padded: str, name: str) -> bool:
    return any(f" {name} {word} " in padded for word in _REGION_AFTER) or any(
        f" {word} {joiner}{name} " in padded
        for word in _REGION_BEFORE for joiner in _REGION_JOINERS)


def _named_plainly(padded: str, name: str) -> bool:
    """The name appears at least once with no region word next to it."""
    plain = padded
    for word in _REGION_AFTER:
        plain = plain.replace(f" {name} {word} ", "  ")
    for word in _REGION_BEFORE:
        for joiner in _REGION_JOINERS:
            plain = plain.replace(f" {word} {joiner}{name} ", "  ")
    return f" {name} " in plain


def demonyms(match: Match) -> frozenset[str]:
    """Countries named by their people ("Russian drones", "les rebelles congolais")."""
    return frozenset(
        country for c in match.candidates if c.chosen and c.sense.kind == "demonym"
        for country in c.sense.countries
    )


def names(text: Text, match: Match) -> frozenset[str]:
    """Names that are not places: people, groups, agencies ("Syniehubov", "AFAD", "KFOR").

    A name is a capitalised word inside a sentence that is no place the matcher found and no
    common word of the language. A Title Case headline's words prove nothing, so only its
    all-capital words count there.
    """
    taken = {c.start for c in match.candidates if c.chosen}
    common = stopwords(text.language or "en")
    original, folded = text.original, text.folded
    title_case = _title_case(original[: text.body])
    out: set[str] = set()
    for found in _WORD.finditer(original):
        word = found.group()
        start = found.start()
        if not word[0].isupper() or start in taken or len(word) < 3 or word.isdigit():
            continue
        if start < text.body and title_case and not word.isupper():
            continue
        if _starts_sentence(original, start):
            continue  # a sentence's first word is capitalised whatever it is
        whole = folded[start : found.end()]
        if (whole not in common and whole not in NAME_GENERICS
                and not _common_word(whole, text.language or "en")):
            out.add(whole[:STEM_LENGTH])
    return frozenset(out)


def _starts_sentence(original: str, start: int) -> bool:
    at = start - 1
    while at >= 0 and original[at] in " \t":
        at -= 1
    return at < 0 or original[at] in ".!?:\n\"'«“(-–—"


#: a word at least this common (Zipf) is no name though capitalised: weekdays, "South", "City"
_COMMON_ZIPF = 4.0


def _common_word(word: str, language: str) -> bool:
    return max(zipf(word, "en"), zipf(word, language)) >= _COMMON_ZIPF


def kinds(folded: str, *, deadly: bool = False, language: str | None = None) -> frozenset[str]:
    """The kinds of event the folded text speaks of (``lexicon.KINDS``): one scan of an
    Aho-Corasick automaton of every kind's words, as the matcher scans for severity words.

    ``deadly``: the text gives dead (``casualties``). An English "strike" that no word before
    it says is a walkout is then an air strike ("Odesa apartment strike toll rises to 8"): a
    walkout kills no one. ``language``: a German text's compounds are read by their last word
    too ("Gasexplosion", ``lexicon.GERMAN_HEADS``), and a Dutch text's ("woningbrand",
    ``lexicon.DUTCH_HEADS``)."""
    found: set[str] = set()
    #: the kinds named as a cause ("after deadly quake"), and those named otherwise too
    causes: set[str] = set()
    own: set[str] = set()
    padded = f" {folded} "
    for end, (start_offset, of_word) in _kind_automaton().iter(padded):
        start = end - start_offset
        word = _word_at(padded, start)
        if word in NOT_KIND:
            continue
        before = _words_before(padded, start, CAUSE_REACH)
        cause = not CAUSE.isdisjoint(before)
        for kind in of_word:
            previous = before[-1:] if kind in NOT_AFTER else []
            if previous and previous[0] in _not_after(kind):
                continue
            # (the next word with a space after it, so that an entry ending in one is a
            # whole word: "the " is not "then")
            if (kind in NOT_BEFORE
                    and word.startswith(NOT_BEFORE_WORDS.get(kind, ""))
                    and (_word_at(padded, start + len(word) + 1) + " ").startswith(
                        NOT_BEFORE[kind])):
                continue  # "wybuchł pożar": a fire broke out
            found.add(kind)
            (causes if cause else own).add(kind)
    if language in COMPOUND_HEADS:
        heads = _compound_kind(language)
        for compound in _compound(language).finditer(padded):
            kind = heads[compound.group(1)]
            cause = not CAUSE.isdisjoint(_words_before(padded, compound.start(), CAUSE_REACH))
            found.add(kind)
            (causes if cause else own).add(kind)
    for strike in re.finditer(r"(\w+) strikes? ", folded):
        before_strike = strike.group(1)
        if before_strike in STRIKE_LABOUR_BEFORE:
            found.add("walkout")
            own.add("walkout")
        elif before_strike in STRIKE_AIR_BEFORE or deadly:
            found.add("airstrike")
            own.add("airstrike")
    if causes and any(kind not in causes and _NEIGHBOURS.get(kind, frozenset()).isdisjoint(causes)
                      for kind in own):
        # a happening of its own kind that came of another ("residents protest over unsafe
        # buildings after deadly quake", "relatives block road … over ferry sinking"): the
        # cause is what it speaks of, not what it reports, wherever else the text names it
        return frozenset(found - causes)
    return frozenset(found)


@cache
def _not_after(kind: str) -> frozenset[str]:
    """``lexicon.NOT_AFTER`` folded as the text is: "тепловой" is "тепловои"."""
    return frozenset(fold_term(word) for word in NOT_AFTER[kind])


@cache
def _compound_kind(language: str) -> dict[str, str]:
    """Each compound head's kind in a language that writes compounds as one word, folded
    (``lexicon.COMPOUND_HEADS``: "Gasexplosion", "woningbrand")."""
    return {fold_term(head): kind for kind, heads in COMPOUND_HEADS[language].items()
            for head in heads}


@cache
def _compound(language: str) -> re.Pattern[str]:
    """A word of at least three letters before a head, and an ending of case or number
    ("Gasexplosionen", "Großbrandes", "woningbranden"); the head alone is a word the automaton
    reads."""
    heads = "|".join(sorted(_compound_kind(language), key=len, reverse=True))
    return re.compile(rf"(?<= )[^\W\d_]{{3,}}({heads})(?:en|es|e|s|n)?(?= )")


#: a bank that is land: the West Bank, a river's or a city's left and right banks, a river
#: that bursts its banks
_LAND_BANK = re.compile(r" (?:west|left|right|river|its|their|south|north|east) banks? ")


def targets(folded_title: str) -> frozenset[str]:
    """The classes of what the title says the happening struck, or who took part
    (``lexicon.TARGETS``): "clinic" is medical, "industrial plant" industry, "Lagerhalle" and
    "склад" storage, "Rolnicy" and "tractors" farmers."""
    padded = f" {folded_title} "
    found = frozenset(
        kind for end, (length, of_word) in _target_automaton().iter(padded) for kind in of_word
        if not (kind == "medical" and _patients_there(padded, end - length))
    )
    if "car" in found and "explosion" in kinds(folded_title):
        return found - {"car"}  # the car bomb is the weapon, not what was hit
    if "bank" in found and _LAND_BANK.search(padded):
        return found - {"bank"}  # the West Bank, a river's banks: land, not a branch
    return found


def times_of_day(folded_lead: str) -> frozenset[str]:
    """The parts of the day ("morning", "evening": ``lexicon.TIMES_OF_DAY``) a report's title
    and first sentence say its happening was in: "Schüsse am Morgen in Borgerhout" is the
    morning, "In Deurne zijn vanavond schoten gelost" the evening."""
    padded = f" {folded_lead} "
    return frozenset(part for _, (_, parts) in _time_automaton().iter(padded) for part in parts)


#: (twenty-third round) a clock time in a report's lead: "at 07:40", "à 7h40", "um 7:40
#: Uhr", "just after 1 a.m.", "at 11pm"; not one given in UTC or GMT (an agency's notice of a
#: quake a local report tells in local time), nor a year or a figure with a decimal point
_CLOCK_24 = re.compile(
    r"(?<![\d:.,])([01]?\d|2[0-3])[:h](\d{2})(?![\d])(?!:\d{2}\s*(?:utc|gmt))"
    r"(?!\s*(?:utc|gmt|z\b))", re.IGNORECASE)
_CLOCK_12 = re.compile(
    r"(?<![\d:.,])(1[0-2]|0?[1-9])(?::[0-5]\d)?\s?([ap])\.?\s?m\b", re.IGNORECASE)
#: the parts of the day an hour is in; an hour at the edge of two is in both
_HOUR_PARTS: tuple[frozenset[str], ...] = tuple(
    frozenset(part for part, (first, last) in {
        "night": (-3, 5), "morning": (5, 11), "midday": (11, 13), "afternoon": (12, 17),
        "evening": (17, 22),
    }.items() if first <= hour <= last or first <= hour - 24 <= last)
    for hour in range(24)
)


def clock_parts(original_lead: str) -> frozenset[str]:
    """(twenty-third round) The parts of the day the clock times of a report's lead fall in:
    "struck just after 1 a.m." is the night, "alle 07:40" the morning (``_HOUR_PARTS``). A
    quake at one in the night and a tremor at twenty to eight are two, as "this morning" and
    "this evening" are."""
    parts: set[str] = set()
    for found in _CLOCK_24.finditer(original_lead):
        if int(found.group(2)) < 60:
            parts |= _HOUR_PARTS[int(found.group(1))]
    for found in _CLOCK_12.finditer(original_lead):
        hour = int(found.group(1)) % 12 + (12 if found.group(2).lower() == "p" else 0)
        parts |= _HOUR_PARTS[hour]
    return frozenset(parts)


@cache
def _consequence() -> re.Pattern[str]:
    def either(words: Iterable[str]) -> str:
        return "|".join(sorted({re.escape(fold_term(w)) for w in words}, key=len, reverse=True))
    def word(words: Iterable[str]) -> str:
        return rf"(?<!\w)(?:{either(words)})(?!\w)"
    # (twenty-fifth round) an official's visit, and an owner's arrest, in either order
    owner, arrest = word(OWNERS), word(ARRESTS)
    return re.compile(
        rf"{word(CONSEQUENCES)}.*?{word(CONSEQUENCE_AFTER)}"
        # or the happening first, when the title opens with it ("Nach Erdbeben: Pozzuoli
        # schließt Schulen")
        rf"|^\W*{word(CONSEQUENCE_AFTER)}.*?{word(CONSEQUENCES)}|{word(VISITS)}"
        rf"|{owner}.*?{arrest}|{arrest}.*?{owner}")


def consequence(folded_title: str) -> bool:
    """(twenty-third round) The title tells of what an authority did after a happening, as
    its own news: officials suspended, a resignation, schools closed "after" or "over" it
    (``lexicon.CONSEQUENCES``). A consequence is its own happening, though it shares the
    happening's place, kind and toll: "Giza governor suspends district officials after
    building collapse" is not the collapse."""
    return _consequence().search(folded_title) is not None


@cache
def _time_automaton() -> ahocorasick.Automaton:
    return _automaton(_times_with_compounds())


def _times_with_compounds() -> dict[str, tuple[str, ...]]:
    """``lexicon.TIMES_OF_DAY`` and the German weekday compounds ("sonntagnachmittag": the
    afternoon), which begin with the weekday, where the automaton reads them."""
    times = {part: tuple(words) for part, words in TIMES_OF_DAY.items()}
    for part, endings in GERMAN_DAY_PARTS.items():
        times[part] += tuple(day + ending for day in GERMAN_WEEKDAYS for ending in endings)
    return times


#: the words that take the hurt to a hospital or keep them there: "six children in hospital",
#: "two taken to hospital", "ins Krankenhaus", "14 osób w szpitalu", "do nemocnice", "в
#: больницу", "до лікарні"
_TO_HOSPITAL = frozenset({"in", "to", "into", "ins", "im", "w", "do", "v", "в", "до", "u", "na",
                          # (twelfth round) the Ukrainian "у лікарні", the Albanian "në spital",
                          # the Spanish "al hospital", the Italian "all'ospedale", the
                          # Portuguese "ao hospital", the Dutch "naar het ziekenhuis", the
                          # French "à l'hôpital", the Arabic "إلى المستشفى" (folded "الي"),
                          # "في المستشفى"
                          "у", "ne", "al", "all", "ao", "naar", "het", "l", "الي", "في"})
#: how many words before that a figure of people is looked for
_PATIENTS_REACH = 4


def _patients_there(padded: str, start: int) -> bool:
    """Whether the medical word after ``start`` (its space) is where the hurt were taken, not
    what was struck: "hospitalised", or the hospital a counted few were taken to or are in
    ("Chlorine leak at Czech waterworks, six children in hospital" names no hospital hit)."""
    if _word_at(padded, start).startswith(("hospitalis", "hospitaliz")):
        return True
    before = _words_before(padded, start, _PATIENTS_REACH + 1)
    if not before or before[-1] not in _TO_HOSPITAL:
        return False
    return any(w.isdigit() or w in _number_words() for w in before[:-1])


@cache
def _target_automaton() -> ahocorasick.Automaton:
    return _automaton(TARGETS)


#: each kind's neighbours (``lexicon.RELATED``)
_NEIGHBOURS: dict[str, frozenset[str]] = {
    kind: frozenset(other for pair in RELATED if kind in pair for other in pair - {kind})
    for pair in RELATED for kind in pair
}


#: how far back ``_words_before`` looks first: a few words, not the whole text before
_LOOK_BACK = 160


def _words_before(padded: str, start: int, count: int) -> list[str]:
    """The ``count`` whole words before ``start`` (fewer at the text's start): what
    ``padded[:start].rsplit(None, count)[-count:]`` gives, without copying the text before."""
    if start > _LOOK_BACK:
        words = padded[start - _LOOK_BACK : start].rsplit(None, count)
        # the window's first word may be cut: good only when more words than asked were seen
        if len(words) > count:
            return words[-count:]
    return padded[:start].rsplit(None, count)[-count:]


def _word_at(padded: str, start: int) -> str:
    """The whole word an automaton key (" word") found at ``start`` begins."""
    return padded[start + 1 : padded.find(" ", start + 1)]


#: the word sets folded as the text is, once: the lists are written as each language spells
#: its words, and folding turns "й" into "и", so "другой" and "інший" as written never met
_APART = frozenset(fold_term(w) for w in APART)
_APART_AFTER = frozenset(fold_term(w) for w in APART_AFTER)
_SOLIDARITY = tuple(f" {fold_term(phrase)} " for phrase in SOLIDARITY)
_APART_ORDINALS = frozenset(fold_term(w) for w in APART_ORDINALS)
_ORDINAL_NOT_APART = frozenset(fold_term(w) for w in ORDINAL_NOT_APART)
_NONE_UNKNOWN = frozenset(fold_term(w) for w in NONE_UNKNOWN)


def sets_apart(folded: str, elsewhere: Spans = ()) -> bool:
    """Whether the text says its happening is another than one reported before: a word of
    ``lexicon.APART`` at most two words before a kind's word ("a separate fire destroyed a
    warehouse … as firefighters were stretched by the wildfire"), or that it was held in
    solidarity with others (``lexicon.SOLIDARITY``).

    (twenty-seventh round) Not a kind's word inside a clause that tells of another, earlier
    happening (``elsewhere``): "an explosion ripped through a fuel tank in the port of Durban
    …, hours after a separate fire on a container ship" sets the fire apart from the
    explosion, not the explosion from one reported before."""
    padded = f" {folded} "
    if any(phrase in padded for phrase in _SOLIDARITY):
        return True
    for end, (start_offset, _) in _kind_automaton().iter(padded):
        if _word_at(padded, end - start_offset) in NOT_KIND:
            continue
        # the automaton's key begins with the space before the word: in ``folded`` the
        # word begins where the space is in ``padded``
        if elsewhere and _inside(elsewhere, end - start_offset):
            continue
        before = _words_before(padded, end - start_offset, 2)
        if (not _APART.isdisjoint(before) or (before and before[-1] in _APART_ORDINALS)
                # (thirtieth round) or one word before that, past a word of the kind
                # ("a second bar shooting", "second gas explosion in a day"), not of a time
                # or a rank ("for a second day, drones struck")
                or (len(before) == 2 and before[0] in _APART_ORDINALS
                    and before[1] not in _ORDINAL_NOT_APART)
                or _word_after(padded, end - start_offset) in _APART_AFTER):
            return True
    return False



def _word_after(padded: str, start: int) -> str:
    """The whole word after the one an automaton key (" word") found at ``start`` begins."""
    after = padded.find(" ", start + 1) + 1
    return padded[after : padded.find(" ", after)] if after else ""


def numbers(original: str, elsewhere: Spans = ()) -> frozenset[str]:
    """Every figure of the text as a normalised string ("1000", "6.1"), but clock times and
    years, which any two reports of one day share by chance, and the figures of another
    happening or of a part of a toll (``elsewhere``)."""
    out: set[str] = set()
    for found in _NUMBER.finditer(original):
        written = found.group(1)
        if _CLOCK.match(original, found.end()) or _inside(elsewhere, found.start(1)):
            continue
        if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", written):
            value = re.sub(r"[ ,.]", "", written)
        else:
            value = written.replace(",", ".")
        if len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2100:
            continue
        measure = _MEASURE.match(original, found.end())
        # (twenty-third round) a measure is a figure of its unit: "a depth of 3 km" meets
        # another report's "3 km", not "three injured"
        out.add(value + _UNITS[measure.group(1).lower()[:2]] if measure else value)
    return frozenset(out)


#: (twenty-third round) a unit of length, weight, area or share just after a figure, in the
#: languages read: "3 km", "10 kilometres", "5 metri", "4 км", "40 %", "200 ha"
_MEASURE = re.compile(
    r"\s?(km|kilom|chilom|kilóm|кил|км|m\b|metr|mètr|métr|метр|м\b|mi\b|mile|kg|cm|mm|%|ha\b|hect|ett)",
    re.IGNORECASE)
_UNITS: dict[str, str] = {
    "km": "km", "ki": "km", "ch": "km", "кк": "km", "ки": "km", "км": "km",
    "m": "m", "me": "m", "mè": "m", "mé": "m", "ме": "m", "м": "m",
    "mi": "mi", "kg": "kg", "cm": "cm", "mm": "mm", "%": "%", "ha": "ha", "he": "ha",
    "et": "ha",
}


#: spans of a text (start and end offsets, in its folded and original forms alike)
Spans = tuple[tuple[int, int], ...]

_EARLIER_TIMES = frozenset(fold_term(w) for w in EARLIER_TIMES)
_EARLIER_AFTER = frozenset(fold_term(w) for w in EARLIER_AFTER)
_EARLIER_BEFORE = frozenset(fold_term(w) for w in EARLIER_BEFORE)
_EARLIER_TIMES_AFTER = frozenset(fold_term(w) for w in EARLIER_TIMES_AFTER)
#: the phrases of ``PART_OF`` by their first word: each word of a text looks up only the
#: phrases it may begin (every phrase tried at every word was half of ``sign``'s time)
_PART_OF: dict[str, list[tuple[str, ...]]] = {}
for _phrase in PART_OF:
    _words = tuple(fold_term(_phrase).split())
    _PART_OF.setdefault(_words[0], []).append(_words)
_SAME_DAY: dict[str, list[tuple[str, ...]]] = {}
for _phrase in SAME_DAY:
    _words = tuple(fold_term(_phrase).split())
    _SAME_DAY.setdefault(_words[0], []).append(_words)
#: where a clause ends in the original text: a comma, a stop, a colon or a dash, the line
#: break between the title and the text, the Arabic comma (not the comma of "1,200")
_EARLIER_OPENERS = frozenset(fold_term(w) for w in EARLIER_OPENERS)
#: the end of a sentence (a stop not inside a figure)
_SENTENCE_END = re.compile(r"[.!?\n](?!\d)")
#: what may stand before a sentence's first word
_SENTENCE_START = re.compile(r"(?:^|[.!?\n/|\u2014\u2013]|\s[-\u2014\u2013])[\s\"'«“]*$")
_CLAUSE_END = re.compile(r"[,;:.!?\n\u2014\u2013\u060c\u061b](?!\d)")


@lru_cache(maxsize=64)
def _word_list(folded: str) -> list[tuple[str, int]]:
    """The words of a folded text with their offsets, read once for ``elsewhere``,
    ``reference_points`` and the toll (``_read``), which each sign reads. Shared: not to be
    changed by a caller."""
    return [(m.group(), m.start()) for m in _WORD.finditer(folded)]


@lru_cache(maxsize=64)
def elsewhere(folded: str, original: str) -> Spans:
    """(twentieth round) The parts of the text whose figures are not its happening's toll:
    a clause that tells of another, earlier happening by its distance in time, from its
    "hours after" to the clause's end ("… near Samarra on Wednesday evening, hours after a
    car bomb killed eight soldiers in Tikrit, the army said": eight is the Tikrit bombing's,
    ``lexicon.EARLIER_TIMES``), and the words that count a part of a toll already given
    ("nine dead, among them two children": ``lexicon.PART_OF``)."""
    words = _word_list(folded)
    spans: list[tuple[int, int]] = []
    for (first, start), (second, _) in pairwise(words):
        if ((first in _EARLIER_TIMES and second in _EARLIER_AFTER)
                or (first in _EARLIER_BEFORE and second in _EARLIER_TIMES_AFTER)):
            end = _CLAUSE_END.search(original, start)
            spans.append((start, end.start() if end else len(original)))
    for word, start in words:
        # (twenty-second round) "Earlier that night an explosive also went off in Charlois."
        if word in _EARLIER_OPENERS and _SENTENCE_START.search(original, 0, start):
            end = _SENTENCE_END.search(original, start)
            spans.append((start, end.start() if end else len(original)))
    plain = [w for w, _ in words]
    for i, word in enumerate(plain):
        for phrase in _SAME_DAY.get(word, ()):
            # (twenty-ninth round) "…, on the same day a condominium collapsed in Bangkok"
            # (not where it, or it after a preposition, "On the same day", opens a sentence)
            if (tuple(plain[i : i + len(phrase)]) == phrase
                    and not _SENTENCE_START.search(original, 0, words[i][1])
                    and not (i and _SENTENCE_START.search(original, 0, words[i - 1][1]))):
                end = _CLAUSE_END.search(original, words[i][1])
                spans.append((words[i][1], end.start() if end else len(original)))
        for phrase in _PART_OF.get(word, ()):
            if tuple(plain[i : i + len(phrase)]) == phrase:
                last = min(len(words), i + len(phrase) + PART_REACH) - 1
                spans.append((words[i][1], words[last][1] + len(words[last][0])))
    return tuple(spans)


#: (twenty-ninth round) a distance's unit, folded ("30 km", "une trentaine de kilomètres",
#: "30 Kilometer", "в 30 км", "20 miles")
_DISTANCE_UNIT = re.compile(
    r"(?:km|kms|kilomet\w*|kilometr\w*|chilometr\w*|километр\w*|кілометр\w*|км|miles?)")
#: the words that make a place after a distance the point it is measured from: "30 km from
#: Nouméa", "north of", "à 30 km de", "im 30 Kilometer entfernten Karlsruhe", "a 30
#: chilometri da", "в 30 км от", "30 km od", "uzaklıktaki"
_DISTANCE_FROM = frozenset({
    "from", "of", "away", "outside", "de", "du", "des", "d", "da", "dal", "dalla", "dallo",
    "di", "do", "dos", "von", "vom", "entfernt", "entfernten", "entfernte", "entfernter",
    "entferntes", "от", "від", "од", "od", "ze", "uzaklikta", "uzakliktaki", "عن", "من",
})
#: how many words after the unit the word of "from" may come ("30 km north-east of")
_DISTANCE_REACH = 4
#: how many words of a place's name follow it
_DISTANCE_NAME = 3


@lru_cache(maxsize=64)
def reference_points(folded: str, original: str) -> Spans:
    """(twenty-ninth round) The places a report measures a distance from: "a bushfire burned
    300 hectares above Païta, some thirty kilometres from Nouméa", "im 30 Kilometer
    entfernten Karlsruhe". They say where the happening is not, when the report names a
    place of its own besides (``_own_places``; "28 km NE of Taroudant" alone keeps
    Taroudant)."""
    words = _word_list(folded)
    spans: list[tuple[int, int]] = []
    for i, (word, start) in enumerate(words):
        if not _DISTANCE_UNIT.fullmatch(word):
            continue
        for j in range(i + 1, min(len(words), i + 1 + _DISTANCE_REACH)):
            if words[j][0] in _DISTANCE_FROM:
                last = min(len(words), j + 1 + _DISTANCE_NAME) - 1
                end = _CLAUSE_END.search(original, words[j][1])
                stop = words[last][1] + len(words[last][0])
                spans.append((start, min(stop, end.start()) if end else stop))
                break
    return tuple(spans)


def _inside(spans: Spans, at: int) -> bool:
    return any(start <= at < end for start, end in spans)


def casualties(folded: str, original: str) -> dict[str, int]:
    """The highest figure the text gives of the dead, the injured and the missing.

    A figure counts when a casualty word of ``lexicon.CASUALTIES`` is at most ``_GAP`` words
    after it ("nine people were killed") or just before it ("death toll rises to 23",
    "погибли пять"). Figures are digits or the number words of ``lexicon.NUMBER_WORDS``.
    A casualty word said to be none ("no one was hurt", "no casualties", "никто не
    пострадал") is a figure of 0 where the text gives no other.
    """
    return dict(_counted(folded, original)[0])


def casualty_figures(folded: str, original: str) -> frozenset[int]:
    """Every figure of the dead, the injured and the missing the text gives, not only the
    highest: "killing two officers … hours after a car bomb killed 15" gives 2 and 15, and 2
    is what the other reports of the roadside bomb say."""
    return _counted(folded, original)[1]


#: a text's words with their offsets, each word's figure (``_values``) and casualty category
_Read = tuple[list[tuple[str, int]], list[int | None], list[str | None]]


@lru_cache(maxsize=64)
def _read(folded: str, original: str) -> _Read:
    """The words, figures and casualty words of a text, read once for ``casualties`` and
    ``toll_rises`` alike."""
    words = _word_list(folded)
    values = _values(words, original)
    categories = [_casualty(w) for w, _ in words]
    for i in _ordinal_tolls(words, values):
        # (twenty-ninth round) "a third victim", "second body": the victim is of the dead
        categories[i + 1] = "dead"
    return words, values, categories


def counted_figures(folded: str, original: str) -> frozenset[str]:
    """(twenty-second round) Every casualty figure with what it counts ("dead:2",
    "injured:15"): a figure two reports share is evidence of one happening only when it
    counts the same people in both, or people in neither (``decide``)."""
    return frozenset(f"{category}:{value}" for category, value in _counted(folded, original)[2])


@lru_cache(maxsize=64)
def _counted(
    folded: str, original: str
) -> tuple[dict[str, int], frozenset[int], frozenset[tuple[str, int]]]:
    words, values, categories = _read(folded, original)
    sentences = _sentence_of(original, words)
    spans = elsewhere(folded, original)
    out: dict[str, int] = {}
    figures: set[int] = set()
    tolled: set[tuple[str, int]] = set()
    for i, value in enumerate(values):
        if value is None or (i and words[i - 1][0] in NONE_BEFORE):
            continue  # "no one was hurt" counts nobody, not one
        if _inside(spans, words[i][1]):
            continue  # another happening's toll, or a part of this one's
        if _part_after(words, i):
            continue  # "15 hurt, two of them badly": a part of a toll given
        if _one_of(words, i):
            # "une des trois victimes est décédée": the group, a figure to share, not the dead
            figures.add(value)
            continue
        if i + 1 < len(words) and words[i + 1][0].startswith(THINGS_COUNTED):
            # (twenty-ninth round) "destroyed 14 homes and injured a firefighter": the figure
            # counts homes, not the injured after it
            continue
        category = None
        if any(_rise_at(words, j) for j in range(max(0, i - 3), i)):
            # "the number of people killed in the bombing … has risen to 23": a figure a
            # verb of rising gives counts what its sentence counted, before the words after
            # it ("liczba zabitych wzrosła do pięciu, a rannych do 14": five dead)
            far = categories[max(0, i - _RISE_REACH) : i]
            category = next((c for c in reversed(far) if c), None)
        # "nine dead", then "killing at least nine", then "nine people were killed": in
        # "killing nine people and wounding 20", nine is the dead and 20 the wounded. Only
        # in the figure's own sentence: a title's "… faz um ferido" says nothing of the
        # text's first words, "Dois automóveis colidiram" (two cars, not two hurt)
        # (twenty-second round) the words after it up to the next figure: in "two trams
        # collided, 15 injured" the casualty word is the 15's, not the two's
        upto = next((j for j in range(i + 1, min(len(values), i + 1 + _GAP))
                     if values[j] and not _part_after(words, j)), len(values))
        # and a casualty word just before another figure is that figure's ("два трамваї,
        # травмовано 15": the hurt are the 15)
        upto = next((j for j in range(i + 1, upto)
                     if categories[j] and j + 1 < len(values) and values[j + 1]
                     and sentences[j + 1] == sentences[j]
                     and not _new_clause(words, j + 1, original)),
                    upto)
        close = _in_sentence(categories, sentences, i, i + 1, min(i + 3, upto))
        # (twenty-first round) "two dead and another 20 taken to hospital": after "other",
        # the figure is another group, and the words before it do not say which
        before = ([] if i and words[i - 1][0] in OTHERS_BEFORE
                  else _in_sentence(categories, sentences, i, i - _GAP, i))
        after = _in_sentence(categories, sentences, i, i + 1, min(i + 1 + _GAP, upto))
        category = (
            category
            or (close[0] if close else None)
            # (twenty-first round) after a comma, a count of its own: "one dead, 15 in
            # hospital", "un uomo è morto, 12 residenti sono rimasti feriti" give 15 and 12
            # hurt, not dead, when a casualty word follows the figure in its sentence
            or (next((c for c in after if c), None) if _new_clause(words, i, original)
                else None)
            # (twenty-ninth round) so after "and": "one person died and 15 were taken to
            # hospital" gives 15 hurt, not dead
            or (next((c for c in after if c), None) if i and words[i - 1][0] in _AND
                else None)
            # the word just before it, before the second after it: "killing three people,
            # injuring 12" and "مقتل ثلاثة أشخاص وإصابة 12" give three dead, not injured
            or (before[-1] if before else None)
            or next((c for c in close if c), None)
            or next((c for c in reversed(before) if c), None)
            or next((c for c in after if c), None)
        )
        if category is not None:
            figures.add(value)
            tolled.add((category, value))
            if value > out.get(category, 0):
                out[category] = value
    for category in _none(words, categories):
        out.setdefault(category, 0)
    if "dead" not in out and _one_died(words):
        out["dead"] = 1
    if "injured" not in out and _one_hurt(words):
        out["injured"] = 1
    return out, frozenset(figures), frozenset(tolled)


def _one_of(words: list[tuple[str, int]], i: int) -> bool:
    """(twenty-second round) The two or three words before word ``i`` say "one of" a group
    (``lexicon.ONE_OF_BEFORE``)."""
    groups = _word_tuples(ONE_OF_BEFORE)
    return any(tuple(w for w, _ in words[i - n : i]) in groups for n in (2, 3) if i >= n)


def _part_after(words: list[tuple[str, int]], i: int) -> bool:
    """(twenty-second round) The words just after word ``i`` say "of them"
    (``lexicon.PART_AFTER``)."""
    parts = _word_tuples(PART_AFTER)
    return any(tuple(w for w, _ in words[i + 1 : i + 1 + n]) in parts for n in (1, 2, 3))


@cache
def _word_tuples(phrases: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """A lexicon's phrases as tuples of their folded words, to compare with a text's."""
    return frozenset(tuple(_WORD.findall(fold_term(phrase))) for phrase in phrases)


#: (twenty-ninth round) "and" in the languages read, folded: a figure after it begins a count
#: of its own
_AND = frozenset({"and", "et", "y", "e", "und", "en", "и", "і", "i", "ve", "dhe"})


def _new_clause(words: list[tuple[str, int]], i: int, original: str) -> bool:
    """Word ``i`` begins a clause of its own: a comma or a semicolon stands just before it."""
    if not i:
        return False
    end = words[i - 1][1] + len(words[i - 1][0])
    between = original[end:words[i][1]]
    return "," in between or ";" in between


def _values(words: list[tuple[str, int]], original: str) -> list[int | None]:
    """Each word's figure (``_value``), a number written in two words counted once, on its
    second: the Ukrainian "п'ять" (folded "п ять", the apostrophe a space), the French
    "dix-sept", the Turkish "on iki", the Arabic "ثلاثة عشر" (``lexicon.NUMBER_WORDS``)."""
    values = [_value(w, original, start) for w, start in words]
    ages = _age_words()
    for i in range(len(words) - 1):
        if values[i] is not None and words[i + 1][0] in ages:
            # "um homem de 54 anos morreu": one dead, aged 54, not 54 dead
            values[i] = None
    pairs = _number_pairs()
    for i in range(1, len(words)):
        value = pairs.get((words[i - 1][0], words[i][0]))
        if value is not None:
            values[i - 1], values[i] = None, value
    _tens_and_units(words, original, values)
    return values


#: how many words around an ordinal and its victim a word of the dead may be
_ORDINAL_REACH = 4


def _ordinal_tolls(words: list[tuple[str, int]], values: list[int | None]) -> list[int]:
    """(twenty-ninth round) An ordinal before a victim, a word of the dead near, is the toll:
    "a third victim has died" is three dead, not one; "second body found as water recedes",
    "murió un tercer pasajero" (``lexicon.ORDINAL_COUNTS``). A "third floor" or a "second
    day" names no victim and counts nothing. The ordinals given a figure, by their index."""
    found = []
    for i in range(len(words) - 1):
        count = ORDINAL_COUNTS.get(words[i][0])
        if count is None or values[i] is not None:
            continue
        victim = words[i + 1][0]
        near = range(max(0, i - _ORDINAL_REACH), min(len(words), i + 2 + _ORDINAL_REACH))
        if (victim.startswith(ORDINAL_DEAD) or _casualty(victim) == "dead"
                or (victim.startswith(ORDINAL_VICTIMS)
                    and any(_casualty(words[j][0]) == "dead" or words[j][0] in ONE_DIED
                            for j in near))):
            # "second body found", "un segundo muerto", "a third victim has died"
            values[i] = count
            found.append(i)
    return found


#: what may stand between a ten and its unit in the original text: a space or a hyphen (and
#: the apostrophe inside the Ukrainian "п'ять", which folds to two words)
_NUMBER_GAP = re.compile(r"[ \t\u00a0\-\u2010\u2011'\u2019\u02bc]+")


def _tens_and_units(words: list[tuple[str, int]], original: str,
                    values: list[int | None]) -> None:
    """A ten and the unit after it are one figure, on the unit's word (``lexicon.NUMBER_ONES``):
    "twenty-three", "vingt-trois", "vinte e três", "treinta y dos", "двадцать три",
    "двадцять п'ять", "dvadeset tri", "njëzet e tre", "yirmi üç"; in Arabic the unit comes
    first and the ten carries "and" ("ثلاثة وعشرون"). Only across a space or a hyphen, never
    across a stop or a comma ("twenty, three of them children")."""
    numbers, ones, tens_words = _number_words(), _number_ones(), _tens_words()
    for i in range(len(words) - 1):
        word = words[i][0]
        if word not in tens_words and (values[i] is None or word.isdigit()):
            continue
        tens = numbers.get(word) or values[i]
        if tens is None or tens % 10 or not 20 <= tens <= 90:
            continue
        j = i + 1
        if words[j][0] in NUMBER_JOINERS and j + 1 < len(words):
            j += 1
        unit = _unit(words, j, values, numbers, ones)
        if unit is None or not _joined(words, i, unit[0], original):
            continue
        last, value = unit
        for k in range(i, last):
            values[k] = None
        values[last] = tens + value
    for i in range(len(words) - 1):
        unit_value = values[i]
        if unit_value is None or unit_value > 9:
            continue
        word = words[i][0]
        after = words[i + 1][0]
        if (not 1 <= unit_value <= 9 or word.isdigit()
                or not after.startswith("و") or not _joined(words, i, i + 1, original)):
            continue
        tens = numbers.get(after[1:])
        if tens is not None and tens % 10 == 0 and 20 <= tens <= 90:
            values[i], values[i + 1] = None, tens + unit_value


def _unit(words: list[tuple[str, int]], j: int, values: list[int | None],
          numbers: dict[str, int], ones: dict[str, int]) -> tuple[int, int] | None:
    """The unit (1 to 9) a number word at ``j`` gives, and the index of its last word (the
    second of "п ять"); None when it is no unit."""
    word = words[j][0]
    if j + 1 < len(words):
        pair = _number_pairs().get((word, words[j + 1][0]))
        if pair is not None and 1 <= pair <= 9:
            return j + 1, pair
    value = ones.get(word) or numbers.get(word)
    if value is None or not 1 <= value <= 9 or word.isdigit():
        return None
    return j, value


def _joined(words: list[tuple[str, int]], first: int, last: int, original: str) -> bool:
    """The words ``first`` to ``last`` are written one after the other with only spaces or
    hyphens between them, and the last is no part of a compound ("twenty three-storey")."""
    for k in range(first, last):
        end = words[k][1] + len(words[k][0])
        if not _NUMBER_GAP.fullmatch(original, end, words[k + 1][1]):
            return False
    word, start = words[last]
    return not _COMPOUND.match(original, start + len(word))


#: where a sentence ends in the original text: its stop and a space, or the line break
#: ``Text`` puts between the title and the text
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s)|\n")


def _sentence_of(original: str, words: list[tuple[str, int]]) -> list[int]:
    """Each word's sentence, counted from 0: how many sentence ends come before it."""
    ends = [m.start() for m in _SENTENCE_BREAK.finditer(original)]
    return [bisect_right(ends, start) for _, start in words]


def _in_sentence(categories: list[str | None], sentences: list[int], i: int, start: int,
                 end: int) -> list[str | None]:
    """``categories[start:end]``, those of words outside word ``i``'s sentence blanked."""
    here = sentences[i]
    return [categories[j] if sentences[j] == here else None
            for j in range(max(0, start), min(end, len(categories)))]


def _one_hurt(words: list[tuple[str, int]]) -> bool:
    """(twenty-second round) Whether the text says one person was hurt (``lexicon.ONE_HURT``):
    with no figure of the injured, that is one injured."""
    return _says(words, ONE_HURT, ONE_HURT_PHRASES)


def _one_died(words: list[tuple[str, int]]) -> bool:
    """Whether the text says one person died (``lexicon.ONE_DIED``): with no figure of the
    dead, that is one dead, so that "worker dies after crane accident" is a higher toll than
    the first reports' "three injured" in any language. Not a figure the two may share."""
    # "encontrado el cuerpo sin vida de un hombre": lifeless in two words
    return _says(words, ONE_DIED, ONE_DIED_PHRASES) or any(
        (a, b) in ONE_DIED_PAIRS for (a, _), (b, _) in pairwise(words))


def _says(
    words: list[tuple[str, int]], singles: frozenset[str], phrases: tuple[str, ...]
) -> bool:
    """Whether one of the text's words is one of ``singles``, or its words hold one of
    ``phrases``."""
    if not _folded_words(singles).isdisjoint(word for word, _ in words):
        return True
    padded = " " + " ".join(word for word, _ in words) + " "
    return next(_phrases(phrases).iter(padded), None) is not None


def toll_rises(folded: str, original: str) -> bool:
    """Whether the text says a toll rose to a figure ("the death toll from the raid rises to
    37", "suben a 12 los muertos"): a verb of ``_RISES`` with a figure at most ``_RISE_FIGURE``
    words after it (or before it, for a verb that may end its clause: ``_RISES_LAST``) and a
    casualty word within ``_RISE_REACH`` words of it. Such a report speaks of a happening
    already reported, with fewer dead."""
    if _died_of_wounds(folded):
        return True
    words, values, categories = _read(folded, original)
    for i, (word, _) in enumerate(words):
        if not (word.startswith(_RISE_STARTS) or word in _RISE_WORDS) or not _rise_at(words, i):
            continue
        last = word.startswith(_RISES_LAST)
        figure = [*range(i + 1, min(len(words), i + 1 + _RISE_FIGURE)),
                  *(range(max(0, i - 3), i) if last else ())]
        # a figure further on after a word for "to": the Arabic "ارتفاع حصيلة قتلى الانفجار
        # إلى 23" names what rose, and of what, before it
        figure += [k for k in range(i + 1 + _RISE_FIGURE, min(len(words), i + 1 + _RISE_TO_REACH))
                   if words[k - 1][0] in _RISE_TO]
        # (twenty-first round) a figure just before the verb, after a word for "to": the
        # Slavic order "do siedmiu wzrosła liczba zabitych", "до девяти выросло число
        # погибших", "na devet porastao je broj mrtvih" (to seven rose the number killed)
        figure += [k for k in range(max(1, i - _RISE_TO_BEFORE), i)
                   if words[k - 1][0] in _RISE_TO]
        if not any(values[k] is not None for k in figure):
            if _count_rises(words, categories, i):
                return True
            continue
        if any(categories[max(0, i - _RISE_REACH) : i + 1 + _RISE_REACH]):
            return True
    return False


def _count_rises(words: list[tuple[str, int]], categories: list[str | None], i: int) -> bool:
    """(twenty-first round) The verb of rising at ``i`` has a count of casualties for its
    subject, and no figure: "Rośnie liczba ofiar katastrofy" (the number of victims grows),
    "death toll rises in Tondo fire", "le bilan des morts s'alourdit": a word of
    ``lexicon.COUNT_NOUNS`` at most ``_COUNT_REACH`` words from the verb, and another word, a
    casualty word, at most ``_COUNT_REACH`` words from that."""
    for j in range(max(0, i - _COUNT_REACH), min(len(words), i + 1 + _COUNT_REACH)):
        if j != i and words[j][0] in COUNT_NOUNS and any(
                categories[k] for k in range(max(0, j - _COUNT_REACH),
                                             min(len(words), j + 1 + _COUNT_REACH)) if k != j):
            # (the count's own word is not its casualty word: "the toll rose sharply" names
            # no casualty, "the death toll rises" does)
            return True
    return False


def _died_of_wounds(folded: str) -> bool:
    """Whether the text tells of a death among those already reported hurt ("l'un des
    blessés est mort", "died of her injuries", ``lexicon.DIED_OF_WOUNDS``): a toll that rose,
    said without a verb of rising."""
    padded = " " + " ".join(_WORD.findall(folded)) + " "
    return next(_phrases(DIED_OF_WOUNDS).iter(padded), None) is not None


def _none(words: list[tuple[str, int]], categories: list[str | None]) -> set[str]:
    """The categories a negation says there were none of: "nobody was injured" (the
    negation at most ``NONE_REACH`` words before), "жертв нет" (just after); a word for
    casualties of any kind ("no casualties") is none of the dead and none of the injured."""
    out: set[str] = set()
    for i, (word, _) in enumerate(words):
        if word in TOLL_NOUNS or (i + 1 < len(words) and words[i + 1][0] in TOLL_NOUNS):
            continue  # "aucun bilan", "no death toll": not known yet, not none
        if word.startswith(_any_casualty()):
            counted: tuple[str, ...] = ("dead", "injured")
        elif categories[i] is not None:
            counted = (categories[i],)  # type: ignore[assignment]
        else:
            continue
        before = [w for w, _ in words[max(0, i - NONE_REACH) : i]]
        negated = next((j for j, w in enumerate(before) if w in NONE_BEFORE), None)
        after = words[i + 1][0] if i + 1 < len(words) else ""
        said_none = (negated is not None and _NONE_UNKNOWN.isdisjoint(before[negated:])
                     and TOLL_NOUNS.isdisjoint(before[negated:])
                     # (twenty-second round) the Portuguese "no" is "in the": "morreu no
                     # hospital" (died in hospital) says nothing of none
                     and not (before[negated:] == ["no"] and word.startswith("hospital")))
        if said_none or after in NONE_AFTER:
            out.update(counted)
    return out


#: a figure joined to the word after it describes that word, and counts nobody: "a
#: four-storey building", "a 24-year-old", "a two-day strike"
_COMPOUND = re.compile(r"-[^\W\d_]")


def _value(word: str, original: str, start: int) -> int | None:
    if _COMPOUND.match(original, start + len(word)):
        return None
    if word.isdigit():
        # a thousands separator splits "1,000" into two words: read it whole from the text
        whole = re.match(r"\d{1,3}(?:[ ,.]\d{3})+(?![\d])", original[start:])
        if whole:
            return int(re.sub(r"[ ,.]", "", whole.group()))
        if _CLOCK.match(original, start + len(word)) or _clock_time(original, start, word):
            return None
        return int(word)
    return _number_words().get(word)


def _clock_time(original: str, start: int, word: str) -> bool:
    """(seventeenth round) Either half of a clock time written "09:10": a live page's line
    starts with one ("09:10 — The number of dead … has risen to four"), and the casualty word
    after it must not count its minutes."""
    end = start + len(word)
    return (original[start - 1:start] == ":" and original[start - 2:start - 1].isdigit()) or (
        original[end:end + 1] == ":" and original[end + 1:end + 2].isdigit())


@lru_cache(maxsize=1 << 15)
def _casualty(word: str) -> str | None:
    # (cached: news repeats its words, and each is tried against every category's prefixes)
    for category, prefixes, whole in _casualty_words():
        if word.startswith(prefixes) or word in whole:
            return category
    if "\u0600" <= word[:1] <= "\u06ff":
        # Arabic writes "and", "by", "the" onto the word, as the kinds' words are read
        # (``_ARABIC_CLITICS``): "مقتل ثلاثة أشخاص وإصابة 12 آخرين" is 12 *injured*, which
        # the bare "إصابة" says and "وإصابة" did not
        for clitic in _ARABIC_PREFIXES:
            if word.startswith(clitic) and len(word) > len(clitic) + 2:
                return _casualty(word[len(clitic):])
    return None


@cache
def _phrases(phrases: tuple[str, ...]) -> ahocorasick.Automaton:
    """A lexicon's phrases as " phrase " keys, folded as the text's words are and joined by
    one space, to find in the text's words joined the same way."""
    automaton = ahocorasick.Automaton()
    for phrase in phrases:
        key = f" {' '.join(_WORD.findall(fold_term(phrase)))} "
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


@cache
def _age_words() -> frozenset[str]:
    return frozenset(fold_term(word) for word in AGE_AFTER)


@cache
def _folded_words(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold_term(word) for word in words)


@cache
def _any_casualty() -> tuple[str, ...]:
    return tuple(fold_term(word) for word in ANY_CASUALTY)


@cache
def _number_words() -> dict[str, int]:
    return {fold_term(word): value for word, value in NUMBER_WORDS.items()}


@cache
def _tens_words() -> frozenset[str]:
    """The number words of the tens, twenty to ninety (``_tens_and_units``)."""
    return frozenset(w for w, v in _number_words().items() if v % 10 == 0 and 20 <= v <= 90)


@cache
def _number_ones() -> dict[str, int]:
    return {fold_term(word): value for word, value in NUMBER_ONES.items()}


@cache
def _number_pairs() -> dict[tuple[str, str], int]:
    """The number words that fold to two words ("п'ять" to "п ять"), by their two words."""
    split = ((word.split(), value) for word, value in _number_words().items())
    return {(words[0], words[1]): value for words, value in split if len(words) == 2}


@cache
def _casualty_words() -> tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]:
    return tuple(
        (category, tuple(fold_term(p) for p in prefixes),
         frozenset(fold_term(w) for w in CASUALTY_WORDS[category]))
        for category, prefixes in CASUALTIES.items()
    )


#: what Arabic joins to the front of a word: none, and, by, so, for, the and their pairs
_ARABIC_CLITICS = ("", "و", "ب", "ف", "ل", "ال", "وال", "بال", "فال", "لل", "وب", "ول")


#: the clitics a casualty word may carry, the longest first, so that "والجرحى" is "جرحى"
_ARABIC_PREFIXES = tuple(sorted((c for c in _ARABIC_CLITICS if c), key=len, reverse=True))


@cache
def _kind_automaton() -> ahocorasick.Automaton:
    """Keys are " word" (a prefix) or " word " (a whole word); the value is (length, kinds):
    a word may be two kinds ("derrumbe" is a landslide and a collapse)."""
    return _automaton(KINDS)


def _automaton(lexicon: Mapping[str, tuple[str, ...]]) -> ahocorasick.Automaton:
    of_key: dict[str, tuple[str, ...]] = {}
    for kind, words in lexicon.items():
        for word in words:
            # folded again so that a letter variant in the lexicon still meets the text
            folded = fold_term(word)
            end = " " if word.endswith(" ") else ""
            # Arabic writes "and", "by", "for" and "the" onto the word ("بانفجار": by an
            # explosion, "الانفجار": the explosion): the word counts behind them too
            clitics = _ARABIC_CLITICS if "\u0600" <= folded[:1] <= "\u06ff" else ("",)
            for clitic in clitics:
                key = " " + fold_term(clitic) + folded + end
                of_key[key] = (*of_key.get(key, ()), kind)
    automaton = ahocorasick.Automaton()
    for key, of_word in of_key.items():
        automaton.add_word(key, (len(key) - 1, of_word))
    automaton.make_automaton()
    return automaton


def _title_case(title: str) -> bool:
    words = [w for w in title.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.6
