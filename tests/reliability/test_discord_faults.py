"""Discord misbehaving under the whole bot: rate limits, server errors, an answer that never
comes, gateway disconnects, lost access. Every delivery must arrive exactly once, a throttled
channel must hold up only itself, and nothing may be retried for ever.

The bot runs as `alertbot run` builds it (see ``live_bot`` in conftest.py); Discord is the fake,
which records every message, so "exactly once" is counted on what Discord holds.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.delivery.sender import MAX_ATTEMPTS
from tests.fakes.discord.permissions import SEND_MESSAGES, VIEW_CHANNEL
from tests.fakes.discord.state import FakeChannel
from tests.integration._old_schema import old_database
from tests.reliability.conftest import (
    MESSAGES,
    LiveBot,
    LiveBotFactory,
    eventually,
    message_posts,
    posted_delivery_ids,
)


def route(channel: FakeChannel) -> str:
    return f"POST /channels/{channel.id}/messages"


def last_errors(bot: LiveBot, channel: FakeChannel) -> list[str | None]:
    with old_database(bot.db_path) as db:
        rows = db.execute("SELECT last_error FROM deliveries WHERE channel_id = ?",
                          (channel.id,)).fetchall()
    return [r[0] for r in rows]


async def deliver_with_time_passing(bot: LiveBot, count: int) -> None:
    """Wait for ``count`` deliveries per channel, letting the bot's clock run (retry delays)."""

    async def done() -> bool:
        bot.clock.advance(5)
        bot.wake_sender()
        return (all(len(posted_delivery_ids(bot.fake, c)) >= count for c in bot.channels)
                and await bot.store.outbox_depth() == 0)

    await eventually(done, f"{count} deliveries in each channel", within=20)


async def test_route_and_global_rate_limits_lose_and_repeat_nothing(
    live_bot: LiveBotFactory,
) -> None:
    bot = await live_bot(channels=3)
    first = bot.channels[0]
    bot.fake.fail_next(route(first), 429, count=3, retry_after=0.2)
    bot.fake.fail_next(MESSAGES, 429, count=2, retry_after=0.2, global_=True)
    reports = bot.publish(25)
    await bot.poll()
    await bot.delivered(25)
    assert sum(bot.fake.rate_limited_count.values()) == 5
    bot.assert_exactly_once(reports)


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_retried_until_delivered_once(
    live_bot: LiveBotFactory, status: int
) -> None:
    bot = await live_bot(channels=2)
    # discord.py itself retries a 500 or 502 after 1 s; a 503 comes back to the sender.
    for channel in bot.channels:
        bot.fake.fail_next(route(channel), status)
    reports = bot.publish(4)
    await bot.poll()
    await deliver_with_time_passing(bot, 4)
    bot.assert_exactly_once(reports)


async def test_an_answer_lost_after_discord_posted_is_not_posted_again(
    live_bot: LiveBotFactory,
) -> None:
    bot = await live_bot(channels=1, send_timeout_s=0.3)
    [channel] = bot.channels
    # Discord makes the message, then the answer takes longer than the bot waits.
    bot.fake.stall_next(route(channel), delay=1.5)
    reports = bot.publish(3)
    await bot.poll()
    await deliver_with_time_passing(bot, 3)
    assert len(bot.fake.messages(channel)) == 1
    assert message_posts(bot.fake) >= 2, "the send was not retried"
    bot.assert_exactly_once(reports)


@pytest.mark.parametrize("code", [4000, 1000])
async def test_a_gateway_outage_and_resume_lose_and_repeat_nothing(
    live_bot: LiveBotFactory, code: int
) -> None:
    """4000 is an error close, 1000 a clean one; after either the bot must come back."""
    bot = await live_bot(channels=2)
    resumes = bot.fake.resumes
    async with bot.fake.gateway_outage(code):
        # Sending is REST: alerts keep going while the gateway is down.
        before = bot.publish(5)
        await bot.poll()
        await bot.delivered(5)
    await eventually(lambda: bot.fake.resumes > resumes, "the RESUME")
    after = bot.publish(5)
    await bot.poll()
    await bot.delivered(10)
    bot.assert_exactly_once(range(before.start, after.stop))


async def test_an_invalid_session_and_a_fresh_identify_lose_and_repeat_nothing(
    live_bot: LiveBotFactory,
) -> None:
    bot = await live_bot(channels=2)
    identifies = bot.fake.identifies
    first = bot.publish(5)
    await bot.poll()
    await bot.fake.invalidate_session()
    # The guild cache is rebuilt meanwhile: the sender must not depend on it.
    second = bot.publish(5)
    await bot.poll()
    await bot.delivered(10)
    await eventually(lambda: bot.fake.identifies > identifies, "the fresh IDENTIFY")
    third = bot.publish(5)
    await bot.poll()
    await bot.delivered(15)
    assert first.start == 1 and second.stop == third.start
    bot.assert_exactly_once(range(1, third.stop))


