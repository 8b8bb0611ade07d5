"""The slash commands end to end: real discord.py against the fake Discord, a real Store (a
SQLite file, or PostgreSQL: the bot_database fixture) and the real matcher built from config/.

Two guilds share one bot. In guild A there is an admin, a moderator (Manage Messages) and a plain
member; guild B has its own admin. Three updates are stored before the bot starts: a critical one
about Kosovo from "Example Wire", a low one about Serbia and Kosovo from the same source, and a
low one about Mitrovica from "Rumour Mill".
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import open_fetcher
from bot.client import AlertBot
from bot.follows import SourceLimits
from bot.matching.filters import FilterError, compile_filter
from bot.model import Severity, Source, StoryMode, Update
from bot.pipeline.match import Matcher
from bot.settings import FetchSettings
from bot.store import Store
from tests.e2e.conftest import RunClient
from tests.fakes.discord import (
    ANNOUNCEMENT,
    PUBLIC_THREAD,
    FakeChannel,
    FakeDiscord,
    FakeGuild,
    FakeMember,
    FakeRole,
    permissions,
)

NOW = datetime(2024, 5, 1, 18, 0, tzinfo=UTC)
EPHEMERAL = 64
SOURCES = (
    Source("wire", "https://wire.example.org/rss", "Example Wire", 300),
    Source("rumours", "https://rumours.example.org/feed", "Rumour Mill", 600),
)
#: (source, title, text): stored oldest first
STORIES = (
    ("wire", "Belgrade talks", "Officials in Belgrade met envoys about the crossing at Jarinje."),
    ("rumours", "Unconfirmed", "Unconfirmed reports of troop movements near Mitrovica."),
    ("wire", "Kosovo live", "Gunfire was heard along the border crossings in Northern Kosovo."),
)
NO_ACCESS_ERRORS = ("database", "Sorry", "went wrong")


@dataclass
class World:
    fake: FakeDiscord
    bot: AlertBot
    store: Store
    a: FakeGuild
    b: FakeGuild
    alerts: FakeChannel
    news: FakeChannel
    thread: FakeChannel
    locked: FakeChannel
    on_call: FakeRole
    a_admin: FakeMember
    moderator: FakeMember
    manager: FakeMember
    member: FakeMember
    b_admin: FakeMember
    update_ids: dict[str, int]

    async def run(
        self,
        who: FakeMember,
        command: str,
        options: dict[str, Any] | None = None,
        *,
        channel: FakeChannel | None = None,
    ) -> dict[str, Any]:
        """Run a command ("latest", "mute add") as `who` (in their guild's alerts channel by
        default); the reply."""
        guild = who.guild
        where = channel or (self.alerts if guild is self.a else guild.channel_named("general"))
        name, subcommand = split(command)
        interaction = await self.fake.invoke(guild, where, who, name, options or {},
                                             subcommand=subcommand)
        body = await interaction.response()
        assert body["type"] == 4, body
        data: dict[str, Any] = body["data"]
        return data


def split(command: str) -> tuple[str, str | None]:
    """"mute add" → ("mute", "add"); "latest" → ("latest", None)."""
    name, _, subcommand = command.partition(" ")
    return name, subcommand or None


def text_of(reply: dict[str, Any]) -> str:
    return str(reply.get("content") or "")


def is_private(reply: dict[str, Any]) -> bool:
    return bool(int(reply.get("flags") or 0) & EPHEMERAL)


def sources_shown(reply: dict[str, Any]) -> list[str]:
    """The Source field of each embed, as render_embed writes it."""
    return [
        field["value"]
        for embed in reply.get("embeds") or []
        for field in embed.get("fields") or []
        if field["name"] == "Source"
    ]


async def seed(store: Store, matcher: Matcher) -> dict[str, int]:
    """Store STORIES as polls of their sources would; the update id of each title."""
    await store.sync_sources(SOURCES, NOW - timedelta(hours=2))
    ids = {}
    for minutes, (source, title, text) in enumerate(STORIES):
        seen = NOW - timedelta(minutes=30 - minutes)
        update = Update(f"{source}-{minutes}", f"entry-{minutes}", "entry", title, text,
                        f"https://{source}.example.org/{minutes}", None, seen)
        summary = await store.commit_poll(
            source, states=(), updates=[(update, matcher.match(text, title))], now=seen,
            next_poll_at=seen + timedelta(minutes=5), status=200, etag=None,
            last_modified=None, body_hash=None, deliver=False,
        )
        ids[title] = summary.update_ids[0]
    return ids


@pytest.fixture
async def world(
    fake_discord: FakeDiscord, run_client: RunClient, bot_database: Path | str,
    matcher: Matcher,
) -> AsyncIterator[World]:
    a = fake_discord.add_guild("Guild A")
    b = fake_discord.add_guild("Guild B")
    alerts = a.add_channel("alerts")
    mods = a.add_role("Mods", permissions.MANAGE_MESSAGES)
    managers = a.add_role("Channel managers", permissions.MANAGE_CHANNELS)
    locked = a.add_channel("locked")
    locked.set_overwrite(a.bot_role, deny=permissions.EMBED_LINKS)
    locked.set_overwrite(managers, deny=permissions.MANAGE_CHANNELS)
    store = await Store.open(bot_database, clock=lambda: NOW)
    exits = contextlib.AsyncExitStack()
    exits.push_async_callback(store.close)
    fetcher = await exits.enter_async_context(open_fetcher(FetchSettings()))
    bot = AlertBot(store=store, matcher=matcher, fetcher=fetcher, source_limits=SourceLimits(),
                   clock=lambda: NOW, guild_ready_timeout=0.1)
    world = World(
        fake=fake_discord, bot=bot, store=store, a=a, b=b, alerts=alerts,
        news=a.add_channel("news", ANNOUNCEMENT),
        thread=a.add_channel("kosovo-thread", PUBLIC_THREAD, parent=alerts),
        locked=locked,
        on_call=a.add_role("on-call", mentionable=True),
        a_admin=a.add_member("ana", admin=True),
        moderator=a.add_member("milo", roles=[mods]),
        manager=a.add_member("cam", roles=[managers]),
        member=a.add_member("pat"),
        b_admin=b.add_member("bea", admin=True),
        update_ids=await seed(store, matcher),
    )
    try:
        async with run_client(bot):
            yield world
    finally:
        await exits.aclose()
    assert fake_discord.unknown_routes == []


# -- /subscription add, remove, list ----------------------------------------------------------


async def test_member_without_manage_channels_is_refused(world: World) -> None:
    reply = await world.run(world.member, "subscription add", {"region": "balkans"})
    assert text_of(reply) == "You need the Manage Channels permission to do that."
    assert is_private(reply)
    assert await world.store.subscriptions(world.a.id) == []


async def test_manage_channels_is_needed_in_the_target_channel_too(world: World) -> None:
    here = await world.run(world.manager, "subscription add", {"region": "balkans"})
    assert "now follows **Balkans**" in text_of(here)
    there = await world.run(world.manager, "subscription add", {"region": "balkans",
                                                         "channel": world.locked})
    assert text_of(there) == "You need the Manage Channels permission to do that."
    assert [s.channel_id for s in await world.store.subscriptions(world.a.id)] == [
        world.alerts.id]


async def test_admin_subscribes_the_channel_and_sees_a_preview(world: World) -> None:
    reply = await world.run(world.a_admin, "subscription add", {"region": "balkans"})
    assert is_private(reply)
    assert f"<#{world.alerts.id}> now follows **Balkans**" in text_of(reply)
    (preview,) = reply["embeds"]
    assert preview["title"] == "Kosovo live"
    (saved,) = await world.store.subscriptions(world.a.id)
    assert (saved.channel_id, saved.region, saved.min_severity) == (
        world.alerts.id, "balkans", Severity.LOW)


async def test_subscribe_with_every_option(world: World) -> None:
    on_call = world.on_call
    reply = await world.run(world.a_admin, "subscription add", {
        "region": "Kosovo", "channel": world.news, "min_severity": "critical",
        "filter": "gunfire -sport", "ping_role": on_call, "ping_severity": "high",
        "publish": True,
    })
    assert "now follows **Kosovo**" in text_of(reply), reply
    (saved,) = await world.store.subscriptions(world.a.id, world.news.id)
    assert saved.region == "kosovo"
    assert saved.min_severity is Severity.CRITICAL
    assert saved.filter == "gunfire -sport"
    assert (saved.ping_role_id, saved.ping_severity, saved.publish) == (
        on_call.id, Severity.HIGH, True)
    # The preview honours the filter: the critical Kosovo story mentions gunfire.
    assert [e["title"] for e in reply["embeds"]] == ["Kosovo live"]


async def test_a_member_may_set_only_a_ping_they_could_send_themselves(world: World) -> None:
    """Discord's rule: a role that is not mentionable needs Mention Everyone, in the member's
    name as well as the bot's; Manage Channels alone must not make the bot ping it."""
    quiet = world.a.add_role("quiet-role")
    world.alerts.set_overwrite(world.a.everyone, deny=permissions.MENTION_EVERYONE)
    asked = {"region": "balkans", "ping_role": quiet}
    by_manager = await world.run(world.manager, "subscription add", asked)
    assert text_of(by_manager) == (
        f"You can't set <@&{quiet.id}> to be pinged: it isn't mentionable, and you need the "
        f"Mention Everyone permission in <#{world.alerts.id}> to ping it.")
    assert is_private(by_manager)
    by_admin = await world.run(world.a_admin, "subscription add", asked)
    assert text_of(by_admin).startswith(f"I can't ping <@&{quiet.id}>: it isn't mentionable")
    assert await world.store.subscriptions(world.a.id) == []
    # The overwrite reaches the bot on the gateway before the next interaction does.
    world.alerts.set_overwrite(world.a.bot_role, allow=permissions.MENTION_EVERYONE)
    allowed = await world.run(world.a_admin, "subscription add", asked)
    assert "now follows **Balkans**" in text_of(allowed), allowed
    (saved,) = await world.store.subscriptions(world.a.id)
    assert (saved.ping_role_id, saved.ping_set_by) == (quiet.id, world.a_admin.id)
    # A mentionable role is anyone's to ping.
    mentionable = await world.run(world.manager, "subscription add",
                                  {"region": "kosovo", "ping_role": world.on_call})
    assert "now follows **Kosovo**" in text_of(mentionable), mentionable


