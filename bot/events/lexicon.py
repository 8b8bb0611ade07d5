"""The words the event facts are read with: kinds of event, casualty words, number words.

Every entry is a *folded* prefix (``bot.matching.text.fold``: lower case, no accents, Cyrillic
and Arabic kept): a token that starts with it counts. Prefixes rather than word lists because
the bot reads fifteen languages, most of them inflected, and a kind only has to be recognised,
not graded: ``explos`` is explosion, explosión, Explosion, explosão and esplosione alike.

The kinds are coarse on purpose. They are evidence across languages, where the words of two
reports share nothing: "Erdbeben" and "earthquake" are both ``quake``. Two reports whose kinds
are both known and share none (a bombing and a shooting in one city) are unlikely to be one
event; a kind shared adds a little. Generic words (attack, incident) are no kind: every report
of violence has them.
"""

from __future__ import annotations

from types import MappingProxyType

#: kind → its words, folded, each matched where a word starts: a plain entry is a prefix
#: ("explos"), one ending in a space a whole word ("fire ", where "fire" would also be "fired"
#: and "firefighters")
KINDS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "quake": (
        "earthquak", "quake", "tremor", "aftershock", "seism", "sismo", "terremot", "erdbeben",
        "beben", "nachbeben", "zemljotres", "zemetras", "trzesien", "землетрясен", "землетрус",
        "زلزال", "magnitud",
        # Czech, Croatian, Serbian (both scripts), Albanian, and the tremors of Polish and Italian
        "zemetres", "potres", "потрес", "земљотрес", "termet", "wstrzas", "scossa", "scosse ",
        "магнитуд",
        # Turkish: a source may declare a language the matcher does not read
        "deprem",
        # (twelfth round) Dutch, French in words, Arabic, Turkish tremors
        "aardbeving", "tremblement de terre", "هزه ارضيه", "sarsinti",
    ),
    "flood": (
        "flood", "inundac", "inondat", "enchent", "alluvion", "allagam", "uberschwemm",
        "hochwasser", "наводнен", "паводк", "повін", "повен", "poplav", "powodz", "povoden",
        # Czech and Slovak floods ("povodně", "záplavy", "zaplavila"), Serbian Cyrillic,
        # Albanian ("përmbytje"), a river over its banks in Italian, German, Spanish, French
        "povodn", "zaplav", "поплав", "permbytj", "подтоп", "підтоп", "esondaz", "uberflut",
        "riada", "crue ", "crues ",
        "فيضان", "سيول",
        # (twelfth round) Dutch, Italian, Polish, Russian, Ukrainian, Turkish, German, Albanian
        # floods
        "overstrom", "inondaz", "podtopien", "zalane ", "zalanych ", "затоплен", "паводок",
        "taskin", "sel baskin", "flutkatastroph", "sturzflut", "vershim", "فيضانات",
        # (fourteenth round) the Russian and Ukrainian deluge ("потоп"), the Portuguese "cheias"
        # and the Romance verb of flooding ("inundam", "inundaron", "inondent")
        "потоп", "cheias ", "inund", "inond",
        # a river over its banks, in the words of each language ("bursts its banks", "über
        # die Ufer", "sort de son lit", "se desborda", "esonda", "transbordou", "вышла из
        # берегов", "wystąpiła z brzegów", "vylila se z břehů", "izlila se iz korita")
        "burst its banks", "bursts its banks", "burst their banks", "uber die ufer",
        "sort de son lit", "sorti de son lit", "sortie de son lit", "se desborda",
        "se desbordo", "se desbordaron", "desbordamiento del", "esond", "transbord",
        "из берегов", "з берегів", "z brzegow", "z brehu", "iz korita", "из корита",
        "doli nga shtrati", "فاض",
        # (sixteenth round) the Portuguese flooding of streets ("alagou ruas", "alagamentos",
        # "ruas alagadas"; not the state of Alagoas) and its torrent ("a enxurrada")
        "alaga ", "alagam", "alagou", "alagad", "alagament", "enxurrad",
        # (nineteenth round) the Spanish cloudburst that floods streets ("tromba de agua", not
        # the Italian "tromba d'aria", a tornado), and people or cars swept away by the water
        # ("arrastrado por el agua", "emporté par les eaux", "von den Fluten mitgerissen",
        # "trascinato dalla piena", "унесло водой")
        "tromba de agua", "trombas de agua", "arrastrado por el agua", "arrastrada por el agua",
        "arrastrados por el agua", "arrastro por el agua", "emporte par les eaux",
        "emportee par les eaux", "emportes par les eaux", "von den fluten mitgerissen",
        "trascinato dalla piena", "trascinata dalla piena", "travolto dalla piena",
        "arrastado pela agua", "arrastada pela agua", "arrastados pela agua",
    ),
    "storm": (
        "storm ", "storms ", "typhoon", "hurrican", "cyclon", "tornado", "huracan", "ouragan",
        "tempete", "tormenta", "tempesta", "uragan", "sturm ", "orkan", "taifun", "tajfun",
        "тайфун", "ураган", "шторм", "смерч", "اعصار", "عاصفه",
        "boure ", "vichric", "burka ", "burky ", "burza ", "nawalnic", "oluj", "олуј", "stuhi",
        "буря",
        # (twelfth round) Dutch, Turkish, Polish, Czech, Serbian, Croatian, Russian, Ukrainian,
        # Italian, Portuguese, French, German, Arabic storms and the whirlwind
        "orkaan", "firtina", "kasirga", "huragan", "traba powietrzna", "bourk", "nevreme",
        "nevrijeme", "невреме", "гроза ", "грозы ", "негода ", "негоди ", "nubifragi",
        "maltempo", "furacao", "orage ", "orages ", "unwetter", "gewitter", "thunderstorm",
        "windstorm", "عواصف",
        # (fourteenth round) downpours in Russian and Ukrainian ("ливни", "ливень", "злива"),
        # the Italian tornado ("tromba d'aria")
        "ливн", "ливен", "злив", "tromba d aria",
        # (twenty-ninth round) the tornado as the other languages spell it ("la tornade",
        # "Tornados", "торнадо"), where "tornado" missed the French
        "tornad", "торнад",
        # (twenty-ninth round) the cyclone and the typhoon as the Romance and Slavic languages
        # spell them ("ciclone", "ciclón", "cyklon", "циклон", "typhon", "tufão", "tifón",
        # "tifone"), where "cyclon" and "typhoon" missed them
        "ciclon", "cyklon", "циклон", "typhon", "tufao", "tufon", "tifon",
    ),
    "fire": (
        "fire ", "fires ", "blaze", "ablaze", "wildfire", "incend", "brand ",
        "feuer", "пожар", "пожеж", "горит", "pozar", "حريق",
        # Slovak ("požiar"), Albanian ("zjarr": whole, since "zjarrfikës" is a firefighter),
        # Serbian "vatra", the Russian "caught fire", Ukrainian "burns", German "burns", Arabic
        # "fires"
        "poziar", "zjarr ", "zjarri ", "zjarrin ", "zjarre ", "zjarret ", "zjarrit ",
        "vatra ", "ватра ", "загорел", "загорів", "горить", "brennt", "حرائق",
        # the flames of a fire that a later report names by them alone ("cercado pelas chamas")
        "flames", "chamas", "flamm", "llamas",
        # a live line's "rescued residents from a burning flat" names it by the verb alone
        "burning ",
        # Turkish ("yangın", "orman yangını")
        "yangin",
        # a fire told by its verb or its flames alone, as rewrites and other languages tell it
        # ("Arde un autobús", "un bus prend feu", "entièrement brûlé", "in fiamme", "płonie
        # kamienica", "hoří sklad", "gori pijaca", "сгорел", "flames engulfed")
        "arde ", "arden ", "ardio", "ardeu", "ardiendo", "calcinad", "prend feu", "pris feu",
        "prennent feu", "brule", "fiamm", "brucia", "rogo ", "abgebrannt", "ausgebrannt",
        "brannte", "plonie", "plonal", "plonela", "splonal", "splonel",
        "hori ", "horel", "vyhorel", "shorel", "plamen", "gori ", "izgore", "гори ", "изгоре",
        "пламен", "сгорел", "выгорел", "згорів", "згоріл", "полум", "engulf", "burned ",
        "burnt ", "digjet", "dogj", "احترق", "يحترق", "اشتعل", "نيران",
        # (twelfth round) the blaze in Dutch, Turkish, Russian, Ukrainian; an inferno
        "inferno", "vlammen", "alevler", "возгоран", "займан",
        # arson: "arson", "Brandstiftung", the Russian "поджог", "подожгли", the Polish
        # "podpalenie"
        "arson", "brandstift", "поджог", "подожг", "podpal",
        # (fourteenth round) the French "feu" in the phrases of a fire ("feu de forêt",
        # "départ de feu", "le feu a ravagé"; not "ouvrir le feu", "cessez-le-feu", "feu vert")
        "feu de foret", "feux de foret", "feu de broussailles", "feux de broussailles",
        "feu de vegetation", "feux de vegetation", "depart de feu", "departs de feu",
        "le feu a ", "le feu s est", "feu s est declare", "un feu d", "un violent feu",
        "un important feu",
        # (nineteenth round) the fire said in a relative clause ("le feu qui a ravagé un
        # immeuble")
        "le feu qui ",
        # (sixteenth round) "en feu", what a French flash says of a ferry or a building
        # ("un ferry en feu dans le port de Cebu"; never "ouvrir le feu")
        "en feu ",
    ),
    "landslide": (
        "landslid", "mudslid", "deslizament", "glissement", "frana", "erdrutsch", "оползн",
        "зсув", "osuwisk", "klizist",
        "sesuv", "zosuv", "odron", "rreshqitj", "клизишт",
        # Spanish news calls a landslide "alud", "avalancha" or "derrumbe" (the last is also
        # a building's collapse: it is both kinds), French an "éboulement"
        "alud", "avalanch", "derrumb", "eboulement",
        # the ground giving way, said of a slope ("a hillside collapsed onto houses")
        "hillside collaps", "hill collaps", "slope collaps", "mountainside collaps",
        "hillside gave way",
        # (twelfth round) Dutch, Turkish, Russian and Ukrainian mudflows, Italian, Spanish,
        # German, Polish, Arabic
        "aardverschuiv", "heyelan", "сель ", "селев", "smottament", "corrimiento de tierra",
        "hangrutsch", "lawina blotna", "انزلاق",
    ),
    "eruption": (
        "erupt", "eruzion", "lava ", "vulkan", "volcan", "вулкан",
        # (twelfth round) Polish, Turkish, Russian, Ukrainian, Serbian, Arabic
        "erupcj", "wulkan", "yanardag", "извержен", "виверж", "erupcij", "بركان",
    ),
    "explosion": (
        "explos", "blast", "bomb", "ied ", "detonat", "esplos", "взрыв", "вибух", "eksploz",
        "wybuch", "انفجار", "تفجير",
        # Czech and Slovak ("výbuch"), Albanian ("shpërthim", "shpërtheu"), Serbian Cyrillic,
        # the Russian and Ukrainian verbs ("взорвался", "подорвали", "підірвали"), the device
        # and the car bomb in Italian, French, German and Arabic
        "vybuch", "shperth", "експлоз", "детонац", "взорв", "подорв", "підірв", "explod",
        "eksplod", "ordign", "voiture piegee", "voitures piegees", "spreng", "مفخخ",
        # Turkish: the blast and the explosive ("patlama", "patladı", "patlayıcı"; "patlak" is
        # a burst tyre)
        "patlam", "patlad", "patlay",
        # (twelfth round) Dutch, Serbian Cyrillic, Arabic blasts ("ontploffing", "експлодирао",
        # "عبوة ناسفة"); not "déflagration": the Portuguese and Spanish "deflagrou" is a fire
        # breaking out
        "ontplof", "експлод", "ناسف",
        # the Russian "подрыв" (a blowing up; the verb "подорвали" is above)
        "подрыв",
        # (fourteenth round) the bomb in Cyrillic ("авиабомба", "бомба"; not the football's
        # "бомбардир", ``NOT_KIND``), the car bomb as one word ("autobomba", the German head
        # "Autobombe"), the suicide bomber and the suicide attack ("kamikaze", "смертник",
        # "Selbstmordattentäter", "انتحاري", "atentado suicida"), the verbs of exploding in
        # Italian, Spanish and Arabic ("esplode", "explota", "يفجر")
        "бомб", "авиабомб", "авіабомб", "autobomb", "kamikaz", "selbstmordattent",
        "selbstmordanschlag", "смертник", "смертниц", "انتحاري", "attentat suicide",
        "atentado suicida", "attentato suicida", "ataque suicida", "esplod", "explota ",
        # (twenty-ninth round) the Turkish suicide attack ("intihar saldırısı") and bomber
        # ("canlı bomba")
        "intihar saldir", "canli bomba",
        "explotan ", "exploto ", "explotaron ", "يفجر", "تفجر", "فجر نفسه",
        # (eighteenth round) blown up: the English verb, the German participle (the
        # automaton reads from a word's start, so "gesprengt" missed "spreng"), the Polish
        # "wysadzili", "wysadzono", "wysadzenie"
        "blew up", "blown up", "blowing up", "gesprengt", "wysadzil", "wysadzon",
        "wysadzen",
    ),
    "shooting": (
        "shoot", "shot", "gunfire", "gunman", "gunmen", "opened fire", "open fire", "pucnj",
        "стрельб", "стріля", "tiroteo", "balacer", "fusillad", "schuss", "schusse",
        "sparator", "strzel", "اطلاق نار", "gun battle", "gunfight", "firefight",
        "enfrentamiento armado", "enfrentamientos armados",
        # Czech and Slovak ("střelba", "streľba", "strieľalo", "střílel"), Serbian Cyrillic,
        # Albanian ("të shtëna"), Portuguese ("tiroteio", "baleado"), the shots of Italian,
        # French, Spanish, Russian, Ukrainian and Arabic
        "strelb", "striel", "strilel", "strilen", "пуцњ", "te shtena", "tirotei", "balead",
        "arma da fuoco", "colpi di pistola", "spari ", "sparato", "sparati", "coups de feu",
        "tirs ", "disparos ", "disparo ", "disparou ", "dispararon ", "выстрел", "застрел",
        "постріл", "застрел", "رصاص", "اطلاق النار",
        # Dutch ("schietpartij", "neergeschoten", "beschoten") and Turkish ("silahlı saldırı")
        "schietp", "neergeschot", "beschoten", "silahli saldir",
        # (twelfth round) shots fired in Serbian and Croatian in both scripts, Polish, Czech
        # and Slovak shot ("postrzelony", "postřelen"), Russian and Ukrainian mass shooting,
        # Albanian, German shot dead, Portuguese shots, Turkish
        "pucao ", "pucala ", "pucali ", "pucano ", "пуцао ", "пуцали ", "postrzel",
        "postrelen", "расстрел", "розстріл", "qelloi", "qelluar", "erschoss", "angeschoss",
        "niedergeschoss", "schiesser", "schießer", "a tiros", "tiros ", "kursun", "ates acti",
        "ates acil",
        # the Russian "стрелял", "стреляли" (the Ukrainian "стріляв" is above)
        "стреля",
        # (fifteenth round) shot dead or hurt "by a bullet" in French and Spanish ("tué par
        # balle", "herido de bala"); never "de bala" alone, which begins "de balance"
        "par balle", "de bala ", "de balas", "de bala,", "de bala.",
        # (fourteenth round) "opened fire" in every language read ("abre fuego", "ouvre le
        # feu", "apre il fuoco", "das Feuer eröffnet", "abriu fogo", "открыл огонь", "відкрив
        # вогонь", "otvorio vatru", "otworzył ogień", "hapi zjarr", "فتح النار"), the Czech
        # "začal střílet"
        "abre fuego", "abrio fuego", "abrieron fuego", "ouvre le feu", "ouvert le feu",
        "apre il fuoco", "aperto il fuoco", "das feuer eroffnet", "eroffnet das feuer",
        "eroffnete das feuer", "abre fogo", "abriu fogo", "abriram fogo", "открыл огонь",
        "открыли огонь", "відкрив вогонь", "відкрили вогонь", "otvorio vatru",
        "otvorili vatru", "отворио ватру", "отворили ватру", "otworzyl ogien",
        "otworzyli ogien", "zahajil palbu", "strilet", "hapi zjarr", "hapen zjarr",
        "فتح النار", "يفتح النار", "اطلق النار", "اطلقوا النار",
        # (eighteenth round) the French "abattu" (shot dead: "un homme abattu", "a été
        # abattu dans la matinée"), whole words only: "abattoir" is none
        "abattu ", "abattus ", "abattue ", "abattues ",
        # (twenty-ninth round) "gunned down", the bullets sprayed, the Spanish "a balazos"
        "gunned down", "gun down", "bullets ", "balazo",
    ),
    "clash": (
        "clash", "enfrentamient", "affrontement", "confronto", "scontri", "zusammenstoss",
        "zusammenstosse", "gefecht", "столкновени", "зіткнен", "starcia", "sukob", "اشتباك",
        "сукоб", "стычк", "сутичк",
        # (twelfth round) Turkish, Albanian, Polish, Czech clashes; brawls; the German
        # "Zusammenstoß" as written (the text folds "ß" to one "s")
        "zusammenstoß",
        "catisma", "perleshj", "starcie", "starciu", "stret ", "strety ", "stretu ",
        "stretech ", "brawl", "bagarre", "rissa", "schlagerei", "бійк", "драка ", "драки ",
        "драке ", "драку ",
    ),
    "stabbing": (
        "stabb", "knife", "messer", "couteau", "cuchill", "coltell", "нож",
        # the Portuguese knife and stab whole or as "facada": "faca" also starts the French
        # "façade" ("un bus a percuté la façade d'un immeuble")
        "faca ", "facas ", "facada",
        # "à l'arme blanche", "apuñalado", "accoltellato": the knife unnamed
        "arme blanche", "poignard", "apunal", "navaj", "accoltell",
        # with a knife in Czech, Slovak, Polish, Croatian ("nožem", "nožom"), stabbed
        # ("pobodal", "izboden", "dźgnął", "esfaqueado", "acuchillado"), Albanian and Arabic
        "nozem", "nozom", "nozow", "pobod", "ubod", "dobod", "izbod", "избод", "dzgn",
        "thike", "thiken", "esfaque", "acuchill", "سكين",
        # Dutch ("steekpartij", "neergestoken")
        "steekp", "neergestok",
        # (twelfth round) a knife in Serbian, Croatian, Czech, Turkish; stabbed in German and
        # Italian
        "noz ", "nuz ", "bicak", "erstoch", "niedergestoch", "pugnal",
        # stabbed to death: the Russian "зарезал", the Ukrainian "зарізав", the Polish "zadźgał"
        "зарез", "заріз", "zadzga",
        # (fourteenth round) the Arabic "طعنا" (by stabbing), "مطعون"; not "طعن" alone, also
        # an appeal against a ruling
        "طعنا", "مطعون",
    ),
    "airstrike": (
        "air strike", "airstrike", "missil", "rocket", "drone", "shell", "artiller", "bombard",
        "glide bomb", "guided bomb", "ракет", "беспилот", "бпла", "дрон", "обстрел", "обстріл",
        "frappe aerienne", "frappes aeriennes", "roquett", "misil", "cohete", "rakete",
        "drohne", "raket", "dron", "مسيره", "مسيرات", "قصف", "صاروخ",
        # the warplanes that strike, and the Arabic "raids" (غارة, غارات) of every air strike
        "warplane", "غاره", "غارات",
        # drones, air raids and ballistic missiles in Ukrainian, German, Polish, Czech,
        # Portuguese and Spanish
        "безпілот", "балістик", "ballist", "luftangriff", "nalot", "nalet", "ataque aereo",
        "ataques aereos", "raid aere",
        # the French plural is the strikes ("frappes américaines"); the singular is also the
        # verb ("une explosion a frappé")
        "frappes ",
        # (seventeenth round) the singular as a noun only: after an article or before whose
        # strike it was or what it hit ("Frappe israélienne sur la banlieue sud", "une
        # frappe de drone"); "un séisme frappe le Maroc" stays the verb
        "une frappe ", "la frappe ", "cette frappe ", "nouvelle frappe ", "frappe israelienne",
        "frappe russe", "frappe ukrainienne", "frappe americaine", "frappe de drone",
        "frappe de missile", "frappe sur ", "frappe contre ",
        # shelling in Polish ("ostrzał", "ostrzale targowiska", "ostrzelali"), Czech and
        # Slovak ("ostřelování", "ostreľovanie")
        "ostrzal", "ostrzel", "ostrel",
        # the rocket and the missile as the languages read spell them where "raket" and
        # "missil" miss: Polish "rakieta", "atak rakietowy", Italian "razzo", "razzi",
        # Portuguese "foguete", the French shell "obus", Turkish "füze"
        "rakiet", "razzo ", "razzi ", "foguet", "obus ", "fuze ", "fuzesi",
        # (twelfth round) air strikes and shelling in Dutch, Turkish, Serbian and Croatian
        # (both scripts), Russian, Ukrainian, French, German, Albanian, Arabic; mortars; the
        # Shahed drones; not "бомбардир" alone, a football's top scorer
        "luchtaanval", "hava saldir", "granatir", "гранатир", "бомбардировк", "бомбардировщ",
        "бомбардов",
        "авиаудар", "авіаудар", "артиллер", "артилер", "raid aerien", "beschuss", "mortar",
        "минометн", "sulm ajror", "صواريخ", "قذيفه", "قذائف", "shahed", "шахед",
        # (fourteenth round) the guided bombs dropped on cities ("КАБ", "КАБи"), and the
        # Russian and Ukrainian "удар" (a strike: "удар по Харькову"), but not a blow of a
        # knife or a fist, lightning, heat (``NOT_AFTER``, ``NOT_BEFORE``)
        "каб ", "кабы ", "каби ", "кабами ", "кабів ", "кабов ", "удар ", "удара ", "удару ",
        "ударом ", "удары ", "ударов ", "ударами ", "удари ", "ударів ",
    ),
    "protest": (
        "protest", "demonstr", "manifest", "rally", "rallies", "marched", "marcher", "marching",
        "kundgeb", "митинг", "протест", "мітинг", "riot", "tear gas", "teargas", "lacrymog",
        "water cannon", "مظاهر", "احتجاج", "skup ", "skupu ",
        # a road blocked in protest ("relatives blocked the road outside the terminal")
        "blockade", "roadblock", "blocked the road", "blocked a road", "block road",
        "block roads", "blocked roads",
        # Croatian "prosvjed", Serbian Cyrillic, and roads blocked in Polish, Czech, German,
        # French, Spanish ("blokują", "blokáda", "blockieren", "bloquent")
        "prosvjed", "демонстр", "blokad", "blokuj", "blockier", "bloquent ", "bloquean ",
        "zablokir", "заблокир",
        # a bridge blocked, and the Serbian and Croatian "blokirali" in both scripts (the
        # Russian verb is "блокировать": a site or an account is blocked as often as a road)
        "block bridge", "blocked the bridge", "blocked a bridge", "blocking the bridge",
        "blokira", "блокира",
        # (twelfth round) Dutch, Turkish, German, Italian, Arabic demonstrations
        "betoging", "betoger", "gosteri", "krawall", "corteo", "demo ", "demos ", "تظاهر",
        "متظاهر",
        # marches: the Russian "шествие", the Polish "marsz"
        "шестви", "marsz ", "marszu ",
        # (fourteenth round) crowds that take to the streets, in every language read, with the
        # verb ("dans la rue" alone is where any happening is)
        "took to the streets", "take to the streets", "taking to the streets", "salen a la calle",
        "salieron a la calle", "salen a las calles", "salieron a las calles",
        "descendent dans la rue", "descendus dans la rue", "descendu dans la rue",
        "scendono in piazza", "scesi in piazza", "in piazza contro", "auf die strase",
        "saem a rua", "sairam a rua", "saem as ruas", "sairam as ruas", "вышли на улиц",
        "выходят на улиц", "вийшли на вулиц", "виходять на вулиц", "izaslo na ulice",
        "izasli na ulice", "изашло на улице", "изашли на улице", "wyszli na ulice",
        "wyszlo na ulice", "vysli do ulic", "يخرجون الي الشوارع", "خرجوا الي الشوارع",
        "نزلوا الي الشوارع",
        # (eighteenth round) marching in Spanish and Portuguese ("Miles de estudiantes marchan
        # en Milán"; not the noun "marcha", also "en marcha", under way)
        "marchan ", "marcharon ", "marchaban ", "marcham ", "marcharam ",
        # (twenty-ninth round) riots in the other languages ("émeutes", "émeutiers",
        # "disturbios", "Unruhen", "disordini", "массовые беспорядки", "заворушення",
        # "zamieszki", "rellen", "nepokoje", "شغب"), where only the English "riot" and the
        # German "Krawall" were read
        "emeut", "disturbio", "unruhen ", "disordini ", "беспорядк", "заворушен",
        "zamieszki ", "zamieszek ", "zamieszkach ", "rellen ", "nepokoj", "شغب",
    ),
    "walkout": (
        "walkout", "walked out", "stopped work", "greve", "huelg", "sciop", "streik", "strajk",
        "забастов", "страйк", "stavk", "اضراب",
        # (twelfth round) Turkish and Albanian ("grev", "grevë"), Dutch (not "staking" alone,
        # also the English word; ``DUTCH_HEADS`` reads "treinstaking"), Serbian Cyrillic,
        # Russian
        "grev", "stakingen ", "staakt ", "staken ", "штрајк", "стачк",
        # (fourteenth round) tools downed, work stopped, arms crossed
        "down tools", "downed tools", "downing tools", "arret de travail", "arrets de travail",
        "incrociano le braccia", "incrociato le braccia", "braccia incrociate",
    ),
    "crash": (
        "crash", "collid", "collision", "derail", "wykolej", "capsiz", "ribalt", "naufrag",
        "shipwreck", "choque",
        # a ferry that sinks or goes down ("launch sinks", "chavire", "se hundió", "затонул")
        "sink", "sank ", "sunk ", "went down", "chavir", "hundi", "afund", "затонул", "затонув",
        "accident", "unfall", "zugungluck", "kolizj", "sudar", "крушен",
        # a train leaving the rails: "deraglia", "entgleist", "déraille", "descarrila"
        "deragli", "entgleis", "deraill", "descarril",
        # German spells the collision with a k ("Straßenbahn kollidiert mit Bus")
        "kollid", "kollis",
        "столкнул", "сошел с рельс", "حادث", "تصادم",
        # a collision in Czech, Slovak (singular: the plural is also rain), Serbian, Polish,
        # Albanian, Portuguese, Italian, Arabic; an accident in Czech, Slovak, Polish,
        # Serbian and Croatian; a derailment in Czech and Croatian, "aus den Gleisen"
        "srazka ", "srazce ", "srazil", "zrazka ", "zrazke ", "zrazil", "судар", "zderzen",
        "aksident", "perplasj", "colid", "scontro ", "اصطدام", "nehod", "wypadk", "wypadek",
        "nesrec", "несрећ", "udes ", "vykolej", "iskliznu", "aus den gleisen", "дтп ",
        # a boat that overturns in Albanian ("përmbyset", "përmbysja"; the flood "përmbytje"
        # is another word), a vehicle that hits something in French ("un bus percute")
        "permbys", "percut",
        # a boat, a bus or a lorry that overturns ("their dinghy overturned in the bay"); a
        # court that overturns a ruling is no crash (``NOT_BEFORE``)
        "overturn",
        # the accident and the collision in Portuguese and Spanish ("acidente ferroviário",
        # "uma colisão", "la colisión"), and a vehicle that rolls over in the languages read
        # ("vuelca", "volcó", "tombou", "capotou", "перевернулся", "przewrócił się")
        "acident", "colisao", "colision", "vuelc", "volco ", "tombou", "capot", "rolled over",
        "rolls over", "перевернул", "перекинув", "przewroc", "prevrnu", "prevratil",
        # (twelfth round) accidents and collisions in Dutch, Turkish, Russian and Ukrainian
        # (the whole "авария": "аварийные службы" are rescuers), Serbian Cyrillic, Italian,
        # French, Polish; a plane's fall in German and Spanish; a ship's sinking in Polish,
        # Czech, Serbian and Croatian, Dutch, Turkish
        "ongeluk", "botsing", "aanrijding", "ontspoor", "kaza ", "kazas", "kazada", "carpis",
        "devril", "авария ", "аварии ", "аварию ", "аварией ", "аварія ", "аварії ", "аварію ",
        "удес ", "incidente stradale", "incidente ferroviario", "incidente aereo",
        "carambolage", "pileup", "wreck", "katastrofa kolejowa",
        "katastrofa lotnicza", "absturz", "abgesturzt", "se estrello", "zaton", "potopil",
        "potonu", "schipbreuk", "alabora",
        # (fourteenth round) a train that jumps or leaves the tracks, a boat or a bus that sinks
        # or overturns in Arabic ("غرق قارب", "انقلاب حافلة"; "انقلاب" alone is a coup)
        "jumped the tracks", "jumps the tracks", "left the tracks", "leaves the tracks",
        "غرق قارب", "غرق مركب", "غرق سفينه", "غرق عباره", "انقلاب حافله", "انقلاب قارب",
        "انقلاب مركب", "انقلاب شاحنه",
        # (fourteenth round) a vehicle that crashes into something, runs people over or leaves
        # the road, by the verbs each language tells it with: the Italian "si schianta",
        # "tamponamento", "fuori strada", the Spanish and Portuguese "arrolla", "atropella",
        # "se sale de la carretera", "despista-se", the French "fonce dans", "sortie de
        # route", the German "prallt gegen", "kracht gegen", "rast in", the Russian and
        # Ukrainian "врезался", "врізався", "протаранил", "зіткнулися", "в кювет", "опрокинулся",
        # the Polish "zderzył się", "wjechał w", "dachował", the Serbian and Croatian "sleteo
        # s puta" (not "sleteo" alone: a plane lands so), the Czech "sjel ze silnice", "narazil
        # do", the Albanian "u përplas", the Arabic "اصطدم", "دهس", the Turkish "çarptı", the
        # Dutch "botste", "reed in op", the English "ploughs into", "veers off", "plunges into"
        "schiant", "tamponament", "fuori strada", "uscito di strada", "uscita di strada",
        "arroll", "atropel", "se sale de la carretera", "se salio de la carretera",
        "se sale de la via", "despist", "fonce dans", "fonce sur", "sortie de route",
        "prallt", "prallte", "geprallt", "kracht gegen", "krachte gegen", "rast in ",
        "raste in ", "von der fahrbahn ab", "von der strase ab",
        "врезал", "врізав", "протаранил", "протаранив", "зіткнул", "кювет", "опрокинул",
        "zderzy", "wjechal w ", "wjechala w ", "dachowal", "sleteo s puta", "sleteo sa puta",
        "sletio s ceste", "слетео са пута", "слетео с пута", "sjel ze silnice",
        "sjel do prikopu", "narazil do", "narazila do", "zisiel z cesty", "perplas",
        "اصطدم", "دهس", "تدهس", "carpti", "carpisti", "sarampol", "botst", "reed in op",
        "plough", "plow into", "plows into", "plowed into", "veer off", "veers off",
        "veered off", "plunge into", "plunges into", "plunged into", "ran off the road",
        # (eighteenth round) a vehicle that hits something, the vehicle named ("Seven killed
        # as bus hits trailer truck"; "hits" alone is as often a missile or a storm), and
        # the Serbian "sleteo sa autoputa" (off the motorway)
        "bus hits ", "bus hit ", "coach hits ", "car hits ", "truck hits ", "lorry hits ",
        "van hits ", "tram hits ", "train hits ", "sleteo sa autoputa", "sleteo s autoputa",
        "sletio s autoceste",
        "rammed", "ramming",
        # (twenty-ninth round) a train that rams a bus and a tram that hits a car in Spanish
        # ("embistió a un colectivo", "un tranvía choca con un coche"), a tram or a bus that
        # leaves the rails or the road in English ("tram leaves rails", "bus leaves road")
        "embist", "choca ", "chocan ", "chocar ", "choco ", "chocaron ", "off the rails",
        # a vehicle fallen into a canal or a river ("Egypt minibus falls into canal", "سقوط
        # ميكروباص في ترعة")
        "falls into canal", "falls into a canal", "fell into a canal", "fell into the canal",
        "falls into river", "falls into a river", "fell into a river", "fell into the river",
        "falls into a ravine", "fell into a ravine", "سقوط ميكروباص", "سقوط سياره",
        "سقوط حافله", "سقوط شاحنه",
        "leaves rails", "left the rails", "leaves the rails", "leave the rails", "left the road",
        "leaves the road", "leaves road", "leave the road",
    ),
    "collapse": ("collaps", "einsturz", "derrumb", "effondr", "crollo", "обрушен", "zawal",
                 # "eingestürzt", "crollata", "desabou", "zřítil", "urušila", "u shemb"
                 "eingesturz", "croll", "se vino abajo", "desab", "zrutil", "zritil", "zricen",
                 "urusi", "уруши", "shemb", "обруш", "обвал", "انهيار",
                 # a crane or a tower that topples: "toppled", "umgestürzt", the Polish
                 # "runął" (fell down) whole in its genders
                 "toppl", "umgesturz", "runal ", "runela ", "runelo ", "runeli ", "runely ",
                 # (twelfth round) Dutch, Turkish, Czech, Slovak, Serbian and Croatian (both
                 # scripts), Spanish, Portuguese, Arabic
                 "ingestort", "instort", "coktu", "cokme", "gocuk", "zhrout", "zhrouc",
                 "zruten", "srusi", "сруши", "urusav", "урушав", "desplom", "desmoron", "انهار",
                 # (fourteenth round) a roof, a floor, a mine that caves in
                 "caved in", "caves in", "cave in"),
    # gunmen holding a building against the forces sent in ("siege under way at seafront
    # hotel", "gunmen stormed a hotel"): the words of a siege's later reports, which often
    # name neither the shots nor the blast that began it
    "siege": (
        "siege", "besieg", "stormed", "storming", "assieg", "asedi", "assedi", "belager",
        "осад", "штурм", "حصار",
        # (twelfth round) Turkish, Polish, Czech, Serbian, Albanian, Ukrainian, Dutch
        "kusatma", "oblezen", "oblehan", "opsad", "rrethim", "облог", "belegering",
        # (seventeenth round) an armed assault on a building ("the assault on the hotel at
        # Lido", "l'assaut contre l'hôtel"), not an assault on a person ("was assaulted")
        "assault on the", "assault on a", "assaut contre", "assaut sur", "assaut du", "l assaut",
    ),
    "kidnapping": (
        "kidnap", "abduct", "hostag", "enlev", "secuestr", "entfuhr", "похищ", "sequestr",
        "porwa", "اختطاف", "otmic", "rremb", "викрад",
        # (twelfth round) Turkish, Dutch, Arabic
        "kaciril", "ontvoer", "خطف",
        # (twenty-ninth round) hostages and hostage-taking in the other languages ("prise
        # d'otages", "Geiselnahme", "rehine", "rehenes", "ostaggi", "reféns", "заложники",
        # "заручники", "zakładnicy", "rukojmí", "gijzeling", "رهائن"), where only the English
        # "hostage" was read
        "otage", "geisel", "rehin", "rehen", "ostagg", "refem", "refens", "заложн", "заручник",
        "zakladnik", "rukojm", "gijzel", "رهائن", "رهين",
    ),
    # gas or a chemical escaping (an ammonia leak at an ice rink, a chlorine leak at a plant):
    # its reports in other languages share no other kind's word. The Czech and Slovak "únik"
    # only as the verb or whole ("unikátní" is unique); the Romance "fuite", "fuga" only of
    # gas or chemicals, being also a flight
    "leak": (
        "leak", "unikl", "unikol", "unik ", "uniku ", "wyciek", "утечк", "витік", "витоку",
        "تسرب", "vazament", "fuite de gaz", "fuite toxique", "fuite chimique", "fuga de gas",
        "fuga di gas", "fuga toxica", "fuga quimica", "fuga chimica", "gasleck",
        # the toxic gas a plant lets out, named alone ("Chlor-Austritt", "chlorine escaped",
        # "wyciek chloru", "выброс аммиака"): a report naming it tells of its release
        "chlor", "хлор", "cloro ", "ammonia", "amoniac", "amoniak", "ammoniak", "cpavk",
        "cpavek", "аммиак", "аміак", "austritt", "ausgetreten",
        # (twelfth round) Turkish, Serbian and Croatian (both scripts), Albanian
        "sizinti", "curenj", "цурење", "rrjedhj",
    ),
    "heat": (
        "heatwave", "heat wave", "canicul", "hitzewell", "жара", "ola de calor", "upal",
        # (twelfth round) French, Italian, Portuguese, Dutch, Turkish, Serbian, Croatian,
        # German, Ukrainian
        "vague de chaleur", "ondata di calore", "onda de calor", "hittegolf",
        "sicak hava dalga", "toplotni talas", "toplinski val", "vrucin", "hitze ", "спека ",
        "спеки ",
    ),
    "election": (
        "election", "vote", "ballot", "exit poll", "runoff", "wybor", "elecci", "eleic",
        "elezion", "wahl", "выбор", "izbor", "انتخاب", "referend", "sondaz", "volb", "zgjedhj",
        "вибор",
        # (twelfth round) Turkish, Dutch, Serbian (both scripts) and Croatian voting
        "secim", "verkiezing", "избор", "glasanj", "гласањ",
    ),
    "government": (
        "resign", "demission", "dimision", "rucktritt", "отставк", "ostavk", "coalition",
        "koalition", "ampel", "confidence vote", "vertrauensfrage", "prime minister",
        "premiere ministre", "zerbroch", "government collaps", "sacks", "sacked",
        "dismiss", "entlass", "chancellor", "kanzler", "doreheq", "dymisj", "demisi", "відставк",
        # (twelfth round) resignations in Turkish, Dutch, Serbian Cyrillic, Czech and Slovak,
        # Italian, Portuguese, Arabic
        "istifa", "aftreden", "treedt af", "оставк", "rezign", "dimission", "demiss", "استقال",
    ),
})

