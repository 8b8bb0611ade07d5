"""The fake Discord at the wire: what a raw HTTP or websocket client sees.

These pin the Discord behaviours discord.py hides (exact error bodies, headers, the nonce
window under a moved clock, bucket arithmetic), so the fake stays honest where the e2e tests
with the real client cannot look.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from multidict import CIMultiDictProxy

from tests.fakes.discord import (
    PUBLIC_THREAD,
    FakeDiscord,
    FakeGuild,
    InvalidInvocation,
    RateLimits,
    permissions,
)
from tests.fakes.discord.openapi import available, problems


class Clock:
    """Epoch seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def fake(clock: Clock) -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(clock=clock) as started:
        yield started


@pytest.fixture
async def http(fake: FakeDiscord) -> AsyncIterator[aiohttp.ClientSession]:
    headers = {"Authorization": f"Bot {fake.token}"}
    async with aiohttp.ClientSession(fake.api_base + "/", headers=headers) as session:
        yield session


async def _post(
    http: aiohttp.ClientSession, channel_id: int, body: dict[str, Any]
) -> tuple[int, Any, CIMultiDictProxy[str]]:
    async with http.post(f"channels/{channel_id}/messages", json=body) as response:
        return response.status, await response.json(), response.headers


def _general(guild: FakeGuild) -> int:
    assert guild.system_channel is not None
    return guild.system_channel.id


# -- the edge ---------------------------------------------------------------------------------


async def test_unknown_route_is_discords_404_and_recorded(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    async with http.get("voice/regions") as response:
        assert response.status == 404
        assert response.headers["Content-Type"] == "application/json"
        assert await response.json() == {"message": "404: Not Found", "code": 0}
    assert fake.unknown_routes == ["GET /voice/regions"]


async def test_wrong_token_is_401(fake: FakeDiscord) -> None:
    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": "Bot nope"}
        async with session.get(fake.api_base + "/users/@me", headers=headers) as response:
            assert response.status == 401


async def test_gateway_closes_4004_on_a_bad_token(fake: FakeDiscord) -> None:
    async with aiohttp.ClientSession() as session, session.ws_connect(fake.gateway_url) as ws:
        hello = await ws.receive_json()
        assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] > 0
        await ws.send_json({"op": 2, "d": {"token": "nope", "intents": 513, "properties": {}}})
        closing = await ws.receive()
        assert closing.type == aiohttp.WSMsgType.CLOSE
    assert ws.close_code == 4004
    assert fake.identifies == 0


# -- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "path", "error_code"),
    [
        ({"content": "x" * 2001}, ["content"], "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"title": "t"}] * 11}, ["embeds"], "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"description": "d" * 4097}]}, ["embeds", "0", "description"], None),
        ({"embeds": [{"footer": {"text": "f" * 2049}}]}, ["embeds", "0", "footer", "text"], None),
        ({"embeds": [{"author": {"name": "a" * 257}}]}, ["embeds", "0", "author", "name"], None),
        (
            {"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]},
            ["embeds", "0", "fields"],
            None,
        ),
        (
            {"embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]},
            ["embeds", "0", "fields", "0", "value"],
            None,
        ),
        (
            {"embeds": [{"description": "d" * 4000}, {"description": "d" * 2001}]},
            ["embeds"],
            "MAX_EMBED_SIZE_EXCEEDED",
        ),
        (
            {"content": "x", "allowed_mentions": {"parse": ["users"], "users": ["1" * 18]}},
            ["allowed_mentions"],
            "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
        ),
        (
            {"content": "x", "allowed_mentions": {"parse": ["channels"]}},
            ["allowed_mentions", "parse", "0"],
            "BASE_TYPE_CHOICES",
        ),
    ],
)
async def test_bad_message_bodies_are_50035_at_the_right_path(
    fake: FakeDiscord,
    http: aiohttp.ClientSession,
    body: dict[str, Any],
    path: list[str],
    error_code: str | None,
) -> None:
    guild = fake.add_guild("Newsroom")
    status, data, _ = await _post(http, _general(guild), body)
    assert status == 400 and data["code"] == 50035
    node = data["errors"]
    for key in path:
        node = node[key]
    if error_code is not None:
        assert [e["code"] for e in node["_errors"]] == [error_code]
    assert fake.messages(_general(guild)) == []


