"""The ninth round's facts (docs/EVENTS.md, "How it decides"): kinds' words that were missing
(a crane that topples, a boat that overturns in Albanian, a bus that hits a building in French,
a bridge blocked) and a word that started one it is not (the French "façade" read as the
Portuguese knife). The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events.facts import kinds
from bot.matching.text import Text


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
