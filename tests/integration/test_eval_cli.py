"""``alertbot eval`` on small written sets, with the shipped matcher: the JSON figures, the list of
misses, the language filter, and the exits for an empty selection and a missing file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main

CONFIG = Path(__file__).resolve().parents[2] / "config"

#: texts whose answer is plain to a reader and to the shipped matcher
ROWS: list[dict[str, object]] = [
    {"id": "e-gao", "title": "Gunmen kill 14 at a market near Gao", "text": "", "lang": "en",
     "countries": ["ML"], "not": [], "severity": "critical"},
    {"id": "e-park", "title": "The orchestra played in the park", "text": "", "lang": "en",
     "countries": [], "not": [], "severity": "low"},
    {"id": "e-belgrade", "title": "Riot police clash with protesters in Belgrade", "text": "",
     "lang": "en", "countries": ["RS"], "not": [], "severity": "high"},
    {"id": "e-kabul", "title": "Bombenanschlag in Kabul: mindestens 20 Tote", "text": "",
     "lang": "de", "countries": ["AF"], "not": [], "severity": "critical"},
    {"id": "e-wien", "title": "Tausende protestieren in Wien gegen die Regierung", "text": "",
     "lang": "de", "countries": ["AT"], "not": [], "severity": "medium"},
]


def write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def eval_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code = main(["eval", *args, "--config", str(CONFIG), "--json"])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_every_answer_right(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "set.jsonl", ROWS)
    result = eval_json(capsys, str(path), "--split", "all")
    assert result["all"] == {
        "rows": 5,
        "country_recall": 1.0,
        "country_precision": 1.0,
        "traps_avoided": None,
        "trap_rows": 0,
        "severity_accuracy": 1.0,
        "critical_f1": 1.0,
        "levels": {
            "critical": {"precision": 1.0, "recall": 1.0, "rows": 2},
            "high": {"precision": 1.0, "recall": 1.0, "rows": 1},
            "medium": {"precision": 1.0, "recall": 1.0, "rows": 1},
            "low": {"precision": 1.0, "recall": 1.0, "rows": 1},
        },
    }
    assert {k: v["rows"] for k, v in result["languages"].items()} == {"de": 2, "en": 3}


def mislabelled() -> list[dict[str, object]]:
    """ROWS with Belgrade labelled as Croatia and critical: wrong on purpose."""
    return [
        {**r, "countries": ["HR"], "severity": "critical"} if r["id"] == "e-belgrade" else r
        for r in ROWS
    ]


def test_a_mislabelled_row_moves_the_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "set.jsonl", mislabelled())
    figures = eval_json(capsys, str(path), "--split", "all")["all"]
    # labelled ML HR AF AT, tagged ML RS AF AT: three of four each way
    assert figures["country_recall"] == pytest.approx(3 / 4)
    assert figures["country_precision"] == pytest.approx(3 / 4)
    assert figures["severity_accuracy"] == pytest.approx(4 / 5)
    # critical said Gao Kabul, labelled Gao Belgrade Kabul: p 1, r 2/3, F1 = 2·(2/3)/(5/3)
    assert figures["levels"]["critical"] == {
        "precision": 1.0, "recall": pytest.approx(2 / 3), "rows": 3
    }
    assert figures["critical_f1"] == pytest.approx(4 / 5)
    # high said once (Belgrade), never labelled
    assert figures["levels"]["high"] == {"precision": 0.0, "recall": None, "rows": 0}


def test_misses_lists_the_mislabelled_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "set.jsonl", mislabelled())
    assert main(["eval", str(path), "--split", "all", "--misses", "--config", str(CONFIG)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 rows (all split) from 1 files\n")
    listed = out.split("severity confusions")[0]
    for r in ROWS:
        assert (f"{r['id']} [" in listed) == (r["id"] == "e-belgrade"), r["id"]
    assert "    missed:  HR\n" in out
    assert "    wrong:   RS\n" in out
    assert "    severity high, labelled critical\n" in out


def test_lang_keeps_only_that_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "set.jsonl", mislabelled())
    result = eval_json(capsys, str(path), "--split", "all", "--lang", "de")
    assert list(result["languages"]) == ["de"]
    # Kabul and Wien only: the mislabelled English row is out
    assert result["all"]["rows"] == 2
    assert result["all"]["country_recall"] == 1.0
    assert result["all"]["severity_accuracy"] == 1.0


def test_an_empty_selection_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "set.jsonl", ROWS)
    code = main(["eval", str(path), "--split", "all", "--lang", "fr", "--json",
                 "--config", str(CONFIG)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert "no rows to measure (check --split and --lang)" in captured.err


def test_a_missing_file_exits_1_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    present = write(tmp_path / "set.jsonl", ROWS)
    missing = tmp_path / "nowhere.jsonl"
    code = main(["eval", str(present), str(missing), "--split", "all", "--json",
                 "--config", str(CONFIG)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.startswith(f"alertbot: {missing}: ")


def test_a_bad_row_exits_1_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "set.jsonl", [*ROWS, {**ROWS[0], "id": "e-x", "severity": "grave"}])
    code = main(["eval", str(path), "--split", "all", "--config", str(CONFIG)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.startswith(f"alertbot: {path}:6: severity 'grave'")