async def test_subscribing_again_changes_the_settings(world: World) -> None:
    await world.run(world.a_admin, "subscription add", {"region": "balkans"})
    reply = await world.run(world.a_admin, "subscription add",
                            {"region": "balkans", "filter": "cricket"})
    assert "with new settings" in text_of(reply)
    assert "Nothing matching has come in yet" in text_of(reply)
    (saved,) = await world.store.subscriptions(world.a.id)
    assert saved.filter == "cricket"


async def test_a_thread_can_follow_a_region(world: World) -> None:
    reply = await world.run(world.a_admin, "subscription add",
                            {"region": "kosovo", "channel": world.thread})
    assert f"<#{world.thread.id}> now follows **Kosovo**" in text_of(reply), reply


async def test_unknown_region_gets_a_plain_error(world: World) -> None:
    reply = await world.run(world.a_admin, "subscription add", {"region": "atlantis"})
    assert text_of(reply) == "I don't know the region 'atlantis'. Try /regions to browse them."
    assert is_private(reply)


async def test_a_filter_with_a_bad_pattern_is_refused_with_its_reason(world: World) -> None:
    bad = "re:(unclosed"
    with pytest.raises(FilterError) as caught:
        compile_filter(bad)
    reply = await world.run(world.a_admin, "subscription add", {"region": "balkans", "filter": bad})
    assert text_of(reply) == f"That filter doesn't work: {caught.value.reason}"
    assert is_private(reply)
    assert await world.store.subscriptions(world.a.id) == []


