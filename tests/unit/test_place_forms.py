"""Place names as news writes them in every language: adjectives and demonyms, case endings,
exonyms, the Arabic article; and the English readings that are not places at all."""

from __future__ import annotations

import tomllib
from importlib import resources

import pycountry
import pytest

from bot.pipeline.match import Matcher


def countries(matcher: Matcher, text: str, language: str) -> frozenset[str]:
    return matcher.countries(matcher.match(text, language=language))


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a country's adjective is the stem of one of its names plus the language's ending
        ("fr", "Frappes israéliennes sur des positions tenues par des forces russes", {"IL", "RU"}),
        ("fr", "Le nouveau président ghanéen a prêté serment", {"GH"}),
        ("de", "Bulgarische Grenzer melden mehr Übertritte an der türkischen Grenze", {"BG", "TR"}),
        ("de", "Die Regierung Tschechiens beschließt den Haushalt", {"CZ"}),
        ("ru", "Израильские военные сообщили об ударах, китайские дипломаты молчат", {"IL", "CN"}),
        ("uk", "Російські війська обстріляли позиції, білоруські військові мовчать", {"RU", "BY"}),
        ("ar", "القوات الروسية تقصف مواقع والقوات الإسرائيلية تتأهب", {"RU", "IL"}),
        ("sk", "Guatemalská polícia zadržala migrantov", {"GT"}),
        ("pt", "O treinador português e o presidente venezuelano", {"PT", "VE"}),
        ("es", "Los rebeldes hutíes atacan frente a las costas yemeníes", {"YE"}),
        ("it", "Il governo tedesco approva aiuti militari", {"DE"}),
        ("sr", "Руски амбасадор разговарао са министром", {"RU"}),
        ("pl", "Rosyjskie drony nad miastem", {"RU"}),
        # stems the data lack, from regions.toml
        ("fr", "Les autorités britanniques et les diplomates américains", {"GB", "US"}),
        # a German city's -er adjective
        ("de", "Wiener Polizei ermittelt nach Überfall", {"AT"}),
        # a demonym Spanish writes in lower case is no ordinary word, however often news
        # says it; adjectives the data's names do not yield, from regions.toml
        ("es", "El ejército israelí y el gobierno venezolano", {"IL", "VE"}),
        ("de", "Die ägyptische und die mexikanische Regierung", {"EG", "MX"}),
        ("it", "Il governo libanese e il ministro marocchino", {"LB", "MA"}),
        ("pt", "O presidente moçambicano e o primeiro-ministro paquistanês", {"MZ", "PK"}),
        # adjectives no name's stem yields (bot/matching/adjectives/)
        ("it", "Il ministro austriaco incontra il collega etiope", {"AT", "ET"}),
        ("fr", "Le ministre syrien et l'ambassadeur mexicain", {"SY", "MX"}),
        ("de", "Die syrische Regierung und die kolumbianische Armee", {"SY", "CO"}),
        ("ru", "Вчера мексиканский министр выступил", {"MX"}),
        ("sq", "Tirana protestoi për deklaratat e një ministri serb", {"AL", "RS"}),
    ],
)
def test_adjectives_and_demonyms_in_every_language(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


def test_the_adjective_tables_are_well_formed() -> None:
    """Each language's table: known country codes, words in lower case, none under two
    countries (a word two countries share belongs to neither)."""
    codes = {c.alpha_2 for c in pycountry.countries} | {"XK"}
    folder = resources.files("bot.matching").joinpath("adjectives")
    files = [f for f in folder.iterdir() if f.name.endswith(".toml")]
    assert len(files) >= 10
    for file in files:
        table = tomllib.loads(file.read_text(encoding="utf-8"))
        owner: dict[str, str] = {}
        for code, words in table.items():
            assert code in codes, (file.name, code)
            for word in words:
                assert word == word.lower(), (file.name, word)
                assert owner.setdefault(word, code) == code, (file.name, word)


def test_a_name_loses_one_vowel_only_before_an_ending(matcher: Matcher) -> None:
    # "Sérvia" less two vowels would be "serv", which "serviços" begins with
    assert countries(matcher, "A empresa de serviços anunciou lucros", "pt") == frozenset()


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a stem less its vowel makes adjectives in its name's language only: "indi" is
        # Albanian for India, and "indiqué" a French verb; "saud" (English "Saudi") +
        # "e" is Portuguese "saúde"; "sérvio" keeps its "i" ("serv" + "e" is "serve")
        ("fr", "La police a indiqué que la situation était calme", set()),
        ("pt", "Os postos de saúde fecharam e o hospital serve a cidade", set()),
        ("pt", "O governo ameaça cortar a ajuda aos palestinianos", {"PS"}),
        ("it", "Il Vaticano ospita colloqui di pace", {"VA"}),
        # words the most frequent of each language hold: meetings, an adviser, a hammer
        ("it", "La riunione del governo è finita all'alba", set()),
        ("de", "Ein Berater des Ministers kaufte einen Hammer", set()),
        ("de", "Berliner Polizei räumt Protestcamp", {"DE"}),
        # a German town's name in "-en" loses it before "-er"; a foreign one's does not
        ("de", "Bremer Rechnungshof und Münchner Polizei", {"DE"}),
        ("de", "In den Ländern sind Programme angelaufen", set()),
        # a region named with "-инск-" after its city in "-а"
        ("ru", "Пожар на шахте в Карагандинской области", {"KZ"}),
        # a two-word name whose second word is a neuter noun ("Бијело Поље")
        ("sr", "Судар аутобуса и камиона код Бијелог Поља", {"ME"}),
        # a town named in a region is that region's ("Нью-Йорк на Донеччині")
        ("uk", "Бої за Нью-Йорк на Донеччині тривають", {"UA"}),
        ("pt", "Nova Iorque, no Maranhão, decreta situação de alerta", {"BR"}),
        # a country's name after a common first name is a surname
        ("it", "Ciclista ucciso vicino a Grosseto: la vittima è Marco Francia", {"IT"}),
        # a first name that is also a town's, before a nation's name: the surname
        ("es", "El Betis renueva al lateral Martín Polonia hasta 2027", frozenset()),
        ("pt", "O Grêmio contrata o volante Lucas Argentina", frozenset()),
        ("es", "Lucas viaja a Francia para el torneo", {"FR"}),
        # German writes a nation's word with a capital: after a first name, before no noun it
        # qualifies, it is a surname; a count before it is no first name
        ("de", "Gemeinderat wählt Lisa Schweizer zur Bürgermeisterin", frozenset()),
        ("de", "Martin Schweizer übernimmt den Vorsitz des Vereins", frozenset()),
        ("de", "Tausende Schweizer demonstrieren in Bern", {"CH"}),
        ("de", "Schweizer Armee übt in den Alpen", {"CH"}),
        # a salad named after a nation, in the genitive
        ("sr", "Cena francuske salate porasla 20 odsto u Srbiji", {"RS"}),
        # Arabic "torrents" are no Seoul
        ("ar", "إجلاء مئات الأسر في أسوان بعد سيول مفاجئة", {"EG"}),
        # a nation's adjective beside a word of food names a dish or a cuisine
        ("uk", "У Вінниці відкрився ресторан грузинської кухні", {"UA"}),
        ("fr", "Le filet américain, fierté des friteries de Liège", {"BE"}),
        ("ru", "Цены на голландский сыр в Екатеринбурге выросли", {"RU"}),
        ("uk", "Російські війська обстріляли ресторан у Харкові", {"RU", "UA"}),
        # a pizza, a soup or a dessert named after a nation
        ("pt", "Pizza calabresa e sopa paraguaia lideram pedidos em Curitiba", {"BR"}),
        ("es", "La pizza argentina conquista Madrid", {"ES"}),
        ("de", "Italienische Pizza und französische Suppe: Markt in Graz", {"AT"}),
        ("fr", "La soupe vietnamienne à la mode à Lyon", {"FR"}),
    ],
)
def test_words_that_look_like_adjectives(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Ukrainian -ів names change their vowel before an ending
        ("uk", "У Києві та у Львові пролунали сирени", {"UA"}),
        # short exonyms of big cities
        ("de", "Regierungskrise in Prag: Koalitionspartner verlässt Kabinett", {"CZ"}),
        # the Arabic article before a city's name, behind "and" + "in"
        ("ar", "مظاهرات في الخرطوم", {"SD"}),
        ("ar", "وبدمشق، عودة الكهرباء", {"SY"}),
        # a name whose article is its own, behind "in" + the article ("بالرياض")
        ("ar", "انهيار أرضي في حي بالرياض", {"SA"}),
        # a place's name is not taken for a word in its own country's language
        ("uk", "Херсон: евакуація мешканців триває", {"UA"}),
        # no apposition without a comma: "para" is a word, not Paraná
        ("es", "La canciller llega a Moscú para hablar de gas", {"RU"}),
        # two inflected words: the second is no adjective of another country
        ("sr", "Poplave u Republici Srpskoj: evakuisane porodice", {"BA"}),
    ],
)
def test_inflected_and_foreign_forms_of_names(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state's postal abbreviation after a town is the state, not Gabon or Indonesia
        ("Athens, GA, school board votes to extend the year", {"US"}),
        ("Moscow, ID, police seek witnesses", {"US"}),
        # a parliament's own name stands for its country, as "the Kremlin" does
        ("The Storting rejected the budget", {"NO"}),
        # two names whose best readings are of two countries nothing else names, and whose
        # other readings share one: that one; but two countries' own names stay countries
        ("Georgia deputies seize drugs at Savannah port", {"US"}),
        ("Lebanon and Georgia sign a trade deal", {"LB", "GE"}),
        # a village named like a country is no country
        ("Flood hits the village of Lebanon in Ohio", {"US"}),
        # a country's name before another country's state is a town there, unless a list
        # goes on after it
        ("Floods strand residents in Peru, Indiana; Guard called in", {"US"}),
        ("Strikes hit Israel, Gaza and Lebanon overnight", {"IL", "PS", "LB"}),
        # another language's name of a country that is an English word (German "Island")
        ("Discovering the mystery behind Goat Island in the Seto Inland Sea", {"JP"}),
        # a parish of Jamaica weighs its share of Jamaica, less than England's city
        ("Fans celebrated in Manchester overnight", {"GB"}),
        # a street named after a country, but not a city's street
        ("Denmark Street guitar shops face rent rise", frozenset()),
        ("The London street known as Tin Pan Alley", {"GB"}),
        # a continent is no country, though a Philippine town is called Asia
        ("Stocks in Asia slipped in early trade", frozenset()),
        # a fixed phrase that names a country it is not about: a bag, in Nigeria
        ("'Ghana Must Go' bags of cash found in raid", frozenset()),
    ],
)
def test_english_readings_that_are_not_the_place(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # two inflected words, the first an adjective
        ("sr", "Vežba hitnih službi u Novom Sadu", {"RS"}),
        ("ru", "Взрыв газа в жилом доме в Нижнем Тагиле", {"RU"}),
        ("sr", "Izbori u Crnoj Gori završeni", {"ME"}),
        # a fleeting vowel before the ending
        ("sr", "Eksplozija u fabrici municije u Čačku", {"RS"}),
        # a village named like a country, after the word for a village
        ("pl", "Pożar we wsi Kuba pod Olsztynem", {"PL"}),
        # a Ukrainian city by its Polish name, in a case form
        ("pl", "Ostrzał Chersonia i alarm we Lwowie", {"UA"}),
        ("sr", "Protest u Kragujevcu", {"RS"}),
        # and the consonant before it turns voiceless, as Serbian spells it (Šabac)
        ("sr", "Sudar dva kamiona kod Šapca", {"RS"}),
        ("sr", "Поплаве у Шапцу", {"RS"}),
        # "of the field" is spelt as "Polish": a farm track is no Poland
        ("sr", "Трактор се преврнуо на пољском путу код Лознице", {"RS"}),
        # the Ukrainian instrumental doubles a soft name's consonant (Білорусь)
        ("uk", "Посилення охорони кордону з Білоруссю", {"BY"}),
        # idioms: a tall tale, riding without a ticket
        ("es", "El ministro dice que la denuncia es un cuento chino", frozenset()),
        ("it", "Troppi passeggeri fanno i portoghesi sui bus di Torino", {"IT"}),
        # a valley or landscape, which news names instead of its district
        ("de", "Murenabgang im Ötztal: Straße gesperrt", {"AT"}),
        ("en", "Ahrtal residents still rebuilding years after the floods", {"DE"}),
        ("de", "Waldbrand in der Südpfalz: Feuerwehr im Großeinsatz", {"DE"}),
        # "the city" in Arabic, with or without a joined preposition, is no Medina; Medina is
        ("ar", "انقطاع الكهرباء عن أحياء في المدينة بعد العاصفة", frozenset()),
        ("ar", "انهيار مبنى قديم بالمدينة دون إصابات", frozenset()),
        ("ar", "أمطار غزيرة تغرق شوارع المدينة المنورة", {"SA"}),
        # the French feminine of a whole demonym is its nation's ("nigérienne": Niger's)
        ("fr", "Niamey : la junte nigérienne ferme l'espace aérien", {"NE"}),
        ("fr", "Lagos : les autorités nigérianes démentent", {"NG"}),
        # a nation named in an idiom or a dish is no country
        ("es", "El alcalde de Sevilla se hace el sueco ante las quejas", {"ES"}),
        ("de", "Der Kanzler macht einen polnischen Abgang in Hamburg", {"DE"}),
        ("pt", "Medidas só para inglês ver, diz a oposição em Lisboa", {"PT"}),
        ("ru", "Урожай грецкого ореха в Краснодарском крае вырос", {"RU"}),
        ("ar", "ارتفاع أسعار جوز الهند في متاجر الإسكندرية", {"EG"}),
        # Kosovo's crossings and north in Serbian Cyrillic
        ("sr", "Косовска полиција затворила Брњак, Београд протестује", {"XK", "RS"}),
        ("sr", "Напетост у Звечану после хапшења", {"XK"}),
        # curated places and leaders in Arabic and Russian script too
        ("ar", "غارات على مواقع في الأنبار", {"IQ"}),
        # a national railway is its country's, wherever its trains go
        ("fr", "Grève à la SNCF : les trains vers l'Espagne supprimés", {"FR", "ES"}),
        ("de", "ÖBB streicht Nachtzüge nach Italien", {"AT", "IT"}),
        ("uk", "Укрзалізниця призначила новий поїзд до Польщі", {"UA", "PL"}),
        ("ru", "Учения Балтийского флота под Калининградом", {"RU"}),
        # a storm is named like a person; a street or a square is named after the place
        ("en", "Hurricane Milton strengthens in the Gulf", frozenset()),
        ("pt", "Acidente fecha a Avenida Brasil no Rio de Janeiro", {"BR"}),
        ("ar", "اعتصام في ميدان لبنان وسط الجيزة", {"EG"}),
        # a station named before its name; "estação de Coimbra" is the city's
        ("pt", "Obras fecham a estação Bolívia do metrô de Curitiba", {"BR"}),
        ("pt", "Estação Paraguai fecha no fim de semana para obras", frozenset()),
        ("it", "Guasto alla stazione Argentina, disagi a Torino", {"IT"}),
        ("pt", "Greve fecha a estação de Coimbra", {"PT"}),
        # a village named like a capital
        ("ru", "В селе Париж под Магнитогорском прошёл ураган", {"RU"}),
        # a town with its region's adjective between ("a vila minhota de…"), and the town's
        # name said again alone is still the town
        ("es", "La localidad leonesa de Cuba celebra sus fiestas patronales", frozenset()),
        ("pt", "A vila minhota de Angola celebra o padroeiro / Os moradores de Angola enchem "
               "a praça.", frozenset()),
        ("pt", "A vila de Sintra recebe turistas de Angola", {"PT", "AO"}),
        # a nation's name placed in a region that is no state ("…, no Baixo Alentejo") is a
        # town there
        ("pt", "Festa de Angola, no Alto Alentejo, junta mil pessoas", {"PT"}),
        ("pt", "Incêndio em Cuba, na Beira Baixa, consome pinhal", {"PT"}),
        # Iran's two Azerbaijan provinces
        ("en", "Quake jolts East Azerbaijan province near Tabriz", {"IR"}),
        # more idioms: a scapegoat, behind bars, a dog breed
        ("es", "El Gobierno de Lima busca una cabeza de turco", {"PE"}),
        ("de", "Der Wiener Politiker sitzt hinter schwedischen Gardinen", {"AT"}),
        ("uk", "Французький бульдог із Харкова став чемпіоном", {"UA"}),
        # a nation's people as a noun, in its cases; not a word of the same ending
        ("ru", "Россияне и украинцы обменялись пленными", {"RU", "UA"}),
        ("uk", "Росіяни обстріляли Херсон, загинули двоє", {"RU", "UA"}),
        ("sr", "Amerikanci i Japanci potpisali sporazum", {"US", "JP"}),
        ("ru", "Вратарь сломал палец на тренировке", frozenset()),
        ("pl", "Rosjanie ostrzelali pozycje, Ukraińcy odpowiedzieli", {"RU", "UA"}),
        # a big city's adjective in its own language; not a dish
        ("fr", "La police marseillaise interpelle trois suspects", {"FR"}),
        ("es", "El Ayuntamiento madrileño cierra los parques por el viento", {"ES"}),
        ("es", "Receta de milanesa con puré", frozenset()),
        # the Ukrainian instrumental of names in -ія ("з Росією")
        ("uk", "Переговори з Росією та Італією зірвано", {"RU", "IT"}),
        ("uk", "Кабмін ухвалив новий бюджет", {"UA"}),
        # a town named in its region's genitive is that region's, whatever else it names
        ("ru", "В Лондоне Курганской области открыли школу", {"RU"}),
        ("fr", "Le premier ministre québécois en visite officielle", {"CA"}),
        ("en", "Rubella, or German measles, returns to Lagos schools", {"NG"}),
        ("en", "NATO exercise near the Suwałki Gap", {"PL", "LT"}),
        ("ar", "الروس والأتراك يبحثون الوضع في إدلب", {"RU", "TR", "SY"}),
        # the nisba that ends a listed person's full name, said alone, is that person
        ("ar", "السوداني يستقبل وفدا من موسكو / بحث رئيس الوزراء محمد شياع السوداني مع الوفد "
               "الروسي ملف الطاقة.", {"IQ", "RU"}),
        ("ar", "الجيش السوداني يتقدم في أم درمان", {"SD"}),
        # the Catalan mountain and its abbey, not the island
        ("en", "Wildfire threatens Montserrat monastery near Barcelona", {"ES"}),
        # a central bank, not the Colombian town of El Banco
        ("es", "El Banco Central de Uruguay sube los tipos", {"UY"}),
    ],
)
def test_names_that_change_more_than_their_ending(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # an adjective in lower case is read before a name's case form ("amerikane")
        ("sq", "Ushtrime në Shqipëri me trupa italiane dhe amerikane", {"AL", "IT", "US"}),
        # a region's adjective with its lower-case noun, both inflected
        ("uk", "У Запорізькій області знеструмлено 30 населених пунктів", {"UA"}),
        # Albanian case endings and its fleeting ë
        ("sq", "Qeveria e Shqipërisë rrit pagat", {"AL"}),
        ("sq", "Shkodra nën ujë pas reshjeve", {"AL"}),
    ],
)
def test_albanian_and_region_forms(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # of the cities that bear a name as their own, the one the world knows best
        ("en", "Floods hit Valencia after record rain", {"ES"}),
        ("en", "Protesters clash with police in Alexandria", {"EG"}),
        ("es", "Valencia celebra el fin de las obras del puerto", {"ES"}),
        # a small US town's Russian transliteration is no reading of Женева
        ("ru", "Переговоры по Сирии продолжатся в Женеве", {"SY", "CH"}),
        # French for El Salvador, and Brazil's Salvador in Portuguese
        ("pt", "Chuva forte alaga ruas em Salvador", {"BR"}),
        ("fr", "Élections au Salvador : le président réélu", {"SV"}),
        # a title makes the next name a person's, unless that is a case form: the place the
        # title is of
        ("it", "Il premier Rama visita il porto di Tirana", {"AL"}),
        ("ru", "Мэр Одессы заявил о восстановлении света", {"UA"}),
        # nations of the United Kingdom, German adjectives of plural names, Arabic metonyms
        ("en", "Scottish ferries cancelled as gales return", {"GB"}),
        ("de", "Philippinische Fischer melden Zwischenfall", {"PH"}),
        ("ar", "واشنطن تفرض عقوبات جديدة", {"US"}),
        # a country's namesake town before another country's state: an address; two countries
        # with a comma between: a list
        ("en", "Peru, Indiana, residents told to boil water", {"US"}),
        ("pt", "Tempestade atinge França, Alemanha e Suíça", {"FR", "DE", "CH"}),
        # second-level subdivisions news names: French departments, Philippine provinces
        ("fr", "Dans le Gers, les éleveurs de canards en colère", {"FR"}),
        ("en", "Typhoon batters Cagayan province, thousands evacuated", {"PH"}),
        # a big city's three-letter stem, capitalised; a Russian republic without "republic"
        ("sr", "Udes autobusa kod Niša, ima povređenih", {"RS"}),
        ("ru", "Обстановка в Дагестане остаётся напряжённой", {"RU"}),
        # armed movements whose news is their country's (Hamas, not Hamm in Germany)
        ("en", "Hamas says talks will resume", {"PS"}),
        ("en", "Taliban ban women from universities", {"AF"}),
        # a town followed by its state is that state's, however famous its namesake
        ("en", "Paris, ME, residents asked to boil water", {"US"}),
        # a lower-case word read as an adjective where a town shares it
        ("pt", "Temporal alaga ruas no interior paulista", {"BR"}),
        # abbreviations of "Estados Unidos" in Portuguese and Spanish
        ("pt", "Secretário dos EUA visita Brasília", {"US", "BR"}),
        ("es", "EE.UU. anuncia nuevas sanciones", {"US"}),
        # the word after a name says it is a subdivision, not the country of that name
        ("en", "Bandits raid a village in Niger State", {"NG"}),
        ("en", "Iran State TV says talks will resume", {"IR"}),
        # a German town goes by its name less the river it stands on ("Hanau am Main")
        ("de", "Polizeieinsatz in Hanau nach Schüssen", {"DE"}),
        # a country with two demonyms keeps both ("Welsh" did not replace "British")
        ("en", "Energy prices rise again for British households", {"GB"}),
        # the famous of two cities that are both also a word
        ("en", "Film about the siege wins top prize at Venice", {"IT"}),
        # a possessive ends a person's name: the next capitalised word may be a place
        ("en", "Crowds gather outside Jordan Peterson's Sydney event", {"AU"}),
        # a region named by its city's adjective in a Slavic language written in Latin
        # letters: Košice's, not Nepal's Kosi zone
        ("sk", "Nehoda v Košickom kraji, dvaja zranení", {"SK"}),
        # an English demonym that other languages write as the country's name
        ("en", "Pirates seize a tanker off the Somali coast", {"SO"}),
        # German joins a direction to a name; South Tyrol is Italy's, not Austria's Tyrol
        ("de", "Angriffe in Nordsyrien, Alarm in Südisrael", {"SY", "IL"}),
        ("de", "Hochwasser in Niederbayern", {"DE"}),
        ("de", "Urlaub in Südtirol wird teurer", {"IT"}),
        # a name joined to a capitalised word that is no place: a brand or a double name
        ("en", "Mercedes-Benz recalls vans; Lauderdale-Smith to lead Israel-Gaza talks",
         {"IL", "PS"}),
        # the first part of a hyphenated name is no town of its own
        ("ru", "Землетрясение у берегов Камчатки: в Петропавловске-Камчатском повреждены здания",
         {"RU"}),
        ("en", "Kyrgyzstan and Tajikistan reopen the Kyzyl-Bel crossing", {"KG", "TJ"}),
        ("en", "A Kabul-based group and Moscow-Kyiv talks", {"AF", "RU", "UA"}),
        # a street, square or building named with a country's adjective or name
        ("sr", "Beograd: Makedonska ulica zatvorena za saobraćaj", {"RS"}),
        ("uk", "Удар по Одесі: на Французькому бульварі загинули двоє людей", {"UA"}),
        ("ru", "Пожар на складе у Варшавского шоссе в Москве", {"RU"}),
        ("de", "Japanisches Palais in Dresden öffnet wieder", {"DE"}),
        ("ar", "إغلاق جزئي لميدان لبنان بالمهندسين في الجيزة", {"EG"}),
        # border crossings: news of both sides
        ("uk", "Фермери заблокували пункт пропуску Ягодин — Дорогуськ", {"PL", "UA"}),
        ("en", "Estonia closes the Narva–Ivangorod crossing", {"EE", "RU"}),
        ("sr", "Jagodina: otvoren novi bazen", {"RS"}),
        # a place's name joined to a food's by a hyphen names the food
        ("de", "Dubai-Schokolade: Discounter in Köln ausverkauft", {"DE"}),
        ("de", "Ukraine-Krieg: Russland greift Kiew an", {"UA", "RU"}),
        # a capitalised adjective before a rare name is part of the name; not before an acronym
        ("sq", "Këngëtarja Shqipe Berisha fiton festivalin e këngës në Shkup", {"MK"}),
        ("uk", "Російські КАБи вдарили по Куп'янську", {"RU", "UA"}),
        # a Ukrainian name's case form after its apostrophe
        ("uk", "Удари по Слов'янську і Куп’янську", {"UA"}),
        # a hotel named after a place, with its name in quotes or not
        ("sr", "Hotel „Moskva” zatvoren zbog obnove fasade u Beogradu", {"RS"}),
        ("en", "The Hotel Moskva in Belgrade reopens", {"RS"}),
        # after a state's possessive, a country's name is a place of that state; not before
        # a word of the nation
        ("en", "Inmates riot at Louisiana's Angola prison", {"US"}),
        ("en", "Texas's Mexico border sees more crossings", {"US", "MX"}),
        # a town or municipality of that name, not the country
        ("pt", "Incêndio obriga a evacuar aldeia no concelho de Cuba, distrito de Beja", {"PT"}),
        ("en", "Flood in the town of Lebanon after the storm", set()),
        # names news shortens
        ("en", "Transport strike in Metro Manila", {"PH"}),
        ("en", "Bus plunges into gorge in Himachal's Kullu district", {"IN"}),
        # an Afghan "qala" (fort) is no Maltese council
        ("en", "Iran closes Islam Qala crossing with Herat", {"IR", "AF"}),
        ("en", "Taliban retake Musa Qala in Helmand", {"AF"}),
        # after a town and a comma, a name that is a province's and a city's is the province
        ("en", "US police said the bridge to St. Stephen, New Brunswick, would reopen",
         {"US", "CA"}),
        ("en", "A Maine man was held in Sussex, New Brunswick, on Monday", {"US", "CA"}),
        # but a list of nations stays one
        ("en", "Talks between Armenia, Georgia, and Azerbaijan resume", {"AM", "GE", "AZ"}),
    ],
)
def test_which_place_a_shared_name_means(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a short-stemmed adjective that is a common word: "пала" (fell) is no Palauan
        ("sr", "Влада пала након гласања"),
        # the month
        ("en", "Exports rose 14% in March"),
        ("en", "Brazil nut harvest falls short this year"),
        ("en", "Guinea pig cafe opens downtown"),
        # software named after a place
        ("en", "Jakarta EE 12 drops old Java APIs"),
        ("en", "Jakarta Persistence update fixes memory leak"),
        ("en", "New JVM makes Java faster on ARM chips"),
        # a dish, a fabric's pattern named after a place
        ("en", "Mongolian beef tops takeaway orders this year"),
        ("en", "Mongolian barbecue chain plans more outlets"),
        ("en", "Paisley prints dominate menswear shows"),
        ("en", "Paisley pattern shirts return to the catwalk"),
        ("en", "Cyclone gathers strength over the Indian Ocean"),
        # Christmas in Portuguese, not Brazil's Natal
        ("pt", "Vendas nas festas de Natal sobem 5%"),
        # a word in the text makes the name the ordinary word ([ambiguity.words])
        ("en", "Turkey prices climb ahead of Thanksgiving"),
    ],
)
def test_words_that_are_no_place(matcher: Matcher, language: str, text: str) -> None:
    assert countries(matcher, text, language) == frozenset()


