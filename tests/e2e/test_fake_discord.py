"""The fake Discord, driven by the real discord.py client.

Each test starts a throwaway ``commands.Bot`` whose slash commands echo what discord.py
resolved, so an assertion on the fake's record proves both sides of the wire agree.
"""

from __future__ import annotations

import asyncio
import io
import json

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands
from discord.http import Route

from tests.e2e.conftest import MakeFake, RunClient, running
from tests.fakes.discord import (
    ANNOUNCEMENT,
    PUBLIC_THREAD,
    CommandNotRegistered,
    FakeDiscord,
    FakeGuild,
    RateLimits,
    openapi,
    permissions,
)

REGIONS = ["balkans", "baltics", "kosovo", "sahel"]
MESSAGES = "POST /channels/{channel_id}/messages"


class EchoBot(commands.Bot):
    """A bot whose commands say back what discord.py parsed; syncs to one guild or globally."""

    def __init__(
        self, sync_guild: FakeGuild | None = None, *, members_intent: bool = False
    ) -> None:
        intents = discord.Intents.default()
        intents.members = members_intent
        super().__init__(command_prefix="!", intents=intents, guild_ready_timeout=0.1)
        self.sync_guild = sync_guild
        self.seen: list[discord.Interaction] = []

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Re-IDENTIFY at once; discord.py's default waits 5 s, which is for real Discord."""

    async def setup_hook(self) -> None:
        tree = self.tree

        @tree.command(description="Follow a region in a channel")
        @app_commands.describe(region="Region to follow", channel="Where to post")
        async def subscribe(
            interaction: discord.Interaction,
            region: str,
            channel: discord.TextChannel,
            min_severity: app_commands.Range[int, 0, 3] = 0,
            role: discord.Role | None = None,
        ) -> None:
            self.seen.append(interaction)
            role_text = role.name if role is not None else "-"
            await interaction.response.send_message(
                f"{region}|{channel.id}|{min_severity}|{role_text}", ephemeral=True
            )
            await interaction.followup.send(f"now following {region}")

        @subscribe.autocomplete("region")
        async def region_choices(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name=r, value=r) for r in REGIONS if r.startswith(current)]

        @tree.command(description="Latest updates, slowly")
        async def latest(interaction: discord.Interaction, count: int = 3) -> None:
            self.seen.append(interaction)
            await interaction.response.defer(thinking=True)
            await interaction.followup.send(f"{count} updates", embed=discord.Embed(title="Latest"))

        @tree.command(description="Point at a channel or thread")
        async def where(
            interaction: discord.Interaction, place: discord.TextChannel | discord.Thread
        ) -> None:
            kind = "thread" if isinstance(place, discord.Thread) else "channel"
            await interaction.response.send_message(f"{kind}|{place.id}|{place.name}")

        @tree.command(description="Shout a file back")
        async def upper(interaction: discord.Interaction, file: discord.Attachment) -> None:
            self.seen.append(interaction)
            data = await file.read()  # from the attachment's URL, as from Discord's CDN
            await interaction.response.send_message(
                "shouted", file=discord.File(io.BytesIO(data.upper()), file.filename.upper()),
                ephemeral=True,
            )

        @tree.command(description="Never answers; the test answers by hand")
        async def silent(interaction: discord.Interaction) -> None:
            self.seen.append(interaction)

        @tree.command(description="Who am I")
        async def whoami(interaction: discord.Interaction) -> None:
            self.seen.append(interaction)
            where = "dm" if interaction.guild is None else "guild"
            await interaction.response.send_message(f"{interaction.user.id}|{where}")

        if self.sync_guild is not None:
            guild = discord.Object(self.sync_guild.id)
            tree.copy_global_to(guild=guild)
            tree.clear_commands(guild=None)
            await tree.sync(guild=guild)
        else:
            await tree.sync()


def _channel(bot: commands.Bot, channel_id: int) -> discord.TextChannel | discord.Thread:
    channel = bot.get_channel(channel_id)
    assert isinstance(channel, discord.TextChannel | discord.Thread)
    return channel


# -- login, sync, READY -----------------------------------------------------------------------


