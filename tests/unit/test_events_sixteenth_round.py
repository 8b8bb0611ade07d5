"""The sixteenth round (docs/EVENTS.md "How it decides"): two quakes' magnitudes, a town's
region, a toll that cannot rise from "no one was hurt", "also" somewhere else, ages, a toll
not yet known, and words ("en feu", Portuguese floods, German weekday compounds). The
sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import casualties, kinds, sets_apart, times_of_day
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _folded(text: str, language: str) -> str:
    return Text.of(text, "", language).folded


def _casualties(text: str, language: str) -> dict[str, int]:
    return casualties(_folded(text, language), text)


def _against(comparison_against: tuple[str, ...], start: str) -> bool:
    return any(reason.startswith(start) for reason in comparison_against)


# -- two quakes, told apart by their magnitudes


def test_a_quake_and_its_aftershock_are_two(matcher: Matcher) -> None:
    quake = signed(matcher, "Magnitude 6.2 earthquake shakes Hakkari, Turkey",
                   "Houses collapsed in villages around Hakkari when a strong quake of "
                   "magnitude 6.2 hit before dawn, officials said.")
    aftershock = signed(matcher, "M 5.0 - 20 km S of Hakkari, Turkey",
                        "A magnitude 5.0 earthquake struck at a depth of 8 km.", minutes=200)
    comparison = compare(aftershock, quake)
    assert _against(comparison.against, "different magnitudes")
    assert not comparison.same


def test_a_magnitude_revised_by_tenths_is_one_quake(matcher: Matcher) -> None:
    first = signed(matcher, "M 6.1 - 15 km N of Hakkari, Turkey",
                   "A magnitude 6.1 earthquake struck 15 km north of Hakkari.")
    revised = signed(matcher, "Magnitude 6.3 quake hits Hakkari, Turkey",
                     "The quake near Hakkari measured 6.3, the agency said.", minutes=40)
    comparison = compare(revised, first)
    assert not _against(comparison.against, "different magnitudes")
    assert comparison.same


def test_figures_of_other_kinds_are_no_magnitudes(matcher: Matcher) -> None:
    first = signed(matcher, "Fire at Hakkari market, 2.5 hectares burnt")
    second = signed(matcher, "Hakkari market fire: 4.0 tonnes of goods lost", minutes=30)
    assert not _against(compare(second, first).against, "different magnitudes")


# -- a town's region is not the city of that name


def test_a_town_in_a_region_named_as_a_city_is_another_place(matcher: Matcher) -> None:
    town = signed(matcher, "Shelling of Okhtyrka injures three",
                  "Russian artillery shelled Okhtyrka in Sumy region on Monday morning, "
                  "injuring three people.")
    city = signed(matcher, "Missile hits building in central Sumy, two killed", minutes=150)
    assert town.region_keys, "the premise: Sumy is read there as the region"
    comparison = compare(city, town)
    assert _against(comparison.against, "different places")
    assert not comparison.same


def test_a_region_named_by_both_is_still_one_place(matcher: Matcher) -> None:
    first = signed(matcher, "Earthquake shakes the Taroudant region of Morocco",
                   "A strong earthquake struck the Taroudant region overnight.")
    second = signed(matcher, "Séisme dans la région de Taroudant : des maisons effondrées",
                    lang="fr", minutes=60)
    assert not _against(compare(second, first).against, "different places")


def test_a_city_named_plainly_too_is_no_region_only(matcher: Matcher) -> None:
    text = signed(matcher, "Missile hits central Sumy",
                  "The strike on Sumy hit a school; the Sumy region governor said two died.")
    assert not text.region_keys


# -- a toll cannot rise from "no one was hurt"


def test_a_toll_past_the_window_does_not_rise_from_no_one_hurt(matcher: Matcher) -> None:
    night = signed(matcher, "Drones hit bus depot in Sumy overnight, no one hurt",
                   "Russian drones struck a bus depot in Sumy overnight. No one was injured.")
    later = signed(matcher, "Death toll from missile strike on Sumy rises to five",
                   "Five people are now known to have been killed by the missile strike on "
                   "Sumy.", minutes=11 * 60)
    comparison = compare(later, night)
    assert not comparison.same
    assert _against(comparison.against, "more than 6 h apart")


def test_a_toll_past_the_window_still_rises_from_a_toll(matcher: Matcher) -> None:
    first = signed(matcher, "Missile strike on Sumy kills two",
                   "A Russian missile struck Sumy, killing two people.")
    later = signed(matcher, "Death toll from missile strike on Sumy rises to five",
                   "Five people are now known to have been killed by the missile strike on "
                   "Sumy.", minutes=11 * 60)
    assert compare(later, first).same


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Aucun bilan n'a encore été communiqué."),
    ("en", "No death toll was given."),
    ("es", "Sin balance de víctimas por ahora."),
])
def test_a_toll_not_given_is_not_none(language: str, text: str) -> None:
    assert _casualties(text, language) == {}


def test_no_one_hurt_is_still_none() -> None:
    assert _casualties("Personne n'a été blessé.", "fr") == {"injured": 0}


# -- "also", somewhere else


@pytest.mark.parametrize(("language", "text"), [
    ("pt", "Chuva forte também alaga Campinas"),
    ("pt", "A chuva também provocou alagamentos em Campinas"),
    ("it", "Anche un incendio a Monza, in un capannone"),
    ("de", "Auch ein Brand in Offenbach beschäftigt die Feuerwehr"),
])
def test_also_before_a_kind_sets_a_happening_apart(language: str, text: str) -> None:
    assert sets_apart(_folded(text, language))


def test_also_far_from_a_kind_sets_nothing_apart() -> None:
    assert not sets_apart(_folded("Police also said the fire at the depot is out", "en"))


# -- ages are no toll


@pytest.mark.parametrize(("language", "text", "age"), [
    ("pt", "Um homem de 54 anos morreu arrastado pela enxurrada.", 54),
    ("es", "Un joven de 22 años murió tras ser apuñalado.", 22),
    ("fr", "Un homme de 22 ans a été tué à coups de couteau.", 22),
    ("de", "Ein Mann, 31 Jahre alt, wurde erschossen.", 31),
])
def test_an_age_is_no_toll(language: str, text: str, age: int) -> None:
    assert _casualties(text, language).get("dead") in (None, 1)
    assert age not in _casualties(text, language).values()


def test_a_toll_before_years_of_something_else_still_counts() -> None:
    assert _casualties("Five people were killed in the flood.", "en") == {"dead": 5}


# -- words


@pytest.mark.parametrize(("language", "text", "kind"), [
    ("fr", "Philippines : un ferry en feu dans le port de Cebu", "fire"),
    ("pt", "Temporal alaga ruas da zona leste", "flood"),
    ("pt", "Homem morre arrastado pela enxurrada", "flood"),
    ("pt", "Cidade registra 12 pontos de alagamento", "flood"),
])
def test_the_words_of_the_round_are_kinds(language: str, text: str, kind: str) -> None:
    assert kind in kinds(_folded(text, language), language=language)


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Les policiers ont ouvert le feu sur la voiture"),
    ("pt", "Chuvas em Alagoas deixam cidades em alerta"),
])
def test_neighbours_of_those_words_are_not(language: str, text: str) -> None:
    found = kinds(_folded(text, language), language=language)
    assert "fire" not in found
    assert "flood" not in found


@pytest.mark.parametrize(("text", "part"), [
    ("Seit Sonntagnachmittag wütet ein Waldbrand", "afternoon"),
    ("Am Samstagabend wurde ein Mann niedergestochen", "evening"),
    ("In der Nacht zum Freitag brannte ein Haus; am Freitagmorgen war es gelöscht", "morning"),
])
def test_german_weekday_compounds_are_parts_of_the_day(text: str, part: str) -> None:
    assert part in times_of_day(_folded(text, "de"))


def test_a_forest_fire_in_the_afternoon_and_a_yacht_fire_at_night_are_two(
    matcher: Matcher,
) -> None:
    forest = signed(matcher, "Waldbrand bei Split",
                    "Oberhalb von Split wütet seit Sonntagnachmittag ein Waldbrand.", lang="de")
    yacht = signed(matcher, "Yacht fire in Split harbour",
                   "A yacht caught fire in Split harbour this evening.", minutes=270)
    comparison = compare(yacht, forest)
    assert _against(comparison.against, "different times of day")
    assert not comparison.same


# -- a district lies in its city's country


def test_a_place_read_in_another_country_is_no_district(matcher: Matcher) -> None:
    first = signed(matcher, "Building collapses in Mumbai's Kurla area, six dead",
                   "A residential building collapsed in Kurla, Mumbai, killing six people.")
    second = signed(matcher, "Inde : six morts dans l'effondrement d'un immeuble à Bombay",
                    "Un immeuble s'est effondré à Bombay, dans l'ouest de l'Inde.", lang="fr",
                    minutes=60)
    assert any(not key.startswith("city:india") for key in first.place_ids), (
        "the premise: the matcher reads Kurla as a town of another country")
    comparison = compare(second, first)
    assert not _against(comparison.against, "different districts")
    assert comparison.same


def test_two_districts_of_one_country_still_weigh_against(matcher: Matcher) -> None:
    first = signed(matcher, "Two shot in Chicago's Englewood neighborhood",
                   "Police said two men were wounded outside a home in Englewood.")
    second = signed(matcher, "Teenager wounded by gunfire in Austin, on Chicago's West Side",
                    "A 16-year-old was hit in the leg as shots rang out in Austin.", minutes=240)
    assert _against(compare(second, first).against, "different districts")