def test_a_word_cue_yields_to_strong_evidence_of_the_place(matcher: Matcher) -> None:
    assert countries(matcher, "Floods in Turkey ruin poultry farms", "en") == {"TR"}


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # seas are regions of their own, not the coastal provinces named after them
        ("Tanker struck by a missile in the Red Sea", "red-sea"),
        ("Standoff between coast guards in the South China Sea", "south-china-sea"),
        ("Oil spill spreads across the Gulf of Mexico", "gulf-of-mexico"),
    ],
)
def test_seas(matcher: Matcher, text: str, region: str) -> None:
    found = matcher.match(text, language="en")
    assert region in found.regions and matcher.countries(found) == frozenset()


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a leader stands for the country, as "the Kremlin" does
        ("en", "Boric and Pashinyan sign a trade pact", {"CL", "AM"}),
        ("pt", "Lula recebe Ramaphosa no Palácio", {"BR", "ZA"}),
        # a full name wins over the country inside it
        ("en", "Bardella rallies supporters; Luís Montenegro replies", {"FR", "PT"}),
        # an airport is its country's
        ("en", "Fog grounds flights at Schiphol and Gatwick", {"NL", "GB"}),
        # an older name, read with case endings
        ("ru", "Делегация прибыла из Белоруссии", {"BY"}),
        # English demonyms the data lack, one of them French for the country
        ("en", "Saudi and Argentine ministers meet Serb leaders", {"SA", "AR", "RS"}),
        ("fr", "L'Argentine vote dimanche", {"AR"}),
    ],
)
def test_people_and_airports_that_place_a_story(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a first name, a particle, a surname: a person
        ("en", "Georgia van der Merwe wins the sprint final", set()),
        ("en", "Chad du Plessis signs a new contract", set()),
        # a province's name that many countries use says nothing alone
        ("it", "Roma, rapina alla stazione Centrale: fermato un uomo", {"IT"}),
        ("en", "Officials in the Eastern region ordered schools shut", set()),
        # Arabic "city of": Gaza City is no Medina
        ("ar", "غارات على مدينة خان يونس", {"PS"}),
    ],
)
def test_names_that_say_less_than_they_seem(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a city's name after a first name the gazetteer lists is the surname
        ("en", "Austin Butler and Jordan Henderson join the charity match", set()),
        # a word that names a thing in the place ends no person's name
        ("en", "Record field for the Chicago Marathon", {"US"}),
        # a demonym before an actor says whose it is
        ("en", "Pakistani Taliban fighters cross the border", {"PK"}),
        # a case form after a capitalised noun is that noun's complement, not a surname
        ("uk", "Звільнення Херсона стало переломом", {"UA"}),
        # leaders as Ukrainian and Albanian spell and inflect them
        ("uk", "Переговори з Ердоганом та Путіним", {"TR", "RU"}),
        ("sq", "Kurti akuzon Vuçiqin për tensionet", {"XK", "RS"}),
        # Albanian adjectives no name yields, and masculine ones without an ending
        ("sq", "Ushtria shqiptare dhe policia greke në stërvitje", {"AL", "GR"}),
        ("sq", "Ambasadori amerikan takon ministrin britanik", {"US", "GB"}),
    ],
)
def test_names_beside_names(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # regions news names in English that the data give only in their own language
        ("Wildfires spread across Attica and the Peloponnese", {"GR"}),
        ("Floods in North Rhine-Westphalia and Carinthia", {"DE", "AT"}),
        ("Sandstorm hits Inner Mongolia", {"CN"}),
        ("Militias clash in Cyrenaica; curfew in Nineveh", {"LY", "IQ"}),
        ("Wine harvest begins in Tuscany", {"IT"}),
        # a department named like its well-known city is no generic name
        ("Protesters march in La Paz", {"BO"}),
        # a lake or a crossing on a border is news of both sides
        ("Ferry sinks on Lake Kivu", {"CD", "RW"}),
        ("Trucks queue at Torkham after the crossing reopens", {"PK", "AF"}),
        # the Americas' highway is no American story
        ("Truckers block the Pan-American Highway in Ecuador", {"EC"}),
        # a club's name is no town
        ("Winger completes move to Ajax", set()),
    ],
)
def test_regions_by_their_english_names(matcher: Matcher, text: str, expected: set[str]) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # an article in lower case is the sentence's, not the start of a name ("La Guardia")
        ("es", "Llegan soldados de la Guardia Civil a Ceuta", {"ES"}),
        # a demonym after a name, where adjectives follow nouns, says whose the name is
        ("ar", "حاكم ولاية جورجيا الأمريكية يعلن الطوارئ", {"US"}),
        ("es", "Tormentas en Georgia estadounidense", {"US"}),
        ("fr", "La Crimée russe et la Syrie", {"UA", "RU", "SY"}),
        # a case form is no English word, whatever the name means in English
        ("hr", "Nevrijeme u Splitu, poplavljene ulice", {"HR"}),
    ],
)
def test_forms_that_settle_a_name(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a locative softens the consonant of a name in -ha, -ka, -ga
        ("cs", "Střelba v Praze, policie uzavřela ulice", {"CZ"}),
        ("pl", "Szczyt w Pradze bez przełomu", {"CZ"}),
        ("hr", "Poplave u Rijeci, zatvorene ceste", {"HR"}),
        # a name that is an adjective takes -ej, -oj in the locative
        ("sk", "Nehoda v Handlovej, cesta je uzavretá", {"SK"}),
        ("sr", "Napad na patrolu u Banjskoj", {"XK"}),
        # a word for the nation takes every case ending, however long
        ("cs", "Česko vyhostilo ruského diplomata", {"CZ", "RU"}),
        # a country's name in lower case is a word, not its adjective; a city's adjective
        # and a word for the nation keep theirs
        ("es", "Sube el precio del chile y del tomate", set()),
        ("pt", "Chuvas deixam mortos no litoral paulista", {"BR"}),
        ("pl", "Polska policja zatrzymała kierowcę, a polska armia ćwiczy", {"PL"}),
    ],
)
def test_slavic_case_forms_and_lower_case_names(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # islands and coasts news names on their own
        ("en", "Wildfire on Maui forces evacuations", {"US"}),
        ("en", "Ferry to Hvar cancelled as storm nears", {"HR"}),
        ("en", "Tourists evacuated from Mykonos beaches", {"GR"}),
        # a parliament's generic name is no country's: Madagascar's Assemblée nationale
        ("fr", "Madagascar : le président dissout l'Assemblée nationale", {"MG"}),
    ],
)
def test_islands_and_generic_institutions(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # English names an event by its place: "the Nice attack"
        ("en", "Nice attack survivors watch the verdict", {"FR"}),
        ("en", "Nice weather expected for the weekend", set()),
        # a title and a demonym before a name make it the titled person's
        ("it", "Il premier albanese Rama in visita a Roma", {"AL", "IT"}),
        ("it", "Il sindaco di Roma incontra i commercianti", {"IT"}),
        # dishes in other languages are no country; Christmas in Portuguese no city
        ("sr", "Kako se pravi prava turska kafa", set()),
        ("pl", "Jak zrobić kawę po turecku", set()),
        ("pt", "O peru de Natal ficou mais caro este ano", set()),
        # a district named after China, a town named like a US city in a Canadian story
        ("ru", "Пожар в Китай-городе, эвакуированы посетители", {"RU"}),
        ("fr", "Canada : des feux de forêt forcent l'évacuation de Jasper", {"CA"}),
    ],
)
def test_events_titles_dishes_and_districts(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what only a place has, after its name
        ("Nice mayor bans short-term rentals", {"FR"}),
        ("Reading station closed after a bomb scare", {"GB"}),
        # a dateline's town and country, though the town is named like a country; a list
        # of countries stays a list
        ("Armenia, Colombia: flood kills five", {"CO"}),
        ("Landslide cuts the road out of Armenia, Colombia; two hurt", {"CO"}),
        ("Armenia, Colombia marks 1999 earthquake anniversary with a drill", {"CO"}),
        # AP's comma after the country goes on to no capitalised word: no list
        ("Flights to Liberia, Costa Rica, were delayed by a strike", {"CR"}),
        ("Armenia, Colombia, was shaken by a quake", {"CO"}),
        ("Armenia, Azerbaijan sign peace deal", {"AM", "AZ"}),
        # a name that is the whole of a quotation is a title; a possessive's apostrophe is
        # no closing quote
        ("A restored print of 'Casablanca' opens the festival in Venice", {"IT"}),
        ("Pakistan hands over dossier on ‘India’s interference’", {"PK", "IN"}),
        # a place's name opening a quoted title in capitals, the sentence going on in lower
        # case; a demonym opening a nickname is its nation's
        ("Netflix's 'Kabul Nights' tops streaming charts in Brazil", {"BR"}),
        ("'Georgia on Fire' singer adds three Berlin dates to tour", {"DE"}),
        # a title, a name and a second name: a stage name; the word for a ship, then its name
        ("Le rappeur Congo Bleu remplit le Zénith de Lille", {"FR"}),
        ("Missile hits tanker Star Iceland off Hodeidah", {"YE"}),
        ("Missile hits bulk carrier 'Star Iceland' off Hodeidah", {"YE"}),
        ("'Ethiopian Spice Girls' lose their funding", {"ET"}),
        # AP's state abbreviations; a name placed once is that place when said again
        ("Teachers in Lebanon, Pa., strike over pay", {"US"}),
        ("Flood in Lebanon, Pennsylvania; Lebanon County officials said", {"US"}),
        # … and where it was said before: the headline's "Paris" is the body's Paris, Texas
        ("Paris council renames a plaza. The council in Paris, Texas, voted 5-2", {"US"}),
        # a town of the state the gazetteer does not know, wherever it is said; a Canadian
        # province's AP abbreviation
        ("Wildfire near Belgrade, Mont., forces evacuations north of Belgrade", {"US"}),
        ("Bus drivers in London, Ont., walk off the job", {"CA"}),
        # a US state the text places a name in makes it that state's town, wherever it is said;
        # a state named elsewhere proves nothing
        ("Moscow man arrested over threats. Moscow police in Idaho said he was held", {"US"}),
        ("Gunman kills two at Lima council meeting. Police in the Ohio city said", {"US"}),
        # a US school district is a town's ("the Ohio district")
        ("Bus drivers walk out in Lima; the Ohio district cancelled classes", {"US"}),
        ("Senators from Idaho criticised Moscow over the strikes", {"US", "RU"}),
        # … and any region before the word for a town: its country's town of that name
        ("Marina in Lagos gets go-ahead. Officials approved berths in the Algarve town",
         {"PT"}),
        # a little-known town of a third country, after a preposition, in a text placed in
        # another country twice
        ("Mali: jihadists ambush a convoy near Léré. It was travelling from Niono", {"ML"}),
        # a village before its word is no big city of that name; a region before it keeps its
        ("Armed men raided Kuchi village in Nigeria's Niger State", {"NG"}),
        ("Air strike kills 17 in a Sagaing village", {"MM"}),
        # an acronym is no town of that name ("Un", India)
        ("Israel cuts $6 million in UN funding", {"IL"}),
        # a little-known town of a third country in a text two mentions place elsewhere
        ("GOP Virginia Rep. says the win in Virginia was a referendum on Trump, whatever "
         "Democrat Ralph Northam’s big win owed to the suburbs", {"US"}),
        # a name said twice is no evidence for its own reading: the sea, not Sudan's state
        ("Houthis say they hit a ship in the Red Sea. Shipping in the Red Sea has slowed",
         {"YE"}),
        ("Georgia, Armenia: talks resume", {"GE", "AM"}),
        ("Leaders of Armenia, Colombia and Peru meet", {"AM", "CO", "PE"}),
        ("Leaders of Armenia, Colombia, and Peru meet", {"AM", "CO", "PE"}),
        ("Leaders of Armenia, Colombia, Peru and Chile meet", {"AM", "CO", "PE", "CL"}),
        # a listed first name before a surname is a person's
        ("Brooklyn Beckham cooks up a new show", set()),
        ("Shooting in Brooklyn leaves two hurt", {"US"}),
        # foods and a programming language
        ("Lima beans recall expands to 12 states", set()),
        ("Java update patches critical flaw", set()),
        ("Earthquake shakes Java, buildings damaged", {"ID"}),
    ],
)
def test_place_words_datelines_first_names(matcher: Matcher, text: str, expected: set[str]) -> None:
    assert countries(matcher, text, "en") == expected