async def test_publish_needs_an_announcement_channel(world: World) -> None:
    reply = await world.run(world.a_admin, "subscription add",
                            {"region": "balkans", "publish": True})
    assert text_of(reply).startswith("publish only works in announcement channels")
    assert await world.store.subscriptions(world.a.id) == []


async def test_a_channel_the_bot_cannot_post_embeds_in_is_refused(world: World) -> None:
    reply = await world.run(world.a_admin, "subscription add", {"region": "balkans",
                                                         "channel": world.locked})
    assert text_of(reply) == (f"I can't post alerts in <#{world.locked.id}>: I need the "
                              "Embed Links permission there.")
    assert await world.store.subscriptions(world.a.id) == []


async def test_follow_thread_needs_the_permission_to_open_threads(world: World) -> None:
    world.alerts.set_overwrite(world.a.bot_role, deny=permissions.CREATE_PUBLIC_THREADS)
    reply = await world.run(world.a_admin, "subscription add",
                            {"region": "balkans", "follow": "thread"})
    assert text_of(reply) == (f"I can't open threads in <#{world.alerts.id}>: I need the Create "
                              "Public Threads permission there. Give it, or pick follow:reply.")
    assert await world.store.subscriptions(world.a.id) == []
    await world.run(world.a_admin, "subscription add", {"region": "balkans", "follow": "reply"})
    [sub] = await world.store.subscriptions(world.a.id)
    assert sub.story is StoryMode.REPLY


