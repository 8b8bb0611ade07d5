"""Target 3: a burst of 5,000 deliveries to 1,000 channels, drained against Discord's limits.

Run: ``.venv/bin/python -m bench.delivery_bench [--channels 1000] [--per-channel 5] [--repeat 3]``

The real Sender, the real DiscordTransport (paced as bot/app.py paces it) and a real discord.py
client (the bot's AlertBot) post to the fake Discord (tests/fakes/discord) in realistic
rate-limit mode: 50 requests per second globally, 5 messages per 5 seconds per channel. The fake
runs in its own process so that its CPU does not slow the client.

The least time the limits allow: the sender puts one channel's deliveries into one message when
they fit (10 embeds, 6000 characters), so 5 deliveries per channel are 1,000 messages; a channel
then sends once, far under its 5 per 5 s, and the global limit decides. With fixed one-second
windows of 50 requests, M messages need ceil(M / 50) windows and the last opens
ceil(M / 50) - 1 seconds after the first: 19 s for 1,000 messages.

``--edits`` (issue 14: edits within the sends' rate-limit efficiency): bursts alternate between
sends only, as above, and a mixed outbox. Before the first burst, "wire" reports a story to every
channel (posted, not measured). A mixed burst then queues the same fresh sends and, from a source
reporting that story for the first time, one edit row per channel: the store joins it to the
story's event (``bot.events``, as a poll would) and owes each channel an edit of the story's alert,
to name the new source. The least time counts requests, an edit's PATCH like a post:
ceil((messages + edits) / 50) - 1 seconds, 39 s for 1,000 messages and 1,000 edits. Each burst's
figure is its drain time over that least time, and the bench checks afterwards that every
channel's alert names every source.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import re
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from bench import feeds
from bench.harness import FakeDiscordProcess, excess_429s, median
from bot.app import open_fetcher
from bot.client import AlertBot
from bot.delivery.discord import DiscordTransport
from bot.delivery.pace import Pace, paced_requests
from bot.delivery.render import MAX_EMBEDS_PER_MESSAGE, MAX_TOTAL, embed_length, render_embed
from bot.delivery.sender import Sender
from bot.events import DEFAULT_WINDOW, join, sign
from bot.follows import SourceLimits
from bot.model import Delivery, Match, RegionHit, Severity, Source, Update
from bot.pipeline.match import load_matcher
from bot.settings import FetchSettings
from bot.store import EventJoin, Store

CONFIG = Path(__file__).resolve().parents[1] / "config"
GLOBAL_PER_S = 50
CHANNEL_LIMIT, CHANNEL_PERIOD_S = 5, 5.0
_DELIVERY = re.compile(r"delivery (\d+)")
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
#: the story other sources report again in the mixed bursts (in the project's own words)
STORY = ("Northern Kosovo: crossings at Jarinje and Brnjak closed after night of gunfire",
         "Police closed the Jarinje and Brnjak crossings in northern Kosovo on Tuesday after "
         "gunfire was heard through the night near Zubin Potok, officials in Pristina said.")
#: the sources that report the story after "wire": one per mixed burst
REPORTERS = tuple(f"agency-{n}" for n in range(1, 11))


def utc_now() -> datetime:
    return datetime.now(UTC)


def least_time(deliveries: Sequence[Delivery], region_names: dict[str, str]) -> tuple[int, float]:
    """Requests needed (posts, batching as Discord allows, and one PATCH per message edited)
    and the least seconds the limits allow."""
    by_channel: dict[int, list[Delivery]] = defaultdict(list)
    for d in deliveries:
        if d.edits is None:
            by_channel[d.channel_id].append(d)
    # the sender sets an edited message once for the edit rows that name it (``_edit``)
    patches = len({(d.channel_id, d.edits) for d in deliveries if d.edits is not None})
    messages = 0
    slowest_channel = 0.0
    for queue in by_channel.values():
        count, size, in_message = 0, 0, 0
        for d in sorted(queue, key=lambda d: d.id):
            length = embed_length(render_embed(d.update, region_names=region_names,
                                               delivery_id=d.id))
            if in_message and (in_message == MAX_EMBEDS_PER_MESSAGE
                               or size + length > MAX_TOTAL):
                count, size, in_message = count + 1, 0, 0
            size += length
            in_message += 1
        count += 1 if in_message else 0
        messages += count
        slowest_channel = max(slowest_channel,
                              (math.ceil(count / CHANNEL_LIMIT) - 1) * CHANNEL_PERIOD_S)
    requests = messages + patches
    global_bound = (math.ceil(requests / GLOBAL_PER_S) - 1) * 1.0
    return requests, max(global_bound, slowest_channel)


def _updates(batch: int, count: int) -> list[tuple[Update, Match]]:
    """``count`` developing-story updates about Kosovo, in the project's generated words."""
    made = []
    for k in range(count):
        index = batch * 1000 + k
        link, text = feeds.newest_update(index, 1)
        text = (f"{text} Officials in Pristina said the crossing near Mitrovica stayed closed "
                f"for a {_ORDINALS[k % len(_ORDINALS)]} day; more updates to follow.")
        update = Update(key=f"bench-{batch}-{k}", entry_key=link, kind="segment",
                        title="Northern Kosovo: what we know so far", text=text, link=link,
                        marker="Update (1713 GMT)", published=utc_now())
        match = Match(("kosovo", "balkans", "europe"),
                      (RegionHit("kosovo", ("Kosovo", "Mitrovica")),), Severity.HIGH)
        made.append((update, match))
    return made


