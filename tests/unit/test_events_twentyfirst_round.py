"""The twenty-first round (docs/EVENTS.md "How it decides"): same-event reports the decision
did not join. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.events import compare
from bot.events.decide import _going_on, _misread_abroad
from bot.events.facts import casualties, toll_rises
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _read(text: str, language: str) -> tuple[str, str]:
    prepared = Text.of(text, "", language)
    return prepared.folded, prepared.original


def _rises(text: str, language: str) -> bool:
    return toll_rises(*_read(text, language))


def _casualties(text: str, language: str) -> dict[str, int]:
    return casualties(*_read(text, language))


# -- a toll's figure before its verb, after a word for "to"


@pytest.mark.parametrize(("language", "text"), [
    ("pl", "Do dziewięciu wzrosła liczba zabitych w pożarze hali w Łodzi."),
    ("ru", "До 9 выросло число погибших при пожаре в Казани."),
])
def test_a_figure_before_the_verb_after_to_is_a_toll_that_rose(language: str,
                                                              text: str) -> None:
    assert _rises(text, language)


def test_a_year_before_the_verb_is_no_toll() -> None:
    assert not _rises("Do 2030 wzrośnie liczba mieszkańców Łodzi.", "pl")


# -- the Albanian death of one who was hurt


@pytest.mark.parametrize("text", [
    "Ndërroi jetë shoferi që u plagos rëndë në aksidentin e djeshëm në Durrës.",
    "Vdes në spital gruaja e goditur nga makina në Elbasan.",
])
def test_the_albanian_death_of_the_hurt_is_a_toll_that_rose(text: str) -> None:
    assert _rises(text, "sq")


def test_an_albanian_report_of_the_hurt_alone_is_no_rise() -> None:
    assert not _rises("Dy persona u plagosën në aksidentin në Durrës.", "sq")


# -- a figure after "other" is another group


def test_a_figure_after_other_is_not_the_dead_before_it() -> None:
    found = _casualties("Murieron tres personas y otros 15 fueron trasladados a hospitales "
                        "de Rosario.", "es")
    assert found == {"dead": 3, "injured": 15}


def test_without_other_the_figure_still_counts_what_came_before() -> None:
    assert _casualties("El choque dejó muertos a 4 pasajeros.", "es")["dead"] == 4


# -- after a comma, a figure counts what follows it; "morto" is one dead


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("it", "Un uomo è morto, 9 residenti sono rimasti feriti nel crollo.",
     {"dead": 1, "injured": 9}),
    ("en", "One dead, 11 in hospital after blaze at Leeds care home",
     {"dead": 1, "injured": 11}),
])
def test_after_a_comma_the_figure_counts_what_follows(language: str, text: str,
                                                      expected: dict[str, int]) -> None:
    assert _casualties(text, language) == expected


def test_killing_then_injuring_after_a_comma_still_reads_both() -> None:
    assert _casualties("The bomb exploded near the market, killing three people, injuring 12.",
                       "en") == {"dead": 3, "injured": 12}


def test_the_italian_singular_dead() -> None:
    assert _casualties("Incendio in una palazzina a Pisa: un morto.", "it") == {"dead": 1}


# -- the treated are hurt


@pytest.mark.parametrize(("language", "text", "count"), [
    ("en", "Seven people were treated for smoke inhalation.", 7),
    ("fr", "Quatre personnes ont été soignées sur place.", 4),
    ("de", "Drei Bewohner wurden vom Notarzt behandelt.", 3),
])
def test_the_treated_are_hurt(language: str, text: str, count: int) -> None:
    assert _casualties(text, language).get("injured") == count


def test_a_treaty_is_no_one_treated() -> None:
    assert _casualties("Two countries signed a treaty in Geneva.", "en") == {}


# -- places of two countries, with a name in common, are a name read as a far place


def test_places_of_two_countries_with_a_name_in_common_are_no_conflict(
        matcher: Matcher) -> None:
    here = signed(matcher, "Gunmen kill four at a tavern in Soweto")
    there = signed(matcher, "Shooting at a tavern in Orlando")
    assert not _misread_abroad(here, there)  # no name in common: the conflict stands
    assert _misread_abroad(replace(here, actors=frozenset({"mooki"})),
                           replace(there, actors=frozenset({"mooki"})))
    # a nation's name in common is no name of the happening
    assert not _misread_abroad(replace(here, actors=frozenset({"demonym:ZA"})),
                               replace(there, actors=frozenset({"demonym:ZA"})))


# -- a verb of rising beside a count of casualties, without a figure


@pytest.mark.parametrize(("language", "text"), [
    ("pl", "Rośnie liczba ofiar pożaru hali w Łodzi. Nie żyje sześć osób."),
    ("en", "Death toll rises in Surat factory fire"),
    ("ru", "Растёт число погибших при пожаре в Казани"),
])
def test_a_count_said_to_grow_is_a_toll_that_rose(language: str, text: str) -> None:
    assert _rises(text, language)


def test_a_count_of_no_casualties_said_to_grow_is_no_toll() -> None:
    assert not _rises("Number of tourists rises in Krakow this summer", "en")


def test_a_toll_said_to_rise_adds_nothing_beside_a_report_set_apart(matcher: Matcher) -> None:
    earlier = signed(matcher, "Roof collapse at mine in Bytom injures four",
                     "Four miners were hurt in a roof collapse at a coal mine in Bytom.")
    later = signed(matcher, "Death toll rises to six after blast at Bytom mine",
                   "Six miners are now known to have died in the methane blast in Bytom.",
                   minutes=150)
    plain = compare(later, earlier).score
    apart = compare(later, replace(earlier, apart=True)).score
    # setting apart takes away 0.3 and the shared place's 0.15, and the rise of the toll no
    # longer adds its 0.1
    assert plain - apart == pytest.approx(0.55, abs=1e-6)


# -- a happening that goes on, in two languages and past the window


def test_a_fire_in_another_language_counts_as_much_five_hours_on(matcher: Matcher) -> None:
    english = signed(matcher, "Fire in Kragujevac sends smoke over city",
                     "A large fire broke out in Kragujevac on Thursday, sending black smoke "
                     "over the city.")
    title, text = ("Großbrand in Kragujevac unter Kontrolle",
                   "Der Großbrand in Kragujevac ist unter Kontrolle gebracht worden, teilte "
                   "die Feuerwehr mit.")
    soon = signed(matcher, title, text, lang="de", minutes=120)
    later = signed(matcher, title, text, lang="de", minutes=300)
    # a fire goes on: its report in another language five hours on weighs as at two hours
    assert compare(later, english).score == compare(soon, english).score
    assert compare(later, english).same


@pytest.mark.parametrize(("shared", "every", "expected"), [
    ({"fire"}, {"fire"}, True),
    ({"flood"}, {"flood", "storm"}, True),
    ({"quake"}, {"quake"}, False),  # an aftershock is its own happening
    ({"crash"}, {"crash"}, False),
    ({"fire"}, {"fire", "airstrike"}, False),  # a strike that set a fire is over in a moment
])
def test_what_goes_on(shared: set[str], every: set[str], expected: bool) -> None:
    assert _going_on(frozenset(shared), frozenset(every)) is expected


def test_a_bushfire_with_a_name_in_common_joins_past_the_window(matcher: Matcher) -> None:
    first = signed(matcher, "Bushfire burns towards Blue Mountains homes",
                   "A bushfire is burning near Leura in the Blue Mountains, fire crews said.")
    later = signed(matcher, "Homes lost as Blue Mountains fire reaches Leura",
                   "Several homes have been destroyed at Leura as the Blue Mountains fire "
                   "crossed the highway.", minutes=7 * 60)
    assert compare(later, first).same
    # without the name in common, past the window it is not joined
    assert not compare(replace(later, actors=frozenset()), first).same
