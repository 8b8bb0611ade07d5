"""The twenty-second round (docs/EVENTS.md "How it decides"): different happenings the
decision joined. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import casualties, counted_figures, elsewhere
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _read(text: str, language: str) -> tuple[str, str]:
    prepared = Text.of(text, "", language)
    return prepared.folded, prepared.original


# -- a shared figure counts the same people in both, or people in neither


@pytest.mark.parametrize(("language", "text", "tolls"), [
    ("en", "Gunman wounds two at a bar in Izmir", {"injured:2"}),
    ("fr", "Deux morts dans une fusillade à Bursa", {"dead:2"}),
    ("es", "Tres muertos y 12 heridos en un choque en Puebla", {"dead:3", "injured:12"}),
])
def test_each_casualty_figure_is_kept_with_what_it_counts(language: str, text: str,
                                                          tolls: set[str]) -> None:
    assert counted_figures(*_read(text, language)) == tolls


def test_two_hurt_and_two_dead_are_two_counts(matcher: Matcher) -> None:
    hurt = signed(matcher, "Gunman wounds two at a bar in Izmir",
                  "A man opened fire in a bar in Izmir's Konak district on Monday, wounding "
                  "two customers.")
    dead = signed(matcher, "Two dead after shooting at Izmir bus station",
                  "Two people died when a gunman fired at passengers at the bus station.",
                  minutes=110)
    comparison = compare(dead, hurt)
    assert "2" not in comparison.numbers
    # the same count in both is a figure in common
    rewrite = signed(matcher, "Two wounded as gunman fires in Izmir bar",
                     "Two customers were wounded in a bar in Konak.", minutes=30)
    assert "2" in compare(rewrite, hurt).numbers


def test_a_figure_that_counts_nobody_in_either_is_still_shared(matcher: Matcher) -> None:
    first = signed(matcher, "Wildfire near Valparaiso destroys 300 homes",
                   "Firefighters battled the blaze overnight.")
    later = signed(matcher, "Valparaiso fire: 300 homes lost, two dead",
                   "Two residents died as the flames spread.", minutes=60)
    assert "300" in compare(later, first).numbers


# -- one of a group: the group's figure is no toll of the verb


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Une des quatre victimes de l'attaque de la gare est décédée à l'hôpital."),
    ("de", "Eines der drei Opfer des Angriffs ist im Krankenhaus gestorben."),
])
def test_one_of_a_group_is_one_dead_not_the_group(language: str, text: str) -> None:
    assert casualties(*_read(text, language)) == {"dead": 1}


def test_a_group_figure_is_still_a_figure_to_share(matcher: Matcher) -> None:
    earlier = signed(matcher, "Knife attack at Lille station leaves four hurt",
                     "Four travellers were hurt by a man with a knife.")
    later = signed(matcher, "Lille : une des quatre victimes est morte",
                   "Une des quatre victimes de l'agression à la gare est décédée.",
                   lang="fr", minutes=120)
    assert "4" in later.numbers
    assert "4" in compare(later, earlier).numbers


# -- a sentence that opens with "earlier" tells of another happening


@pytest.mark.parametrize(("language", "text", "clause"), [
    ("en", "A shop burned in Leiden. Earlier that night a car bomb went off in Delft.",
     "Earlier that night a car bomb went off in Delft"),
    ("nl", "Brand in winkel in Leiden. Eerder die nacht ontplofte een auto in Delft.",
     "Eerder die nacht ontplofte een auto in Delft"),
    ("ru", "Пожар в магазине в Туле. Ранее ночью в Орле взорвался автомобиль.",
     "Ранее ночью в Орле взорвался автомобиль"),
])
def test_a_sentence_opened_by_earlier_is_another_happening(language: str, text: str,
                                                            clause: str) -> None:
    prepared = Text.of(text, "", language)
    spans = elsewhere(prepared.folded, prepared.original)
    assert [prepared.original[a:b] for a, b in spans] == [clause]


def test_earlier_inside_a_sentence_opens_nothing() -> None:
    prepared = Text.of("The fire that broke out earlier in Leiden is out.", "", "en")
    assert elsewhere(prepared.folded, prepared.original) == ()


def test_the_place_of_the_earlier_sentence_is_not_the_reports(matcher: Matcher) -> None:
    shop = signed(matcher, "Explosion and fire at a shop in Leiden, one hurt",
                  "A device exploded at a phone shop in Leiden at four in the morning. Earlier "
                  "that night an explosive also went off at a house in Delft.")
    house = signed(matcher, "Blast damages house in Delft",
                   "An explosive went off at the door of a house in Delft at three.",
                   minutes=-60)
    assert "delft" not in shop.places
    assert not compare(shop, house).same


# -- one person hurt, in the singular, is one injured


@pytest.mark.parametrize(("language", "text"), [
    ("uk", "Дрони атакували склад у Вінниці, поранено одного охоронця."),
    ("uk", "Поранений водій доставлений до лікарні у Вінниці."),
    ("es", "Un conductor resultó herido en el incendio de un camión en Toledo."),
    ("pl", "Ranny kierowca trafił do szpitala w Lublinie."),
    ("en", "A gas blast in a Leeds bakery, injuring one worker."),
])
def test_one_hurt_in_the_singular_is_one_injured(language: str, text: str) -> None:
    assert casualties(*_read(text, language)).get("injured") == 1


def test_a_figure_of_the_hurt_is_kept_beside_a_singular() -> None:
    text = "Cinco heridos en Toledo; un conductor resultó herido grave."
    assert casualties(*_read(text, "es")).get("injured") == 5


def test_fewer_hurt_hours_later_is_another_happening(matcher: Matcher) -> None:
    hotel = signed(matcher, "Удар по Вінниці: п'ятеро загиблих, 11 поранених",
                   "Ракета влучила в готель у центрі Вінниці.", lang="uk")
    depot = signed(matcher, "Дрони атакували склад у Вінниці, поранений охоронець",
                   "Увечері дрони атакували склад у Вінниці.", lang="uk", minutes=300)
    assert depot.casualty("injured") == 1
    assert any("fewer injured" in reason for reason in compare(depot, hotel).against)


# -- the Portuguese "no" (in the) before "hospital" is no negation


def test_died_in_hospital_in_portuguese_says_nothing_of_none() -> None:
    text = "O homem esfaqueado ontem em Braga morreu no hospital."
    assert casualties(*_read(text, "pt")) == {"dead": 1}


# -- a casualty word just before another figure is that figure's; "two of them" is a part


@pytest.mark.parametrize(("language", "text", "tolls"), [
    ("uk", "У Львові зіткнулися два трамваї, травмовано 15 пасажирів.", {"injured:15"}),
    ("en", "Three buses collided on the ring road, injuring 20 people.", {"injured:20"}),
    ("en", "A train hit a lorry at a crossing, killing two; four more were hurt.",
     {"dead:2", "injured:4"}),
])
def test_a_casualty_word_before_another_figure_counts_that_figure(
        language: str, text: str, tolls: set[str]) -> None:
    assert counted_figures(*_read(text, language)) == tolls


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Eleven passengers were hurt, two of them badly, when the trams collided."),
    ("uk", "Травмовано 11 пасажирів, двоє з них у важкому стані."),
    ("fr", "Onze passagers ont été blessés, deux d'entre eux grièvement."),
])
def test_two_of_them_is_a_part_of_the_toll(language: str, text: str) -> None:
    assert counted_figures(*_read(text, language)) == {"injured:11"}
