"""Issue 14: what clustering adds to a poll cycle at 2,000 sources, as a ratio in one run.

Run: ``.venv/bin/python -m bench.cluster_bench [--sources 2000] [--rounds 3] [--share 0.05]``

Two copies of the bot's poll side (poll_bench's ``OurRig``: the real Poller, fetch, parse, match
and ``store.commit_poll`` with deliveries to 1,000 subscribed channels, each on its own SQLite
file) poll the same generated feeds, each from its own lane of one feed server:

- **on**: as ``alertbot run`` polls: every new update is signed and joined to an event in the
  commit's transaction (``bot.events``), against the stored updates of the last 6 hours that
  share a region with it;
- **off**: the Poller with ``cluster=False``: nothing signed, no event, the bot before issue 14.

Both first poll every source once (silent, not measured: it stores the 100,000 entries every
later update is compared against), then take ``--rounds`` steady-state cycles in which the
same sources change (``--share`` of them; poll_bench's mix of 304s, unchanged bodies and new
entries or segments). Rounds alternate which copy goes first, so a noisy moment of the shared
machine slows both alike; the figure is the ratio of the medians. The heap is settled
(``settle_heap``) once both rigs are built, as ``alertbot run`` does at startup.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.harness import CpuMeter, FeedServerProcess, median, round_changes
from bench.poll_bench import (
    CONFIG,
    INTERVAL_S,
    OurRig,
    _check_no_errors,
    bench_channels,
    bench_sources,
    subscribe_channels,
)
from bot.pipeline.match import load_matcher, settle_heap

#: issue 14: clustering may add at most this much to the poll cycle
TARGET = 1.10


@dataclass
class ClusterResult:
    sources: int
    warmup_s: dict[str, float] = field(default_factory=dict)
    cycle_s: dict[str, list[float]] = field(default_factory=lambda: {"on": [], "off": []})
    cpu_s: dict[str, list[float]] = field(default_factory=lambda: {"on": [], "off": []})
    new_updates: int = 0
    events: dict[str, int] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return median(self.cycle_s["on"]) / median(self.cycle_s["off"])

    def summary(self) -> dict[str, Any]:
        return {
            "sources": self.sources,
            "on_s": median(self.cycle_s["on"]), "off_s": median(self.cycle_s["off"]),
            "cluster_vs_off": self.ratio, "target": TARGET,
            "cpu_on_s": median(self.cpu_s["on"]), "cpu_off_s": median(self.cpu_s["off"]),
            "warmup_s": self.warmup_s,
            "new_updates_per_round": self.new_updates / max(len(self.cycle_s["on"]), 1),
            "events": self.events,
            "samples": self.cycle_s,
        }


async def _run(server: FeedServerProcess, workdir: Path, sources: int, rounds: int,
               share: float) -> ClusterResult:
    matcher = load_matcher(CONFIG)
    rigs: dict[str, OurRig] = {}
    try:
        for name in ("on", "off"):
            urls = server.lane(name, sources, sources)
            rigs[name] = await OurRig.open(workdir / f"{name}.db",
                                           bench_sources(urls, INTERVAL_S), matcher,
                                           cluster=name == "on")
            await subscribe_channels(rigs[name].store, bench_channels(1000), matcher)
        # as `alertbot run` does once its parts are built (bot.app.run_bot)
        settle_heap()
        result = ClusterResult(sources)
        for name, rig in rigs.items():
            print(f"  warm-up ({name}): first poll of {sources} sources (silent) ...", flush=True)
            result.warmup_s[name], reports = await rig.cycle()
            _check_no_errors(reports, f"warm-up ({name})")
        for r in range(1, rounds + 1):
            changes = round_changes(r, sources, share=share)
            order = ("on", "off") if r % 2 else ("off", "on")
            for name in order:
                server.advance(name, changes)
                with CpuMeter() as cpu:
                    elapsed, reports = await rigs[name].cycle()
                _check_no_errors(reports, f"round {r} ({name})")
                result.cycle_s[name].append(elapsed)
                result.cpu_s[name].append(cpu.process_s)
                if name == "on":
                    result.new_updates += sum(rep.new_updates for rep in reports)
            print(f"  round {r}: on {result.cycle_s['on'][-1]:.2f} s "
                  f"(CPU {result.cpu_s['on'][-1]:.2f} s), off {result.cycle_s['off'][-1]:.2f} s "
                  f"(CPU {result.cpu_s['off'][-1]:.2f} s)", flush=True)
        result.events = _events(rigs["on"].db_path)
        return result
    finally:
        for rig in rigs.values():
            await rig.close()


def _events(db_path: Path) -> dict[str, int]:
    """How the clustered copy grouped its updates: read straight from its database file."""
    with sqlite3.connect(db_path) as db:
        updates, events = db.execute(
            "SELECT count(*), count(DISTINCT event_id) FROM updates WHERE event_id IS NOT NULL"
        ).fetchone()
    return {"updates_in_events": updates, "events": events}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--share", type=float, default=0.05,
                        help="share of the sources that change in each measured round")
    args = parser.parse_args(argv)
    with (
        tempfile.TemporaryDirectory(prefix="alertbot-cluster-", ignore_cleanup_errors=True) as tmp,
        FeedServerProcess() as server,
    ):
        result = asyncio.run(_run(server, Path(tmp), args.sources, args.rounds, args.share))
    for key, value in result.summary().items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
