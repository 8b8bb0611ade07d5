"""The eighth round's facts (docs/EVENTS.md, "How it decides"): German compounds read by their
last word, a fire that breaks out with an explosion's verb, the dead and the figures of a toll
in the languages and cases it is said in, and a rising toll where no place tells two reports
apart. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import casualties, kinds, toll_rises
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


@pytest.mark.parametrize(("text", "kind"), [
    ("Großbrand in einer Lagerhalle bei Hannover", "fire"),
    ("Gasexplosion zerstört Reihenhaus in Bremen", "explosion"),
    ("Schwerer Busunfall auf der A7", "crash"),
    ("Warnstreik legt Flughäfen lahm", "walkout"),
])
def test_a_german_compound_is_read_by_its_last_word(text: str, kind: str) -> None:
    assert kind in kinds(Text.of(text).folded, language="de")


def test_only_a_german_text_is_read_by_its_compounds() -> None:
    # "Ausschuss" (a committee) ends in no head; "brandneu" starts with one
    assert kinds(Text.of("Der Ausschuss stellt das brandneue Konzept vor").folded,
                 language="de") == frozenset()
    assert "fire" not in kinds(Text.of("La gasexplosion est une marque").folded, language="fr")


def test_a_fire_breaks_out_with_an_explosions_verb_in_polish() -> None:
    assert kinds(Text.of("W hali magazynowej pod Łodzią wybuchł pożar").folded) == {"fire"}
    assert kinds(Text.of("W kamienicy w Łodzi wybuchł gaz").folded) == {"explosion"}


@pytest.mark.parametrize(("text", "expected"), [
    # the figure after a verb of rising counts what its sentence counted
    ("Liczba zabitych wzrosła do sześciu, a rannych do 11", {"dead": 6, "injured": 11}),
    ("Число погибших выросло до восьми", {"dead": 8}),
    ("U nesreći je poginulo sedam osoba", {"dead": 7}),
    ("Jeden z cestujících zemřel", {"dead": 1}),
    ("Muere uno de los heridos del accidente", {"dead": 1}),
    ("Tre të vdekur nga zjarri", {"dead": 3}),
])
def test_a_toll_in_its_own_language_and_case(text: str, expected: dict[str, int]) -> None:
    prepared = Text.of(text)
    found = casualties(prepared.folded, prepared.original)
    assert {k: found.get(k) for k in expected} == expected


def test_a_toll_rises_in_croatian_and_polish() -> None:
    for text in ("Broj mrtvih porastao na šest", "Liczba ofiar wzrosła do siedmiu"):
        prepared = Text.of(text)
        assert toll_rises(prepared.folded, prepared.original)


def test_a_rising_toll_with_no_place_to_differ_by_joins(matcher: Matcher) -> None:
    first = signed(matcher, "Shelling hits bus stop in Kherson, killing two",
                   "Artillery shells landed near a bus stop in Kherson on Monday morning, "
                   "killing two people, officials said.")
    # the Polish report names no place the matcher reads
    rises = signed(matcher, "Ostrzał przystanku: liczba zabitych wzrosła do czterech",
                   lang="pl", minutes=150)
    plain = signed(matcher, "Ostrzał przystanku: czterech zabitych", lang="pl", minutes=150)
    assert compare(rises, first).same
    assert not compare(plain, first).same


def test_one_subdivision_in_two_spellings_leaves_no_place_to_differ_by(
    matcher: Matcher,
) -> None:
    # the matcher reads "Genova" and "Gênes" as the province, one gazetteer key
    italian = signed(matcher, "Esplosione in un cantiere navale a Genova", lang="it")
    french = signed(matcher, "Italie : explosion dans un chantier naval de Gênes", lang="fr",
                    minutes=15)
    assert italian.place_ids == french.place_ids
    assert compare(french, italian).same