#: a kind's word does not count after these words ("opened fire" is a shooting, not a fire)
NOT_AFTER: MappingProxyType[str, frozenset[str]] = MappingProxyType({
    "fire": frozenset({"opened", "open", "opens",
                       # (fourteenth round) the Albanian "hapi zjarr" (opened fire)
                       "hapi", "hapen"}),
    # "gunmen storm Mogadishu hotel" is an assault, not the weather
    # (twenty-ninth round) "riots erupt", "violence erupted": the English verb of any
    # outbreak, a volcano's only when nothing of people breaks out
    "eruption": frozenset({
        "riot", "riots", "violence", "clashes", "protest", "protests", "fighting", "unrest",
        "chaos", "fire", "fires", "gunfire", "brawl", "brawls", "tensions", "scuffles",
        "fights", "anger", "fury", "outrage", "row", "demonstrations", "war", "looting",
    }),
    "storm": frozenset({
        "gunmen", "militants", "fighters", "troops", "police", "protesters", "protestors",
        "rebels", "soldiers", "forces", "attackers", "insurgents", "crowd", "crowds", "rioters",
        "mob", "demonstrators", "jihadists", "commandos",
    }),
    # (twenty-ninth round) trees and poles felled by a storm ("arbres abattus", "poteaux
    # abattus") are not shot
    "shooting": frozenset({"arbres", "arbre", "poteaux", "poteau", "pylones", "pylone"}),
    # (fourteenth round) a heatstroke or sunstroke is no strike ("тепловой удар")
    "airstrike": frozenset({
        "тепловой", "тепловым", "теплового", "солнечный", "солнечным", "тепловий", "сонячний",
    }),
})