async def test_subscriptions_lists_them_with_pauses_marked(world: World) -> None:
    await world.run(world.a_admin, "subscription add", {"region": "balkans"})
    added = await world.run(world.a_admin, "subscription add", {
        "region": "kosovo", "channel": world.news, "min_severity": "high", "follow": "thread"})
    assert "high updates and worse, stories in threads" in text_of(added)
    await world.store.pause_channel(world.news.id, "I lost the Send Messages permission")
    reply = await world.run(world.member, "subscription list")
    assert is_private(reply)
    (listing,) = reply["embeds"]
    lines = listing["description"].splitlines()
    assert lines[0] == f"<#{world.alerts.id}> · **Balkans** · every update, stories as replies"
    assert lines[1] == (f"<#{world.news.id}> · **Kosovo** · high updates and worse, "
                        "stories in threads")
    assert "paused: I lost the Send Messages permission" in lines[2]


async def test_unsubscribe_removes_it(world: World) -> None:
    await world.run(world.a_admin, "subscription add", {"region": "balkans"})
    reply = await world.run(world.a_admin, "subscription remove", {"region": "balkans"})
    assert text_of(reply) == f"<#{world.alerts.id}> no longer follows **Balkans**."
    assert await world.store.subscriptions(world.a.id) == []
    again = await world.run(world.a_admin, "subscription remove", {"region": "balkans"})
    assert "doesn't follow Balkans" in text_of(again)


async def test_another_guild_cannot_see_or_remove_a_subscription(world: World) -> None:
    await world.run(world.a_admin, "subscription add", {"region": "balkans"})
    listed = await world.run(world.b_admin, "subscription list")
    assert text_of(listed) == "Nothing in this server follows a region yet; try /subscription add."
    removed = await world.run(world.b_admin, "subscription remove", {"region": "balkans"})
    assert "doesn't follow Balkans" in text_of(removed)
    assert len(await world.store.subscriptions(world.a.id)) == 1


async def test_unsubscribe_suggests_only_this_guilds_regions(world: World) -> None:
    await world.run(world.a_admin, "subscription add", {"region": "balkans"})
    mine = await world.fake.autocomplete(world.a, world.alerts, world.a_admin, "subscription",
                                         {"region": ""}, "region", subcommand="remove")
    assert [c["value"] for c in mine] == ["balkans"]
    general_b = world.b.channel_named("general")
    theirs = await world.fake.autocomplete(world.b, general_b, world.b_admin, "subscription",
                                           {"region": ""}, "region", subcommand="remove")
    assert theirs == []


