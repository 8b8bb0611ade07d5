"""regions.toml and severity.toml: every kind of mistake is reported, all in one pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.matching.rules import load_region_rules, load_severity_rules
from bot.problems import ConfigProblem

CONFIG = Path(__file__).resolve().parents[2] / "config"


def regions(tmp_path: Path, body: str) -> list[ConfigProblem]:
    path = tmp_path / "regions.toml"
    path.write_text(body, encoding="utf-8")
    rules, problems = load_region_rules(path)
    assert (rules is None) == bool(problems)
    assert all(p.file == str(path) for p in problems)
    return problems


def severity(tmp_path: Path, body: str) -> list[ConfigProblem]:
    path = tmp_path / "severity.toml"
    path.write_text(body, encoding="utf-8")
    rules, problems = load_severity_rules(path)
    assert (rules is None) == bool(problems)
    assert all(p.file == str(path) for p in problems)
    return problems


def keys(problems: list[ConfigProblem]) -> list[str]:
    return [p.key for p in problems]


def test_shipped_config_loads_clean() -> None:
    region_rules, problems = load_region_rules(CONFIG / "regions.toml")
    assert problems == [] and region_rules is not None
    assert any(r.id == "balkans" for r in region_rules.regions)
    severity_rules, problems = load_severity_rules(CONFIG / "severity.toml")
    assert problems == [] and severity_rules is not None


@pytest.mark.parametrize(
    ("body", "key", "words"),
    [
        ('[[regions]]\nid = "x"\nname = "X"\ncolour = "red"\n', "regions[0].colour", "unknown key"),
        ('[[regions]]\nid = "x"\nname = 3\n', "regions[0].name", "must be a string"),
        (
            '[[regions]]\nid = "x"\nname = "X"\nparent = "atlantis"\n',
            "regions[0].parent",
            "atlantis",
        ),
        (
            '[[regions]]\nid = "x"\nname = "X"\nmembers = ["QQ"]\n',
            "regions[0].members[0]",
            "unknown country code",
        ),
        ('[[regions]]\nid = "Not A Slug"\nname = "X"\n', "regions[0].id", "not an id"),
        ('[[regions]]\nid = "serbia"\nname = "X"\n', "regions[0].id", "duplicate id"),
        ('[[regions]]\nname = "X"\n', "regions[0].id", "missing"),
        ('[[countries]]\ncode = "ZZ"\n', "countries[0].code", "unknown country code"),
        (
            '[[places]]\nname = "P"\ncountries = ["XK"]\nregions = ["nowhere"]\n',
            "places[0].regions[0]",
            "nowhere",
        ),
        ('[[places]]\nname = "P"\n', "places[0]", "countries or regions"),
        ('[gazetteer]\ncity_population = "many"\n', "gazetteer.city_population", "integer"),
        (
            '[gazetteer]\ncity_population = 15000\ntown_population = 20000\n',
            "gazetteer.town_population",
            "below city_population",
        ),
        ('[gazetteer]\ntown_population = 500\n', "gazetteer.town_population", "5000"),
        ('[gazetteer.subdivisions]\nUS = ["Canton"]\n', "gazetteer.subdivisions.US[0]", "Canton"),
        ('[ambiguity]\nnames = ["Chad", 4]\n', "ambiguity.names[1]", "non-empty string"),
        ('[ambiguity.words]\nTurkey = "roast"\n', "ambiguity.words.Turkey", "list of strings"),
        ('[ambiguity]\nwords = ["roast"]\n', "ambiguity.words", "table"),
        ('regions = "balkans"\n', "regions", "array of tables"),
        (
            '[[regions]]\nid = "x"\nname = "X"\nterms = ["!!"]\n',
            "regions[0].terms[0]",
            "no letters",
        ),
    ],
)
def test_region_mistakes(tmp_path: Path, body: str, key: str, words: str) -> None:
    problems = regions(tmp_path, body)
    assert key in keys(problems), problems
    assert any(words in p.message for p in problems if p.key == key), problems


def test_duplicate_region_id(tmp_path: Path) -> None:
    problems = regions(
        tmp_path, '[[regions]]\nid = "x"\nname = "X"\n[[regions]]\nid = "x"\nname = "Y"\n'
    )
    assert keys(problems) == ["regions[1].id"]
    assert "regions[0]" in problems[0].message


def test_cycle_in_region_nesting(tmp_path: Path) -> None:
    body = (
        '[[regions]]\nid = "a"\nname = "A"\nparent = "b"\n'
        '[[regions]]\nid = "b"\nname = "B"\nparent = "a"\n'
    )
    problems = regions(tmp_path, body)
    assert len(problems) == 1 and "cycle" in problems[0].message
    assert problems[0].key in {"regions[0].parent", "regions[1].parent"}


def test_cycle_through_a_country(tmp_path: Path) -> None:
    # "inner" sits in serbia, and serbia is listed as a member of "inner": a loop.
    problems = regions(
        tmp_path, '[[regions]]\nid = "inner"\nname = "I"\nparent = "serbia"\nmembers = ["RS"]\n'
    )
    assert [p.key for p in problems] == ["regions[0].parent"]
    assert "inner → inner" in problems[0].message


def test_several_mistakes_in_one_call(tmp_path: Path) -> None:
    body = (
        '[[regions]]\nid = "x"\nname = "X"\nparent = "nowhere"\nmembers = ["QQ"]\nextra = 1\n'
        '[[regions]]\nid = "x"\nname = "Y"\n'
        '[[countries]]\ncode = "ZZ"\n'
    )
    found = set(keys(regions(tmp_path, body)))
    assert {
        "regions[0].parent",
        "regions[0].members[0]",
        "regions[0].extra",
        "regions[1].id",
        "countries[0].code",
    } <= found


def test_invalid_toml_gives_line_and_column(tmp_path: Path) -> None:
    problems = regions(tmp_path, '[[regions]]\nid = "x\n')
    assert len(problems) == 1
    assert (
        problems[0].key == ""
        and "line 2" in problems[0].message
        and "column" in problems[0].message
    )


def test_missing_file(tmp_path: Path) -> None:
    rules, problems = load_region_rules(tmp_path / "absent.toml")
    assert rules is None and problems[0].message == "file not found"


@pytest.mark.parametrize(
    ("body", "key", "words"),
    [
        ('[levels.extreme]\nwords = ["x"]\n', "levels.extreme", "unknown severity"),
        ('[levels.low]\nwords = ["x"]\n', "levels.low", "no rule"),
        ('[levels.high]\nwords = "gunfire"\n', "levels.high.words", "list of strings"),
        ('[levels.high]\nphrases = ["x"]\n', "levels.high.phrases", "unknown key"),
        (
            '[levels.high]\nwords = ["x"]\n[negation]\nwindow = -1\n',
            "negation.window",
            "at least 1",
        ),
        ('[levels.high]\nwords = ["x"]\n[hedge]\nsteps = "one"\n', "hedge.steps", "integer"),
        (
            '[levels.high]\nwords = ["x"]\n[[facts]]\nname = "f"\nlevel = "high"\n'
            'words = ["x"]\npattern = "(unclosed"\n',
            "facts[0].pattern",
            "invalid regular expression",
        ),
        (
            '[levels.high]\nwords = ["x"]\n[[facts]]\nname = "f"\nlevel = "high"\n',
            "facts[0].pattern",
            "missing",
        ),
        ('[levels.high]\nwords = ["*two words"]\n', "levels.high.words[0]", "one word"),
        ('[levels.high]\nwords = ["*"]\n', "levels.high.words[0]", "no letters"),
        ('[levels.high]\nwords = ["order+ * to leave"]\n', "levels.high.words[0]", "start or end"),
        ("", "levels", "missing"),
    ],
)
def test_severity_mistakes(tmp_path: Path, body: str, key: str, words: str) -> None:
    problems = severity(tmp_path, body)
    assert key in keys(problems), problems
    assert any(words in p.message for p in problems if p.key == key), problems


def test_severity_several_mistakes_in_one_call(tmp_path: Path) -> None:
    body = (
        '[levels.extreme]\nwords = ["x"]\n[levels.high]\nwords = [1]\n'
        '[[facts]]\nname = "f"\nlevel = "high"\nwords = ["x"]\npattern = "["\n'
        '[[facts]]\nname = "f"\nlevel = "high"\nwords = ["x"]\npattern = "x"\n'
        "[hedge]\nwindow = 0\n"
    )
    found = set(keys(severity(tmp_path, body)))
    assert {
        "levels.extreme",
        "levels.high.words[0]",
        "facts[0].pattern",
        "facts[1].name",
        "hedge.window",
    } <= found