def _story(source: str) -> tuple[Update, Match, EventJoin]:
    """The story as ``source`` reports it, signed for the commit to join it to its event."""
    title, text = STORY
    update = Update(key=f"story-{source}", entry_key=f"https://{source}.example/story",
                    kind="entry", title=title, text=text, link=f"https://{source}.example/story",
                    marker=None, published=utc_now())
    match = Match(("kosovo", "balkans", "europe"),
                  (RegionHit("kosovo", ("Kosovo", "Jarinje")),), Severity.HIGH)
    events = EventJoin(
        signatures={update.key: sign(title, text, match, language="en", at=utc_now())},
        window=DEFAULT_WINDOW, decide=partial(join, window=DEFAULT_WINDOW),
    )
    return update, match, events


async def _commit_story(store: Store, source: str) -> int:
    update, match, events = _story(source)
    summary = await store.commit_poll(
        source, states=[], updates=[(update, match)], now=utc_now(), next_poll_at=utc_now(),
        status=200, etag=None, last_modified=None, body_hash=None, deliver=True, events=events,
    )
    return summary.deliveries_queued


@dataclass
class Drain:
    seconds: float
    deliveries: int
    #: requests: messages posted and, in a mixed burst, messages edited
    messages: int
    least_s: float
    limited: int
    excess_limited: int
    duplicates: int
    missing: int
    #: edit rows in the burst (0 for sends only), and channels whose story alert names the
    #: burst's reporter afterwards
    edits: int = 0
    edited: int = 0

    @property
    def ratio(self) -> float:
        return self.seconds / self.least_s


async def _drain_once(
    store: Store, sender: Sender, fake: FakeDiscordProcess, channel_ids: list[int],
    batch: int, per_channel: int, region_names: dict[str, str], reporter: str | None = None,
) -> Drain:
    summary = await store.commit_poll(
        "wire", states=[], updates=_updates(batch, per_channel), now=utc_now(),
        next_poll_at=utc_now(), status=200, etag=None, last_modified=None, body_hash=None,
        deliver=True,
    )
    queued = summary.deliveries_queued
    if reporter is not None:
        queued += await _commit_story(store, reporter)
    pending = await store.pending_deliveries(utc_now(), limit=10**6)
    ids = {d.id for d in pending}
    messages, least = least_time(pending, region_names)
    fake.call("forget")
    started = time.perf_counter()
    while await store.outbox_depth():
        await sender.drain_once()
    seconds = time.perf_counter() - started
    report: dict[str, Any] = fake.call("report", channel_ids)
    if report["internal_errors"]:
        raise RuntimeError("the fake Discord crashed:\n" + "\n".join(report["internal_errors"]))
    seen: Counter[int] = Counter()
    for _, _, _, embeds in report["messages"]:
        for _, _, footer in embeds:
            found = _DELIVERY.search(footer)
            if found and int(found.group(1)) in ids:
                seen[int(found.group(1))] += 1
    edited = {channel for channel, names in report["also"]
              if reporter and reporter.lower() in names.lower()}
    return Drain(
        seconds=seconds, deliveries=queued, messages=messages,
        least_s=least, limited=len(report["limited"]),
        excess_limited=excess_429s(report["limited"]),
        duplicates=sum(n - 1 for n in seen.values()),
        missing=len({d.id for d in pending if d.edits is None} - set(seen)),
        edits=sum(d.edits is not None for d in pending), edited=len(edited),
    )