#: the words that end a German compound and name its kind: German writes a gas explosion and a
#: flat's fire as one word ("Gasexplosion", "Wohnungsbrand"), where the other languages' words
#: start a word of their own. Folded; a word counts when it ends with one of these (and an
#: ending of case or number). Only heads that end few other words: "Feuer" also ends
#: "Lauffeuer" (news spreading), "Schuss" begins and ends "Ausschuss" (a committee).
GERMAN_HEADS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "explosion": ("explosion", "bombe"),
    "fire": ("brand",),
    "crash": ("unfall", "ungluck", "entgleisung"),
    "walkout": ("streik",),
    # (twelfth round) "Jahrhunderthochwasser", "Sommergewitter", "Seebeben",
    # "Massenschießerei", "Messerstecherei", "Raketenbeschuss", "Brückeneinsturz",
    # "Bauernprotest"; not "Sturm" ("Ansturm" is a rush), "Austritt" ("Parteiaustritt") nor
    # "Flut" ("Datenflut", a flood of data)
    "flood": ("hochwasser",),
    "storm": ("gewitter", "unwetter", "orkan"),
    "quake": ("beben",),
    "shooting": ("schießerei",),
    "stabbing": ("stecherei",),
    "airstrike": ("beschuss",),
    "collapse": ("einsturz",),
    "protest": ("protest",),
})
#: the same for Dutch, which writes its compounds as one word too: "gasexplosie",
#: "woningbrand", "busongeluk", "treinbotsing", "scholierenstaking", "zomerstorm"
DUTCH_HEADS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "explosion": ("explosie", "ontploffing"),
    "fire": ("brand",),
    "crash": ("ongeluk", "botsing"),
    "walkout": ("staking",),
    "shooting": ("schietpartij",),
    "stabbing": ("steekpartij",),
    "flood": ("overstroming",),
    "storm": ("storm",),
    "quake": ("aardbeving", "beving"),
})
#: the languages whose compounds are read by their last word, and their heads
COMPOUND_HEADS: MappingProxyType[str, MappingProxyType[str, tuple[str, ...]]] = MappingProxyType({
    "de": GERMAN_HEADS, "nl": DUTCH_HEADS,
})

#: a kind's word does not count when the next word is one of these (folded prefixes, or whole
#: words ending in a space, as ``KINDS``): in Polish a fire "breaks out" with the verb of an
#: explosion ("wybuchł pożar"), Czech and Slovak likewise ("vybuchl požár" is rarer than
#: "vypukl", but written)
NOT_BEFORE: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "explosion": ("pozar", "poziar"),
    # what a court or a parliament overturns: "overturned the ruling", "overturns ban"
    "crash": ("the ", "a ", "an ", "his ", "her ", "its ", "their ", "convict", "ruling",
              "ban ", "decision", "verdict", "sentence", "law ", "result"),
    # (fourteenth round) a blow of a knife or a fist, lightning, an electric shock ("удар
    # ножом", "удар молнии", "удар током") is no air strike
    "airstrike": ("нож", "кулак", "молни", "блискавк", "током ", "струмом "),
    # (fourteenth round) "das Feuer eröffnet" is shots, not a fire
    "fire": ("eroffnet",),
})
#: (fourteenth round) the words of a kind that ``NOT_BEFORE`` is about, where not all of them:
#: the court's "overturned the ruling", not the Italian "tamponamento a catena", the
#: Spanish "arrolla a varios peatones", the Portuguese "acidente a norte de Lisboa" (the
#: English articles are the Romance "a")
NOT_BEFORE_WORDS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "crash": ("overturn",),
    "airstrike": ("удар",),
    "fire": ("feuer",),
})

#: folded whole words that start like a kind's word and are none: firefighters ("bomberos",
#: "bombeiros": a landslide's rescuers read as a bombing), shelters (the "shell" of shelling)
NOT_KIND = frozenset({
    "bombero", "bomberos", "bombera", "bomberas", "bombeiro", "bombeiros", "shelter",
    "shelters", "sheltered", "sheltering", "sinkhole", "sinkholes",
    # the "firefight" of a gun battle is no firefighter
    "firefighter", "firefighters", "firefighting",
    # the German fire brigade ("Feuerwehr", "nach Angaben der Feuerwehr" in a stabbing's report)
    "feuerwehr", "feuerwehren", "feuerwehrleute", "feuerwehrmann", "feuerwehrmanner",
    # Czech firefighters and the fire service ("požárníci", "požární")
    "pozarnik", "pozarnici", "pozarniku", "pozarni", "pozarnich", "pozarniho",
    # (fourteenth round) the football's top scorer ("бомб" is a bomb)
    "бомбардир", "бомбардира", "бомбардиры", "бомбардиром", "бомбардиров",
})

#: kinds of happening over in a moment, which recur in one city the same day: a first toll
#: given hours after one is not taken for its (``decide``), as a storm's or a protest's is
MOMENTARY = frozenset({"explosion", "airstrike", "shooting", "stabbing"})
#: (twenty-first round) kinds of happening that go on for hours, reported in other languages
#: for as long as they do: a fire, a flood, a storm, a heatwave, an eruption, a leak
#: (twenty-ninth round) and a siege or a hostage-taking, held for hours before its end is
#: told ("rehine krizi sona erdi", four hours after "Geiselnahme in Karlsruher Apotheke")
GOING_ON = frozenset({"fire", "flood", "storm", "heat", "eruption", "leak", "siege",
                      "kidnapping"})

#: kinds that one happening often has together: a missile strike is explosions, a blast sets
#: a fire, rain brings floods and landslides, gunmen besiege a hotel. Two reports whose kinds
#: are only such neighbours do not conflict (``decide``); a bombing and a shooting still do.
RELATED: frozenset[frozenset[str]] = frozenset(frozenset(pair) for pair in (
    ("explosion", "airstrike"), ("explosion", "fire"), ("airstrike", "fire"),
    ("landslide", "collapse"), ("landslide", "flood"), ("flood", "storm"),
    ("landslide", "storm"), ("siege", "shooting"), ("siege", "explosion"),
    ("siege", "kidnapping"), ("protest", "clash"), ("protest", "walkout"),
    ("crash", "fire"), ("quake", "collapse"), ("quake", "landslide"),
    # a gas leak sets off the blast or the fire that its later reports are about
    ("leak", "explosion"), ("leak", "fire"),
    # (twenty-ninth round) a quake in a volcanic field ("el sismo de los Campos Flégreos, zona
    # volcánica"), and the quakes that come with an eruption
    ("quake", "eruption"),
))

#: words that set a report's happening apart from one reported before, when at most two words
#: before a kind's word: "a separate fire", "another blast", "un autre incendie", "otro
#: tiroteo". Folded whole words. ("Second" is left out: "a second blast" is as often the same
#: attack's.)
APART = frozenset({
    "separate", "another", "autre", "distinct", "otro", "otra", "distinto", "distinta", "outro",
    "outra", "altro", "altra", "weiterer", "weiteres", "weitere", "weiteren", "anderer",
    "anderes", "другой", "другое", "другая", "еще", "інший", "інша", "інше", "inny",
    "inna", "inne", "drugi", "druga",
    # (twelfth round) the other languages read: Czech and Slovak "další", "jiný", "iný",
    # Polish "kolejny", Serbian and Croatian "drugo" and Cyrillic "други", Dutch
    # "afzonderlijke", Turkish "başka", "ayrı", "diğer", Albanian "tjetër", Arabic "آخر",
    # "أخرى" (folded, as the text is: "ى" is "ي"), "منفصل"; "separado", "séparé", "separato"
    "dalsi", "jiny", "jina", "jine", "iny", "ina", "ine", "kolejny", "kolejna", "kolejne",
    "drugo", "други", "друга", "друго", "afzonderlijke", "baska", "ayri", "diger", "tjeter",
    "tjetra", "اخر", "اخري", "منفصل", "منفصله", "separado", "separada", "separe", "separee",
    "separato", "separata",
    # (thirteenth round) "another" and "yet another" in the languages that lacked a word for
    # it: Dutch "andere" ("een andere brand"), Serbian and Croatian "još jedan" in both
    # scripts, Russian "очередной", Ukrainian "черговий", Polish "następny", German
    # "erneut" (a renewed one)
    "andere", "jos", "још", "очередной", "очередная", "очередное", "черговий", "чергова",
    "чергове", "nastepny", "nastepna", "nastepne", "erneuter", "erneute", "erneutes",
    "erneuten",
    # (sixteenth round) "also", "too" just before the kind's word: "Chuva forte também alaga
    # Campinas", "les agriculteurs bloquent aussi", "auch in Offenbach brennt": the same kind
    # again, somewhere else
    "also", "tambem", "tambien", "aussi", "auch", "anche", "также", "тоже", "також", "теж",
    "takode", "takoder", "rovnez", "takze", "gjithashtu", "ايضا",
})

#: the ordinal "second", which sets a happening apart only just before its kind's word ("a
#: second blast", "eine zweite Explosion"): two words back it is as often a day or a time
#: ("for a second day, drones struck")
APART_ORDINALS = frozenset({
    "second", "deuxieme", "seconde", "segundo", "segunda", "secondo", "seconda", "zweite",
    "zweiter", "zweites", "zweiten", "tweede", "второй", "вторая", "второе", "другий",
    "друге", "druhy", "druha", "druhe", "ikinci", "dyte",
})

#: (thirtieth round) the words that, between the ordinal "second" and a kind's word, make it
#: a time or a rank, not another happening: "for a second day, drones struck", "the second
#: deadliest fire". Any other word there names the kind ("a second bar shooting", "second
#: gas explosion in a day"): another happening of that kind
ORDINAL_NOT_APART = frozenset({
    "day", "days", "night", "nights", "time", "week", "straight", "consecutive", "successive",
    "year", "largest", "biggest", "deadliest", "worst", "tag", "nacht", "mal", "jour", "nuit",
    "fois", "dia", "noche", "vez", "giorno", "notte", "volta", "день", "ночь", "сутки", "раз",
    "добу", "ніч", "dzien", "noc", "den",
})

