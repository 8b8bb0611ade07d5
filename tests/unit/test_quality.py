"""The labelled set of ``alertbot eval`` (bot/quality/dataset.py) and its figures
(bot/quality/evaluate.py): rows read from JSON Lines, the errors a bad row gives, the split, the
shipped files; recall, precision, traps, severity figures and misses computed by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.model import Match, Severity
from bot.quality import dataset, evaluate
from bot.quality.dataset import DatasetError, Row

ROOT = Path(__file__).resolve().parents[2]


def write(path: Path, *lines: object) -> Path:
    """A JSONL file: dicts are dumped as JSON, strings written as they are."""
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def written(**fields: object) -> dict[str, object]:
    """A valid written row; ``fields`` override or add keys."""
    row: dict[str, object] = {
        "id": "w-1", "title": "Gunmen kill 14 at a market near Gao", "text": "", "lang": "en",
        "countries": ["ML"], "not": [], "severity": "critical",
    }
    row.update(fields)
    return row


def row(
    id: str,
    *,
    countries: str = "",
    not_countries: str = "",
    may: str = "",
    severity: Severity = Severity.LOW,
    language: str = "en",
) -> Row:
    """A Row built directly; country arguments are space-separated codes."""
    return Row(
        id=id, title=f"title of {id}", text="", language=language,
        countries=frozenset(countries.split()), not_countries=frozenset(not_countries.split()),
        may=frozenset(may.split()), severity=severity,
    )


# -- dataset: reading rows ---------------------------------------------------------------------


def test_written_rows_load_with_every_field(tmp_path: Path) -> None:
    path = write(
        tmp_path / "set.jsonl",
        "// a comment line is skipped",
        {"id": "w-a", "title": "Shelling near Avdiivka", "text": "Two civilians were killed.",
         "lang": "en", "countries": ["UA", "RU"], "not": ["GE"], "may": ["PL"],
         "severity": "critical", "note": "why"},
        "",
        # no text key, no may, no note: the defaults
        {"id": "w-b", "title": "Die Regierung tagt", "lang": "de", "countries": [], "not": [],
         "severity": "low"},
        # a text without a title
        {"id": "w-c", "text": "Riots in Belgrade", "lang": "sr", "countries": ["RS"],
         "not": [], "severity": "high"},
    )
    rows, skipped = dataset.load([path], corpus=tmp_path / "no-corpus")
    assert skipped == []
    assert rows == [
        Row(id="w-a", title="Shelling near Avdiivka", text="Two civilians were killed.",
            language="en", countries=frozenset({"UA", "RU"}), not_countries=frozenset({"GE"}),
            may=frozenset({"PL"}), severity=Severity.CRITICAL, note="why"),
        Row(id="w-b", title="Die Regierung tagt", text="", language="de",
            countries=frozenset(), not_countries=frozenset(), may=frozenset(),
            severity=Severity.LOW, note=""),
        Row(id="w-c", title="", text="Riots in Belgrade", language="sr",
            countries=frozenset({"RS"}), not_countries=frozenset(), may=frozenset(),
            severity=Severity.HIGH, note=""),
    ]


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T</title><link>https://example.org/</link>
<description>d</description>
<item><title>Gunmen kill 14 at a market near Gao</title><link>https://example.org/a</link>
<guid>https://example.org/a</guid>
<description>&lt;p&gt;Witnesses said the attackers came on motorbikes.&lt;/p&gt;</description>
</item></channel></rss>
"""


def corpus_row(**fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": "c-1", "ref": "real/feed.xml#https://example.org/a", "lang": "en",
        "countries": ["ML"], "not": [], "severity": "critical",
    }
    row.update(fields)
    return row


def test_a_corpus_row_is_read_with_the_bots_parser(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "real").mkdir(parents=True)
    (corpus / "real" / "feed.xml").write_text(FEED, encoding="utf-8")
    rows, skipped = dataset.load([write(tmp_path / "c.jsonl", corpus_row())], corpus=corpus)
    assert skipped == []
    [loaded] = rows
    assert (loaded.id, loaded.title, loaded.text) == (
        "c-1", "Gunmen kill 14 at a market near Gao",
        "Witnesses said the attackers came on motorbikes.",
    )
    assert loaded.countries == {"ML"} and loaded.severity is Severity.CRITICAL


