"""A process's shards: `[discord] shards`/`shard_count` in bot.toml, `alertbot run --shards
--shard-count`, and the part of the global limit a process then paces itself to."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import global_share
from bot.cli import main
from bot.settings import DiscordSettings, load_bot_config

CONFIG = Path(__file__).resolve().parents[2] / "config"


def problems_of(tmp_path: Path, discord: str) -> list[str]:
    path = tmp_path / "bot.toml"
    path.write_text(f"[discord]\n{discord}\n", "utf-8")
    return [str(p).removeprefix(f"{path}: ") for p in load_bot_config(path)[1]]


def test_shards_of_a_count_are_read(tmp_path: Path) -> None:
    path = tmp_path / "bot.toml"
    path.write_text("[discord]\nshards = [2, 3]\nshard_count = 4\n", "utf-8")
    config, problems = load_bot_config(path)
    assert problems == []
    assert (config.discord.shards, config.discord.shard_count) == ((2, 3), 4)
    # Left out: every shard, as many as Discord recommends.
    path.write_text("", "utf-8")
    assert load_bot_config(path)[0].discord == DiscordSettings()


@pytest.mark.parametrize(("discord", "problem"), [
    ("shards = [0, 4]\nshard_count = 4",
     "discord.shards: shard 4 is not below discord.shard_count (4); shard ids run from 0 to 3"),
    ("shards = [0]\nshard_count = 0", "discord.shard_count: 0 is out of range; use at least 1"),
    ("shards = [0, 1]",
     "discord.shards: needs discord.shard_count: the number of shards of all processes "
     "together, the same in each"),
    ("shards = [1, 1]\nshard_count = 2", "discord.shards: names a shard twice: 1, 1"),
    ("shards = []\nshard_count = 2",
     "discord.shards: lists no shard; leave it out for every shard"),
    ('shards = "0,1"\nshard_count = 2',
     'discord.shards: must be a list of shard ids like [0, 1], not "0,1"'),
    ("shards = [-1]\nshard_count = 2",
     "discord.shards: must be a list of shard ids like [0, 1], not [-1]"),
])
def test_bad_shards_in_bot_toml_name_the_key(tmp_path: Path, discord: str, problem: str) -> None:
    assert problems_of(tmp_path, discord) == [problem]


@pytest.mark.parametrize(("options", "problem"), [
    (["--shards", "0,4", "--shard-count", "4"],
     "command line: --shards: shard 4 is not below --shard-count (4); shard ids run from 0 to 3"),
    (["--shards", "0", "--shard-count", "0"],
     "command line: --shard-count: 0 is out of range; use at least 1"),
    (["--shards", "0,1"],
     "command line: --shards: needs --shard-count: the number of shards of all processes "
     "together, the same in each"),
])
def test_run_refuses_bad_shards_before_logging_in(
    options: list[str], problem: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "never-used")
    assert main(["run", "--config", str(CONFIG), *options]) == 2
    assert problem in capsys.readouterr().err


def test_run_refuses_shard_ids_that_are_not_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--config", str(CONFIG), "--shards", "zero", "--shard-count", "2"])
    assert "'zero': give shard ids separated by commas, like 0,1" in capsys.readouterr().err


@pytest.mark.parametrize(("shards", "count", "share"), [
    (None, None, 50),  # every shard: the whole limit, as one process always had
    ((0, 1), 4, 25),  # half the shards: half
    ((0,), 3, 16),  # rounded down
    ((5,), 100, 1),  # never nothing
])
def test_a_process_paces_to_its_part_of_the_global_limit(
    shards: tuple[int, ...] | None, count: int | None, share: int
) -> None:
    assert global_share(DiscordSettings(shards=shards, shard_count=count)) == share


@pytest.mark.parametrize("split", [
    [(0, 1), (2,), (3,)],  # tests/reliability/test_failover.py: 25 + 12 + 12
    [(0,), (1,), (2,)],
    [tuple(range(7)), (7,), (8,)],
    [(n,) for n in range(50)],
])
def test_the_parts_of_processes_on_disjoint_shards_add_up_to_at_most_the_limit(
    split: list[tuple[int, ...]],
) -> None:
    count = sum(len(shards) for shards in split)
    parts = [global_share(DiscordSettings(shards=shards, shard_count=count)) for shards in split]
    assert sum(parts) <= 50