#: (seventeenth round) a gathering held in solidarity with others, folded phrases matched on
#: word boundaries: "thousands march in Batumi in solidarity with Tbilisi protesters" is a
#: protest of its own, which names the other's city only to say whom it supports
SOLIDARITY = (
    "in solidarity with", "en solidarite avec", "en solidaridad con", "em solidariedade com",
    "in solidarieta con", "in solidaritat mit", "в знак солидарности",
    "на знак солідарності", "u znak solidarnosti", "у знак солидарности", "w solidarnosci z",
    "تضامنا مع",
)

#: the same, where the language puts the word after the kind's ("انفجار آخر", "un incendio
#: distinto", "un incendie séparé", "një zjarr tjetër"): the word just after a kind's word.
#: Only adjectives, never "ещё" or "still", which after a kind say it goes on ("пожар ещё не
#: потушен")
APART_AFTER = frozenset({
    "اخر", "اخري", "منفصل", "منفصله", "separado", "separada", "distinto", "distinta",
    "separato", "separata", "distinct", "distincte", "separe", "separee", "tjeter", "tjetra",
    # Arabic "a second" after its noun ("انفجار ثان")
    "ثان", "ثاني", "ثانيه",
})

#: words that name what a report's happening came of: a kind's word at most ``CAUSE_REACH``
#: words after one of these is the cause ("residents protest … after deadly quake", "relatives
#: block road … over Buriganga ferry sinking", "manifestation après le séisme"). Folded whole
#: words. ``facts.kinds`` leaves such a kind out when the report names a kind of its own that
#: is no neighbour of it (``RELATED``): a protest after a quake is a protest; a building that
#: collapsed after the quake is still the quake.
CAUSE = frozenset({
    "after", "over", "following", "apres", "suite", "tras", "despues", "apos", "depois", "dopo",
    "nach", "wegen", "после", "після", "через", "posle", "nakon", "zbog", "pas",
    "pasi", "بعد", "اثر",
    # (twelfth round) because of and after in the other languages read: Serbian Cyrillic
    # "након", "због", Dutch "wegens", "vanwege", German "infolge", Polish "(z) powodu", Czech
    # "kvůli", Slovak "kvôli", Russian "вследствие", Ukrainian "внаслідок", Arabic "بسبب",
    # "عقب"
    "након", "због", "wegens", "vanwege", "infolge", "powodu", "kvuli", "kvoli", "вследствие",
    "внаслідок", "بسبب", "عقب",
    # (nineteenth round) Albanian "për" (over, for: "protestë … për shembjen e palestrës"),
    # which Italian writes too ("protesta per il crollo")
    "per",
})
CAUSE_REACH = 4

#: (twentieth round) the words that tell of another, earlier happening by its distance in
#: time: "hours after a car bomb killed eight soldiers in Tikrit", "quelques heures après le
#: naufrage", "через несколько часов после обстрела". Folded words, the time first and the
#: word for "after" next (the Arabic writes "after" first: "بعد ساعات من"). The figures
#: from there to the clause's end are the other happening's toll, and a place named only
#: there is the other's (``facts.elsewhere``), not this report's
EARLIER_TIMES = frozenset({
    "hours", "hour", "minutes", "day", "days", "heures", "heure", "jours", "horas", "hora",
    "dias", "ore", "giorni", "stunden", "stunde", "tage", "tag", "часов", "часа", "час",
    "суток", "дня", "годин", "години", "годину", "днів", "godzin", "godziny", "dni", "sati",
    "сати", "dana", "дана", "oret", "uur", "hodin", "hodiny", "dnu",
    # (twenty-ninth round) the Russian and Ukrainian day ("второй пожар за день после
    # возгорания рынка")
    "день",
})
EARLIER_AFTER = frozenset({
    "after", "apres", "despues", "tras", "depois", "apos", "dopo", "nach", "после", "спустя",
    "після", "po", "nakon", "posle", "након", "pas", "na", "od",
})
#: (twenty-second round) the words that open a sentence about something that happened
#: before the report's own happening: "Earlier that night an explosive went off in
#: Charlois", "Eerder die nacht ging ook …", "Plus tôt dans la journée", "Zuvor", "Ранее".
#: Folded whole words, counted only as a sentence's first word (``facts.elsewhere``)
EARLIER_OPENERS = frozenset({
    "earlier", "eerder", "zuvor", "bereits", "ранее", "раніше", "wczesniej", "ranije",
    "раније", "dříve", "drive", "predtim", "herët", "antes", "anteriormente", "precedentemente",
    "прежде", "önce",
})
#: (twenty-ninth round) the phrases that tell of another happening the same day, inside a
#: sentence about the report's own: "injuring four workers, police said, on the same day a
#: condominium under construction collapsed in Bangkok", "le même jour", "am selben Tag".
#: Folded phrases on word boundaries; from one to its clause's end is the other happening's
#: (``facts.elsewhere``). Not at a sentence's start: "On the same day, two more died" is the
#: report's own
SAME_DAY = (
    "on the same day", "the same day", "le meme jour", "el mismo dia", "ese mismo dia",
    "no mesmo dia", "nesse mesmo dia", "lo stesso giorno", "nello stesso giorno",
    "am selben tag", "am gleichen tag", "в тот же день", "того же дня", "того ж дня",
    "в той же день", "tego samego dnia", "isti dan", "istog dana", "истог дана", "ayni gun",
    "dezelfde dag", "ve stejny den", "في اليوم نفسه", "في نفس اليوم",
)
#: the Arabic "after hours of": "after" first, then the time ("بعد ساعات من الغارة")
EARLIER_BEFORE = frozenset({"بعد"})
EARLIER_TIMES_AFTER = frozenset({"ساعات", "ساعه", "ساعتين", "يوم", "يومين", "ايام", "دقائق"})

#: (twentieth round) the words that count a part of a toll already given: "nine dead,
#: among them two children", "dont trois enfants", "darunter zwei Kinder", "بينهم طفلان". A
#: figure at most ``PART_REACH`` words after one is no toll of its own; two happenings do not
#: meet by the children among their dead. Folded phrases, matched on word boundaries
PART_OF = (
    "including", "among them", "among whom", "of whom", "dont", "entre ellos", "entre ellas",
    "incluidos", "incluidas", "entre eles", "entre elas", "incluindo", "tra cui", "fra cui",
    "tra i quali", "tra questi", "darunter", "unter ihnen", "в том числе", "среди них",
    "из них", "серед них", "у тому числі", "в тому числі", "з них", "w tym", "wsrod nich",
    "medu njima", "међу њима", "ukljucujuci", "mes tyre", "perfshire", "بينهم", "منهم",
    "من بينهم", "aralarinda", "waaronder", "onder wie", "z toho", "vcetne", "mezi nimi",
)
PART_REACH = 3
#: (twenty-second round) the words just after a figure that make it a part of a toll already
#: given: "15 hurt, two of them badly", "двоє з них у важкому стані", "deux d'entre eux",
#: "dos de ellos". Folded phrases, matched on the words after the figure
PART_AFTER = (
    "of them", "of whom", "d entre eux", "d entre elles", "de ellos", "de ellas", "deles",
    "delas", "di loro", "di cui", "von ihnen", "davon", "из них", "з них", "із них",
    "z nich", "od njih", "од њих", "prej tyre", "منهم",
)

#: The English "strike" is an air strike or a walkout; these words just before it say which
#: (every other "strike" is left to the other words of the text).
STRIKE_LABOUR_BEFORE = frozenset({
    "rail", "workers", "general", "hour", "port", "drivers", "transport", "hunger", "doctors",
    "teachers", "national", "dockers", "union", "staff",
    # (twelfth round) the other trades and forms a walkout is named by
    "nurses", "miners", "pilots", "postal", "nationwide", "warning", "bus", "tram", "metro",
    "airport", "airline", "railway", "day", "week", "indefinite",
})
STRIKE_AIR_BEFORE = frozenset({
    "air", "missile", "drone", "rocket", "israeli", "russian", "ukrainian", "us", "deadly",
    # (twelfth round) the weapons that strike
    "artillery", "ballistic", "airstrike", "precision",
})