def test_a_first_name_that_is_a_city_in_spanish(matcher: Matcher) -> None:
    assert countries(matcher, "Salvador Illa gana las elecciones en Cataluña", "es") == {"ES"}
    assert countries(matcher, "Chuvas alagam ruas de Salvador", "pt") == {"BR"}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # institutions named by a country that is also a first name
        ("en", "Kenya Airways resumes flights to Mogadishu", {"KE", "SO"}),
        ("en", "India Gate lit up for Independence Day", {"IN"}),
        # a Bosnian Serb is a Serb of Bosnia
        ("en", "Bosnian Serb leader defies court ruling", {"BA"}),
        # Polish regions by their own names, in the locative
        ("pl", "Trąba powietrzna w Wielkopolsce, zerwane dachy", {"PL"}),
        ("pl", "Powódź na Podkarpaciu", {"PL"}),
    ],
)
def test_institutions_compound_demonyms_and_regions(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a town under the cities' size counts in its country's language, inflected too
        ("pt", "Incêndio florestal em Águeda obriga à evacuação de aldeias", {"PT"}),
        ("hr", "Potres pogodio Petrinju, oštećene kuće", {"HR"}),
        ("fr", "Louveciennes : un garçon mortellement fauché", {"FR"}),
        # and not in another language, where its name is more often something else (Opera
        # is a town near Milan) or would hide a bigger place's case form (Nisa, Portugal)
        ("en", "Opera House reopens after renovation", set()),
        ("sr", "Najmanje pet mrtvih u sudaru kod Niša", {"RS"}),
    ],
)
def test_towns_in_their_own_language(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an English adjective the data lack; the Serbs of Kosovo; a militia named like a town
        ("Coast guard fires water cannon at Philippine vessels", {"PH"}),
        ("Kosovo Serbs block roads with trucks in the north", {"XK"}),
        ("Forces and Fano militia clash in Amhara", {"ET"}),
    ],
)
def test_adjectives_and_actors(matcher: Matcher, text: str, expected: set[str]) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a listed name beside a word as common in English as in German is a person's
        ("Michael Jordan versteigert Trikot für zehn Millionen Dollar", set()),
        ("Paris Hilton zu Gast in München", {"DE"}),
        # a German noun beside it is not, nor does a listed name need a neighbour
        ("Jordan schließt Grenze zu Syrien", {"JO", "SY"}),
        ("Streik in Paris: Metro steht still", {"FR"}),
    ],
)
def test_people_in_german(matcher: Matcher, text: str, expected: set[str]) -> None:
    assert countries(matcher, text, "de") == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # German's genitive of a country or a big place
        ("de", "Stromausfall in Teilen Berlins nach Brandanschlag", {"DE"}),
        ("de", "Mais wird teurer", set()),
        # a plural name, adjective and noun both in the locative
        ("sk", "Zrážka vlakov pri Nových Zámkoch", {"SK"}),
    ],
)
def test_genitives_and_plural_names(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # words the gazetteer also knows, in lower case, are a headline's ordinary words: the
        # headline is in sentence case and "Jamaica" mid-sentence is the island
        ("en", "Forecasters say hurricane could hit Jamaica as a Category 3 by Friday", {"JM"}),
        # a business named after a place
        ("en", "Retailer Iceland posts record Christmas sales in Leeds", {"GB"}),
        ("en", "Discount chain Iceland opens a store in Cork", {"IE"}),
        # a Slavic surname after a name makes the name a first name; a demonym before one is
        # the person's nationality
        ("pl", "Kuba Wojciechowski strzelił gola w Krakowie", {"PL"}),
        ("en", "Polish Hurkacz beats Norwegian Ruud in the final", {"PL", "NO"}),
        # "Niger state" in lower case is Nigeria's state, as "Niger State" would say
        ("en", "Gunmen kill 12 in Niger state, governor says", {"NG"}),
        # dishes and plants named after a country they are not about
        ("en", "Japanese knotweed found behind a school in Leeds", {"GB"}),
        ("es", "Una montaña rusa se detiene en Benidorm", {"ES"}),
        ("sq", "Zjarr në Mali i Robit pranë Durrësit", {"AL"}),
        # a city's name inside a longer name the gazetteer does not know: the river Kalu
        # Ganga is no Ganja in Azerbaijan
        ("en", "Floods in Sri Lanka's south as the Kalu Ganga bursts its banks", {"LK"}),
        # an accent that none of a sense's spellings has: another name ("Inđija" is a Serbian
        # town, not "Indija", India; Czech "Jordán" is a river or a reservoir, not Jordan)
        ("sr", "Inđija: požar u fabrici, povređena dva radnika", {"RS"}),
        ("cs", "Jordán v Táboře se vypustí kvůli opravě hráze", {"CZ"}),
        # a lower-case word inside a capitalised name of several words ends the name
        ("en", "Sunny weekend brings crowds to Brighton beach", {"GB"}),
        ("sk", "Požiar v pohorí Čierna hora pri Košiciach", {"SK"}),
        # but not an adjective the Romance languages write in lower case
        ("fr", "Haïti ferme sa frontière avec la République dominicaine", {"HT", "DO"}),
        # German names squares and streets after cities; a Turkish bath, a Swedish buffet
        ("de", "Tausende demonstrieren am Pariser Platz in Berlin", {"DE"}),
        ("it", "Chiuso il bagno turco della piscina di Bergamo", {"IT"}),
        ("hr", "Poreč: gosti otrovani hranom sa švedskog stola", {"HR"}),
        ("en", "Guinea worm cases fall to a record low in Chad", {"TD"}),
        # after another country's possessive, a little-known town of elsewhere is that
        # country's person; a well-known city stays a city
        ("en", "Greece's Mitsotakis meets Albania's Rama in Athens", {"GR", "AL"}),
        ("en", "Ukraine's Kursk incursion enters its second week", {"UA", "RU"}),
        # a place's name before "Canal", "Lake", "Strait"… is the place, not a person's
        ("en", "Panama Canal authority warns of draught limits", {"PA"}),
        # Greece's Macedonia, Belgium's Luxembourg; Portuguese turkey, Croatian cinemas, a
        # Spanish pebble in the shoe
        ("en", "Floods in Greece's Central Macedonia cut roads near Thessaloniki", {"GR"}),
        ("en", "Storm hits Belgium's Luxembourg province", {"BE"}),
        ("pt", "Peru recheado: a receita para a ceia de Natal", set()),
        ("hr", "Kina u Splitu prikazuju novi film", {"HR"}),
        ("es", "Una china en el zapato del Gobierno", set()),
        ("en", "Peru declares a state of emergency in Lima", {"PE"}),
        # Slavic adjectives of big cities name their countries; idioms with a nation's
        # adjective do not (a Ferris wheel, gibberish, a dish, "seems fishy")
        ("pl", "Strajk ostrzegawczy w krakowskim MPK", {"PL"}),
        ("sk", "Nehoda na bratislavskom obchvate", {"SK"}),
        ("ru", "Пожар на московском рынке", {"RU"}),
        ("cs", "Výpadek v pražském metru", {"CZ"}),
        ("hr", "Nesreća na zagrebačkoj obilaznici", {"HR"}),
        ("cs", "Na ruském kole v Brně uvízlo 20 lidí", {"CZ"}),
        ("ru", "«Китайская грамота»: жители Самары жалуются на квитанции", {"RU"}),
        ("de", "Das kommt mir spanisch vor: Rechnungshof rügt Bauprojekt in Chemnitz", {"DE"}),
        # a Spanish surname makes the country's name before it a first name
        ("es", "Francia Márquez encabeza una marcha en Quibdó", {"CO"}),
        ("hr", "Kipar iz Samobora izradio spomenik", {"HR"}),
        # "Dane" is Polish for data; English "a Dane" is still one
        ("pl", "Dane GUS pokazują spadek inflacji w Polsce", {"PL"}),
        ("en", "A Dane was killed in a shooting in Oslo", {"DK", "NO"}),
        # the franc is a currency, not France's adjective
        ("fr", "Cameroun : une rançon de 5 millions de francs CFA réclamée", {"CM"}),
        # a two-word name in Serbian Cyrillic's genitive
        ("sr", "Протест испред Скупштине града Новог Сада", {"RS"}),
    ],
)
def test_what_the_words_around_a_name_say(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


def test_a_little_known_city_of_a_country_nothing_else_names(matcher: Matcher) -> None:
    # "Wadi" is also a small town in India; beside Syria's places it is a word of the text
    text = "Syrian rebels say Wadi fighters near Damascus were shelled"
    assert countries(matcher, text, "en") == {"SY"}
    # a well-known city keeps its place beside another country ("Algeria … Paris")
    assert countries(matcher, "Algeria recalls its ambassador from Paris", "en") == {"DZ", "FR"}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Albanian declines a name too short to leave a stem: the name it declines, whole
        ("sq", "Tërmet me magnitudë 7,4 godet Perunë", {"PE"}),
        ("sq", "Shqipëria i bashkohet sanksioneve ndaj Rusisë", {"AL", "RU"}),
        ("sq", "Delegacioni i Kinës mbërriti në Tiranë", {"CN", "AL"}),
        ("sq", "Kryeministri i Indisë dhe presidenti i Kilit", {"IN", "CL"}),
        ("sq", "Marrëveshje me qeverinë e Kanadasë", {"CA"}),
        # but not a big city's name that a word declines: "Punët" is "the affairs", not Pune
        ("sq", "Ministria për Evropën dhe Punët e Jashtme në Tiranë", {"AL"}),
        # Montenegro's Albanian name declines its first word, which alone is a Philippine city
        ("sq", "Kufiri me Malin e Zi u mbyll", {"ME"}),
        # Arabic's plurals and duals of a nation's adjective: the singular the tables list
        ("ar", "إصابة جنديين أردنيين في اشتباك مع مهربين", {"JO"}),
        ("ar", "عودة لاجئين سوريين من لبنان", {"SY", "LB"}),
        # and they settle Amman, which Arabic spells as Oman
        ("ar", "عمان: إصابة جنديين أردنيين على الحدود مع سوريا", {"JO", "SY"}),
        # Ukrainian and Russian name Russia's border oblasts by their cities
        ("uk", "Загроза балістичних ракет із Брянщини", {"RU"}),
        ("ru", "Беспилотники атаковали Белгородчину", {"RU"}),
    ],
)
def test_declined_names_and_plural_adjectives(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Ukrainian's oblique cases of a region named by its city's adjective, before the word
        # for the oblast's council ("облради") as before "області"
        ("uk", "Депутат Житомирської облради пропонує перейменувати три вулиці", {"UA"}),
        ("uk", "Сесію Полтавської облради перенесли", {"UA"}),
        ("uk", "Конфлікт із Вінницькою облрадою триває", {"UA"}),
        # a railway terminus named after where its trains go is the station's city's
        ("ru", "Реконструкцию Киевского вокзала в Москве завершат в 2027 году", {"RU"}),
        ("ru", "На Белорусском вокзале задержали мужчину", set()),
        # "Congo" alone in the other languages is the larger DR Congo, as in English; German's
        # name of it in its cases
        ("de", "Kämpfe im Kongo gehen weiter", {"CD"}),
        ("ru", "Бои в Конго продолжаются", {"CD"}),
        ("de", "Angriff im Osten der Demokratischen Republik Kongo", {"CD"}),
        ("fr", "Manifestation à Brazzaville, au Congo", {"CG"}),
        # the uplands German calls a Switzerland of a German land are Germany's
        ("de", "Waldbrand in der Sächsischen Schweiz", {"DE"}),
        ("de", "Wanderer in der Böhmischen Schweiz vermisst", {"CZ"}),
        # a national league's abbreviation names its country
        ("uk", "«Олександрія» обіграла «Шахтар» у матчі УПЛ", {"UA"}),
        # a nation's word that is a food in its text: the words of the food say so
        ("de", "Leipziger Bäckerei verkauft zum Stadtfest 10.000 Amerikaner", {"DE"}),
        ("de", "Amerikaner protestieren in Leipzig", {"US", "DE"}),
        ("it", "Il marocchino, caffè con cacao, nato ad Alessandria", {"IT"}),
        ("it", "Una gelateria di Napoli lancia il gusto macedonia", {"IT"}),
        ("es", "El granizo arrasa la cosecha de paraguayo y nectarina en Lleida", {"ES"}),
        ("es", "El presidente paraguayo visita Madrid", {"PY", "ES"}),
        # a club named after a nation, by its league: no Venezuelan state, no Portugal
        ("pt", "Portuguesa vence o Santos no Canindé e sobe no Paulistão", {"BR"}),
        ("pt", "Inundações no estado de Portuguesa, na Venezuela", {"VE"}),
        # a word for a nation is a demonym, English's too where the data have none
        # ("Kosovar+"): written with a capital before a rare name, the name's first word
        ("sq", "Kosovare Asllani në listën e Suedisë për ndeshjet e qershorit", {"SE"}),
        ("sq", "Policia kosovare arreston dy persona", {"XK"}),
        ("en", "A Kosovar official said the talks had failed", {"XK"}),
        ("en", "Kosovans vote today", {"XK"}),
        # the Balkan Egyptians, a community of Albania and Kosovo, named as a community
        ("sq", "Komuniteti egjiptian në Korçë proteston kundër dëbimeve", {"AL"}),
        ("sq", "Qeveria egjiptiane mbyll kufirin me Gazën", {"EG", "PS"}),
        # Italian's fare dodger, where the text inspects tickets
        ("it", "Controllo sui tram di Milano: multati 300 portoghesi senza biglietto", {"IT"}),
        ("it", "Il governo portoghese approva il bilancio", {"PT"}),
        # Brazil's state by its short name; Uruguay's town where the text places it
        ("pt", "Obra de ferrovia em Minas atrasa dois anos", {"BR"}),
        ("es", "Un choque en Minas, Uruguay, deja dos muertos", {"UY"}),
        # an oblast centre's adjective names Ukraine, as Kyiv's and Kharkiv's do
        ("uk", "Тренер Олег Поляк очолив полтавську «Ворсклу»", {"UA"}),
        ("ru", "Житомирские депутаты проголосовали", {"UA"}),
        # a village named after its people, not their nation, in its cases
        ("sr", "Мештани Руског Крстура блокирали пут", {"RS"}),
        ("sr", "Protest u Ruskom Krsturu", {"RS"}),
    ],
)
def test_case_forms_stations_and_foods_named_after_places(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a region named by a compass point is one of many countries': the text's country's
        ("en", "Roof collapses in Kasama / Zambia's ministry inspects schools in Northern "
         "Province.", {"ZM"}),
        ("en", "Fishermen missing off Elmina / Ghanaian crews search, the Central Region office "
         "said.", {"GH"}),
        # alone, or with its own country named, it is still the one the data know
        ("en", "Floods in Northern Province of Sri Lanka", {"LK"}),
        # Ukrainian's locative turns a name's last г to з
        ("uk", "Бійка українських уболівальників з поліцією в Гамбурзі", {"DE", "UA"}),
        # a hyphenated name after a prefix that names nothing alone: Ust-Kut, not Iraq's Kut
        ("ru", "В Усть-Куте введён режим чрезвычайной ситуации", {"RU"}),
        # a town's name in apposition with the word for a municipality is that town
        ("es", "Combates en el Cauca / en zona rural de Argelia, municipio del sur del "
         "departamento.", {"CO"}),
        # compound adjectives of nationality ("cabo-verdiana", "sud-coréen")
        ("pt", "A Proteção Civil cabo-verdiana emite alerta vermelho", {"CV"}),
        ("pt", "Entre as vítimas estão dois sul-africanos", {"ZA"}),
        ("fr", "Les autorités nord-coréennes ont tiré un missile", {"KP"}),
        # "Golfo" is the Gulf, not Papua New Guinea's Gulf Province
        ("it", "Evacuazione a Naples, in Florida, sulla costa del Golfo", {"US"}),
    ],
)
def test_regions_by_compass_hyphens_and_appositions(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a title in quotes of its own is a film's or a book's
        ("en", "'Madagascar 4' tops Chinese box office in opening weekend", {"CN"}),
        ("fr", "« Casablanca » ressort en version restaurée au festival de Lyon", {"FR"}),
        # but a demonym in quotes is the nation's, and a possessive ends no quote
        ("en", 'With his help, the "Chinese Century" may arrive sooner', {"CN"}),
        ("en", "Pakistan hands over dossier on ‘India’s interference’ to UN chief", {"PK", "IN"}),
        # a club's name, a chain's, a restaurant's
        ("en", "Bus carrying Barcelona SC fans plunges into ravine near Guayaquil", {"EC"}),
        ("en", "Shoppers evacuated from Iceland supermarket in Swansea", {"GB"}),
        # an actor's role named after a place
        ("en", "Pedro Alonso returns as Berlin in a series shot in Seville", {"ES"}),
        ("en", "Local actor cast as Dublin in a comedy filmed in Cardiff", {"GB"}),
        # but "as" may be a conjunction: the star of a match
        ("en", "Rahane stars as India beat Australia in Perth", {"IN", "AU"}),
        # a ground or a station named after a town, in another place
        ("en", "Fans hurt in crush at Toronto Stadium in Accra", {"GH"}),
        ("en", "Police clash with dealers near Stalingrad metro in Paris", {"FR"}),
        # a mountain range named after a place
        ("en", "Hiker found alive in Colorado's San Juan Mountains", {"US"}),
        ("en", "Wildfire spreads through the Santa Lucia Range near Big Sur", set()),
        # racehorses that head a race's field
        ("en", "Luxembourg and Japan head Irish Champion Stakes field in Dublin", {"IE"}),
        ("en", "Kenya tops the betting for the 2,000 Guineas in Dublin", {"IE"}),
        # a band's player: the band is named after the town
        ("en", "Nazareth guitarist's Les Paul sold at Glasgow auction", {"GB"}),
        ("en", "Former Kansas drummer hurt in crash near Lyon", {"FR"}),
        ("en", "Beirut announce spring tour with a date in Toronto", {"CA"}),
        ("en", "Chicago cancels European tour after singer falls ill in Madrid", {"ES"}),
        ("fr", "Incendie au restaurant Le Liban à Montréal : deux blessés", {"CA"}),
        # a campsite's, an inn's, a pub's; Italian's "a" after such a word is "in"
        ("fr", "Orages : le camping Le Mexique évacué près d'Avignon", {"FR"}),
        ("pt", "Incêndio destrói a pousada Angola em Paraty", {"BR"}),
        ("en", "Fight outside the pub Ireland leaves two hurt in Leeds", {"GB"}),
        ("it", "Rissa davanti a un locale a Milano, due feriti", {"IT"}),
        # but a country's abbreviation before the word is the country's
        ("en", "Brussels sprouts shortage hits UK supermarkets before Christmas", {"GB"}),
        # a word for a subdivision before its name is the word, though an old exonym spells
        # it ("Kanton", Guangzhou); alone it is still the city
        ("de", "Unwetter im Kanton Bern: Keller überflutet", {"CH"}),
        ("de", "Lawine im Kanton Wallis verschüttet Skifahrer", {"CH"}),
        ("de", "Die Messe in Kanton zieht Einkäufer an", {"CN"}),
        # Fribourg by its German name, which "Freiburg" alone is not
        ("de", "Krawalle nach dem Spiel in Freiburg im Üechtland", {"CH"}),
    ],
)
def test_names_of_things_named_after_places(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Brussels for the European Union's institutions, not for Belgium
        ("en", "Brussels threatens Budapest with fresh freeze of EU funds", {"HU"}),
        ("en", "Farmers blockade Brussels with tractors as EU ministers meet", {"BE"}),
        # Indonesia's islands, which Uruguay's department shares a name with
        ("en", "Indonesia's Mount Lewotobi erupts again; villagers evacuated on Flores", {"ID"}),
        # Amman's council and "the capital": the Jordanian city Arabic spells as Oman
        ("ar", "أمانة عمان تغلق شارع الجاردنز أسبوعين", {"JO"}),
        ("ar", "السلطان هيثم يزور عمان", {"OM"}),
        # a town the gazetteer does not know, placed by its state's full name
        ("de", "Brand in Papierfabrik in Berlin, New Hampshire: Feuerwehr evakuiert", {"US"}),
        ("en", "Flights from Berlin, New York and Paris cancelled", {"DE", "US", "FR"}),
        ("en", "Flights from Berlin, New York, Paris cancelled", {"DE", "US", "FR"}),
        ("en", "Ohio River at Cairo, Illinois, expected to crest near 54 feet", {"US"}),
        # the peace agreement is named after the Ohio city, not about it
        ("en", "Banja Luka called the ruling an attack on the Dayton agreement", {"BA"}),
        # a country's name after a common first name, or after a title, is a person's
        ("pt", "Renato Portugal é demitido do Vasco após derrota no Maracanã", {"BR"}),
        ("fr", "L'humoriste Maurice Dufresne remplit la salle à Lyon", {"FR"}),
        ("fr", "L'île Maurice frappée par un cyclone", {"MU"}),
        ("en", "Denmark Vesey statue unveiled in Charleston", {"US"}),
        # a comma ends a name: the country after it is no surname
        ("en", "Workers at Escondida, Chile's biggest copper mine, go on strike", {"CL"}),
        # a word the Romance languages cut before an apostrophe is no name: "Trent'anni"
        ("it", "Trent'anni dal genocidio in Ruanda: Kigali ricorda le vittime", {"RW"}),
        # a park or a street named after a person, in a Slavic case after its noun
        ("uk", "У Чернівцях пройшов мітинг проти забудови парку Шевченка", {"UA"}),
        # the Croatian-Serbian motorway crossing, either side's name, in the genitive too
        ("sr", "Хрватска полиција затворила прелаз Бајаково, колоне камиона код Батроваца",
         {"HR", "RS"}),
        # a feminine two-word name in Serbian Cyrillic's genitive; French's short name for
        # the Central African Republic; an honorific before a name like a country's
        ("sr", "Пала Влада Црне Горе након изгласаног неповерења", {"ME"}),
        ("fr", "Le Cameroun ferme sa frontière avec la Centrafrique", {"CM", "CF"}),
        ("es", "Doña Argentina Rojas, de 101 años, vota por primera vez en Asunción", {"PY"}),
        # Arabic's torrents are no Seoul where the text speaks of rain; Seoul otherwise
        ("ar", "الأرصاد السعودية تحذر من سيول في جدة", {"SA"}),
        ("ar", "الرئيس الكوري يعود إلى سيول", {"KR"}),
        # a township's name is no big city's ("Kani township", not Kani in Japan)
        ("en", "Airstrike in Sagaing Region hits a monastery in Kani township", {"MM"}),
        # a street named with a nation's adjective, in Serbian's locative
        ("sr", "Пожар у стамбеној згради у Македонској улици у Београду", {"RS"}),
    ],
)
def test_metonyms_islands_and_streets(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


# Read off the held-out batches of session 17 (docs/MATCHING.md, Figures): each case a kind of
# evidence, in the language its text is in.
@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a name said twice is one piece of evidence: the second "Toledo" cannot make Spain's
        # Toledo outweigh Ohio's
        ("en", "Toledo bus drivers walk out; the Toledo transit authority said routes across Ohio "
         "would be cut.", {"US"}),
        ("en", "Valencia residents queue for water as the Valencia utility blames the drought in "
         "Carabobo.", {"VE"}),
        # said twice with nothing else, the name keeps its usual reading
        ("en", "Toledo cathedral reopens; Toledo's mayor thanks the restorers.", {"ES"}),
        # a country's name said again is what the text is about: Benin, not Benin City
        ("en", "Benin votes on Sunday; Benin's neighbour Nigeria sends observers.", {"BJ", "NG"}),
        # an apposition that says what the name is: an animal, a ship, a band, all through
        # the text
        ("en", "Zoo mourns Congo, the silverback gorilla; Congo was 41.", set()),
        ("en", "Keepers say Chile, the old racehorse, is thriving at the farm in Kildare.",
         {"IE"}),
        ("en", "Norway, the band's home, gave them a welcome.", {"NO"}),
        # a nation's adjective beside a word for a school names the school abroad
        ("en", "Students at the American University of Beirut protest fee rises", {"LB"}),
        ("sq", "Studentët e Universitetit Amerikan të Kosovës protestojnë", {"XK"}),
        ("fr", "Le lycée français de Rabat ferme ses portes", {"MA"}),
        ("en", "American students protest fee rises", {"US"}),
        # "Little Italy", "le Petit Cambodge": a quarter or a restaurant named after it
        ("en", "Little Haiti residents fight rent rises in Miami", {"US"}),
        ("fr", "Le Petit Liban ferme après l'incendie", set()),
        # Arabic "قطر" before a number is a diameter, not Qatar; before a year it is Qatar
        ("ar", "انهيار أرضي بقطر عشرة أمتار في شارع بالقاهرة", {"EG"}),
        ("ar", "أنبوب مياه بقطر 40 بوصة ينفجر", set()),
        ("ar", "ذكريات كأس العالم قطر 2022", {"QA"}),
        # a company named after a country; a grape named like a capital
        ("en", "Iceland Foods shares fall in London", {"GB"}),
        ("en", "Frost hits the Muscat vineyards around Montpellier", {"FR"}),
        # the weather, not Saudi Arabia's province
        ("en", "Hail damages cars across Denver", {"US"}),
        # the vegetables: a swede, a green chile
        ("en", "Swede and turnip growers in Lincolnshire warn of a poor harvest", {"GB"}),
        ("en", "A Swede was arrested in Oslo", {"SE", "NO"}),
        ("en", "Green chile roasting season opens in Albuquerque", {"US"}),
        # a nisba after a common Arabic first name is a surname, wherever it is said
        ("ar", "الكاتب الأردني خالد المصري يوقع روايته الجديدة في عمّان", {"JO"}),
        ("ar", "قال محمد إن الجيش السوداني تقدم", {"SD"}),
        # a quarter named after a place
        ("es", "Balacera en la colonia Roma deja cuatro muertos", set()),
        ("es", "Incendio en el barrio de Monserrat, en Buenos Aires", {"AR"}),
        # the Kremlin in other languages; "like a Swiss watch"
        ("it", "Il Cremlino minaccia ritorsioni", {"RU"}),
        ("sr", "Ministar: radovi teku kao švajcarski sat", set()),
        # an address with its preposition, as "X, Y" is one
        ("fr", "Un ouragan touche terre près de Saint-Pétersbourg, en Floride", {"US"}),
        ("en", "Floods hit Paris, in Texas, overnight", {"US"}),
        ("fr", "Manifestation à Moscou, en Russie", {"RU"}),
        # a Brazilian town and its state's abbreviation
        ("pt", "Chuva forte em Macau (RN) desaloja 300 famílias", {"BR"}),
        ("pt", "Ciclone atinge Macau e Hong Kong", {"MO", "HK"}),
        # an address with a word for a district ("X, no distrito de Y")
        ("pt", "Calor extremo em Cuba, no distrito de Beja", {"PT"}),
        # a Portuguese first name makes the next name a surname
        ("pt", "Nuno Espírito Santo deixa o Wolverhampton", {"GB"}),
        # Portuguese idioms and sport: a bargain, seven-a-side football
        ("pt", "O acordo foi um negócio da China para o clube", set()),
        ("pt", "Torneio de futebol suíço reúne 40 equipas em Braga", {"PT"}),
        # the historic provinces
        ("pt", "Incêndio no Alentejo obriga a cortar a A2", {"PT"}),
        # a capitalised word for a street after a country's name: the street's name, even
        # after a preposition that would place it
        ("en", "Two hurt in a stabbing near Congo Square, New Orleans police say", {"US"}),
        ("en", "Clashes on Syria Street in Tripoli leave three wounded, Lebanese army says",
         {"LB"}),
        ("en", "Protests spread across Syria", {"SY"}),
        # a Slavic name's case form in lower case is a common noun; the adjective keeps its
        # suffix
        ("uk", "Лікарі радять носити панаму в спеку", set()),
        ("uk", "Панамські митники затримали вантаж", {"PA"}),
        ("sk", "Parkoviská na bratislavskej Kolibe sú plné", {"SK"}),
        # a short quoted title closed by a name, then the sentence goes on in lower case
        ("ru", "Концерт группы «Ночной Кабул» в Казани отменён", {"RU"}),
        ("de", "„Grüße aus Marokko“ läuft ab Donnerstag im Kino in Köln", {"DE"}),
        ("ru", "«Мы не уйдём из Херсона», — заявил губернатор", {"UA"}),
        ("en", 'Protesters chanted "Free Palestine" outside the embassy in Paris', {"PS", "FR"}),
        # an Italian first name makes "Tedesco" a surname; Italian's Munich
        ("it", "Domenico Tedesco lascia la panchina", set()),
        ("it", "Il Bayern Monaco vince a Dortmund", {"DE"}),
        ("it", "Il principe Alberto di Monaco in visita", {"MC"}),
        # institutions and places news names: the Generalitat, Finnmark, Vanua Levu, Maré
        ("es", "La Generalitat aprueba los presupuestos", {"ES"}),
        ("en", "Snowstorm closes roads across Finnmark", {"NO"}),
        ("en", "Floods cut off villages on Vanua Levu", {"FJ"}),
        ("pt", "Tiroteio no Complexo do Alemão fecha escolas", {"BR"}),
        # an accent in a case form's stem says another name, as in a whole name: "Inđije" is
        # Inđija's, not India's "Indije"
        ("sr", "Požar u fabrici kod Inđije, nema povređenih", {"RS"}),
        ("sr", "Premijer Indije stiže u Beograd", {"IN", "RS"}),
        ("hr", "Predsjednik Njemačke posjetio Split", {"DE", "HR"}),
        # a three-letter name's case forms, written out
        ("sr", "Izbori u Čadu odloženi", {"TD"}),
        ("ru", "Военный переворот в Чаде", {"TD"}),
        # names that are also other things: a Porsche, a French first name, Arabic "financial"
        ("en", "Porsche recalls 8,000 Cayenne SUVs over a brake fault", set()),
        ("en", "Protests shut schools in Cayenne, French Guiana", {"GF"}),
        ("fr", "Grève à la RATP : Maurice Lefort, de la CGT, annonce une semaine noire", set()),
        ("fr", "Cyclone à Maurice : deux morts", {"MU"}),
        ("fr", "L'île Maurice en alerte rouge", {"MU"}),
        ("ar", "صندوق النقد يقر دعم مالي بقيمة 500 مليون دولار للأردن", {"JO"}),
        ("ar", "هجوم في مالي يقتل 20 جنديا", {"ML"}),
        # an Arabic headline's dateline: no capitals to say it is a name
        ("ar", "مالي: انقلاب عسكري", {"ML"}),
        # a nation's food and its trade, not a dish
        ("en", "Vietnamese coffee exports hit a record", {"VN"}),
        ("en", "A Vietnamese coffee shop opens in Leeds", {"GB"}),
        # forms and places the gazetteer lacked
        ("uk", "Зсув ґрунту в Папуа Новій Гвінеї: десятки загиблих", {"PG"}),
        ("ru", "Санкции против РФ продлены", {"RU"}),
        ("ru", "Москвичи вышли на субботник", {"RU"}),
        ("sr", "Штрајк у нишким школама", {"RS"}),
        ("en", "Avalanche hits climbers on Manaslu", {"NP"}),
        ("es", "Incendio en la comarca extremeña de La Vera", {"ES"}),
        ("uk", "Український фільм отримав нагороду в Каннах", {"FR", "UA"}),
        # (session 18) the accent of a town's own name, where a country's lacks it; not
        # between two towns
        ("sr", "Inđija gradi novi bazen", {"RS"}),
        ("sr", "Indija lansirala satelit", {"IN"}),
        # a street after "corso" and a capital; a firm after "gruppo"; a community's club
        ("it", "Traffico bloccato in corso Francia a Torino", {"IT"}),
        ("it", "Vertice a Roma: i lavori in corso. Francia contraria", {"FR", "IT"}),
        ("it", "Il gruppo Brasile compra un pastificio a Parma", {"IT"}),
        ("es", "Sportivo Italiano gana el clásico del ascenso", set()),
        ("it", "Degrado nei Quartieri Spagnoli, i residenti protestano", set()),
        # idioms and a confection; forms and places the gazetteer lacked
        ("en", "Sent to Siberia: coach drops captain after a row", set()),
        ("en", "Dubai chocolate sells out in Oslo", {"NO"}),
        ("fr", "Primes de fin d'année : ce n'est pas le Pérou", set()),
        ("uk", "Зустріч міністрів у Відні", {"AT"}),
        ("de", "Hochwasser im Elsass", {"FR"}),
        ("sq", "Zgjedhjet në Preshevë", {"RS"}),
        ("en", "Storm batters Cornish coast", {"GB"}),
        ("es", "Una naviera vizcaína compra tres buques", {"ES"}),
        # a commoner English first name before a place's name; a nation's name on a ground,
        # not a city's; a café named after a city
        ("en", "Ben Moscow's debut album tops the charts", set()),
        ("en", "Fans queue outside the Emirates Stadium", set()),
        ("en", "Fans queue outside Wembley Stadium", {"GB"}),
        ("en", "Café Beirut closes its doors after 40 years", set()),
        # an article with a capital before a word in lower case; a city's arts; an Arabic
        # name and a masculine nisba (a city's adjective is feminine); the Balkan Egyptians
        ("fr", "Le port de Rotterdam ferme un terminal", {"NL"}),
        ("fr", "Le Port : les dockers en grève", {"RE"}),
        ("en", "Documentary wins top prize at Sydney Film Festival", {"AU"}),
        ("ar", "أمسية شعرية عن بيرم التونسي", set()),
        ("ar", "انفجار في مصنع بمدينة بيرم الروسية", {"RU"}),
        ("sq", "Banesa sociale për familje rome dhe egjiptiane", set()),
        # a nation's word with a capital after a first name, where the language writes it in
        # lower case; a slug, a dance, a Belgian dish; Belgium's and France's regions
        ("uk", "Футбол: Андрій Поляк підписав контракт", set()),
        ("de", "Spanische Wegschnecken fressen die Salate", set()),
        ("it", "Serata di tango argentino a Bari", {"IT"}),
        ("fr", "Un filet américain rappelé par l'Afsca", set()),
        ("fr", "Grève des bus bruxellois", {"BE"}),
        ("fr", "Incendie dans les Cévennes", {"FR"}),
        ("it", "Nebbia fitta nel Polesine", {"IT"}),
        ("it", "Un bicchiere di amaro Montenegro dopo cena", set()),
        # a case form of a name whose apostrophe follows its first letter
        ("uk", "Повінь у М'янмі: евакуйовано тисячі людей", {"MM"}),
        # the land around a town, named after it, in its cases; not a word so made
        ("uk", "Обстріл Бахмутщини: двоє поранених", {"UA"}),
        ("uk", "Батьківщина пам'ятає своїх героїв", set()),
        # Russia's abbreviation in lower case, the two security services; a Serbian resort
        ("uk", "Підпали на замовлення рф: затримано трьох", {"RU"}),
        ("uk", "СБУ затримала агента ФСБ", {"RU", "UA"}),
        ("sr", "Snežna oluja na Kopaoniku", {"RS"}),
        ("es", "Atascos en La Jonquera por la huelga", {"ES"}),
        # a nation's name on a hospital or a hotel; a cruise line, a food dye
        ("en", "Shells hit the Saudi Hospital in El Fasher", {"SD"}),
        ("en", "Drone strike hits a Saudi hospital", {"SA"}),
        ("en", "Norwegian Cruise Line cancels its Alaska season", {"US"}),
        ("en", "Sudan I dye found in paprika sold in Leeds", {"GB"}),
    ],
)
def test_what_a_name_means_in_its_text(
    matcher: Matcher, language: str, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, language) == expected


