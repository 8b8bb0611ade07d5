"""Which places a text names: every candidate reading scored on the evidence, the best kept.

A name found in the text is a *mention*; each thing the name can mean is a *sense*
(``bot.matching.gazetteer``). A sense starts from its prior (what kind of place it is, how big)
and the text adds or takes away:

- the name as an ordinary word: a name the text's language uses often as a word ("Nice",
  "Police", "Como" in Spanish), weighed against the size of the place, loses up to 1.5; in lower
  case such a name is the word, never the place; regions.toml's ``[ambiguity] names`` (people's
  first names, foods…) lose 2.0 more, and 0.5 more in a Title Case headline;
- a capital letter that proves something (mid-sentence, not in a Title Case headline) gives a
  doubtful name +1.0; a preposition of place before it ("in", "near", "у", "في") +1.5; a
  possessive after it ("Kharkiv's") +1.0; "district of X", "mayor of X" +1.5;
- "X, Y" where Y is a state or country: +3.0 for the senses of X in Y, −3.0 for the others
  ("Paris, Texas"), −6.0 for X's country sense ("Peru, Indiana") unless a list goes on;
- after a word for a village, a country's name is the village: −6.0 ("sela Kosovo");
- beside another capitalised name-like word, a doubtful name is a person: −3.0 ("Chad Smith",
  "Chad le Clos");
- a subdivision's name that three or more countries use is generic: −1.5 ("Central");
- another place of the same country in the text: +1.5 (this is what settles "Georgia" with
  Tbilisi or with Atlanta, and "Congo" with Kinshasa or Brazzaville); where two names' best
  readings are of countries nothing else names, their other readings that share a country
  gain +1.0 ("Georgia … Savannah").

A mention counts when its best sense scores at least 1.0. ``explain`` shows every sense with
its score and evidence, the ones that lost included.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import ahocorasick

from bot.matching.gazetteer import ACCENT, ANY_LANGUAGE, Gazetteer, Sense, Term
from bot.matching.grade import CueKeyHit
from bot.matching.lexicon import (
    ADJECTIVE_ENDINGS,
    CASE_ENDINGS,
    DISH_WORDS,
    PEOPLE_ENDINGS,
    PEOPLE_STEM,
    PLACE_ADJECTIVE_ENDINGS,
    zipf,
)
from bot.matching.rules import AmbiguityOptions
from bot.matching.text import Text, fold, fold_term

#: what a mention's best sense must score to count
THRESHOLD = 1.0
#: how much more often (log10) a place's own country's language names it than its size says
_NATIVE = 1.0
#: what a city gains in a text in its own country's language (not English, spoken everywhere)
_NATIVE_CITY = 0.5
#: what a country's name loses in a text of a language that does not write it so
_FOREIGN_NAME = 1.5
#: how many countries must name a subdivision so for the name to be generic, and its cost
_GENERIC_SUBDIVISION = 3
_GENERIC = 1.5
#: the alternate names that make a city well known (``Sense.fame``): La Paz has 60
_KNOWN_CITY = 20
#: the most a name loses for being a word as well
_MAX_PENALTY = 1.5
#: per tenfold fewer names than the best-known city of the same name, and at most
_FAME = 0.8
_LESSER = 0.8
#: a name this frequent (Zipf) as a word in the text's language is the word when written in
#: lower case ("china", "turkey", "hang")
_WORD = 3.0
#: a listed name this frequent in the text's language, and this much more than in English
#: (where wordfreq counts mostly the place), is that language's word ("mali": "small" in
#: Serbian and Slovak, 5.3 and 5.9 against 3.5 in English; "Chile" in Spanish, 5.2 against
#: 4.1, is still the country)
_COMMON = 4.5
_MORE_COMMON = 1.5
# Languages whose words take case endings: a name's stem followed by a short ending is the
# name ("Kijevu", "Киеве"). Cyrillic stems are always tried; Latin ones only in these.
_INFLECTED_LATIN = frozenset({"sr", "hr", "bs", "sl", "sk", "cs", "pl", "sq"})
_VOWELS = frozenset("аяоеьйыиуюіїєaeiouy")
_MIN_STEM = 4
# German directions joined to a name (folded: "süd" is "sud"), longest first
_COMPASS = re.compile("(?:nordost|nordwest|sudost|sudwest|nord|sud|ost|west|mittel|nieder|ober"
                      "|zentral)(?=[a-z])")
_COMPASS_KINDS = frozenset({"country", "subdivision", "capital", "city", "curated"})
#: the people a city needs to be read from a stem of three letters, capitalised
_SHORT_CITY = 200_000
#: log10 of the people a subdivision must stand for to be read from a stem of _MIN_STEM letters
_SHORT_STEM_IMPORTANCE = 6.0
# Case endings a name takes (folded: й reads и), so that "Москве" is Moscow but "Цитата" is not
# Zittau and "оранжевый" not Orange: noun endings of Russian, Ukrainian and Serbian, the
# adjective endings of demonyms, and the Latin-script endings of the inflected languages.
_ENDINGS = frozenset((
    "а", "я", "у", "ю", "е", "и", "ы", "о", "і", "ї", "ои", "еи", "ом", "ем", "ам", "ям", "ах",
    "ях", "ами", "ями", "ов", "ев", "ью", "ою", "ею", "єю", "ові", "еві", "ии", "ыи", "ая", "яя",
    "ое", "ее", "ого", "его", "ому", "ему", "ую", "юю", "ые", "ие", "ых", "их", "ым", "им",
    "ыми", "ими", "a", "e", "i", "o", "u", "y", "ie", "iu", "ia", "ou", "em", "om", "am",
    "ach", "iach", "ami", "ov", "ovi", "ove", "ama", "ima", "es", "en", "it", "in", "ise", "ine",
    # the locative of a name that is an adjective: Handlová → v Handlovej, Banjska → u Banjskoj
    "ej", "oj", "ој",
    # the locative plural: Nové Zámky → pri Nových Zámkoch
    "och",
))
_MAX_ENDING = max(map(len, _ENDINGS))
# The first word of a two-word name is an adjective ("Нови Сад", "Нижний Тагил", "Crna Gora"):
# its oblique endings, and the nominative ones its name is written with (folded: й is и)
_OBLIQUE_ADJECTIVE = (
    "ого", "ог", "ему", "ому", "ом", "ем", "ым", "им", "ои", "ую", "іи", "оі", "ој",
    "oga", "omu", "om", "oj", "og", "em", "im", "u", "e",
    # a feminine's genitive and accusative in Serbian Cyrillic, as the Latin above ("Црне
    # Горе", "у Црну Гору")
    "е", "у",
    # West Slavic plural names: "pri Nových Zámkoch" (Nové Zámky)
    "ych",
)
# "Белгородск|ой", "Одеськ|ій", "Донецк|ая" (folded: й is и): a city's name as an adjective
_REGIONAL = re.compile(
    r"(\w{3,}?)(?:ск|цк|ськ|цьк)(?:ая|ои|ую|ии|ого|ому|ом|ие|их|им|ими|а|і|у"
    # Ukrainian's feminine oblique cases and masculine locative, folded ("Житомирської",
    # "Житомирській", "Житомирською", "на Житомирському")
    r"|оі|іи|ою|ім)"
)
# the same in the Slavic languages written in Latin letters, folded: "Košickom",
# "Beogradski", "Warszawskie"
_REGIONAL_LATIN = re.compile(
    r"(\w{4,}?)(?:sk|ck)(?:y|a|e|ej|om|eho|emu|ych|ym|ymi|ou|i|o|u|ie|iego|iej|im|ich|oj|og|ih)"
)
_REGION_NOUNS = ("област", "обл", "краи", "кра", "раион", "район", "округ")
_NOMINATIVE_CYRILLIC = ("и", "ии", "ыи", "ая", "а", "о", "ое")
_NOMINATIVE_LATIN = ("i", "a", "o", "e")
# Arabic writes "and", "in", "to" and "the" joined to the next word.
#: Albanian's case endings (folded: ë is e) and what the name ends with before them, for names
#: too short to leave a stem: Rusia → Rusisë, Rusinë; Kinë → Kinës; Peru → Perunë; Irak → Irakut
#: (the indefinite "Kinë" before the definite "Kina", which other languages write too)
_ALBANIAN_CASES = (
    ("ise", "ia"), ("ine", "ia"), ("es", "e"), ("en", "e"), ("es", "a"), ("en", "a"),
    ("se", ""), ("ne", ""), ("ja", ""), ("ut", ""), ("un", ""), ("it", ""), ("in", ""),
    ("t", ""), ("n", ""),
)
#: the endings of Arabic's sound plurals and duals, folded ("ين", "ون", "ات", "ان")
_ARABIC_PLURALS = ("ين", "ون", "ات", "ان")
_ARABIC_PREFIXES = ("وبال", "وال", "بال", "فال", "وب", "ول", "فب", "فل", "و", "ب", "ل", "ف", "ال")
# An Arabic adjective carries the article, often behind "and", "in", "to": "والروسية".
_ARABIC_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "")
#: endings by which a French word for a nation agrees with its noun: feminine, plural
_AGREEMENT = frozenset(("e", "s", "es", "ne", "nes"))
#: the shortest stem read as a whole demonym before that agreement
_WHOLE_DEMONYM = 6
_MAX_ADJECTIVE_ENDING = max(len(e) for group in ADJECTIVE_ENDINGS.values() for e in group)
#: a German "-er" adjective is read for capitals, states ("Tiroler") and cities of at least
#: this many people
_PLACE_ADJECTIVE_PEOPLE = 100_000
_TOKEN = re.compile(r"\S+")
# ", GA" or ", B.C." after a town, then no more letters of that word
#: the state abbreviations of AP style, which US papers write after a town ("Lebanon, Pa.",
#: "Paris, Tenn."), and of Canadian provinces ("London, Ont."), as postal codes; the others
#: are spelt out or postal-like ("N.Y.", "B.C.")
_AP_STATES = {
    "Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Calif": "CA", "Colo": "CO", "Conn": "CT",
    "Del": "DE", "Fla": "FL", "Ga": "GA", "Ill": "IL", "Ind": "IN", "Kan": "KS", "Ky": "KY",
    "La": "LA", "Md": "MD", "Mass": "MA", "Mich": "MI", "Minn": "MN", "Miss": "MS", "Mo": "MO",
    "Mont": "MT", "Neb": "NE", "Nev": "NV", "Okla": "OK", "Ore": "OR", "Pa": "PA",
    "Tenn": "TN", "Vt": "VT", "Va": "VA", "Wash": "WA", "Wis": "WI", "Wyo": "WY",
    "Ont": "ON", "Que": "QC", "Alta": "AB", "Sask": "SK", "Man": "MB", "Nfld": "NL",
}
_POSTAL = re.compile(
    r", ((?:[A-Z]\.?){2,3}(?![\w.])|(?:" + "|".join(_AP_STATES) + r")\.(?!\w))"
)
# "Campo, CA": the capitalised town before a postal abbreviation (one or two words)
_TOWN = re.compile(r"(?<![\w-])[A-Z][a-z]+(?: [A-Z][a-z]+)?$")
_POSTAL_SCORE = 2.0
_POSTAL_EVIDENCE = f"a town before its state's postal abbreviation {_POSTAL_SCORE:+.1f}"
_SENTENCE_END = frozenset(".!?:;\n\"“«(–—|")
# "district of X", "the mayor of X": words after which "of X" names a place
_PLACE_NOUNS = frozenset({
    "city", "town", "village", "district", "region", "province", "county", "state", "oblast",
    "suburb", "suburbs", "outskirts", "port", "capital", "mayor", "governor", "residents",
    "people", "streets", "centre", "center", "north", "south", "east", "west", "heart",
    "area", "border", "coast", "island", "islands", "republic", "kingdom", "municipality",
})


class Candidate(NamedTuple):
    """One sense of one mention, with its score and why: what ``explain`` shows."""

    #: the name as written
    written: str
    start: int
    sense: Sense
    score: float
    evidence: tuple[str, ...]
    chosen: bool


# A Candidate made from a tuple without NamedTuple's own __new__, a Python call; find makes
# one for every reading of every name.
_candidate = tuple.__new__
#: one sense of a mention: its score and the evidence for it
Scored = tuple[Sense, float, tuple[str, ...]]
#: a name found in the text: start and end offsets, and its term's index
_Mention = tuple[int, int, int]
#: evidence from how a mention is written, shared by its senses: the line ``explain`` shows
#: and the score it adds
_Form = tuple[str, float]
#: what a mention's scores depend on besides its term: its ``_Form`` lines, whether it is a
#: person's name, whether it is written in lower case, and the countries of its "X, Y"
_Shape = tuple[tuple[_Form, ...], bool, bool, frozenset[str] | None, bool]
_NEVER = float("-inf")
_NO_COUNTRIES: frozenset[str] = frozenset()
_LOWER_WORD = ("an ordinary word in lower case",)
_LOWER_NAME = ("a name written in lower case",)
_NOT_ENGLISH = ("another language's name of the place, an English word",)
_FOREIGN_TOWN = ("a town under the cities' size, in a text not in its country's language",)
_STATES_TOWN = ("a town the gazetteer does not know, of the state whose abbreviation follows",)
_LISTED = ("a name or word listed in [ambiguity] names -1.5", -1.5)
_IN_TITLE = ("in a Title Case headline -1.0", -1.0)
_INFLECTED_FIRST = ("a case form at a sentence's start, where any word has a capital -0.5", -0.5)
_COMMON_HERE = ("a common word of this language, where a capital proves nothing -1.5", -1.5)
_CAPITAL = ("capital letter mid-sentence +1.0", 1.0)
_OF_PLACE = ("after a place noun and 'of' +1.5", 1.5)
# "the US state of Georgia", "the province of Luxembourg": the noun says which sense is meant
_OF_SUBDIVISION = ("after 'state of', 'province of'… +1.5", 1.5)
_SUBDIVISION_NOUNS = frozenset({"state", "province", "county", "oblast", "governorate"})
# "the village of Lebanon", "sela Kosovo", "wsi Kuba": a village of that name, not the country
_SETTLEMENT = ("after a word for a village: a village of that name", 0.0)
_NOT_THE_COUNTRY = "a village is no country, province or big city, a town no country -6.0"
#: English names a village before the word too: "Kuchi village" is no Chinese city (but "a
#: Sagaing village" is one in Sagaing, "a Kabul village" one near Kabul)
_VILLAGES_AFTER = frozenset({"village", "villages", "hamlet", "township", "commune"})
_VILLAGE_AFTER = ("before a word for a village: a village of that name", 0.0)
_NOT_THE_CITY = "a village is no big city -6.0"
#: a city this big is named by no village: "село Париж" is a village called Paris
_BIG_CITY = 100_000
_SETTLEMENTS = frozenset({
    "village", "villages", "hamlet", "selo", "sela", "selu", "selom", "село", "села", "селу",
    "селом", "селе", "селі", "деревня", "деревне", "деревни", "поселок", "поселке", "селище",
    "селищі", "wies", "wsi", "obec", "obci", "obce", "dedina", "dediny", "dedine", "dorf",
    "dorfes", "fshati", "fshatin", "fshatit", "aldea", "aldeia", "povoado", "villaggio",
    "frazione", "dorp", "koy", "koyu", "قريه",
})
#: a town or municipality: "the town of Lebanon", "concelho de Cuba" is no country; but
#: "concelho de Coimbra", "comune di Roma" are the city itself
_MUNICIPALITIES = frozenset({
    "town", "township", "municipality", "concelho", "municipio", "comune", "commune",
    "gemeinde", "opstina", "opstini", "opcina", "opcini", "општина", "општини", "komuna",
    "komunes", "komunen", "bashkia", "bashkise", "بلده",
    # a small town or a parish, in Portuguese, Spanish and Italian
    "vila", "localidade", "freguesia", "localidad", "cittadina",
})
_MUNICIPALITY = ("after a word for a town or municipality: a town of that name", 0.0)
_AS_SUBDIVISION = "a subdivision, as the noun before it says +1.0"
# "Niger State", "Idlib Province", "Kharkiv Oblast": the capitalised word after a name says it
# is the subdivision, not the country or city of that name
_NAMED_SUBDIVISION = ("before 'State', 'Province'…", 0.0)
_SUBDIVISION_AFTER = frozenset({
    "state", "province", "region", "oblast", "governorate", "county", "district", "prefecture",
    "department", "canton", "voivodeship", "emirate", "territory",
})
_WORD_CUE = 2.0
_IS_SUBDIVISION = "a subdivision, as the word after it says +1.5"
_NOT_SUBDIVISION = "not the subdivision the word after it names -2.0"
_POSSESSIVE = ("possessive +1.0", 1.0)
# "the Nice attack", "Dallas shooting", "Nice mayor", "Reading station": English names what
# happened in a place, and what only a place has, by the place
_PLACE_WORD_AFTER = ("before a word said of a place ('attack', 'mayor') +1.5", 1.5)
_PLACE_WORDS = frozenset({
    "attack", "attacks", "attacker", "bombing", "bombings", "bomber", "shooting", "shootings",
    "gunman", "stabbing", "stabbings", "massacre", "blast", "explosion", "siege", "riots",
    "earthquake", "quake", "floods", "flooding", "wildfire", "wildfires", "landslide",
    "derailment", "protests", "protesters", "uprising", "ceasefire", "offensive", "mayor",
    "mayoral", "council", "councillors", "police", "airport", "station", "harbour", "harbor",
    "residents", "suburbs", "outskirts", "hospital",
})
# A text that opens with a place and a colon, or a wire dateline ("KYIV, Dec 5 (Reuters) -")
_DATELINE = re.compile(r" ?: | \((?:Reuters|AP|AFP|dpa|ANSA|EFE|Xinhua)\)|, \w{3}\.? \d{1,2} \(")
_DATELINED = ("a dateline: the text opens with it +1.5", 1.5)
_STREET = ("a street or place named after it -3.0", -3.0)
_NAMED_STREET = ("before a capitalised 'Street', 'Square'…: a street named after it -6.0", -6.0)
#: the preposition before such a name is the street's ("на Киевском шоссе"), and so no evidence
_STREET_ECHO = ("the text names a street after it: a local name's reading first -1.5", -1.5)
#: "the Guayaquil club": the city a text's club is of
_CLUB_NOUNS = frozenset({"club", "side", "band"})
_CLUB_ABROAD = ("a club's name: the text places the club in another country's city -3.0",
                -3.0)
_STREET_ADJECTIVE = ("an adjective naming the street or building after it -4.5", -4.5)
# "supermarket chain Iceland", "the band Japan", "carmaker Dacia": a business named after a
# place (the word before, folded, in the languages read)
_BUSINESS = ("after 'chain', 'brand', 'band'…: a name, not the place -3.0", -3.0)
_BUSINESS_NOUNS = frozenset({
    "chain", "retailer", "grocer", "supermarket", "supermarkets", "brand", "label", "band",
    "carmaker", "automaker", "airline", "carrier", "firm", "startup", "start-up", "rapper",
    "singer", "boutique", "franchise", "cadena", "marca", "aerolinea", "enseigne", "marque",
    "chaine", "kette", "marke", "rede", "catena", "marchio", "sieć", "siec", "řetězec",
    "gruppo", "grupo", "groupe", "café", "cafe", "caffè", "caffe", "kafe",
    "retezec", "reťazec", "retazec", "lanac", "сеть", "мережа", "ланац",
    # a hotel, restaurant or cinema named after a place ("Hotel Moskva" in Belgrade)
    "hotel", "hotela", "hotelu", "хотел", "хотела", "хотелу", "гостиница", "гостиницы",
    "гостиницу", "готель", "готелю", "albergo", "restoran", "restorana", "kafana", "kafane",
    "кафана", "кафане", "kino", "кино", "кинотеатр", "cinema", "restaurant", "restaurante",
    "ristorante", "brasserie",
    # a campsite, an inn, a pub or a bakery ("le camping Le Canada", "pousada Bahia"); not
    # Italian's, which "a" follows as a preposition ("una discoteca a Milano")
    "camping", "campings", "campingu", "motel", "hostel", "auberge", "gasthof", "gasthaus",
    "pousada", "pub", "bistro", "bistrot", "padaria", "lanchonete", "boulangerie", "boate",
})
_BEFORE_SURNAME = ("before a surname: a first name -3.0", -3.0)
_BEFORE_COMMON_SURNAME = ("before a common English surname: a first name -6.0", -6.0)
#: English's commonest surnames that are no ordinary word and name no famous place: any name
#: right before one, a country's too, is a first name ("Ireland Baldwin", "Syria Parker").
#: Not those that are words ("Young", "White", "Hill", "Cook", "King") or often the first
#: word of a place's or a firm's name ("Washington", "Lincoln", "Jackson", "Ford", "Harris")
#: after the surname, a word that makes the two a place's name ("Nelson County", "Scott Base")
_NAME_ENDS_PLACE = frozenset({
    "county", "parish", "township", "city", "town", "island", "islands", "river", "bay",
    "park", "base", "station", "airport", "street", "road", "avenue", "square",
})
_COMMON_SURNAMES = frozenset({
    "Smith", "Johnson", "Williams", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Thompson", "Robinson", "Clark", "Clarke", "Lewis",
    "Walker", "Allen", "Wright", "Scott", "Mitchell", "Roberts", "Carter", "Phillips",
    "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy",
    "Rogers", "Reed", "Morgan", "Cooper", "Peterson", "Bailey", "Kelly", "Howard",
    "Richardson", "Watson", "Brooks", "Bennett", "Barnes", "Henderson", "Coleman", "Jenkins",
    "Powell", "Patterson", "Hughes", "Butler", "Simmons", "Foster", "Bryant", "Russell",
    "Griffin", "Hayes", "Myers", "Sullivan", "Wallace", "Owens", "Gibson", "Ellis",
    "Stevens", "Marshall", "Baldwin", "Walton", "Fletcher", "Lawrence", "Adams",
    "Campbell", "Nelson", "Baker", "Robertson", "Davies", "Jackman", "Johnston", "Harper",
    "Ferguson", "Reynolds", "Hamilton", "Fisher", "Gordon", "Kennedy", "Simpson", "Webb",
    "Dixon", "Holmes", "Palmer", "Mills", "Hunter", "Gardner", "Payne", "Pearson", "Wells",
    "Chapman", "Hudson", "Lambert", "Mason", "Dawson", "Hart", "Wood", "Cunningham",
    "McDonald", "MacDonald", "Thomson", "Reid", "Ross", "Watts", "Matthews", "Harvey",
})
_OWNED_ABROAD = ("after another country's possessive: its person or thing -1.5", -1.5)
_STATE_OWNED = ("after another country's state's possessive: a place of that state -6.0", -6.0)
#: words after a country's name that keep it the country after a state's possessive ("Texas's
#: Mexico border")
_OF_THE_NATION = frozenset({
    "border", "borders", "frontier", "policy", "trade", "relations", "ties", "exports", "imports",
})
# A word of four letters or more in lower case inside a capitalised name of several words, in
# Latin letters: the text's case says the name ends before it. The short words names hold in
# lower case ("de", "am", "nad", "upon") and elisions ("nell'Emilia") are not read so.
#: a compass point in lower case before a capitalised name: a part of that place, not a
#: town whose name begins with the point ("east London", "north Shields")
_LOWER_COMPASS = frozenset({"east ", "west ", "north ", "south "})
_LOWER_PART = re.compile(r" (?!(?:upon|della|delle|dello|degli|dels|sobre|unter)\b)"
                         r"([a-zà-öø-ɏ]{4,})\b(?!['’])")
_OTHER_SPELLING = ("written with an accent none of its names has -2.5", -2.5)
#: and where that other reading is a country's, the reading whose name has the accent gains:
#: the letter a writer chose is evidence ("Inđija" is the Serbian town, not "Indija", India)
_OWN_SPELLING = ("written with the accent of its own name, which another reading lacks +1.0",
                 1.0)
_IN_LONGER_NAME = ("beside a rare capitalised word: part of a longer name -1.0", -1.0)
_NATION_IN_NAME = ("before a rare capitalised word: a name's first word -3.0", -3.0)
#: "Петропавловске-Камчатском": a town's name joined by a hyphen to a capitalised word that
#: names no place is the first part of a longer name, not the town
#: English names no nation with a Romance "of" and a capitalised word after it: "Palau de
#: la Musica" is Barcelona's concert hall (Catalan "palace"); not English "do"
_ROMANCE_NAME = re.compile(
    r" (?:de|del|du|des|della|di|da|dos|das)(?:(?: (?:la|las|los|le|les|el))? [A-Z]| l['’][A-Z])"
)
_IN_ROMANCE_NAME = ("before a Romance 'of' and a capitalised word: a longer name's first "
                    "word -3.0", -3.0)
#: a name that wins a horse race, heads its field or retires to stud is a horse's:
#: "Luxembourg lands the Irish Champion Stakes", "Japan retired to stud"; a team wins no
#: Stakes, Guineas, Oaks or Hurdle
#: (the pattern may cross a sentence's end: "… in Kenya. Mandela wins the Stakes" is rare)
_RACEHORSE = re.compile(
    # the horse's name may go on with a word ("Havana Rose wins the Thousand Guineas")
    # and a second horse with it ("Luxembourg and Japan head the Stakes field")
    r"(?: [A-Z][\w'’]+)?(?: and [A-Z][\w'’]+(?: [A-Z][\w'’]+)?)?"
    r" (?:(?:wins|won|lands|landed|takes|took|claims|claimed|captures|captured"
    # a horse that heads a race's field or the betting for it
    r"|head|heads|headed|lead|leads|led|top|tops|topped|contest|contests|contested)"
    r"(?:(?: [\w'’,-]+){1,5}? (?:Stakes|Guineas|Oaks|Hurdle|St Leger)\b"
    # France's races: "lands Prix Ganay", "won the Prix de l'Arc", "takes the Arc"
    r"|(?: the)? (?:Prix (?:de la |de l['’]|de |du |d['’])?[A-Z]|Arc\b))"
    r"|(?:is |was |has been )?(?:retired|retires|retiring|stands|standing) (?:to|at) stud\b)"
)
_NATIONAL_RACE = ("a nation's Derby, a horse race -6.0", -6.0)
_A_RACEHORSE = ("a horse's name: it wins a race or goes to stud -6.0", -6.0)
_HYPHENATED = ("the first part of a hyphenated name it does not know -3.0", -3.0)
_HYPHEN_PART = re.compile(r"-(\w+)")
#: a word rarer than this (Zipf) in English and in the text's language is a name's
_RARE_WORD = 2.0
#: a Cyrillic name of two folded words, the first short: an apostrophe may have joined them
#: (one letter too: "М'янма", whose "у М'янмі" is Myanmar)
_JOINED_NAME = re.compile(r"[\u0400-\u04ff]{1,6} [\u0400-\u04ff]{3,}")
_JOINERS = frozenset("'’ʼ")
#: the land around a town in Ukrainian and Russian, in its cases: the town's stem and "-щина"
#: or "-чина" ("Нікопольщина", "Белгородчина"; the oblasts' are listed in regions.toml)
_AREA = re.compile(r"([\u0400-\u04ff]{4,})(?:щин|чин)(?:а|и|і|у|ою|ой|е|ы)")
#: the languages that write an adjective of nationality in lower case: one written with a
#: capital before a rare capitalised word is part of a name ("Shqipe Berisha", "Nowy Targ")
_LOWER_ADJECTIVES = frozenset({
    "ru", "uk", "sr", "hr", "bs", "pl", "cs", "sk", "sq", "es", "fr", "it", "pt",
})
_NAMED_WITH_ADJECTIVE = ("a capitalised adjective before a rare name: part of a name -3.0", -3.0)
# the endings of Slavic surnames, and Spanish ones in "-ez" ("Francia Márquez" is no France),
# after a word that would otherwise be a place
_SURNAME = re.compile(
    r"(?:[sc]ki|[sc]ka|dzki|wicz|vić|vic|vič|ović|ević|enko|czyk|czak|chuk|ский|ская|цкий"
    r"|вич|енко|ович|евич|\w{3}ez)[,.;:!?'’]*$"
)
# "Denmark Street", "Jersey Road", "Moscow Avenue": a street of another city
_STREETS = frozenset({
    "street", "st", "road", "rd", "avenue", "ave", "boulevard", "lane", "square", "drive",
    "terrace", "crescent",
    # German names its squares, streets and gates after cities ("Pariser Platz", "Wiener
    # Straße", "Brandenburger Tor")
    "platz", "straße", "strasse", "allee", "gasse", "tor", "brücke", "damm", "chaussee",
})
#: a street or a square named before the name ("Avenida Brasil", "piazza Venezia", "rue de Paris",
#: "ميدان لبنان", "улица Киевская"): the street's name, not the place
_STREETS_BEFORE = frozenset({
    # not "via" (English's "via Istanbul"), "largo" ("al largo di", off the coast), "corso"
    "rue", "avenue", "boulevard", "calle", "avenida", "plaza", "paseo", "rua", "praca",
    "viale", "piazza", "ulica", "ulice", "ulici", "trg",
    "bulevar", "rruga", "rrugen", "sheshi", "улица", "улице", "улицы", "вулиця", "вулиці",
    "проспект", "площадь", "площа", "شارع", "ميدان", "ساحه", "جاده",
    # the oblique cases and parks: "на вулиці Шевченка", "у парку Шевченка" (a person's)
    "улицу", "вулицю", "проспекті", "проспекте", "проспекту", "площі", "площади", "парк",
    "парку", "парке", "парка", "сквер", "скверу", "сквері", "parku",
    # a quarter named after it ("colonia Roma", "barrio de Monserrat", "quartier de l'Europe")
    "colonia", "barrio", "bairro", "quartier", "quartiere", "quartieri", "rione",
})
_STREET_LINKS = frozenset({"de", "du", "des", "della", "del", "di", "da", "do", "dos", "das"})
#: a station named before its name, with no "de" between ("estação Japão-Liberdade", "stazione
#: Termini", "станция Киевская"): the station's name; "estação de Coimbra" is Coimbra's
_STATIONS_BEFORE = frozenset({
    "estacao", "estacion", "stazione", "станция", "станции", "станцию", "станція", "станції",
    "станцію", "станица", "станицу", "stanica", "stanicu", "stanici",
})
#: a street, square or building the Slavic languages and German name with an adjective before
#: it, in any case ("Makedonska ulica", "на Французькому бульварі", "Japanisches Palais")
_STREETS_AFTER = frozenset(fold(word).strip() for word in (
    "ulica", "ulice", "ulici", "ulicu", "bulevar", "bulevara", "bulevaru", "trg", "trga", "trgu",
    "улица", "улице", "улицы", "улицу", "улицей", "улици", "улицом", "ulicom", "булевар",
    "булевара", "булевару", "трг", "тргу",
    "бульвар", "бульвара", "бульваре", "бульварі", "бульвару", "вулиця", "вулиці", "вулицю",
    "площадь", "площади", "площа", "площі", "проспект", "проспекте", "проспекті", "шоссе",
    "шосе", "набережная", "набережной", "набережна", "набережній",
    # a railway terminus named after where its trains go: Moscow's Kievsky, Belorussky and
    # Rizhsky stations ("Киевского вокзала в Москве"), Kyiv's "Московський вокзал" of old
    "вокзал", "вокзала", "вокзале", "вокзалу", "вокзалом", "вокзалі", "вокзалы", "вокзали",
    "palais", "hof", "garten", "viertel",
))
_PERSON = "beside a name: a person -3.0"
_NAMED_THING = ("a stage name or a ship's name -3.0", -3.0)
_AFTER_GIVEN_NAME = ("after a common first name: a surname -3.0", -3.0)
#: the word for a ship: the capitalised words after it are the ship's name
_VESSELS = frozenset((
    "tanker", "vessel", "ship", "freighter", "carrier", "ferry", "trawler", "yacht", "liner",
    "bulker", "pétrolier", "navire", "buque", "petrolero", "navio", "petroleiro", "nave",
    "petroliera", "schiff", "frachter", "танкер", "судно", "сухогруз",
    # and the words for a racehorse: the capitalised words after it are the horse's name
    "colt", "filly", "gelding", "stallion", "racehorse",
))
_QUOTE_MARKS = "'\"‘“«"
#: languages that elide a word's last vowel before the next word's: a name is never cut so
_ELIDING = frozenset({"it", "fr"})
_ELIDED = ("a word cut short before an apostrophe -6.0", -6.0)
#: written beside a name, they make it a club's ("Barcelona SC", "FC Porto", "Club América")
_CLUBS = frozenset({
    "FC", "SC", "CF", "AFC", "FK", "SK", "AC", "Club", "Clube",
    # the clubs of a community abroad: "Deportivo Armenio", "Sportivo Italiano"
    "Deportivo", "Sportivo",
})
_CLUB = ("a club's name -3.0", -3.0)
#: carmakers, as written: a name of a city or a region right after one is a model's
#: ("Hyundai Tucson", "Seat Ibiza", "Dodge Durango", "GMC Yukon"); a country's is the maker's
#: business there ("Nissan Mexico"), and a plant or an office after it is the maker's there
_CAR_MAKERS = frozenset({
    "Hyundai", "Kia", "Dodge", "Chevrolet", "Chevy", "Seat", "SEAT", "Nissan", "Toyota",
    "Ford", "Volkswagen", "VW", "Honda", "Mitsubishi", "Jeep", "Buick", "GMC", "Chrysler",
    "Cadillac", "Mazda", "Subaru", "Skoda", "Škoda", "Renault", "Peugeot", "Fiat", "Opel",
    "Vauxhall", "Suzuki", "Dacia", "Pontiac", "Isuzu", "Lexus", "Infiniti", "Acura", "Audi",
    "BMW", "Porsche", "Volvo", "Citroën", "Citroen", "Lancia", "Maserati",
})
_WORKS = frozenset({
    "plant", "plants", "factory", "factories", "works", "dealership", "dealer", "dealers",
    "site", "facility", "office", "offices", "headquarters", "hq", "unit", "arm", "subsidiary",
    "operations", "assembly", "workers", "staff", "employees", "division",
})
#: a name that opens a sentence, a verb, at most three more words in lower case and a
#: person's pronoun: the name is the person's ("Chad told reporters he would", "Ireland said
#: she was thrilled"); a nation or a team is "it" or "they"
_PERSONS_CLAUSE = re.compile(
    r" ([a-z]+)((?: [a-z]+){0,3}) (?:he|she|his|himself|herself)\b"
)
#: a speech verb right before the pronoun reports another's words ("Iran says he was a spy")
_SPEECH_VERBS = frozenset({
    "says", "said", "claims", "claimed", "insists", "insisted", "believes", "believed",
    "thinks", "thought", "alleges", "alleged", "confirms", "confirmed", "denies", "denied",
    "announces", "announced", "reports", "reported", "warns", "warned", "fears", "feared",
    "accuses", "accused", "suspects", "suspected", "knows", "knew", "hopes", "hoped",
})
#: right after a name, what news says of a person only: an age ("Kenya, 34, was
#: arrested", ", aged 19,"; not in brackets, a medal table's count: "Kenya (11)") or a kin's
#: possessive ("Chad's wife", "Paris's boyfriend"); a nation has no age and no wife
_PERSONS_MARK = re.compile(
    r"(?:, (?:aged )?\d{1,2}, |['’]s (?:ex-)?(?:wife|husband|boyfriend|girlfriend"
    r"|fianc[ée]e?|mum|mom|dad|grandmother|grandfather|stepfather|stepmother)\b)"
)
_A_PERSONS_CLAUSE = ("the subject of a clause a person's pronoun goes on: a person -6.0",
                     -6.0)
_CAR_MODEL = ("after a carmaker's name: a car model's -6.0", -6.0)
#: a navy's or a merchant ship's prefix: the name after it is a ship's ("USS Tripoli")
_SHIP_PREFIXES = frozenset({
    "USS", "USNS", "HMS", "HMAS", "HMCS", "HMNZS", "RFA", "MV", "MS", "SS", "RMS", "INS",
    "FS", "ARA", "BAP", "TCG", "KRI", "BRP", "ROKS", "JS", "USCGC",
    # the cruise lines that name their ships with the line's name first ("Carnival Venezia",
    # "Costa Firenze", "MSC Grandiosa", "Viking Mars")
    "Carnival", "Costa", "MSC", "Viking",
})
_BUSINESS_NAMED = ("before 'supermarket', 'store'…: a business named after it -4.5", -4.5)
#: after a country's name, a business named after it ("Iceland supermarket")
_VENUES = frozenset({"stadium", "arena", "hospital", "hotel"})
#: capitalised after a nation's name, a suburb, a quarter or a station named after it
_LOCALITIES_AFTER = frozenset({
    "Bay", "Water", "Plain", "Creek", "Heights", "Hill",
    # a beach town or a dock named after it ("Mexico Beach", "Greenland Dock")
    "Beach", "Dock", "Docks", "Wharf", "Quay",
})
_NAMED_LOCALITY = ("before 'Bay', 'Plain', 'Creek'…: a suburb named after it -4.5", -4.5)
_BUSINESS_AFTER = frozenset({
    "supermarket", "store", "chain", "brand", "distillery", "brewery", "restaurant",
    "takeaway", "foods", "motors", "telecom", "holdings", "plc",
    # a station named after it ("Cyprus DLR station", "Canada station"): a nation's own
    # stations are its possessive's ("Ukraine's stations")
    "station", "dlr", "tube",
})
#: after a town's name, a member of a band named after it ("Nazareth guitarist", "Boston
#: drummer"); a nation's word there is the player's nationality ("a Syrian guitarist")
_BAND_MEMBERS = frozenset({
    "guitarist", "guitarists", "drummer", "drummers", "bassist", "bassists", "frontman",
    "frontwoman", "keyboardist", "keyboardists",
})
_BAND_NAMED = ("before 'guitarist', 'drummer'…: a band named after it -4.5", -4.5)
#: a town's name that announces, cancels or postpones a tour or an album is a band's
#: ("Beirut announce spring tour", "Chicago cancels album launch")
_BANDS_NEWS = re.compile(
    r" (?:announce|announces|announced|cancel|cancels|cancelled|canceled|postpone|postpones"
    r"|postponed)(?: [\w'’-]+){0,4}? (?:tour|tours|album|albums|gig|gigs|concert|concerts)\b"
)
#: before "as" and a capitalised name, the words that cast an actor as a role: the name is
#: the character's ("Pedro Alonso returns as Berlin", "she stars as Georgia")
_CASTING = frozenset({
    "plays", "played", "playing", "stars", "starred", "starring", "returns", "returned",
    "returning", "cast", "reprises", "reprised", "reprising", "voices", "voiced", "voicing",
})
_A_ROLE = ("after 'plays as', 'returns as'…: a role's name -4.5", -4.5)
#: after a town's name, a ground or a station that "in" and another name place elsewhere:
#: it is named after the town ("Orlando Stadium in Soweto", "Stalingrad metro in Paris")
_NAMED_GROUNDS = frozenset({"stadium", "arena", "metro", "station"})
_GROUND_ELSEWHERE = ("before 'Stadium in', 'metro in' another place: named after it -4.5",
                     -4.5)
#: capitalised after a name, a mountain range named after it ("the San Juan Mountains" of
#: Colorado are no Puerto Rico, "the Santa Lucia Range" no Saint Lucia)
_RANGES = frozenset({"Mountains", "Range"})
_NAMED_RANGE = ("before 'Mountains', 'Range': a range named after it -3.0", -3.0)
# "the size of Wales", "twice the area of Manhattan": a yardstick, not where it happens
_COMPARISON = ("a measure of comparison ('the size of') -3.0", -3.0)
_MULTIPLES = frozenset({"times", "twice", "thrice", "half", "third", "quarter"})
_ELSEWHERE = "same country named elsewhere +1.5"
_IN_NAMED_REGION = ("a town of the region the text places it in +4.0", 4.0)
#: "Moscow police in Idaho": up to two words of the name's own, then "in" and the state
_IN_STATE = re.compile(r"(?: [\w'’-]+){0,2},? in ")
#: "the Ohio city", "the Algarve town": a region before one of these is the town's the text
#: named
#: ("the Ohio district": a US school district is a town's)
_TOWN_NOUNS = frozenset({
    "city", "town", "village", "suburb", "community", "borough", "district",
})
_US = frozenset({"US"})
_AGREE = ("another mention may be in the same country +1.0", 1.0)
#: the kinds of sense that name a whole country
_NATIONAL = frozenset({"country", "demonym"})
#: words for a subdivision that a place's name also spells, read as the word before a name
_SUBDIVISION_WORDS = frozenset({"kanton", "canton", "provinz", "bezirk", "landkreis", "kreis"})
_TOWN_ECHO = ("the name of a town the text names so: that town again -6.0", -6.0)
_LOCAL_KINDS = frozenset({"city", "town"})
#: a city of a country nothing else in the text names, where other countries are named
_ABROAD = ("a place of a country no other mention names -0.5", -0.5)
#: a subdivision named by a compass point and a word for region: many countries have one
_COMPASS_REGION = re.compile(
    r"(?:(?:north|south|east|west)(?:ern)?(?:[ -](?:north|south|east|west)(?:ern)?)?|central)"
    r" (?:province|region|district|state|division|department|zone|governorate)"
)
_GENERIC_REGION = (
    "a compass point's region, in a text other mentions place in another country -4.0", -4.0
)
_RIVAL_HOME = ("another reading of the name lies in the country other mentions name -1.5",
               -1.5)
_RIVALLED_KINDS = frozenset({"subdivision", "capital"})
_FAR_ABROAD = ("a place of a country no other mention names, in a text placed elsewhere -2.5",
               -2.5)
_APPOSED = ("followed by its state or country +3.0", 3.0)
#: after a town's name and a comma, ending the clause: the town's state or province ("St.
#: Stephen, New Brunswick,"), not a city of the same name
_AFTER_TOWN = ("after a town's name and a comma: its state or province", 0.0)
_TOWNS_STATE = "after a town's name and a comma: the town's state or province +2.0"
_NOT_TOWNS_STATE = "after a town's name and a comma: the state's reading first -2.0"
#: the region's word after a region in the genitive, as Slavic news names a town's region
#: (folded: й reads и)
_REGION_GENITIVE = frozenset({
    "области", "області", "края", "краю", "раиона", "раиону", "республики", "oblasti",
    "okruga", "okresu", "kraje",
})
_NOT_APPOSED = ("followed by another country -3.0", -3.0)
#: a name placed by its state's postal abbreviation in a country where it names nothing; a
#: set of its own, told by identity (every empty frozenset is one object, so not that)
_UNKNOWN_TOWN: frozenset[str] = frozenset({"an unknown town"})
#: "Peru, Indiana": a country's name before another country's state is a town of that state
_TOWN_OF_STATE = ("a country's name followed by another country's state -6.0", -6.0)
#: a nation's adjective beside one of these names a school abroad, not the nation ("the
#: American University of Beirut", "Universiteti Amerikan i Kosovës", "الجامعة الأمريكية")
_SCHOOLS = frozenset(fold_term(word) for word in (
    "university", "college", "school", "universidad", "universidade", "université",
    "universite", "università", "universita", "universität", "universitaet", "hochschule",
    "schule", "lycée", "lycee", "liceo", "colegio", "escuela", "escola", "scuola",
    "universitet", "universiteti", "universitetit", "universitetin", "universitetu",
    "университет", "университета", "университете", "університет", "університету",
    "університеті", "універзитет", "универзитет", "универзитета", "универзитету", "الجامعة",
    "جامعة", "بالجامعة", "للجامعة", "المدرسة", "مدرسة",
))
#: what an apposition says a name is, when it is no place: "Sudan, the last male northern
#: white rhino", "Japan, the colt", "Moskva, the cruiser"
_THINGS = frozenset(fold_term(word) for word in (
    "rhino", "rhinoceros", "elephant", "horse", "racehorse", "colt", "filly", "mare",
    "stallion", "gelding", "chaser", "hurdler", "sprinter", "dog", "cat", "panda", "gorilla",
    "chimpanzee", "whale", "orca", "dolphin", "bear", "lion", "lioness", "tiger", "giraffe",
    "hippo", "camel", "mascot", "parrot", "ship", "vessel", "tanker", "yacht", "cruiser",
    "frigate", "band", "singer", "rapper", "brand", "company", "restaurant", "novel", "film",
    "song", "album",
    "rhinocéros", "éléphant", "cheval", "jument", "chien", "chat", "baleine", "ours",
    "navire", "groupe", "chanteur", "chanteuse", "marque", "rinoceronte", "elefante",
    "caballo", "yegua", "perro", "gato", "ballena", "oso", "buque", "cavallo", "cane",
    "orso", "nave", "nashorn", "pferd", "stute", "hund", "katze", "wal", "bär", "schiff",
))
#: Arabic numbers in words, as a measure writes them ("بقطر خمسة أمتار")
_ARABIC_NUMBERS = frozenset((
    "واحد", "اثنين", "اثنان", "ثلاثة", "ثلاث", "أربعة", "أربع", "خمسة", "خمس", "ستة", "ست",
    "سبعة", "سبع", "ثمانية", "ثماني", "تسعة", "تسع", "عشرة", "عشر", "عشرين", "عشرون",
    "ثلاثين", "أربعين", "خمسين", "مئة", "مائة", "نصف", "مترين", "متر", "كيلومتر",
))
#: common Arabic first names: a nisba after one is a surname ("سامي المصري" is no Egypt)
#: (not those that are also common words: "عمر", age; "حسن", good; "سعيد", happy; "نور"…)
_ARABIC_GIVEN_NAMES = frozenset((
    "محمد", "أحمد", "احمد", "محمود", "علي", "حسين", "خالد", "سامي", "عبدالله", "يوسف",
    "إبراهيم", "ابراهيم", "مصطفى", "طارق", "فادي", "رامي", "مريم", "فاطمة", "هند", "سارة",
    "ليلى", "زياد", "وليد", "هشام", "مازن", "سمير", "عماد", "فيصل", "مهدي", "حيدر", "عباس",
    "جعفر", "قاسم", "سلمى", "رنا", "لينا", "ياسر", "أيمن", "أسامة",
    "حسام", "مروان", "عمرو", "هاني", "طلال", "نزار", "إياد", "معاذ", "حمزة", "أنس", "عثمان",
))
#: "Saint-Pétersbourg, en Floride", "Toledo, in Ohio": an address with its preposition
_COMMA_IN = re.compile(
    r", (?:(?:en|in|im|no|na|em|au|nel|nello|nella|dans) )?(?:(?:the |l'|la |le |el |o |a )?"
    r"(?:district|distrito|province|provincia|região|region|région|regione|state|estado|état"
    r"|county|comté|département|departamento|oblast|canton|municipality|municipio|município)"
    r" (?:of |de |do |da |di |del |della |du |de la |des )?)?")
_BRAZIL = frozenset({"BR"})
_BRAZILIAN_STATE = re.compile(
    r" \((?:AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|RR|SC|SP|SE|TO)\)")
_SLAVIC = frozenset({"ru", "uk", "sr", "hr", "bs", "sk", "cs", "pl", "bg", "sl", "mk"})
#: the suffixes of a Slavic adjective's stem: a curated stem that ends in one is an adjective
_SLAVIC_SUFFIXES = ("sk", "ck", "ск", "цк", "ськ", "цьк")
#: after a nation's adjective and a food, its trade, not a dish: "Vietnamese coffee exports"
_TRADE = frozenset({
    "exports", "export", "imports", "import", "prices", "price", "production", "producers",
    "growers", "farmers", "harvest", "crop", "industry", "sector", "market", "sales",
    "exportaciones", "precios", "exportations", "prix", "exporte", "preise", "exportacoes",
    "precos", "esportazioni", "prezzi", "экспорт", "цены", "експорт", "ціни",
})
_APPOSED_ARTICLES = frozenset({"the", "le", "la", "el", "il", "o", "a", "der", "die", "das"})
#: "Little Italy", "le Petit Cambodge", "Klein-Paris": a quarter or a shop named after it
_LITTLE = frozenset({"Little", "Petit", "Petite", "Piccola", "Piccolo", "Pequeña", "Pequeno",
                     "Pequena", "Klein", "Kleine", "Malá", "Mala", "Mali", "Малая", "Маленькая"})
_NAMED_AFTER = ("after 'Little', 'Petit'…: a quarter or shop named after it -4.5", -4.5)
#: ``DISH_WORDS`` folded, as the text is read
_DISHES = {
    language: frozenset(fold_term(word) for word in words)
    for language, words in DISH_WORDS.items()
}
#: the words between a town and the region it lies in ("Нью-Йорк на Донеччині", "Париж в
#: Челябинской области", "Nova Iorque, no Maranhão"), by language
_REGION_LOCATIVE = {
    "uk": frozenset((" на ", " в ", " у ")), "ru": frozenset((" на ", " в ")),
    "sr": frozenset((" на ", " у ", " na ", " u ")),
    "pt": frozenset((", no ", ", na ", ", em ")), "es": frozenset((", en ",)),
}
#: what may follow a town's address ("Armenia, Colombia"): the end of a clause, not a list's
#: next item
#: after "X, Y" these go on with a list ("Israel, Gaza and Lebanon"), not an address
_LIST_GOES_ON = re.compile(r",? (?:and|or|y|o|e|et|ou|und|oder|i|и|или|та|і|و) |, ")
_QUALIFIED = ("after another country's demonym -3.0", -3.0)
#: kinds a neighbouring capitalised word does not make a person ("Chad Smith" but not
#: "Ukraine President"), unless regions.toml lists the name
_NOT_PEOPLE = frozenset({"country", "curated", "demonym"})
# Automaton values pack a key's term index, whether a hit needs a second look (an
# abbreviation, a phrase that is not a place), and the key's length (shorter than 256).
_INDEX_SHIFT = 9
_CHECK = 1 << 8
#: the longest name written in capitals that is read as an acronym, unless it is one
_ACRONYM = 3
_LENGTH = _CHECK - 1


class _Reading(NamedTuple):
    """One sense of a term, with everything about it that the text cannot change."""

    sense: Sense
    prior: float
    #: "city +1.4": the first line of its evidence
    label: str
    #: what being an ordinary word of the language costs it (0.0: nothing)
    penalty: float
    penalty_label: str
    #: a neighbouring capitalised word makes this sense a person
    person: bool
    #: a demonym that counts written in lower case, as Russian and the Romance languages
    #: write them ("российских", "israelí")
    demonym: bool
    #: the score and evidence when the text adds nothing
    plain: Scored
    #: none of the sense's spellings of this name has an accent (``Term.unaccented``)
    unaccented: bool = False


class _Profile(NamedTuple):
    """A term as read in one language, worked out the first time a text names it."""

    readings: tuple[_Reading, ...]
    doubtful: bool
    #: in lower case it is the word, not the place
    lower_word: bool
    #: doubtful, or common enough as a word that it needs evidence
    word_like: bool
    #: the countries its state and country senses stand for, when it can follow "X, "
    apposable: frozenset[str] | None
    #: every sense, when the name is written in lower case and is a word
    never: tuple[Scored, ...]
    #: the senses scored, by the shape of the mention (``_Shape``): news writes a name the
    #: same few ways, so each way is scored once
    scored: dict[_Shape, tuple[Scored, ...]]
    #: listed in [ambiguity] names, and a much more common word in the text's language than
    #: in English, whose list it was written for (``_COMMON``)
    common_here: bool = False
    #: it can be a country's name: two of those with a comma between are a list, not "X, Y"
    nation: bool = False
    #: one of its senses names a whole country (``_with_others``)
    national: bool = False
    #: every sense is a city or a town: a name a longer unknown one may hold
    local_only: bool = False


class Places:
    """Built once from the gazetteer; ``find`` is then pure and safe to share (its cache of
    term profiles only ever gains entries, each the same whoever computes it).

    Its automaton also holds ``cue_keys`` (the severity rules' keys), so that one pass over a
    text finds both: ``find`` hands their hits to its caller."""

    def __init__(
        self, gazetteer: Gazetteer, ambiguity: AmbiguityOptions, cue_keys: Sequence[str]
    ) -> None:
        self._ambiguity = ambiguity
        #: each distinct term once (spellings of one place share theirs), by index
        self._terms: list[Term] = []
        index_of: dict[int, int] = {}
        # Integers, not Python objects, as values: 126,000 tuples would cost 10 MB.
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        #: stem of a one-word name → its term's index, for names that take case endings
        self._stems: dict[str, int] = {}
        #: three-letter stems of big cities, read only with a capital ("Niša", "Ниша")
        self._short_stems: dict[str, int] = {}
        #: one-word Arabic names → term index, found behind a joined prefix
        self._arabic: dict[str, int] = {}
        #: stems of Cyrillic names of two folded words, the first short (Ukrainian's apostrophe
        #: makes "куп янськ"): only the last takes the case ending ("Куп'янську")
        self._joined_stems: dict[str, int] = {}
        # in the order of the keys, not of the data's sets: two names may share a stem
        # ("styria", "styrie"), and the first keeps it whatever the hash seed. The keys alone
        # sorted: a (key, term) pair each would be 115,000 tuples more at the peak (4 MB).
        for key in sorted(gazetteer.terms):
            term = gazetteer.terms[key]
            index = index_of.setdefault(id(term), len(self._terms))
            if index == len(self._terms):
                self._terms.append(term)
            # Padded with spaces, a key only matches a whole word: the folded text has spaces
            # where the original had punctuation.
            check = _CHECK if term.exact is not None else 0
            automaton.add_word(f" {key} ", index << _INDEX_SHIFT | check | len(key))
            if " " in key:
                if _JOINED_NAME.fullmatch(key):
                    self._joined_stems.setdefault(
                        key[:-1] if key[-1] in _VOWELS else key, index
                    )
                continue
            if "\u0600" <= key[0] <= "\u06ff":
                self._arabic.setdefault(key, index)
            else:
                # "київ" is a stem as it is ("Києві"), "москва" less its vowel ("Москве")
                stem = key[:-1] if key[-1] in _VOWELS else key
                # the shortest stems meet first names' case forms ("Андр", Indre: "Андрей"):
                # a town's (a region named after its city has the city's fame), or a big
                # region's, not a department's
                shortest = _MIN_STEM if any(
                    s.kind != "subdivision" or s.fame or s.importance >= _SHORT_STEM_IMPORTANCE
                    for s in term.senses
                ) else _MIN_STEM + 1
                for form in (
                    stem, *_ukrainian_oblique(stem), *_fleeting_vowel(key), *_softened(key),
                    *_doubled(key),
                ):
                    if len(form) >= shortest:
                        self._stems.setdefault(form, index)
                if len(stem) == _MIN_STEM - 1 and any(
                    s.kind in ("city", "capital") and s.population >= _SHORT_CITY
                    for s in term.senses
                ):
                    self._short_stems.setdefault(stem, index)  # Niš: "kod Niša"
        #: stem → the index of a country's demonym term (``Gazetteer.adjectives``)
        self._adjectives: dict[str, int] = {}
        for stem, term in gazetteer.adjectives.items():
            index = index_of.setdefault(id(term), len(self._terms))
            if index == len(self._terms):
                self._terms.append(term)
            self._adjectives[stem] = index
        #: a term that names only towns → the languages its towns count in (one set per
        #: country: 15,000 towns share a few dozen)
        languages_of: dict[frozenset[str], frozenset[str]] = {}
        self._towns: dict[int, frozenset[str]] = {}
        for index, term in enumerate(self._terms):
            if all(s.kind == "town" for s in term.senses):
                countries = frozenset(c for s in term.senses for c in s.countries)
                if (languages := languages_of.get(countries)) is None:
                    languages = languages_of[countries] = frozenset(
                        language for c in countries for language in gazetteer.native.get(c, ())
                    )
                self._towns[index] = languages
        self._bare = gazetteer.bare
        self._word_stems = gazetteer.word_stems
        self._stem_languages = gazetteer.stem_languages
        #: the terms that name nations only: a dish may be named after one
        self._demonyms = frozenset(
            i for i, term in enumerate(self._terms)
            if all(s.kind == "demonym" for s in term.senses)
        )
        #: whether a term is a people's name that with "-stan" names its land
        #: (``_ethnonym``), worked out the first time a text names it
        self._ethnonyms: dict[int, bool] = {}
        self._native = gazetteer.native
        self._postal = gazetteer.postal
        self._state_names = gazetteer.state_names
        self._state_towns = gazetteer.state_towns
        self._articled_words = gazetteer.articled_words
        # A phrase that holds a name but is not the place is a key of its own, longer than the
        # name, so it wins the longest-first choice and then counts as nothing.
        self._not_a_place = len(self._terms)
        #: one-word phrases of them, which a joined Arabic prefix must not reveal ("بالمدينة")
        self._not_place_words = {p for p in ambiguity.not_places if " " not in p}
        for phrase in ambiguity.not_places:
            automaton.add_word(
                f" {phrase} ", self._not_a_place << _INDEX_SHIFT | _CHECK | len(phrase)
            )
        #: how many keys name places (the automaton holds the cue keys too)
        self._keys = len(automaton)
        #: a cue key's place value (0: none), by its index in ``cue_keys``; the automaton holds
        #: the index's complement (its values are 32-bit: too few bits for both)
        self._cue_places: list[int] = []
        for i, key in enumerate(cue_keys):
            # a key can be a place and a cue at once (" hit ": a town in Iraq, and a strike)
            self._cue_places.append(automaton.get(key, 0))
            automaton.add_word(key, ~i)
        automaton.make_automaton()
        self._automaton = automaton
        #: term index → words that, in the same text, make the name the ordinary word
        self._word_cues: dict[int, tuple[str, ...]] = {}
        #: the same for a word no whole term spells, read from a stem and an ending: folded
        #: form → words ("Amerikaner" with "Bäckerei" is the iced cake, "marocchino" with
        #: "caffè" the coffee)
        self._form_cues: dict[str, tuple[str, ...]] = {}
        for name, words in ambiguity.words.items():
            cues = tuple(f" {w} " for w in words)
            if (value := self._place(f" {name} ")) is not None:
                self._word_cues[value >> _INDEX_SHIFT] = cues
            # and as written, where a stem reads it ("macedonia" is a name and an adjective)
            self._form_cues[name] = cues
        #: the spelling, dots aside, that an abbreviation's hit must show
        self._exact = {
            i: t.exact.replace(".", "") for i, t in enumerate(self._terms) if t.exact is not None
        }
        self._after = {
            word: (f"after {word!r} +1.5", 1.5) for word in ambiguity.prepositions
        }
        #: language → term index → profile
        self._profiles: dict[str, dict[int, _Profile]] = {}

    def __len__(self) -> int:
        return self._keys

    @property
    def automaton(self) -> ahocorasick.Automaton:
        return self._automaton

    def find(self, text: Text, cues: list[CueKeyHit]) -> list[Candidate]:
        """Every sense of every mention, scored; ``chosen`` marks those that count. The hits of
        the cue keys go to ``cues``."""
        mentions, inflected = self._mentions(text, cues)
        if not mentions:
            return self._postal_towns(text.original, set())
        language = text.language or "en"
        profiles = self._profiles.get(language)
        if profiles is None:
            profiles = self._profiles.setdefault(language, {})
        profile_of = [
            profiles.get(index) or self._profile(profiles, index, language)
            for _, _, index in mentions
        ]
        # Place names are capitalised wherever letters have case; a text all in lower case
        # says nothing either way.
        cased = not text.original.islower()
        original = text.original
        # Only a name that is also a word, in the headline, reads the headline's case.
        title_case = False
        for profile, (start, _, _) in zip(profile_of, mentions, strict=True):
            if start >= text.body:
                break  # mentions come in the text's order: the rest are in the body
            if profile.word_like:
                title_case = _title_case(original, text.body, mentions)
                break
        first: list[Sequence[Scored]] = []
        #: where a state's postal abbreviation stands: it is the state, not what it spells
        postal: set[int] = set()
        # The countries the text is about on first sight: the evidence for every other mention.
        # ``local`` counts only the mentions of places inside a country (cities, regions):
        # they, not a country's own name, settle a name shared with another country.
        seen: dict[str, int] = {}
        local: dict[str, int] = {}
        #: term index → the countries an apposition placed it in
        settled: dict[int, frozenset[str]] = {}
        #: each mention's own apposition; None where it has none or is no place at all
        apposed_at: list[frozenset[str] | None] = []
        skipped: list[bool] = []
        #: names an apposition says are an animal, a ship, a band…: that, all through the text
        things: set[int] = set()
        #: names the text gives a street ("Jamaica Avenue"), outside a Title Case headline
        streets: set[int] = set()
        #: nations' names the text gives a town or a village ("a vila de Cuba")
        towns: set[int] = set()
        for i, (start, end, _) in enumerate(mentions):
            profile = profile_of[i]
            if profile.nation and original[end:end + 1] == " " and not title_case and (
                (following := _next_word(original, end).rstrip(",.;:"))[:1].isupper()
            ) and following.lower() in _STREETS:
                streets.add(mentions[i][2])
            if profile.nation and _after_town_word(original, text.folded, start):
                towns.add(mentions[i][2])
            skip = start in postal or (
                profile.lower_word and (not profile.readings or original[start].islower())
            ) or (
                # only a nation's adjective, or a name joined by a hyphen, can name a dish;
                # only a name after a quotation mark can be a title
                (original[end:end + 1] == "-" or mentions[i][2] in self._demonyms or (
                    # "Kazakh cuisine": a people's name, as a demonym is
                    self._ethnonym_term(mentions[i][2], text.folded[start:end])
                ))
                and self._dish(text, start, end, mentions[i][2])
            ) or (original[start - 2:start].strip() in _QUOTES and _titled(
                original, start, end, profile
            )) or _ends_title(original, start, end) or (
                # "im Kanton Zürich": a word for a subdivision before its name is the word,
                # though an old exonym spells it ("Kanton", Guangzhou)
                text.folded[start:end] in _SUBDIVISION_WORDS
                and _next_word(original, end)[:1].isupper()
            ) or (
                mentions[i][2] in self._demonyms and (
                    _next_word(text.folded, end) in _SCHOOLS
                    or _word_before(text.folded, start) in _SCHOOLS
                )
            )
            if not skip and text.language == "ar" and original[start:end].endswith("قطر") and (
                _measured(_next_word(original, end))
            ):
                skip = True  # "بقطر خمسة أمتار": a diameter of five metres, not in Qatar
            if not skip and (_said_to_be_a_thing(original, end) or (
                # "محمد شياع السوداني": a nisba after a first name is the surname
                text.language == "ar" and mentions[i][2] in self._demonyms
                and _after_arabic_given_name(original, start)
            )):
                things.add(mentions[i][2])
            elif not skip and text.language == "ar" and i and (
                mentions[i][2] in self._demonyms and _masculine_nisba_after(
                    original, mentions[i - 1][1], start, end)
            ):
                # "بيرم التونسي": a name and a masculine nisba are a person's (a city's
                # adjective agrees with it, feminine: "بيرم الروسية", Perm in Russia)
                things.update((mentions[i][2], mentions[i - 1][2]))
            if not skip and text.language == "ar" and mentions[i][2] in self._demonyms and any(
                # "محمد شياع السوداني" (a listed name) … "السوداني يحذر": the nisba that ends
                # a person's name the text gives in full is that person's
                original[s:e].endswith(" " + original[start:end])
                and _after_arabic_given_name(original, e - (end - start))
                for s, e, _ in mentions if (s, e) != (start, end)
            ):
                things.add(mentions[i][2])
            skipped.append(skip)
            apposed = None if skip else self._apposition(
                text, i, mentions, profile_of, postal
            )
            apposed_at.append(apposed)
            if apposed is not None:
                settled.setdefault(mentions[i][2], apposed)
        for i, (start, end, _) in enumerate(mentions):
            profile = profile_of[i]
            if skipped[i] or mentions[i][2] in things:
                first.append(profile.never)
                continue
            if settled.get(mentions[i][2]) is _UNKNOWN_TOWN:
                first.append(tuple((s, _NEVER, _STATES_TOWN) for s, _, _ in profile.never))
                continue
            # a name placed once ("Lebanon, Pennsylvania") is that place wherever it is said,
            # before the apposition too ("Paris council votes … the council in Paris, Texas")
            apposed = apposed_at[i]
            if apposed is None:
                apposed = settled.get(mentions[i][2])
            scored: Sequence[Scored] = self._scored(
                text, start, end, profile, apposed, cased, title_case, start in inflected
            )
            if (word_cues := self._word_cues.get(mentions[i][2])) is not None or (
                (word_cues := self._form_cues.get(text.folded[start:end])) is not None
            ):
                scored = _as_word(scored, text.folded, word_cues)
            if i and original[mentions[i - 1][1]:start] == " ":
                scored = _qualified(scored, first[i - 1])
            if mentions[i][2] in streets and len(scored) > 1:
                scored = _street_echo(scored)
            if mentions[i][2] in towns:
                scored = _town_echo(scored)
            first.append(scored)
            sense, score, _ = scored[0]
            if score >= THRESHOLD:
                _count(sense, seen, local, 1)
        if len(first) > 1 and text.language == "en":
            _things_again(mentions, first, seen, local)
        if len(first) > 1:
            _club_at_home(text.folded, mentions, first, seen, local)
            _agree(first, seen, local, [index for _, _, index in mentions])
            self._towns_of_named_regions(original, text.folded, mentions, first, seen, local)
        out = self._postal_towns(original, postal)
        echoes = _echoes(mentions, first)
        for (start, end, term), scored, profile in zip(mentions, first, profile_of, strict=True):
            if seen and scored[0][1] > _NEVER:
                # (a country's name said again is what the text is about: its echo counts)
                echo = None if profile.national else echoes.get(term)
                others = (seen, local) if echo is None else _without(echo, scored, seen, local)
                scored = _with_others(scored, profile.national, *others)
                if _COMPASS_REGION.fullmatch(text.folded, start, end):
                    scored = _generic_region(scored, seen)
            written = original[start:end]
            sense, score, evidence = scored[0]
            out.append(_candidate(
                Candidate, (written, start, sense, score, evidence, score >= THRESHOLD)
            ))
            if len(scored) > 1:
                for sense, score, evidence in scored[1:]:
                    out.append(
                        _candidate(Candidate, (written, start, sense, score, evidence, False))
                    )
        return out

    def _towns_of_named_regions(
        self, original: str, folded: str, mentions: list[_Mention],
        first: list[Sequence[Scored]], seen: dict[str, int], local: dict[str, int],
    ) -> None:
        """A region the text makes a name's place makes it that region's town, where it has
        one: "Moscow police in Idaho" (a US state right after the name's words), "Lima … the
        Ohio city", "Lagos … the Algarve town" (a region as a town's adjective, anywhere: a US
        state's own towns, another region's country's). The town's reading gains
        ``_IN_NAMED_REGION``, and ``seen`` and ``local`` follow if it now wins; a region named
        anywhere else proves nothing ("senators from Idaho criticised Moscow")."""
        states: dict[int, str] = {}
        anywhere = set()
        countries: set[str] = set()
        # a name right before "in" and a region of another country than the US: a town of
        # that country ("Montenegro in Rio Grande do Sul" is Brazil's town)
        in_region: dict[int, frozenset[str]] = {}
        for i, ((start, end, _), scored) in enumerate(zip(mentions, first, strict=True)):
            sense, score, _ = scored[0]
            if score < THRESHOLD or sense.kind not in ("subdivision", "curated"):
                continue
            if i and sense.kind == "subdivision" and sense.countries != _US and (
                original[mentions[i - 1][1]:start] == " in "
            ):
                in_region[i - 1] = sense.countries
            named_town = _next_word(folded, end) in _TOWN_NOUNS
            if sense.countries == _US and (
                (state := self._state_names.get(folded[start:end])) is not None
            ):
                states[i] = state
                if named_town:
                    anywhere.add(state)
            elif named_town:
                countries |= sense.countries
        if not (states or countries or in_region):
            return
        # the names placed so, wherever the text says them again ("Moscow man arrested …
        # Moscow police in Idaho")
        placed = {
            folded[start:end] for i, (start, end, _) in enumerate(mentions)
            if (towns := self._state_towns.get(folded[start:end])) and (towns & anywhere or any(
                state in towns and _IN_STATE.fullmatch(original, end, mentions[j][0])
                for j, state in states.items() if j > i
            ))
        }
        for i, ((start, end, _), scored) in enumerate(zip(mentions, first, strict=True)):
            us_town = folded[start:end] in placed
            region = in_region.get(i, _NO_COUNTRIES)
            if not us_town and not countries and not region:
                continue
            out = [
                (s, score + _IN_NAMED_REGION[1], (*evidence, _IN_NAMED_REGION[0]))
                if s.kind in _LOCAL_KINDS and score > _NEVER and (
                    (us_town and s.countries == _US) or s.countries <= countries
                    or (region and s.countries <= region)
                )
                else (s, score, evidence)
                for s, score, evidence in scored
            ]
            out.sort(key=_best_first)
            (old, before, _), (won, after, _) = scored[0], out[0]
            first[i] = out
            if won is not old:
                if before >= THRESHOLD:
                    _count(old, seen, local, -1)
                if after >= THRESHOLD:
                    _count(won, seen, local, 1)

    def _apposition(
        self, text: Text, i: int, mentions: list[_Mention], profile_of: list[_Profile],
        postal: set[int],
    ) -> frozenset[str] | None:
        """The countries the words right after a mention place it in ("Paris, Texas", "Athens,
        GA", "Нью-Йорк на Донеччині"); a state's postal abbreviation read so goes to
        ``postal``."""
        original = text.original
        end = mentions[i][1]
        profile = profile_of[i]
        last = len(mentions) - 1
        # "Paris, Texas": a comma, then the state or country with its capital letter
        # ("Moscú para hablar" is no apposition: "para" is a word, and no comma is there);
        # "Athens, GA": a comma, then a state's postal abbreviation (not Gabon)
        abbreviation = _POSTAL.match(original, end) if original.startswith(", ", end) else None
        if abbreviation is not None and (
            states := self._postal.get(_state_code(abbreviation.group(1)))
        ):
            apposed = frozenset(c for state in states for c in state.countries)
            if not _has_place_in(profile, apposed):
                # "Belgrade, Mont.": a town of that state the gazetteer does not know, which
                # ``_postal_towns`` reads; none of this name's places
                return _UNKNOWN_TOWN
            postal.add(abbreviation.start(1))
            return apposed
        if text.language == "pt" and _BRAZILIAN_STATE.match(original, end):
            # "Macau (RN)", "Colômbia (SP)": a Brazilian town and its state's abbreviation
            return _BRAZIL if _has_place_in(profile, _BRAZIL) else _UNKNOWN_TOWN
        if i == last:
            return None
        # what stands between this name and the next, which every test below reads
        gap = original[end:mentions[i + 1][0]]
        if (gap.strip() == "," or _COMMA_IN.fullmatch(gap)) and (
            original[mentions[i + 1][0]].isupper()
        ) and not (
            # two countries are a list ("Armenia, Colombia and Peru"), unless the first
            # is a town of the second and the list goes no further, which makes them its
            # address ("Armenia, Colombia: flood kills five", "Armenia, Colombia marks…")
            profile.nation and profile_of[i + 1].nation
            and not (
                # "Armenia, Colombia marks…": the first is a town of the second, and no
                # list goes on after it
                _has_place_in(profile, profile_of[i + 1].apposable)
                and not (
                    # AP's comma after the country is none ("Liberia, Costa Rica, were
                    # delayed"): a list goes on to a capitalised word
                    (more := _LIST_GOES_ON.match(original, mentions[i + 1][1]))
                    and original[more.end():more.end() + 1].isupper()
                )
            )
        ) and not (
            profile.nation and i + 1 < last
            and _LIST_GOES_ON.fullmatch(original, mentions[i + 1][1], mentions[i + 2][0])
            and original[mentions[i + 2][0]].isupper()
        ):
            named = profile_of[i + 1].apposable
            state = profile_of[i + 1].readings
            if named and state and all(r.sense.kind == "subdivision" for r in state) and (
                not _has_place_in(profile, named)
            ) and not (
                (more := _LIST_GOES_ON.match(original, mentions[i + 1][1]))
                and original[more.end():more.end() + 1].isupper()
            ):
                # "Berlin, New Hampshire": a town of that state the gazetteer does not know,
                # as "Belgrade, Mont." is; not in a list ("Berlin, New York and Paris"), but
                # AP's comma after the state is none ("Cairo, Illinois, expected to…")
                return _UNKNOWN_TOWN
            if named is not None or gap not in _REGION_LOCATIVE.get(text.language or "", ()):
                return named
            # "Cuba, no Baixo Alentejo": a region that is no state, read as below
        if text.language in _ADJECTIVE_AFTER and gap == " ":
            return _qualifying(profile, profile_of[i + 1])
        if text.language in _REGION_LOCATIVE and (
            gap in _REGION_LOCATIVE[text.language]
        ) and profile_of[i + 1].readings and all(
            r.sense.kind in ("subdivision", "curated") for r in profile_of[i + 1].readings
        ):
            # "Нью-Йорк на Донеччині": a town named in a region is that region's
            return frozenset(
                c for r in profile_of[i + 1].readings for c in r.sense.countries
            )
        if gap == " " and (
            _region_named(text.folded, *mentions[i + 1][:2])
        ):
            # "Варна Челябинской области": a town named in its region's genitive is in
            # that region, whatever else its name is (the region may be read as its city:
            # "Курганской" is Kurgan's)
            return frozenset(
                c for r in profile_of[i + 1].readings for c in r.sense.countries
            ) or None
        return None

    def _dish(self, text: Text, start: int, end: int, index: int) -> bool:
        """A nation's adjective beside a word of food or the kitchen names a dish or a
        cuisine ("Georgian cuisine", "турецьку каву", "filet américain"), not the nation; so
        does any place's name joined to one by a hyphen ("Dubai-Schokolade")."""
        dishes = _DISHES.get(text.language or "en")
        if dishes is None:
            return False
        if text.original[end:end + 1] == "-" and (part := _HYPHEN_PART.match(text.original, end)):
            # any place's name joined to one: "Dubai-Schokolade", "Wiener-Würstchen"
            return fold_term(part.group(1)) in dishes
        if index not in self._demonyms and not self._ethnonym_term(index, text.folded[start:end]):
            return False
        after = _next_word(text.folded, end)
        if after in dishes:
            # the nation's crop or trade, not a dish ("Vietnamese coffee exports")
            return _next_word(text.folded, end + 1 + len(after)) not in _TRADE
        return _word_before(text.folded, start) in dishes

    def _ethnonym_term(self, index: int, folded: str) -> bool:
        """``_ethnonym`` of a term, looked up once."""
        known = self._ethnonyms.get(index)
        if known is None:
            known = self._ethnonyms[index] = self._ethnonym(folded)
        return known

    def _ethnonym(self, folded: str) -> bool:
        """Whether a name is a people's whose land is named by it and "-stan" ("Kazakh",
        "Uzbek", "Tajik"): the gazetteer reads it as the country, but before a dish it is
        the people's adjective ("Kazakh cuisine")."""
        name = folded.strip()
        return any(
            self._place(f" {name}{ending} ") is not None for ending in ("stan", "istan")
        )

    def _postal_towns(self, original: str, seen: set[int]) -> list[Candidate]:
        """A town the gazetteer does not know, before its state's postal abbreviation ("27km
        SE of Campo, CA"): the state. Not after another capitalised word: "John Smith, MD" is
        a doctor."""
        out: list[Candidate] = []
        if ", " not in original:
            return out
        for tail in _POSTAL.finditer(original):
            abbreviation = _state_code(tail.group(1))
            if tail.start(1) in seen or (states := self._postal.get(abbreviation)) is None:
                continue
            town = _TOWN.search(original, max(0, tail.start() - 40), tail.start())
            if town is None:
                continue
            before = _previous_word(original, town.start())
            if before[:1].isupper() and not _sentence_start(original, town.start()):
                continue
            for state in states:
                out.append(Candidate(original[town.start():tail.end()], town.start(), state,
                                     _POSTAL_SCORE, (_POSTAL_EVIDENCE,), True))
        return out

    # -- mentions ------------------------------------------------------------------------------

    def _mentions(
        self, text: Text, cues: list[CueKeyHit]
    ) -> tuple[list[_Mention], set[int]]:
        """The names found, and where those read with a case ending start; the cue keys' hits
        go to ``cues``."""
        folded, original = text.folded, text.original
        # the Romance languages write a name's adjective in lower case ("République
        # dominicaine", "Guinea ecuatorial")
        lower_parts = text.language not in _ADJECTIVE_AFTER and not original.islower()
        not_a_place = self._not_a_place
        exact = self._exact
        cue_places = self._cue_places
        found: list[_Mention] = []
        # Hits come in the order of their end: none overlaps another while each starts after
        # the one before ends, the usual case, which needs no choosing.
        overlap = blocked = False
        previous = 0
        for last, value in self._automaton.iter(folded):
            if value < 0:
                cues.append((last, ~value))
                value = cue_places[~value]
                if not value:
                    continue
            index = value >> _INDEX_SHIFT
            start = last - (value & _LENGTH)
            if value & _CHECK:
                if index == not_a_place:
                    blocked = True
                elif original[start:last].replace(".", "") != exact[index]:
                    continue
            elif last - start <= _ACRONYM and original[start:last].isupper() and (
                not original.isupper()
            ) and all(s.kind in _LOCAL_KINDS for s in self._terms[index].senses):
                continue  # "UN", "ICE", "AFP": an acronym, not the town "Un" or "Ice"
            if (towns := self._towns.get(index)) is not None and text.language not in towns:
                continue  # a town is named in its own country's language only
            if lower_parts and index != not_a_place and original[start].isupper() and (
                folded.find(" ", start, last) > 0
            ) and (part := _LOWER_PART.search(original, start, last)) and (
                part.group(1) not in _SUBDIVISION_AFTER  # "Iraq's Kurdistan region"
            ):
                continue  # "Brighton beach" is Brighton's; "pohorie Čierna hora" no Montenegro
            if lower_parts and original[start] in "ewns" and (
                point := original[start:original.find(" ", start, last) + 1]
            ) in _LOWER_COMPASS and original[start + len(point):start + len(point) + 1].isupper(
            ) and all(s.kind in _LOCAL_KINDS for s in self._terms[index].senses):
                continue  # "east London" is London's east, not the city of East London
            if start < previous:
                overlap = True
            previous = last
            found.append((start, last, index))
        inflected: set[int] = set()
        if (
            not folded.isascii() or text.language in _INFLECTED_LATIN
            or text.language in ADJECTIVE_ENDINGS
        ):
            more = list(self._inflected(text, found))
            if more:
                read = {(m[0], m[1]) for m in more}
                found = [m for m in found if (m[0], m[1]) not in read]
                found.extend(more)
                inflected = {m[0] for m in more}
                overlap = True
        if overlap:
            found = _longest_first(found)
        if blocked:
            found = [m for m in found if m[2] != not_a_place]
        return found, inflected

    def _joined(self, text: Text, before: re.Match[str], word: re.Match[str]) -> _Mention | None:
        """A Ukrainian name's case form after its apostrophe ("Куп'янську", "Слов'янську"):
        the two folded words, the last less its ending. Not after a hyphen: "біля Нью-Йорка"
        is as often the Donetsk village as the city; but after a prefix that is no name alone
        ("Усть-Куте" is Ust-Kut's, not Kut's in Iraq)."""
        start = word.start()
        if before.end() != start - 1 or not (
            text.original[start - 1] in _JOINERS
            or (text.original[start - 1] == "-" and before.group() in _HYPHENED_PREFIXES)
        ):
            return None
        joined = f"{before.group()} {word.group()}"
        for cut in range(1, min(_MAX_ENDING, len(word.group()) - 2) + 1):
            index = self._joined_stems.get(joined[:-cut])
            if index is not None and joined[-cut:] in _ENDINGS:
                return before.start(), word.end(), index
        return None

    def _inflected(self, text: Text, found: Sequence[_Mention]) -> Iterable[_Mention]:
        """Names behind an Arabic prefix ("وغزة", "بالسودان"), and names with a case ending
        ("Киеве", "Харкові", "Prištini"): one dictionary lookup per ending tried, on the
        words no whole-word key matched."""
        # every word inside a name already found, not only its first ("Republike Srpske");
        # but a name in lower case, which can only be read as an adjective ("paulista": the
        # city of Paulista, or São Paulo's adjective)
        spans = sorted((m[0], m[1]) for m in found if not self._lower_name(text.original, m))
        k = 0
        latin = text.language in _INFLECTED_LATIN
        endings = ADJECTIVE_ENDINGS.get(text.language or "")
        words = list(_TOKEN.finditer(text.folded))
        skip = -1
        for j, word in enumerate(words):
            start, token = word.start(), word.group()
            while k < len(spans) and spans[k][1] <= start:
                k += 1
            if j == skip or (k < len(spans) and spans[k][0] <= start):
                continue
            first = token[0]
            found_one: _Mention | None = None
            if j + 1 < len(words) and (
                found_one := self._two_words(text, word, words[j + 1], latin)
            ):
                skip = j + 1
            elif "\u0600" <= first <= "\u06ff":
                for prefix in _ARABIC_PREFIXES:
                    if token.startswith(prefix):
                        rest = token[len(prefix):]
                        if rest in self._not_place_words or (
                            prefix.endswith("ال") and rest in self._articled_words
                        ):
                            break
                        index = self._arabic.get(rest)
                        if index is None and prefix.endswith("ل") and rest[:1] == "ل":
                            index = self._arabic.get("ا" + rest)  # لل = ل + ال
                        if index is not None:
                            found_one = (start + len(prefix), word.end(), index)
                            break
            elif endings is not None and text.original[start].islower() and (
                found_one := self._adjective(
                    token, start, endings, text.language or "", lower=True
                )
            ):
                pass  # lower case: an adjective ("amerikane") before a name's case form
            elif ("\u0400" <= first <= "\u04ff") and j and (
                found_one := self._joined(text, words[j - 1], word)
            ):
                pass

            elif ("\u0400" <= first <= "\u04ff") or (latin and first.isascii()):
                for cut in range(1, min(_MAX_ENDING, len(token) - _MIN_STEM) + 1):
                    index = self._stems.get(token[:-cut])
                    if index is not None and token[-cut:] in _ENDINGS:
                        found_one = (start, word.end(), index)
                        break
                else:
                    short = self._short_stems.get(token[:_MIN_STEM - 1])
                    if short is not None and token[_MIN_STEM - 1:] in _ENDINGS and (
                        text.original[start].isupper()
                    ):
                        found_one = (start, word.end(), short)
                    elif text.original[start].isupper():
                        found_one = (
                            text.language == "sq" and self._albanian(token, start)
                        ) or self._regional(token, start, words, j) or self._area(token, word)
            if found_one is None and text.language == "de" and text.original[start].isupper():
                found_one = self._compass(token, start) or self._genitive(token, start)
            if found_one is None and endings is not None:
                found_one = self._adjective(token, start, endings, text.language or "")
            if found_one is not None:
                yield found_one

    def _area(self, token: str, word: re.Match[str]) -> _Mention | None:
        """The land around a town, named after it, in a case form: "Нікопольщину",
        "Бахмутщині" (the oblasts' names, "Харківщина", are listed whole)."""
        area = _AREA.fullmatch(token)
        index = None if area is None else self._stems.get(area.group(1).rstrip("ь"))
        return None if index is None else (word.start(), word.end(), index)

    def _albanian(self, token: str, start: int) -> _Mention | None:
        """An Albanian case form of a country or a big place whose name is too short to leave
        a stem ("Rusisë", "Perunë", "Kinës"): the name it declines, whole."""
        for ending, tail in _ALBANIAN_CASES:
            if not token.endswith(ending):
                continue
            name = token[: -len(ending)] + tail
            if not name or (len(ending) == 1 and name[-1] not in _VOWELS):
                continue  # "Kilit" is Kili's; "Iran" is no one's "Ira"
            value = self._place(f" {name} ")
            if value is None or value & _CHECK:
                continue
            # a country or a capital: a big city's name may be a word's stem ("Punët", works)
            index = value >> _INDEX_SHIFT
            if self._country_name(name) or any(
                s.kind == "capital" for s in self._terms[index].senses
            ):
                return start, start + len(token), index
        return None

    def _genitive(self, token: str, start: int) -> _Mention | None:
        """German's genitive "-s" of a country or a big place: "in Teilen Berlins",
        "Russlands Armee"."""
        if not token.endswith("s") or len(token) < 5:
            return None
        value = self._place(f" {token[:-1]} ")
        if value is None or value & _CHECK:
            return None
        index = value >> _INDEX_SHIFT
        if self._big_place(index) or self._country_name(token[:-1]):
            return start, start + len(token), index
        return None

    def _compass(self, token: str, start: int) -> _Mention | None:
        """German joins a direction to a place's name ("Nordsyrien", "Südisrael",
        "Niederbayern", "Ostukraine"s): the place. Names that are compounds of their own
        ("Nordkorea", "Südsudan", "Westjordanland") are whole terms, found before this."""
        prefix = _COMPASS.match(token)
        if prefix is None:
            return None
        rest = token[prefix.end():]
        for name in (rest, rest[:-1]) if rest.endswith("s") else (rest,):
            value = self._automaton.get(f" {name} ", None)
            if len(name) >= _MIN_STEM and value is not None and not value & _CHECK and any(
                s.kind in _COMPASS_KINDS for s in self._terms[value >> _INDEX_SHIFT].senses
            ):
                return start, start + len(token), value >> _INDEX_SHIFT
        return None

    def _lower_name(self, original: str, mention: _Mention) -> bool:
        start, end, index = mention
        return original[start:end].islower() and index < len(self._terms) and all(
            s.kind != "demonym" for s in self._terms[index].senses
        )

    def _regional(
        self, token: str, start: int, words: Sequence[re.Match[str]], j: int
    ) -> _Mention | None:
        """A region named after its city, as Russian and Ukrainian name oblasts: the city's
        name, "-ск-" and an adjective's ending ("Белгородской области", "Одеській"), read
        before a word for region, or for a city big enough to name one; and so in the Slavic
        languages written in Latin letters ("Košický kraj", "Beogradski okrug")."""
        cyrillic = token[0] >= "\u0400"
        found = (_REGIONAL if cyrillic else _REGIONAL_LATIN).fullmatch(token)
        if found is None:
            return None
        base = found.group(1)
        # Одеса → Одеська, Košice → košickej: the city's last consonant and the suffix's merge
        # (tried first: "košickej" is Košice's, not the Kosi zone's)
        merged = "сц" if cyrillic else "sc"
        suffix = token[len(base)]
        stems = [base + suffix, base] if base[-1] not in merged else [base]
        if cyrillic and base[-2:] in ("ин", "ен"):
            stems.append(base[:-2] + "а")  # Караганда → Карагандинской, Пенза → Пензенской
        for stem in stems:
            value = self._place(f" {stem} ")
            index = value >> _INDEX_SHIFT if value is not None and not value & _CHECK else (
                self._stems.get(stem)
            )
            if index is None or index >= len(self._terms):
                continue
            region_noun = j + 1 < len(words) and words[j + 1].group().startswith(_REGION_NOUNS)
            if region_noun or self._big_place(index):
                return start, start + len(token), index
        return None

    def _two_words(
        self, text: Text, word: re.Match[str], after: re.Match[str], latin: bool
    ) -> _Mention | None:
        """A two-word name with both words inflected, the first as an adjective: "u Novom
        Sadu" (Novi Sad), "в Нижнем Тагиле", "у Новом Пазару". Tried only where the first
        word has an adjective's oblique ending and both are capitalised."""
        first, second = word.group(), after.group()
        cyrillic = "\u0400" <= first[0] <= "\u04ff"
        if not (cyrillic or (latin and first.isascii())) or after.start() - word.end() != 1:
            return None
        # the name's own first word is capitalised; its second may be a region's noun
        # ("у Запорізькій області")
        if not text.original[word.start()].isupper():
            return None
        for ending in _OBLIQUE_ADJECTIVE:
            if not first.endswith(ending) or len(first) - len(ending) < 2:
                continue
            stem = first[:-len(ending)]
            seconds = [second] + [
                second[:-cut] + vowel
                for cut in (1, 2, 3) if second[-cut:] in _ENDINGS
                # a neuter noun's "-е"/"-о" too ("Бијелог Поља": Бијело Поље)
                for vowel in (("", "а", "ь", "е", "о") if cyrillic else ("", "a", "y", "e", "o"))
            ]
            for base in _NOMINATIVE_CYRILLIC if cyrillic else _NOMINATIVE_LATIN:
                for other in seconds:
                    value = self._place(f" {stem}{base} {other} ")
                    if value is not None and not value & _CHECK:
                        return word.start(), after.end(), value >> _INDEX_SHIFT
        return None

    def _adjective(
        self, token: str, start: int, endings: frozenset[str], language: str,
        lower: bool = False,
    ) -> _Mention | None:
        """A country's adjective or demonym in the text's language: the stem of one of its
        names plus one of the language's endings ("israélienne", "украинские", "الروسية");
        or, in German, a big city's "-er" adjective ("Wiener")."""
        end = start + len(token)
        for article in _ARABIC_ARTICLES if "\u0600" <= token[0] <= "\u06ff" else ("",):
            if not token.startswith(article):
                continue
            rest = token[len(article):]
            if rest in self._bare and self._in_language(rest, language):
                return start, end, self._adjectives[rest]
            # Arabic's plural and dual extend the singular the tables list ("أردنيين")
            if rest.endswith(_ARABIC_PLURALS) and (single := rest[:-2]) in self._bare and (
                self._in_language(single, language)
            ):
                return start, end, self._adjectives[single]
            # a whole demonym that only agrees with its noun ("nigérien" + "ne") is that
            # nation's, before a shorter stem of a bigger one's ("niger" + "ienne", Nigeria's)
            for cut in (1, 2, 3):
                whole = rest[:-cut]
                if len(whole) >= _WHOLE_DEMONYM and rest[-cut:] in _AGREEMENT and (
                    index := self._adjectives.get(whole)
                ) is not None:
                    return start, end, index
            # the longest ending first: the shortest stem is the name ("niger" + "ien" is
            # Niger's, "nigeri" + "an" Nigeria's)
            for cut in range(min(_MAX_ADJECTIVE_ENDING, len(rest) - 3), 0, -1):
                stem = rest[:-cut]
                index = self._adjectives.get(stem)
                if index is None or rest[-cut:] not in endings or (
                    len(stem) < PEOPLE_STEM and rest[-cut:] in PEOPLE_ENDINGS
                ) or not self._in_language(stem, language):
                    continue
                # a word for the nation is an adjective already: a short one takes only a
                # case ending ("rus" + "os", "rusk" + "eho"), never another suffix ("serv" +
                # "iços")
                if (
                    cut > 2 and len(stem) < 5 and stem in self._word_stems
                    and rest[-cut:] not in CASE_ENDINGS
                ):
                    continue
                # a country's own name in lower case is a word, not its adjective: "el
                # precio del chile" is the pepper; a word for the nation keeps its forms
                # ("polska"), a city's name its adjective ("paulista")
                if stem not in self._word_stems and (self._country_name(rest) or (
                    # and a Slavic name's case form in lower case too: "носити панаму",
                    # to wear a panama hat; an adjective has its suffix ("панамську")
                    lower and language in _SLAVIC and rest[-cut:] in CASE_ENDINGS
                    and not stem.endswith(_SLAVIC_SUFFIXES)  # "bratislavsk*" is one
                )):
                    continue
                # a short stem's adjective that is a word as common as its nation is big:
                # the word ("пала", "fell", is no Palauan; "rusos" are Russians)
                if len(stem) < 5 and _word_penalty(
                    zipf(token, language), max(s.importance for s in self._terms[index].senses)
                ) >= _MAX_PENALTY:
                    continue
                return start, end, index
        for ending in PLACE_ADJECTIVE_ENDINGS.get(language, ()):
            if not token.endswith(ending) or len(token) - len(ending) < _MIN_STEM:
                continue
            stem = token[:-len(ending)]
            # a German town's name in "-en" loses it, or its "e" ("Bremer", "Münchner",
            # "Dresdner"); no foreign one's ("Ländern" is no "Landen")
            for name in (stem, stem + "en", stem[:-1] + "e" + stem[-1]):
                value = self._place(f" {name} ")
                # a word more frequent than the place it would be the adjective of is the
                # word: "Hammer" is none from Hamm (a name no word list holds says nothing)
                if value is not None and self._big_place(value >> _INDEX_SHIFT) and (
                    (known := zipf(name, language)) == 0 or zipf(token, language) <= known
                ) and (name == stem or self._spoken_in(value >> _INDEX_SHIFT, language)):
                    return start, end, value >> _INDEX_SHIFT
        return None

    def _in_language(self, stem: str, language: str) -> bool:
        """Whether the stem makes adjectives in the language: its names' and words' own."""
        languages = self._stem_languages.get(stem)
        return languages is None or language in languages

    def _country_name(self, word: str) -> bool:
        value = self._place(f" {word} ")
        return value is not None and any(
            s.kind == "country" for s in self._terms[value >> _INDEX_SHIFT].senses
        )

    def _place(self, key: str) -> int | None:
        """The place value of an automaton key; None when it names no place."""
        value: int = self._automaton.get(key, 0)
        if value < 0:
            value = self._cue_places[~value]
        return value or None

    def _spoken_in(self, index: int, language: str) -> bool:
        """Whether every place of a name lies where the language is spoken."""
        return all(
            any(language in self._native.get(c, ()) for c in s.countries)
            for s in self._terms[index].senses
        )

    def _big_place(self, index: int) -> bool:
        if index >= len(self._terms):
            return False
        return any(
            s.kind in ("capital", "subdivision")
            or (s.kind == "city" and s.population >= _PLACE_ADJECTIVE_PEOPLE)
            for s in self._terms[index].senses
        )

    # -- scores --------------------------------------------------------------------------------

    def _profile(self, profiles: dict[int, _Profile], index: int, language: str) -> _Profile:
        term = self._terms[index]
        zipf = term.zipf(language)
        readings = []
        famous = max((math.log10(1 + s.fame) for s in term.senses if s.fame), default=0.0)
        # Whether a city's name is also a word is the spelling's question, not each city's:
        # the biggest city of the name explains its frequency for all of them (Venice, Florida
        # is no more a word than Venice, Italy; fame, not a word's penalty, tells them apart).
        biggest_city = max((s.importance for s in term.senses if s.kind == "city"), default=0.0)
        # "Central", "Eastern", "Saint George": a name that many countries give a province
        # says little on its own about which one
        # A demonym in lower case is the word when the word is as common as its nation is big
        # and the language's own ("пала", "fell", is no Palauan; "polish" no Pole), not when it
        # is as common as the same demonym in English news ("israelí", "pakistaní").
        own_word = language == "en" or zipf - term.zipf("en") >= _MORE_COMMON
        provinces = {c for s in term.senses if s.kind == "subdivision" for c in s.countries}
        generic = len(provinces) >= _GENERIC_SUBDIVISION
        for sense in term.senses:
            prior = sense.prior
            # Of the cities that bear this name as their own, the one the world knows best
            # (Venice, Italy over Venice, Florida; Valencia, Spain over Valencia, Venezuela)
            lesser = min(_LESSER, _FAME * (famous - math.log10(1 + sense.fame))) if (
                sense.fame
            ) else 0
            # wordfreq counts a place's own mentions, and its own country's news names it most
            # ("Львів", "Херсон" in Ukrainian): there a name must be ten times as common to be
            # taken for a word.
            # English is left out: it is the language of countries whose towns are named with
            # its words ("Surprise", "Unity", "Murray")
            native = language != "en" and any(
                language in self._native.get(c, ()) for c in sense.countries
            )
            if sense.kind == "town" and not native:
                continue  # a small town is news in its own country's language only
            importance = (biggest_city if sense.kind == "city" else sense.importance) + (
                _NATIVE if native else 0.0
            )
            penalty = 0.0 if term.doubtful else _word_penalty(zipf, importance)
            label = f"{sense.kind} {prior:+.1f}"
            if sense.kind == "country" and term.languages and language and not (
                {language, "en", ANY_LANGUAGE} & term.languages
            ):
                prior -= _FOREIGN_NAME
                label += f", the country's name in other languages only {-_FOREIGN_NAME:+.1f}"
            if lesser >= 0.05:
                prior -= lesser
                label += f", a lesser-known city of this name {-lesser:+.1f}"
            # not where a well-known city has the name too ("La Paz": Bolivia's department
            # and its seat of government, one sense with the city's fame)
            if generic and sense.kind == "subdivision" and sense.fame < _KNOWN_CITY:
                prior -= _GENERIC
                label += f", many countries' subdivision name {-_GENERIC:+.1f}"
            if native and sense.kind in ("city", "town", "subdivision") and not penalty:
                # a Portuguese text's "Petrópolis" is Brazil's, not a Latin name of St Petersburg
                prior += _NATIVE_CITY
                label += f", in its country's language {_NATIVE_CITY:+.1f}"
            penalty_label = f"also a word here {-penalty:+.1f}"
            plain: Scored = (
                (sense, prior - penalty, (label, penalty_label)) if penalty
                else (sense, prior, (label,))
            )
            readings.append(_Reading(
                sense, prior, label, penalty, penalty_label,
                # a demonym before a name is the person's nationality ("Polish Hurkacz")
                sense.kind != "demonym" and (sense.kind not in _NOT_PEOPLE or term.doubtful),
                sense.kind == "demonym" and not (penalty >= _MAX_PENALTY and own_word), plain,
                term.unaccented(sense),
            ))
        # English words turn up in every language's news, and detection of a short text can err.
        # A demonym the language writes in lower case is no such word ("israelí", "chilenos").
        written_low = language != "en" and all(r.demonym for r in readings)
        lower_word = term.doubtful or (max(zipf, term.zipf("en")) >= _WORD and not written_low)
        if (language == "en" and term.not_in_english) or not readings:
            # "Island" in English is never Iceland, whatever its case; a town is not named
            # outside its country's language
            never = tuple(
                (s, _NEVER, _NOT_ENGLISH if readings else _FOREIGN_TOWN) for s in term.senses
            )
            profile = _Profile((), False, True, False, None, never, {}, national=any(
                s.kind in _NATIONAL for s in term.senses
            ))
            profiles[index] = profile
            return profile
        word_like = term.doubtful or _word_penalty(
            zipf, max(s.importance for s in term.senses)
        ) > 0
        stands = [s for s in term.senses if s.kind in ("subdivision", "country")]
        apposable = frozenset(c for s in stands for c in s.countries) if stands else None
        never = tuple((s, _NEVER, _LOWER_WORD) for s in term.senses)
        profile = _Profile(
            tuple(readings), term.doubtful, lower_word, word_like, apposable, never, {},
            term.doubtful and zipf >= _COMMON and zipf - term.zipf("en") >= _MORE_COMMON,
            any(s.kind == "country" for s in term.senses),
            any(s.kind in _NATIONAL for s in term.senses),
            all(s.kind in _LOCAL_KINDS for s in term.senses),
        )
        profiles[index] = profile
        return profile

    def _scored(
        self, text: Text, start: int, end: int, profile: _Profile,
        apposed: frozenset[str] | None, cased: bool, title_case: bool, inflected: bool,
    ) -> tuple[Scored, ...]:
        """Each sense of a mention with its score and evidence, best first, before the other
        mentions of the text are weighed (``_with_others``); unless it is a word in lower case
        (``_Profile.never``)."""
        original = text.original
        first = original[start]
        form, person = self._form(
            text, start, end, profile, title_case and start < text.body, inflected
        )
        # Russian writes its demonyms in lower case ("российских"): they are the exception.
        # "de la Guardia Nacional": an article in lower case before a capitalised word is the
        # sentence's, not a name's ("La Guardia")
        space = original.find(" ", start, end)
        lowercase_name = cased and ((not first.isupper() and (
            original[start:end].islower() or original[start:space] in _ARTICLES
        )) or (
            # and an article with a capital before a word in lower case is a sentence's
            # first words: "Le port d'Anvers" (the port of Antwerp) is no Le Port, Réunion
            space > 0 and original[start:space].lower() in _ARTICLES
            and original[space + 1:space + 2].islower()
        ))
        # a name written with an accent none of a sense's spellings has is another name
        # ("Gränby" is no Granby, Quebec; "Inđija" no "Indija", India)
        # (not its last letter, where languages accent their endings: "israelí", "Litwą")
        # (an ASCII text, most English news, has no accent anywhere: ``isascii`` is a flag of
        # the string, not a scan)
        # (a case form: its stem, before the longest ending: "Inđije" is Inđija's too)
        accented = not original.isascii() and (
            ACCENT.search(original, start, end - (3 if inflected else 1)) is not None
        )
        shape = (tuple(form), person, lowercase_name, apposed, accented)
        scored = profile.scored.get(shape)
        if scored is None:
            scored = profile.scored[shape] = _score(profile.readings, *shape)
        return scored

    def _form(
        self, text: Text, start: int, end: int, profile: _Profile, title_case: bool,
        inflected: bool,
    ) -> tuple[list[_Form], bool]:
        """Evidence from how the mention is written, the same for every sense; and whether a
        neighbouring capitalised word makes it a person's name."""
        original, folded = text.original, text.folded
        out: list[_Form] = []
        word_like = profile.word_like
        start_of_sentence = False
        if word_like:
            start_of_sentence = _sentence_start(original, start)
            # a case ending ("Splitu") is no English word's
            if profile.doubtful and not inflected:
                out.append(_LISTED)
                if title_case:
                    out.append(_IN_TITLE)
            # German writes every noun with a capital: there it proves nothing ("des Landes")
            if original[start].isupper() and not start_of_sentence and not title_case and (
                text.language != "de"
            ):
                out.append(_CAPITAL)
            elif profile.common_here:
                out.append(_COMMON_HERE)
        before = _word_before(folded, start)
        after = self._after.get(before)
        if after is not None:
            out.append(after)
        elif before in _BUSINESS_NOUNS or (
            # "restaurant Le Liban", "el hotel La Habana"
            before in _ARTICLES and _word_before(folded, start - len(before) - 1)
            in _BUSINESS_NOUNS
        ):
            out.append(_BUSINESS)
        elif before in _SETTLEMENTS or (
            before in ("of", "de", "di", "do", "da")
            and _town_word(original, folded, start - len(before) - 1) in _SETTLEMENTS
        ):
            out.append(_SETTLEMENT)
        elif before in _MUNICIPALITIES or (
            before in ("of", "de", "di", "do", "da")
            and _town_word(original, folded, start - len(before) - 1) in _MUNICIPALITIES
        ):
            out.append(_MUNICIPALITY)
        elif before in _STREETS_BEFORE or (
            # "corso Francia", a street; but "in corso" is under way: only before a capital
            before == "corso" and original[start].isupper()
            and original[start - 6:start].lower() == "corso "
        ) or (
            before in _STREET_LINKS
            and _word_before(folded, start - len(before) - 1) in _STREETS_BEFORE
        ) or (
            # Arabic joins its prepositions to the word: "لميدان لبنان", at Lebanon Square
            text.language == "ar" and before[:1] in "لبوف" and before[1:] in _STREETS_BEFORE
        ) or (before in _STATIONS_BEFORE and original[start].isupper()):
            out.append(_STREET)
        elif start and original[start - 1] in " -" and (
            original[original.rfind(" ", 0, start - 1) + 1:start - 1] in _LITTLE
        ):
            out.append(_NAMED_AFTER)
        elif before == "of" and _comparison(folded, start - 3):
            out.append(_COMPARISON)
        elif before == "of" and (noun := _word_before(folded, start - 3)) in _PLACE_NOUNS:
            out.append(_OF_SUBDIVISION if noun in _SUBDIVISION_NOUNS else _OF_PLACE)
        if text.language == "en" and before == "as" and original[start].isupper() and (
            _word_before(folded, start - 3) in _CASTING
        ) and (
            # the role ends the clause; "stars as India beat…" is the match's star
            original[end:end + 1] in ("", ",", ";", ".", ":")
            or _next_word(folded, end) in ("in", "opposite", "alongside", "for", "and")
        ):
            out.append(_A_ROLE)  # "Pedro Alonso returns as Berlin": the character
        if text.language == "en" and not profile.nation and original[start].isupper() and (
            (ground := _next_word(original, end)).lower() in _NAMED_GROUNDS
        ) and (
            _next_word(original, end + 1 + len(ground)) == "in"
            and _next_word(original, end + 4 + len(ground))[:1].isupper()
        ):
            out.append(_GROUND_ELSEWHERE)  # "Stalingrad metro in Paris": the station's name
        if text.language in _ELIDING and original[end:end + 1] in "'’" and (
            original[end + 1:end + 2].isalpha()
        ):
            out.append(_ELIDED)  # "Trent'anni" is thirty years, no Trento
        if profile.nation and _next_word(folded, end) in _BUSINESS_AFTER and not (
            original[start:end].isupper()  # "UK supermarket Tesco": the country's
        ):
            out.append(_BUSINESS_NAMED)  # "from Iceland supermarket": a chain named after it
        elif text.language == "en" and not profile.nation and original[start].isupper() and (
            _next_word(folded, end).strip(",.;:").removesuffix("'s").removesuffix("’s")
            in _BAND_MEMBERS
        ):
            out.append(_BAND_NAMED)  # "Nazareth guitarist's Les Paul": the band's player
        elif text.language == "en" and not profile.nation and original[start].isupper() and (
            _BANDS_NEWS.match(original, end)
        ):
            out.append(_BAND_NAMED)  # "Beirut announce spring North American tour"
        if start in (1, text.body) and (dateline := _DATELINE.match(original, end)) and (
            not word_like or original[start:end].isupper() or dateline.group() == " : "
            or text.language == "ar"  # no capitals to tell a name: "مالي: انقلاب عسكري"
        ):
            # "BAGHDAD (Reuters) -", "Nice : les commerçants…" (French spaces its colon); a
            # word is no dateline ("Police: 3 dead")
            out.append(_DATELINED)
        if text.language == "en" and original[start - 2:start] == ", " and (
            original[end:end + 1] in ("", ",", ".", ";")
        ) and (
            town := original[original.rfind(" ", 0, start - 2) + 1:start - 2]
        )[:1].isupper() and not (
            # a list of nations: "Armenia, Georgia," is the country
            (value := self._place(f" {fold(town).strip()} ")) is not None
            and (index := value >> _INDEX_SHIFT) < len(self._terms)
            and any(s.kind in _NATIONAL for s in self._terms[index].senses)
        ):
            out.append(_AFTER_TOWN)
        if original[end:end + 2] in ("'s", "’s"):
            out.append(_POSSESSIVE)
        elif text.language == "en" and (
            _next_word(folded, end) in _VILLAGES_AFTER
        ):
            out.append(_VILLAGE_AFTER)
        elif original[end:end + 2] == ", " and _next_word(folded, end + 1) in _MUNICIPALITIES:
            out.append(_MUNICIPALITY)  # "Argelia, municipio del Cauca": a town of that name
        elif original[end:end + 1] == " " and _next_word(folded, end) in _STREETS_AFTER:
            out.append(_STREET_ADJECTIVE)
        elif original[end:end + 1] == " " and (
            # "Idlib province", "the Luxembourg province": as "Idlib Province" says
            _next_word(original, end).rstrip(",.;:") in _SUBDIVISION_AFTER
        ):
            out.append(_NAMED_SUBDIVISION)
        elif original[end + 1:end + 2].islower() and (
            # the folded word after first: the word as written is listed only if that one is
            folded[end + 1:folded.find(" ", end + 1)] in _PLACE_WORDS
        ) and _next_word(original, end).rstrip(",.;:") in _PLACE_WORDS and not (
            # "Cyprus station" is a station named after the nation (``_BUSINESS_NAMED``)
            profile.nation and _next_word(folded, end) in _BUSINESS_AFTER
        ):
            out.append(_PLACE_WORD_AFTER)
        elif (
            # most names are followed by no capitalised word: the word after is not read
            (after_name := original[end + 1:end + 2]).isupper() or after_name in ",.;:"
        ) and (following := _next_word(original, end).strip(",.;:"))[:1].isupper():
            if following.lower() in _STREETS:
                # "Denmark Street", but "the London street known as…"; outside a Title Case
                # headline the capital says it is the street's name, whatever came before
                # ("near Congo Square", "across Syria Street")
                out.append(_STREET if title_case else _NAMED_STREET)
            elif following.lower() in _SUBDIVISION_AFTER:
                out.append(_NAMED_SUBDIVISION)
            elif profile.nation and following.lower() in _VENUES:
                # "Emirates Stadium", "the Saudi Hospital in Kadugli": a nation's name on a
                # ground or a building is its sponsor's or founder's (a city's is where it
                # stands: "Wembley Stadium"; "a Saudi hospital" is one in Saudi Arabia)
                out.append(_BUSINESS_NAMED)
            elif following in _RANGES:
                out.append(_NAMED_RANGE)  # "Colorado's San Juan Mountains"
            elif profile.nation and following in _LOCALITIES_AFTER:
                # "Canada Bay council", "Jamaica Plain", "Canada Water": a suburb or a
                # station abroad named after the nation (a city's is its own: "Manila Bay")
                out.append(_NAMED_LOCALITY)
        # German writes every noun with a capital: "Wiener Polizei" is no person's name; but a
        # listed name beside a word as common in English as in German is ("Paris Hilton")
        person = word_like and not title_case and (
            self._beside_name(text, start, end, start_of_sentence, inflected)
            if text.language != "de" else profile.doubtful and self._beside_german_name(
                original, start, end
            )
        )
        # a place's name right after a listed first name is the surname ("Jordan Henderson",
        # "Austin Butler"): the first name is no place beside a capitalised word either
        if not (person or word_like or title_case):
            # the word before, folded: the folded copy holds it at the same offsets
            first_name = folded[original.rfind(" ", 0, start - 1) + 1:start - 1] if (
                original[start - 1] == " "
            ) else ""
            if first_name in _GIVEN_NAMES or (
                # a first name that is also a town's, before a nation's name ("Lucas Francia")
                first_name in _TOWN_GIVEN_NAMES and profile.nation
            ):
                out.append(_AFTER_GIVEN_NAME)  # a surname, even a country's
            person = first_name in _FIRST_NAMES or first_name in self._ambiguity.names or (
                # and a listed first name before a capitalised word is a person's
                folded[start:end] in _FIRST_NAMES
                and _name_like(following := _next_word(original, end), self._ambiguity.not_names)
                # but not before a second place's name: "Milan Cortina", "Milan Malpensa"
                and self._place(f" {fold(following.strip(',.;:!?')).strip()} ") is None
            )
        if original[start - 1:start] == " " and (
            text.language in _LOWER_ADJECTIVES and original[start].isupper()
            and profile.readings and all(r.demonym for r in profile.readings)
            and folded[original.rfind(" ", 0, start - 1) + 1:start - 1] in _GIVEN_NAMES
        ):
            # a nation's word with a capital where the language writes it in lower case,
            # after a first name, is the surname: "Hugo Allemand"
            out.append(_AFTER_GIVEN_NAME)
        elif text.language == "de" and original[start - 1:start] == " " and (
            profile.readings and all(r.demonym for r in profile.readings)
            and folded[original.rfind(" ", 0, start - 1) + 1:start - 1] in _GERMAN_GIVEN_NAMES
            and not _next_word(original, end)[:1].isupper()
        ):
            # German writes a nation's word with a capital: after a first name and before no
            # noun it qualifies, it is the surname ("Anna Schweizer wird Bürgermeisterin"; not
            # "Millionen Schweizer stimmen ab", after no first name)
            out.append(_AFTER_GIVEN_NAME)
        # a Slavic or Spanish surname after any name makes it a first name ("Kuba
        # Błaszczykowski" is no Cuba), a country's name too; but a demonym before one is the
        # person's nationality
        if original[end:end + 1] == " " and original[end + 1:end + 2].isupper() and (
            _SURNAME.search(_next_word(original, end))
        ) and not any(r.sense.kind == "demonym" for r in profile.readings):
            out.append(_BEFORE_SURNAME)
        elif text.language == "en" and original[end + 1:end + 2].isupper() and (
            original[end:end + 1] == " "
        ) and (
            re.sub(r"(?:['’]s)?[,.;:!?]*$", "", _next_word(original, end)) in _COMMON_SURNAMES
        ) and not any(r.demonym for r in profile.readings) and (
            # "Ghana Smith joins", not "Kenya Nelson County" nor a name's run of places
            _next_word(folded, end + 1 + len(_next_word(original, end))).strip()
            not in _NAME_ENDS_PLACE
        ):
            out.append(_BEFORE_COMMON_SURNAME)  # "Ireland Baldwin", "Syria Parker": a person
        # "il premier Rama", "President Lincoln": a title makes the next name a person's; but
        # a case form after it is the place the title is of ("Мэр Одессы"). The folded word
        # before is the title's last word, or the original is no title.
        titled = not inflected and before in _TITLE_ENDS and (
            # French elides its article into the title: "L'humoriste"
            re.sub(r"^[ld][’']", "", _previous_word(original, start).lower()) in _TITLES
        )
        person = person or titled or (
            not inflected and (text.language or "") in ADJECTIVE_ENDINGS
            and self._titled_with_demonym(text, start)
        )
        # a title, then the name and a second name: a stage name or a player's, even where a
        # country's ("le rappeur Congo Bleu", "rapper Kenya Blaze"); so is a ship's name
        # after the word for a ship ("the tanker Star Iceland")
        if (titled and _name_like(_next_word(original, end), self._ambiguity.not_names)) or (
            # the word right before is the ship's word or a capitalised word of its name, or
            # there is no ship ("in Iceland"): the walk back is left to the few that may be
            (prev := _previous_word(original, start)) and (
                prev.lower() in _VESSELS or prev.lstrip(_QUOTE_MARKS)[:1].isupper()
            ) and _after_vessel(original, start)
        ) or _previous_word(original, start) in _SHIP_PREFIXES or (
            # "Afie Jurvanen, who records as Bahamas": the text calls it a stage name, so it
            # is one wherever the text says it
            text.language == "en" and " as " in original
            and original[start:end] in _stage_names(original)
        ) or (
            # a horse's name, as the word for a racehorse before it says anywhere in the text
            text.language == "en" and _horse_named(original, folded, original[start:end])
        ):
            out.append(_NAMED_THING)
        elif _next_word(original, end).rstrip(",.;:") in _CLUBS or (
            _previous_word(original, start) in _CLUBS
        ):
            out.append(_CLUB)
        if text.language == "en" and (_PERSONS_MARK.match(original, end) or (
            _sentence_start(original, start)
            and (clause := _PERSONS_CLAUSE.match(original, end)) is not None
            and not (clause.group(1) in _SPEECH_VERBS and not clause.group(2))
        )):
            out.append(_A_PERSONS_CLAUSE)  # "Chad told reporters he would not run again"
        if text.language == "en" and not profile.national and (
            _previous_word(original, start) in _CAR_MAKERS
        ) and _next_word(folded, end).strip(" ,.;:") not in _WORKS:
            out.append(_CAR_MODEL)  # "Hyundai Tucson recall", not "Toyota Kentucky plant"
        if profile.local_only and (part := _HYPHEN_PART.match(original, end)) and (
            part.group(1)[0].isupper()
        ) and self._place(f" {fold(part.group(1)).strip()} ") is None:
            out.append(_HYPHENATED)
        if text.language in _LOWER_ADJECTIVES and original[start].isupper() and (
            profile.readings and all(r.demonym for r in profile.readings)
        ) and self._names_with(text, end):
            out.append(_NAMED_WITH_ADJECTIVE)
        # only a possessive right before the name ("Albania's Rama") can name its owner: the
        # owner's lookup is left to the few mentions after one
        possessed = original[start - 1:start] == " " and original[start - 3:start - 1] in (
            "'s", "’s"
        )
        if inflected and _sentence_start(original, start):
            out.append(_INFLECTED_FIRST)
        elif profile.local_only and possessed and self._owned_abroad(original, start, profile):
            out.append(_OWNED_ABROAD)
        elif profile.nation and possessed and original[end:end + 1] != "-" and (
            _next_word(folded, end) not in _OF_THE_NATION
        ) and self._state_owned(original, start, profile):
            out.append(_STATE_OWNED)
        elif not (person or title_case) and profile.local_only and text.language != "de" and (
            # German capitalises its nouns, rare compounds too ("Athener Schuldenerleichterungen")
            self._in_longer_name(text, start, end)
        ):
            out.append(_IN_LONGER_NAME)
        elif not (person or title_case) and profile.nation and text.language != "de" and (
            self._in_longer_name(text, start, end, after_only=True)
        ):
            out.append(_NATION_IN_NAME)  # "Denmark Vesey", a person; "Ukraine Vesey" none
        if text.language == "en" and original[start:end] == "Derby" and (
            self._foreign_demonym(_previous_word(original, start), profile)
        ):
            out.append(_NATIONAL_RACE)  # "the Irish Derby", "the German Derby": a race
        if text.language == "en" and _RACEHORSE.match(original, end):
            out.append(_A_RACEHORSE)  # "Luxembourg lands the Irish Champion Stakes"
        if profile.nation and text.language == "en" and _ROMANCE_NAME.match(original, end):
            out.append(_IN_ROMANCE_NAME)  # "Palau de la Musica", a concert hall
        return out, person

    def _owner(self, original: str, start: int) -> tuple[Sense, ...]:
        """The senses of the place whose possessive comes right before ``start`` ("Albania's",
        "Louisiana's"); none where no place's does."""
        owner = _previous_word(original, start)
        if not owner.endswith(("'s", "’s")):
            return ()
        value = self._place(f" {fold(owner[:-2]).strip()} ")
        if value is None or value & _CHECK or (index := value >> _INDEX_SHIFT) >= len(
            self._terms
        ):
            return ()
        return self._terms[index].senses

    def _owned_abroad(self, original: str, start: int, profile: _Profile) -> bool:
        """After a country's possessive, a little-known city of another country: the country's
        person or thing ("Albania's Rama" is its prime minister, no town in Nicaragua). A
        well-known city stays one ("Ukraine's Kursk incursion")."""
        owner = self._owner(original, start)
        countries = {c for s in owner if s.kind == "country" for c in s.countries}
        return bool(countries) and all(
            r.sense.renown < _KNOWN_CITY and not r.sense.countries & countries
            for r in profile.readings
        )

    def _foreign_demonym(self, word: str, profile: _Profile) -> bool:
        """Whether ``word`` is a demonym of a country no reading of the name lies in."""
        value = self._place(f" {fold(word).strip()} ") if word[:1].isupper() else None
        if value is None or value & _CHECK or (index := value >> _INDEX_SHIFT) >= len(
            self._terms
        ):
            return False
        senses = self._terms[index].senses
        countries = {c for s in senses if s.kind == "demonym" for c in s.countries}
        return bool(countries) and not any(r.sense.countries & countries for r in profile.readings)

    def _state_owned(self, original: str, start: int, profile: _Profile) -> bool:
        """After a state's or province's possessive, a country's name that is not its own: a
        place of that state named like the country ("Louisiana's Angola prison")."""
        owner = self._owner(original, start)
        if not owner or not all(s.kind == "subdivision" for s in owner):
            return False
        countries = {c for s in owner for c in s.countries}
        return not any(
            r.sense.kind == "country" and r.sense.countries & countries for r in profile.readings
        )

    def _names_with(self, text: Text, end: int) -> bool:
        """Whether the word after a capitalised adjective is a rare capitalised word and no
        place: the two are one name (the singer "Shqipe Berisha", "Nowy Targ")."""
        if text.original[end:end + 1] != " ":
            return False
        word = _next_word(text.original, end).strip("\"'’()").rstrip(",.;:!?")
        if not _name_like(word, self._ambiguity.not_names) or word[:3].isupper():
            return False  # "Російські КАБи": an acronym is no name's second word
        folded = fold(word).strip()
        return max(zipf(folded, "en"), zipf(folded, text.language or "en")) < _RARE_WORD and (
            self._place(f" {folded} ") is None
        )

    def _in_longer_name(
        self, text: Text, start: int, end: int, after_only: bool = False
    ) -> bool:
        """A capitalised neighbour that is a rare word and no place: the name is part of a
        longer one the gazetteer does not know ("Intan Jaya", "Kalu Ganga", "Karolina
        Pliskova"), not the city it spells alone; ``after_only``: the word after only."""
        original = text.original
        neighbours = [_next_word(original, end)] if original[end:end + 1] == " " else []
        if not after_only and original[start - 1:start] == " " and not _sentence_start(
            original, start
        ):
            neighbours.append(_previous_word(original, start))
        for word in neighbours:
            word = word.strip("\"'’()")
            if word != word.rstrip(",.;:!?") or not _name_like(word, self._ambiguity.not_names):
                continue  # punctuation between them ends the name
            folded = fold(word).strip()
            if max(zipf(folded, "en"), zipf(folded, text.language or "en")) < _RARE_WORD and (
                self._place(f" {folded} ") is None
            ):
                return True
        return False

    def _beside_german_name(self, original: str, start: int, end: int) -> bool:
        """A capitalised neighbour no German noun: a word no more common in German than in
        English news, which names are ("Michael", "Hilton") and German nouns are not
        ("Polizei", "Wiener")."""
        for word in (_previous_word(original, start), _next_word(original, end)):
            word = word.strip(",.;:!?\"'’()")
            if not _name_like(word, self._ambiguity.not_names):
                continue
            folded = fold(word).strip()
            english = zipf(folded, "en")
            if english >= _NAME_IN_ENGLISH and zipf(folded, "de") - english <= _GERMAN_NOUN and (
                self._place(f" {folded} ") is None
            ):
                return True
        return False

    def _titled_with_demonym(self, text: Text, start: int) -> bool:
        """A title and a demonym in lower case before a name ("il premier albanese Rama",
        "le président russe Poutine"): the name is the titled person's."""
        endings = ADJECTIVE_ENDINGS.get(text.language or "")
        if endings is None:
            return False  # English, for one, puts its adjectives before the title
        middle = _previous_word(text.original, start)
        if not middle.islower():
            return False
        title = _previous_word(text.original, start - len(middle) - 1).lower()
        return title in _TITLES and self._adjective(
            fold(middle).strip(), 0, endings, text.language or ""
        ) is not None

    def _beside_name(
        self, text: Text, start: int, end: int, start_of_sentence: bool, inflected: bool
    ) -> bool:
        original = text.original
        after = _next_word(original, end)
        if after and _name_like(after, self._ambiguity.not_names):
            return True
        # a surname's particle: "Chad le Clos", "Jordan van der Berg"
        while after in _PARTICLES:
            end += 1 + len(after)
            after = _next_word(original, end)
            if _name_like(after, self._ambiguity.not_names):
                return True
        # joined to a capitalised word that is no place: a brand's or a person's double name
        # ("Mercedes-Benz", "Lloyd-Webber"), not "Israel-Gaza"
        if original[end:end + 1] == "-" and (joined := original[end + 1:].split(None, 1)):
            word = joined[0].split("-", 1)[0].strip(",.;:!?\"'’()")
            value = self._automaton.get(f" {fold(word).strip()} ", None)
            if word[:1].isupper() and (
                value is None or (value >= 0 and (value >> _INDEX_SHIFT) in self._towns)
            ):
                return True
        # a case form is the noun's complement, not a surname after a first name: "Обстріл
        # Херсона" is the shelling of Kherson
        if start_of_sentence or inflected:
            return False
        before = _previous_word(original, start)
        # a possessive ends the name before it: "Jordan Peterson's Sydney event"
        if before.endswith(("'s", "’s")):
            return False
        # a comma ends the name before it: "Peru, Indiana" is an address, "Escondida, Chile's
        # biggest mine" an apposition
        if before.endswith(","):
            return False
        # a short word that starts the sentence is an article ("Le Mali", "Die Türkei"), not
        # a first name; mid-sentence it is a name's particle ("Karine Le Marchand")
        if len(before) <= 3 and _sentence_start(original, start - len(before) - 1):
            return False
        return bool(before) and _name_like(before, self._ambiguity.not_names)


# First names that are also places, more often a person's before a capitalised word than the
# place: the word after is the surname ("Chelsea Manning"). Big cities are left out here and
# in [ambiguity] names, where a listed name needs evidence to count ("Dallas shooting").
_FIRST_NAMES = frozenset({
    "chelsea", "brooklyn", "savannah", "madison", "charlotte", "eugene", "tyler", "marion",
    "adelaide", "logan", "hudson", "camden", "sierra", "dakota", "cheyenne", "shannon",
    "lorraine", "valencia", "alexandria", "laval", "troy", "aurora", "florence", "victoria",
    # a common Czech, Slovak and South Slavic first name
    "milan",
})
#: the commonest first names of the languages read, none a place: a country's or a town's name
#: after one is a surname ("Marco Francia", "Lazar Bugarski")
_GIVEN_NAMES = frozenset(fold_term(name) for name in (
    "John", "James", "Michael", "David", "Robert", "William", "Mary", "Sarah", "Juan", "José",
    "Carlos", "Luis", "Miguel", "Javier", "Ana", "María", "João", "Pedro", "Paulo", "Marco",
    "Luca", "Giuseppe", "Giovanni", "Andrea", "Francesco", "Paolo", "Jean", "Pierre",
    "Michel", "Philippe", "Nicolas", "Thomas", "Hans", "Peter", "Klaus", "Stefan", "Ivan",
    "Aleksandr", "Sergei", "Dmitry", "Andriy", "Oleksandr", "Marko", "Nikola",
    "Lazar", "Dragan", "Ardit", "Arben", "Besnik", "Mohammed", "Muhammad", "Ahmed",
    "Ali", "Omar", "Hassan", "Mehmet", "Ahmet", "Jan", "Piotr", "Tomasz", "Pavel", "Jiří",
    # (not Arabic "علي", folded as "على", "on"; nor "عمر", "age", or "حسن", "good")
    "محمد", "أحمد", "محمود", "خالد", "يوسف", "Иван", "Сергей", "Андрей",
    "Марко", "Никола", "Лазар", "Драган",
    # more of the commonest in the languages read (none a place's name: not "Sofia",
    # "Florence", "Victoria", "Jordan", "Santiago", "Regina")
    "Richard", "Charles", "Joseph", "Daniel", "Matthew", "Mark", "Paul", "Steven", "Andrew",
    "Kevin", "Brian", "George", "Edward", "Elizabeth", "Jennifer", "Linda", "Susan", "Karen",
    "Emma", "Olivia", "Antonio", "Manuel", "Francisco", "Jesús", "Alejandro", "Fernando",
    "Jorge", "Alberto", "Ricardo", "Eduardo", "Roberto", "Sergio", "Pablo", "Diego", "Raúl",
    "Andrés", "Rafael", "Lucía", "Carmen", "Laura", "Marta", "Elena", "Isabel", "Pilar",
    # French's, Russian's and Ukrainian's commonest ("Hugo Allemand"; not "Lucas", "Vincent",
    # "Léo", "Владимир", "Артём", "Константин": towns of the data)
    "Hugo", "Louis", "Jules", "Arthur", "Gabriel", "Raphaël", "Théo", "Nathan", "Enzo",
    "Mathis", "Clément", "Antoine", "Maxime", "Julien", "Alexandre", "Sébastien", "Olivier",
    "Camille", "Manon", "Chloé", "Inès",
    "Олег", "Александр", "Дмитрий", "Михаил", "Никита", "Алексей", "Николай", "Юрий", "Игорь",
    "Виктор", "Павел", "Евгений", "Максим", "Денис", "Антон", "Виталий", "Руслан", "Кирилл",
    "Егор", "Илья", "Григорий", "Ольга", "Наталья", "Елена", "Татьяна", "Ирина", "Светлана",
    "Юлия", "Олександр", "Дмитро", "Михайло", "Олексій", "Микола", "Юрій", "Андрій",
    "Сергій", "Іван", "Ігор", "Віктор", "Павло", "Євген", "Віталій", "Тарас", "Богдан",
    "Кирило", "Костянтин", "Наталія", "Олена", "Тетяна", "Ірина", "Юлія",
    # English's short and common ones ("Jack London's Wolf House"; not "Julia", "Martin",
    # "Adam", "Anna", "Mason", "Gary", "Alice": towns of the data)
    "Jack", "Harry", "Tom", "Chris", "Jim", "Joe", "Ben", "Sam", "Tony", "Nick", "Mike",
    "Dave", "Steve", "Bob", "Bill", "Frank", "Henry", "Noah", "Liam", "Ethan", "Jacob",
    "Ryan", "Simon", "Patrick", "Sean", "Anthony", "Jonathan", "Timothy", "Eric", "Stephen",
    "Larry", "Rachel", "Emily", "Jessica", "Hannah", "Kate", "Lucy", "Grace", "Sophie", "Amy",
    "Helen", "Jenny", "Ruth", "Nina", "Eva", "Jeff", "Greg",
    "Renato", "Rodrigo", "Thiago", "Tiago", "Gustavo", "Marcelo", "Fábio", "Fabio", "Bruno",
    "Nuno", "Rui", "Diogo", "Gonçalo", "Duarte",
    "Felipe", "Luiz", "Sérgio", "Márcio", "Renata", "Fernanda", "Juliana", "Patrícia",
    "Alessandro", "Matteo", "Lorenzo", "Stefano", "Massimo", "Roberta", "Giulia", "Chiara",
    "Federico", "Davide", "Simone", "Domenico", "Giorgio", "Luigi", "Salvatore", "Vincenzo",
    "Pietro", "Mario", "Gianluca", "Fabrizio", "Claudio", "Carlo", "Enrico", "Riccardo",
    "Emanuele", "Daniele", "Gennaro", "Raffaele", "Nicola", "Alain", "Bernard", "Christophe",
    "Julien", "Olivier",
    "Laurent", "Sébastien", "François", "Éric", "Patrick", "Nathalie", "Isabelle", "Sophie",
    "Jürgen", "Wolfgang", "Andreas", "Markus", "Matthias", "Christian", "Uwe", "Dieter",
    "Frank", "Sabine", "Ursula", "Katrin", "Владимир", "Дмитрий", "Алексей", "Михаил",
    "Николай", "Александр", "Олег", "Ольга", "Наталья", "Елена", "Андрій", "Олександр",
    "Володимир", "Михайло", "Сергій", "Юлія", "Aleksandar", "Miloš", "Stefan", "Nenad",
    "Zoran", "Goran", "Dejan", "Ivana", "Jelena", "Милош", "Зоран", "Горан", "Дејан",
    "Александар", "Јелена", "Edi", "Ilir", "Agron", "Fatmir", "Gëzim", "Arta", "Blerta",
    "Mustafa", "Ibrahim", "Abdullah", "Karim", "Tariq", "Fatima", "Aisha", "Yusuf",
    "عبد الله", "إبراهيم", "مصطفى", "كريم", "فاطمة",
))
#: common first names that are also towns of the data: a nation's name after one is the
#: surname ("Lucas Francia", "Martin Polonia"), though another place's need not be
_TOWN_GIVEN_NAMES = frozenset(fold_term(name) for name in (
    "Lucas", "Martin", "Martín", "Anna", "Julia", "Adam", "Alice", "Vincent", "Léo", "Leo",
    "Maria", "Laura", "Lisa", "Mason", "Gary", "Владимир", "Артём", "Константин",
))
#: German's commonest first names that are also towns of the data ("Anna", "Martin"): only
#: before a nation's word German writes with a capital, which is then the surname ("Anna
#: Schweizer", "Martin Ungar")
_GERMAN_GIVEN_NAMES = _GIVEN_NAMES | frozenset(fold_term(name) for name in (
    "Anna", "Maria", "Julia", "Lena", "Laura", "Lisa", "Katharina", "Martin", "Michael",
    "Sebastian", "Florian", "Tobias", "Alexander", "Monika", "Petra", "Claudia", "Susanne",
    "Barbara", "Christine", "Heinz", "Günter", "Manfred", "Helmut", "Werner", "Gerhard",
))


# A German word is a name's rather than a noun's when English news writes it at least this
# often (Zipf) and German news not more than this much more often
_NAME_IN_ENGLISH = 2.5
_GERMAN_NOUN = 0.5

# Languages that put an adjective after its noun: a demonym after a name can say whose it is
_ADJECTIVE_AFTER = frozenset({"ar", "es", "fr", "it", "pt", "sq"})


# Articles that begin place names written with a capital ("La Paz", "El Alto", "Le Havre"):
# in lower case they are the sentence's
_ARTICLES = frozenset({"la", "el", "le", "les", "los", "las", "il", "lo", "l'", "o", "a", "os"})


# Lower-case words inside a person's name, between a first name and the surname.
_PARTICLES = frozenset({
    "le", "la", "de", "du", "des", "da", "di", "do", "dos", "das", "del", "della", "van", "von",
    "der", "den", "ter", "ten", "bin", "ibn", "al", "el",
})


# Titles written before a person's name in the languages read, in lower case with and without
# their accents: "premier Rama" is Albania's prime minister, not a town in Nicaragua.
_TITLES = frozenset(form for w in (
    "president", "premier", "minister", "chancellor", "mayor", "governor", "senator",
    "sen.", "rep.", "king", "queen", "prince", "princess", "pope", "sheikh", "emir",
    "ayatollah", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "lord", "lady",
    "judge", "coach", "presidente", "primer", "ministro", "ministra", "alcalde", "alcaldesa",
    "prefeito", "prefeita", "sindaco", "rey", "rei", "señor", "senhor", "signor", "président",
    "doña", "señora", "senhora", "dona", "signora", "madame",
    "présidente", "ministre", "maire", "roi", "reine", "m.", "mme", "präsident",
    "präsidentin", "kanzler", "kanzlerin", "ministerin", "bürgermeister", "könig", "herr",
    "frau", "президент", "премьер", "министр", "мэр", "губернатор", "прем'єр", "міністр", "мер",
    "premijer", "predsednik", "predsjednik", "ministar", "gradonačelnik", "премијер",
    "председник", "министар", "kryeministri", "presidenti", "ministri", "kryetari", "الرئيس",
    "الوزير", "الملك", "الأمير", "الشيخ",
    # a storm is named like a person ("Hurricane Milton", "Cyclone Mocha", "Storm Boris")
    "hurricane", "typhoon", "cyclone", "storm", "ouragan", "tempête", "huracán",
    "tormenta", "ciclón", "furacão", "tufão", "ciclone", "uragano", "tifone", "hurrikan",
    "taifun", "zyklon", "sturmtief", "orkan", "ураган", "тайфун", "циклон", "шторм",
    "uragan", "tajfun", "ciklon", "урагана", "إعصار", "الإعصار", "العاصفة",
    # a performer or a player is named by a stage name or a name like a country's ("rapper
    # Kenya Blaze", "le rappeur Congo Bleu")
    "rapper", "singer", "actor", "actress", "comedian", "dj", "striker", "midfielder",
    "defender", "goalkeeper", "winger", "boxer", "rappeur", "chanteur", "chanteuse", "acteur",
    "comedian", "humorist", "writer", "author", "director", "humoriste", "humoristes",
    "comédien", "comédienne", "écrivain", "écrivaine", "romancier", "romancière",
    "réalisateur", "réalisatrice", "técnico", "treinador", "entrenador", "allenatore",
    "tecnico", "regista", "scrittore", "scrittrice", "escritor", "escritora", "Trainer",
    "Autor", "Autorin", "Regisseur", "Regisseurin",
    "actrice", "cantante", "actriz", "cantor", "cantora", "ator", "atriz", "attore", "attrice",
    "sänger", "sängerin", "schauspieler", "schauspielerin", "rapperin", "певец", "певица",
    "актер", "актёр", "актриса", "рэпер", "співак", "співачка", "актор", "акторка", "репер",
    "pevač", "pevačica", "pjevač", "pjevačica", "glumac", "glumica", "reper", "певач",
    "певачица", "глумац", "глумица", "teniser", "teniserka", "këngëtari", "këngëtarja",
    "aktori", "aktorja", "reperi", "المغني", "المغنية", "الممثل", "الممثلة", "اللاعب",
) for form in (w, fold_term(w)))
#: the last word of each title, folded: what the folded word before a titled name must be
_TITLE_ENDS = frozenset(fold_term(title).rsplit(" ", 1)[-1] for title in _TITLES)


def _ukrainian_oblique(stem: str) -> tuple[str, ...]:
    """Ukrainian names in -ів/-їв change the vowel before their case endings: Київ → Києві,
    Харків → Харкові, Львів → Львова (folded: ї is і)."""
    if len(stem) < 3 or not stem.endswith("ів"):
        return ()
    return (stem[:-2] + ("єв" if stem[-3] in _VOWELS else "ов"),)


# Slavic and Albanian names lose the vowel of their last syllable before an ending: Čačak →
# Čačku, Kragujevac → Kragujevcu, Орёл → Орла (folded: ё is е), Shkodër → Shkodra
_FLEETING = frozenset((
    "ak", "ac", "ec", "ek", "er", "ак", "ац", "ец", "ек", "ок", "ел", "ол",
))


# Slavic names in -ka, -ga, -ha soften the consonant before the locative's -e or -i: Praha
# → v Praze, Rijeka → u Rijeci, Praga → w Pradze, Рига → у Ризі
#: Russian prefixes of hyphenated names that name nothing alone: "Усть-" (the mouth of)
_HYPHENED_PREFIXES = frozenset({"усть"})
_SOFTENED = {
    "ka": ("c",), "ga": ("z", "dz"), "ha": ("z",), "ка": ("ц",), "га": ("з",), "ха": ("с",),
}


def _doubled(key: str) -> tuple[str, ...]:
    """Ukrainian doubles the soft consonant of a name in -ь before the instrumental's -ю:
    Білорусь → з Білоруссю, Русь → Руссю."""
    if len(key) < 5 or key[-1] != "ь" or key[-2] in _VOWELS:
        return ()
    return (key[:-1] + key[-2],)


def _softened(key: str) -> tuple[str, ...]:
    if len(key) < 5 or " " in key:
        return ()
    if key[-1] == "г":
        return (key[:-1] + "з",)  # Ukrainian: Гамбург → у Гамбурзі, Петербург → Петербурзі
    return tuple(key[:-2] + soft for soft in _SOFTENED.get(key[-2:], ()))


# Serbian and Croatian spell the sound: a voiced consonant that meets the ending's c or k once
# the vowel is gone turns voiceless (Šabac → kod Šapca, as vrabac → vrapca)
_DEVOICED = {"b": "p", "d": "t", "g": "k", "z": "s", "б": "п", "д": "т", "г": "к", "з": "с",
             "ж": "ш"}


def _fleeting_vowel(key: str) -> tuple[str, ...]:
    if len(key) < 5 or key[-2:] not in _FLEETING or key[-3] in _VOWELS:
        return ()
    short = key[:-2] + key[-1]
    if key[-1] in "ckцк" and (voiceless := _DEVOICED.get(key[-3])):
        return short, key[:-3] + voiceless + key[-1]
    return (short,)


def _longest_first(found: list[_Mention]) -> list[_Mention]:
    """Where names overlap, the longest wins and blocks the names inside it ("South Sudan",
    "New Mexico"); the rest in text order."""
    found.sort()
    out: list[_Mention] = []
    # Only names that overlap one another compete: each run of them (``found[begin:i]``) is
    # settled on its own.
    begin = 0
    reach = found[0][1]
    for i in range(1, len(found)):
        start, end, _ = found[i]
        if start < reach:
            if end > reach:
                reach = end
            continue
        if i - begin > 1:
            out.extend(_settle(found[begin:i]))
        else:
            out.append(found[begin])
        begin = i
        reach = end
    out.extend(_settle(found[begin:]) if len(found) - begin > 1 else found[begin:])
    return out


def _settle(run: list[_Mention]) -> list[_Mention]:
    longest = max(run, key=lambda m: m[1] - m[0])
    if longest[0] == run[0][0] and longest[1] == max(m[1] for m in run):
        return [longest]  # the usual case: the others are inside it ("Republic of the Congo")
    taken: list[_Mention] = []
    for mention in sorted(run, key=lambda m: (m[0] - m[1], m[0])):
        start, end, _ = mention
        if all(end <= t[0] or start >= t[1] for t in taken):
            taken.append(mention)
    taken.sort()
    return taken


def _agree(
    first: list[Sequence[Scored]], seen: dict[str, int], local: dict[str, int],
    terms: Sequence[int],
) -> None:
    """"Georgia deputies … Savannah synagogue": a place's best reading is of a country nothing
    else names, but another of its readings shares a country with a losing but plausible
    reading of another mention (the winners are ``_with_others``' evidence); that reading
    gains (``_AGREE``), and ``seen`` and ``local`` follow if it now wins. A country's own name
    is left as it is: two names of countries ("Lebanon and Georgia") share a country only
    through their towns. ``terms`` are the mentions' names: one said twice agrees with
    nothing but itself."""
    # Most mentions have one reading, or a country's or nothing as their best: the other
    # mentions' readings are read only for a mention that can gain, as ``first`` held them
    # before any of them gained.
    readings: list[list[frozenset[str]]] | None = None
    for i, scored in enumerate(first):
        sense, best, _ = scored[0]
        if len(scored) < 2 or best == _NEVER or sense.kind in _NATIONAL:
            continue
        if readings is None:
            readings = [
                [s.countries if score >= 0.0 else _NO_COUNTRIES for s, score, _ in each]
                for each in first
            ]
        others = [codes for j, codes in enumerate(readings) if terms[j] != terms[i]]
        # "Victoria … Melbourne": Melbourne's Australia is one of Victoria's readings already
        if any(sense.countries & codes for each in others for codes in each):
            continue
        shared = {c for each in others for codes in each[1:] for c in codes}
        out = [
            (s, score + _AGREE[1], (*evidence, _AGREE[0]))
            if k and score > _NEVER and s.countries & shared else (s, score, evidence)
            for k, (s, score, evidence) in enumerate(scored)
        ]
        out.sort(key=_best_first)
        first[i] = out
        won, score, _ = out[0]
        if won is not sense and score >= THRESHOLD:
            if best >= THRESHOLD:
                _count(sense, seen, local, -1)
            _count(won, seen, local, 1)


def _club_at_home(
    folded: str, mentions: list[_Mention], first: list[Sequence[Scored]],
    seen: dict[str, int], local: dict[str, int],
) -> None:
    """A text that says "the Guayaquil club" (or "side", or "band": "Spiteri's Glasgow
    band") places the club its headline names by its
    first word in that city: "Barcelona sack coach … The Guayaquil club said" is Ecuador's
    Barcelona SC, "Liverpool beat Penarol … The Montevideo club" Uruguay's Liverpool, not the
    cities of Spain and England. The first word's readings in other countries lose
    ``_CLUB_ABROAD``; a club of the same country ("Liverpool … the Merseyside club") keeps
    its city."""
    homes: set[str] = set()
    for (start, end, _), scored in zip(mentions, first, strict=True):
        sense, score, _ = scored[0]
        # the phrase says a place (its own score may wait for the text's other mentions)
        if score > 0 and sense.kind not in _NATIONAL and (
            _next_word(folded, end) in _CLUB_NOUNS
            # "the Guayaquil club", "Spiteri's Glasgow band" (folded: "spiteri s")
            and _word_before(folded, start) in ("the", "s")
        ):
            homes |= sense.countries
    if not homes:
        return
    start, _, _ = mentions[0]
    scored = first[0]
    if start != 1 or scored[0][1] < THRESHOLD or scored[0][0].kind in _NATIONAL or (
        scored[0][0].countries & homes
    ):
        return
    out = _penalised(scored, _CLUB_ABROAD, lambda sense: not sense.countries & homes)
    _count(scored[0][0], seen, local, -1)
    if out[0][1] >= THRESHOLD:
        _count(out[0][0], seen, local, 1)
    first[0] = out


#: the rules that make a name a person's or a thing's, not a place's: a name one of them
#: reads so is that thing wherever the text says it bare ("Louisiana's Angola prison … the
#: penitentiary, known as Angola"; "Iceland supermarket … Iceland said")
_THING_LINES = frozenset(line for line, _ in (
    _STATE_OWNED, _A_RACEHORSE, _NAMED_THING, _CAR_MODEL, _A_PERSONS_CLAUSE,
    _BEFORE_COMMON_SURNAME, _CLUB, _BUSINESS_NAMED, _BAND_NAMED, _BUSINESS, _NAMED_LOCALITY,
))
_THING_AGAIN = ("the text reads the name as a thing's or a person's elsewhere -6.0", -6.0)
#: a sign of the place a mention carries itself: a preposition, an apposition, "of", a
#: word of a place after it… (the reading's own prior and a capital letter are none)
_PLACE_SIGN = re.compile(r"\+\d")


def _things_again(
    mentions: list[_Mention], first: list[Sequence[Scored]], seen: dict[str, int],
    local: dict[str, int],
) -> None:
    """A name a rule reads once as a thing's or a person's (``_THING_LINES``) is that at its
    other mentions too, where they carry no sign of a place of their own: each reading there
    loses ``_THING_AGAIN``, and ``seen`` and ``local`` follow."""
    things = {
        term for (_, _, term), scored in zip(mentions, first, strict=True)
        if scored and scored[0][1] > _NEVER and any(
            line in _THING_LINES for line in scored[0][2]
        )
    }
    if not things:
        return
    for i, ((_, _, term), scored) in enumerate(zip(mentions, first, strict=True)):
        if term not in things or not scored:
            continue
        sense, score, evidence = scored[0]
        if score < THRESHOLD or any(
            line != _CAPITAL[0] and _PLACE_SIGN.search(line) for line in evidence[1:]
        ):
            continue
        out = _penalised(scored, _THING_AGAIN, lambda _: True)
        _count(sense, seen, local, -1)
        if out[0][1] >= THRESHOLD:
            _count(out[0][0], seen, local, 1)
        first[i] = out


def _street_echo(scored: Sequence[Scored]) -> Sequence[Scored]:
    """A nation's name the text also gives a street ("Jamaica Avenue in Queens"): said
    alone, it is more likely the street's quarter or town than the nation ("Jamaica residents
    rally"), where the name has such a reading; the street's own mention is no street's
    echo."""
    if any(_NAMED_STREET[0] in evidence for _, _, evidence in scored):
        return scored
    return _penalised(scored, _STREET_ECHO, lambda sense: sense.kind in _NATIONAL)


def _town_echo(scored: Sequence[Scored]) -> Sequence[Scored]:
    """A nation's name the text gives a town or a village ("a vila alentejana de Cuba"): said
    again alone ("a igreja de Cuba"), it is still that town, not the nation; the town's own
    mention has its rule already."""
    if any(_NOT_THE_COUNTRY in evidence for _, _, evidence in scored):
        return scored
    return _penalised(scored, _TOWN_ECHO, lambda sense: sense.kind in _NATIONAL)


def _after_town_word(original: str, folded: str, start: int) -> bool:
    """Whether the name at ``start`` follows a word for a town or a village, with a "de" or
    "of" between or not ("the town of Lebanon", "a vila alentejana de Cuba")."""
    before = _word_before(folded, start)
    if before in ("of", "de", "di", "do", "da"):
        before = _town_word(original, folded, start - len(before) - 1)
    return before in _MUNICIPALITIES or before in _SETTLEMENTS


def _penalised(
    scored: Sequence[Scored], rule: tuple[str, float], applies: Callable[[Sense], bool]
) -> list[Scored]:
    """The readings with ``rule`` added to each it ``applies`` to (never to one ruled out),
    best first again."""
    out = [
        (sense, score + rule[1], (*evidence, rule[0]))
        if score > _NEVER and applies(sense) else (sense, score, evidence)
        for sense, score, evidence in scored
    ]
    out.sort(key=_best_first)
    return out


def _echoes(
    mentions: list[_Mention], first: list[Sequence[Scored]]
) -> dict[int, list[Sense]]:
    """The winning readings of each name said more than once, by term: a name said twice is
    one piece of evidence, not two ("Toledo teachers … the Toledo Federation" beside "Ohio"
    must not make Spain's Toledo its own support)."""
    said: dict[int, list[Sense]] = {}
    for (_, _, term), scored in zip(mentions, first, strict=True):
        sense, score, _ = scored[0]
        if score >= THRESHOLD:
            said.setdefault(term, []).append(sense)
    return {term: senses for term, senses in said.items() if len(senses) > 1}


def _without(
    echo: list[Sense], scored: Sequence[Scored], seen: dict[str, int], local: dict[str, int]
) -> tuple[dict[str, int], dict[str, int]]:
    """``seen`` and ``local`` less the other mentions of the same name (``_echoes``): all of
    them but the one this mention counted itself."""
    seen, local = dict(seen), dict(local)
    echo = list(echo)
    if scored[0][1] >= THRESHOLD and scored[0][0] in echo:
        echo.remove(scored[0][0])
    for sense in echo:
        _count(sense, seen, local, -1)
    return seen, local


def _count(sense: Sense, seen: dict[str, int], local: dict[str, int], step: int) -> None:
    """A mention's best reading counted (``step`` 1) or taken back (-1) as the evidence of
    the text's other mentions: ``seen`` every country it names, ``local`` those it is a place
    inside."""
    for code in sense.countries:
        seen[code] = seen.get(code, 0) + step
        if sense.kind not in _NATIONAL:
            local[code] = local.get(code, 0) + step


def _with_others(
    scored: Sequence[Scored], national: bool, seen: dict[str, int], local: dict[str, int]
) -> Sequence[Scored]:
    """The scores again, with the countries the text's other mentions name as evidence
    (``seen``: how many mentions name each country with their best sense; ``local``: how many
    of them are places inside it); ``national``: one of the senses names a whole country.

    A country's name that is also another country's province ("Niger", "Georgia",
    "Luxembourg") is taken for the province only on a local mention: "Atlanta" makes "Georgia"
    the state, but "Nigeria" beside "Niger" names two neighbours, not Nigeria's Niger State.
    A city keeps the country's evidence: "Jordan … عمان" is Amman, not Oman."""
    sense, score, _ = scored[0]
    own = sense.countries if score >= THRESHOLD else _NO_COUNTRIES
    out = None
    for i, (sense, score, evidence) in enumerate(scored):
        if score == _NEVER:
            continue
        counts = local if national and sense.kind == "subdivision" else seen
        for code in sense.countries:
            named = counts.get(code, 0)
            if named > 1 or (named and code not in own):
                if out is None:
                    out = list(scored)
                out[i] = (sense, score + 1.5, (*evidence, _ELSEWHERE))
                break
        else:
            # another mention's country, not this mention's own best reading; a text that
            # two or more mentions place in other countries leaves a lone little-known town
            # of a third less room ("Northam" in a Virginia story is no South African town)
            if sense.kind not in _LOCAL_KINDS or sense.renown >= _KNOWN_CITY:
                continue
            elsewhere = sum(
                named - (code in own) for code, named in seen.items()
                if code not in sense.countries
            )
            if elsewhere >= 2:
                if out is None:
                    out = list(scored)
                out[i] = (sense, score + _FAR_ABROAD[1], (*evidence, _FAR_ABROAD[0]))
            elif any(
                code not in sense.countries and (named > 1 or code not in own)
                for code, named in seen.items()
            ):
                if out is None:
                    out = list(scored)
                out[i] = (sense, score + _ABROAD[1], (*evidence, _ABROAD[0]))
    if out is not None and len(out) > 1:
        # a name two or more of the text's other mentions place in one country, read as a
        # place of a country none of them names: "Lagos" beside "Portugal's" and "the Algarve"
        # is the Algarve's town, not Nigeria's; the other reading loses what the rival gains
        rivals = {
            code for sense, _, evidence in out
            if evidence and evidence[-1] == _ELSEWHERE and sense.kind not in _NATIONAL
            # two other mentions or more, one of them the country's name or its people's: one
            # ("Washington") leaves Beijing its capital, and two towns ("Aloha", "Olympia")
            # may be as mistaken as this mention
            for code in sense.countries if seen.get(code, 0) - (code in own) > 1
            and seen[code] > local.get(code, 0)
        }
        if rivals:
            for i, (sense, score, evidence) in enumerate(out):
                # a city or town has less room already (``_ABROAD``, ``_FAR_ABROAD``); a
                # curated place keeps its own (a disputed one is named beside its occupier)
                if score == _NEVER or sense.kind not in _RIVALLED_KINDS or (
                    sense.countries & rivals
                ) or (
                    # the mention's own best reading is among those counted
                    any(seen.get(code, 0) - (code in own) for code in sense.countries)
                ):
                    continue
                out[i] = (sense, score + _RIVAL_HOME[1], (*evidence, _RIVAL_HOME[0]))
    if out is None:
        return scored
    if len(out) > 1:
        out.sort(key=_best_first)
    return out


def _generic_region(scored: Sequence[Scored], seen: dict[str, int]) -> Sequence[Scored]:
    """A region named by a compass point ("Northern Province", "Central Region") is one of
    many countries': in a text that other mentions place in another country only, it is that
    country's, not the one the data happen to give the name to."""
    sense, score, evidence = scored[0]
    if score < THRESHOLD or sense.kind != "subdivision":
        return scored
    if any(seen.get(c, 0) > 1 for c in sense.countries) or not any(
        named > 0 for c, named in seen.items() if c not in sense.countries
    ):
        return scored
    out = [(sense, score + _GENERIC_REGION[1], (*evidence, _GENERIC_REGION[0])), *scored[1:]]
    out.sort(key=_best_first)
    return out


def _region_named(folded: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is a region in the genitive with its region's word,
    inside it or right after it ("Челябинской области", "Курганской области")."""
    return (
        folded[start:end].rsplit(" ", 1)[-1] in _REGION_GENITIVE
        or folded[end + 1:folded.find(" ", end + 1)] in _REGION_GENITIVE
    )


def _qualifying(profile: _Profile, after: _Profile) -> frozenset[str] | None:
    """The countries a demonym right after a name says it is in, where the language puts its
    adjectives after the noun: "Georgia estadounidense" is the state. A country's name
    followed by another's demonym is a place of that other country the data do not name in
    the language ("جورجيا الأمريكية"). None when nothing is settled: a name of no reading
    there that is no country's ("Crimea rusa") stays what it was."""
    if not after.readings or not all(r.demonym for r in after.readings):
        return None
    countries = frozenset(c for r in after.readings for c in r.sense.countries)
    inside = [bool(r.sense.countries & countries) for r in profile.readings]
    if any(inside) and not all(inside):
        return countries
    if not any(inside) and profile.readings and all(
        r.sense.kind == "country" for r in profile.readings
    ):
        return countries
    return None


def _qualified(scored: Sequence[Scored], before: Sequence[Scored]) -> Sequence[Scored]:
    """An actor's readings after another country's demonym, less ``_QUALIFIED``: the
    "Pakistani Taliban" are Pakistan's, not Afghanistan's."""
    demonym, strength, _ = before[0]
    if demonym.kind != "demonym" or strength < THRESHOLD or all(
        s.kind != "curated" or s.countries & demonym.countries for s, _, _ in scored
    ):
        return scored
    line, value = _QUALIFIED
    out = [
        (s, score + value, (*evidence, line))
        if s.kind == "curated" and not s.countries & demonym.countries else (s, score, evidence)
        for s, score, evidence in scored
    ]
    out.sort(key=_best_first)
    return out


def _score(
    readings: Sequence[_Reading], form: tuple[_Form, ...], person: bool, lowercase_name: bool,
    apposed: frozenset[str] | None, accented: bool,
) -> tuple[Scored, ...]:
    """Each reading scored for a mention of this shape (``_Shape``), best first."""
    out: list[Scored] = []
    # (only against a country's name, which the accent tells from a town's: between two
    # towns, "Léré" in Chad and "Lere" in Nigeria, it says which one it is not, and no more)
    rival_unaccented = accented and any(
        r.unaccented and r.sense.kind in _NATIONAL for r in readings)
    for reading in readings:
        if lowercase_name and not reading.demonym:
            # a demonym may be written in lower case (``_Reading.demonym``)
            out.append((reading.sense, _NEVER, _LOWER_NAME))
            continue
        other_spelling = accented and reading.unaccented
        own_spelling = rival_unaccented and not reading.unaccented
        if not form and not person and apposed is None and not (other_spelling or own_spelling):
            out.append(reading.plain)
            continue
        score = reading.prior
        evidence = [reading.label]
        # beside a name, a preposition or a capital letter is the person's
        is_person = person and reading.person
        for line, value in form:
            if value and not (is_person and value > 0):
                score += value
                evidence.append(line)
        if is_person:
            score += -3.0
            evidence.append(_PERSON)
        if reading.penalty:
            score -= reading.penalty
            evidence.append(reading.penalty_label)
        if (_SETTLEMENT in form and (
            reading.sense.kind in _NATIONAL or reading.sense.kind in ("capital", "subdivision")
            or (reading.sense.kind == "city" and reading.sense.population >= _BIG_CITY)
        )) or (_MUNICIPALITY in form and reading.sense.kind in _NATIONAL):
            score -= 6.0
            evidence.append(_NOT_THE_COUNTRY)
        if _VILLAGE_AFTER in form and (
            reading.sense.kind == "city" and reading.sense.population >= _BIG_CITY
        ):
            score -= 6.0
            evidence.append(_NOT_THE_CITY)
        if reading.sense.kind == "subdivision" and _OF_SUBDIVISION in form:
            score += 1.0
            evidence.append(_AS_SUBDIVISION)
        if _NAMED_SUBDIVISION in form:
            if reading.sense.kind == "subdivision":
                score += 1.5
                evidence.append(_IS_SUBDIVISION)
            elif any(r.sense.kind == "subdivision" for r in readings):
                score -= 2.0
                evidence.append(_NOT_SUBDIVISION)
        if _AFTER_TOWN in form and any(r.sense.kind == "subdivision" for r in readings):
            if reading.sense.kind == "subdivision":
                score += 2.0
                evidence.append(_TOWNS_STATE)
            elif reading.sense.kind == "city":
                score -= 2.0
                evidence.append(_NOT_TOWNS_STATE)
        if apposed is not None:
            if reading.sense.countries & apposed:
                line, value = _APPOSED
            else:
                line, value = _TOWN_OF_STATE if reading.sense.kind == "country" else _NOT_APPOSED
            score += value
            evidence.append(line)
        if other_spelling:
            score += _OTHER_SPELLING[1]
            evidence.append(_OTHER_SPELLING[0])
        elif own_spelling:
            score += _OWN_SPELLING[1]
            evidence.append(_OWN_SPELLING[0])
        out.append((reading.sense, score, tuple(evidence)))
    if len(out) > 1:
        out.sort(key=_best_first)
    return tuple(out)


def _best_first(scored: Scored) -> tuple[float, int, tuple[str, ...]]:
    # the regions break a last tie, so that explain lists tied readings in one order whatever
    # the order of the sets they came from (PYTHONHASHSEED)
    return -scored[1], -scored[0].rank, scored[0].regions


def _town_word(original: str, folded: str, end: int) -> str:
    """The folded word before ``end``, or the one before it where that is a lower-case word
    of a Romance language's adjective after its noun ("a vila alentejana de Cuba", "la
    cittadina toscana di…"): the word for a town a "de" may follow."""
    word = _word_before(folded, end)
    begin = end - len(word) - 1
    if word and original[begin:begin + 1].islower() and word.endswith(_ADJECTIVE_TAILS):
        return _word_before(folded, begin)
    return word


#: the endings of the Romance adjectives of a region or a people ("alentejana", "toscana",
#: "bretonne", "andaluz")
_ADJECTIVE_TAILS = ("ana", "ano", "ense", "ina", "ino", "esa", "es", "aise", "ais", "onne",
                    "on", "ola", "ol", "uz", "uza", "ica", "ico", "ane", "ota", "oto")


def _word_penalty(zipf: float, importance: float) -> float:
    """Up to 1.5 for a name as common as a word as the place is big: "Nice" (a city of 340,000
    and a word of Zipf 5.4) loses 1.4, "Paris" nothing, "Kherson" nothing."""
    return max(0.0, min(_MAX_PENALTY, _MAX_PENALTY - (importance - zipf))) if zipf else 0.0


def _sentence_start(original: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and original[i] in " '‘\"“«-–—*":
        if original[i] in "\"“«–—":
            return True
        i -= 1
    return i < 0 or original[i] in _SENTENCE_END or original[i].isdigit()


def _comparison(folded: str, of: int) -> bool:
    """Whether the "of" ending at ``of`` follows "the size" or "N times the area"."""
    noun = _word_before(folded, of)
    if noun not in ("size", "area"):
        return False
    start = folded.rfind(noun, 0, of)
    article = _word_before(folded, start)
    return article == "the" and (
        noun == "size" or _word_before(folded, start - 4) in _MULTIPLES
    )


def _as_word(
    scored: Sequence[Scored], folded: str, cues: tuple[str, ...]
) -> Sequence[Scored]:
    """Every reading less ``_WORD_CUE`` when the text says a word that makes the name the
    ordinary word ("Turkey prices soar before Thanksgiving"); strong evidence of the place
    ("in Turkey") may still carry it."""
    cue = next((c for c in cues if c in folded), None)
    if cue is None:
        return scored
    line = f"the word, as '{cue.strip()}' in the text says {-_WORD_CUE:+.1f}"
    return [(sense, score - _WORD_CUE, (*evidence, line)) for sense, score, evidence in scored]


def _title_case(original: str, body: int, mentions: Sequence[_Mention]) -> bool:
    """Whether the headline capitalises its ordinary words. The names in it say nothing
    ("Asia Cup: India beat Pakistan in Colombo" is written in sentence case)."""
    title = original[:body]
    for start, end, _ in mentions:
        # a name in lower case ("hit", "say") is an ordinary word of the headline: it counts
        if start < body and original[start].isupper():
            title = title[:start] + " " * (end - start) + title[end:]
    words = [w for w in title.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


#: the rest of a title in capitals after a name: "' Nights", " Avenue", " e Ballkanit"
_TITLE_GOES_ON = re.compile(
    # a sequel's number too: "'Madagascar 4' tops the box office"
    r"(?: (?:[A-ZÀ-ÖØ-Þ0-9][\w-]*(?:['’]\w+)*"
    r"|of|the|on|in|at|for|and|a|to|from|with|e|i|de|di|du|del|la|le))+"
)
#: what a sentence goes on with after a quoted title: a word in lower case
_LOWER_NEXT = re.compile(r",? [a-zà-öø-ÿ]")
#: a quotation's opening mark → the marks that may close it
_QUOTES = {"'": "'", "‘": "’'", "\"": "\"", "“": "”\"", "«": "»", "„": "“”\""}
#: the words a slogan opens with: "Free Palestine", "Hands off Venezuela" are about the place
_SLOGANS = frozenset(fold_term(word) for word in (
    "free", "save", "stop", "hands", "stand", "pray", "long", "viva", "glory", "justice",
    "libérez", "liberez", "sauvez", "salvem", "salven", "libertad", "свободу", "руки",
    "слава", "hände",
))
#: a title's closing mark → the marks that may have opened it (not the apostrophes, which
#: close no title more often than they end a word)
_TITLE_CLOSES = {"»": "«", "“": "„", "”": "“", "\"": "\""}


def _after_vessel(original: str, start: int) -> bool:
    """Whether the word for a ship comes before the name, with at most three capitalised
    words of the ship's name between ("tanker Star Iceland", "carrier 'Star Iceland'")."""
    for _ in range(4):
        word = _previous_word(original, start)
        if not word:
            return False
        if word.lower() in _VESSELS:
            return True
        if not word.lstrip(_QUOTE_MARKS)[:1].isupper():
            return False
        start -= len(word) + 1
    return False


def _state_code(abbreviation: str) -> str:
    """"GA", "N.Y." or AP's "Pa." as a postal code."""
    bare = abbreviation.replace(".", "")
    return _AP_STATES.get(bare, bare)


def _titled(original: str, start: int, end: int, profile: _Profile) -> bool:
    """A name that is the whole of a quotation is a title ("a restored print of
    'Casablanca'", Van Halen's "Panama"): news quotes a place's name alone for nothing else.
    So is one that opens a quoted title in capitals or a number, which the sentence then goes
    on from in lower case ("'Kabul Nights' tops the charts", "'Madagascar 4' tops the box
    office", «Jordan Misja» në Tiranë), where it is a
    place's name: a demonym opens a nickname ("'Ethiopian Spice Girls'", the "Chinese
    Century") that is about its nation."""
    # French spaces its guillemets: « Casablanca »
    if original[start - 2:start - 1] == "«" and original[start - 1:start].isspace() and (
        original[end:end + 1].isspace() and original[end + 1:end + 2] == "»"
    ):
        return True
    closing = _QUOTES.get(original[start - 1:start]) if start else None
    if closing is None or (start >= 2 and original[start - 2].isalnum()):
        return False
    if original[end:end + 1] in closing:
        return not original[end + 1:end + 2].isalnum()  # "‘India’s interference’" is India's
    named = any(r.sense.kind != "demonym" for r in profile.readings)
    title = _TITLE_GOES_ON.match(original, end) if named else None
    return title is not None and original[title.end():title.end() + 1] in closing and (
        _LOWER_NEXT.match(original, title.end() + 1) is not None
    )


def _ends_title(original: str, start: int, end: int) -> bool:
    """A name that closes a short quoted title opened by another capitalised word, which the
    sentence then goes on from in lower case: a band, a book, a play («Сектора Газа» в
    Воронеже, „Oh, wie schön ist Panama“ kommt). Quoted speech ends in a comma or a full
    stop; a quoted phrase ("to 'defend Kyiv' at all costs") opens in lower case."""
    close = original[end:end + 1]
    if close not in _TITLE_CLOSES or original[end + 1:end + 2] != " " or not (
        original[end + 2:end + 3].islower()
    ):
        return False
    line = max(original.rfind("\n", 0, start) + 1, start - 60)
    for opening in _TITLE_CLOSES[close]:
        at = original.rfind(opening, line, start)
        if at < 0 or (opening == close and original.count(close, line, at) % 2):
            continue  # a straight quote that closes an earlier quotation
        inside = original[at + 1:start].split()
        return bool(inside) and inside[0][:1].isupper() and len(inside) <= 6 and (
            fold_term(inside[0]) not in _SLOGANS
        )
    return False


def _masculine_nisba_after(original: str, before_end: int, start: int, end: int) -> bool:
    """Whether the mention at ``start``-``end`` is a masculine nisba with its article ("التونسي",
    not "التونسية") right after the name that ends at ``before_end``."""
    word = original[original.rfind(" ", 0, start) + 1:end]
    return original[before_end:before_end + 1] == " " and (
        original.find(" ", before_end + 1, start) < 0
    ) and word.startswith("ال") and word.endswith("ي") and end - start >= 3 and (
        word != "العربي"  # "المغرب العربي": the Maghreb, no one's name
    ) and (
        original[end:end + 1] in ("", " ", ",", ".", "،", ":", "\n")
    )


def _after_arabic_given_name(original: str, start: int) -> bool:
    """Whether one of the two words before the mention's word is a common Arabic first name
    (the mention may begin after the article joined to its word)."""
    words = original[max(0, start - 40):start].split()
    if words and not original[start - 1:start].isspace():
        words.pop()  # the article before the mention, part of its word
    return any(word in _ARABIC_GIVEN_NAMES for word in words[-2:])


def _measured(word: str) -> bool:
    """Whether a word is a number, in digits or in Arabic words (after "قطر", a diameter)."""
    digits = word.rstrip("،,.;:")
    if digits.isdigit():
        return not (len(digits) == 4 and digits[:2] in ("19", "20"))  # "قطر 2022": the year
    return word in _ARABIC_NUMBERS


def _said_to_be_a_thing(original: str, end: int) -> bool:
    """Whether an apposition after the name says it is an animal, a ship, a band… ("Sudan,
    the last male northern white rhino"): one of the five words after ", the" (a possessive
    is no such word: "Norway, the band's home" is the country)."""
    if original[end:end + 2] != ", ":
        return False
    words = original[end + 2:end + 80].split(None, 7)
    if not words or fold_term(words[0]) not in _APPOSED_ARTICLES:
        return False
    for word in words[1:6]:
        bare = word.rstrip(",.;:")
        if fold_term(bare) in _THINGS:
            return True
    return False


def _word_before(folded: str, start: int) -> str:
    end = start - 1
    while end > 0 and folded[end - 1] == " ":
        end -= 1
    begin = folded.rfind(" ", 0, end) + 1
    return folded[begin:end]


def _has_place_in(profile: _Profile, countries: frozenset[str] | None) -> bool:
    return countries is not None and any(
        r.sense.kind not in _NATIONAL and r.sense.countries & countries
        for r in profile.readings
    )


#: a performer's working name, as the text introduces it ("who records as Bahamas")
_STAGE_NAMED = re.compile(
    r"\b(?:(?:records|recorded|recording|performs|performed|performing|raps|rapping|sings"
    r"|singing|known professionally)(?: under the name)? as|under the stage name)"
    r" ['\"‘“]?([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)"
)


_ANIMALS = (
    "greyhound|pigeon|dog|puppy|cat|kitten|parrot|panda|gorilla|elephant|giraffe|rhino"
    "|rhinoceros|hippo|orca|tortoise|lion|lioness|tiger|penguin|chimp|chimpanzee|poodle"
    "|terrier|spaniel|labrador|retriever|sheepdog|alpaca|llama|camel|donkey|pony|bull|cow"
)
#: the word for a racehorse and the capitalised words after it: the horse's name, wherever
#: the text says it ("Aidan O'Brien's colt Los Angeles", "Irish chaser Moscow Flyer")
_HORSE_NAMED = re.compile(
    r"\b(?:colt|filly|gelding|stallion|racehorse|mare|chaser|steeplechaser|hurdler|stayer"
    # and any animal the news names: a zoo's, a pet's, a racing dog's or pigeon's ("racing
    # pigeon Dubai Star")
    rf"|{_ANIMALS})s? ['\"‘“]?([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)"
    # "Sudan the rhino", "Peru the poodle": the name, then "the" and the animal
    # (not a place's after a preposition: "in India the cow is sacred")
    r"|(?<![Ii]n )(?<!of )(?<!to )(?<!from )(?<!across )(?<!at )"
    rf"\b([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*),? the (?:\w+ )?(?:{_ANIMALS})\b"
)


#: the words of ``_HORSE_NAMED``, singular and plural: most texts have none, and the
#: pattern is read only where one is
_ANIMAL_WORDS = frozenset(
    word + plural
    for word in (
        "colt|filly|gelding|stallion|racehorse|mare|chaser|steeplechaser|hurdler|stayer|"
        + _ANIMALS
    ).split("|")
    for plural in ("", "s")
)


@functools.lru_cache(maxsize=64)
def _animal_names(original: str, folded: str) -> tuple[str, ...]:
    """The names the text gives a racehorse or another animal, each between spaces
    (``folded``: the text folded, whose words are looked up first)."""
    if _ANIMAL_WORDS.isdisjoint(folded.split()):
        return ()
    return tuple(
        f" {horse.group(1) or horse.group(2)} " for horse in _HORSE_NAMED.finditer(original)
    )


def _horse_named(original: str, folded: str, name: str) -> bool:
    """Whether the text names a racehorse or another animal with ``name``, whole or as some
    of its words."""
    names = _animal_names(original, folded)
    return bool(names) and any(f" {name} " in horse for horse in names)


@functools.lru_cache(maxsize=64)
def _stage_names(original: str) -> frozenset[str]:
    """The stage names a text introduces ("who records as Bahamas", "performing as Kenya")."""
    return frozenset(m.group(1) for m in _STAGE_NAMED.finditer(original))


def _previous_word(original: str, start: int) -> str:
    i = start - 1
    if i < 0 or original[i] != " ":
        return ""
    begin = original.rfind(" ", 0, i) + 1
    return original[begin:i]


def _next_word(original: str, end: int) -> str:
    if original[end:end + 1] != " ":
        return ""
    stop = original.find(" ", end + 1)
    # the title ends at its line's end ("… in Niger State\nThe body")
    return original[end + 1:stop if stop > 0 else None].split("\n", 1)[0]


def _name_like(word: str, not_names: frozenset[str]) -> bool:
    """A capitalised word that could be part of a person's name ("O'Keeffe", "Smith")."""
    word = word.strip(",.;:!?\"'’()")
    if len(word) < 2 or not word[0].isupper() or word.isupper():
        return False
    return word.lower() not in not_names and word.replace("'", "").replace("’", "").isalpha()
