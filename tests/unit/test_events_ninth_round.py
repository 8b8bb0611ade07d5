"""The ninth round's facts (docs/EVENTS.md, "How it decides"): kinds' words that were missing
(a crane that topples, a boat that overturns in Albanian, a bus that hits a building in French,
a bridge blocked) and a word that started one it is not (the French "façade" read as the
Portuguese knife). The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.events import Signature, compare, sign
from bot.events.facts import kinds
from bot.matching.text import Text
from bot.pipeline.match import Matcher

T0 = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)


def signed(matcher: Matcher, title: str, text: str = "", *, lang: str = "en",
           minutes: float = 0) -> Signature:
    match = matcher.match(text, title, language=lang)
    return sign(title, text, match, language=lang, at=T0 + timedelta(minutes=minutes))


@pytest.mark.parametrize(("text", "kind"), [
    ("A tower crane toppled onto a row of parked cars in Leeds", "collapse"),
    ("Im Hafen ist ein Kran umgestürzt", "collapse"),
    ("W Szczecinie runął strop hali targowej", "collapse"),
    ("Përmbyset varka e peshkatarëve pranë Durrësit", "crash"),
    ("Un camion percute un abribus à Nantes", "crash"),
    ("Studenti blokirali raskrsnicu u Nišu", "protest"),
    ("Студенти блокирали раскрсницу у Нишу", "protest"),
    ("Farmers blocked the bridge into the city with tractors", "protest"),
    ("Homem ferido com uma facada no Porto", "stabbing"),
    ("Assaltante ameaçou o funcionário com uma faca", "stabbing"),
])
def test_kinds_words_of_the_ninth_round(text: str, kind: str) -> None:
    assert kind in kinds(Text.of(text).folded)


@pytest.mark.parametrize(("text", "kind"), [
    # "façade" is no knife, "runął" only whole ("runda" a round), the flood "përmbytje" no
    # capsizing
    ("Une voiture a heurté la façade d'une boulangerie", "stabbing"),
    ("Druga runda rozmów w Warszawie", "collapse"),
    ("Përmbytje në Shkodër pas shirave", "crash"),
])
def test_words_that_only_start_like_the_ninth_rounds_are_none(text: str, kind: str) -> None:
    assert kind not in kinds(Text.of(text).folded)


@pytest.mark.parametrize("text", [
    "Chlorine leak at water treatment plant in Ghent",
    "Z chladicího zařízení unikl čpavek",
    "Wyciek amoniaku w mleczarni pod Poznaniem",
    "Утечка хлора на водоочистной станции",
    "Fuite de gaz dans un immeuble de Lille",
])
def test_a_leak_is_a_kind_in_every_language(text: str) -> None:
    assert "leak" in kinds(Text.of(text).folded)


def test_a_leak_is_no_word_that_starts_alike() -> None:
    # "unikátní" (unique), "fuite" alone (a flight)
    assert "leak" not in kinds(Text.of("Unikátní snímky z Prahy").folded)
    assert "leak" not in kinds(Text.of("Le conducteur a pris la fuite").folded)


def test_a_leak_and_the_blast_it_sets_off_do_not_conflict(matcher: Matcher) -> None:
    leak = signed(matcher, "Gas leak forces evacuation of block in Leipzig", minutes=0)
    blast = signed(matcher, "Explosion destroys flats in Leipzig", minutes=40)
    assert leak.kinds == {"leak"} and blast.kinds == {"explosion"}
    assert not any("different kinds" in a for a in compare(blast, leak).against)