async def test_login_sync_ready_and_guild_create(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    desk = guild.add_channel("desk")
    editor = guild.add_role("Editor", permissions.MANAGE_GUILD)
    member = guild.add_member("ana", roles=[editor])
    async with run_client(EchoBot(members_intent=True)) as bot:
        assert bot.user is not None and bot.user.id == fake_discord.bot_user.id
        assert bot.application_id == fake_discord.application_id
        cached = bot.get_guild(guild.id)
        assert cached is not None
        assert guild.system_channel is not None
        assert {c.id for c in cached.text_channels} == {guild.system_channel.id, desk.id}
        assert cached.me.id == fake_discord.bot_user.id
        cached_member = cached.get_member(member.id)
        assert cached_member is not None
        assert editor.id in {r.id for r in cached_member.roles}
        assert cached.default_role.id == guild.id
    assert sorted(c.name for c in fake_discord.commands()) == [
        "latest",
        "silent",
        "subscribe",
        "upper",
        "where",
        "whoami",
    ]
    assert fake_discord.identifies == 1
    assert fake_discord.unknown_routes == []


async def test_guild_sync_registers_per_guild(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    async with run_client(EchoBot(sync_guild=guild)):
        pass
    assert fake_discord.commands() == []
    assert {c.name for c in fake_discord.commands(guild)} == {
        "latest",
        "silent",
        "subscribe",
        "upper",
        "where",
        "whoami",
    }


async def test_wrong_token_is_login_failure(fake_discord: FakeDiscord) -> None:
    bot = EchoBot()
    with pytest.raises(discord.LoginFailure):
        await bot.start("not-the-token")
    await bot.close()


async def test_invalid_command_body_is_50035(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    fake_discord.add_guild("Newsroom")
    async with run_client(EchoBot()) as bot:
        bad = [{"name": "Bad Name", "description": "x" * 101, "type": 1}]
        with pytest.raises(discord.HTTPException) as caught:
            await bot.http.bulk_upsert_global_commands(fake_discord.application_id, bad)
    assert caught.value.status == 400 and caught.value.code == 50035
    assert "Command name is invalid" in caught.value.text
    assert "Must be between 1 and 100 in length." in caught.value.text


# -- interactions -----------------------------------------------------------------------------


async def test_slash_command_resolves_options_and_answers_ephemerally(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    desk = guild.add_channel("desk")
    pings = guild.add_role("alerts", mentionable=True)
    member = guild.add_member("ana")
    assert guild.system_channel is not None
    async with run_client(EchoBot()):
        interaction = await fake_discord.invoke(
            guild,
            guild.system_channel,
            member,
            "subscribe",
            {"region": "kosovo", "channel": desk, "min_severity": 2, "role": pings},
        )
        body = await interaction.response()
        followup = await interaction.followup()
    assert body["type"] == 4
    assert body["data"]["flags"] & 64
    assert body["data"]["content"] == f"kosovo|{desk.id}|2|alerts"
    assert followup.content == "now following kosovo" and not followup.ephemeral
    # The ephemeral answer stays out of the channel; the public followup lands in it.
    assert [m.content for m in fake_discord.messages(guild.system_channel)] == [
        "now following kosovo"
    ]


async def test_thread_and_channel_options_resolve(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    parent = guild.add_channel("live")
    thread = guild.add_channel("kosovo live", PUBLIC_THREAD, parent=parent)
    member = guild.add_member("ana")
    async with run_client(EchoBot()):
        answers = []
        for place in (parent, thread):
            interaction = await fake_discord.invoke(
                guild, parent, member, "where", {"place": place}
            )
            answers.append((await interaction.response())["data"]["content"])
    assert answers == [f"channel|{parent.id}|live", f"thread|{thread.id}|kosovo live"]


async def test_deferred_answer_settles_through_first_followup(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    member = guild.add_member("ana")
    assert guild.system_channel is not None
    async with run_client(EchoBot()):
        interaction = await fake_discord.invoke(
            guild, guild.system_channel, member, "latest", {"count": 5}
        )
        assert (await interaction.response())["type"] == 5
        final = await interaction.final_message()
    assert final.content == "5 updates"
    assert final.embeds[0]["title"] == "Latest"
    assert interaction.followups == []
    assert len(fake_discord.messages(guild.system_channel)) == 1


async def test_an_attached_file_is_downloaded_and_a_file_reply_is_stored(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    member = guild.add_member("ana")
    assert guild.system_channel is not None
    upload = fake_discord.attachment("feeds.opml", b"<opml/>", "text/x-opml")
    async with run_client(EchoBot()):
        interaction = await fake_discord.invoke(guild, guild.system_channel, member, "upper",
                                                {"file": upload})
        body = await interaction.response()
    assert fake_discord.downloads(upload) == 1
    assert body["data"]["content"] == "shouted" and body["data"]["flags"] & 64
    assert interaction.original is not None
    (stored,) = interaction.original.attachments
    assert (stored.filename, stored.data) == ("FEEDS.OPML", b"<OPML/>")
    resolved = interaction.payload["data"]["resolved"]["attachments"][str(upload.id)]
    if openapi.available():
        assert openapi.problems("AttachmentResponse", resolved) == []
        assert openapi.problems("AttachmentResponse", stored.to_json()) == []


@pytest.mark.skipif(not openapi.available(), reason="needs ../shared/discord-api-spec")
@pytest.mark.parametrize(("payload", "where"), [
    # Discord's spec: tts is a boolean (message_body in validate.py does not look at it).
    ({"type": 4, "data": {"content": "x", "tts": "yes"}}, ["data", "tts"]),
    # An attachments entry must name a files[n] part that was sent.
    ({"type": 4, "data": {"content": "x", "attachments": [{"id": 1}]}},
     ["data", "attachments", "0", "id"]),
])
async def test_an_upload_discord_would_refuse_is_400_50035(
    fake_discord: FakeDiscord, run_client: RunClient, payload: dict[str, object],
    where: list[str],
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    member = guild.add_member("ana")
    assert guild.system_channel is not None
    async with run_client(EchoBot()):
        interaction = await fake_discord.invoke(guild, guild.system_channel, member, "silent")
        form = aiohttp.FormData()
        form.add_field("payload_json", json.dumps(payload), content_type="application/json")
        form.add_field("files[0]", b"abc", filename="a.txt", content_type="text/plain")
        url = f"{fake_discord.api_base}/interactions/{interaction.id}/{interaction.token}/callback"
        async with aiohttp.ClientSession() as session, session.post(url, data=form) as resp:
            status, body = resp.status, await resp.json()
    assert (status, body["code"]) == (400, 50035)
    node = body["errors"]
    for key in where:
        node = node[key]
    assert node["_errors"]
    assert interaction.callbacks == []


async def test_member_permissions_reach_the_interaction(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    admin = guild.add_member("root", admin=True)
    plain = guild.add_member("ana")
    assert guild.system_channel is not None
    async with run_client(EchoBot()) as bot:
        for member in (admin, plain):
            answered = await fake_discord.invoke(guild, guild.system_channel, member, "whoami")
            await answered.response()
    seen = {i.user.id: i for i in bot.seen}
    assert seen[admin.id].permissions.administrator
    assert not seen[plain.id].permissions.manage_guild
    assert seen[plain.id].app_permissions.embed_links


async def test_dm_invocation_has_a_user_not_a_member(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    fake_discord.add_guild("Newsroom")
    stranger = fake_discord.add_user("visitor")
    async with run_client(EchoBot()):
        interaction = await fake_discord.invoke(None, None, stranger, "whoami")
        body = await interaction.response()
    assert "guild_id" not in interaction.payload and "member" not in interaction.payload
    assert body["data"]["content"] == f"{stranger.id}|dm"


async def test_autocomplete_round_trip(fake_discord: FakeDiscord, run_client: RunClient) -> None:
    guild = fake_discord.add_guild("Newsroom")
    member = guild.add_member("ana")
    async with run_client(EchoBot()):
        choices = await fake_discord.autocomplete(
            guild, guild.system_channel, member, "subscribe", {"region": "ba"}, "region"
        )
    assert [c["value"] for c in choices] == ["balkans", "baltics"]


async def test_unregistered_command_fails_in_the_test(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    member = guild.add_member("ana")
    async with run_client(EchoBot()):
        with pytest.raises(CommandNotRegistered, match="mute"):
            await fake_discord.invoke(guild, guild.system_channel, member, "mute")


# -- channel messages -------------------------------------------------------------------------


async def test_send_with_embeds_is_stored_and_echoed(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    assert guild.system_channel is not None
    async with run_client(EchoBot()) as bot:
        embed = discord.Embed(title="Kosovo", description="Gunfire reported")
        embed.add_field(name="Severity", value="critical")
        sent = await _channel(bot, guild.system_channel.id).send(embed=embed)
    [stored] = fake_discord.messages(guild.system_channel)
    assert sent.id == stored.id
    assert stored.embeds[0]["title"] == "Kosovo"
    assert stored.embeds[0]["fields"] == [{"name": "Severity", "value": "critical", "inline": True}]
    assert sent.embeds[0].description == "Gunfire reported"


async def test_same_nonce_posts_once(fake_discord: FakeDiscord, run_client: RunClient) -> None:
    guild = fake_discord.add_guild("Newsroom")
    assert guild.system_channel is not None
    channel_id = guild.system_channel.id
    body = {"content": "update 17", "nonce": "delivery-17", "enforce_nonce": True}
    async with run_client(EchoBot()) as bot:
        route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)
        first = await bot.http.request(route, json=body)
        route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)
        second = await bot.http.request(route, json=body)
    assert first["id"] == second["id"]
    assert len(fake_discord.messages(channel_id)) == 1


async def test_embed_over_the_limit_is_400_50035(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    assert guild.system_channel is not None
    async with run_client(EchoBot()) as bot:
        with pytest.raises(discord.HTTPException) as caught:
            await _channel(bot, guild.system_channel.id).send(embed=discord.Embed(title="t" * 257))
    assert caught.value.status == 400 and caught.value.code == 50035
    assert "256 or fewer" in caught.value.text
    assert fake_discord.messages(guild.system_channel) == []


async def test_missing_send_permission_is_forbidden(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    locked = guild.add_channel("locked")
    locked.set_overwrite(guild.bot_role, deny=permissions.SEND_MESSAGES)
    async with run_client(EchoBot()) as bot:
        with pytest.raises(discord.Forbidden) as caught:
            await _channel(bot, locked.id).send("hello")
    assert caught.value.code == 50013
    assert fake_discord.messages(locked) == []


async def test_thread_needs_send_in_threads(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    parent = guild.add_channel("live")
    thread = guild.add_channel("kosovo live", PUBLIC_THREAD, parent=parent)
    guild.bot_role.permissions &= ~permissions.SEND_MESSAGES_IN_THREADS
    guild.everyone.permissions &= ~permissions.SEND_MESSAGES_IN_THREADS
    async with run_client(EchoBot()) as bot:
        await _channel(bot, parent.id).send("fine in the parent")
        with pytest.raises(discord.Forbidden):
            await bot.get_partial_messageable(thread.id).send("not in the thread")
    assert len(fake_discord.messages(parent)) == 1 and fake_discord.messages(thread) == []


async def test_unknown_channel_is_not_found(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    fake_discord.add_guild("Newsroom")
    async with run_client(EchoBot()) as bot:
        with pytest.raises(discord.NotFound) as caught:
            await bot.get_partial_messageable(1_234_567_890_123_456_789).send("hello")
    assert caught.value.code == 10003


async def test_mentions_in_text_ping_unless_allowed_mentions_say_no(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    role = guild.add_role("alerts", mentionable=True)
    member = guild.add_member("ana")
    channel = guild.system_channel
    assert channel is not None
    text = f"@everyone <@&{role.id}> <@{member.id}> shelling reported"
    async with run_client(EchoBot()) as bot:
        target = _channel(bot, channel.id)
        await target.send(text)
        await target.send(text, allowed_mentions=discord.AllowedMentions.none())
    loud, quiet = fake_discord.messages(channel)
    assert loud.pinged_everyone and loud.pinged_roles == {role.id}
    assert loud.pinged_users == {member.id}
    assert not quiet.pinged_everyone and not quiet.pinged_roles and not quiet.pinged_users


async def test_crosspost_only_in_announcement_channels(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    news = guild.add_channel("news", ANNOUNCEMENT)
    assert guild.system_channel is not None
    async with run_client(EchoBot()) as bot:
        announced = await _channel(bot, news.id).send("published")
        await announced.publish()
        plain = await _channel(bot, guild.system_channel.id).send("not publishable")
        with pytest.raises(discord.HTTPException) as caught:
            await plain.publish()
    assert fake_discord.messages(news)[0].crossposted
    assert caught.value.code == 50024


async def test_history_is_newest_first(fake_discord: FakeDiscord, run_client: RunClient) -> None:
    guild = fake_discord.add_guild("Newsroom")
    assert guild.system_channel is not None
    async with run_client(EchoBot()) as bot:
        channel = _channel(bot, guild.system_channel.id)
        for n in range(5):
            await channel.send(f"update {n}")
        newest = [m.content async for m in channel.history(limit=3)]
        oldest = [m.content async for m in channel.history(limit=2, oldest_first=True)]
    assert newest == ["update 4", "update 3", "update 2"]
    assert oldest == ["update 0", "update 1"]


# -- faults -----------------------------------------------------------------------------------


async def test_injected_429_is_ridden_out(fake_discord: FakeDiscord, run_client: RunClient) -> None:
    guild = fake_discord.add_guild("Newsroom")
    assert guild.system_channel is not None
    fake_discord.fail_next(MESSAGES, 429, retry_after=0.2)
    async with run_client(EchoBot()) as bot:
        await _channel(bot, guild.system_channel.id).send("after the limit")
    assert len(fake_discord.messages(guild.system_channel)) == 1
    assert sum(fake_discord.rate_limited_count.values()) == 1


async def test_single_500_is_retried(fake_discord: FakeDiscord, run_client: RunClient) -> None:
    guild = fake_discord.add_guild("Newsroom")
    assert guild.system_channel is not None
    fake_discord.fail_next(MESSAGES, 500)
    async with run_client(EchoBot()) as bot:
        await _channel(bot, guild.system_channel.id).send("after the outage")
    assert len(fake_discord.messages(guild.system_channel)) == 1
    posts = [r for r in fake_discord.requests if r.method == "POST" and "/messages" in r.path]
    assert len(posts) == 2


async def test_stalled_send_is_stored_though_the_client_gives_up(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    assert guild.system_channel is not None
    fake_discord.stall_next(MESSAGES)
    async with run_client(EchoBot()) as bot:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.3):
                await _channel(bot, guild.system_channel.id).send("did this arrive?")
        fake_discord.release_stalled()
    assert [m.content for m in fake_discord.messages(guild.system_channel)] == ["did this arrive?"]


async def test_realistic_buckets_let_discord_py_pace_itself(
    fake_discord_factory: MakeFake,
) -> None:
    fake = await fake_discord_factory(rate_limits=RateLimits(message_limit=2, message_period=0.3))
    guild = fake.add_guild("Newsroom")
    assert guild.system_channel is not None
    async with running(EchoBot(), fake.token) as bot:
        channel = _channel(bot, guild.system_channel.id)
        for n in range(5):
            await channel.send(f"update {n}")
    assert [m.content for m in fake.messages(guild.system_channel)] == [
        f"update {n}" for n in range(5)
    ]
    # The bucket headers alone kept discord.py under the limit: it never saw a 429.
    assert sum(fake.rate_limited_count.values()) == 0


# -- gateway ----------------------------------------------------------------------------------


async def test_dispatch_during_outage_arrives_after_resume(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    member = guild.add_member("ana")
    async with run_client(EchoBot()):
        async with fake_discord.gateway_outage():
            interaction = await fake_discord.invoke(guild, guild.system_channel, member, "whoami")
            assert not interaction.acknowledged
        body = await interaction.response()
    assert body["data"]["content"] == f"{member.id}|guild"
    assert fake_discord.resumes == 1 and fake_discord.identifies == 1


async def test_plain_drop_resumes(fake_discord: FakeDiscord, run_client: RunClient) -> None:
    guild = fake_discord.add_guild("Newsroom")
    member = guild.add_member("ana")
    async with run_client(EchoBot()):
        await fake_discord.drop_gateway(1000)
        await fake_discord.wait_until(lambda: fake_discord.resumes == 1, "a RESUME")
        interaction = await fake_discord.invoke(guild, guild.system_channel, member, "whoami")
        await interaction.response()
    assert fake_discord.identifies == 1


async def test_invalid_session_forces_a_fresh_identify(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    member = guild.add_member("ana")
    async with run_client(EchoBot()) as bot:
        await fake_discord.invalidate_session()
        await fake_discord.wait_until(lambda: fake_discord.identifies == 2, "a second IDENTIFY")
        await fake_discord.wait_until(lambda: fake_discord.gateway.connected == 1, "reconnect")
        interaction = await fake_discord.invoke(guild, guild.system_channel, member, "whoami")
        await interaction.response()
        assert bot.get_guild(guild.id) is not None
    assert fake_discord.resumes == 0


async def test_objects_added_while_connected_reach_the_cache(
    fake_discord: FakeDiscord, run_client: RunClient
) -> None:
    guild = fake_discord.add_guild("Newsroom")
    async with run_client(EchoBot()) as bot:
        # wait_for registers at call time, so nothing dispatched after this line is missed.
        joined = bot.wait_for("guild_join", check=lambda g: g.name == "Late joiner", timeout=5)
        created = bot.wait_for(
            "guild_channel_create", check=lambda c: c.name == "breaking", timeout=5
        )
        later = fake_discord.add_guild("Late joiner")
        channel = guild.add_channel("breaking")
        joined_guild, new_channel = await asyncio.gather(joined, created)
    assert joined_guild.id == later.id and new_channel.id == channel.id
