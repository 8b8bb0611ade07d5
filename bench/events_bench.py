"""What clustering (issue 14) costs per update, against what ``match`` costs in the same run.

Run: ``.venv/bin/python -m bench.events_bench [--updates N] [--candidates 50 200] [--repeat R]``

For the same generated news paragraphs as bench/match_bench.py (about 380 characters, the
language given as a poll gives it) it times:

- ``match`` itself: the baseline, the step clustering follows;
- ``sign``: the signature built once per update (folding, shingles, sketch, facts);
- ``join`` of one update against N candidates' stored signatures (the store's query for the
  updates of the last 6 h sharing a region returns them).

Clustering costs ``sign`` plus one ``join`` per new update. Issue 14's target is at most 10 % of
a poll cycle at 2,000 sources; bench/RESULTS.md turns the ratios printed here into that share.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bench.match_bench import CONFIG, _texts
from bot.events import Candidate, Signature, join, sign
from bot.pipeline.match import load_matcher


def _seconds(run: Callable[[], None], repeat: int) -> float:
    """The best of ``repeat`` runs, to keep scheduler noise out."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--candidates", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    matcher = load_matcher(CONFIG)
    texts = _texts(matcher, args.updates, args.seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    matches = [matcher.match(text, title, language="en") for title, text in texts]

    def match_all() -> None:
        for title, text in texts:
            matcher.match(text, title, language="en")

    def sign_all() -> None:
        for i, ((title, text), match) in enumerate(zip(texts, matches, strict=True)):
            sign(title, text, match, language="en", at=start + timedelta(seconds=i))

    signatures = [
        sign(title, text, match, language="en", at=start + timedelta(seconds=i))
        for i, ((title, text), match) in enumerate(zip(texts, matches, strict=True))
    ]
    match_s = _seconds(match_all, args.repeat) / len(texts)
    sign_s = _seconds(sign_all, args.repeat) / len(texts)
    print(f"updates            : {len(texts)}")
    print(f"match              : {1e6 * match_s:7.1f} µs per update (baseline)")
    print(f"sign               : {1e6 * sign_s:7.1f} µs per update, ratio to match "
          f"{sign_s / match_s:.3f}")
    for count in args.candidates:
        pool = [Candidate(i, i, s) for i, s in enumerate(signatures[:count])]
        probes = signatures[count : count + 200] or signatures[:200]

        def join_all(pool: list[Candidate] = pool, probes: list[Signature] = probes) -> None:
            for probe in probes:
                join(probe, pool)

        join_s = _seconds(join_all, args.repeat) / len(probes)
        total = (sign_s + join_s) / match_s
        print(f"join, {count:4} cands : {1e6 * join_s:7.1f} µs per update, ratio to match "
              f"{join_s / match_s:.3f}; sign + join {total:.3f}")


if __name__ == "__main__":
    main()
