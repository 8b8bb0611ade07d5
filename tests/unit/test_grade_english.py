"""English severity: verbs written once as a lemma, longest match, pairs, figurative words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.matching.grade import inflect, verb_forms
from bot.model import Severity
from bot.pipeline.match import Matcher, load_matcher


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("kill", ("kill", "kills", "killed", "killing")),
        ("attack", ("attack", "attacks", "attacked", "attacking")),
        ("clash", ("clash", "clashes", "clashed", "clashing")),
        ("seize", ("seize", "seizes", "seized", "seizing")),
        ("stab", ("stab", "stabs", "stabbed", "stabbing")),
        ("bury", ("bury", "buries", "buried", "burying")),
        ("open", ("open", "opens", "opened", "opening")),
        ("strike", ("strike", "strikes", "struck", "stricken", "striking")),
        ("shoot", ("shoot", "shoots", "shot", "shooting")),
    ],
)
def test_verb_forms_are_made_from_the_lemma(lemma: str, forms: tuple[str, ...]) -> None:
    assert verb_forms(lemma) == forms


def test_inflect_makes_each_marked_word_of_a_phrase() -> None:
    assert inflect("open+ fire") == ("open fire", "opens fire", "opened fire", "opening fire")
    assert inflect("troops deployed") == ("troops deployed",)


def _matcher(tmp_path: Path, severity: str) -> Matcher:
    (tmp_path / "severity.toml").write_text(severity, encoding="utf-8")
    (tmp_path / "regions.toml").write_text("", encoding="utf-8")
    return load_matcher(tmp_path)


def test_a_verb_written_once_meets_every_tense(tmp_path: Path) -> None:
    matcher = _matcher(tmp_path, '[levels.critical]\nwords = ["open+ fire", "strike+ targets"]\n')
    for text in (
        "Soldiers opening fire on the crowd",
        "Police opened fire at dawn",
        "Jets struck targets near the port",
        "Drones striking targets overnight",
    ):
        assert matcher.match(text).severity is Severity.CRITICAL, text


def test_the_longest_word_wins(tmp_path: Path) -> None:
    # "cyber attack" is medium: the "attack" inside it is not also a high "attack".
    matcher = _matcher(
        tmp_path, '[levels.high]\nwords = ["attack"]\n[levels.medium]\nwords = ["cyber attack"]\n'
    )
    found = matcher.match("Russia's cyber attack on the election")
    assert found.severity is Severity.MEDIUM, found.reasons
    assert matcher.match("An attack on the base").severity is Severity.HIGH


def test_a_side_of_a_pair_inside_a_longer_word_is_that_word(tmp_path: Path) -> None:
    # The "bomb" of "bomb threat" is a threat: it is no bomb that hit something.
    matcher = _matcher(
        tmp_path,
        '[levels.high]\nwords = ["bomb threat"]\n'
        '[[together]]\nname = "weapon hit"\nlevel = "critical"\n'
        'first = ["bomb"]\nsecond = ["hit+"]\n',
    )
    found = matcher.match("A bomb threat hits the station")
    assert found.severity is Severity.HIGH, found.reasons
    assert matcher.match("A bomb hits the station").severity is Severity.CRITICAL


def test_a_pair_is_not_hedged_by_its_own_word(tmp_path: Path) -> None:
    # "threatens" is a hedge (it grades "tariffs" down) and one side of the pair: the pair
    # "threatens … tariffs" still counts, and says what is happening: a threat.
    matcher = _matcher(
        tmp_path,
        '[levels.medium]\nwords = ["tariff*"]\n[hedge]\nwords = ["threaten+", "could"]\n'
        '[[together]]\nname = "threat"\nlevel = "medium"\n'
        'first = ["threaten+"]\nsecond = ["tariff*"]\n',
    )
    found = matcher.match("Washington threatens tariffs on steel")
    assert found.severity is Severity.MEDIUM, found.reasons
    assert any("together[0] threat" in r for r in found.reasons)
    # another hedge before the pair still hedges it
    assert matcher.match("Washington could threaten tariffs").severity is Severity.LOW


@pytest.fixture(scope="module")
def built() -> dict[str, Matcher]:
    return {}


# A head ("*angriff") meets the end of a compound, is reported as the whole word, and loses to
# the whole word configured for itself ("Hackerangriff*").
_HEADS = (
    '[levels.high]\nwords = ["*angriff"]\n'
    '[levels.medium]\nwords = ["Hackerangriff*", "*streik"]\n'
)
# "drill" says an air raid is rehearsed, not that "military drills" are not held.
_OWN_FRAME = (
    '[levels.critical]\nwords = ["air raid"]\n[levels.medium]\nwords = ["military drill*"]\n'
    '[[frames]]\nlevel = "low"\nwords = ["drill", "drills"]\n'
)
# Denying a role in an attack denies no attack: the negation inside a not_events phrase is
# silent.
_DENIED_ROLE = (
    '[levels.critical]\nwords = ["rocket attack"]\n[negation]\nbefore = ["denies"]\n'
    '[not_events]\nphrases = ["deny+ any role"]\n'
)
# The text reads "قتلي" and "a" where it was written "قتلى" and "à": so must the pattern.
_FOLDED_PATTERN = (
    '[levels.medium]\nwords = ["unrest"]\n'
    '[[facts]]\nname = "dead"\nlevel = "critical"\nwords = ["قتلى", "morts"]\n'
    "pattern = '\\b(?:\\d+\\s+قتلى|à\\s+\\d+\\s+morts)\\b'\n"
)


@pytest.mark.parametrize(
    ("severity_toml", "text", "severity", "reason"),
    [
        (_HEADS, "Messerangriff in der Innenstadt", Severity.HIGH, '"Messerangriff"'),
        (_HEADS, "Angriff auf das Rathaus", Severity.HIGH, ""),
        (_HEADS, "Hackerangriffe auf Kliniken", Severity.MEDIUM, ""),
        (_HEADS, "Bahnstreik ab Montag", Severity.MEDIUM, '"Bahnstreik"'),
        (_HEADS, "Streikrecht vor Gericht", Severity.LOW, ""),
        (_OWN_FRAME, "Air raid drill in the capital", Severity.LOW, "(frames)"),
        (_OWN_FRAME, "Russia holds military drills", Severity.MEDIUM, ""),
        (_DENIED_ROLE, "Tehran denies any role in rocket attack on the airport",
         Severity.CRITICAL, ""),
        (_DENIED_ROLE, "Tehran denies rocket attack on the airport", Severity.LOW, "negated"),
        (_FOLDED_PATTERN, "سقوط 12 قتلى في انفجار", Severity.CRITICAL, "facts[0]"),
        (_FOLDED_PATTERN, "Le bilan passe à 12 morts", Severity.CRITICAL, "facts[0]"),
    ],
)
def test_how_a_rule_is_read(
    built: dict[str, Matcher], tmp_path: Path, severity_toml: str, text: str,
    severity: Severity, reason: str,
) -> None:
    # each configuration is built once for all its cases: a build reads the data packages
    if severity_toml not in built:
        built[severity_toml] = _matcher(tmp_path, severity_toml)
    found = built[severity_toml].match(text)
    assert found.severity is severity, found.reasons
    assert any(reason in r for r in found.reasons), found.reasons


# The shipped rules: a class of phrasing each, not one headline each.
@pytest.mark.parametrize(
    ("text", "severity"),
    [
        # the subject of a headline doing violence
        ("Troops pound rebel positions outside the town", Severity.CRITICAL),
        ("Van ploughs into crowd outside a stadium", Severity.CRITICAL),
        ("Blaze at a garment factory traps hundreds of workers", Severity.CRITICAL),
        ("Gangs attacking the suburbs burn a police station", Severity.CRITICAL),
        ("Army and paramilitaries battle for the bridges", Severity.CRITICAL),
        ("Artillery shells slammed into the suburb", Severity.CRITICAL),
        ("Drones striking the city for a third night", Severity.CRITICAL),
        ("Soldiers opening fire on the crowd", Severity.CRITICAL),
        # casualty facts in any tense and phrasing
        ("Dozens of migrants drown as boat sinks", Severity.CRITICAL),
        ("Building collapses with scores of workers trapped inside", Severity.CRITICAL),
        # one or two dead, then a count of the injured: not a count of the dead
        ("One dead, six injured as bus overturns", Severity.HIGH),
        # high and medium in any tense
        ("The government closes three border crossings", Severity.HIGH),
        ("Storm damages runway and airport terminal", Severity.HIGH),
        ("China summons Japanese ambassador over remarks", Severity.MEDIUM),
        ("The minister warns of a befitting response", Severity.MEDIUM),
        ("Gunman holds seven bank staff hostage", Severity.CRITICAL),
        # an attack the high level names in two words kills: deadly violence
        ("Two dead in knife attack at a tram stop", Severity.CRITICAL),
        # "hurt" as people are hurt, not as sales are
        ("Three workers hurt when scaffolding gives way", Severity.HIGH),
        ("Fire at a fuel depot, 4 hurt", Severity.HIGH),
        ("Fuel depot fire: workers treated for burns", Severity.HIGH),
        ("Rising costs hurt exporters as sales slide", Severity.LOW),
        # a warning framed once is a warning, not also hedged down to nothing
        ("Forecasters warn of flash flooding along the coast", Severity.MEDIUM),
        ("Protesters storm parliament grounds", Severity.HIGH),
        ("Petrol bomb thrown at mosque; no injuries", Severity.HIGH),
        ("Iran threatens to close the strait if sanctions are tightened", Severity.MEDIUM),
        ("Thousands rally demanding a hostage deal", Severity.MEDIUM),
        ("Ferry carrying more than 200 passengers sinks", Severity.CRITICAL),
        ("Floods have claimed 15 lives in the province", Severity.CRITICAL),
        ("Forty people were feared dead after the boat capsized", Severity.CRITICAL),
        ("The quake toppled houses; the death toll stands at 1,200", Severity.CRITICAL),
        ("Armed groups torched villages in the region", Severity.CRITICAL),
        ("At least 7 people died when a bus collided with a lorry", Severity.CRITICAL),
        ("Rebels say they have captured the town", Severity.CRITICAL),
        ("North Korea says it tested a new hypersonic missile", Severity.HIGH),
        ("Police fire tear gas at opposition supporters", Severity.HIGH),
        ("Kenyan marathoner dies in car crash aged 24", Severity.HIGH),
        ("Man attacked with a knife outside a bar", Severity.HIGH),
        ("Iran seizes oil tanker in the Gulf of Oman", Severity.HIGH),
        ("Farmers block highways in protest at subsidy cuts", Severity.HIGH),
        ("The storm brought down power lines, leaving homes without electricity", Severity.HIGH),
        ("India and Pakistan exchange accusations after border incident", Severity.MEDIUM),
        # "plan+" is a hedge; "plan*" was one too, and so read "plant" as a hedge
        ("Fire at a chemical plant injures two workers", Severity.HIGH),
        # an army's exercise is medium; a drill of anything else rehearses what is not happening
        ("NATO troops begin exercises in Estonia", Severity.MEDIUM),
        ("Earthquake drill: schools practise evacuating", Severity.LOW),
        # a toll that rose, to any number
        ("The toll from the landslide has risen to ninety-one", Severity.CRITICAL),
        ("Toll from the blast climbs to more than 60", Severity.CRITICAL),
        # one or two who died in a fire or a crash
        ("Two people died in a house fire on Sunday", Severity.HIGH),
        ("Supporters rally against the ruling outside the court", Severity.MEDIUM),
        ("Opposition supporters march through the capital", Severity.MEDIUM),
        # an armed force taking a town; a party taking a chamber is no fighting
        ("Rebels take control of the airport after a night of shooting", Severity.CRITICAL),
        ("The army retook the port city on Tuesday", Severity.CRITICAL),
        ("Republicans take control of the Senate", Severity.LOW),
        # denying a part in an attack denies no attack
        ("Group denies involvement in the bombing of the embassy", Severity.CRITICAL),
        # verbs in every form, as a lemma is written once
        ("Russian forces invading from the north", Severity.CRITICAL),
        ("Militants shell a market in the old town", Severity.CRITICAL),
        ("Man stabs four to death at a bus stop", Severity.CRITICAL),
        ("Missiles rain down on the capital", Severity.CRITICAL),
        ("A blast tore through a crowded market", Severity.CRITICAL),
        ("Fighting rages in the capital for a third day", Severity.CRITICAL),
        ("Police tear-gas protesters outside parliament", Severity.HIGH),
        # a word inside a longer trigger is no modifier: "demand withdrawal" calms nothing
        ("Protesters demand withdrawal of foreign troops", Severity.MEDIUM),
        ("The junta orders the French ambassador to leave", Severity.MEDIUM),
        ("The president warns of a plot to topple the government", Severity.MEDIUM),
        # the suspect of an attack: a follow-up (high), unless still at large or just caught
        ("Police name the suspect in Saturday's deadly shooting", Severity.HIGH),
        ("Gunman kills six at a supermarket, suspect at large", Severity.CRITICAL),
        # a plea or a defendant: a trial
        ("The defendant shot three people in 2019, prosecutors say", Severity.LOW),
    ],
)
def test_classes_of_phrasing(matcher: Matcher, text: str, severity: Severity) -> None:
    found = matcher.match(text)
    assert found.severity is severity, found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Senators vow to kill the bill before the recess",
        "Startup that wants to kill the password raises $40 million",
        "Tokyo stocks crash as yen surges",
        "Bank warns of slower growth, holds rates",
        "The orca, thought to be 36 years old, died of an infection",
        "Labour launches fierce attack on Tory tax plans",
        "Bitcoin crashes below $50,000",
        "Actor found dead at home, police say there was no foul play",
        "England's cricketers face an injury crisis",
        "Ministers clash over budget in heated cabinet meeting",
        "Climate change threatens half of the bases, report finds",
        "Novelist who chronicled the civil war dies at 88",
        "Striker ruled out for six weeks with hamstring injury",
        "Prime minister's landslide victory lets him push reforms",
        "Boy found wandering in the dead of night",
        "Scholar of non-violent resistance honoured",
    ],
)
def test_figurative_words_and_non_events_are_not_high(matcher: Matcher, text: str) -> None:
    # Most are low; a bare "attack" is medium (it is as often words as blows).
    found = matcher.match(text)
    assert found.severity <= Severity.MEDIUM, found.reasons


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        # armed men who storm a building: an attack; a crowd that storms one: unrest
        ("Gunmen storm a police station in the north", Severity.CRITICAL),
        ("Soldiers stormed the state broadcaster before dawn", Severity.CRITICAL),
        ("Soldiers help clear debris as storm hits the coast", Severity.MEDIUM),
        # a blockade with the place between the verb and the road
        ("Truckers block two border bridges", Severity.HIGH),
        # rebels advancing, but shares advancing are no fighting
        ("Rebels advance towards the provincial capital", Severity.HIGH),
        ("Shares advance as defence contractors report profits", Severity.LOW),
        # drones shot down: an air attack under way
        ("Air defences shot down 12 drones over the capital overnight", Severity.CRITICAL),
        ("Navy intercepts missiles fired at a tanker", Severity.CRITICAL),
    ],
)
def test_who_does_it_decides(matcher: Matcher, text: str, severity: Severity) -> None:
    found = matcher.match(text, language="en")
    assert found.severity is severity, found.reasons