#: casualty words: what a number beside them counts. A folded token counts when it starts with
#: one of these, or, for the words in ``CASUALTY_WORDS``, when it is one: "tues" would also
#: start "tuesday", "tot" "total", "mort" "mortar".
CASUALTY_WORDS: MappingProxyType[str, frozenset[str]] = MappingProxyType({
    "dead": frozenset({
        "died", "mort", "morts", "morte", "mortes", "tue", "tues", "tuee",
        "tuees", "tot", "tote", "toten", "morti", "mortos",
        # "un morto", "uma morta"; "muere uno de los heridos", "murió"
        "morto", "morta", "muere", "mueren", "murio", "murieron",
        # the Dutch dead ("drie doden", "een dode"), the Turkish dead and those who died ("üç
        # ölü", "ölen"), "hayatını kaybetti" (lost their life)
        "dode", "dood", "olu", "olen", "hayatini", "hayatlarini",
        # (fourteenth round) who killed: the Spanish and Portuguese "mata", "matan", "mató",
        # "mataron", "matou", "mataram", "matam" and the German "tötet", "töteten" (whole:
        # "matar" is also a verb of every day, "mato" a thicket)
        "mata", "matan", "mato", "mataron", "matou", "mataram", "matam", "totet", "toteten",
    }),
    # (twenty-first round) the treated a fire's or a crash's report counts ("twelve people
    # were treated for smoke inhalation", "douze personnes ont été soignées", "atendidos",
    # "medicati", "behandelt"): whole words, "treat" also starts "treaty"
    "injured": frozenset({
        "treated", "soigne", "soignes", "soignee", "soignees", "atendidos", "atendidas",
        "medicati", "medicate", "behandelt", "behandeld",
    }),
    "missing": frozenset(),
})
#: the words of one person's death, folded whole words ("worker dies after crane accident",
#: "morre professora esfaqueada", "zmarł jeden z rannych", the Czech "našli mrtvého", found a
#: dead man): a text that says so and gives no figure of the dead has one dead
#: (``facts.casualties``), the first death of a happening whose first reports gave only
#: injured. Plurals are left out: "died" is also "dozens died", and a figure beside them is
#: read as any other.
ONE_DIED = frozenset({
    "dies", "meurt", "decede", "decedee", "succombe", "mrtveho", "mrtvou", "muere", "fallece",
    "murio", "fallecio", "morre",
    "morreu", "muore", "deceduto", "deceduta", "stirbt", "gestorben", "verstorben", "умер",
    "умерла", "скончался", "скончалась", "помер", "померла", "zmarl", "zmarla", "zemrel",
    "zemrela", "zomrel", "zomrela", "preminuo", "preminula", "umro", "umrla", "преминуо",
    "преминула", "умро", "умрла", "vdiq", "overleden", "توفي",
    # a corpse, and a body said to be lifeless ("el cuerpo sin vida", "leblos",
    # "бездыханное тело"): one dead found, in any language (``ONE_DIED_PAIRS`` for the
    # languages that say "without life" in two words)
    "lifeless", "leiche", "leichnam", "leblos", "leblose", "leblosen", "cadavre", "cadavere",
    "cadaver", "zwloki", "mrtvola", "mrtvolu", "труп", "безжизненное",
    "бездыханное", "бездыханным", "безжизненным", "бездиханне", "бездиханним", "ceset", "cesedi",
    # one killed or perished, in the singular of each language: the Serbian and Croatian
    # "poginuo", "poginula", "stradao", "stradala" in both scripts, the Russian "погиб",
    # "погибла", the Ukrainian "загинув", "загинула", the Polish "zginął", "zginęła", the
    # Czech and Slovak "zahynul", "zahynula", the Portuguese "faleceu", the German "starb",
    # the Turkish "hayatını (kaybetti)"
    "poginuo", "poginula", "stradao", "stradala", "погинуо", "погинула", "страдао",
    "страдала", "погиб", "погибла", "загинув", "загинула", "zginal", "zginela", "zahynul",
    "zahynula", "faleceu", "starb", "hayatini",
    # (fourteenth round) the Albanian "vdes" (dies), the Arabic "وفاة" (the death of)
    "vdes", "وفاة",
    # (twenty-first round) the Italian and Portuguese singular "morto", "morta" ("un morto",
    # "un uomo è morto"; the plural "morti", "mortos" is counted as any other)
    "morto", "morta",
    # the Arabic "لقي حتفه", "لقي مصرعه" (met his, her death; "حتفهم" is theirs)
    "حتفه", "حتفها", "مصرعه", "مصرعها",
})
#: (twenty-second round) one person hurt, in the singular of each language ("поранений
#: працівник", "resultó herido", "un blessé", "ranny", "povređen"), and in phrases ("injuring
#: one", "поранено одного", "ein Verletzter"): a text that says so and gives no figure of the
#: injured has one injured (``facts.casualties``), as ``ONE_DIED`` has one dead. Folded whole
#: words; the phrases are matched on word boundaries
ONE_HURT = frozenset({
    "поранений", "поранена", "травмований", "травмована", "ранен", "ранена", "раненый",
    "травмирован", "травмирована", "ranny", "ranna", "blesse", "blessee", "herido", "ferito",
    "ferido", "povreden", "povredena", "povrijeden", "povrijedena", "ranjen", "ranjena",
    "повређен", "повређена", "рањен", "рањена", "verletzter", "schwerverletzter",
})
ONE_HURT_PHRASES = (
    "injuring one", "injures one", "one injured", "one person injured", "one person was injured",
    "one hurt", "one person hurt", "one wounded", "поранено одного", "поранено одну",
    "одного поранено", "ранен один", "один раненый", "один пострадавший", "одна пострадавшая",
)
#: a death of someone already reported hurt, folded phrases matched on word boundaries:
#: "one of the injured died", "died of her injuries", "died in hospital", in the languages
#: read. Such a report, like one saying a toll rose, speaks of a happening reported before
#: with fewer dead (``facts.toll_rises``)
DIED_OF_WOUNDS = (
    "one of the injured", "one of the wounded", "died of his injuries", "died of her injuries",
    "died of their injuries", "died of injuries", "died from his injuries",
    "died from her injuries", "died in hospital", "succumbed to",
    "l un des blesses", "l une des blessees", "succombe a ses blessures", "mort a l hopital",
    "morte a l hopital", "decede a l hopital", "decedee a l hopital",
    "uno de los heridos", "una de las heridas", "murio en el hospital",
    "fallecio en el hospital", "a causa de las heridas", "a consecuencia de las heridas",
    "uno dei feriti", "una delle ferite", "morto in ospedale", "morta in ospedale",
    "deceduto in ospedale", "deceduta in ospedale", "per le ferite riportate",
    "um dos feridos", "uma das feridas", "morreu no hospital", "morre no hospital",
    "einer der verletzten", "eine der verletzten", "eines der verletzten",
    "seinen verletzungen erlegen", "ihren verletzungen erlegen", "im krankenhaus gestorben",
    "jeden z rannych", "jedna z rannych", "zmarl w szpitalu", "zmarla w szpitalu",
    "jeden ze zranenych", "jedna ze zranenych", "zemrel v nemocnici", "zemrela v nemocnici",
    "zomrel v nemocnici", "zomrela v nemocnici",
    "один из раненых", "одна из раненых", "скончался в больнице", "скончалась в больнице",
    "умер в больнице", "умерла в больнице",
    "один із поранених", "одна з поранених", "помер у лікарні", "померла в лікарні",
    "померла у лікарні", "помер в лікарні",
    "jedan od povredjenih", "jedan od ozlijedjenih", "jedan od ranjenih",
    "preminuo u bolnici", "preminula u bolnici", "umro u bolnici", "umrla u bolnici",
    "vdiq ne spital", "nje nga te plagosurit",
    "متاثرا بجراحه", "متاثرا بجروحه", "متاثره بجراحها",
    "yaralilardan biri", "hastanede hayatini kaybetti",
    "een van de gewonden", "overleden in het ziekenhuis", "aan zijn verwondingen overleden",
    # succumbed to the wounds, in the phrases of the languages the rounds before missed
    "podlegao povredama", "podlegla povredama", "podlegao ozljedama", "podlegla ozljedama",
    "podlegao ranama", "подлегао повредама", "подлегла повредама", "један од повређених",
    "један од рањених", "преминуо у болници", "преминула у болници",
    "podlehl zranenim", "podlehla zranenim", "podlahol zraneniam", "podlahla zraneniam",
    "zmarl w wyniku obrazen", "zmarla w wyniku obrazen",
    "скончался от ран", "скончалась от ран", "умер от ран", "умерла от ран",
    "скончался от полученных", "скончалась от полученных", "помер від поранень",
    "померла від поранень", "помер від отриманих", "померла від отриманих",
    "im krankenhaus verstorben", "erlag seinen verletzungen", "erlag ihren verletzungen",
    "schweren verletzungen erlegen", "mort de ses blessures", "morte de ses blessures",
    "decede de ses blessures", "decedee de ses blessures", "murio a causa de sus heridas",
    "resistiu aos ferimentos", "em consequencia dos ferimentos", "a causa delle ferite",
    "kaldirildigi hastanede", "متاثره بجروحها", "متاثرين بجراحهم", "nderroi jete ne spital",
    "overleed aan zijn verwondingen", "overleed aan haar verwondingen",
    # (nineteenth round) the death of one said to have been hurt, in a relative clause:
    # "preminuo je putnik koji je teško povređen" (a passenger who was badly hurt has died),
    # "who was seriously injured", "qui avait été grièvement blessé"
    "koji je teško povređen", "koja je teško povređena", "koji je povređen",
    "koja je povređena", "koji je teško ozlijeđen", "koja je teško ozlijeđena",
    "koji je tesko povredjen", "koja je tesko povredjena",
    "који је тешко повређен", "која је тешко повређена",
    "who was seriously injured", "who was badly injured", "who was critically injured",
    "who had been seriously injured", "qui avait ete grievement blesse",
    "qui avait ete grievement blessee", "que resulto herido de gravedad",
    "que resulto gravemente herido", "che era rimasto gravemente ferito",
    "der schwer verletzt worden war", "die schwer verletzt worden war",
    # (twenty-first round) the Albanian "që u plagos rëndë" (who was badly hurt), "që ishte
    # plagosur rëndë", and "vdes në spital" (dies in hospital, as a headline says it)
    "qe u plagos rende", "qe ishte plagosur rende", "qe u plagos", "vdes ne spital",
)
#: one person's death said in two words, folded whole words one after the other: the body
#: "sin vida", "sans vie", "senza vita", "sem vida", "bez życia", "bez života", "pa jetë"
ONE_DIED_PAIRS = frozenset({
    ("sin", "vida"), ("sans", "vie"), ("senza", "vita"), ("sem", "vida"), ("bez", "zycia"),
    ("bez", "zivota"), ("pa", "jete"), ("zonder", "leven"),
    # the Polish "nie żyje" (is dead), the Albanian "u vra" (was killed), "humbi jetën" (lost
    # his life)
    ("nie", "zyje"), ("u", "vra"), ("humbi", "jeten"),
    # (twenty-ninth round) one dead told by the article and the noun: "ein Toter", "un mort",
    # "un muerto", "un morto", "um morto", "een dode"
    ("ein", "toter"), ("eine", "tote"), ("un", "mort"), ("une", "morte"), ("un", "muerto"),
    ("una", "muerta"), ("un", "morto"), ("una", "morta"), ("um", "morto"), ("uma", "morta"),
    ("een", "dode"),
})
#: (fourteenth round) one death said in a phrase, folded, matched on word boundaries as
#: ``DIED_OF_WOUNDS``: a life lost ("a perdu la vie", "ha perso la vita", "kam ums Leben"),
#: someone found dead ("found dead", "retrouvé mort", "hallan muerto", "trovato morto",
#: "tot geborgen", "gjendet i vdekur"), a body found ("найдено тело", "знайшли тіло",
#: "pronađeno telo", "našli tělo", "znaleziono ciało", "العثور على جثة"), and the English
#: "has died", "was killed" of one person. As ``ONE_DIED``, only where the text gives no
#: figure of the dead
ONE_DIED_PHRASES = (
    "has died", "was killed", "found dead", "body was found", "body found", "body of a",
    "a perdu la vie", "perdu la vie", "retrouve mort", "retrouvee morte", "decouvert mort",
    "perdio la vida", "hallan muerto", "hallan muerta", "hallado muerto", "hallada muerta",
    "encontrado muerto", "encontrada muerta",
    "perdeu a vida", "encontrado morto", "encontrada morta",
    "ha perso la vita", "perso la vita", "trovato morto", "trovata morta", "rinvenuto morto",
    "ums leben", "tot geborgen", "tot aufgefunden", "tot gefunden", "leblos aufgefunden",
    "найдено тело", "найден мертвым", "найдена мертвой", "обнаружено тело", "нашли тело",
    "знайшли тіло", "знайдено тіло", "виявили тіло", "знайдено мертвим",
    "pronadeno telo", "pronadjeno telo", "pronaden mrtav", "pronadjen mrtav", "pronadeno tijelo",
    "nasli telo", "nalezeno telo", "nalezli telo", "nasli mrtveho",
    "znaleziono cialo", "znaleziono zwloki", "odnaleziono cialo",
    "gjendet i vdekur", "u gjet i vdekur", "gjendet trupi", "u gjet trupi",
    "العثور على جثة", "انتشال جثة",
    "dood aangetroffen", "dood gevonden", "olu bulundu", "cesedi bulundu",
    # (seventeenth round) a happening's first death, said as such ("Inondations à Florence :
    # un premier mort"): one dead where its first reports gave none
    "first death", "first fatality", "first victim", "premier mort", "premiere victime",
    "primer muerto", "primera victima", "primo morto", "prima vittima", "primeiro morto",
    "primeira vitima", "erste tote", "erster toter", "erstes todesopfer", "первая жертва",
    "первый погибший", "перша жертва", "перший загиблий",
)
CASUALTIES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "dead": (
        "dead", "kill", "death", "toll", "lives", "bodies", "fatalit", "martyr", "muert", "fallec",
        "morrer", "getotet", "погиб", "убит", "загин", "загибл", "zgin", "zabit", "ofiar",
        "poginul",
        "ubijen", "umrl", "corpi", "corps", "cadaver",
        # (nineteenth round) the Portuguese and Spanish bodies ("os corpos de dois pescadores")
        "corpos", "cuerpos", "قتل", "قتيل", "قتلى", "ضحايا", "مقتل",
        # the dead and who died in Czech, Slovak, Croatian and Serbian ("mrtvých", "mrtvih",
        # "zemřel", "zomrel", "umřel", "погинуло"), Albanian ("të vdekur", "vdiq"), and
        # Portuguese "morreu"
        "mrtv", "мртв", "zemrel", "zemre", "zomrel", "zomre", "umrel", "погин", "vdekur", "vdiq",
        "morre",
        # (the twelfth round fills the inflections from the grammars, not from the reports)
        # Serbian and Croatian in Latin letters: "poginuo" (the masculine singular "poginul"
        # missed), "stradao", "stradala", "stradalo", "stradalih" (not "stradali", "stradale":
        # the Italian "incidente stradale" is a road accident), killed "ubijeno", "ubio";
        # Cyrillic "страдао", "убијен"
        "poginu", "stradao", "stradala", "stradalo", "stradalih", "страдао", "страдала",
        "страдало", "убијен",
        # Polish died and killed ("zmarli", "zmarło", "zabici", "zabił"), death ("śmierć",
        # "śmiertelnie"); Czech and Slovak perished ("zahynul", "zahynuli"), killed
        # ("usmrtil"), deaths ("úmrtí")
        "zmarl", "zabici", "zabil", "smierc", "smierteln", "zahyn", "usmrt", "umrti",
        # Italian killed and deceased ("uccisi", "deceduti"), Spanish murdered, Portuguese
        # died and deaths ("faleceram", "óbitos"), French deaths ("décès")
        "uccis", "decedut", "asesinad", "falec", "obito", "deces",
        # German: the dead of a toll ("Todesopfer"), fatally, died ("starb", "starben"),
        # perished ("umgekommen")
        "todesopfer", "todlich", "starb", "umgekommen",
        # Russian and Ukrainian died and death ("умерли", "умерших", "скончались", "гибель",
        # "смерть"), the Ukrainian killed ("вбито", "вбив"), died ("померли")
        "умерл", "умерш", "скончал", "гибел", "смерт", "вбит", "вбив", "померл",
        # Albanian killed ("të vrarë", "u vranë", "vrau")
        "vrare", "vrane", "vrau",
        # Dutch the dead and perished ("doden", "omgekomen"), Turkish killed ("öldürüldü")
        "doden", "omgekom", "oldurul",
        # Arabic death and killed ("وفاة", "مصرع", "لقي حتفه"), martyrs ("شهداء")
        "وفاه", "مصرع", "حتف", "شهيد", "شهداء",
        # English
        "perish", "slain",
        # the French "décédés" (the singular is ``ONE_DIED``), the Arabic deaths ("وفيات"), the
        # Dutch "overleden" in the plural ("drie mensen zijn overleden")
        "deced", "وفيات", "overled",
        # (fourteenth round) the victims a toll counts, as the Polish "ofiar" and the Arabic
        # "ضحايا" above: "le nombre de victimes grimpe à 14", "il numero delle vittime è
        # salito a nove", "víctimas mortales", "Opferzahl", "жертвами удара стали девять
        # человек", "кількість жертв", "broj žrtava", "numri i viktimave", "počet obětí"
        # (a figure beside them; "no victims" stays none of the dead and of the hurt,
        # ``ANY_CASUALTY``)
        "victime", "vittim", "victima", "vitima", "opfer", "жертв", "zrtv", "жртв", "viktim",
        "obeti", "obeta", "obete", "obetem",
        # the toll itself: "le bilan s'alourdit à 23", "il bilancio sale a 23", "el balance
        # asciende a nueve", "o balanço", the Arabic "حصيلة", the adjective "víctimas
        # mortales", "vítimas mortais"
        "bilan", "bilancio", "balance", "balanco", "حصيله", "mortal",
        # who killed, as verbs: the Spanish and Portuguese "mata", "mató", "matou", the
        # Italian "uccide", the Russian "убил", the Serbian and Croatian "ubio", "ubili" (both
        # scripts), the Ukrainian "вбила", "вбили", the Albanian "humbën jetën" (lost their
        # lives), the Arabic "أودى بحياة" (took the lives of)
        "uccid", "убил", "ubio", "ubila", "ubili", "убио", "убила", "убили", "вбил", "humben",
        "بحياه",
        # the Serbian Cyrillic "страдалих" (the Latin "stradalih" is above)
        "страдалих",
    ),
    "injured": (
        "injur", "wound", "hurt", "bless", "herid", "ferid", "ferit", "verletz", "ранен",
        "поранен", "постражда", "пострадав", "пострадал", "povred", "ranjen", "rann", "poszkodow",
        "zranion", "اصيب", "اصابه", "جرحى", "جريح", "مصاب",
        # Czech and Slovak ("zraněných", "zranených"), Croatian "ozlijeđeno", Serbian Cyrillic
        # "повређене", Albanian "u plagosën", "të lënduar"; Dutch "gewonden", "gewond"
        "zranen", "ozlijed", "повређ", "повред", "plagos", "lendu", "gewond",
        # Czech and Slovak hurt ("raněných", "poraněn"), the Croatian ijekavian "povrijeđen"
        # and injury "ozljeda", Serbian Cyrillic "рањен", "повријеђен"; Polish injuries
        # ("obrażenia"), Spanish "lesionados", Italian "ricoverati", German "verwundet", Dutch
        # "verwond", Russian and Ukrainian "травмы", "травмовані", Turkish "yaralı",
        # "yaralandı", Arabic "إصابات"
        "ranen", "poranen", "povrijed", "ozljed", "рањен", "повријеђ", "obrazen", "lesionad",
        "ricoverat", "verwund", "verwond", "травм", "yaral", "اصابات",
        # the counted few taken to hospital are the hurt ("six children in hospital", "sechs
        # Kinder kamen ins Krankenhaus", "14 osób w szpitalu", "hospitalizados")
        "hospital", "krankenhaus", "klinik", "nemocnic", "szpital", "больниц", "госпитал",
        "лікарн", "госпіт", "hopital", "ospedal", "bolnic", "болниц", "spital", "مستشف",
        # (fourteenth round) the Dutch and Turkish hospital, the Portuguese wounds
        # ("ferimentos"), the Spanish "lesiones", and the poisoned by smoke or gas a fire's or
        # a leak's report counts ("intoxiquées", "intossicate", "intoxicados",
        # "Rauchvergiftung", "отравились", "отруїлися", "otrovano", "zatrucie", "smoke
        # inhalation")
        "ziekenhuis", "hastane", "feriment", "lesiones", "intoxi", "intossic", "rauchvergift",
        "gasvergift", "отравил", "отравлен", "отруї", "отруєн", "otrov", "отров", "zatru",
        "inhalation", "inhalacion", "inalazion",
    ),
    "missing": (
        "missing", "disparu", "desaparec", "dispers", "vermisst", "пропал", "пропав", "nestal",
        "zaginie", "مفقود",
        # Ukrainian "зниклі безвісти", German "verschollen", Dutch "vermist", Albanian "të
        # zhdukur", Turkish "kayıp", Czech and Slovak "pohřešovaní", "nezvestní", Serbian
        # and Croatian "nestali" (Cyrillic "нестал"), "unaccounted"
        "зникл", "verschollen", "vermist", "zhduk", "kayip", "pohresov", "nezvest", "нестал",
        "unaccounted",
        # (fourteenth round) the Polish "zaginione", "zaginął" (the prefix above is "zaginie"),
        # the Italian "dispersi" (above as "dispers"), the Portuguese "desaparecid"
        "zagin", "desaparecid",
    ),
})