def test_corpus_rows_are_skipped_with_a_reason_when_the_corpus_is_absent(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", written(), corpus_row())
    rows, skipped = dataset.load([path], corpus=tmp_path / "absent")
    assert [r.id for r in rows] == ["w-1"]
    [line] = skipped
    assert line.startswith(f"{path}:2: c-1:")
    assert str(tmp_path / "absent") in line


BAD_ROWS = [
    pytest.param('{"id": "w-2", "lang": ', "not JSON", id="bad-json"),
    pytest.param('["w-2"]', "a row is a JSON object", id="not-an-object"),
    pytest.param(written(id="w-2", countires=["ML"]), "unknown key 'countires'",
                 id="unknown-key"),
    pytest.param(written(id="w-2", countries=["Mali"]),
                 "'countries' must be a list of ISO 3166-1 alpha-2 codes", id="country-name"),
    pytest.param(written(id="w-2", countries=["ml"]),
                 "'countries' must be a list of ISO 3166-1 alpha-2 codes", id="lowercase-code"),
    pytest.param(written(id="w-2", countries="ML"),
                 "'countries' must be a list of ISO 3166-1 alpha-2 codes", id="code-not-in-list"),
    pytest.param(written(id="w-2", **{"not": ["MLI"]}),
                 "'not' must be a list of ISO 3166-1 alpha-2 codes", id="alpha-3-not"),
    pytest.param(written(id="w-2", may=[1]),
                 "'may' must be a list of ISO 3166-1 alpha-2 codes", id="number-may"),
    pytest.param(written(id="w-2", severity="severe"),
                 "severity 'severe' is not critical/high/medium/low", id="unknown-severity"),
    pytest.param({k: v for k, v in written(id="w-2").items() if k != "severity"},
                 "'severity' must be a string", id="no-severity"),
    pytest.param({k: v for k, v in written().items() if k != "id"}, "'id' must be a string",
                 id="no-id"),
    pytest.param({k: v for k, v in written(id="w-2").items() if k != "lang"},
                 "'lang' must be a string", id="no-lang"),
    pytest.param(written(id="w-2", title="", text=""), "a row needs a ref, or a title or text",
                 id="no-text"),
    pytest.param(corpus_row(title="A title as well"), "a ref or a title and text, not both",
                 id="ref-and-title"),
]


@pytest.mark.parametrize(("line", "message"), BAD_ROWS)
def test_a_bad_row_names_its_file_and_line(tmp_path: Path, line: object, message: str) -> None:
    path = write(tmp_path / "set.jsonl", written(), line)
    with pytest.raises(DatasetError) as caught:
        dataset.load([path], corpus=tmp_path / "absent")
    assert str(caught.value).startswith(f"{path}:2: ")
    assert message in str(caught.value)


def test_a_ref_to_no_entry_of_a_present_corpus_is_an_error(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = write(tmp_path / "c.jsonl", corpus_row())
    with pytest.raises(DatasetError, match="names no entry of the corpus") as caught:
        dataset.load([path], corpus=corpus)
    assert str(caught.value).startswith(f"{path}:1: ")


def test_an_id_used_in_two_files_names_both_places(tmp_path: Path) -> None:
    first = write(tmp_path / "a.jsonl", written(id="w-1"))
    second = write(tmp_path / "b.jsonl", written(id="w-2"), "", written(id="w-1"))
    with pytest.raises(DatasetError) as caught:
        dataset.load([first, second], corpus=tmp_path / "absent")
    assert str(caught.value) == f"{second}:3: id 'w-1' is used twice (first at {first}:1)"


def test_a_skipped_corpus_row_still_claims_its_id(tmp_path: Path) -> None:
    # without the corpus the corpus row is skipped, but the clash must not wait for CI
    path = write(tmp_path / "c.jsonl", corpus_row(id="x"), written(id="x"))
    with pytest.raises(DatasetError, match="'x' is used twice"):
        dataset.load([path], corpus=tmp_path / "absent")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    with pytest.raises(DatasetError) as caught:
        dataset.load([missing], corpus=tmp_path / "absent")
    assert str(caught.value).startswith(f"{missing}: ")


# -- dataset: the split ------------------------------------------------------------------------

IDS = [f"w-{n:04d}" for n in range(400)]


def test_about_one_row_in_four_is_test() -> None:
    splits = [row(i).split for i in IDS]
    assert set(splits) == {"dev", "test"}
    # 100 expected; the binomial's standard deviation is about 8.7
    assert 70 <= splits.count("test") <= 130


def test_the_split_depends_on_the_id_alone() -> None:
    for i in IDS[:50]:
        other = Row(id=i, title="another title", text="more", language="de",
                    countries=frozenset({"FR"}), not_countries=frozenset(),
                    severity=Severity.CRITICAL)
        assert other.split == row(i).split


def test_the_split_is_the_same_in_another_process() -> None:
    # Python's own hash() of a str changes per process; the split must not
    code = (
        "import sys; from bot.quality.dataset import Row; from bot.model import Severity\n"
        "print(' '.join(Row(i, '', '', 'en', frozenset(), frozenset(), Severity.LOW).split"
        " for i in sys.argv[1:]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *IDS], capture_output=True, text=True, check=True,
        cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "12345"},
    ).stdout
    assert out.split() == [row(i).split for i in IDS]


# -- dataset: the shipped files ----------------------------------------------------------------


def shipped_lines() -> list[dict[str, object]]:
    out = []
    for path in dataset.dataset_files(dataset.DEFAULT_SET):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("//"):
                out.append(json.loads(line))
    return out


def test_the_shipped_written_rows_load_without_the_corpus(tmp_path: Path) -> None:
    files = dataset.dataset_files(dataset.DEFAULT_SET)
    assert dataset.DEFAULT_SET / "written.jsonl" in files
    rows, skipped = dataset.load(files, corpus=tmp_path / "absent")
    lines = shipped_lines()
    assert len(rows) == sum("ref" not in r for r in lines) > 0
    assert len(skipped) == sum("ref" in r for r in lines)
    assert len({r.id for r in rows}) == len(rows)
    assert all(r.title or r.text for r in rows)


def test_every_shipped_row_loads_from_the_shared_corpus(shared_dir: Path) -> None:
    files = dataset.dataset_files(dataset.DEFAULT_SET)
    rows, skipped = dataset.load(files, corpus=shared_dir / "corpus")
    assert skipped == []
    assert len(rows) == len(shipped_lines())
    assert len({r.id for r in rows}) == len(rows)
    assert all(r.title or r.text for r in rows)


# -- evaluate: figures by hand -----------------------------------------------------------------

C, H, M, L = Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW

#: four rows and what the fake matcher answers for each
ROWS = [
    # labelled UA RU, a Georgia trap; tagged UA PL: one found, one wrong (not a trap), one
    # missed, trap avoided; severity right
    row("r1", countries="UA RU", not_countries="GE", severity=C),
    # labelled ML with a Chad trap; tagged ML TD: found, but trapped; severity too high
    row("r2", countries="ML", not_countries="TD", severity=H),
    # no country, a Jordan trap, ES may; tagged ES only: counts neither way, trap avoided
    row("r3", not_countries="JO", may="ES", severity=L, language="de"),
    # no country, nothing tagged; critical labelled, medium said
    row("r4", severity=C, language="de"),
]
ANSWERS = {
    "r1": ("UA PL", C),
    "r2": ("ML TD", C),
    "r3": ("ES", L),
    "r4": ("", M),
}


def fake_judge(answers: dict[str, tuple[str, Severity]]) -> evaluate.Judge:
    def judge(r: Row) -> tuple[Match, frozenset[str]]:
        countries, severity = answers[r.id]
        match = Match(regions=(), hits=(), severity=severity, reasons=(f"fake said {r.id}",))
        return match, frozenset(countries.split())

    return judge


@pytest.fixture
def outcomes() -> list[evaluate.Outcome]:
    return evaluate.judge(ROWS, fake_judge(ANSWERS))


def test_judge_keeps_each_rows_answer(outcomes: list[evaluate.Outcome]) -> None:
    assert [o.row for o in outcomes] == ROWS
    assert [o.countries for o in outcomes] == [
        {"UA", "PL"}, {"ML", "TD"}, {"ES"}, frozenset()
    ]
    assert [o.severity for o in outcomes] == [C, C, L, M]
    assert outcomes[3].reasons == ("fake said r4",)


def test_country_figures(outcomes: list[evaluate.Outcome]) -> None:
    f = evaluate.figures(outcomes)
    assert f.rows == 4
    # labelled UA RU ML = 3, found UA ML = 2
    assert f.recall == pytest.approx(2 / 3)
    # tagged UA PL ML TD (ES is a may) = 4, right 2
    assert f.precision == pytest.approx(2 / 4)
    # r1 r2 r3 have traps; r1 (PL is wrong, but no trap) and r3 avoided theirs
    assert (f.traps, f.trap_rows) == (pytest.approx(2 / 3), 3)


def test_severity_figures(outcomes: list[evaluate.Outcome]) -> None:
    f = evaluate.figures(outcomes)
    # r1 and r3 right
    assert f.accuracy == pytest.approx(2 / 4)
    # said critical: r1 r2; labelled critical: r1 r4; right: r1
    assert f.levels["critical"] == (pytest.approx(1 / 2), pytest.approx(1 / 2), 2)
    assert f.critical_f1 == pytest.approx(1 / 2)
    # high: never said, r2 labelled and missed
    assert f.levels["high"] == (None, 0.0, 1)
    # medium: said once (r4), never labelled
    assert f.levels["medium"] == (0.0, None, 0)
    # low: r3 said and labelled
    assert f.levels["low"] == (1.0, 1.0, 1)
    assert list(f.levels) == ["critical", "high", "medium", "low"]


def test_figures_as_json(outcomes: list[evaluate.Outcome]) -> None:
    j = evaluate.figures(outcomes).as_json()
    assert j["rows"] == 4
    assert j["country_recall"] == pytest.approx(2 / 3)
    assert j["country_precision"] == pytest.approx(1 / 2)
    assert (j["traps_avoided"], j["trap_rows"]) == (pytest.approx(2 / 3), 3)
    assert j["severity_accuracy"] == pytest.approx(1 / 2)
    assert j["critical_f1"] == pytest.approx(1 / 2)
    assert j["levels"] == {
        "critical": {"precision": 0.5, "recall": 0.5, "rows": 2},
        "high": {"precision": None, "recall": 0.0, "rows": 1},
        "medium": {"precision": 0.0, "recall": None, "rows": 0},
        "low": {"precision": 1.0, "recall": 1.0, "rows": 1},
    }


def test_per_language(outcomes: list[evaluate.Outcome]) -> None:
    langs = evaluate.by_language(outcomes)
    assert list(langs) == ["de", "en"]
    en, de = langs["en"], langs["de"]
    # en = r1 r2: all the labelled and tagged countries
    assert (en.rows, en.recall, en.precision) == (2, pytest.approx(2 / 3), 0.5)
    assert (en.traps, en.trap_rows) == (0.5, 2)
    assert en.accuracy == 0.5
    # critical said r1 r2, labelled r1: p 1/2, r 1, F1 2·(1/2)/(3/2)
    assert en.critical_f1 == pytest.approx(2 / 3)
    # de = r3 r4: nothing labelled, nothing tagged but a may
    assert (de.rows, de.recall, de.precision) == (2, None, None)
    assert (de.traps, de.trap_rows) == (1.0, 1)
    assert de.accuracy == 0.5
    # critical labelled r4, never said: precision undefined, so no F1
    assert de.levels["critical"] == (None, 0.0, 1)
    assert de.critical_f1 is None


@pytest.mark.parametrize("tagged", ["FR DE", "FR"])
def test_a_may_country_counts_neither_way(tagged: str) -> None:
    rows = [row("m", countries="FR", may="DE")]
    [outcome] = evaluate.judge(rows, fake_judge({"m": (tagged, L)}))
    f = evaluate.figures([outcome])
    assert (f.recall, f.precision) == (1.0, 1.0)
    assert outcome.ok
    assert evaluate.misses([outcome]) == ""


def test_a_may_country_does_not_make_up_for_a_labelled_one() -> None:
    [outcome] = evaluate.judge([row("m", countries="FR", may="DE")],
                               fake_judge({"m": ("DE", L)}))
    f = evaluate.figures([outcome])
    # FR missed; DE tagged but not counted, so nothing counted as tagged
    assert (f.recall, f.precision) == (0.0, None)
    assert not outcome.ok


def test_no_rows_have_no_figures() -> None:
    f = evaluate.figures([])
    assert (f.rows, f.recall, f.precision, f.traps, f.accuracy, f.critical_f1) == (
        0, None, None, None, None, None
    )


def test_critical_f1_is_zero_when_said_and_labelled_never_agree() -> None:
    rows = [row("a", severity=C), row("b", severity=L)]
    f = evaluate.figures(evaluate.judge(rows, fake_judge({"a": ("", L), "b": ("", C)})))
    assert f.levels["critical"] == (0.0, 0.0, 1)
    assert f.critical_f1 == 0.0


def test_misses_lists_exactly_the_wrong_rows(outcomes: list[evaluate.Outcome]) -> None:
    assert [o.row.id for o in outcomes if not o.ok] == ["r1", "r2", "r4"]
    text = evaluate.misses(outcomes)
    blocks: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("r"):
            current = blocks.setdefault(line.split()[0], [])
        elif line.startswith("    "):
            current.append(line.strip())
    assert list(blocks) == ["r1", "r2", "r4"]
    assert blocks["r1"] == ["missed:  RU", "wrong:   PL"]
    assert blocks["r2"] == ["wrong:   TD (a trap)", "severity critical, labelled high",
                            "fake said r2"]
    assert blocks["r4"] == ["severity medium, labelled critical", "fake said r4"]
    assert "r1 [en] 'title of r1'" in text
    # r1's severity was right, so it is no confusion; r2 and r4's are
    last = text.splitlines()[-1]
    assert last.startswith("severity confusions (labelled → said): ")
    assert sorted(last.split(": ", 1)[1].split(", ")) == ["critical→medium 1", "high→critical 1"]
