"""The commit's fan-out against a plain-Python model of the rules, over generated cases."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.matching.filters import compile_filter
from bot.model import Severity
from bot.store import Store
from tests.integration._store_support import T0, match, source, subscribe, update

REGIONS = ["kosovo", "balkans", "europe", "japan", "asia"]
FILTERS = ["", "gunfire", "-gunfire", "protest", '"border regions"', "re:\\d{4}"]
TEXTS = ["Gunfire was heard along the border crossings.", "Protest at 1713 in the capital.",
         "Calm day."]
CHANNELS = [10, 11, 20, 21]  # channel // 10 is its guild

subscriptions = st.dictionaries(
    st.tuples(st.sampled_from(CHANNELS), st.sampled_from(REGIONS)),
    st.tuples(st.sampled_from(list(Severity)), st.sampled_from(FILTERS)),
    max_size=10,
)
updates = st.lists(
    st.tuples(st.sets(st.sampled_from(REGIONS), max_size=3), st.sampled_from(list(Severity)),
              st.sampled_from(TEXTS)),
    max_size=5,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subscriptions, updates, st.sets(st.sampled_from([1, 2])),
       st.sets(st.sampled_from(CHANNELS)))
async def test_fan_out_follows_the_rules(
    subs: dict[tuple[int, str], tuple[Severity, str]],
    made: list[tuple[set[str], Severity, str]],
    muted_guilds: set[int],
    paused_channels: set[int],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with await Store.open(Path(tmp) / "fanout.db") as store:
            await store.sync_sources([source("wire")], T0)
            ids: dict[tuple[int, str], int] = {}
            for (channel, region), (min_severity, filter_text) in subs.items():
                sub = await subscribe(store, channel, region, guild_id=channel // 10,
                                      min_severity=min_severity, filter=filter_text)
                ids[(channel, region)] = sub.id
            for guild in muted_guilds:
                await store.mute(guild, "wire", until=None, reason="", created_by=None, now=T0)
            for channel in paused_channels:
                await store.pause_channel(channel, "Missing Access")
            batch = [(update(f"u{i}", title="Report", text=text),
                      match(*sorted(regions), severity=severity))
                     for i, (regions, severity, text) in enumerate(made)]
            summary = await store.commit_poll(
                "wire", states=[], updates=batch, now=T0, next_poll_at=T0, status=200,
                etag=None, last_modified=None, body_hash=None, deliver=True,
            )
            got = {(d.update.key, d.channel_id, d.subscription.id)
                   for d in await store.pending_deliveries(T0)}

    expected: set[tuple[str, int, int]] = set()
    for u, m in batch:
        for channel in CHANNELS:
            wanting = sorted(
                ids[(channel, region)]
                for (ch, region), (min_severity, filter_text) in subs.items()
                if ch == channel and region in m.regions and min_severity <= m.severity
                and channel // 10 not in muted_guilds and channel not in paused_channels
                and compile_filter(filter_text).matches(f"{u.title}\n{u.text}")
            )
            if wanting:
                expected.add((u.key, channel, wanting[0]))
    assert got == expected
    assert summary.deliveries_queued == len(expected)