async def test_a_message_needs_content_or_embeds(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    status, data, _ = await _post(http, _general(guild), {"content": ""})
    assert (status, data["code"]) == (400, 50006)


async def test_largest_legal_embed_set_is_accepted(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    embeds = [{"description": "d" * 4096}, {"title": "t" * 256, "description": "d" * 1648}]
    status, data, _ = await _post(http, _general(guild), {"embeds": embeds})
    assert status == 200, data
    assert len(fake.messages(_general(guild))) == 1


# -- nonce ------------------------------------------------------------------------------------


async def test_nonce_window_follows_the_injected_clock(
    fake: FakeDiscord, http: aiohttp.ClientSession, clock: Clock
) -> None:
    channel = _general(fake.add_guild("Newsroom"))
    body = {"content": "update", "nonce": "d-1", "enforce_nonce": True}
    first = (await _post(http, channel, body))[1]
    clock.now += 299
    within = (await _post(http, channel, body))[1]
    clock.now += 2
    after = (await _post(http, channel, body))[1]
    assert within["id"] == first["id"]
    assert after["id"] != first["id"]
    assert len(fake.messages(channel)) == 2


async def test_nonce_without_enforce_does_not_dedupe(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    channel = _general(fake.add_guild("Newsroom"))
    for _ in range(2):
        await _post(http, channel, {"content": "update", "nonce": "d-1"})
    assert len(fake.messages(channel)) == 2


async def test_nonce_of_a_deleted_message_is_not_found(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    channel = _general(fake.add_guild("Newsroom"))
    body = {"content": "update", "nonce": "d-1", "enforce_nonce": True}
    first = (await _post(http, channel, body))[1]
    async with http.delete(f"channels/{channel}/messages/{first['id']}") as response:
        assert response.status == 204
    status, data, _ = await _post(http, channel, body)
    assert (status, data["code"]) == (404, 10008)


# -- permissions and mentions -----------------------------------------------------------------


def test_overwrites_apply_everyone_then_roles_then_member() -> None:
    fake = FakeDiscord()
    guild = fake.add_guild("Newsroom")
    desk = guild.add_channel("desk")
    reporters = guild.add_role("reporters")
    ana = guild.add_member("ana", roles=[reporters])
    bob = guild.add_member("bob", roles=[reporters])
    send = permissions.SEND_MESSAGES
    desk.set_overwrite(guild.everyone, deny=send)
    assert not desk.permissions_for(ana) & send
    desk.set_overwrite(reporters, allow=send)
    assert desk.permissions_for(ana) & send
    desk.set_overwrite(bob, deny=send)
    assert not desk.permissions_for(bob) & send and desk.permissions_for(ana) & send
    desk.set_overwrite(guild.everyone, deny=permissions.VIEW_CHANNEL)
    assert desk.permissions_for(ana) == 0
    root = guild.add_member("root", admin=True)
    assert desk.permissions_for(root) & send


async def test_hidden_channel_is_missing_access(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    hidden = guild.add_channel("mods")
    hidden.set_overwrite(guild.bot_role, deny=permissions.VIEW_CHANNEL)
    status, data, _ = await _post(http, hidden.id, {"content": "x"})
    assert (status, data["code"]) == (403, 50001)


async def test_embeds_need_embed_links(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    guild = fake.add_guild("Newsroom")
    guild.bot_role.permissions &= ~permissions.EMBED_LINKS
    guild.everyone.permissions &= ~permissions.EMBED_LINKS
    status, data, _ = await _post(http, _general(guild), {"embeds": [{"title": "t"}]})
    assert (status, data["code"]) == (403, 50013)
    status, _, _ = await _post(http, _general(guild), {"content": "plain text is fine"})
    assert status == 200


async def test_non_mentionable_role_needs_mention_everyone(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    quiet = guild.add_role("staff")
    guild.everyone.permissions &= ~permissions.MENTION_EVERYONE
    text = f"@here <@&{quiet.id}>"
    await _post(http, _general(guild), {"content": text})
    guild.bot_role.permissions |= permissions.MENTION_EVERYONE
    await _post(http, _general(guild), {"content": text})
    without, with_permission = fake.messages(_general(guild))
    assert not without.pinged_everyone and not without.pinged_roles
    assert with_permission.pinged_everyone and with_permission.pinged_roles == {quiet.id}


async def test_allowed_mentions_lists_ping_only_the_listed(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    ana, bob = guild.add_member("ana"), guild.add_member("bob")
    body = {
        "content": f"<@{ana.id}> <@!{bob.id}> @everyone",
        "allowed_mentions": {"parse": [], "users": [str(bob.id)]},
    }
    status, data, _ = await _post(http, _general(guild), body)
    assert status == 200
    [message] = fake.messages(_general(guild))
    assert message.pinged_users == {bob.id} and not message.pinged_everyone
    assert [u["id"] for u in data["mentions"]] == [str(bob.id)]


# -- history ----------------------------------------------------------------------------------


async def test_history_pages_newest_first(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    channel = _general(fake.add_guild("Newsroom"))
    ids = [(await _post(http, channel, {"content": str(n)}))[1]["id"] for n in range(6)]

    async def page(query: str) -> list[str]:
        async with http.get(f"channels/{channel}/messages?{query}") as response:
            return [m["content"] for m in await response.json()]

    assert await page("limit=2") == ["5", "4"]
    assert await page(f"before={ids[3]}&limit=2") == ["2", "1"]
    assert await page(f"after={ids[1]}&limit=2") == ["3", "2"]
    async with http.get(f"channels/{channel}/messages?limit=101") as response:
        assert response.status == 400


# -- faults and rate limits -------------------------------------------------------------------


async def test_injected_errors_target_one_route_and_count(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    other = guild.add_channel("other")
    fake.fail_next(f"POST /channels/{_general(guild)}/messages", 503, count=2)
    assert (await _post(http, other.id, {"content": "x"}))[0] == 200
    assert (await _post(http, _general(guild), {"content": "x"}))[0] == 503
    assert (await _post(http, _general(guild), {"content": "x"}))[0] == 503
    assert (await _post(http, _general(guild), {"content": "x"}))[0] == 200


async def test_injected_global_429_has_discords_shape(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    fake.fail_next("GET /users/@me", 429, retry_after=1.5, global_=True)
    async with http.get("users/@me") as response:
        assert response.status == 429
        assert response.headers["Via"]
        assert response.headers["X-RateLimit-Scope"] == "global"
        assert response.headers["X-RateLimit-Global"] == "true"
        assert await response.json() == {
            "message": "You are being rate limited.",
            "retry_after": 1.5,
            "global": True,
        }
    assert fake.rate_limited_count["GET /users/@me"] == 1


async def test_message_bucket_is_five_per_five_seconds_per_channel(clock: Clock) -> None:
    async with (
        FakeDiscord(clock=clock, rate_limits=RateLimits()) as fake,
        aiohttp.ClientSession(
            fake.api_base + "/", headers={"Authorization": f"Bot {fake.token}"}
        ) as http,
    ):
        guild = fake.add_guild("Newsroom")
        other = guild.add_channel("other").id
        remaining = []
        for _ in range(5):
            status, _, headers = await _post(http, _general(guild), {"content": "x"})
            assert status == 200
            remaining.append(headers["X-RateLimit-Remaining"])
        assert remaining == ["4", "3", "2", "1", "0"]
        status, body, headers = await _post(http, _general(guild), {"content": "x"})
        assert status == 429 and body["global"] is False
        assert headers["X-RateLimit-Scope"] == "user"
        assert 0 < body["retry_after"] <= 5
        assert (await _post(http, other, {"content": "x"}))[0] == 200
        clock.now += 5
        assert (await _post(http, _general(guild), {"content": "x"}))[0] == 200
        assert sum(fake.rate_limited_count.values()) == 1


async def test_global_limit_spans_routes(clock: Clock) -> None:
    async with (
        FakeDiscord(clock=clock, rate_limits=RateLimits(global_limit=3)) as fake,
        aiohttp.ClientSession(
            fake.api_base + "/", headers={"Authorization": f"Bot {fake.token}"}
        ) as http,
    ):
        for path in ("users/@me", "oauth2/applications/@me", "users/@me"):
            async with http.get(path) as response:
                assert response.status == 200
                assert response.headers["X-RateLimit-Bucket"]
        async with http.get("gateway/bot") as response:
            assert response.status == 429
            assert (await response.json())["global"] is True


# -- interactions at the wire -----------------------------------------------------------------


async def _register(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    commands = [
        {
            "name": "subscribe",
            "description": "Follow a region",
            "options": [
                {"name": "region", "description": "Region", "type": 3, "required": True},
                {
                    "name": "severity",
                    "description": "Minimum",
                    "type": 4,
                    "choices": [{"name": "low", "value": 0}, {"name": "high", "value": 2}],
                },
                {"name": "channel", "description": "Where", "type": 7, "channel_types": [0]},
            ],
        },
        {
            "name": "mute",
            "description": "Mute things",
            "options": [
                {
                    "name": "source",
                    "description": "Mute a source",
                    "type": 1,
                    "options": [
                        {"name": "id", "description": "Source id", "type": 3, "required": True}
                    ],
                }
            ],
        },
    ]
    async with http.put(f"applications/{fake.application_id}/commands", json=commands) as resp:
        assert resp.status == 200, await resp.text()


@pytest.mark.parametrize(
    ("command", "options", "subcommand", "complaint"),
    [
        ("subscribe", {}, None, "missing required options"),
        ("subscribe", {"region": "x", "severity": 1}, None, "not one of the choices"),
        ("subscribe", {"region": 7}, None, "not a value a user could give"),
        ("subscribe", {"region": "x", "colour": "red"}, None, "has no option 'colour'"),
        ("subscribe", {"region": "x", "channel": "thread"}, None, "takes channel types"),
        ("mute", {"id": "feed"}, None, "needs a subcommand"),
        ("mute", {"id": "feed"}, "channel", "no subcommand 'channel'"),
    ],
)
async def test_impossible_invocations_fail_in_the_test(
    fake: FakeDiscord,
    http: aiohttp.ClientSession,
    command: str,
    options: dict[str, Any],
    subcommand: str | None,
    complaint: str,
) -> None:
    await _register(fake, http)
    guild = fake.add_guild("Newsroom")
    member = guild.add_member("ana")
    if options.get("channel") == "thread":
        assert guild.system_channel is not None
        thread = guild.add_channel("live", PUBLIC_THREAD, parent=guild.system_channel)
        options = {**options, "channel": thread}
    with pytest.raises(InvalidInvocation, match=complaint):
        await fake.invoke(
            guild, guild.system_channel, member, command, options, subcommand=subcommand
        )


async def test_invoking_without_a_connected_bot_is_a_clear_error(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    await _register(fake, http)
    guild = fake.add_guild("Newsroom")
    with pytest.raises(InvalidInvocation, match="no bot has identified"):
        await fake.invoke(
            guild,
            guild.system_channel,
            guild.add_member("ana"),
            "mute",
            {"id": "feed"},
            subcommand="source",
        )


async def test_command_ids_survive_a_resync(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    await _register(fake, http)
    before = {c.name: c.id for c in fake.commands()}
    await _register(fake, http)
    assert {c.name: c.id for c in fake.commands()} == before


@pytest.fixture
async def identified(fake: FakeDiscord) -> AsyncIterator[aiohttp.ClientWebSocketResponse]:
    """A bare websocket that IDENTIFYs, standing in for a bot so interactions can be sent."""
    async with aiohttp.ClientSession() as session, session.ws_connect(fake.gateway_url) as ws:
        await ws.receive_json()  # HELLO
        await ws.send_json({"op": 2, "d": {"token": fake.token, "intents": 513}})
        ready = await ws.receive_json()
        assert ready["t"] == "READY" and ready["s"] == 1
        yield ws


async def test_callback_rules(
    fake: FakeDiscord,
    http: aiohttp.ClientSession,
    identified: aiohttp.ClientWebSocketResponse,
) -> None:
    await _register(fake, http)
    guild = fake.add_guild("Newsroom")
    interaction = await fake.invoke(
        guild, guild.system_channel, guild.add_member("ana"), "subscribe", {"region": "sahel"}
    )
    hook = f"webhooks/{fake.application_id}/{interaction.token}"
    async with http.post(hook, json={"content": "too early"}) as response:
        assert (response.status, (await response.json())["code"]) == (404, 10015)
    callback = f"interactions/{interaction.id}/{interaction.token}/callback"
    async with http.post(callback, json={"type": 4, "data": {"content": "ok"}}) as response:
        assert response.status == 204  # no with_response: Discord answers nothing
    async with http.post(callback, json={"type": 4, "data": {"content": "again"}}) as response:
        assert (response.status, (await response.json())["code"]) == (400, 40060)
    async with http.post(
        f"interactions/{interaction.id}/wrong-token/callback", json={"type": 5}
    ) as response:
        assert response.status == 401
    async with http.post(f"{hook}?wait=true", json={"content": "later"}) as response:
        assert response.status == 200
        followup_id = (await response.json())["id"]
    async with http.patch(f"{hook}/messages/{followup_id}", json={"content": "edited"}) as resp:
        assert (await resp.json())["content"] == "edited"
    assert interaction.original is not None and interaction.original.content == "ok"
    assert [m.content for m in fake.messages(_general(guild))] == ["ok", "edited"]


async def test_interaction_frames_carry_resolved_members_and_permissions(
    fake: FakeDiscord,
    http: aiohttp.ClientSession,
    identified: aiohttp.ClientWebSocketResponse,
) -> None:
    commands = [
        {
            "name": "notify",
            "description": "Ping someone",
            "options": [{"name": "who", "description": "Whom", "type": 6, "required": True}],
        }
    ]
    async with http.put(f"applications/{fake.application_id}/commands", json=commands) as resp:
        assert resp.status == 200
    guild = fake.add_guild("Newsroom")
    ana, bob = guild.add_member("ana"), guild.add_member("bob")
    await fake.invoke(guild, guild.system_channel, ana, "notify", {"who": bob})
    frame: dict[str, Any] = {}
    while frame.get("t") != "INTERACTION_CREATE":
        frame = await identified.receive_json()
    data = frame["d"]
    assert data["data"]["options"] == [{"name": "who", "type": 6, "value": str(bob.id)}]
    assert str(bob.id) in data["data"]["resolved"]["members"]
    assert data["data"]["resolved"]["users"][str(bob.id)]["username"] == "bob"
    assert int(data["member"]["permissions"]) & permissions.SEND_MESSAGES
    assert data["member"]["user"]["id"] == str(ana.id)
    assert data["guild_id"] == str(guild.id) and data["attachment_size_limit"] > 0


# -- replies and threads (issue 14's stories) ----------------------------------------------------


async def _reply_post(http: aiohttp.ClientSession, channel_id: int | str,
                      body: dict[str, Any]) -> tuple[int, Any]:
    status, answer, _ = await _post(http, int(channel_id), body)
    return status, answer


async def _thread(http: aiohttp.ClientSession, channel_id: int, message_id: str,
                  body: dict[str, Any] | None = None) -> tuple[int, Any]:
    async with http.post(f"channels/{channel_id}/messages/{message_id}/threads",
                         json={"name": "Kosovo crossings"} if body is None else body) as response:
        return response.status, await response.json()


async def test_a_reply_carries_its_reference_and_the_message_it_replies_to(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    channel = _general(guild)
    _, alert = await _reply_post(http, channel, {"content": "alert"})
    status, reply = await _reply_post(http, channel, {"content": "update", "message_reference": {
        "message_id": alert["id"], "fail_if_not_exists": False}})
    assert status == 200
    assert reply["type"] == 19
    assert reply["message_reference"] == {"type": 0, "channel_id": str(channel),
                                          "message_id": alert["id"], "guild_id": str(guild.id)}
    assert reply["referenced_message"]["id"] == alert["id"]
    if available():
        assert problems("MessageReferenceResponse", reply["message_reference"]) == []
    # Deleted since: the reply stays, its referenced_message becomes null.
    async with http.delete(f"channels/{channel}/messages/{alert['id']}"):
        pass
    async with http.get(f"channels/{channel}/messages") as response:
        [kept] = await response.json()
    assert kept["referenced_message"] is None
    assert kept["message_reference"]["message_id"] == alert["id"]


async def test_a_reply_to_an_unknown_message_is_refused_unless_told_not_to_fail(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    channel = _general(fake.add_guild("Newsroom"))
    status, body = await _reply_post(http, channel, {"content": "update",
                                                    "message_reference": {"message_id": "42"}})
    assert (status, body["code"]) == (400, 50035)
    assert "message_reference" in body["errors"]
    status, plain = await _reply_post(http, channel, {"content": "update", "message_reference": {
        "message_id": "42", "fail_if_not_exists": False}})
    assert status == 200 and plain["type"] == 0 and "message_reference" not in plain


@pytest.mark.skipif(not available(), reason="needs ../shared/discord-api-spec")
async def test_a_reference_the_spec_refuses_is_a_400(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    channel = _general(fake.add_guild("Newsroom"))
    status, body = await _reply_post(http, channel, {"content": "update",
                                                    "message_reference": {"channel_id": "1"}})
    assert (status, body["code"]) == (400, 50035)
    assert "message_id" in body["errors"]["message_reference"]


async def test_a_thread_started_from_a_message_once_then_160004(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    channel = _general(guild)
    _, alert = await _reply_post(http, channel, {"content": "alert"})
    status, made = await _thread(http, channel, alert["id"])
    assert status == 201
    # As on Discord: the thread's id is the message's.
    assert (made["id"], made["type"], made["parent_id"]) == (alert["id"], PUBLIC_THREAD,
                                                             str(channel))
    if available():
        assert problems("ThreadResponse", made) == []
    status, again = await _thread(http, channel, alert["id"])
    assert (status, again["code"]) == (400, 160004)
    async with http.get(f"channels/{made['id']}") as response:
        assert (await response.json())["name"] == "Kosovo crossings"
    status, inside = await _reply_post(http, made["id"], {"content": "update"})
    assert status == 200 and inside["channel_id"] == made["id"]
    assert [m.content for m in fake.messages(int(made["id"]))] == ["update"]
    [starter] = fake.messages(channel)
    assert starter.thread is not None and starter.to_json()["flags"] & 32
    assert starter.to_json()["thread"]["id"] == made["id"]


async def test_a_thread_needs_create_public_threads_and_a_known_message(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    channel = guild.add_channel("kosovo")
    _, alert = await _reply_post(http, channel.id, {"content": "alert"})
    channel.set_overwrite(guild.bot_role, deny=permissions.CREATE_PUBLIC_THREADS)
    status, body = await _thread(http, channel.id, alert["id"])
    assert (status, body["code"]) == (403, 50013)
    channel.set_overwrite(guild.bot_role, allow=permissions.CREATE_PUBLIC_THREADS)
    status, body = await _thread(http, channel.id, "42")
    assert (status, body["code"]) == (404, 10008)
    if available():
        status, body = await _thread(http, channel.id, alert["id"], {"name": ""})
        assert (status, body["code"]) == (400, 50035)
    status, _ = await _thread(http, channel.id, alert["id"])
    assert status == 201