#: number words before a casualty word ("nine dead", "neuf morts", "погибли пять"): up to
#: twelve and the tens up to fifty, where reports write figures in words
NUMBER_WORDS: MappingProxyType[str, int] = MappingProxyType({
    # en
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "fourteen": 14, "fifteen": 15,
    # fr
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "vingt": 20, "trente": 30,
    # es, pt, it
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "veinte": 20, "trece": 13,
    "dois": 2, "duas": 2, "quatro": 4, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sette": 7, "otto": 8, "dieci": 10,
    # de
    "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwolf": 12, "zwanzig": 20,
    # ru, uk
    "два": 2, "двое": 2, "двух": 2, "три": 3, "трое": 3, "трех": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "двоє": 2, "троє": 3,
    "п'ять": 5, "чотири": 4,
    # the cases a toll is said in: "выросло до девяти", "погибших пятеро"
    "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,
    "четверо": 4, "пятеро": 5, "шестеро": 6,
    # one, said of the dead ("uno de los heridos muere", "jeden z cestujúcich zomrel"): not
    # "un", "una", "ein", "один", articles as often as figures
    "uno": 1, "jeden": 1, "jedna": 1, "jedno": 1, "jedan": 1,
    # sr, hr, pl, cs, sk
    "dva": 2, "dvojica": 2, "tri": 3, "cetiri": 4, "pet": 5, "dwa": 2, "dwie": 2, "trzy": 3,
    "cztery": 4, "piec": 5,
    "sest": 6, "sedam": 7, "osam": 8, "devet": 9, "deset": 10, "dvoje": 2, "troje": 3,
    "cetvoro": 4, "petoro": 5, "sestoro": 6, "sedm": 7, "osm": 8, "sedem": 7, "osem": 8,
    "devat": 9, "desat": 10, "пет": 5, "шест": 6, "седам": 7, "осам": 8, "девет": 9,
    "десет": 10, "петоро": 5,
    # Polish says a toll in the genitive: "wzrosła do pięciu", "do dwóch"
    "dwoch": 2, "trzech": 3, "czterech": 4, "pieciu": 5, "szesciu": 6, "siedmiu": 7,
    "osmiu": 8, "dziewieciu": 9, "dziesieciu": 10, "szesc": 6, "siedem": 7, "osiem": 8,
    "dziewiec": 9, "dziesiec": 10,
    # sq ("pesë të vdekur"; "tetë", eight, is left out: folded it is the French "tête")
    "dy": 2, "kater": 4, "pese": 5, "gjashte": 6, "shtate": 7, "nente": 9,
    "dhjete": 10,
    # ar ("مقتل ثلاثة": three killed)
    "واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاثة": 3, "أربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7,
    "ثمانية": 8, "تسعة": 9, "عشرة": 10,
    # Arabic says "two" by the dual of the noun counted ("إصابة شخصين": two people hurt,
    # "مقتل شرطيين": two policemen killed); only duals no plural is spelt like
    "شخصين": 2, "شخصان": 2, "طفلين": 2, "طفلان": 2, "جنديين": 2, "جنديان": 2, "شرطيين": 2,
    "شرطيان": 2, "رجلين": 2, "رجلان": 2, "امرأتين": 2,
    # (the twelfth round: one to twenty and the tens to fifty in every language read, with
    # their genders and cases, from the grammars; words that are also an article or a common
    # word are left out, as above)
    # en: the teens
    "thirteen": 13, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    # fr: the teens and tens ("dix-sept" is read as two words, ``facts``)
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "dix-sept": 17, "dix-huit": 18,
    "dix-neuf": 19, "quarante": 40, "cinquante": 50,
    # es
    "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    # pt (Brazil and Portugal spell 16, 17 and 19 apart)
    "doze": 12, "treze": 13, "catorze": 14, "dezesseis": 16, "dezasseis": 16, "dezessete": 17,
    "dezassete": 17, "dezoito": 18, "dezenove": 19, "dezanove": 19, "vinte": 20, "trinta": 30,
    "quarenta": 40, "cinquenta": 50,
    # it
    "sei": 6, "undici": 11, "dodici": 12, "tredici": 13, "quattordici": 14, "quindici": 15,
    "sedici": 16, "diciassette": 17, "diciotto": 18, "diciannove": 19, "venti": 20,
    "trenta": 30, "quaranta": 40, "cinquanta": 50,
    # de
    "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17,
    "achtzehn": 18, "neunzehn": 19, "dreißig": 30, "vierzig": 40, "fünfzig": 50,
    # nl ("een" is also the article)
    "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "negen": 9, "tien": 10,
    "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
    "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30,
    "veertig": 40, "vijftig": 50,
    # ru: the feminine, the collective and the genitive ("один" left out, as "one of")
    "две": 2, "двоих": 2, "троих": 3, "четверых": 4, "семеро": 7, "восьмеро": 8, "девятеро": 9,
    "десятеро": 10, "одиннадцать": 11, "одиннадцати": 11, "двенадцать": 12, "двенадцати": 12,
    "тринадцать": 13, "тринадцати": 13, "четырнадцать": 14, "четырнадцати": 14,
    "пятнадцать": 15, "пятнадцати": 15, "шестнадцать": 16, "шестнадцати": 16, "семнадцать": 17,
    "семнадцати": 17, "восемнадцать": 18, "восемнадцати": 18, "девятнадцать": 19,
    "девятнадцати": 19, "двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30,
    "сорок": 40, "сорока": 40, "пятьдесят": 50, "пятидесяти": 50,
    # uk: the apostrophe splits "п'ять" into two words, read together (``facts``)
    "дві": 2, "двох": 2, "трьох": 3, "чотирьох": 4, "п'яти": 5, "п'ятеро": 5, "п'ятьох": 5,
    "шість": 6, "шістьох": 6, "сім": 7, "сімох": 7, "вісім": 8, "вісьмох": 8, "дев'ять": 9,
    "дев'яти": 9, "дев'ятеро": 9, "десятьох": 10, "одинадцять": 11, "дванадцять": 12,
    "тринадцять": 13, "чотирнадцять": 14, "п'ятнадцять": 15, "шістнадцять": 16,
    "сімнадцять": 17, "вісімнадцять": 18, "дев'ятнадцять": 19, "двадцять": 20, "двадцяти": 20,
    "тридцять": 30, "тридцяти": 30, "п'ятдесят": 50,
    # pl: the masculine persons, the collective and the genitive
    "dwaj": 2, "trzej": 3, "czterej": 4, "dwoje": 2, "czworo": 4, "pięcioro": 5,
    "jedenaście": 11, "jedenastu": 11, "dwanaście": 12, "dwunastu": 12, "trzynaście": 13,
    "trzynastu": 13, "czternaście": 14, "czternastu": 14, "piętnaście": 15, "piętnastu": 15,
    "szesnaście": 16, "szesnastu": 16, "siedemnaście": 17, "siedemnastu": 17,
    "osiemnaście": 18, "osiemnastu": 18, "dziewiętnaście": 19, "dziewiętnastu": 19,
    "dwadzieścia": 20, "dwudziestu": 20, "trzydzieści": 30, "trzydziestu": 30,
    "czterdzieści": 40, "czterdziestu": 40, "pięćdziesiąt": 50, "pięćdziesięciu": 50,
    # cs: the feminine and the cases
    "dvě": 2, "dvou": 2, "dvěma": 2, "třech": 3, "čtyři": 4, "čtyř": 4, "čtyřech": 4,
    "pěti": 5, "šesti": 6, "sedmi": 7, "osmi": 8, "devíti": 9, "deseti": 10, "jedenáct": 11,
    "dvanáct": 12, "třináct": 13, "čtrnáct": 14, "patnáct": 15, "šestnáct": 16, "sedmnáct": 17,
    "osmnáct": 18, "devatenáct": 19, "dvacet": 20, "dvaceti": 20, "třicet": 30, "čtyřicet": 40,
    "padesát": 50,
    # sk: the masculine persons and the cases
    "dvaja": 2, "dvoch": 2, "traja": 3, "troch": 3, "štyri": 4, "štyria": 4, "štyroch": 4,
    "päť": 5, "piati": 5, "piatich": 5, "šiesti": 6, "siedmi": 7, "deviati": 9, "desiati": 10,
    "jedenásť": 11, "dvanásť": 12, "trinásť": 13, "štrnásť": 14, "pätnásť": 15, "šestnásť": 16,
    "sedemnásť": 17, "osemnásť": 18, "devätnásť": 19, "dvadsať": 20, "tridsať": 30,
    "štyridsať": 40, "päťdesiat": 50,
    # sr, hr in Latin letters: the ekavian and ijekavian two, the masculine persons
    "dvije": 2, "dvojice": 2, "trojica": 3, "trojice": 3, "četvorica": 4, "četvorice": 4,
    "petorica": 5, "petorice": 5, "šestorica": 6, "sedmorica": 7, "osmorica": 8, "sedmoro": 7,
    "osmoro": 8, "devetoro": 9, "desetoro": 10, "jedanaest": 11, "dvanaest": 12,
    "trinaest": 13, "četrnaest": 14, "petnaest": 15, "šesnaest": 16, "sedamnaest": 17,
    "osamnaest": 18, "devetnaest": 19, "dvadeset": 20, "trideset": 30, "četrdeset": 40,
    "pedeset": 50,
    # sr in Cyrillic
    "један": 1, "једна": 1, "једно": 1, "двије": 2, "двоје": 2, "двојица": 2, "двојице": 2,
    "троје": 3, "тројица": 3, "тројице": 3, "четири": 4, "четворо": 4, "четворица": 4,
    "петорица": 5, "шесторо": 6, "једанаест": 11, "дванаест": 12, "тринаест": 13,
    "четрнаест": 14, "петнаест": 15, "шеснаест": 16, "седамнаест": 17, "осамнаест": 18,
    "деветнаест": 19, "двадесет": 20, "тридесет": 30, "четрдесет": 40, "педесет": 50,
    # sq ("një" is also the article)
    "njëmbëdhjetë": 11, "dymbëdhjetë": 12, "trembëdhjetë": 13, "katërmbëdhjetë": 14,
    "pesëmbëdhjetë": 15, "gjashtëmbëdhjetë": 16, "shtatëmbëdhjetë": 17, "tetëmbëdhjetë": 18,
    "nëntëmbëdhjetë": 19, "njëzet": 20, "tridhjetë": 30, "dyzet": 40, "pesëdhjetë": 50,
    # tr ("bir" is also the article, "on" the English word: the teens as two words)
    "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8, "dokuz": 9,
    "on bir": 11, "on iki": 12, "on üç": 13, "on dört": 14, "on beş": 15, "on altı": 16,
    "on yedi": 17, "on sekiz": 18, "on dokuz": 19, "yirmi": 20, "otuz": 30, "kırk": 40,
    "elli": 50,
    # ar: the forms with a feminine noun, the teens as two words, the tens
    "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "أربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثماني": 8,
    "تسع": 9, "عشر": 10, "أحد عشر": 11, "إحدى عشرة": 11, "اثنا عشر": 12, "اثني عشر": 12,
    "ثلاثة عشر": 13, "أربعة عشر": 14, "خمسة عشر": 15, "ستة عشر": 16, "سبعة عشر": 17,
    "ثمانية عشر": 18, "تسعة عشر": 19, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30,
    "أربعون": 40, "أربعين": 40, "خمسون": 50, "خمسين": 50,
    # (fourteenth round) the tens from sixty to ninety in every language read, and the
    # genitive tens a Slavic toll is said in ("выросло до двадцати трёх", "do dwudziestu
    # trzech"); the tens before a unit make one figure with it (``NUMBER_ONES``, ``facts``)
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "soixante": 60,
    "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "sessenta": 60, "oitenta": 80,
    "sessanta": 60, "settanta": 70, "ottanta": 80, "novanta": 90,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
    "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "шестидесяти": 60, "семидесяти": 70, "восьмидесяти": 80,
    "девяноста": 90,
    "шістдесят": 60, "сімдесят": 70, "вісімдесят": 80, "дев'яносто": 90,
    "п'ятдесяти": 50,
    "sześćdziesiąt": 60, "siedemdziesiąt": 70, "osiemdziesiąt": 80, "dziewięćdziesiąt": 90,
    "sześćdziesięciu": 60, "siedemdziesięciu": 70,
    "osiemdziesięciu": 80, "dziewięćdziesięciu": 90,
    "šedesát": 60, "sedmdesát": 70, "osmdesát": 80, "devadesát": 90, "třiceti": 30,
    "čtyřiceti": 40, "padesáti": 50,
    "šesťdesiat": 60, "sedemdesiat": 70, "osemdesiat": 80, "deväťdesiat": 90,
    "šezdeset": 60, "sedamdeset": 70, "osamdeset": 80, "devedeset": 90,
    "шездесет": 60, "седамдесет": 70, "осамдесет": 80, "деведесет": 90,
    "gjashtëdhjetë": 60, "shtatëdhjetë": 70, "tetëdhjetë": 80, "nëntëdhjetë": 90,
    "altmış": 60, "yetmiş": 70, "seksen": 80, "doksan": 90,
    "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80,
    "تسعون": 90, "تسعين": 90,
    # the units the tens may be written with in one word: the German "dreiundzwanzig", the
    # Dutch "drieëntwintig", the Italian "ventitré", "trentotto", the Spanish "veintitrés",
    # the Czech "třiadvacet", the Slovak "dvadsaťtri" (``_one_word_compounds``)
    **{word: value for word, value in (
        (f"{unit}und{tens}", t + u)
        for tens, t in (("zwanzig", 20), ("dreißig", 30), ("vierzig", 40), ("fünfzig", 50),
                        ("sechzig", 60), ("siebzig", 70), ("achtzig", 80), ("neunzig", 90))
        for unit, u in (("ein", 1), ("zwei", 2), ("drei", 3), ("vier", 4), ("fünf", 5),
                        ("sechs", 6), ("sieben", 7), ("acht", 8), ("neun", 9)))},
    **{f"{unit}{'ën' if unit[-1] == 'e' else 'en'}{tens}": t + u
       for tens, t in (("twintig", 20), ("dertig", 30), ("veertig", 40), ("vijftig", 50),
                       ("zestig", 60), ("zeventig", 70), ("tachtig", 80), ("negentig", 90))
       for unit, u in (("een", 1), ("twee", 2), ("drie", 3), ("vier", 4), ("vijf", 5),
                       ("zes", 6), ("zeven", 7), ("acht", 8), ("negen", 9))},
    **{(tens[:-1] if unit in ("uno", "otto") else tens) + unit: t + u
       for tens, t in (("venti", 20), ("trenta", 30), ("quaranta", 40), ("cinquanta", 50),
                       ("sessanta", 60), ("settanta", 70), ("ottanta", 80), ("novanta", 90))
       for unit, u in (("uno", 1), ("due", 2), ("tre", 3), ("quattro", 4), ("cinque", 5),
                       ("sei", 6), ("sette", 7), ("otto", 8), ("nove", 9))},
    "veintiuno": 21, "veintiún": 21, "veintiuna": 21, "veintidós": 22, "veintitrés": 23,
    "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29,
    **{f"{unit}a{tens}": t + u
       for tens, t in (("dvacet", 20), ("třicet", 30), ("čtyřicet", 40), ("padesát", 50))
       for unit, u in (("jedn", 1), ("dva", 2), ("tři", 3), ("čtyři", 4), ("pět", 5),
                       ("šest", 6), ("sedm", 7), ("osm", 8), ("devět", 9))},
    **{f"{tens}{unit}": t + u
       for tens, t in (("dvadsať", 20), ("tridsať", 30), ("štyridsať", 40), ("päťdesiat", 50))
       for unit, u in (("jeden", 1), ("dva", 2), ("tri", 3), ("štyri", 4), ("päť", 5),
                       ("šesť", 6), ("sedem", 7), ("osem", 8), ("deväť", 9))},
})

#: (fourteenth round) the units a number word of the tens takes after it, with or without a
#: joining word ("twenty-three", "vingt-trois", "vinte e três", "treinta y dos", "двадцать
#: три", "dvadeset tri", "njëzet e tre", "yirmi üç"): a ten then a unit is one figure
#: (``facts._values``), not the unit alone ("twenty-three" had been 3, fewer dead than a
#: "23 dead" of another report). The units here are those of ``NUMBER_WORDS`` and the words
#: for one and eight that are left out of it as articles or common words, read only after a
#: ten
NUMBER_ONES: MappingProxyType[str, int] = MappingProxyType({
    "one": 1, "un": 1, "une": 1, "uno": 1, "una": 1, "um": 1, "uma": 1, "ein": 1, "eins": 1,
    "один": 1, "одна": 1, "одного": 1, "одной": 1, "одну": 1, "jeden": 1, "jedna": 1,
    "jedan": 1, "један": 1, "një": 1, "bir": 1, "een": 1, "tetë": 8,
})
#: (sixteenth round) the words after a figure that make it a person's age, not a count of
#: people: "um homem de 54 anos morreu", "un joven de 22 años murió", "un homme de 22 ans",
#: "ein 31 Jahre alter Mann", "мужчина 45 лет" ("a 24-year-old" is a compound already)
AGE_AFTER = frozenset({
    "years", "anos", "años", "ans", "anni", "jahre", "jahren", "jahrige", "jahriger",
    "лет", "років", "rokov", "roku", "let", "lat", "godina", "godine", "vjec", "vjeç", "عاما",
    "yasinda",
})
#: (twenty-first round) words for "other", "another", "further" just before a figure: the
#: figure counts another group than the casualty word before it ("murieron dos pasajeros y
#: otros 20 fueron trasladados a hospitales": 20 taken to hospital, not 20 dead), so only the
#: words after it say what it counts. Folded whole words
OTHERS_BEFORE = frozenset({
    "other", "another", "otros", "otras", "outros", "outras", "altri", "altre", "autres",
    "weitere", "andere", "anderen", "другие", "еще", "ещё", "ще", "інші", "inni", "innych",
    "drugih", "jos", "још", "druga", "tjere", "tjeret", "اخرين", "آخرين", "diger",
})
#: (twenty-second round) one of a group, just before the group's figure: "une des trois
#: victimes est décédée", "one of the two injured has died", "uno de los cinco heridos". The
#: figure counts the group, of which the sentence tells of one: it is no toll of what the
#: sentence's verb says (three victims, one dead). Folded words, matched as the words just
#: before a figure (``facts.casualties``)
ONE_OF_BEFORE = (
    "one of the", "one of", "une des", "un des", "uno de los", "una de las", "uno dei",
    "una delle", "uno degli", "einer der", "eine der", "eines der", "um dos", "uma das", "один из",
    "одна из", "один з", "одна з", "один із", "одна із", "jeden z", "jedna z", "jedan od",
    "jedna od", "nje nga", "njeri nga",
)
#: (twenty-ninth round) the ordinals that count a toll by its latest victim: "a third victim
#: dies", "second body found", "murió un tercer pasajero", "troisième victime", "zweites
#: Todesopfer", "третий погибший". Folded whole words, by the figure they give
ORDINAL_COUNTS: MappingProxyType[str, int] = MappingProxyType({
    **dict.fromkeys(("second", "deuxieme", "seconde", "segundo", "segunda", "secondo",
                     "seconda", "zweite", "zweiter", "zweites", "zweiten", "второй", "вторая",
                     "второго", "другий", "друга", "drugi", "druga", "drugiej", "drugiego",
                     "ikinci"), 2),
    **dict.fromkeys(("third", "troisieme", "tercer", "tercero", "tercera", "terceiro",
                     "terceira", "terzo", "terza", "dritte", "dritter", "drittes", "dritten",
                     "третий", "третья", "третьего", "третій", "третя", "trzeci", "trzecia",
                     "trzeciej", "trzeciego", "treci", "treca", "ucuncu"), 3),
    **dict.fromkeys(("fourth", "quatrieme", "cuarto", "cuarta", "quarto", "quarta",
                     "vierte", "vierter", "viertes", "vierten", "четвертый", "четвертая",
                     "четвертий", "czwarty", "czwarta", "cetvrti"), 4),
    **dict.fromkeys(("fifth", "cinquieme", "quinto", "quinta", "funfte", "funfter",
                     "funftes", "пятый", "пятая", "пятий", "piaty", "piata"), 5),
})
#: the words that name a victim after an ordinal ("a third victim", "the second body", "un
#: tercer pasajero", "a third person"): folded prefixes. With a word of the dead near, the
#: ordinal is the toll (``facts.casualties``)
ORDINAL_VICTIMS = (
    "victim", "body", "person", "passenger", "worker", "miner", "pedestrian", "patient",
    "victime", "corps", "personne", "passager", "victima", "cuerpo", "persona", "pasajer",
    "vitima", "corpo", "pessoa", "passageir", "vittim", "persona", "passegger", "opfer",
    "todesopfer", "leiche", "tote", "toter", "totes", "жертв", "тело", "погибш", "пассажир",
    "ofiar", "cialo", "osob", "zrtv", "tijelo", "kurban", "ceset",
)
#: of those, the ones that are the dead themselves ("second body found", "zweiter Toter")
ORDINAL_DEAD = ("body", "corps", "cuerpo", "corpo", "leiche", "todesopfer", "tote", "toter",
                "totes", "тело", "погибш", "cialo", "tijelo", "ceset")