async def test_another_guilds_channel_cannot_be_picked(world: World) -> None:
    reply = await world.run(world.b_admin, "subscription add", {"region": "balkans",
                                                         "channel": world.alerts})
    assert is_private(reply)
    assert "pick a text channel, announcement channel or thread" in text_of(reply)
    assert await world.store.subscriptions(world.a.id) == []
    assert await world.store.subscriptions(world.b.id) == []


async def test_region_autocomplete_suggests_balkans(world: World) -> None:
    choices = await world.fake.autocomplete(world.a, world.alerts, world.a_admin, "subscription",
                                            {"region": "balk"}, "region", subcommand="add")
    assert choices[0]["value"] == "balkans"
    assert len(choices) <= 25


async def test_server_commands_are_refused_in_direct_messages(world: World) -> None:
    user = world.member.user
    for command, options in [("subscription add", {"region": "balkans"}), ("mute list", {}),
                             ("subscription list", {})]:
        name, subcommand = split(command)
        interaction = await world.fake.invoke(None, None, user, name, options,
                                              subcommand=subcommand)
        body = await interaction.response()
        assert body["data"]["content"] == (
            "This command works in a server, not in direct messages."), command
        assert is_private(body["data"])


# -- /mute add, remove, list ------------------------------------------------------------------


async def test_mute_for_two_hours_then_list_then_unmute(world: World) -> None:
    muted = await world.run(world.moderator, "mute add", {"source": "wire", "duration": "2h",
                                                          "reason": "too many rumours"})
    until = NOW + timedelta(hours=2)
    assert text_of(muted).startswith(
        f"Muted **Example Wire** in this server until <t:{int(until.timestamp())}:R>.")
    (mute,) = await world.store.mutes(world.a.id, NOW)
    assert (mute.source, mute.until, mute.reason, mute.created_by) == (
        "wire", until, "too many rumours", world.moderator.id)
    listed = await world.run(world.moderator, "mute list")
    assert "**Example Wire**" in listed["embeds"][0]["description"]
    assert "too many rumours" in listed["embeds"][0]["description"]
    unmuted = await world.run(world.moderator, "mute remove", {"source": "Example Wire"})
    assert text_of(unmuted).startswith("**Example Wire** is unmuted")
    assert await world.store.mutes(world.a.id, NOW) == []
    assert text_of(await world.run(world.moderator, "mute list")) == (
        "No source is muted in this server.")


async def test_mute_forever_is_the_default(world: World) -> None:
    reply = await world.run(world.moderator, "mute add", {"source": "rumours"})
    assert "for good" in text_of(reply)
    (mute,) = await world.store.mutes(world.a.id, NOW + timedelta(days=3650))
    assert mute.until is None


@pytest.mark.parametrize(("duration", "answer"), [
    ("400d", "A mute lasts from a minute to a year, or forever."),
    ("30s", "A mute lasts from a minute to a year, or forever."),
    ("soon", "I can't read that duration"),
])
async def test_absurd_durations_are_refused(world: World, duration: str, answer: str) -> None:
    reply = await world.run(world.moderator, "mute add", {"source": "wire", "duration": duration})
    assert text_of(reply).startswith(answer)
    assert is_private(reply)
    assert await world.store.mutes(world.a.id, NOW) == []


async def test_unknown_source_and_missing_permission(world: World) -> None:
    unknown = await world.run(world.moderator, "mute add", {"source": "nowhere"})
    assert text_of(unknown) == (
        "I don't know the source 'nowhere'. Try /source list to see them all.")
    refused = await world.run(world.member, "mute add", {"source": "wire"})
    assert text_of(refused) == "You need the Manage Messages permission to do that."
    assert await world.store.mutes(world.a.id, NOW) == []


