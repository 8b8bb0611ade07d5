"""The twentieth round (docs/EVENTS.md "How it decides"): what sets two happenings of one
city apart. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import targets
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _folded(text: str, language: str) -> str:
    return Text.of(text, "", language).folded


# -- an airport and a waste plant are two targets


@pytest.mark.parametrize(("language", "title", "target"), [
    ("en", "Flights halted in Bari as grass fire nears runway", "station"),
    ("it", "Bari, voli sospesi per un incendio", "station"),
    ("it", "Riaperto lo scalo di Bari dopo il rogo", "station"),
    ("en", "Fire at waste plant outside Bari", "waste"),
    ("it", "Rogo in una discarica a Modugno", "waste"),
    ("it", "Brucia un impianto di rifiuti a Modugno", "waste"),
    ("de", "Feuer auf einer Mülldeponie bei Köln", "waste"),
    ("fr", "Incendie dans un centre de déchets près de Lyon", "waste"),
])
def test_an_airport_and_a_waste_plant_are_targets(language: str, title: str,
                                                  target: str) -> None:
    assert target in targets(_folded(title, language))


def test_a_mullah_is_no_waste() -> None:
    assert "waste" not in targets(_folded("Mullah killed in Kandahar blast", "en"))


def test_a_fire_by_the_airport_and_one_at_a_waste_plant_are_two(matcher: Matcher) -> None:
    airport = signed(matcher, "Flights halted at Bari as brush fire nears runway",
                     "Flights were suspended at Bari airport on Monday afternoon as a brush "
                     "fire burned close to the runway, the airport operator said.")
    plant = signed(matcher, "Blaze at waste plant near Bari sends smoke over city",
                   "A fire at a waste treatment plant in Modugno sent a cloud of black smoke "
                   "over Bari on Monday afternoon, firefighters said.", minutes=140)
    assert not compare(plant, airport).same


def test_the_airport_fire_in_italian_meets_the_english_report(matcher: Matcher) -> None:
    english = signed(matcher, "Flights halted at Bari as brush fire nears runway",
                     "Flights were suspended at Bari airport on Monday afternoon as a brush "
                     "fire burned close to the runway, the airport operator said.")
    italian = signed(matcher, "Bari, riaperto lo scalo dopo il rogo: 40 voli dirottati",
                     "L'aeroporto di Bari ha riaperto dopo il rogo di sterpaglie vicino alla "
                     "pista. Quaranta voli sono stati dirottati.", lang="it", minutes=200)
    assert compare(italian, english).same
