"""The seventeenth round (docs/EVENTS.md "How it decides"): a live page's clock time, the
French "frappe" as a noun, a first death said as such, a protest in solidarity with another,
a siege whose toll comes when it ends, and a set-apart happening told again with its own toll.
The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import casualties, kinds, sets_apart, targets
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _folded(text: str, language: str) -> str:
    return Text.of(text, "", language).folded


def _casualties(text: str, language: str) -> dict[str, int]:
    # the original as the signature reads it, whose offsets are the folded text's
    prepared = Text.of(text, "", language)
    return casualties(prepared.folded, prepared.original)


def _against(comparison_against: tuple[str, ...], start: str) -> bool:
    return any(reason.startswith(start) for reason in comparison_against)


# -- a live page's clock time counts nobody


def test_a_clock_time_before_a_toll_is_no_toll() -> None:
    line = "14:25 — The number of dead in the morning's strike on Kherson has risen to three."
    assert _casualties(line, "en") == {"dead": 3}


def test_a_live_line_rises_from_its_own_toll_not_its_clock(matcher: Matcher) -> None:
    live = signed(matcher, "Ukraine war live: ministers meet in Brussels",
                  "11:40 — The number of dead in the strike on a school in Kherson has risen "
                  "to three, the governor says.")
    later = signed(matcher, "Удар по Херсону: кількість загиблих зросла до шести",
                   "Кількість загиблих унаслідок удару по школі в Херсоні зросла до шести.",
                   lang="uk", minutes=7 * 60)
    assert later.rises, "the premise: the later report says the toll rose"
    assert compare(later, live).same


# -- the French "frappe" as a noun, not the verb


@pytest.mark.parametrize("text", [
    "Frappe israélienne sur un immeuble de Tyr",
    "Une frappe touche une voiture près de Saïda",
    "Le bilan de la frappe s'alourdit",
])
def test_a_french_strike_in_the_singular_is_an_air_strike(text: str) -> None:
    assert "airstrike" in kinds(_folded(text, "fr"), language="fr")


def test_the_french_verb_frapper_is_no_air_strike() -> None:
    assert "airstrike" not in kinds(_folded("Un séisme frappe le nord du Maroc", "fr"),
                                    language="fr")


def test_a_french_headline_meets_the_arabic_report_of_one_strike(matcher: Matcher) -> None:
    arabic = signed(matcher, "غارة إسرائيلية على مبنى في صيدا",
                    "استهدفت غارة إسرائيلية مبنى في مدينة صيدا ظهر الخميس.", lang="ar")
    french = signed(matcher, "Frappe israélienne sur un immeuble à Saïda", lang="fr",
                    minutes=20)
    assert compare(french, arabic).same


# -- a first death, said as such


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Tempête en Bretagne : un premier mort"),
    ("en", "Storm claims its first victim in Cornwall"),
    ("es", "Primera víctima mortal de la DANA en Murcia"),
    ("it", "Maltempo, la prima vittima a Genova"),
    ("de", "Hochwasser: erstes Todesopfer in Passau"),
    ("uk", "Повінь на Закарпатті: перша жертва"),
])
def test_a_first_death_is_one_dead(language: str, text: str) -> None:
    assert _casualties(text, language) == {"dead": 1}


def test_a_flood_s_first_death_late_joins_its_first_report(matcher: Matcher) -> None:
    first = signed(matcher, "Floods hit Passau as the Danube bursts its banks",
                   "Hundreds of people left their homes in Passau overnight.")
    death = signed(matcher, "Hochwasser in Passau: erstes Todesopfer", lang="de",
                   minutes=8 * 60)
    assert compare(death, first).same


# -- a protest in solidarity with another is its own


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Students rally in Kutaisi in solidarity with the protesters in the capital"),
    ("fr", "Manifestation à Lille en solidarité avec les grévistes de Paris"),
    ("ru", "В Батуми прошёл митинг в знак солидарности с протестующими"),
])
def test_a_protest_in_solidarity_sets_itself_apart(language: str, text: str) -> None:
    assert sets_apart(_folded(text, language))


def test_a_march_in_solidarity_elsewhere_is_another_protest(matcher: Matcher) -> None:
    capital = signed(matcher, "Thousands protest outside parliament in Tbilisi",
                     "Thousands of people protested outside the parliament in Tbilisi against "
                     "the new media law.")
    elsewhere = signed(matcher, "Hundreds march in Kutaisi in solidarity with Tbilisi protest",
                       "Hundreds of people marched through Kutaisi in solidarity with the "
                       "protest in Tbilisi.", minutes=40)
    assert not compare(elsewhere, capital).same


# -- a siege lasts, however it began


def test_a_siege_s_toll_at_its_end_joins_its_first_report(matcher: Matcher) -> None:
    first = signed(matcher, "Gunmen storm shopping centre in Mogadishu after car bomb",
                   "A car bomb exploded at the gate of a shopping centre in Mogadishu and "
                   "gunmen stormed the building, police said.")
    end = signed(matcher, "Siege of Mogadishu shopping centre ends, 9 dead",
                 "Security forces ended the siege of a shopping centre in Mogadishu; nine "
                 "people were killed, police said.", minutes=9 * 60)
    assert compare(end, first).same


def test_a_blast_s_plain_toll_hours_later_stays_apart(matcher: Matcher) -> None:
    first = signed(matcher, "Car bomb explodes outside Mogadishu shopping centre",
                   "A car bomb exploded at the gate of a shopping centre in Mogadishu.")
    later = signed(matcher, "Car bomb near Mogadishu port kills 9",
                   "A car bomb killed nine people near the port of Mogadishu, police said.",
                   minutes=9 * 60)
    assert not compare(later, first).same


def test_an_assault_on_a_building_is_a_siege() -> None:
    assert "siege" in kinds(_folded("Militants claim the assault on the hotel", "en"))


# -- a happening set apart, told again with its own toll


def test_a_set_apart_report_meets_another_with_its_toll(matcher: Matcher) -> None:
    own = signed(matcher, "انفجار عبوة ناسفة في داقوق يصيب أربعة",
                 "انفجرت عبوة ناسفة قرب سوق في قضاء داقوق جنوب كركوك، ما أسفر عن إصابة "
                 "أربعة أشخاص.", lang="ar")
    apart = signed(matcher, "Another bomb in Kirkuk province wounds four in Daquq",
                   "Another bomb wounded four people near a market in Daquq, south of Kirkuk, "
                   "hours after a blast in the city.", minutes=40)
    assert apart.apart, "the premise: the English report sets its happening apart"
    comparison = compare(apart, own)
    assert not _against(comparison.against, "one report sets its happening apart")
    assert comparison.same


def test_a_set_apart_report_with_another_toll_stays_apart(matcher: Matcher) -> None:
    other = signed(matcher, "انفجار في سوق كركوك يقتل شخصين",
                   "انفجرت عبوة ناسفة في سوق وسط كركوك، ما أسفر عن مقتل شخصين.", lang="ar")
    apart = signed(matcher, "Another bomb in Kirkuk province wounds four in Daquq",
                   "Another bomb wounded four people near a market in Daquq, south of Kirkuk, "
                   "hours after a blast in the city.", minutes=300)
    assert _against(compare(apart, other).against, "one report sets its happening apart")


# -- a bank's branch is what was struck; the West Bank and a river's banks are land


@pytest.mark.parametrize(("language", "title"), [
    ("en", "Suicide bomber strikes bank in Jalalabad"),
    ("fr", "Attentat devant une banque à Jalalabad"),
    ("ru", "Взрыв у банка в Джелалабаде"),
])
def test_a_bank_is_a_target(language: str, title: str) -> None:
    assert "bank" in targets(_folded(title, language))


@pytest.mark.parametrize("title", [
    "Israeli raid in the West Bank kills two",
    "River bursts its banks in Passau",
])
def test_land_is_no_bank(title: str) -> None:
    assert "bank" not in targets(_folded(title, "en"))


def test_a_bank_bombing_meets_its_claim_in_another_language(matcher: Matcher) -> None:
    flash = signed(matcher, "Afghanistan : attentat-suicide devant une banque à Jalalabad",
                   lang="fr")
    claim = signed(matcher, "Islamic State says it carried out Afghan bank attack",
                   "The group said one of its fighters carried out the bombing outside a bank "
                   "in eastern Afghanistan, where officials say 12 people were killed.",
                   minutes=220)
    assert compare(claim, flash).same