async def test_another_guild_cannot_see_or_lift_a_mute(world: World) -> None:
    await world.run(world.moderator, "mute add", {"source": "wire"})
    assert text_of(await world.run(world.b_admin, "mute list")) == (
        "No source is muted in this server.")
    lifted = await world.run(world.b_admin, "mute remove", {"source": "wire"})
    assert text_of(lifted) == "Example Wire isn't muted in this server."
    assert len(await world.store.mutes(world.a.id, NOW)) == 1


async def test_source_autocomplete(world: World) -> None:
    choices = await world.fake.autocomplete(world.a, world.alerts, world.moderator, "mute",
                                            {"source": "rum"}, "source", subcommand="add")
    assert [c["value"] for c in choices] == ["rumours"]


async def test_a_server_mutes_its_own_source_by_its_own_name_and_no_other_server_sees_it(
    world: World,
) -> None:
    await world.store.add_follow(world.a.id, "https://town.example/rss", name="Town Hall",
                                 now=NOW)
    choices = await world.fake.autocomplete(world.a, world.alerts, world.moderator, "mute",
                                            {"source": "town"}, "source", subcommand="add")
    assert [c["name"] for c in choices] == ["Town Hall (town-example-rss)"]
    elsewhere = await world.fake.autocomplete(world.b, world.b.channel_named("general"),
                                              world.b_admin, "mute", {"source": "town"},
                                              "source", subcommand="add")
    assert elsewhere == []
    muted = await world.run(world.moderator, "mute add", {"source": "Town Hall"})
    assert text_of(muted).startswith("Muted **Town Hall** in this server for good.")
    assert [m.source for m in await world.store.mutes(world.a.id, NOW)] == ["town-example-rss"]
    refused = await world.run(world.b_admin, "mute add", {"source": "town-example-rss"})
    assert text_of(refused).startswith("I don't know the source 'town-example-rss'")


# -- the old names, kept for one release ------------------------------------------------------

#: old name → (new name, who runs it, options, what to run first by the new names, the answer)
OLD_NAMES: dict[str, tuple[str, str, dict[str, Any], tuple[str, dict[str, Any]] | None, str]] = {
    "subscribe": ("subscription add", "a_admin", {"region": "balkans"}, None,
                  "now follows **Balkans**"),
    "unsubscribe": ("subscription remove", "a_admin", {"region": "balkans"},
                    ("subscription add", {"region": "balkans"}), "no longer follows **Balkans**"),
    "subscriptions": ("subscription list", "member", {}, None,
                      "Nothing in this server follows a region yet; try /subscription add."),
    "unmute": ("mute remove", "moderator", {"source": "wire"}, ("mute add", {"source": "wire"}),
               "**Example Wire** is unmuted"),
    "mutes": ("mute list", "moderator", {}, None, "No source is muted in this server."),
    "sources": ("source list", "member", {}, None, "**Example Wire** · `wire`"),
}


def renamed(old: str, new: str) -> str:
    return f"`/{old}` is now `/{new}`; the old name goes away in the next release."


@pytest.mark.parametrize("old", sorted(OLD_NAMES))
async def test_an_old_name_does_what_the_new_command_does_then_gives_the_new_name(
    world: World, old: str
) -> None:
    new, who, options, before, answer = OLD_NAMES[old]
    member: FakeMember = getattr(world, who)
    if before is not None:
        await world.run(member, *before)
    interaction = await world.fake.invoke(world.a, world.alerts, member, old, options)
    reply = (await interaction.response())["data"]
    assert answer in text_of(reply) + str(reply.get("embeds"))
    assert is_private(reply)
    note = await interaction.followup(0)
    assert note.content == renamed(old, new)
    assert note.flags & EPHEMERAL


