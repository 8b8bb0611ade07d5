"""How fast match runs compared with a bare Aho-Corasick scan of the same texts.

Run: ``.venv/bin/python -m bench.match_bench [--updates N] [--seed S] [--repeat R] [--cpu]``

Both sides use the matcher's own automaton (every place term and severity word) over the same
generated news paragraphs; the baseline only lower-cases each text and walks every hit, which is
the least any scanner must do. The target is a ratio of at least 0.21 (issue 11). ``--cpu``
times both with the process's CPU clock instead of the wall clock: on a machine shared with
other work, time spent waiting for a core then counts for neither.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from bot.pipeline.match import Matcher, load_matcher

CONFIG = Path(__file__).resolve().parents[1] / "config"

# Sentence shapes of wire copy and live blogs; {place} and {other} are filled from the tree.
_SENTENCES = [
    "Update ({hh}{mm} EST): Gunfire reported near the border in {place}.",
    "Officials in {place} said talks with {other} would resume next week after months of tension.",
    "{n} people were killed and dozens wounded when shelling hit a market outside {place}.",
    "The ministry denied reports that troops had crossed into {other}; no injuries were reported.",
    "Protesters gathered in the capital of {place} for a third day, calling for new elections.",
    "Analysts warned that sanctions on {other} could push prices higher across the region.",
    "A spokesperson for the government of {place} told reporters the situation was under control.",
    "Residents of {place} described long queues at fuel stations and closed schools.",
    "In the event of an escalation, {other} has threatened to close its airspace to all flights.",
    "Tensions seem to be falling after both sides agreed to allow monitors into {place}.",
    "Markets in {place} rose slightly as the central bank held rates steady on Tuesday.",
    "The foreign minister of {other} is expected to visit {place} before the summit.",
    "Aid agencies said roads between {place} and the coast remain blocked by landslides.",
    "Police arrested {n} people after clashes between rival fans outside the stadium.",
    "An evacuation order was issued for villages along the river as water levels rose.",
]


def _texts(matcher: Matcher, count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    places = [r.name for r in matcher.regions() if r.country is not None]
    out = []
    for _ in range(count):
        sentences = [
            rng.choice(_SENTENCES).format(
                place=rng.choice(places),
                other=rng.choice(places),
                n=rng.randint(2, 40),
                hh=rng.randint(10, 23),
                mm=rng.randint(10, 59),
            )
            for _ in range(rng.randint(2, 6))
        ]
        title = f"{rng.choice(places)} latest: what we know"
        out.append((title, " ".join(sentences)))
    return out


def _rate(
    run: Callable[[], None], count: int, repeat: int, clock: Callable[[], float]
) -> float:
    """Updates per second: the best of ``repeat`` runs, to keep scheduler noise out."""
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        run()
        best = min(best, clock() - start)
    return count / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cpu", action="store_true", help="time with the CPU clock")
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter

    start = time.perf_counter()
    matcher = load_matcher(CONFIG)
    build = time.perf_counter() - start
    texts = _texts(matcher, args.updates, args.seed)
    automaton = matcher.automaton

    def raw() -> None:
        hits = 0
        for title, text in texts:
            for _ in automaton.iter(f" {title}\n{text} ".lower()):
                hits += 1

    def full() -> None:
        for title, text in texts:
            # As a poll does: every source declares its language, so none is detected.
            matcher.match(text, title, language="en")

    raw_rate = _rate(raw, len(texts), args.repeat, clock)
    match_rate = _rate(full, len(texts), args.repeat, clock)
    chars = sum(len(t) + len(x) for t, x in texts) / len(texts)
    print(f"terms in automaton : {matcher.term_count}")
    print(f"build              : {build:.2f} s")
    print(f"updates            : {len(texts)} (mean {chars:.0f} characters)")
    print(f"clock              : {'CPU' if args.cpu else 'wall'}")
    print(f"raw scan           : {raw_rate:,.0f} updates/s ({1e6 / raw_rate:.1f} µs each)")
    print(f"match              : {match_rate:,.0f} updates/s ({1e6 / match_rate:.1f} µs each)")
    print(f"ratio match/raw    : {match_rate / raw_rate:.3f} (target >= 0.21)")


if __name__ == "__main__":
    main()
