"""Every benchmark in one run: ``.venv/bin/python -m bench`` (``make bench``).

Prints each section as it goes, then a table of the figures against their targets, and writes
``bench/results.json`` (one number per key; a run of some sections replaces their keys and keeps
the others). bench/RESULTS.md explains each figure and gives the command that reproduces it
alone. ``--only poll latency`` runs some sections; the poll section warms the database the
latency and scale sections start from, so it always runs before them. The pg section
(bench/pg_bench.py) needs the PostgreSQL server ``--postgres`` names, and ends the run at once
when it cannot be reached.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import delivery_bench, latency_bench, pg_bench, poll_bench, scale_bench
from bench.harness import FeedServerProcess
from tests.databases import reachable

HERE = Path(__file__).resolve().parent
SECTIONS = ("poll", "match", "delivery", "latency", "scale", "parse", "pg")

#: key → (target, "<=" or ">=", what it is)
TARGETS: dict[str, tuple[float, str, str]] = {
    "poll_vs_floor": (1.3, "<=", "our poll cycle / bare aiohttp + fastfeedparser"),
    "reader_vs_poll": (5.0, ">=", "reader's update / our poll cycle (same feeds)"),
    "match_vs_aho": (0.5, ">=", "match rate / raw Aho-Corasick scan rate"),
    "drain_vs_min": (1.15, "<=", "5,000-delivery drain / least time the limits allow"),
    "latency_p99_s": (math.nan, "<=", "change → message at the fake Discord, p99"),
    "cpu_10k_pct": (50.0, "<", "CPU, % of one core, 10,000 sources every 60 s"),
    "rss_10k_mb": (400.0, "<", "peak RSS, MB, 10,000 sources"),
    "rss_1k_mb": (math.nan, "", "peak RSS, MB, 1,000 sources"),
    "poll_interval_s": (math.nan, "", "poll interval of the latency run"),
    **{key: (target, "<=", what) for key, (target, what) in pg_bench.TARGETS.items()},
}


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    for package in ("aiohttp", "discord.py", "feedparser", "fastfeedparser", "reader", "lxml"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def match_section() -> dict[str, float]:
    """bench/match_bench.py in a process of its own (a fresh heap for its timing); it prints its
    ratio, which is read from its output."""
    out = _run_module("bench.match_bench")
    ratio = re.search(r"ratio match/raw\s*:\s*([0-9.]+)", out)
    if ratio is None:
        raise RuntimeError("bench.match_bench printed no ratio")
    return {"match_vs_aho": float(ratio.group(1))}


def parse_section() -> None:
    """bench/parse_bench.py (RESULTS.md ## Parse): printed, not scored."""
    _run_module("bench.parse_bench", "--rounds", "5")


def _run_module(module: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", module, *args], capture_output=True,
                          text=True, check=False, cwd=HERE.parent)
    print(_indent(done.stdout), end="", flush=True)
    if done.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{done.stderr}")
    return done.stdout


def _indent(text: str) -> str:
    return "".join(f"  {line}\n" for line in text.splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--reader-sources", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile-dir", type=Path,
                        help="write pyinstrument profiles of the poll cycle here")
    parser.add_argument("--postgres", metavar="URL", default=pg_bench.DEFAULT_URL,
                        help="the PostgreSQL server of the pg section (a schema per step)")
    args = parser.parse_args(argv)
    wanted = set(args.only)
    if wanted & {"latency", "scale"}:
        wanted.add("poll")
    if "pg" in wanted:
        try:
            reachable(args.postgres)
        except ConnectionError as e:
            print(f"bench: the pg section needs PostgreSQL: {e} (--postgres URL)",
                  file=sys.stderr)
            return 2

    started = time.monotonic()
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()), flush=True)
    results: dict[str, float] = {}
    details: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="alertbot-bench-", ignore_cleanup_errors=True) as tmp:
        workdir = Path(tmp)
        if "poll" in wanted:
            with FeedServerProcess() as server:
                _poll_and_after(server, workdir, args, wanted, results, details)
        if "delivery" in wanted:
            _section("delivery: 5,000 deliveries to 1,000 channels, realistic rate limits")
            drains = asyncio.run(delivery_bench.run())
            details["delivery"] = delivery_bench.summary(drains)
            results["drain_vs_min"] = details["delivery"]["drain_vs_min"]
        if "match" in wanted:
            _section("match: bench/match_bench.py")
            results.update(match_section())
        if "parse" in wanted:
            _section("parse: bench/parse_bench.py --rounds 5 (see RESULTS.md ## Parse)")
            parse_section()
        if "pg" in wanted:
            details["pg"] = pg_bench.run(args.postgres, workdir, sources=args.sources,
                                         rounds=args.rounds)
            results.update(pg_bench.figures(details["pg"]))

    print(f"\nall done in {time.monotonic() - started:.0f} s\n")
    for name, detail in details.items():
        print(f"{name}: {json.dumps(detail, default=str)}")
    _table(results)
    kept = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    args.out.write_text(json.dumps(kept | results, indent=2, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


def _poll_and_after(
    server: FeedServerProcess, workdir: Path, args: argparse.Namespace, wanted: set[str],
    results: dict[str, float], details: dict[str, Any],
) -> None:
    _section(f"poll: one steady-state cycle of {args.sources} sources")
    profile = args.profile_dir / "poll.txt" if args.profile_dir else None
    poll = poll_bench.run(server, workdir, sources=args.sources, rounds=args.rounds,
                          reader_sources=args.reader_sources, profile=profile)
    details["poll"] = {k: v for k, v in poll.summary().items() if k != "samples"}
    results["poll_vs_floor"] = poll.poll_vs_floor
    results["reader_vs_poll"] = poll.reader_vs_poll
    if "latency" in wanted:
        _section("latency: change at a source → message at the fake Discord, whole bot")
        latency = asyncio.run(latency_bench.run(server, poll.db_path, poll.versions, workdir))
        details["latency"] = latency.summary()
        results["latency_p99_s"] = latency.percentile(99)
        results["poll_interval_s"] = latency.interval_s
    if "scale" in wanted:
        # The sped-up clock must leave the process room to keep up: 10,000 sources need about
        # a third of a core at the wall's pace, so twice as fast is the most they get.
        for n, key, speed in ((1000, "1k", 4.0), (10_000, "10k", 2.0)):
            _section(f"scale: {n} sources every 60 s in one process (clock x{speed:g})")
            scale = scale_bench.run_one(server, poll.db_path, poll.versions, workdir, n, speed)
            details[f"scale_{key}"] = scale.summary()
            results[f"rss_{key}_mb"] = scale.rss_mb
            if key == "10k":
                results["cpu_10k_pct"] = scale.cpu_pct
            print(f"  {scale.summary()}", flush=True)


def _section(title: str) -> None:
    print(f"\n== {title}", flush=True)


def _table(results: dict[str, float]) -> None:
    interval = results.get("poll_interval_s", math.nan)
    print(f"\n{'figure':<16}{'value':>10}  {'target':<12}{'':<8}what")
    for key, (target, sense, what) in TARGETS.items():
        if key not in results:
            continue
        value = results[key]
        if key == "latency_p99_s":
            target = interval + 2
        verdict = ""
        if sense and not math.isnan(target):
            met = {"<=": value <= target, ">=": value >= target, "<": value < target}[sense]
            verdict = "met" if met else "MISSED"
            shown = f"{sense} {target:g}"
        else:
            shown = ""
        print(f"{key:<16}{value:>10.2f}  {shown:<12}{verdict:<8}{what}")


if __name__ == "__main__":
    raise SystemExit(main())
