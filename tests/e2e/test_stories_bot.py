"""Stories (issue 14) end to end: the whole bot, as `alertbot run` builds it, against the fake
Discord and a real feed server serving a developing story (the demo's article, growing an
"Update (HHMM CET): …" paragraph at a time). Its first alert is posted in the channel; its
later updates arrive as replies to that alert (the default), or with `follow: thread` in one
thread opened on it; without Create Public Threads, as replies, and the server is told once.
"""

from __future__ import annotations

from bot.demo.feeds import rss_document
from bot.demo.story import STEPS
from tests.e2e.test_bot import World, story, world
from tests.fakes.discord import permissions
from tests.fakes.discord.state import FakeMessage

__all__ = ["world"]


async def subscribe(world: World, **options: str) -> None:
    answer = await world.fake.invoke(world.guild, world.balkans, world.admin, "subscription",
                                     {"region": "balkans", **options}, subcommand="add")
    await answer.response()


async def tell_the_story(world: World) -> FakeMessage:
    """The source is polled silently, then publishes the article and grows it step by step;
    returns the story's alert."""
    world.feeds.set("/story.xml", rss_document("Newsdesk", []))
    await world.poll()  # a source's first poll is silent
    world.feeds.set("/story.xml", story())
    await world.poll()
    [alert] = world.fake.messages(world.balkans)
    for step in STEPS[1:]:
        world.feeds.set("/story.xml", story(*step.updates))
        await world.poll()
    return alert


def updates_of(messages: list[FakeMessage]) -> list[str]:
    return [e["description"] for m in messages for e in m.embeds]


async def test_a_storys_updates_arrive_as_replies_to_its_first_alert(world: World) -> None:
    await subscribe(world)
    alert = await tell_the_story(world)
    first, *later = world.fake.messages(world.balkans)
    assert first.id == alert.id and first.type == 0
    assert len(updates_of(later)) >= 4
    assert all(m.type == 19 and m.referenced is alert for m in later)
    descriptions = updates_of(world.fake.messages(world.balkans))
    assert len(descriptions) == len(set(descriptions))
    assert not any(c.is_thread for c in world.guild.channels.values())


async def test_with_follow_thread_they_arrive_in_one_thread_on_the_alert(world: World) -> None:
    await subscribe(world, follow="thread")
    alert = await tell_the_story(world)
    assert world.fake.messages(world.balkans) == [alert]
    threads = [c for c in world.guild.channels.values() if c.is_thread]
    assert threads == [alert.thread]
    inside = world.fake.messages(threads[0])
    assert len(updates_of(inside)) >= 4
    assert len(set(updates_of(inside))) == len(updates_of(inside))
    assert any("Gunfire" in d for d in updates_of(inside))


async def test_without_the_permission_they_arrive_as_replies_and_the_server_is_told_once(
    world: World,
) -> None:
    await subscribe(world, follow="thread")
    # Taken away after subscribing (asked for then, it is refused: test_commands.py).
    world.balkans.set_overwrite(world.guild.bot_role, deny=permissions.CREATE_PUBLIC_THREADS)
    alert = await tell_the_story(world)
    _, *later = world.fake.messages(world.balkans)
    assert len(later) >= 2 and all(m.referenced is alert for m in later)
    assert world.guild.system_channel is not None
    told = [m.content for m in world.fake.messages(world.guild.system_channel)
            if "threads" in m.content]
    assert len(told) == 1 and "Create Public Threads" in told[0]
    assert not any(c.is_thread for c in world.guild.channels.values())
    listed = await world.fake.invoke(world.guild, world.balkans, world.reader, "subscription",
                                     {}, subcommand="list")
    assert "stories as replies" in str(await listed.response())