#: the words that may join a ten and its unit: the Portuguese and Albanian "e", the Spanish
#: "y", the French "et" ("vingt et un")
NUMBER_JOINERS = frozenset({"e", "y", "et"})

#: words that say there were none of what the casualty word at most ``NONE_REACH`` words after
#: them counts: "no one was hurt", "nobody was injured", "no casualties", "aucun blessé",
#: "personne n'a été blessé", "никто не пострадал", "nikt nie zginął". Folded whole words.
NONE_BEFORE = frozenset({
    # en
    "no", "nobody", "none", "without", "zero", "wasn", "weren",
    # fr ("personne n'a été blessé": "personne" alone is "a person", so the "n" of "n'a")
    "aucun", "aucune", "sans", "n",
    # es, pt, it
    "nadie", "ningun", "ninguna", "ninguno", "sin", "ninguem", "nenhum", "nenhuma", "sem",
    "nessun", "nessuno", "nessuna", "senza",
    # de
    "kein", "keine", "keinen", "keiner", "niemand", "ohne",
    # ru, uk
    "никто", "ніхто", "без", "нет", "немає", "не",
    # pl, sr
    "nikt", "brak", "bez", "nie", "niko", "nema", "nije",
    # pt "não há vítimas", sq "nuk ka të lënduar", nl "geen gewonden"
    "nao", "nuk", "geen",
    # ar
    "لا", "لم", "دون", "بدون",
    # (twelfth round) cs, sk ("nikdo nebyl zraněn", "žádné oběti"), hr, sr in Cyrillic, pl
    # ("żadnych ofiar"), ru, uk ("жодних жертв"), sq ("asnjë i plagosur"), tr ("kimse"), nl,
    # es and fr "ni", ar "عدم وقوع إصابات"
    "nikdo", "nikto", "zadne", "zadny", "zadna", "zadnych", "ziadne", "ziadny", "ziadna",
    "ziadnych", "nitko", "nijedan", "nijedna", "нико", "нема", "није", "ниједан", "zaden",
    "zadnego", "никого", "нікого", "жодних", "жодного", "жодна", "жоден", "asnje", "askush",
    "kimse", "hic", "ni", "عدم",
})
#: words just after a casualty word that say there were none ("жертв нет", "загиблих немає",
#: the Turkish "yaralı yok", the Serbian Cyrillic "повређених нема")
NONE_AFTER = frozenset({"нет", "немає", "nema", "yok", "нема"})
#: between a negation and its casualty word, these make it "not known yet", not none: "no
#: immediate word on casualties", "no information on the injured"
NONE_UNKNOWN = frozenset({
    "word", "information", "details", "immediate", "confirmation", "informations", "informacion",
    "informacao", "informazioni", "angaben", "информации", "сведений", "інформації",
    # (twelfth round) Polish, Czech, Slovak, Serbian and Croatian (both scripts), Turkish,
    # Dutch, Arabic
    "informacji", "informace", "informacie", "informacija", "информација", "bilgi",
    "informatie", "معلومات",
})
NONE_REACH = 4
#: (sixteenth round) the nouns of a toll: negated, they say it is not known yet, not that
#: there were none ("aucun bilan n'a encore été communiqué", "no death toll was given", "sin
#: balance de víctimas", "keine Bilanz")
TOLL_NOUNS = frozenset({"bilan", "bilans", "toll", "balance", "balanco", "bilanz", "bilancio"})
#: (twenty-first round) the count a verb of rising may speak of without a figure ("the death
#: toll rises", "rośnie liczba ofiar", "le bilan s'alourdit", "растёт число погибших"):
#: folded whole words, read only beside a verb of rising and a casualty word
COUNT_NOUNS = frozenset({
    "toll", "number", "bilan", "nombre", "numero", "balance", "bilancio", "balanco", "zahl",
    "anzahl", "aantal", "число", "количество", "кількість", "liczba", "pocet", "broj", "број",
    "numri", "sayisi", "عدد", "حصيله",
})
#: (twenty-ninth round) what a figure just before counts when it is no people: homes,
#: buildings, land ("destroyed 14 homes and injured a firefighter", "quatorze habitations",
#: "300 hectares"). Folded prefixes of the word right after the figure
THINGS_COUNTED = (
    "home", "house", "building", "hectare", "acre", "vehicle", "shop", "habitation", "maison",
    "logement", "batiment", "immeuble", "hectar", "vivienda", "casas ", "edifici", "ettar",
    "haus", "hauser", "gebaud", "wohnung", "домов", "дома ", "здани", "будин", "гектар",
    "budyn", "domow", "domy ", "hektar", "منزل", "منازل", "مبان", "هكتار", "konut", "bina",
    # and arrests ("un muerto y 40 detenidos", "ein Toter, 40 Festnahmen", "40 arrests")
    "arrest", "detenid", "detido", "festnahm", "festgenomm", "interpell", "arrestat", "fermat",
    "задержан", "затриман", "zatrzyman", "uhapsen", "gozalti",
)
#: words for casualties of any kind: "no casualties" is no dead and no injured. Prefixes.
ANY_CASUALTY = ("casualt", "victim", "vitim", "vittim", "opfer", "жертв", "ofiar", "zrtv", "zrtav",
                "ضحايا",
                # the Czech and Slovak "oběti", "obete" ("bez obětí"), Serbian Cyrillic
                # "жртава", Albanian "viktima", Dutch "slachtoffers"
                "obet", "жртв", "viktim", "slachtoffer")

#: what a happening struck or who took part, by class, in the words of a report's **title**
#: (folded prefixes, or whole words ending in a space, as ``KINDS``): two reports of one kind in
#: one city whose titles name targets of no class in common are two happenings ("Missile strike
#: on Dnipro clinic" and "Drones hit industrial plant on Dnipro's left bank"; "Fire at Prague
#: tram depot" and "Flat fire in Prague's Žižkov"). Only the title is read: a headline names
#: what the event is about, where a text also names where the wounded were taken
#: ("two taken to hospital"). A car is left out: in a title it is as often the weapon ("car
#: bomb near a Sadr City market", "voiture piégée") as what was hit.
TARGETS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "home": (
        "apartment", "flat ", "flats ", "residential", "house ", "houses ", "home ", "homes ",
        "tower block", "high-rise", "high rise", "immeuble", "appartement", "logement",
        "vivienda", "predio", "residencial", "palazzin", "condomini", "abitazion", "wohnhaus",
        "wohnung", "hochhaus", "жилой ", "жилом ", "многоэтаж", "многокварт", "квартир",
        "багатоповерх", "житлов", "будинок ", "будинку ", "blok mieszk", "bloku mieszk",
        "kamienic", "mieszkan", "byt ", "bytu ", "bytov", "panelak", "stambe", "стамбен",
        "pallat", "banes", "shtepi", "عماره", "منزل", "شقه", "مبنى سكني",
        # (twelfth round) Dutch, Turkish, Russian, Polish, Czech, Serbian and Croatian (both
        # scripts), Italian, Portuguese, Spanish, French, German, Ukrainian, Arabic homes
        "woning", "flatgebouw", "apartman", "konut", "дом ", "жилого ", "жилые ", "жилых ",
        "dom ", "domu ", "domy ", "blok ", "bloku ", "dum ", "kuca ", "kuce ", "kuci ",
        "kucu ", "кућ", "appartament", "apartamento", "maison", "wohnblock", "багатоквартирн",
        "منازل",
    ),
    "medical": (
        "hospital", "clinic", "klinik", "clinique", "clinica", "ospedal", "hopital", "клініц",
        "клиниц",
        "krankenhaus", "больниц", "клиник", "клінік", "лікарн", "szpital", "nemocnic",
        "bolnic", "болниц", "spital", "مستشف", "عياده",
        # (twelfth round) Turkish, Dutch, Polish, Russian, Ukrainian, Serbian and Croatian
        "hastane", "ziekenhuis", "przychodni", "поликлиник", "поліклінік", "dom zdravlja",
    ),
    "school": (
        "school", "schule", "ecole", "escuela", "escola", "scuola", "школ", "szkol", "skola",
        "skole", "skoli", "shkoll", "kindergarten", "nursery", "universit", "مدرسه",
        # (twelfth round) kindergartens and secondary schools in the languages read
        "okul", "skolk", "vrtic", "вртић", "przedszkol", "детсад", "детский сад",
        "детском саду", "дитсад", "liceo", "lycee", "gimnazj", "gymnazi", "gimnazij",
    ),
    "market": (
        "market", "marche ", "mercado", "mercato", "markt", "рынок", "рынк", "ринок", "ринк",
        "bazaar", "bazar", "базар", "targowisk", "trznic", "pijac", "пијац", "souk", "سوق",
        "mall ", "shopping", "supermarket", "торгов", "trzni ", "trznog ", "trznom ",
        "qender tregtare", "centro comercial", "centro commerciale", "centre commercial",
        "einkaufszentrum", "obchodni centrum", "obchodne centrum",
        # (twelfth round) Turkish, Dutch, Albanian, Polish, Czech, Slovak, Serbian, Spanish,
        # Italian, Portuguese, German, Russian and Ukrainian markets and shops
        "pazar", "carsi", "alisveris merkez", "winkelcentrum", "treg ", "tregu", "tregun",
        "centrum handlow", "trh ", "trhovisk", "trgovinsk", "трговинск", "supermerc",
        "supermarkt", "супермаркет", "магазин",
    ),
    "venue": (
        "cafe", "caffe", "kafic", "kavarn", "bar ", "bars ", "baru ", "barom ", "pub ",
        "restaurant", "restauran", "ristorant", "ресторан", "кафе", "nightclub", "klub",
        "lokal ", "locale ", "مطعم",
        # (twelfth round) Turkish, Albanian, Serbian (both scripts), Croatian, Polish, Czech,
        # German cafés, restaurants, pubs and clubs
        "kafe ", "kafes", "kafene", "restoran", "кафић", "kavan", "kawiarni", "restaurac",
        "hospod", "kneipe", "lokalu ", "club ", "clubs ", "discotec", "disco ", "diskotek",
        "дискотек",
    ),
    "industry": (
        "factory", "industrial", "workshop", "sawmill", "fabrik", "usine", "fabrica",
        "fabbrica", "stabiliment", "завод", "фабрик", "предприят", "підприєм", "zaklad",
        "fabryk", "tovarn", "tvornic", "pilan", "пилан", "مصنع",
        # a workshop in the languages read ("officina", "atelier", "Werkstatt", "warsztat",
        # "dílna", "мастерская", "radionica", "atölye"): a gas cylinder that blows up in one is
        # not the gas blast in a block of flats the same day
        "officin", "atelier", "werkstatt", "warsztat", "dilna ", "dilne ", "dielna ", "dielni ",
        "мастерск", "майстерн", "radionic", "радиониц", "punishtor", "atolye", "werkplaats",
        "taller mecanico", "oficina mecanica", "ورشه",
        # (twelfth round) refineries and mines in the languages read, the Dutch factory
        "fabriek", "refiner", "raffiner", "rafiner", "нпз ", "нафтопереробн", "coal mine",
        "kopalni", "rudnik", "рудник", "шахт", "maden ocag", "bergwerk",
    ),
    "energy": (
        "substation", "power plant", "power station", "power grid", "energy facilit",
        "electricity", "подстанц", "підстанц", "электростанц", "електростанц", "umspann",
        "kraftwerk", "centrale elettrica", "centrale electrique", "elektrowni", "elektrarn",
        "elektran", "podstanic", "энергет", "енергет",
        # (twelfth round) Turkish, Serbian Cyrillic, nuclear and heating plants
        "trafo", "santral", "електран", "тэц ", "тец ", "аэс ", "аес ", "nuclear plant",
        "nuclear power", "atomkraftwerk", "kernkraftwerk", "centrale nucleaire",
        "centrale nucleare", "central nuclear",
    ),
    "storage": (
        "warehouse", "depot", "storage", "склад", "magazyn", "lagerhalle", "entrepot",
        "almacen", "armazem", "magazzin", "skladist", "складишт", "vozovn", "hangar", "مستودع",
        # (twelfth round) Turkish, Dutch, Czech and Slovak, Russian and Ukrainian oil depots
        "depo ", "deposu", "magazijn", "sklad ", "skladu ", "sklade ", "нефтебаз", "нафтобаз",
    ),
    "station": (
        "station", "bahnhof", "gare ", "estacion", "estacao", "stazione", "вокзал", "dworzec",
        "nadrazi", "airport", "flughafen", "aeroport", "aeropuerto", "аэропорт", "аеропорт",
        "lotnisk", "letist", "aerodrom", "مطار", "محطه",
        # (twelfth round) Turkish, Dutch, Albanian, Serbian (both scripts), Polish, Russian,
        # Ukrainian; terminals and the German main station
        "istasyon", "havaliman", "luchthaven", "stacion", "stanica", "станица", "stacj",
        "станци", "станції", "terminal", "hauptbahnhof",
        # (twentieth round) an airport named by its runway, its flights or the Italian "scalo"
        # ("brush fire nears runway", "voli sospesi", "riaperto lo scalo")
        "runway", "flights ", "voli ", "vuelos ", "scalo ", "взлетн", "злітн",
    ),
    # (twentieth round) a waste plant, a landfill, a dump: a fire there and one by an
    # airport of the same city the same afternoon are two happenings ("Rogo in un impianto
    # di rifiuti a Misterbianco", "Incendio vicino all'aeroporto di Catania")
    "waste": (
        "waste ", "landfill", "rubbish", "garbage", "rifiuti", "discaric", "dechet",
        "decharge", "residuos", "vertedero", "lixo ", "lixao", "aterro sanitario", "mull ",
        "mullverbrenn", "mullhalde", "mullanlage", "mulldeponie",
        "deponie", "мусор", "свалк", "смітт", "звалищ", "smietnisk", "odpadow", "odpad ",
        "odpadu", "deponij", "otpad", "отпад", "mbeturin", "نفايات", "مكب",
    ),
    "worship": (
        "mosque", "church", "synagog", "temple", "cathedral", "mosquee", "eglise", "iglesia",
        "igreja", "chiesa", "moschee", "kirche", "мечет", "церк", "храм", "kosciol", "kostel",
        "crkv", "цркв", "xhami", "kishe", "مسجد", "كنيسه",
        # (twelfth round) Turkish, Dutch, Slovak, Serbian and Croatian (both scripts), Italian,
        # Spanish, Portuguese, Polish mosques, churches, synagogues and monasteries
        "cami ", "camii", "camisi", "kilise", "moskee", "kerk ", "kerken", "kostol", "dzamij",
        "џамиј", "moschea", "mezquita", "mesquita", "meczet", "sinagog", "синагог", "monaster",
        "manastir", "манастир", "монастир", "монастыр",
    ),
    # (seventeenth round) a bank's branch, where salaries are paid and queues stand
    # ("suicide bomber strikes bank in Kunduz", "attentat-suicide devant une banque"); not a
    # river's bank or the West Bank (``facts.targets``)
    "bank": (
        "bank ", "banks ", "banque", "banca ", "banco ", "bankfiliale", "банк ", "банка ",
        "банке ", "банку ", "مصرف", "بنك ",
    ),
    "tram": (
        "tram", "трамва", "electrico", "eletrico", "tranvia", "straßenbahn", "elektrick",
    ),
    # the land a wildfire burns and the vessel a fire or a blast is aboard: a forest fire and
    # a yacht's fire in one province the same afternoon are two happenings
    "forest": (
        "forest", "wildfire", "woodland", "bushfire", "waldbrand", "wald ", "foret", "bosque",
        "floresta", "florestal", "bosco", "boschiv", "лес ", "лесн", "ліс ", "лісов", "lasu ",
        "lesni", "lesny", "orman", "pyll", "sumski ", "шумск", "غابات",
        # (twelfth round) the Dutch forest fire
        "bosbrand",
    ),
    "vessel": (
        "ship", "boat", "yacht", "ferry", "vessel", "tanker", "schiff", "jacht", "navire",
        "bateau", "barco", "buque", "navio", "traghett", "судн", "корабл", "яхт", "теплоход",
        "statek", "lod ", "lodi ", "anije", "yat ", "سفينه",
        # (twelfth round) Turkish, Dutch, Albanian, Polish, Croatian, Czech, Russian,
        # Ukrainian, Arabic, Italian, Spanish, Portuguese boats and ferries
        "gemi", "tekne", "feribot", "schip ", "schepen", "boot ", "boten", "vark", "prom ",
        "trajekt", "паром", "лодк", "човен", "човн", "قارب", "imbarcazion", "embarcac",
    ),
    # (twenty-third round) a shop, whose blast is not a house's ("explosie bij winkel",
    # "Explosion an Geschäft", "blast at a phone shop")
    "shop": (
        "shop ", "shops ", "store ", "winkel ", "telefoonwinkel", "geschaft", "handyladen",
        "magasin ", "boutique", "negozio", "tienda", "loja ", "sklep", "магазин", "prodavnic",
        "dyqan", "متجر", "محل ",
    ),
    # (twenty-third round) a shanty town, whose fire is not a mall's ("barrio de chabolas",
    # "bidonville", "squatter settlement")
    "shanties": (
        "shanty", "shanties", "slum", "chabola", "bidonville", "favela", "baraccopol",
        "informal settlement", "squatter", "asentamiento", "трущоб", "عشوائي",
    ),
    # (twenty-third round) a road tanker, whose fire or blast is not a bus's crash ("tanker
    # fire on the expressway", "un camion-citerne prend feu"); the English "tanker" is a
    # ship's too, and stays a vessel
    "tanker": (
        "tanker", "camion citerne", "camion cisterna", "autocisterna", "autobotte",
        "cisterna ", "tanklaster", "tankwagen", "бензовоз", "автоцистерн", "cysterna",
        "cysterny", "cisterne", "صهريج",
    ),
    "bus": (
        # (the coach: "autocarro", the French and Spanish "autocar", "Reisebus")
        "bus ", "buses ", "minibus", "autobus", "autocar", "reisebus", "автобус", "маршрутк",
        "حافله",
        # (twelfth round) Turkish, Serbian Cyrillic; trolleybuses
        "otobus", "аутобус", "trolejbus", "trolleybus", "тролейбус", "троллейбус", "filobus",
        # (twenty-ninth round) the minibus as Arabic and the other languages write it
        # ("سقوط ميكروباص في ترعة", "Kleinbus", "microbus")
        "ميكروباص", "ميني باص", "microbus", "kleinbus",
    ),
    # a car is what two crashes of one city differ by (a bus that overturned, two cars that
    # collided), but in a blast's title it is the weapon ("car bomb", "voiture piégée",
    # "سيارة مفخخة"): ``facts.targets`` keeps it only in a title naming no explosion
    "car": (
        "car ", "cars ", "carro ", "carros ", "coche ", "coches ", "voiture", "auto ", "autos ",
        "automobil", "automovel", "automoveis", "pkw ", "samochod", "osobni auto",
        "osobne auto", "автомобил", "легков", "машина ", "машину ", "машины ", "otomobil",
        "سياره", "سيارات", "personenauto",
    ),
    "train": (
        "train ", "trains ", "zug ", "treno", "tren ", "поезд", "потяг", "pociag", "vlak",
        # (twelfth round) Portuguese, Dutch, Serbian (both scripts), Arabic, Ukrainian,
        # Russian, Italian, German
        "comboio", "trem ", "trein", "voz ", "воз ", "قطار", "поїзд", "электричк", "електричк",
        "treni ", "zuge ",
    ),
    "farmers": (
        "farmer", "tractor", "bauer", "landwirt", "traktor", "agricult", "paysan", "tracteur",
        "campesin", "trattor", "фермер", "аграри", "rolnik", "rolnicy", "zemedel", "farmar",
        "poljoprivred",
        # (twelfth round) Turkish, Dutch, Albanian
        "ciftci", "boer ", "boeren", "fermer",
    ),
    "teachers": (
        "teacher", "lehrer", "enseignant", "profesor", "insegnant", "учител", "вчител",
        "nauczyciel", "ucitel", "nastavnik", "prosvjetn", "mesues", "معلم",
        # (twelfth round) Turkish, Dutch
        "ogretmen", "leraren", "leraar",
    ),
    "students": (
        "student", "etudiant", "estudiant", "студент", "studen",
        # (twelfth round) Turkish, Arabic
        "ogrenci", "طلاب",
    ),
})

