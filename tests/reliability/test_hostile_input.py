"""Hostile input: every slash command option gets property-based input through the fake Discord.

Real discord.py, real Store in tmp_path, the real matcher; the world is the one of
tests/e2e/test_commands.py (two guilds, an admin, a moderator, a channel manager, a member).
Each example is a real interaction. Whatever is typed, the answer is a clear private refusal or a
correct result: never the "something went wrong" apology, never a live mention, and a refusal
leaves the store exactly as it was.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands.errors import APOLOGY, DATABASE_DOWN
from bot.lookup import find_by_id_or_name
from bot.model import Mute, Severity, Subscription
from tests.e2e.test_commands import NOW, SOURCES, World, split, world
from tests.fakes.discord import FakeChannel, FakeMember

__all__ = ["world"]

EPHEMERAL = 64
#: the bot's own zero-width space after "@" / "<" that keeps a mention as text
ZWSP = "\u200b"
NO_EVERYONE = "I won't ping @everyone; pick a role for the pings."
#: a bounded number of examples per command keeps the whole file to seconds
EXAMPLES = 30
FAST = settings(
    max_examples=EXAMPLES, deadline=None,
    # One bot and one store serve every example of a test; each example checks what it changed.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- what hostile users type -------------------------------------------------------------------

PIECES = [
    "@everyone", "@here", "<@&111111111111111111>", "<@!222222222222222222>",
    "<@333333333333333333>", "<#444444444444444444>", "</latest:555555555555555555>",
    "**bold**", "__u__",
    "`", "```", "||spoiler||", "# heading", "-# small", "> quote", ">>> all quoted",
    "[click](https://evil.example/x)", "'; DROP TABLE subscriptions; --", '" OR 1=1 --', "%",
    "_", "\\", "'", '"', ";", "--", "/*", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff",
    "\x00", "\x07", "\x1b[31m", "\n", "\r\n", "\t", "(a+)+$", "re:(a+)+$", "re:(a|a)*b",
    "re:(x+x+)+y", "re:" + "(" * 40, "re:.{0,65535}", "re:\\", "re:(?P<n>a)(?P=n)",
    "re:(?=lookahead)", "-", "-re:", '"', "🙂", "𝕏", "ﷺ", "עברית", "العربية", "Kosovo",
    "balkans", "NEAR(", "AND", "OR", "NOT", "*", "^", "col:umn", "a" * 100, "9" * 30,
]


def hostile(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Text a user might send in an option of this length range (Discord enforces the range)."""
    pieces = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=10).map("".join)
    anything = st.text(max_size=max_size)
    longest = st.sampled_from(PIECES).map(lambda p: (p * max_size)[:max_size])
    return (pieces | anything | longest).map(lambda s: s[:max_size]).filter(
        lambda s: len(s) >= min_size
    )


SEVERITIES = st.sampled_from(["low", "medium", "high", "critical"])

# -- checking an answer ------------------------------------------------------------------------

_members = itertools.count()


def fresh_member(world: World) -> FakeMember:
    """A new plain member: /latest and /search have a per-user cooldown, hypothesis is fast."""
    return world.a.add_member(f"reader{next(_members)}")


async def ask(
    world: World, who: FakeMember, command: str, options: dict[str, Any],
    channel: FakeChannel | None = None,
) -> dict[str, Any]:
    where = channel or (world.alerts if who.guild is world.a else who.guild.channel_named(
        "general"))
    name, subcommand = split(command)
    interaction = await world.fake.invoke(who.guild, where, who, name, options,
                                          subcommand=subcommand)
    body = await interaction.response()
    assert body["type"] == 4, body
    data: dict[str, Any] = body["data"]
    check_answer(data, options)
    return data


def text_of(data: dict[str, Any]) -> str:
    return str(data.get("content") or "")


def is_private(data: dict[str, Any]) -> bool:
    return bool(int(data.get("flags") or 0) & EPHEMERAL)


#: mentions as users type them above; none may come back able to resolve
TYPED_MENTIONS = ("@everyone", "@here", "<@&111111111111111111>", "<@!222222222222222222>",
                  "<@333333333333333333>", "<#444444444444444444>")


def visible(data: dict[str, Any]) -> str:
    """Every piece of text of an answer a reader sees: content and every part of each embed."""
    parts = [text_of(data)]
    for embed in data.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or "",
                  (embed.get("footer") or {}).get("text") or ""]
        for f in embed.get("fields") or []:
            parts += [f.get("name") or "", f.get("value") or ""]
    return "\n".join(parts)


def check_answer(data: dict[str, Any], options: dict[str, Any]) -> None:
    """Nothing crashed, nothing can ping, nothing a user typed comes back as live markup."""
    everything = visible(data)
    assert APOLOGY not in everything, options
    assert DATABASE_DOWN not in everything, options
    assert text_of(data) or data.get("embeds"), options
    mentions = data.get("allowed_mentions")
    assert mentions is not None and mentions.get("parse") == [], mentions
    assert not mentions.get("roles") and not mentions.get("users"), mentions
    # The bot's own documented refusal names @everyone; nothing a user typed may.
    shown = everything.replace(NO_EVERYONE, "")
    for mention in TYPED_MENTIONS:
        assert mention not in shown, (options, shown)