async def test_a_new_name_answers_once(world: World) -> None:
    by_new_name = await world.fake.invoke(world.a, world.alerts, world.moderator, "mute", {},
                                          subcommand="list")
    await by_new_name.response()
    by_old_name = await world.fake.invoke(world.a, world.alerts, world.moderator, "mutes", {})
    await by_old_name.followup(0)
    # Both answers went the same way; the new name's, first, came without a note.
    assert by_new_name.followups == []


async def test_an_old_name_refused_still_gives_the_new_name(world: World) -> None:
    interaction = await world.fake.invoke(world.a, world.alerts, world.member, "subscribe",
                                          {"region": "balkans"})
    refusal = (await interaction.response())["data"]
    assert text_of(refusal) == "You need the Manage Channels permission to do that."
    assert is_private(refusal)
    assert (await interaction.followup(0)).content == renamed("subscribe", "subscription add")
    assert await world.store.subscriptions(world.a.id) == []


async def test_an_old_name_keeps_its_autocomplete(world: World) -> None:
    await world.run(world.a_admin, "subscription add", {"region": "kosovo"})
    choices = await world.fake.autocomplete(world.a, world.alerts, world.a_admin, "unsubscribe",
                                            {"region": ""}, "region")
    assert [c["value"] for c in choices] == ["kosovo"]


async def test_the_old_names_are_registered_beside_the_groups(world: World) -> None:
    registered = {c.name: c.payload for c in world.fake.commands()}
    assert {"subscription", "mute", *OLD_NAMES} <= registered.keys()
    for old, (new, *_rest) in OLD_NAMES.items():
        assert registered[old]["description"].endswith(f"(now /{new})"), old


# -- /latest, /search --------------------------------------------------------------------------


async def test_latest_shows_stored_updates_newest_first(world: World) -> None:
    reply = await world.run(world.member, "latest")
    assert not is_private(reply)
    assert [e["title"] for e in reply["embeds"]] == ["Kosovo live", "Unconfirmed",
                                                    "Belgrade talks"]


async def test_latest_works_in_direct_messages(world: World) -> None:
    interaction = await world.fake.invoke(None, None, world.member.user, "latest", {"count": 1})
    body = await interaction.response()
    assert [e["title"] for e in body["data"]["embeds"]] == ["Kosovo live"]


async def test_latest_by_region_and_severity(world: World) -> None:
    reply = await world.run(world.member, "latest", {"region": "kosovo",
                                                     "min_severity": "critical"})
    assert [e["title"] for e in reply["embeds"]] == ["Kosovo live"]
    none = await world.run(world.member, "latest", {"region": "baltics"})
    baltics = world.bot.matcher.region("baltics")
    assert baltics is not None
    assert text_of(none) == f"No updates about {baltics.name} yet."
    assert is_private(none)


async def test_latest_and_search_leave_out_what_the_guild_muted(world: World) -> None:
    await world.run(world.moderator, "mute add", {"source": "rumours"})
    in_a = await world.run(world.member, "latest")
    assert "Rumour Mill" not in sources_shown(in_a)
    assert len(in_a["embeds"]) == 2
    in_b = await world.run(world.b_admin, "latest")
    assert "Rumour Mill" in sources_shown(in_b)
    found_in_a = await world.run(world.member, "search", {"query": "Mitrovica"})
    assert text_of(found_in_a).startswith("No updates match")
    found_in_b = await world.run(world.b_admin, "search", {"query": "Mitrovica"})
    assert [e["title"] for e in found_in_b["embeds"]] == ["Unconfirmed"]


async def test_search_with_region_and_since(world: World) -> None:
    reply = await world.run(world.member, "search", {"query": "border", "region": "balkans",
                                                     "since": "24h"})
    assert [e["title"] for e in reply["embeds"]] == ["Kosovo live"]
    later = await world.run(world.member, "search", {"query": "border", "since": "2024-05-02"})
    assert text_of(later).startswith("No updates match")
    unreadable = await world.run(world.member, "search", {"query": "border", "since": "lately"})
    assert text_of(unreadable).startswith("I can't read “lately” as a time")


