"""The pure parts of the slash commands: lookups behind autocomplete, durations, paging, and
the words of the error handler."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import discord
import pytest
from discord import app_commands
from hypothesis import given
from hypothesis import strategies as st

from bot.commands._common import (
    MAX_CHOICES,
    Refusal,
    find_region,
    find_source,
    fit,
    paginate,
    permission_names,
    quote,
    rank_choices,
)
from bot.commands.errors import APOLOGY, DATABASE_DOWN, answer
from bot.commands.moderation import mute_until
from bot.commands.updates import parse_since
from bot.lookup import close_matches, find_by_id_or_name, one_of
from bot.matching.filters import FilterError
from bot.model import Region
from bot.store import StoreError

REGIONS = (
    Region("europe", "Europe"),
    Region("balkans", "Balkans", ("europe",)),
    Region("kosovo", "Kosovo", ("balkans", "europe"), "XK"),
    Region("serbia", "Serbia", ("balkans", "europe"), "RS"),
    Region("baltics", "Baltic states", ("europe",)),
    Region("bahamas", "Bahamas", (), "BS"),
    Region("cuba", "Cuba", (), "CU"),
)
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def pairs(regions: tuple[Region, ...] = REGIONS) -> list[tuple[str, str]]:
    return [(r.id, r.name) for r in regions]


def test_prefix_matches_come_before_substring_matches() -> None:
    values = [c.value for c in rank_choices(pairs(), "ba")]
    assert values[:3] == ["bahamas", "balkans", "baltics"]
    assert values[3:] == ["cuba"]
    assert "kosovo" not in values


def test_autocomplete_finds_balkans_from_its_first_letters() -> None:
    assert [c.value for c in rank_choices(pairs(), "balk")] == ["balkans"]
    assert [c.value for c in rank_choices(pairs(), "  BALK ")] == ["balkans"]


def test_choice_shows_name_and_id_when_they_differ() -> None:
    (choice,) = rank_choices(pairs(), "baltic")
    assert choice.name == "Baltic states (baltics)"
    assert choice.value == "baltics"


@given(st.text(max_size=30))
def test_choices_are_few_short_and_real(current: str) -> None:
    many = [(f"region-{i}", f"Region {i}") for i in range(200)] + pairs()
    choices = rank_choices(many, current)
    assert len(choices) <= MAX_CHOICES
    ids = {i for i, _ in many}
    for choice in choices:
        assert choice.value in ids
        assert 1 <= len(choice.name) <= 100


def test_empty_query_lists_at_most_25() -> None:
    many = [(f"r{i}", f"R {i}") for i in range(60)]
    assert len(rank_choices(many, "")) == MAX_CHOICES


@pytest.mark.parametrize("typed", ["kosovo", "Kosovo", "KOSOVO", " kosovo "])
def test_region_is_found_by_id_or_name(typed: str) -> None:
    assert find_region(REGIONS, typed).id == "kosovo"


def test_region_found_by_name_with_spaces() -> None:
    assert find_region(REGIONS, "baltic states").id == "baltics"


def test_exact_id_wins_over_another_regions_name() -> None:
    tricky = ("b", "a"), ("a", "z")
    assert find_by_id_or_name(tricky, "a") == "a"


def test_unknown_region_is_refused_in_plain_words() -> None:
    with pytest.raises(Refusal) as caught:
        find_region(REGIONS, "atlantis")
    assert caught.value.message == (
        "I don't know the region 'atlantis'. Try /regions to browse them."
    )


def test_a_misspelt_region_is_refused_with_the_close_ones() -> None:
    with pytest.raises(Refusal) as caught:
        find_region(REGIONS, "kosvo")
    assert caught.value.message == (
        "I don't know the region 'kosvo'. Did you mean Kosovo? Try /regions to browse them."
    )


@pytest.mark.parametrize(
    ("typed", "close"),
    [
        ("kosvo", ["kosovo"]),
        ("Baltic sates", ["baltics"]),  # by name
        ("serbai", ["serbia"]),
        ("atlantis", []),
    ],
)
def test_close_matches_are_ids_spelt_like_the_typed_words(typed: str, close: list[str]) -> None:
    assert close_matches(pairs(), typed) == close


def test_close_matches_name_each_id_once_and_at_most_three() -> None:
    many = [(f"kosovo-{i}", f"Kosovo {i}") for i in range(9)]
    found = close_matches(many, "kosovo 1")
    assert found[0] == "kosovo-1" and len(found) == len(set(found)) == 3


def test_suggestions_read_as_one_sentence() -> None:
    assert one_of(["kosovo"]) == "kosovo"
    assert one_of(["a", "b", "c"]) == "a, b or c"


def test_unknown_source_is_refused() -> None:
    names = {"rferl": "RFE/RL", "local-news": "Local News"}
    assert find_source(names, "RFE/RL") == "rferl"
    assert find_source(names, "local news") == "local-news"
    with pytest.raises(Refusal, match=r"I don't know the source 'nope'\. Try /source list"):
        find_source(names, "nope")


def test_echoed_input_cannot_ping_or_format() -> None:
    echoed = quote("@everyone **bold** " + "x" * 100)
    assert "@everyone" not in echoed
    assert "**" not in echoed
    assert len(echoed) < 90


@pytest.mark.parametrize(
    ("permissions", "words"),
    [
        (["manage_channels"], "Manage Channels"),
        (["view_channel", "embed_links"], "View Channel and Embed Links"),
        (["view_channel", "send_messages", "embed_links"],
         "View Channel, Send Messages and Embed Links"),
    ],
)
def test_permission_names_read_like_discord_shows_them(
    permissions: list[str], words: str
) -> None:
    assert permission_names(permissions) == words


# -- durations, paging ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("forever", None), ("FOREVER ", None), ("2h", NOW + timedelta(hours=2)),
     ("3d", NOW + timedelta(days=3)), ("1h30m", NOW + timedelta(minutes=90))],
)
def test_mute_durations(typed: str, expected: datetime | None) -> None:

    assert mute_until(typed, NOW) == expected


@pytest.mark.parametrize("typed", ["30s", "400d", "3000d", "99999999999d", "2 hours", "-1h", ""])
def test_absurd_or_unreadable_mute_durations_are_refused(typed: str) -> None:

    with pytest.raises(Refusal):
        mute_until(typed, NOW)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("24h", NOW - timedelta(hours=24)), ("7d", NOW - timedelta(days=7)),
     ("2024-04-01", datetime(2024, 4, 1, tzinfo=UTC)),
     ("2024-04-01T10:00:00+02:00", datetime(2024, 4, 1, 8, tzinfo=UTC))],
)
def test_search_since(typed: str, expected: datetime) -> None:

    assert parse_since(typed, NOW) == expected


@given(st.text(max_size=40))
def test_since_never_raises_anything_but_a_refusal(typed: str) -> None:

    try:
        moment = parse_since(typed, NOW)
    except Refusal:
        return
    assert moment.tzinfo is not None


@given(st.lists(st.text(max_size=300), max_size=80), st.integers(50, 4000))
def test_pages_fit_and_keep_every_line(lines: list[str], budget: int) -> None:
    pages = paginate(lines, budget)
    assert pages
    assert all(len(page) <= budget for page in pages)
    if all(len(line) <= budget for line in lines):
        assert "\n".join(pages) == "\n".join(lines)


@given(st.lists(st.text(max_size=500), max_size=60), st.integers(100, 4000))
def test_fit_stays_within_budget(lines: list[str], budget: int) -> None:
    assert len(fit(lines, budget)) <= budget


def test_fit_says_how_many_lines_it_left_out() -> None:
    lines = [f"line {i:04d}\n  detail" for i in range(100)]  # 19 characters each
    shown = fit(lines, 200)
    kept = shown.split("\n…and ")[0].count("line ")
    assert kept == (200 - len("\n…and 99999 more.")) // 20
    assert shown.endswith(f"…and {100 - kept} more.")
    assert fit(lines[:3], 200) == "\n".join(lines[:3])


# -- the error handler's answers -----------------------------------------------------------------


@app_commands.command(name="probe", description="a command for building errors")
async def probe(interaction: discord.Interaction) -> None:
    """Never run; CommandInvokeError needs a command to name."""


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (Refusal("Exactly this."), "Exactly this."),
        (app_commands.NoPrivateMessage(),
         "This command works in a server, not in direct messages."),
        (app_commands.MissingPermissions(["manage_channels"]),
         "You need the Manage Channels permission to do that."),
        (app_commands.BotMissingPermissions(["embed_links"]),
         "I need the Embed Links permission here to do that."),
        (app_commands.CommandOnCooldown(app_commands.Cooldown(5, 10.0), 3.2),
         "Slow down a little: try again in 3 seconds."),
        (app_commands.CheckFailure(), "You can't use this command here."),
        (app_commands.CommandInvokeError(probe, FilterError("the pattern is broken")),
         "That filter doesn't work: the pattern is broken"),
    ],
)
def test_error_answers(error: app_commands.AppCommandError, words: str) -> None:

    assert answer(error, "/probe") == words


def test_a_store_failure_is_logged_and_answered_plainly(caplog: pytest.LogCaptureFixture) -> None:

    error = app_commands.CommandInvokeError(probe, StoreError("database is locked"))
    assert answer(error, "/probe (guild 1, user 2)") == DATABASE_DOWN
    (record,) = caplog.records
    assert record.levelname == "ERROR"
    assert "database is locked" in record.getMessage()
    assert "/probe (guild 1, user 2)" in record.getMessage()


def test_anything_else_gets_an_apology_and_a_traceback_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:

    boom = ZeroDivisionError("boom")
    assert answer(app_commands.CommandInvokeError(probe, boom), "/probe") == APOLOGY
    (record,) = caplog.records
    assert record.levelname == "ERROR"
    assert record.exc_info is not None and record.exc_info[1] is boom