async def subscriptions(world: World) -> dict[tuple[int, int, str], Subscription]:
    found = [*await world.store.subscriptions(world.a.id),
             *await world.store.subscriptions(world.b.id)]
    return {(s.guild_id, s.channel_id, s.region): s for s in found}


async def mutes(world: World) -> dict[tuple[int, str], Mute]:
    found = [*await world.store.mutes(world.a.id, NOW), *await world.store.mutes(world.b.id, NOW)]
    return {(m.guild_id, m.source): m for m in found}


def refused(data: dict[str, Any]) -> bool:
    return is_private(data) and not data.get("embeds") and not any(
        ok in text_of(data) for ok in ("now follows", "still follows", "no longer follows",
                                       "Muted **", "is unmuted")
    )


# -- /subscription add, remove, list ----------------------------------------------------------


def region_value() -> st.SearchStrategy[str]:
    return st.sampled_from(["balkans", "Kosovo", " kosovo ", "EUROPE"]) | hostile(1, 100)


@FAST
@given(
    region=region_value(),
    filter=st.sampled_from(["", "gunfire -sport", 're:(a+)+$', 're:(x+x+)+y', '"aid convoy"'])
    | hostile(0, 300),
    min_severity=SEVERITIES,
    channel=st.sampled_from(["here", "news", "thread", "locked"]),
    ping=st.sampled_from(["none", "on-call", "everyone"]),
    ping_severity=st.none() | SEVERITIES,
    publish=st.booleans(),
)
async def test_subscribe_answers_plainly_and_stores_all_or_nothing(
    world: World, region: str, filter: str, min_severity: str, channel: str, ping: str,
    ping_severity: str | None, publish: bool,
) -> None:
    options: dict[str, Any] = {"region": region, "min_severity": min_severity, "publish": publish}
    if filter:
        options["filter"] = filter
    target = {"here": world.alerts, "news": world.news, "thread": world.thread,
              "locked": world.locked}[channel]
    if channel != "here":
        options["channel"] = target
    if ping != "none":
        options["ping_role"] = world.on_call if ping == "on-call" else world.a.everyone
    if ping_severity is not None:
        options["ping_severity"] = ping_severity
    before = await subscriptions(world)
    data = await ask(world, world.a_admin, "subscription add", options)
    after = await subscriptions(world)
    assert is_private(data)
    if refused(data):
        assert after == before, (options, text_of(data))
        return
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed <= {k for k in after if k[:2] == (world.a.id, target.id)}
    assert set(before) <= set(after)
    region_id = next(iter(changed))[2] if changed else None
    if region_id is not None:
        saved = after[(world.a.id, target.id, region_id)]
        assert saved.filter == filter.strip()
        assert saved.min_severity.label == min_severity
        assert saved.publish == publish


@FAST
@given(region=region_value(), channel=st.sampled_from(["here", "news", "locked"]))
async def test_unsubscribe_answers_plainly(world: World, region: str, channel: str) -> None:
    await world.store.subscribe(
        world.a.id, world.news.id, "kosovo", min_severity=Severity.LOW, filter="",
        ping_role_id=None, ping_severity=Severity.CRITICAL, publish=False, now=NOW,
    )
    options: dict[str, Any] = {"region": region}
    target = {"here": world.alerts, "news": world.news, "locked": world.locked}[channel]
    if channel != "here":
        options["channel"] = target
    before = await subscriptions(world)
    data = await ask(world, world.a_admin, "subscription remove", options)
    after = await subscriptions(world)
    assert is_private(data)
    if refused(data):
        assert after == before, (options, text_of(data))
    else:
        assert len(before) - len(after) == 1
        assert all(k[:2] == (world.a.id, target.id) for k in set(before) - set(after))


async def test_subscriptions_lists_hostile_filters_as_plain_text(world: World) -> None:
    nasty = "@everyone <@&111111111111111111> **x** ||y|| [click](https://evil.example)"
    await world.store.subscribe(world.a.id, world.alerts.id, "balkans", min_severity=Severity.LOW,
                                filter=nasty, ping_role_id=None, ping_severity=Severity.CRITICAL,
                                publish=False, now=NOW)
    for channel in (None, world.alerts, world.thread):
        options = {"channel": channel} if channel is not None else {}
        data = await ask(world, world.member, "subscription list", options)
        assert is_private(data)
        assert "||y||" not in visible(data)


# -- /latest, /search --------------------------------------------------------------------------


