"""The twenty-seventh round (docs/EVENTS.md "How it decides"): a clause about another,
earlier happening does not set the report's own apart; and a region named alone beside
another region's town is a sibling region, not the same one. The sentences are written for
these tests, not taken from the set."""

from __future__ import annotations

from bot.events import compare
from bot.pipeline.match import Matcher
from tests.signing import signed

# -- "hours after a separate fire": the separate one is the other happening


def test_a_separate_happening_told_in_an_earlier_clause_does_not_set_the_report_apart(
        matcher: Matcher) -> None:
    first = signed(matcher, "Explosion at fuel depot in Durban port, three workers injured",
                   "An explosion tore through a fuel tank in the port of Durban on Wednesday, "
                   "injuring three workers, hours after a separate fire on a container ship "
                   "at the pier.")
    assert not first.apart
    later = signed(matcher, "One dead after blast at Durban fuel depot",
                   "A worker died and five were injured by the explosion at a fuel tank in "
                   "the port of Durban, officials said.", minutes=150)
    assert compare(later, first).same


def test_a_separate_happening_of_its_own_is_still_set_apart(matcher: Matcher) -> None:
    own = signed(matcher, "Warehouse burns in Valparaíso",
                 "A separate fire destroyed a warehouse in Valparaíso on Sunday, as "
                 "firefighters were stretched by the wildfire near Viña del Mar.")
    assert own.apart


def test_the_clause_of_another_happening_sets_none_apart_in_french_either(
        matcher: Matcher) -> None:
    first = signed(matcher, "Explosion dans le port de Durban, trois blessés",
                   "Une explosion a touché un réservoir de carburant dans le port de Durban "
                   "mercredi, quelques heures après un autre incendie sur un porte-conteneurs.",
                   lang="fr")
    assert not first.apart


# -- a region named alone, and another region's town with its region


def test_a_region_named_alone_is_apart_from_a_sibling_regions_town(matcher: Matcher) -> None:
    kherrata = signed(matcher, "Algérie : un incendie fait deux morts dans la wilaya de Béjaïa",
                      "Deux personnes ont péri dans un feu de forêt dans la wilaya de Béjaïa, "
                      "a indiqué la Protection civile.", lang="fr")
    azazga = signed(matcher, "Un incendie de forêt menace des villages d'Azazga",
                    "Un incendie s'est déclaré dans les forêts au-dessus d'Azazga, dans la "
                    "wilaya de Tizi Ouzou, selon la Protection civile.", lang="fr",
                    minutes=120)
    comparison = compare(azazga, kherrata)
    assert any(a.startswith("different places") for a in comparison.against)


def test_the_same_region_named_alone_and_with_its_town_still_meets(matcher: Matcher) -> None:
    region = signed(matcher, "Algérie : un incendie de forêt dans la wilaya de Tizi Ouzou",
                    "Un incendie de forêt brûle dans la wilaya de Tizi Ouzou, a indiqué la "
                    "Protection civile.", lang="fr")
    town = signed(matcher, "Un incendie de forêt menace des villages d'Azazga",
                  "Un incendie s'est déclaré dans les forêts au-dessus d'Azazga, dans la "
                  "wilaya de Tizi Ouzou, selon la Protection civile.", lang="fr", minutes=60)
    comparison = compare(town, region)
    assert not any(a.startswith("different places") for a in comparison.against)
    assert comparison.same


# -- two towns, met only by the region one names around its own


def test_two_towns_of_one_region_are_apart(matcher: Matcher) -> None:
    macquarie = signed(matcher, "Australie : un feu de brousse détruit des maisons près de "
                       "Port Macquarie", "Un incendie de brousse a détruit des maisons près "
                       "de Port Macquarie, en Nouvelle-Galles du Sud.", lang="fr")
    tamworth = signed(matcher, "Buschfeuer bei Tamworth: zwei Häuser zerstört",
                      "Das Feuer bei Tamworth hat zwei Wohnhäuser zerstört.", lang="de",
                      minutes=40)
    comparison = compare(tamworth, macquarie)
    assert any(a.startswith("different places") for a in comparison.against)
    assert not comparison.same


def test_one_town_written_in_two_scripts_is_not_held_apart(matcher: Matcher) -> None:
    ukrainian = signed(matcher, "Нічна атака на Київ: уламки дрона влучили у багатоповерхівку",
                       "Уночі уламки дрона влучили у багатоповерхівку в Оболонському районі "
                       "Києва, двоє людей поранені.", lang="uk")
    arabic = signed(matcher, "إصابة شخصين بسقوط حطام مسيرة على مبنى سكني في كييف", lang="ar",
                    minutes=60)
    comparison = compare(arabic, ukrainian)
    assert not any(a.startswith("different places") for a in comparison.against)
