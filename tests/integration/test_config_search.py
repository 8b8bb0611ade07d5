"""Where the CLI finds its configuration and database when no option says (bot/paths.py): run
from an empty working directory, with the user's folders moved to tmp_path (platformdirs reads
XDG_CONFIG_HOME and XDG_DATA_HOME on Linux)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from bot.cli import main

CONFIG = Path(__file__).resolve().parents[2] / "config"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are Linux's")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory and user folders of our own; no ALERTBOT_* set."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    for name in ("ALERTBOT_CONFIG", "ALERTBOT_DB", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def a_config(folder: Path) -> Path:
    shutil.copytree(CONFIG, folder)
    return folder


def test_with_no_config_anywhere_check_config_names_every_place_looked(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-config"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "$ALERTBOT_CONFIG" in err and "--config" in err
    assert str(home / "work" / "config") in err
    assert str(home / "xdg-config" / "alertbot") in err


@pytest.mark.parametrize("command", [["run"], ["poll", "--once"]])
def test_run_and_poll_refuse_without_a_config_too(
    home: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main(command) == 2
    assert "no configuration folder found" in capsys.readouterr().err


def test_the_user_config_folder_is_found(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = a_config(home / "xdg-config" / "alertbot")
    assert main(["check-config"]) == 0
    assert capsys.readouterr().out.startswith(f"{found}: valid")


def test_dot_config_wins_over_the_user_folder(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_config(home / "xdg-config" / "alertbot")
    a_config(home / "work" / "config")
    assert main(["check-config"]) == 0
    # Named as the working folder's own, so that its messages read "config/sources.toml".
    assert capsys.readouterr().out.startswith("config: valid")


def test_the_environment_wins_over_dot_config_and_the_option_over_both(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a_config(home / "work" / "config")
    chosen = a_config(home / "chosen")
    monkeypatch.setenv("ALERTBOT_CONFIG", str(chosen))
    assert main(["check-config"]) == 0
    assert capsys.readouterr().out.startswith(f"{chosen}: valid")
    assert main(["check-config", "--config", "config"]) == 0
    assert capsys.readouterr().out.startswith("config: valid")


def test_explain_falls_back_to_the_built_in_configuration(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", "--json", "Gunfire near the bridge in Mitrovica, Kosovo."]) == 0
    result = json.loads(capsys.readouterr().out)
    assert "kosovo" in {r["id"] for r in result["regions"]}


def test_the_database_defaults_to_the_user_data_folder(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["init"]) == 0
    made = home / "xdg-data" / "alertbot" / "alertbot.db"
    assert made.is_file() and f"{made}: created" in capsys.readouterr().out
    assert not (home / "work" / "alertbot.db").exists()
    monkeypatch.setenv("ALERTBOT_DB", str(home / "from-env.db"))
    assert main(["init"]) == 0
    assert (home / "from-env.db").is_file()