@FAST
@given(region=st.none() | region_value(), count=st.integers(1, 10), min_severity=SEVERITIES)
async def test_latest_answers_plainly(
    world: World, region: str | None, count: int, min_severity: str
) -> None:
    options: dict[str, Any] = {"count": count, "min_severity": min_severity}
    if region is not None:
        options["region"] = region
    data = await ask(world, fresh_member(world), "latest", options)
    if data.get("embeds"):
        assert not is_private(data)
        assert len(data["embeds"]) <= count
    else:
        assert is_private(data)


SINCE = st.sampled_from([
    "24h", "7d", "1h30m", "0s", "-5h", "1e9h", "99999999999999999999d", "9999999d", "nan",
    "2024-05-01", "2024-05-01T18:00:00+01:00", "0001-01-01", "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00", "9999-12-31", "2024-02-30", "forever", "yesterday",
]) | hostile(1, 40)


@FAST
@given(query=hostile(1, 200), region=st.none() | region_value(), since=st.none() | SINCE)
async def test_search_answers_plainly(
    world: World, query: str, region: str | None, since: str | None
) -> None:
    options: dict[str, Any] = {"query": query}
    if region is not None:
        options["region"] = region
    if since is not None:
        options["since"] = since
    data = await ask(world, fresh_member(world), "search", options)
    if not data.get("embeds"):
        assert is_private(data), (options, text_of(data))


# -- /mute add, remove, list ------------------------------------------------------------------

DURATIONS = st.sampled_from([
    "forever", " FOREVER ", "2h", "1m", "59s", "0s", "-1h", "1y", "366d", "367d", "1h30m",
    "99999999999999999d", "1e308s", "nan", "inf", "2 h", "½h", "٣h",
]) | hostile(1, 20)


@FAST
@given(source=st.sampled_from(["wire", "Example Wire", "rumours"]) | hostile(1, 100),
       duration=st.none() | DURATIONS, reason=st.none() | hostile(0, 200))
async def test_mute_answers_plainly_and_stores_all_or_nothing(
    world: World, source: str, duration: str | None, reason: str | None
) -> None:
    options: dict[str, Any] = {"source": source}
    if duration is not None:
        options["duration"] = duration
    if reason:
        options["reason"] = reason
    before = await mutes(world)
    data = await ask(world, world.moderator, "mute add", options)
    after = await mutes(world)
    assert is_private(data)
    if refused(data):
        assert after == before, (options, text_of(data))
        return
    source_id = find_by_id_or_name(((s.id, s.name) for s in SOURCES), source)
    assert source_id is not None, (source, text_of(data))
    assert {k for k in after if after[k] != before.get(k)} <= {(world.a.id, source_id)}
    saved = after[(world.a.id, source_id)]
    assert saved.reason == (reason or "").strip()
    assert saved.created_by == world.moderator.id
    if saved.until is not None:
        assert NOW + timedelta(minutes=1) <= saved.until <= NOW + timedelta(days=366)


@FAST
@given(source=st.sampled_from(["wire", "rumours", "Example Wire"]) | hostile(1, 100))
async def test_unmute_answers_plainly(world: World, source: str) -> None:
    await world.store.mute(world.a.id, "wire", until=None, reason="", created_by=None, now=NOW)
    before = await mutes(world)
    data = await ask(world, world.moderator, "mute remove", {"source": source})
    after = await mutes(world)
    assert is_private(data)
    if refused(data):
        assert after == before, (source, text_of(data))
    else:
        assert set(before) - set(after) == {(world.a.id, "wire")}


async def test_mutes_lists_hostile_reasons_as_plain_text(world: World) -> None:
    await world.store.mute(world.a.id, "wire", until=None,
                           reason="@everyone <@&111111111111111111> ||x||",
                           created_by=world.moderator.id, now=NOW)
    data = await ask(world, world.moderator, "mute list", {})
    assert "||x||" not in visible(data)


# -- /sources, /regions, /explain --------------------------------------------------------------


@FAST
@given(page=st.integers(1, 1000))
async def test_sources_pages(world: World, page: int) -> None:
    await world.store.record_failure(
        "rumours", error_kind="http", status=500, now=NOW,
        message="@everyone <@&111111111111111111> **HTTP 500** " + "x" * 5000,
        next_poll_at=NOW + timedelta(minutes=5),
    )
    data = await ask(world, world.member, "sources", {"page": page})
    assert is_private(data)
    assert "**HTTP 500**" not in visible(data)


@FAST
@given(parent=st.none() | region_value(), page=st.integers(1, 1000))
async def test_regions_answers_plainly(world: World, parent: str | None, page: int) -> None:
    options: dict[str, Any] = {"page": page}
    if parent is not None:
        options["parent"] = parent
    data = await ask(world, world.member, "regions", options)
    assert is_private(data)


@FAST
@given(update=st.integers(1, 2**53) | st.sampled_from([1, 2, 3, 2**31, 2**53]))
async def test_explain_answers_plainly(world: World, update: int) -> None:
    data = await ask(world, world.member, "explain", {"update": update})
    assert is_private(data)
