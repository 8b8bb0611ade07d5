"""The twenty-third round (docs/EVENTS.md "How it decides"): different happenings the
decision joined. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import clock_parts, consequence, numbers, targets
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _title(text: str, language: str) -> str:
    prepared = Text.of("", text, language)
    return prepared.folded[: prepared.body]


# -- a clock time says the part of the day


@pytest.mark.parametrize(("lead", "parts"), [
    ("The quake struck at 02:15 on Sunday", {"night"}),
    ("Une secousse a été ressentie à 8h20 dimanche", {"morning"}),
    ("Il treno è deragliato alle 15:45", {"afternoon"}),
    ("A gunman opened fire shortly after 8 p.m. on Friday", {"evening"}),
    ("Fire broke out at about 3am", {"night"}),
])
def test_a_clock_time_is_a_part_of_the_day(lead: str, parts: set[str]) -> None:
    assert clock_parts(lead) == parts


@pytest.mark.parametrize("lead", [
    "A magnitude 5.2 quake struck at 14:05 UTC",
    "Tremor of magnitude 4.4 at a depth of 12 km",
])
def test_a_time_in_utc_or_a_decimal_is_no_part_of_the_day(lead: str) -> None:
    assert clock_parts(lead) == frozenset()


def test_two_quakes_hours_apart_by_their_clocks_are_two(matcher: Matcher) -> None:
    night = signed(matcher, "Quake rattles Arequipa, houses cracked",
                   "A moderate earthquake shook Arequipa at 00:50 on Tuesday, cracking walls "
                   "in old houses.", lang="en")
    morning = signed(matcher, "New tremor shakes Arequipa",
                     "Another earthquake was felt in Arequipa at 06:35 on Tuesday.",
                     lang="en", minutes=340)
    comparison = compare(morning, night)
    assert any("different times of day" in r for r in comparison.against)


# -- a measure is a figure of its unit


@pytest.mark.parametrize(("text", "figures"), [
    ("at a depth of 4 km", {"4km"}),
    ("a crack 20 metres long", {"20m"}),
    ("four injured, 4 km from the epicentre", {"4km"}),
    ("40 % of the homes", {"40%"}),
])
def test_a_figure_with_a_unit_is_a_measure(text: str, figures: set[str]) -> None:
    assert numbers(text) == figures
    # a figure without a unit is the figure
    assert numbers(text.replace(" km", "").replace(" metres", "").replace(" %", "")) == {
        f.rstrip("km%") for f in figures}


def test_a_depth_is_no_toll_in_common(matcher: Matcher) -> None:
    quake = signed(matcher, "Quake near Catania injures four",
                   "A magnitude 4.5 earthquake shook the slopes of Etna, injuring 4 people.")
    notice = signed(matcher, "Earthquake ML 3.1 near Catania",
                    "An earthquake of magnitude 3.1 occurred near Catania at a depth of 4 km.",
                    minutes=200)
    assert "4" not in compare(notice, quake).numbers


# -- a consequence is its own happening


@pytest.mark.parametrize(("title", "language"), [
    ("Mayor suspends building inspectors after Lima block collapse", "en"),
    ("Il prefetto sospende i dirigenti dopo il crollo della scuola", "it"),
    ("Schools closed in Kraljevo after the floods", "en"),
    ("Les écoles fermées à Nice après les inondations", "fr"),
    ("المحافظ يوقف مسؤولي الحي بعد انهيار المبنى", "ar"),
])
def test_an_authoritys_act_after_a_happening_is_a_consequence(title: str,
                                                                language: str) -> None:
    assert consequence(_title(title, language))


def test_an_arrest_a_resignation_or_the_happening_is_no_consequence() -> None:
    assert consequence(_title("Governor suspends officials after Lima block collapse", "en"))
    for title in ("Suspect arrested after shooting in Malmö",
                  "Prime minister resigns after 40 days", "Building collapse in Lima kills five"):
        assert not consequence(_title(title, "en"))


def test_a_consequence_does_not_join_its_happening(matcher: Matcher) -> None:
    collapse = signed(matcher, "Lima building collapse toll rises to seven",
                      "Rescuers pulled two more bodies from the building that fell in Lima's "
                      "Rímac district, raising the toll to seven.")
    suspended = signed(matcher, "Lima mayor suspends inspectors after Rímac building collapse",
                       "The municipality said the officials had signed off on two extra "
                       "floors.", minutes=150)
    comparison = compare(suspended, collapse)
    assert "one report tells of a consequence of a happening" in comparison.against
    assert not comparison.same


# -- a road tanker is a target of its own


@pytest.mark.parametrize(("title", "language"), [
    ("Un camion-citerne explose sur la N1, trois morts", "fr"),
    ("Autocisterna in fiamme sulla A4", "it"),
    ("Бензовоз загорелся на трассе М4", "ru"),
])
def test_a_road_tanker_is_a_tanker(title: str, language: str) -> None:
    assert "tanker" in targets(_title(title, language))


def test_a_tanker_fire_and_a_minibus_crash_are_two(matcher: Matcher) -> None:
    tanker = signed(matcher, "Kenya : un camion-citerne prend feu près de Nakuru, quatre morts",
                    "Quatre personnes sont mortes dans l'incendie d'un camion-citerne.",
                    lang="fr")
    minibus = signed(matcher, "Kenya : quatre morts dans la collision d'un minibus à Nakuru",
                     "Quatre passagers sont morts lorsqu'un minibus a percuté un mur.",
                     lang="fr", minutes=130)
    comparison = compare(minibus, tanker)
    assert any("different targets" in r for r in comparison.against)


# -- a shop and a shanty town are targets of their own


@pytest.mark.parametrize(("title", "language", "target"), [
    ("Blast wrecks phone shop in Lewisham", "en", "shop"),
    ("Explosie bij winkel in Zaandam", "nl", "shop"),
    ("Sprengsatz vor Geschäft in Neuss explodiert", "de", "shop"),
    ("Fire sweeps through shanties in Pasay", "en", "shanties"),
    ("Un incendie ravage un bidonville de Nanterre", "fr", "shanties"),
])
def test_a_shop_and_a_shanty_town_are_targets(title: str, language: str, target: str) -> None:
    assert target in targets(_title(title, language))


def test_a_house_blast_and_a_shop_blast_are_two(matcher: Matcher) -> None:
    house = signed(matcher, "Explosion damages house in Utrecht's Overvecht",
                   "A device went off at the door of a house in Overvecht overnight.")
    shop = signed(matcher, "Explosion at shop in Utrecht's Kanaleneiland",
                  "A device went off at the door of a shop in Kanaleneiland overnight.",
                  minutes=40)
    assert any("different targets" in r for r in compare(shop, house).against)


# -- the generic part of a proper name is no name


def test_the_generic_part_of_a_proper_name_is_no_name_in_common(matcher: Matcher) -> None:
    fire = signed(matcher, "Lorry fire on the Accra-Tema Motorway",
                  "A lorry caught fire on the Accra-Tema Motorway near Ashaiman on Monday.")
    crash = signed(matcher, "Minibus crash on the Accra-Kumasi Motorway",
                   "A minibus overturned on the Accra-Kumasi Motorway near Nsawam on Monday.",
                   minutes=90)
    assert not any(a.startswith("motor") for a in compare(crash, fire).actors)