async def run(
    channels: int = 1000, per_channel: int = 5, repeat: int = 3, edits: bool = False,
    database: str | None = None,
) -> list[Drain]:
    """``repeat`` bursts of sends; with ``edits``, each followed by a mixed burst. The outbox
    is a new SQLite file, or ``database`` (an empty PostgreSQL schema's URL: bench.pg_bench)."""
    if edits and repeat > len(REPORTERS):
        raise ValueError(f"--repeat with --edits is at most {len(REPORTERS)}")
    fake = FakeDiscordProcess()
    workdir = Path(tempfile.mkdtemp(prefix="alertbot-delivery-"))
    try:
        fake.point_discord_py_here()
        world = fake.call("world", channels // 5, 5)
        matcher = load_matcher(CONFIG)
        region_names = {r.id: r.name for r in matcher.regions()}
        async with (
            await Store.open(database or workdir / "bot.db", clock=utc_now) as store,
            contextlib.AsyncExitStack() as exits,
        ):
            await store.sync_sources(
                [Source(s, f"http://127.0.0.1/{s}.xml", s.title(), 60)
                 for s in ("wire", *REPORTERS)], utc_now())
            for guild_id, channel_id in world:
                await store.subscribe(guild_id, channel_id, "kosovo", min_severity=Severity.LOW,
                                      filter="", ping_role_id=None,
                                      ping_severity=Severity.CRITICAL, publish=False,
                                      now=utc_now())
            fetcher = await exits.enter_async_context(open_fetcher(FetchSettings()))
            client = AlertBot(store=store, matcher=matcher, fetcher=fetcher,
                              source_limits=SourceLimits(), clock=utc_now,
                              guild_ready_timeout=0.5, http_trace=paced_requests(Pace()))
            sender = Sender(store, DiscordTransport(client), clock=utc_now,
                            region_names=region_names)
            async with _connected(client, fake.token):
                if edits:
                    # the story every channel has an alert of, which the mixed bursts edit
                    await _commit_story(store, "wire")
                    while await store.outbox_depth():
                        await sender.drain_once()
                plan: list[tuple[int, str | None]] = [(r, None) for r in range(repeat)]
                if edits:
                    plan = [step for r in range(repeat)
                            for step in ((r, None), (repeat + r, REPORTERS[r]))]
                drains = []
                for batch, reporter in plan:
                    # Let every rate-limit window of the previous burst run out first.
                    await asyncio.sleep(CHANNEL_PERIOD_S + 1)
                    drains.append(await _drain_once(store, sender, fake, [c for _, c in world],
                                                    batch, per_channel, region_names, reporter))
                    d = drains[-1]
                    kind = f"mixed, {d.edits} edits ({d.edited} alerts name {reporter})" \
                        if reporter else "sends"
                    print(f"  burst {len(drains)} ({kind}): {d.deliveries} deliveries, "
                          f"{d.messages} requests in {d.seconds:.2f} s (least {d.least_s:.1f} s,"
                          f" {d.ratio:.2f}x); 429s {d.limited} ({d.excess_limited} beyond the "
                          f"first of a window); duplicates {d.duplicates}, missing {d.missing}",
                          flush=True)
        return drains
    finally:
        fake.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.asynccontextmanager
async def _connected(client: AlertBot, token: str) -> Any:
    task = asyncio.create_task(client.start(token))
    try:
        async with asyncio.timeout(60):
            while not client.is_ready():
                if task.done():
                    task.result()
                    raise RuntimeError("the Discord client stopped before it was ready")
                await asyncio.sleep(0.05)
        yield client
    finally:
        await client.close()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def summary(drains: Sequence[Drain]) -> dict[str, Any]:
    """The figures of the sends-only bursts, and of the mixed ones when there were any."""
    sends = [d for d in drains if not d.edits]
    mixed = [d for d in drains if d.edits]
    out = _figures(sends)
    if mixed:
        out["mixed"] = _figures(mixed) | {
            "edits": median([d.edits for d in mixed]),
            "alerts_naming_reporter": min(d.edited for d in mixed),
        }
        out["mixed_vs_sends"] = out["mixed"]["drain_vs_min"] / out["drain_vs_min"]
    return out


def _figures(drains: Sequence[Drain]) -> dict[str, Any]:
    return {
        "drain_s": median([d.seconds for d in drains]),
        "least_s": median([d.least_s for d in drains]),
        "drain_vs_min": median([d.ratio for d in drains]),
        "messages": median([d.messages for d in drains]),
        "deliveries": median([d.deliveries for d in drains]),
        "rate_limited": max(d.limited for d in drains),
        "excess_429s": max(d.excess_limited for d in drains),
        "duplicates": max(d.duplicates for d in drains),
        "missing": max(d.missing for d in drains),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--per-channel", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--edits", action="store_true",
                        help="follow each burst with one whose outbox mixes edits and sends")
    args = parser.parse_args(argv)
    drains = asyncio.run(run(args.channels, args.per_channel, args.repeat, args.edits))
    for key, value in summary(drains).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
