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
from pathlib import Path
from typing import Any

from bench import feeds
from bench.harness import FakeDiscordProcess, excess_429s, median
from bot.client import AlertBot
from bot.delivery.discord import DiscordTransport
from bot.delivery.pace import PacedTransport
from bot.delivery.render import MAX_EMBEDS_PER_MESSAGE, MAX_TOTAL, embed_length, render_embed
from bot.delivery.sender import Sender
from bot.model import Delivery, Match, RegionHit, Severity, Source, Update
from bot.pipeline.match import load_matcher
from bot.store import Store

CONFIG = Path(__file__).resolve().parents[1] / "config"
GLOBAL_PER_S = 50
CHANNEL_LIMIT, CHANNEL_PERIOD_S = 5, 5.0
_DELIVERY = re.compile(r"delivery (\d+)")
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth")


def utc_now() -> datetime:
    return datetime.now(UTC)


def least_time(deliveries: Sequence[Delivery], region_names: dict[str, str]) -> tuple[int, float]:
    """Messages needed (batching as Discord allows) and the least seconds the limits allow."""
    by_channel: dict[int, list[Delivery]] = defaultdict(list)
    for d in deliveries:
        by_channel[d.channel_id].append(d)
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
    global_bound = (math.ceil(messages / GLOBAL_PER_S) - 1) * 1.0
    return messages, max(global_bound, slowest_channel)


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


@dataclass
class Drain:
    seconds: float
    deliveries: int
    messages: int
    least_s: float
    limited: int
    excess_limited: int
    duplicates: int
    missing: int

    @property
    def ratio(self) -> float:
        return self.seconds / self.least_s


async def _drain_once(
    store: Store, sender: Sender, fake: FakeDiscordProcess, channel_ids: list[int],
    batch: int, per_channel: int, region_names: dict[str, str],
) -> Drain:
    summary = await store.commit_poll(
        "wire", states=[], updates=_updates(batch, per_channel), now=utc_now(),
        next_poll_at=utc_now(), status=200, etag=None, last_modified=None, body_hash=None,
        deliver=True,
    )
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
    return Drain(
        seconds=seconds, deliveries=summary.deliveries_queued, messages=messages,
        least_s=least, limited=len(report["limited"]),
        excess_limited=excess_429s(report["limited"]),
        duplicates=sum(n - 1 for n in seen.values()), missing=len(ids - set(seen)),
    )


async def run(channels: int = 1000, per_channel: int = 5, repeat: int = 3) -> list[Drain]:
    fake = FakeDiscordProcess()
    workdir = Path(tempfile.mkdtemp(prefix="alertbot-delivery-"))
    try:
        fake.point_discord_py_here()
        world = fake.call("world", channels // 5, 5)
        matcher = load_matcher(CONFIG)
        region_names = {r.id: r.name for r in matcher.regions()}
        async with await Store.open(workdir / "bot.db", clock=utc_now) as store:
            await store.sync_sources([Source("wire", "http://127.0.0.1/wire.xml", "Wire", 60)],
                                     utc_now())
            for guild_id, channel_id in world:
                await store.subscribe(guild_id, channel_id, "kosovo", min_severity=Severity.LOW,
                                      filter="", ping_role_id=None,
                                      ping_severity=Severity.CRITICAL, publish=False,
                                      now=utc_now())
            client = AlertBot(store=store, matcher=matcher, sources=(), clock=utc_now,
                              guild_ready_timeout=0.5)
            sender = Sender(store, PacedTransport(DiscordTransport(client)), clock=utc_now,
                            region_names=region_names)
            async with _connected(client, fake.token):
                drains = []
                for r in range(repeat):
                    # Let every rate-limit window of the previous burst run out first.
                    await asyncio.sleep(CHANNEL_PERIOD_S + 1)
                    drains.append(await _drain_once(store, sender, fake, [c for _, c in world],
                                                    r, per_channel, region_names))
                    d = drains[-1]
                    print(f"  burst {r + 1}: {d.deliveries} deliveries, {d.messages} messages "
                          f"in {d.seconds:.2f} s (least {d.least_s:.1f} s, {d.ratio:.2f}x); "
                          f"429s {d.limited} ({d.excess_limited} beyond the first of a "
                          f"window); duplicates {d.duplicates}, missing {d.missing}",
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
    args = parser.parse_args(argv)
    drains = asyncio.run(run(args.channels, args.per_channel, args.repeat))
    for key, value in summary(drains).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