#: the part of the day a report says its happening was in, in the words of its title and
#: first sentence (folded prefixes, or whole words ending in a space, as ``KINDS``): two
#: reports of one city whose leads name parts of the day with none in common ("Schüsse am
#: Morgen", "vanavond schoten") tell of two happenings. Words that are also "tomorrow"
#: ("mañana", "Morgen", the Polish "jutro") or "later" ("más tarde") are read only in the
#: phrases that make them a time of day; a word may be two parts ("noche", "madrugada").
TIMES_OF_DAY: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "night": (
        "overnight", "night ", "nights ", "tonight", "nacht", "nuit", "noche ", "madrugada",
        "notte", "nottat", "nocy ", "noc ", "noci ", "nocu ", "ночью", "ночь ", "ночи ", "вночі",
        "уночі", "ночі ", "ноћу", "nates", "naten", "gece", "ليلا", "ليل ",
        "vannacht",
        # (twelfth round) the Portuguese night, last night in Spanish, midnight in every
        # language read, the Serbian and Croatian "noćas" (both scripts), the Russian and
        # Ukrainian adjectives ("ночной удар", "нічна атака"), the Arabic "ليلة"
        "noite", "anoche", "midnight", "minuit", "medianoche", "mezzanotte", "mitternacht",
        "pulnoc", "ponoc", "middernacht", "meia noite", "полноч", "опівноч", "nocas", "ноћас",
        "ночн", "нічн", "ليله", "gece yarisi",
        # (twelfth round) the Italian "stanotte", the Ukrainian "у ніч на", the Serbian and
        # Croatian "sinoć" (both scripts) and the Albanian "mbrëmë" (last night: night and
        # evening), the Dutch "gisternacht"
        "stanotte", "ніч ", "sinoc", "синоћ", "mbreme", "gisternacht",
        # (fifteenth round) the English "late on Saturday", "late last night"
        "late on ", "late last night",
        # (twenty-ninth round) the small hours, night and morning alike: "before dawn", "in
        # the early hours", "avant l'aube", "antes del amanecer", "im Morgengrauen" (the
        # "madrugada" of Spanish and Portuguese is both, below)
        "before dawn", "pre-dawn", "predawn", "early hours", "avant l aube",
        "antes del amanecer", "antes do amanhecer", "morgengrauen",
    ),
    "morning": (
        "morning", "dawn", "daybreak", "matin", "aube ", "esta manana", "la manana",
        "de madrugada", "manha ", "mattin", "alba ", "am morgen", "morgens", "vormittag",
        "fruhen morgen", "rano ", "rankiem", "dopoledn", "dopoludn", "ujutro", "jutros",
        "утром", "утра ", "вранці", "зранку", "ранку", "ujutru", "ујутру", "ујутро", "mengjes",
        "bu sabah", "sabah saat", "صباح ", "فجر اليوم", "ochtend", "vanochtend",
        # (twelfth round) the Polish "nad ranem", dawn and the morning's adjectives in Russian
        # and Ukrainian, the Slovak "doobeda", the Turkish, Arabic and German forms, "the early
        # hours"
        "nad ranem", "утренн", "ранков", "рассвет", "світанк", "doobeda", "sabahin",
        "sabah erken", "صباحا", "فجرا", "fruhmorgens", "early hours",
        # (twelfth round) the Italian "stamattina", "stamani", the German "heute Morgen", the
        # Polish "przed południem", the Dutch "vanmorgen"
        "stamattin", "stamani", "heute morgen", "przed poludniem", "vanmorgen",
        # (twenty-ninth round) the small hours (above, with the night): "durante a
        # madrugada" is the morning's first hours as much as "de madrugada"
        "madrugada", "before dawn", "pre-dawn", "predawn", "avant l aube", "antes del amanecer",
        "antes do amanhecer", "morgengrauen",
    ),
    "midday": (
        "midday", "noon", "mittag", "a midi ", "mediodia", "meio-dia", "meio dia",
        "mezzogiorno", "poludnie ", "w poludnie", "poledne ", "podne ", "полдень", "полудн",
        "опівдні", "mesdit", "ogle ", "ogleyin",
        # (twelfth round) the Turkish "öğlen", the Arabic "ظهرا" (not "ظهر اليوم": "بعد ظهر
        # اليوم" is this afternoon)
        "oglen", "ظهرا",
    ),
    "afternoon": (
        "afternoon", "nachmittag", "apres midi", "esta tarde", "la tarde", "da tarde",
        "a tarde", "nesta tarde", "de tarde", "pomeriggio", "po poludniu", "popoludni",
        "odpoledn", "popodne", "поподне", "днем ", "вдень", "pasdite", "ogleden sonra",
        "بعد الظهر", "middag", "vanmiddag",
        # (twelfth round) the Croatian "poslijepodne", the Serbian "posle podne" (both
        # scripts), the Russian, Ukrainian and Slovak "after lunch", the Arabic "عصرا", "بعد ظهر"
        "poslijepodne", "posle podne", "после подне", "после обеда", "по обіді", "пополудн",
        "po obede", "عصرا", "بعد ظهر",
        # (twelfth round) the Spanish "por la tarde"
        "por la tarde",
    ),
    "evening": (
        "evening", "tonight", "abend", "soir", "noche ", "stasera", "di sera", "la sera",
        "serata", "wieczor", "vecer", "вечер", "увечері", "ввечері", "вечор", "увече", "uvece",
        "mbremj", "aksam", "مساء", "المساء", "avond", "vanavond",
        # (twelfth round) the Croatian "navečer", the Portuguese "noite" (night and evening, as
        # "noche")
        "navecer", "noite",
        # (fifteenth round) the English "late on Saturday", "late last night" (the evening
        # and the night, as "noche" is both)
        "late on ", "late last night",
        # (twelfth round) the Italian "ieri sera", "sinoć" and "mbrëmë" (above), the Dutch
        # "gisteravond"
        "ieri sera", "sinoc", "синоћ", "mbreme", "gisteravond",
        # (eighteenth round) the English "Monday night", "last night": the evening as much as
        # the night ("an air strike … on Monday night" and "مساء اليوم", this evening)
        "monday night", "tuesday night", "wednesday night", "thursday night", "friday night",
        "saturday night", "sunday night", "last night",
    ),
})


#: (sixteenth round) German writes the day and its part as one word ("seit
#: Sonntagnachmittag", "am Samstagabend"), where the automaton, which reads from a word's
#: start, finds no part of the day: each weekday's compounds are keys of their own
GERMAN_WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
                   "sonnabend", "sonntag")
#: the German parts of the day, as they end those compounds
GERMAN_DAY_PARTS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "night": ("nacht",),
    "morning": ("morgen", "fruh", "vormittag"),
    "midday": ("mittag",),
    "afternoon": ("nachmittag",),
    "evening": ("abend",),
})


#: (twenty-third round) what an authority does after a happening, as a title's own news: a
#: suspension or a dismissal of officials, schools closed. A title that tells
#: of one "after" the happening ("Giza governor suspends officials after building collapse",
#: "Pozzuoli, scuole chiuse dopo le scosse") is a consequence, its own happening; an arrest
#: is not here (a suspect's arrest is a shooting's own end), nor a resignation ("prime
#: minister resigns after 45 days" is the news itself)
CONSEQUENCES: tuple[str, ...] = (
    "suspends", "suspended", "suspension", "sospende", "sospesi", "sospeso", "sospensione",
    "suspende", "suspendidos", "suspendido", "suspendu", "suspendus", "suspendiert",
    "suspenduje", "zawiesza", "zawieszony", "отстранил", "отстранены", "відсторонив",
    "suspendon", "pezullon", "suspendovan", "suspendovao", "يوقف", "ايقاف", "اعفاء", "يعفي",
    "dismisses", "dismissed", "sacks", "sacked", "destituisce", "destituido", "limoge",
    "entlassen", "уволен", "звільнив",
    "schools closed", "closes schools", "scuole chiuse", "chiude le scuole", "ecoles fermees",
    "ferme les ecoles", "escuelas cerradas", "cierra las escuelas", "schulen geschlossen",
    "szkoly zamkniete", "школы закрыты", "школи закриті", "skole zatvorene", "المدارس مغلقه",
    "اغلاق المدارس",
    # (twenty-fifth round) the closing told by its verb ("Pozzuoli schließt Schulen")
    "schließt Schulen", "schließt alle Schulen", "ferme ses écoles", "cierra escuelas",
    "chiude scuole", "закрыл школы", "закрили школи", "zamyka szkoły",
)
#: (twenty-fifth round) an official's visit, told in a title, is a consequence without a word
#: of "after": "Thai prime minister visits pupils hurt in Bangkok bus fire", "Police minister
#: visits Soweto tavern", "Governador visita área do deslizamento"
VISITS: tuple[str, ...] = (
    "visits", "visited", "visiting", "visite", "visita", "visitou", "visito", "visitano",
    "se rend", "se rendra", "besucht", "besuchte", "bezoekt", "bezocht", "посетил",
    "посетила", "посетили", "посещает", "відвідав", "відвідала", "відвідує", "odwiedza",
    "odwiedzil", "odwiedzila", "navstivil", "navstivila", "posetio", "posetila", "посетио",
    "viziton", "vizitoi", "ziyaret", "يزور", "زار", "تفقد", "يتفقد",
    # (twenty-ninth round) a visit to come, told in a title by the visitor expected
    # ("Le ministre des Outre-mer attendu à Nouméa samedi", "Minister expected in Kherson",
    # "wird in Ahrweiler erwartet", "visitará", "visitera", "se recará")
    "attendu a", "attendue a", "attendus a", "expected in", "expected to visit", "will visit",
    "to visit", "visitara", "visitera", "visiteront", "visiteranno", "посетит", "відвідає",
    "odwiedzi",
)
#: (twenty-fifth round) the owner of what burned, blew up or fell, arrested: a consequence of
#: its own, with its own time and actors ("Delhi police arrest owner of collapsed Mustafabad
#: building", "Arrestohet pronari i pikës së karburantit"). A suspect's arrest is not (it
#: is a shooting's own end); an owner's is the charge of negligence that follows
OWNERS: tuple[str, ...] = (
    "owner", "owners", "proprietaire", "proprietaires", "dueno", "duenos", "propietario",
    "propietaria", "proprietario", "proprietaria", "titolare", "dono", "besitzer",
    "eigentumer", "inhaber", "betreiber", "eigenaar", "владелец", "владельца", "власник",
    "власника", "wlasciciel", "wlasciciela", "vlasnik", "vlasnika", "власник", "pronari",
    "pronarin", "pronarit", "مالك", "صاحب", "sahibi",
)
ARRESTS: tuple[str, ...] = (
    "arrest", "arrests", "arrested", "detained", "held", "arrete", "arretes", "interpelle",
    "detenido", "detienen", "arrestato", "arrestano", "fermato", "preso", "festgenommen",
    "verhaftet", "задержан", "задержали", "арестован", "арестовали", "затримали",
    "затриманий", "затримано", "zatrzymany", "zatrzymano", "aresztowany", "uhapsen",
    "uhapsili", "ухапшен", "arrestohet", "arrestuar", "arrestoi", "gearresteerd",
    "aangehouden", "tutuklandi", "gozaltina", "اعتقال", "القبض", "توقيف",
)
#: the words before which a title names the happening a consequence follows
CONSEQUENCE_AFTER: tuple[str, ...] = (
    "after", "following", "over", "dopo", "apres", "tras", "despues", "apos", "nach",
    "infolge", "po", "после", "после того", "після", "posle", "nakon", "pas", "بعد",
    "اثر", "عقب", "على خلفيه",
)


#: (twenty-third round) the generic part of a proper name, capitalised inside it: "the
#: Lagos-Ibadan Expressway" and "the Lekki-Epe Expressway" share no name
NAME_GENERICS = frozenset({
    "expressway", "highway", "motorway", "freeway", "road", "street", "avenue", "boulevard",
    "bridge", "square", "district", "province", "region", "county", "state", "river",
    "autoroute", "autopista", "autostrada", "autobahn", "rodovia", "шоссе", "трасса",
})
