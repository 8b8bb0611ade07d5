"""The tenth round's facts (docs/EVENTS.md, "How it decides", "The tenth round"): a name Arabic
writes with its article, a city ranked and not named, a fire told by its verb, a toxic gas named
alone, the hospital the hurt were taken to, Arabic's dual, and a report naming only a region.
The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import casualties, kinds, same_place, targets
from bot.matching.text import Text, fold_term
from bot.pipeline.match import Matcher
from tests.signing import signed


@pytest.mark.parametrize(("arabic", "latin"), [
    ("البصرة", "Basra"),
    ("الموصل", "Mosul"),
])
def test_an_arabic_name_meets_its_latin_spelling_without_the_article(
    arabic: str, latin: str
) -> None:
    assert same_place([fold_term(arabic)], [fold_term(latin)])


def test_the_arabic_article_alone_makes_no_two_names_one() -> None:
    assert not same_place([fold_term("البصرة")], [fold_term("Beirut")])


@pytest.mark.parametrize("text", [
    "Arde una nave industrial en Getafe",
    "Un camion a pris feu sur l'autoroute près de Dijon",
    "Le hangar a entièrement brûlé dans la nuit",
    "Un capannone in fiamme alla periferia di Bari",
    "Płonie hala magazynowa pod Łodzią",
    "Ve Zlíně hoří sklad pneumatik",
    "Gori skladište u Subotici",
    "В Перми сгорел склад",
    "Flames engulfed a warehouse in Leeds",
])
def test_a_fire_told_by_its_verb_or_its_flames(text: str) -> None:
    assert "fire" in kinds(Text.of(text).folded)


def test_opened_fire_in_polish_is_no_fire() -> None:
    assert "fire" not in kinds(Text.of("Napastnik otworzył ogień do przechodniów").folded)


@pytest.mark.parametrize("text", [
    "Chlor-Austritt in einem Hallenbad in Kassel",
    "Ammonia escaped from a cold store in Hull",
    "Únik čpavku ze zimního stadionu",
])
def test_a_toxic_gas_named_alone_is_a_leak(text: str) -> None:
    assert "leak" in kinds(Text.of(text).folded)


@pytest.mark.parametrize("title", [
    "Gas leak at a Leeds school, five children in hospital",
    "Dozens hospitalised after a chemical leak",
    "Wyciek gazu w Lublinie: 9 osób w szpitalu",
])
def test_the_hospital_the_hurt_were_taken_to_is_no_target(title: str) -> None:
    assert "medical" not in targets(Text.of(title).folded)


@pytest.mark.parametrize("title", [
    "Missile hits a hospital in Dnipro",
    "Fire at a Milan hospital",
])
def test_a_hospital_struck_is_a_target(title: str) -> None:
    assert "medical" in targets(Text.of(title).folded)


@pytest.mark.parametrize(("text", "figure"), [
    ("Sieben Kinder kamen ins Krankenhaus", 7),
    ("Five workers were taken to hospital", 5),
    ("إصابة شخصين في انفجار", 2),
])
def test_the_counted_few_in_hospital_and_arabic_duals_are_the_hurt(
    text: str, figure: int
) -> None:
    prepared = Text.of(text)
    assert casualties(prepared.folded, prepared.original).get("injured") == figure


@pytest.mark.parametrize("text", [
    "Acidente na Linha de Sintra, uma colisão entre dois comboios",
    "Vuelca un camión en la A-4",
    "Автобус перевернулся на трассе",
])
def test_an_accident_a_collision_and_a_rollover_are_crashes(text: str) -> None:
    assert "crash" in kinds(Text.of(text).folded)


def test_a_city_ranked_and_not_named_is_that_city(matcher: Matcher) -> None:
    ranked = signed(matcher, "Shooting in France's third city",
                    "A gunman opened fire in a square of France's third city on Sunday.")
    named = signed(matcher, "Fusillade à Lyon", "Un homme a tiré sur des passants à Lyon.",
                   lang="fr", minutes=30)
    other = signed(matcher, "Fusillade à Marseille",
                   "Un homme a tiré sur des passants à Marseille.", lang="fr", minutes=30)
    assert not ranked.place_keys.isdisjoint(named.place_keys)
    assert ranked.place_keys.isdisjoint(other.place_keys)


def test_a_second_attack_on_the_city_ranks_no_city(matcher: Matcher) -> None:
    plain = signed(matcher, "Drone strike on Ukraine", "Drones hit a depot in Ukraine.")
    second = signed(matcher, "Drone strike on Ukraine",
                    "Drones hit a depot in Ukraine, the second attack on the city today.")
    assert second.place_keys == plain.place_keys


def test_a_report_naming_only_a_region_has_no_place_to_differ_by(matcher: Matcher) -> None:
    region = signed(matcher, "Drone hits flats in Russia's Tatarstan region",
                    "A drone struck a residential building in Tatarstan on Monday morning.")
    city = signed(matcher, "Беспилотник врезался в жилой дом в Казани",
                  "Утром беспилотник врезался в жилой дом в Казани.", lang="ru", minutes=40)
    found = compare(city, region)
    assert found.same, found.reasons()
