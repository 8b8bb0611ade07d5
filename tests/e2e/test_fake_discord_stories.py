"""The fake Discord's replies and threads at the wire (issue 14's stories): message references
on Create Message, Start Thread from Message, and posts in the thread, as Discord answers them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.fakes.discord import PUBLIC_THREAD, FakeDiscord, FakeGuild, permissions
from tests.fakes.discord.openapi import available, problems

Answer = tuple[int, Any]


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(clock=lambda: 1_750_000_000.0) as started:
        yield started


@pytest.fixture
async def http(fake: FakeDiscord) -> AsyncIterator[aiohttp.ClientSession]:
    headers = {"Authorization": f"Bot {fake.token}"}
    async with aiohttp.ClientSession(fake.api_base + "/", headers=headers) as session:
        yield session


async def post(http: aiohttp.ClientSession, channel_id: int | str, body: dict[str, Any]) -> Answer:
    async with http.post(f"channels/{channel_id}/messages", json=body) as response:
        return response.status, await response.json()


async def thread(http: aiohttp.ClientSession, channel_id: int, message_id: str,
                 body: dict[str, Any] | None = None) -> Answer:
    async with http.post(f"channels/{channel_id}/messages/{message_id}/threads",
                         json={"name": "Kosovo crossings"} if body is None else body) as response:
        return response.status, await response.json()


def general(guild: FakeGuild) -> int:
    assert guild.system_channel is not None
    return guild.system_channel.id


async def test_a_reply_carries_its_reference_and_the_message_it_replies_to(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    channel = general(guild)
    _, alert = await post(http, channel, {"content": "alert"})
    status, reply = await post(http, channel, {"content": "update", "message_reference": {
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
    channel = general(fake.add_guild("Newsroom"))
    status, body = await post(http, channel, {"content": "update",
                                              "message_reference": {"message_id": "42"}})
    assert (status, body["code"]) == (400, 50035)
    assert "message_reference" in body["errors"]
    status, plain = await post(http, channel, {"content": "update", "message_reference": {
        "message_id": "42", "fail_if_not_exists": False}})
    assert status == 200 and plain["type"] == 0 and "message_reference" not in plain


@pytest.mark.skipif(not available(), reason="needs ../shared/discord-api-spec")
async def test_a_reference_the_spec_refuses_is_a_400(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    channel = general(fake.add_guild("Newsroom"))
    status, body = await post(http, channel, {"content": "update",
                                              "message_reference": {"channel_id": "1"}})
    assert (status, body["code"]) == (400, 50035)
    assert "message_id" in body["errors"]["message_reference"]


async def test_a_thread_started_from_a_message_once_then_160004(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    guild = fake.add_guild("Newsroom")
    channel = general(guild)
    _, alert = await post(http, channel, {"content": "alert"})
    status, made = await thread(http, channel, alert["id"])
    assert status == 201
    # As on Discord: the thread's id is the message's.
    assert (made["id"], made["type"], made["parent_id"]) == (alert["id"], PUBLIC_THREAD,
                                                             str(channel))
    if available():
        assert problems("ThreadResponse", made) == []
    status, again = await thread(http, channel, alert["id"])
    assert (status, again["code"]) == (400, 160004)
    async with http.get(f"channels/{made['id']}") as response:
        assert (await response.json())["name"] == "Kosovo crossings"
    status, inside = await post(http, made["id"], {"content": "update"})
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
    _, alert = await post(http, channel.id, {"content": "alert"})
    channel.set_overwrite(guild.bot_role, deny=permissions.CREATE_PUBLIC_THREADS)
    status, body = await thread(http, channel.id, alert["id"])
    assert (status, body["code"]) == (403, 50013)
    channel.set_overwrite(guild.bot_role, allow=permissions.CREATE_PUBLIC_THREADS)
    status, body = await thread(http, channel.id, "42")
    assert (status, body["code"]) == (404, 10008)
    if available():
        status, body = await thread(http, channel.id, alert["id"], {"name": ""})
        assert (status, body["code"]) == (400, 50035)
    status, _ = await thread(http, channel.id, alert["id"])
    assert status == 201
