"""The nineteenth round (docs/EVENTS.md "How it decides"): the Albanian and Italian "për" /
"per" before a cause, the death of one said to have been hurt in a relative clause, and the
Portuguese and Spanish bodies. The sentences are written for these tests, not taken from the
set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import casualties, kinds, toll_rises
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _folded(text: str, language: str) -> str:
    return Text.of(text, "", language).folded


# -- "për" and "per": a protest over a happening is a protest


@pytest.mark.parametrize(("language", "text"), [
    ("sq", "Protestë në Fier për shembjen e urës"),
    ("it", "Protesta a Bari per il crollo della scuola"),
])
def test_a_protest_over_a_collapse_is_no_collapse(language: str, text: str) -> None:
    found = kinds(_folded(text, language), language=language)
    assert "protest" in found
    assert "collapse" not in found


def test_a_collapse_alone_is_still_a_collapse() -> None:
    assert "collapse" in kinds(_folded("Shembet ura në Fier", "sq"), language="sq")


def test_an_albanian_protest_flash_stays_apart_from_the_collapse(matcher: Matcher) -> None:
    collapse = signed(matcher, "Bridge collapses in Albania's Fier, three hurt",
                      "A footbridge over the river in Fier collapsed on Tuesday morning, "
                      "injuring three people.")
    protest = signed(matcher, "Protestë në Fier për shembjen e urës", lang="sq",
                     minutes=5 * 60)
    assert not compare(protest, collapse).same


# -- the death of one said to have been hurt


@pytest.mark.parametrize(("language", "text"), [
    ("sr", "Preminula je žena koja je teško povređena u požaru u Nišu."),
    ("en", "A cyclist who was seriously injured in the crash in Leeds has died."),
])
def test_the_death_of_one_said_hurt_is_a_toll_that_rose(language: str, text: str) -> None:
    folded = _folded(text, language)
    assert toll_rises(folded, text)


def test_a_plain_death_is_no_toll_that_rose() -> None:
    text = "Preminuo je muškarac u Nišu."
    assert not toll_rises(_folded(text, "sr"), text)


def test_the_death_of_one_hurt_joins_past_the_window(matcher: Matcher) -> None:
    crash = signed(matcher, "Autobus sleteo s puta kod Nikšića, povređeno šest putnika",
                   "Autobus je sleteo s puta kod Nikšića. Povređeno je šest putnika.",
                   lang="sr")
    death = signed(matcher, "Preminuo putnik povređen u nesreći autobusa",
                   "Preminuo je putnik koji je teško povređen kada je autobus sleteo s puta "
                   "kod Nikšića.", lang="sr", minutes=8 * 60)
    assert death.rises
    assert compare(death, crash).same


# -- bodies in Portuguese and Spanish


@pytest.mark.parametrize(("language", "text", "dead"), [
    ("pt", "Encontrados os corpos de três pescadores em Peniche", 3),
    ("es", "Hallan los cuerpos de dos excursionistas en los Picos de Europa", 2),
])
def test_bodies_are_the_dead(language: str, text: str, dead: int) -> None:
    assert casualties(_folded(text, language), text).get("dead") == dead


def test_the_bodies_of_the_missing_join_the_sinking_past_the_window(matcher: Matcher) -> None:
    sinking = signed(matcher, "Barco de pesca naufraga ao largo de Peniche, quatro desaparecidos",
                     "Uma embarcação de pesca naufragou ao largo de Peniche. Quatro pescadores "
                     "estão desaparecidos.", lang="pt")
    bodies = signed(matcher, "Encontrados os corpos de dois pescadores do barco naufragado em "
                    "Peniche", "Os corpos de dois dos quatro pescadores desaparecidos no "
                    "naufrágio ao largo de Peniche foram encontrados.", lang="pt",
                    minutes=8 * 60)
    assert compare(bodies, sinking).same


# -- a Spanish cloudburst, and people swept away by the water, are a flood


@pytest.mark.parametrize(("language", "text"), [
    ("es", "Una tromba de agua anega el centro de Almería"),
    ("es", "Muere un conductor arrastrado por el agua en una rambla de Lorca"),
    ("fr", "Une femme emportée par les eaux dans le Gard"),
    ("de", "Mann von den Fluten mitgerissen"),
])
def test_a_cloudburst_and_the_swept_away_are_a_flood(language: str, text: str) -> None:
    assert "flood" in kinds(_folded(text, language), language=language)


def test_the_italian_tromba_d_aria_is_still_no_flood() -> None:
    assert "flood" not in kinds(_folded("Una tromba d'aria colpisce Ostia", "it"),
                                language="it")


def test_a_cloudburst_meets_the_report_of_the_flash_flood(matcher: Matcher) -> None:
    flood = signed(matcher, "Muere una mujer arrastrada por la riada en Lorca",
                   "Una mujer murió cuando la riada arrastró su coche en Lorca.", lang="es")
    cloudburst = signed(matcher, "La tromba de agua se cobra una vida en Lorca",
                        "La tromba de agua caída esta mañana ha dejado una fallecida en Lorca.",
                        lang="es", minutes=45)
    assert "flood" in cloudburst.kinds
    assert compare(cloudburst, flood).same


# -- the French fire in a relative clause


def test_le_feu_qui_is_a_fire() -> None:
    text = "À Toulon, le feu qui a ravagé un entrepôt cette nuit a fait un blessé."
    assert "fire" in kinds(_folded(text, "fr"), language="fr")


def test_opening_fire_is_still_no_fire() -> None:
    text = "Un homme a ouvert le feu sur des passants à Toulon."
    assert "fire" not in kinds(_folded(text, "fr"), language="fr")


def test_a_french_live_line_of_the_fire_meets_the_english_report(matcher: Matcher) -> None:
    english = signed(matcher, "One dead in Toulon warehouse fire",
                     "A fire broke out overnight in a warehouse in Toulon, killing a night "
                     "guard, firefighters said.")
    live = signed(matcher, "Direct : l'actualité en France ce lundi",
                  "06h00 — À Toulon, le feu qui a ravagé un entrepôt cette nuit a coûté la vie "
                  "à un gardien.", lang="fr", minutes=50)
    assert "fire" in live.kinds
    assert compare(live, english).same
