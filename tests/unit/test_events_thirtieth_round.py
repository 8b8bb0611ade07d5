"""The thirtieth round (docs/EVENTS.md "How it decides"): precision. A report that calls its
happening "a second" one of a kind, with a word of the kind between ("a second bar
shooting", "second gas explosion in a day"), sets it apart from the first; "for a second day"
does not. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

from bot.events import compare
from bot.events.facts import sets_apart
from bot.matching.text import fold
from bot.pipeline.match import Matcher
from tests.signing import signed


def test_a_second_happening_of_a_kind_with_a_word_between_is_set_apart() -> None:
    assert sets_apart(fold("Second bar shooting in Jalisco leaves four dead"))
    assert sets_apart(fold("Second gas explosion in Kazan in a day kills one"))


def test_a_second_day_is_no_second_happening() -> None:
    assert not sets_apart(fold("For a second day drones struck the port of Izmail"))
    assert not sets_apart(fold("The second deadliest fire in the city's history"))


def test_a_second_bar_shooting_is_another_shooting(matcher: Matcher) -> None:
    first = signed(matcher, "Gunmen kill six at bar in Mexico's Zacatecas",
                   "Gunmen opened fire on customers at a bar in Fresnillo in Zacatecas state "
                   "early on Sunday, killing six, prosecutors said.")
    second = signed(matcher, "Second bar shooting in Mexico's Zacatecas state kills four",
                    "", minutes=170)
    assert not compare(second, first).same


# -- two quakes by their magnitudes, in two languages


def test_two_quakes_in_two_languages_are_two(matcher: Matcher) -> None:
    spanish = signed(matcher, "Un herido y casas desalojadas en Catania tras el sismo del Etna",
                     "El terremoto de magnitud 4,5 que sacudió la noche del martes la zona "
                     "volcánica del Etna, cerca de Catania, dejó un herido leve y obligó a "
                     "desalojar diez casas, según Protección Civil.", lang="es")
    italian = signed(matcher, "Terremoto ML 3.7 Etna (Catania)",
                     "Un terremoto di magnitudo ML 3.7 è avvenuto nella zona: Etna (Catania) "
                     "ad una profondità di 5 km.", lang="it", minutes=50)
    assert not compare(italian, spanish).same