async def test_one_throttled_channel_does_not_hold_up_another(live_bot: LiveBotFactory) -> None:
    bot = await live_bot(channels=2)
    throttled, other = bot.channels
    throttle_s = 3.0
    bot.fake.fail_next(route(throttled), 429, retry_after=throttle_s)
    bot.publish(1)
    await bot.poll()
    await eventually(lambda: bot.fake.rate_limited_count.total() == 1, "the 429")
    limited_at = time.monotonic()
    # A later poll queues more for both channels while the first is still throttled.
    bot.publish(1)
    await bot.poll()
    await eventually(lambda: len(posted_delivery_ids(bot.fake, other)) == 2,
                     "the other channel's alerts")
    other_done = time.monotonic() - limited_at
    assert posted_delivery_ids(bot.fake, throttled) == [], "the 429 ended too soon to tell"
    await bot.delivered(2)
    throttled_done = time.monotonic() - limited_at
    print(f"\nother channel done {other_done:.2f} s after the 429; "
          f"throttled channel done after {throttled_done:.2f} s")
    assert other_done < throttle_s / 2 < throttled_done
    bot.assert_exactly_once(range(1, 3))


@pytest.mark.parametrize(
    ("fault", "reason"),
    [("deny send", "permission to post"), ("deny view", "no longer have access"),
     ("404", "deleted")],
)
async def test_lost_access_pauses_the_subscription_and_tells_the_guild_once(
    live_bot: LiveBotFactory, fault: str, reason: str
) -> None:
    bot = await live_bot(channels=2)
    lost, kept = bot.channels
    if fault == "deny send":
        lost.set_overwrite(bot.guild.bot_member, deny=SEND_MESSAGES)
    elif fault == "deny view":
        lost.set_overwrite(bot.guild.bot_member, deny=VIEW_CHANNEL)
    else:
        bot.fake.fail_next(route(lost), 404, count=1000)
    for _ in range(3):  # three polls, each owing the lost channel more alerts
        bot.publish(2)
        await bot.poll()
        await bot.delivered(bot.published, [kept])
    assert bot.fake.messages(lost) == []
    posts_to_lost = sum(1 for r in bot.fake.requests
                        if r.method == "POST" and r.path == f"/channels/{lost.id}/messages")
    assert posts_to_lost == 1, "a paused channel was tried again"
    system = bot.guild.system_channel
    assert system is not None
    notices = bot.fake.messages(system)
    assert len(notices) == 1, [n.content for n in notices]
    assert reason in notices[0].content and f"<#{lost.id}>" in notices[0].content

    admin = bot.guild.add_member("editor", admin=True)
    listing = await bot.fake.invoke(bot.guild, kept, admin, "subscription", subcommand="list")
    shown = str((await listing.response())["data"])
    assert "paused" in shown and reason in shown
    assert set(bot.stored(lost).values()) == {"failed"}
    bot.assert_exactly_once(range(1, bot.published + 1), [kept])


async def test_a_send_that_always_fails_is_given_up_not_retried_for_ever(
    live_bot: LiveBotFactory,
) -> None:
    bot = await live_bot(channels=1)
    [channel] = bot.channels
    bot.fake.fail_next(route(channel), 503, count=10_000)
    bot.publish(1)
    await bot.poll()

    async def given_up() -> bool:
        bot.clock.advance(700)  # past the longest retry delay
        bot.wake_sender()
        return set(bot.stored(channel).values()) == {"failed"}

    await eventually(given_up, "the delivery to be given up", within=30)
    for _ in range(5):  # a sender still retrying would post again now
        bot.clock.advance(3600)
        bot.wake_sender()
        await asyncio.sleep(0.1)
    assert message_posts(bot.fake) == MAX_ATTEMPTS
    assert bot.fake.messages(channel) == []


async def test_after_the_nonce_window_an_unreadable_history_delays_rather_than_reposts(
    live_bot: LiveBotFactory,
) -> None:
    bot = await live_bot(channels=1, send_timeout_s=0.3)
    [channel] = bot.channels
    # Discord made the message but the bot never heard: it will retry with the same nonce...
    bot.fake.stall_next(route(channel), delay=1.0)
    reports = bot.publish(1)
    await bot.poll()
    await bot.fake.wait_until(lambda: len(bot.fake.messages(channel)) == 1, "the post")
    await eventually(lambda: last_errors(bot, channel) != [None], "the send to time out")
    # ...but only after Discord has forgotten the nonce, and the channel's history fails once.
    bot.clock.advance(600)
    bot.fake.fail_next(f"GET /channels/{channel.id}/messages", 503)
    await deliver_with_time_passing(bot, 1)
    assert len(bot.fake.messages(channel)) == 1
    assert message_posts(bot.fake) == 1, "posted again without checking"
    bot.assert_exactly_once(reports)


async def test_a_long_backlog_in_a_throttled_channel_does_not_hide_another(
    live_bot: LiveBotFactory,
) -> None:
    """More than the sender reads at once (500) is owed to one throttled channel; a channel
    subscribed later must still get its alert while the first one waits."""
    bot = await live_bot(channels=1)
    [backlogged] = bot.channels
    bot.fake.fail_next(route(backlogged), 429, retry_after=3.0)
    bot.publish(520)
    await bot.poll()
    await eventually(lambda: bot.fake.rate_limited_count.total() == 1, "the 429")
    later = await bot.add_channel("balkans-later")
    bot.publish(1)
    await bot.poll()
    await eventually(lambda: len(posted_delivery_ids(bot.fake, later)) == 1, "the later channel")
    assert posted_delivery_ids(bot.fake, backlogged) == [], "the 429 ended too soon to tell"
    await bot.delivered(521, [backlogged])
    bot.assert_exactly_once(range(1, 522), [backlogged])
