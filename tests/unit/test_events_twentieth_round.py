"""The twentieth round (docs/EVENTS.md "How it decides"): what sets two happenings of one
city apart. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import casualties, casualty_figures, targets
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


# -- the figures and places of another, earlier happening the report names


@pytest.mark.parametrize(("language", "text", "own"), [
    ("en", "Police arrested three men near Mosul on Friday, hours after a bomb killed nine "
           "people in Erbil, officials said.", {}),
    ("en", "Two killed in shelling of Shebekino, hours after drones killed five in Belgorod.",
     {"dead": 2}),
    ("fr", "Deux morts dans une fusillade à Nîmes, quelques heures après l'incendie qui a fait "
           "six morts à Alès.", {"dead": 2}),
    ("de", "Zwei Verletzte bei Messerangriff in Kalk, wenige Stunden nach der Explosion mit "
           "vier Toten in Deutz.", {"injured": 2}),
    ("ar", "مقتل شخصين في غارة على سيارة قرب مورك بعد ساعات من الغارة التي قتلت خمسة في كفرزيتا",
     {"dead": 2}),
])
def test_a_toll_told_after_hours_after_is_another_happenings(language: str, text: str,
                                                             own: dict[str, int]) -> None:
    folded = _folded(text, language)
    assert casualties(folded, Text.of(text, "", language).original) == own


def test_the_figure_of_another_happening_is_no_figure_of_the_report(matcher: Matcher) -> None:
    raid = signed(matcher, "Police arrest three in raid near Mosul",
                  "Police arrested three men in a raid near Mosul on Friday, hours after a bomb "
                  "killed 9 people in Erbil, officials said.")
    assert "9" not in raid.numbers


def test_a_place_named_only_after_hours_after_is_the_other_happenings(
        matcher: Matcher) -> None:
    raid = signed(matcher, "Iraqi forces arrest four suspects in raid near Samarra",
                  "Iraqi forces arrested four suspected militants in a raid on a farm near "
                  "Samarra on Wednesday evening, hours after a car bomb killed eight soldiers "
                  "in Tikrit, the army said.")
    assert "samarra" in raid.places
    assert "tikrit" not in raid.places


def test_a_report_whose_only_place_is_after_hours_after_keeps_it(matcher: Matcher) -> None:
    rescue = signed(matcher, "Rescuers pull survivors from rubble",
                    "Rescuers pulled two survivors from the rubble, hours after the earthquake "
                    "hit Malatya.")
    assert "malatya" in rescue.places


def test_a_raid_hours_after_a_bombing_is_not_the_bombing(matcher: Matcher) -> None:
    bombing = signed(matcher, "Islamic State claims Baiji bombing as toll rises to eight",
                     "Islamic State said it was behind the car bombing at a Baiji checkpoint, "
                     "where the number of soldiers killed has risen to eight.")
    raid = signed(matcher, "Iraqi forces arrest four suspects in raid near Samarra",
                  "Iraqi forces arrested four suspected militants in a raid on a farm near "
                  "Samarra on Wednesday evening, hours after a car bomb killed eight soldiers "
                  "in Baiji, the army said.", minutes=5 * 60)
    assert not compare(raid, bombing).same


# -- a part of a toll is no toll of its own


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The toll rose to nine dead, among them two children."),
    ("en", "Nine people were killed, including two children."),
    ("fr", "Le bilan s'élève à neuf morts, dont deux enfants."),
    ("de", "Neun Menschen wurden getötet, darunter zwei Kinder."),
    ("ar", "ارتفعت حصيلة الغارة إلى تسعة قتلى بينهم طفلان."),
])
def test_the_children_among_the_dead_are_no_figure(language: str, text: str) -> None:
    folded = _folded(text, language)
    original = Text.of(text, "", language).original
    assert casualty_figures(folded, original) == {9}
    assert casualties(folded, original) == {"dead": 9}


def test_the_children_among_the_dead_are_no_figure_of_the_signature(matcher: Matcher) -> None:
    # a drone strike that killed two, the same afternoon, would meet this toll by its "2"
    bakery = signed(matcher, "ارتفاع حصيلة غارة سراقب إلى تسعة قتلى",
                    "ارتفعت حصيلة الغارة الجوية على فرن في سراقب بريف إدلب إلى تسعة قتلى بينهم "
                    "طفلان.", lang="ar")
    assert "9" in bakery.numbers
    assert "2" not in bakery.numbers


# -- a live page's line is read by its own words


def test_a_live_line_is_signed_without_the_page_title(matcher: Matcher) -> None:
    line = "16:10 — Brucia un impianto di rifiuti a Modugno: la nube di fumo arriva su Bari."
    one = signed(matcher, "Puglia, le notizie di oggi in diretta", line, lang="it")
    other = signed(matcher, "Bari live: tutte le notizie", line, lang="it")
    assert one.sketch == other.sketch and one.size == other.size


def test_a_report_that_is_no_live_line_keeps_its_title(matcher: Matcher) -> None:
    text = "Un rogo è scoppiato in un impianto di rifiuti a Modugno."
    one = signed(matcher, "Rogo a Modugno, nube su Bari", text, lang="it")
    other = signed(matcher, "Incendio in Puglia", text, lang="it")
    assert one.sketch != other.sketch


def test_two_live_lines_of_one_page_about_two_fires_are_two(matcher: Matcher) -> None:
    page = "Puglia, le notizie di oggi in diretta"
    airport = signed(matcher, page, "13:30 — Fiamme vicino alla pista di Palese: voli sospesi "
                     "a Bari.", lang="it")
    plant = signed(matcher, page, "16:10 — Brucia un impianto di rifiuti a Modugno: la nube di "
                   "fumo arriva su Bari, nessun ferito.", lang="it", minutes=160)
    assert not compare(plant, airport).same