NASTY = ['"', 'AND OR', '*', "NEAR(", "border\" OR \"x", "'", "\\", "-", "^", "a" * 200,
         "(" * 200, "Kosovo AND", "🙂", "col:umn", "NOT", "x" * 199 + '"']


async def test_search_with_nasty_input_only_ever_answers_plainly(world: World) -> None:
    # Several members share the queries so the per-user cooldown does not get in the way.
    askers = [world.a.add_member(f"asker{i}") for i in range(len(NASTY) // 4 + 1)]
    for i, query in enumerate(NASTY):
        reply = await world.run(askers[i // 4], "search", {"query": query})
        answer = text_of(reply)
        assert answer, query
        assert not any(word in answer for word in NO_ACCESS_ERRORS), (query, answer)


async def test_latest_has_a_per_user_cooldown(world: World) -> None:
    for _ in range(5):
        assert (await world.run(world.member, "latest"))["embeds"]
    slowed = await world.run(world.member, "latest")
    assert text_of(slowed).startswith("Slow down a little: try again in")
    assert is_private(slowed)
    # Someone else is not slowed down by it.
    assert (await world.run(world.moderator, "latest"))["embeds"]


async def test_a_database_failure_is_answered_plainly(world: World) -> None:
    await world.store.close()
    reply = await world.run(world.member, "latest")
    assert text_of(reply) == "My database is unavailable right now; please try again in a minute."
    assert is_private(reply)


# -- /explain, /regions, /source list --------------------------------------------------------------


async def test_explain_shows_regions_terms_and_severity(world: World) -> None:
    update_id = world.update_ids["Kosovo live"]
    reply = await world.run(world.member, "explain", {"update": update_id})
    assert is_private(reply)
    alert, why = reply["embeds"]
    assert alert["title"] == "Kosovo live"
    fields = {f["name"]: f["value"] for f in why["fields"]}
    kosovo = next(h for h in world.bot.matcher.match(STORIES[2][2], "Kosovo live").hits
                  if h.region == "kosovo")
    assert fields["Regions named"] == "**Kosovo**: " + ", ".join(f"“{t}”" for t in kosovo.terms)
    assert "“Northern Kosovo”" in fields["Regions named"]
    assert fields["Which sit in"] == "Balkans · Europe"
    assert "Gunfire" in fields["Severity: critical"]
    missing = await world.run(world.member, "explain", {"update": 999_999})
    assert text_of(missing) == "I have no update 999999; it may have been pruned."


async def test_regions_top_level_and_children(world: World) -> None:
    top = await world.run(world.member, "regions")
    description = top["embeds"][0]["description"]
    assert "**Europe** · `europe`" in description
    assert "`kosovo`" not in description
    inside = await world.run(world.member, "regions", {"parent": "balkans"})
    assert inside["embeds"][0]["title"].startswith("Regions in Balkans")
    assert "**Kosovo** · `kosovo`" in inside["embeds"][0]["description"]
    unknown = await world.run(world.member, "regions", {"parent": "narnia"})
    assert text_of(unknown).startswith("I don't know the region 'narnia'")


async def test_sources_lists_each_with_its_status(world: World) -> None:
    await world.store.record_failure(
        "rumours", error_kind="http", message="HTTP 503 from the server", status=503,
        now=NOW, next_poll_at=NOW + timedelta(minutes=10),
    )
    await world.store.add_follow(world.a.id, "https://town.example/rss", name="Town Hall",
                                 now=NOW)
    reply = await world.run(world.member, "source list")
    assert is_private(reply)
    description = reply["embeds"][0]["description"]
    assert "**Example Wire** · `wire` · the operator's · ok" in description
    assert ("**Rumour Mill** · `rumours` · the operator's · failing (1 in a row)"
            in description)
    assert "last error: HTTP 503 from the server" in description
    assert ("**Town Hall** · `town-example-rss` · this server's · waiting for its first poll"
            in description)
    other = await world.run(world.b_admin, "source list")
    assert "Town Hall" not in other["embeds"][0]["description"]