def test_an_accent_speaks_for_a_town_only_against_a_countrys_name(matcher: Matcher) -> None:
    # "Inđija" against India's Serbian name, "Indija": the town gains; "Léré" against
    # Nigeria's "Lere", a town too: the accent only rules Nigeria's out
    def own(text: str, language: str) -> list[str]:
        found = matcher.match(text, language=language).candidates
        return [c.written for c in found
                if any(e.startswith("written with the accent of its own") for e in c.evidence)]

    assert own("Inđija gradi novi bazen", "sr") == ["Inđija"]
    assert own("Gunmen attack a village near Léré", "en") == []


def test_a_nations_word_after_a_first_name_is_a_surname_in_a_headline(matcher: Matcher) -> None:
    # French writes its nations' adjectives in lower case: "Allemand" with a capital after a
    # first name is a rider's surname; without the first name, a German
    def regions(title: str) -> tuple[str, ...]:
        return matcher.match("", title, language="fr").regions

    assert "germany" not in regions("Cyclisme : Théo Allemand gagne à Limoges")
    assert "germany" in regions("Cyclisme : un Allemand gagne à Limoges")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name whose other reading lies in the country the text names twice, once by the
        # country's name: the province or capital of a country no mention names loses
        ("Wildfire sweeps hills above Lagos / Portugal's civil protection agency sent planes "
         "to the Algarve", {"PT"}),
        # one other mention, or only towns, leave the capital or province its country
        ("Beijing hits back at Washington with new tariffs", {"CN", "US"}),
        ("Floods in Lagos / Nigeria's emergency agency said Lagos State was worst hit", {"NG"}),
    ],
)
def test_a_name_the_text_places_in_a_country_it_names(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Britain's Georgian architecture, Darwin's birds, the hymn, a cruise line, a coffee
        # chain, a London quarter and a musician named after a place they are not about
        ("Fire guts a Georgian terrace in Bath", {"GB"}),
        ("Georgian police disperse protest in Tbilisi", {"GE"}),
        ("Darwin's finches adapt to drought on the islands", set()),
        ("Darwin's mayor orders evacuation ahead of cyclone", {"AU"}),
        ("Fans at Wembley sang Jerusalem before kick-off", {"GB"}),
        ("Passengers on a Holland America Line ship fell ill", set()),
        ("A Holland America Line ship docked at Vancouver", {"CA"}),
        ("Java House raises prices at its cafes", set()),
        ("Commuters stranded at Canada Water after signal failure", set()),
        ("Sudan Archives announces a world tour", set()),
    ],
)
def test_names_of_things_after_places_in_english(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Milan is a common Slavic first name: before a capitalised word, a person's
        ("Prague exhibition remembers Milan Kundera", {"CZ"}),
        ("Milan Baros returns to Ostrava as coach", {"CZ"}),
        # but not before a second place's name, nor a word a place's name is said with
        ("Fog grounds flights at Milan Malpensa", {"IT"}),
        ("Tickets for the Milan Cortina Games went on sale", {"IT"}),
        ("Milan Fashion Week opens on Tuesday", {"IT"}),
        ("Flooding in Milan after storms", {"IT"}),
    ],
)
def test_a_first_name_that_is_a_city(matcher: Matcher, text: str, expected: set[str]) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nation's name before a Romance "of" and a capitalised word, in English, is a
        # longer name's first word: Barcelona's concert hall, a Paris street, a surname
        ("Choir sings at the Palau de la Musica tonight", set()),
        ("Tourists queue outside the Palau de la Musica in Barcelona", {"ES"}),
        ("Flooding closes shops on Colombia de Souza's block", set()),
        # the nation itself, before an English word or its capital
        ("Palau's president flies to Taipei", {"PW", "TW"}),
        ("Will Japan do more for Ukraine?", {"JP", "UA"}),
    ],
)
def test_a_nations_name_before_a_romance_of(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nation's name the text also gives a street: said alone, the local place of that
        # name first, where it has one (Jamaica in Queens)
        ("Jamaica residents protest school closure / Parents marched down Jamaica Avenue in "
         "Queens on Sunday.", {"US"}),
        # without the street, the nation; a nation with no local reading stays one
        ("Jamaica residents protest school closure / Parents marched in Kingston on Sunday.",
         {"JM"}),
        ("Syria talks resume / Diplomats met near Syria Street in Tripoli, Lebanon.",
         {"SY", "LB"}),
    ],
)
def test_a_nations_name_the_text_gives_a_street(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the <city> club" places the club the headline opens with: a city of another
        # country by that name is the club's name only
        ("Barcelona appoint new coach / The Guayaquil club confirmed the signing on Monday.",
         {"EC"}),
        ("Liverpool win the league / The Montevideo side clinched the title at the "
         "Centenario.", {"UY"}),
        # a club of the same country keeps its city; without a club's city, the city
        ("Madrid sack coach / The Spanish club said he had left.", {"ES"}),
        ("Liverpool beat Everton / The Liverpool club moved top.", {"GB"}),
        ("Barcelona appoint new coach after defeat", {"ES"}),
        # a band by its home city, after its singer's possessive
        ("Texas top the UK album chart / Sharleen Spiteri's Glasgow band beat Taylor Swift.",
         {"GB"}),
    ],
)
def test_a_club_the_text_places_in_its_city(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name that wins a horse race or goes to stud is a horse's
        ("Australia lands the Champion Stakes by a neck", set()),
        ("Classic winner Egypt retired to stud after injury", set()),
        ("Kenya takes the 2,000 Guineas in a photo finish", set()),
        ("Moscow Flyer won the Champion Hurdle in 2000", set()),
        # the capitalised words after the word for a horse are its name
        ("The colt Los Angeles held off his stablemate by a neck", set()),
        ("Trainer's filly Kenya Rose was scratched before the race", set()),
        ("A colt was stolen from a stable in Kenya", {"KE"}),
        # a nation wins other things
        ("Ireland wins the Six Nations in Dublin", {"IE"}),
        ("Japan takes the lead in talks on the Stakes Act", {"JP"}),
    ],
)
def test_a_racehorse_named_after_a_place(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nation's name before a capitalised 'Bay', 'Plain', 'Creek'…: a suburb abroad
        ("Canada Bay council backs new ferry wharf", set()),
        ("India Creek residents told to evacuate", set()),
        # a city's is where it is; the nation before a lower-case word is the nation
        ("Manila Bay cleanup draws volunteers", {"PH"}),
        ("Canada bay ice melts early", {"CA"}),
        # a beach town or a dock named after a nation
        ("Storm floods homes in Mexico Beach", set()),
        ("New flats planned beside Greenland Dock", set()),
        ("Beach clean-up held in Mexico", {"MX"}),
    ],
)
def test_a_suburb_named_after_a_nation(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a navy's or a line's prefix, a ship's name, even a capital's or a country's
        ("USS Tripoli joins drills in the Coral Sea", set()),
        ("Sailors of HMS Argentina rescued at sea", set()),
        # a cruise line's name before its ship's ("Carnival Venezia", "Costa Firenze")
        ("Carnival Venezia docks at dawn", set()),
        ("Costa Firenze diverted from Genoa", {"IT"}),
        ("Storm hits Costa Rica", {"CR"}),
        # the prefix-less name is the place
        ("Protesters march in Tripoli", {"LY"}),
        ("Clashes erupt in Tripoli, Libya", {"LY"}),
    ],
)
def test_a_ship_named_after_a_place(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the text introduces as a performer's working name is that, wherever said
        ("Bahamas wins Juno / The singer Afie Jurvanen, who records as Bahamas, won", set()),
        ("Kenya tops the chart / The Leeds DJ performing as Kenya topped it", {"GB"}),
        # "as" alone introduces no stage name
        ("Bahamas wins vote / The Bahamas government said it performed as expected", {"BS"}),
        ("Kenya named as host of the summit", {"KE"}),
    ],
)
def test_a_stage_name_the_text_introduces(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # any name before a common English surname is a first name, a country's too
        ("Ireland Baldwin welcomes first child", set()),
        ("Syria Parker wins gold in the 200m", set()),
        ("Fans cheer Ghana Smith's late winner", set()),
        # a demonym before one is the person's nationality; a county after makes a place
        ("Kenyan Smith wins the marathon", {"KE"}),
        ("Flooding in Ghana: Smith urges calm", {"GH"}),
        ("Tornado hits Kentucky Nelson County", {"US"}),
    ],
)
def test_a_name_before_a_common_surname(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the word for a racehorse names it wherever the text says the name
        ("Dubai Dream wins at Ascot / The filly Dubai Dream beat the colts", {"GB"}),
        ("Statue of Irish chaser Moscow Flyer unveiled", {"IE"}),
        ("Bust of hurdler Istanbul Rose unveiled at the track", set()),
        # France's races and a nation's Derby are races, not places
        ("Luxembourg lands Prix Ganay", set()),
        ("Kenya took the Prix de l'Arc de Triomphe", set()),
        ("Record crowd for the Irish Derby", {"IE"}),
        ("Favourite scratched from the German Derby", {"DE"}),
        # a grand prix is no horse race, and Derby alone is the town
        ("Vietnam wins right to host Grand Prix", {"VN"}),
        ("Flooding closes roads in Derby", {"GB"}),
    ],
)
def test_a_racehorse_the_text_names_and_races_named_after_places(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city's or a region's name right after a carmaker's is a model's
        ("Recall issued for Hyundai Tucson over fire risk", set()),
        ("Dodge Durango tops reliability survey", set()),
        ("Seat Ibiza gets a new engine", set()),
        # the maker's business in a country, or its plant in a state, is there
        ("Nissan Mexico cuts 1,000 jobs", {"MX"}),
        ("Ford Kentucky plant to add 500 jobs", {"US"}),
        ("Hail damages cars in Tucson", {"US"}),
    ],
)
def test_a_car_model_named_after_a_place(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name whose clause goes on with "he" or "she" is a person's: a nation is "it"
        ("Chad told reporters he would not seek another term as coach", set()),
        ("Flood warning lifted. Kenya wrote online that she was safe", set()),
        ("Fans cheer as Jordan dedicates his goal to the crowd", {"JO"}),
        # a nation that says someone else did something: the pronoun is that one's
        ("Iran says he was a spy for Israel", {"IR", "IL"}),
        ("Chad told the UN it would send troops", {"TD"}),
    ],
)
def test_a_name_a_persons_pronoun_goes_on_from(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name a rule reads once as a thing's or a person's is that wherever it is bare
        ("Riot at Louisiana's Angola prison / Guards at the penitentiary, known as Angola, "
         "were hurt", {"US"}),
        ("Profits rise at Iceland supermarket / Iceland said sales grew", set()),
        ("Syria Parker wins the 200m / Syria celebrated with her coach", set()),
        # a mention with a sign of a place of its own keeps it
        ("Iceland supermarket sales rise / The chain buys its fish in Iceland", {"IS"}),
        ("Ghana Smith scores twice / Fans in Ghana celebrated", {"GH"}),
    ],
)
def test_a_thing_named_after_a_place_said_again(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name right before "in" and a region of a country other than the US: the town of
        # that name there, however famous the other place of that name
        ("Floods cut off Montenegro in Rio Grande do Sul", {"BR"}),
        ("Police in Cordoba in Veracruz arrest the mayor", {"MX"}),
        ("Storm damages homes in Bethlehem in Free State", {"ZA"}),
        # a country named before one is still the country
        ("Troops from Ukraine in Kursk Oblast", {"UA", "RU"}),
        ("Fire in Cordoba", {"AR"}),
    ],
)
def test_a_town_the_text_places_in_a_region_abroad(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age or a kin's possessive right after a name: a person's
        ("Kenya, 34, was arrested in Leeds", {"GB"}),
        ("Police say Chad, aged 19, was unhurt", set()),
        ("Georgia's boyfriend proposed in Rome", {"IT"}),
        # a number that is no age, and a nation's kin in a figure of speech
        ("Fire on Lesbos, 3,000 evacuated", {"GR"}),
        ("Kenya's sister city in Asia", {"KE"}),
    ],
)
def test_an_age_or_a_kin_after_a_name(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a people whose land is its name and "-stan": before a dish, the people's adjective
        ("We ate Kazakh cuisine in London", {"GB"}),
        ("Innovative Uzbek Cuisine at Oxus", set()),
        ("Kyrgyz bread festival in Leeds", {"GB"}),
        # elsewhere the land
        ("Kazakh troops arrive in Leeds", {"KZ", "GB"}),
        ("Uzbek exports of cotton rise", {"UZ"}),
    ],
)
def test_a_stan_peoples_dish(matcher: Matcher, text: str, expected: set[str]) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nation's name before "station", "DLR" or "tube": a station named after it
        ("Man stabbed near Cyprus DLR station", set()),
        ("Trains halted at Canada station after a fault", set()),
        # a lower-case compass point before a city: a part of that city, not a town whose
        # name begins with it
        ("Fire in east London flats", {"GB"}),
        ("Homes flooded in south-east London", {"GB"}),
        ("Riot in west Belfast", {"GB"}),
        # the town's own name, written so, is the town
        ("Fire in East London, Eastern Cape", {"ZA"}),
        ("Ukraine's stations lose power", {"UA"}),
    ],
)
def test_a_station_named_after_a_nation_and_a_citys_east(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an animal's name: after the word for the animal, or before "the" and that word
        ("Famous racing pigeon Dubai Star sold for a record sum", set()),
        ("Dog show winner Peru the poodle retires", set()),
        ("Zoo mourns Jordan the giraffe", set()),
        # the animal in a place
        ("In India the cow is sacred", {"IN"}),
        ("Zoo welcomes a panda from China", {"CN"}),
    ],
)
def test_an_animal_named_after_a_place(
    matcher: Matcher, text: str, expected: set[str]
) -> None:
    assert countries(matcher, text, "en") == expected
