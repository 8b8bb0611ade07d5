"""The twenty-fifth round (docs/EVENTS.md "How it decides"): what an authority does after a
happening, told without a word of "after", is its own news. The sentences are written for
these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import Candidate, compare, join
from bot.events.facts import consequence
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _title(text: str, language: str) -> str:
    prepared = Text.of("", text, language)
    return prepared.folded[: prepared.body]


# -- an official's visit is a consequence


@pytest.mark.parametrize(("title", "language"), [
    ("Health minister visits victims of Durban tavern shooting", "en"),
    ("Le préfet se rend sur les lieux de l'explosion à Lyon", "fr"),
    ("Il ministro visita i feriti dell'incendio di Torino", "it"),
    ("Innenministerin besucht Verletzte nach Explosion", "de"),
    ("Губернатор посетил место обрушения дома", "ru"),
    ("المحافظ يتفقد موقع انهيار العقار", "ar"),
])
def test_an_officials_visit_is_a_consequence(title: str, language: str) -> None:
    assert consequence(_title(title, language))


# -- an owner's arrest is a consequence; a suspect's is the happening's own end


@pytest.mark.parametrize(("title", "language"), [
    ("Police arrest owner of collapsed Lagos building", "en"),
    ("Owner of Izmir fireworks depot detained after blast", "en"),
    ("Arrestato il titolare della discoteca dopo il crollo", "it"),
    ("Задержан владелец сгоревшего склада", "ru"),
])
def test_an_owners_arrest_is_a_consequence(title: str, language: str) -> None:
    assert consequence(_title(title, language))


def test_a_suspects_arrest_and_the_happening_are_no_consequence() -> None:
    for title in ("Gunman arrested after Malmö shooting", "Two held over Lagos tavern attack",
                  "Building collapse in Lagos kills five"):
        assert not consequence(_title(title, "en"))


# -- the happening told first ("Nach Erdbeben: …")


def test_a_title_opening_with_the_happening_is_a_consequence_too() -> None:
    assert consequence(_title("Nach dem Hochwasser: Passau schließt alle Schulen", "de"))
    assert consequence(_title("After the floods, schools closed in Kraljevo", "en"))
    # "after" inside the title, before no act of an authority, is none
    assert not consequence(_title("After the floods, a bridge collapses in Kraljevo", "en"))


# -- a consequence's place and toll are no evidence


def test_a_visit_with_the_happenings_place_and_toll_is_not_that_happening(
        matcher: Matcher) -> None:
    shooting = signed(matcher, "Gunmen kill six at Durban tavern",
                      "Gunmen opened fire on patrons at a tavern in Umlazi, Durban, late on "
                      "Saturday, killing six people, police said.")
    visit = signed(matcher, "Police minister visits Umlazi tavern, promises arrests",
                   "The police minister visited the Umlazi tavern in Durban where six people "
                   "were shot dead overnight and met relatives of the victims.", minutes=180)
    comparison = compare(visit, shooting)
    assert "one report tells of a consequence of a happening" in comparison.against
    assert not comparison.same
    # the figure both give counts for nothing: the visit tells the toll to say which
    # shooting it follows
    assert "6" in comparison.numbers
    assert join(visit, [Candidate(1, 1, shooting)]).event is None


def test_an_owners_arrest_does_not_join_the_collapse(matcher: Matcher) -> None:
    collapse = signed(matcher, "Seven dead as building collapses in Lagos",
                      "A three-storey building collapsed in Ikota, Lagos, on Tuesday morning, "
                      "killing seven people, emergency officials said.")
    arrest = signed(matcher, "Lagos police arrest owner of collapsed Ikota building",
                    "Police arrested the owner of the building that collapsed in Ikota, "
                    "killing seven, and said he had added two floors without a permit.",
                    minutes=300)
    comparison = compare(arrest, collapse)
    assert "one report tells of a consequence of a happening" in comparison.against
    assert not comparison.same


def test_two_reports_of_one_visit_still_meet(matcher: Matcher) -> None:
    first = signed(matcher, "Police minister visits Umlazi tavern, promises arrests",
                   "The police minister visited the Umlazi tavern in Durban where six people "
                   "were shot dead overnight.")
    second = signed(matcher, "Minister visits scene of Durban tavern shooting",
                    "Police minister visited the Umlazi tavern on Sunday, where six people "
                    "were killed.", minutes=40)
    comparison = compare(second, first)
    assert "one report tells of a consequence of a happening" not in comparison.against
    assert comparison.same
