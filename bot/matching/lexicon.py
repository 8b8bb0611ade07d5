"""How common a word is in each language the matcher reads (wordfreq's small word lists).

A place name that is also a frequent word ("Nice", "Split", "Police", "Como" in Spanish) needs
evidence to count; a name no language uses as a word ("Kherson") does not. wordfreq counts the
place's own mentions too, which is why ``bot.matching.places`` weighs a name's frequency against
the size of the place it names rather than using it alone.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Container

import wordfreq

from bot.matching.text import fold_term

#: the languages place names, prepositions and severity words are read in
LANGUAGES = (
    "en", "es", "fr", "de", "pt", "it", "ru", "uk", "sr", "sq", "ar", "sk", "cs", "pl", "hr",
)
# wordfreq's name for a language where it is not ISO 639-1's: Serbian and Croatian are one
# list, "sh", in Latin script
_WORDFREQ = {"sr": "sh", "hr": "sh"}
#: below this Zipf frequency a word is rare enough to be no evidence of anything
_FLOOR = 1.5


def word_frequencies(wanted: Container[str]) -> dict[str, dict[str, float]]:
    """Folded key → {language: Zipf frequency} for the keys some language uses as a word
    (``wanted`` holds the keys: the gazetteer's own, not a set of 100,000 made for this)."""
    out: dict[str, dict[str, float]] = {}
    available = wordfreq.available_languages("small")
    for language in LANGUAGES:
        code = wordfreq_code(language)
        if code is None:
            continue  # Albanian: no list; its names are judged on case and context alone
        for word, frequency in _frequencies(available[code]).items():
            zipf = math.log10(frequency) + 9
            if zipf < _FLOOR:
                continue
            key = word if word.isascii() else fold_term(word)
            # wordfreq's Serbian is in Latin script; Serbian news writes Cyrillic as often
            keys = (key, fold_term(_cyrillic(word))) if language == "sr" else (key,)
            for key in keys:
                if key in wanted:
                    slot = out.setdefault(key, {})
                    slot[language] = max(slot.get(language, 0.0), zipf)
    return out


# Serbian Latin → Cyrillic, letter for letter (the digraphs first)
_SERBIAN_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
_SERBIAN = str.maketrans(
    "abcčćdđefghijklmnoprsštuvzž", "абцчћдђефгхијклмнопрсштувзж"
)


def wordfreq_code(language: str) -> str | None:
    """wordfreq's name of the language's list, None where it has none (Albanian): asked for
    such a language, wordfreq would answer with another language's list."""
    code = _WORDFREQ.get(language, language)
    return code if code in wordfreq.available_languages("small") else None


@functools.lru_cache(maxsize=65536)
def zipf(word: str, language: str) -> float:
    """One word's Zipf frequency in one language, for the few words the matcher and the event
    decision ask about while they read (0 for a language wordfreq has no list for)."""
    code = wordfreq_code(language)
    if code is None:
        return 0.0
    return float(wordfreq.zipf_frequency(word, code, wordlist="small"))


def _cyrillic(word: str) -> str:
    for latin, cyrillic in _SERBIAN_DIGRAPHS.items():
        word = word.replace(latin, cyrillic)
    return word.translate(_SERBIAN)


def _frequencies(path: str) -> dict[str, float]:
    """One word list as ``wordfreq.get_frequency_dict`` reads it, but read afresh: wordfreq
    keeps every list it read for good, 60 MB for these fifteen, which the matcher needs only
    while it is built."""
    out: dict[str, float] = {}
    for index, bucket in enumerate(wordfreq.read_cBpack(path)):
        frequency = wordfreq.cB_to_freq(-index)
        for word in bucket:
            out[word] = frequency
    return out


def _with(prefixes: tuple[str, ...], endings: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p + e for p in prefixes for e in endings)


# The endings a country's adjective or demonym takes after the stem of its name in each
# language (folded: accents gone, й read и, ї read і), so that "israélien", "israelische",
# "израильские", "izraelský", "الإسرائيلية" are Israel's without a list of every form of every
# country: "russ" (Russie) + "es", "украин" + "ские", "brasil" + "eiro". The Slavic adjectives
# put "sk"/"ск" between the stem and the case ending (Izrael → izraelský, Украина → украинский);
# a stem that already ends in it (rusk-, from Rusko or руски) takes the case ending alone.
_ROMANCE = ("o", "a", "os", "as", "e", "es", "i", "ano", "ana", "anos", "anas", "iano", "iana",
            "ianos", "ianas", "ense", "enses", "esa", "esas", "eses", "ino", "ina", "inos", "inas",
            "ita", "itas", "ico", "ica", "icos", "icas", "io", "ia", "ios", "ias")
# "-о" joins an adjective to the next in a compound: "российско-украинской", "американо-"
_RU_CASES = ("ии", "ая", "ое", "ие", "их", "ого", "ому", "им", "ими", "ои", "ую", "ые", "ых",
             "ым", "ыми", "ыи", "о", "ом")
_UK_CASES = ("ии", "а", "е", "і", "их", "ого", "ому", "им", "ими", "ою", "у", "оі", "о")
_SR_CASES = ("i", "a", "e", "og", "oga", "om", "omu", "ih", "im", "ima", "oj", "u")
_SR_CYRILLIC = ("и", "а", "е", "ог", "ога", "ом", "ому", "их", "им", "има", "ој", "у")
_WEST_SLAVIC = ("y", "a", "e", "ej", "u", "ych", "ym", "ymi", "emu", "eho", "i", "ie", "iego",
                "iemu", "ich", "im", "imi", "iej", "ou", "om", "em")
# The nation's people as nouns, in their cases: "росси-яне", "росі-яни", and after a longer
# stem (PEOPLE_ENDINGS) "украин-цы", "україн-ці", "Amerikan-ci"
_YAN = ("янин", "ян", "янам", "янами", "янах", "янина", "янину")
_RU_PEOPLE = frozenset((
    "ец", "цы", "цев", "цам", "цами", "цах", "ца", "цу", "цем", "яне", "янином", *_YAN,
))
_UK_PEOPLE = frozenset((
    "ець", "ці", "ців", "цям", "цями", "цях", "ця", "цеві", "яни", *_YAN,
))
_SR_PEOPLE = frozenset((
    "ac", "ci", "aca", "cima", "cu", "ce", "ца", "ци", "аца", "цима", "цу", "це", "ац",
))
# Polish: "Rosj-anie", "Ukrain-cy" (folded: ń is n)
_PL_YAN = ("anie", "an", "anom", "anami", "anach", "anin", "anina")
_PL_PEOPLE = frozenset(("cy", "cow", "com", "cami", "cach", "cem", "iec", *_PL_YAN))
#: the people's endings that also end common words after a short stem ("пал-ец", a finger;
#: "dani-ce"): read only after a stem of PEOPLE_STEM letters or more
PEOPLE_ENDINGS = (_RU_PEOPLE | _UK_PEOPLE | _SR_PEOPLE | _PL_PEOPLE) - frozenset(
    (*_YAN, "яне", "яни", *_PL_YAN)
)
PEOPLE_STEM = 5
#: the Slavic case endings alone, with no suffix before them: what a word for the nation
#: ("rusk" of "ruský") may take however long the ending ("rusk" + "eho")
CASE_ENDINGS = frozenset((*_RU_CASES, *_UK_CASES, *_SR_CASES, *_SR_CYRILLIC, *_WEST_SLAVIC))
ADJECTIVE_ENDINGS: dict[str, frozenset[str]] = {
    "fr": frozenset((
        "e", "s", "es", "ien", "ienne", "iens", "iennes", "en", "enne", "ens", "ennes", "een",
        "eenne", "eens", "eennes", "ain", "aine", "ains", "aines", "ais", "aise", "aises", "ois",
        "oise", "oises", "an", "ane", "ans", "anes", "in", "ine", "ins", "ines", "ique",
        "iques", "que", "ques", "olais", "olaise", "olaises", "o",
    )),
    "es": frozenset((*_ROMANCE, "is", "ies", "eno", "ena", "enos", "enas")),
    "pt": frozenset((*_ROMANCE, "eiro", "eira", "eiros", "eiras", "ao", "aos", "aes")),
    "it": frozenset((*_ROMANCE, "ani", "ane", "iani", "iane", "ese", "esi", "ini", "ine", "iti",
                     "ici", "iche", "hi", "he")),
    "de": frozenset((
        "e", "en", "er", "es", "em", "n", "s", "isch", "ische", "ischen", "ischer", "isches",
        "ischem", "sch", "sche", "schen", "scher", "sches", "schem", "esisch", "esische",
        "esischen", "esischer", "esisches", "ier", "iers", "iern", "ierin", "ierinnen", "aner",
        "anern", "anerin", "erin", "erinnen", "ern", "erisch", "erische", "erischen",
        "erischer", "anisch", "anische", "anischen", "anischer", "anisches", "anischem",
        "enisch", "enische", "enischen", "enischer", "enisches", "enischem",
    )),
    "ru": _with(("", "ск", "иск", "ьск", "цк"), _RU_CASES) | _RU_PEOPLE,
    "uk": _with(("", "ськ", "иськ", "цьк"), _UK_CASES) | _UK_PEOPLE,
    "sr": _with(("", "sk", "ck"), _SR_CASES) | _with(("", "ск", "цк"), _SR_CYRILLIC)
    | _SR_PEOPLE,
    "hr": _with(("", "sk", "ck"), _SR_CASES) | _SR_PEOPLE,
    "sk": _with(("", "sk", "ck"), _WEST_SLAVIC) | frozenset(("ec", "ci", "cov", "com", "cami")),
    "cs": _with(("", "sk", "ck"), _WEST_SLAVIC) | frozenset(("ec", "ci", "cu", "cum")),
    "pl": _with(("", "sk", "ck"), _WEST_SLAVIC) | _PL_PEOPLE,
    "sq": frozenset((
        "e", "et", "it", "in", "i", "ja", "ve", "ite", "ian", "iane", "eze", "ez", "an", "ane",
        "anet", "ise",
    )),
    # Arabic nisba: "روس" + "ية" (folded "يه"); the article and joined prefixes come off first
    "ar": frozenset(("ي", "يه", "يين", "يون", "يان")),
}
#: a German city's adjective is its name + "er" ("Wiener", "Salzburger", "Kiewer")
PLACE_ADJECTIVE_ENDINGS: dict[str, frozenset[str]] = {
    "de": frozenset(("er", "ern", "erin", "erinnen")),
}

#: Food, drink and the kitchen, by language, in the forms news writes them: a nation's
#: adjective beside one of these names a cuisine or a dish ("Georgian cuisine", "турецьку
#: каву", "filet américain", "الخبز العربي"), not the nation. Unfolded here; folded where read.
DISH_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("cuisine", "cooking", "dish", "dishes", "coffee", "tea", "cheese", "yogurt",
           "yoghurt", "bread", "salad", "pastry", "pastries", "buffet", "breakfast", "sausage",
           "sausages", "restaurant", "restaurants", "takeaway", "recipe", "recipes", "sandwich",
           "sandwiches", "sauce", "sauces", "chocolate", "noodles", "cake", "pizza", "pizzas",
           "soup", "omelette", "omelet", "dessert"),
    "es": ("cocina", "plato", "platos", "café", "queso", "quesos", "pan", "ensalada",
           "restaurante", "restaurantes", "desayuno", "té", "yogur", "receta", "gastronomía",
           "chocolate", "tarta", "torta", "pizza", "pizzas", "sopa", "tortilla", "postre"),
    "fr": ("cuisine", "plat", "plats", "café", "fromage", "fromages", "pain", "salade",
           "restaurant", "restaurants", "petit-déjeuner", "thé", "yaourt", "filet", "recette",
           "gastronomie", "pâtisserie", "saucisse", "crème", "sauce", "chocolat", "gâteau",
           "pizza", "pizzas", "soupe", "omelette", "dessert"),
    "de": ("Küche", "Restaurant", "Restaurants", "Kaffee", "Käse", "Brot", "Salat",
           "Frühstück", "Tee", "Joghurt", "Gericht", "Gerichte", "Spezialitäten", "Rezept",
           "Wurst", "Gebäck", "Schokolade", "Torte", "Kuchen", "Würstchen", "Schnitzel", "Pizza",
           "Suppe", "Omelett"),
    "pt": ("cozinha", "culinária", "prato", "pratos", "café", "queijo", "queijos", "pão",
           "salada", "restaurante", "restaurantes", "chá", "iogurte", "receita", "gastronomia",
           "chocolate", "bolo", "pizza", "pizzas", "sopa", "sanduíche", "sobremesa",
           "doce", "doces", "molho", "omelete"),
    "it": ("cucina", "piatto", "piatti", "caffè", "formaggio", "formaggi", "pane", "insalata",
           "ristorante", "ristoranti", "tè", "yogurt", "colazione", "ricetta", "gastronomia",
           "cioccolato", "torta", "pizza", "pizze", "zuppa", "frittata"),
    "ru": ("кухня", "кухни", "кухню", "кухней", "кофе", "сыр", "сыра", "сыры", "хлеб",
           "хлеба", "салат", "салата", "ресторан", "ресторана", "чай", "чая", "йогурт",
           "йогурта", "блюдо", "блюда", "колбаса", "колбасы", "пицца", "пиццу", "суп", "омлет"),
    "uk": ("кухня", "кухні", "кухню", "кухнею", "кава", "каву", "кави", "сир", "сиру",
           "хліб", "хліба", "салат", "ресторан", "ресторану", "чай", "йогурт", "йогурту",
           "страва", "страви", "ковбаса", "ковбаси", "піца", "піцу", "суп", "омлет"),
    "sr": ("kuhinja", "kuhinje", "kuhinju", "kafa", "kafu", "kafe", "sir", "sira", "hleb",
           "salata", "salate", "salatu", "salatom", "restoran", "restorana", "čaj", "jogurt",
           "jogurta", "jelo", "jela", "кухиња", "кухиње", "кухињу", "кафа", "кафу", "кафе",
           "сир", "сира", "хлеб", "салата", "салате", "салату", "салатом", "ресторан",
           "ресторана", "чај", "јогурт", "јогурта", "јело", "јела", "pica", "picu", "supa",
           "torta", "пица", "пицу", "супа", "торта"),
    "hr": ("kuhinja", "kuhinje", "kuhinju", "kava", "kavu", "sir", "sira", "kruh", "salata",
           "restoran", "čaj", "jogurt", "jela"),
    "sq": ("kuzhina", "kuzhinë", "kuzhinën", "kafe", "kafja", "kafen", "djathë", "djathi",
           "bukë", "buka", "sallatë", "sallata", "restorant", "restoranti", "çaj", "kos", "gatim",
           "gatime", "pica", "supë"),
    "ar": ("المطبخ", "مطبخ", "القهوة", "قهوة", "الخبز", "خبز", "الجبن", "جبن", "السلطة",
           "سلطة", "مطعم", "المطعم", "مطاعم", "الشاي", "شاي", "الأكلات", "أكلات", "المأكولات"),
}
