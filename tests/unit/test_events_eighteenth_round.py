"""The eighteenth round (docs/EVENTS.md "How it decides"): blown up in English, German and
Polish, the French "abattu", marching in Spanish and Portuguese, an English weekday's night
that is also its evening, and a first toll past the window after a report that counted the
hurt. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import kinds, times_of_day
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _folded(text: str, language: str) -> str:
    return Text.of(text, "", language).folded


# -- blown up


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Robbers blew up a cash machine in Leeds"),
    ("en", "Cash machine blown up in Leeds overnight"),
    ("de", "Geldautomat in Bochum gesprengt"),
    ("pl", "Nieznani sprawcy wysadzili bankomat w Gdańsku"),
    ("pl", "Wysadzono bankomat w Gdańsku"),
])
def test_blown_up_is_an_explosion(language: str, text: str) -> None:
    assert "explosion" in kinds(_folded(text, language), language=language)


def test_a_polish_flash_meets_the_german_report_of_one_blast(matcher: Matcher) -> None:
    german = signed(matcher, "Geldautomat in Bochum gesprengt",
                    "Unbekannte haben in der Nacht einen Geldautomaten in der Innenstadt von "
                    "Bochum gesprengt.", lang="de")
    polish = signed(matcher, "Wysadzono bankomat w Bochum",
                    "Nieznani sprawcy wysadzili bankomat w centrum Bochum.", lang="pl",
                    minutes=50)
    assert compare(polish, german).same


# -- the French "abattu": shot dead


@pytest.mark.parametrize("text", [
    "Lyon : un homme abattu dans la nuit",
    "Un jeune a été abattu au pied d'un immeuble",
    "Deux hommes abattus à Nîmes",
])
def test_abattu_is_a_shooting(text: str) -> None:
    assert "shooting" in kinds(_folded(text, "fr"), language="fr")


def test_the_slaughterhouse_is_no_shooting() -> None:
    assert "shooting" not in kinds(_folded("Incendie dans un abattoir de Vitré", "fr"),
                                   language="fr")


def test_a_french_flash_of_a_man_shot_dead_meets_the_italian_report(matcher: Matcher) -> None:
    italian = signed(matcher, "Agguato a Bari, ucciso un uomo di 40 anni",
                     "Un uomo di 40 anni è stato ucciso a colpi di pistola stamattina a Bari.",
                     lang="it")
    french = signed(matcher, "Bari : un homme abattu en pleine rue", lang="fr", minutes=70)
    assert compare(french, italian).same


# -- marching in Spanish and Portuguese


@pytest.mark.parametrize(("language", "text"), [
    ("es", "Miles de agricultores marchan en Madrid"),
    ("es", "Los jubilados marcharon por el centro de Bilbao"),
    ("pt", "Milhares de professores marcham em Lisboa"),
])
def test_marching_is_a_protest(language: str, text: str) -> None:
    assert "protest" in kinds(_folded(text, language), language=language)


def test_the_spanish_noun_marcha_alone_is_no_protest() -> None:
    assert "protest" not in kinds(_folded("El tren se puso en marcha con retraso", "es"),
                                  language="es")


def test_a_spanish_flash_meets_the_italian_report_of_one_march(matcher: Matcher) -> None:
    italian = signed(matcher, "Migliaia di agricoltori in corteo a Torino",
                     "Migliaia di agricoltori hanno sfilato stamattina nel centro di Torino.",
                     lang="it")
    spanish = signed(matcher, "Miles de agricultores marchan en Turín", lang="es", minutes=80)
    assert compare(spanish, italian).same


# -- "Monday night" is the evening as well


@pytest.mark.parametrize("text", [
    "An air strike hit a depot on Monday night",
    "Shots were fired in the city centre last night",
])
def test_a_weekday_night_is_also_the_evening(text: str) -> None:
    assert {"night", "evening"} <= times_of_day(_folded(text, "en"))


def test_a_night_alone_is_not_the_evening() -> None:
    assert times_of_day(_folded("Drones attacked the port overnight", "en")) == {"night"}


def test_monday_night_meets_this_evening_in_arabic(matcher: Matcher) -> None:
    english = signed(matcher, "Air strike hits weapons depot near Homs",
                     "An air strike hit a weapons depot near Homs on Monday night, killing "
                     "two soldiers.")
    arabic = signed(matcher, "غارة جوية على مستودع أسلحة قرب حمص",
                    "استهدفت غارة جوية مستودعا للأسلحة قرب حمص مساء اليوم، ما أدى إلى مقتل "
                    "جنديين.", lang="ar", minutes=20)
    comparison = compare(arabic, english)
    assert not any(reason.startswith("different times of day") for reason in comparison.against)
    assert comparison.same


# -- a first toll past the window, after a report that counted the hurt


def test_dead_past_the_window_after_counted_injured_are_another_crash(matcher: Matcher) -> None:
    bus = signed(matcher, "Busunfall auf der Autobahn bei Kraljevo: zwölf Verletzte", lang="de")
    truck = signed(matcher, "Под Кралево столкнулись грузовик и легковушка, двое погибших",
                   "На автомагистрали возле Кралево столкнулись грузовик и легковой "
                   "автомобиль. Погибли два человека.", lang="ru", minutes=10 * 60)
    assert not compare(truck, bus).same


def test_a_storm_s_first_dead_late_still_join_a_report_without_a_toll(
        matcher: Matcher) -> None:
    storm = signed(matcher, "Floods hit Kraljevo as the river bursts its banks",
                   "Hundreds of people left their homes in Kraljevo overnight.")
    dead = signed(matcher, "Poplave u Kraljevu: dvoje poginulih",
                  "U poplavama u Kraljevu poginule su dve osobe.", lang="sr",
                  minutes=9 * 60)
    assert compare(dead, storm).same


# -- a vehicle that hits something


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Five killed as bus hits lorry near Cusco"),
    ("en", "Tram hits car in central Leeds"),
    ("sr", "Autobus sleteo sa autoputa kod Čačka"),
])
def test_a_vehicle_that_hits_something_is_a_crash(language: str, text: str) -> None:
    assert "crash" in kinds(_folded(text, language), language=language)


def test_hits_alone_is_no_crash() -> None:
    assert "crash" not in kinds(_folded("Storm hits the coast of Galicia", "en"), language="en")


def test_an_english_flash_of_a_bus_hitting_a_truck_meets_the_spanish_report(
        matcher: Matcher) -> None:
    spanish = signed(matcher, "Choque de un bus contra un camión en la carretera deja cinco "
                     "muertos", "Un bus interprovincial chocó contra un camión cerca de Cusco.",
                     lang="es")
    english = signed(matcher, "Five killed as bus hits truck near Cusco", minutes=20)
    assert "crash" in english.kinds
    assert compare(english, spanish).same


# -- a set-apart happening told again: the same toll in what both count


def test_a_set_apart_line_meets_the_report_that_counts_the_hurt_too(matcher: Matcher) -> None:
    live = signed(matcher, "Iraq live",
                  "17:20 - Another explosion in Basra: a bomb has hit an army patrol in "
                  "Zubair. Two soldiers killed, the army says.")
    fuller = signed(matcher, "مقتل جنديين بانفجار عبوة ناسفة في الزبير جنوبي البصرة",
                    "قتل جنديان وأصيب ثلاثة آخرون مساء الأحد بانفجار عبوة ناسفة استهدفت دورية "
                    "للجيش في الزبير جنوبي البصرة.", lang="ar", minutes=20)
    assert live.apart and not fuller.apart, "the premise: one sets its happening apart"
    comparison = compare(fuller, live)
    assert not any(reason.startswith("one report sets") for reason in comparison.against)


def test_a_set_apart_report_with_another_toll_stays_apart(matcher: Matcher) -> None:
    first = signed(matcher, "Bomb kills 12 at Basra market",
                   "A bomb killed 12 people and wounded 30 at a market in Basra.")
    second = signed(matcher, "Another explosion in Basra: two soldiers killed",
                    "Another explosion hit an army patrol in Basra, killing two soldiers.",
                    minutes=300)
    comparison = compare(second, first)
    assert any(reason.startswith("one report sets") for reason in comparison.against)


# -- a toll said to rise does not rise from "no one was hurt"


def test_a_toll_said_to_rise_is_against_a_report_of_no_one_hurt(matcher: Matcher) -> None:
    slide = signed(matcher, "Landslide blocks mountain road near Huaraz",
                   "Mud and rocks cut the road near Huaraz; no one was hurt, police said.")
    toll = signed(matcher, "Ascienden a seis los muertos por el alud en Carhuaz",
                  "Los rescatistas recuperaron seis cuerpos entre el lodo en Carhuaz.",
                  lang="es", minutes=150)
    assert toll.rises, "the premise: the later report says the toll rose"
    comparison = compare(toll, slide)
    assert any(reason.startswith("a toll said to rise") for reason in comparison.against)
    assert not comparison.same


def test_a_toll_said_to_rise_after_a_toll_is_not_against(matcher: Matcher) -> None:
    slide = signed(matcher, "Landslide buries houses in Carhuaz, two dead",
                   "A landslide buried houses in Carhuaz, killing two people.")
    toll = signed(matcher, "Ascienden a seis los muertos por el alud en Carhuaz",
                  "Los rescatistas recuperaron seis cuerpos entre el lodo en Carhuaz.",
                  lang="es", minutes=150)
    comparison = compare(toll, slide)
    assert not any(reason.startswith("a toll said to rise") for reason in comparison.against)
