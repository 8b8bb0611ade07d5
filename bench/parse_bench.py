"""How fast parse is against feedparser, fastfeedparser and a bare lxml pass.

Run with ``.venv/bin/python -m bench.parse_bench`` (needs the ``bench`` extra for
fastfeedparser). Feeds: generated 50-entry news feeds (RSS 2.0 with content:encoded, Atom) with
realistic HTML paragraphs, plus every well-formed corpus feed when ../shared/corpus is present.

Our parse is timed three ways, because a poll only pays for what changed:

- ``parse``: both stages for every entry (a feed seen for the first time);
- ``read_feed``: the first stage only (drafts with content hashes; no HTML work);
- ``read+1``: ``read_feed`` on a feed with 1 changed entry: the drafts, and ``entry()`` for
  the first of them only (a changed feed whose only change is one new entry: the usual poll
  that finds something).

Each parser runs on the same bytes in the same process, interleaved round by round so that a
busy machine slows them alike; the figure is the median of the rounds, and the ratios are
against fastfeedparser.

``--baseline DIR`` then times our three figures for the ``bot`` package in DIR (e.g. made with
``git archive <commit> bot | tar -x -C DIR``) against this tree's: the baseline runs in a
process of its own, and the two take turns call by call on the same bytes, so that a change of
load on the machine meets both. It prints the best time of each and their ratio (this tree /
baseline): the best, not the median, because other work on a shared machine only ever adds
time, and a median of few rounds moved by ±30 % between runs.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import feedparser
from lxml import etree

from bot.pipeline import html_text
from bot.pipeline.parse import parse, read_feed

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"

_TEXT = (
    "officials said the river crossing bridge remained closed after overnight storms and "
    "emergency crews were working to restore power to thousands of homes in the northern "
    "districts while schools announced closures and the ministry promised an update by noon"
)
_WORDS = _TEXT.split(" ")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(8, 22))
    return " ".join(words).capitalize() + "."


def _article(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(4, 9)):
        text = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        text = text.replace(" bridge ", ' <a href="https://news.example/b">bridge</a> ', 1)
        text = text.replace(" power ", " <strong>power</strong> ", 1)
        parts.append(f"<p>{text}</p>")
    parts.insert(2, '<figure><img src="https://img.example/1.jpg" alt="">'
                    "<figcaption>Crews at work.</figcaption></figure>")
    parts.append("<p>Share this article</p><h3>Related stories</h3><ul><li>Older story</li></ul>")
    return "".join(parts)


def news_rss(entries: int = 50, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    items = "".join(
        f"<item><title>{_sentence(rng)}</title><link>https://news.example/{i}</link>"
        f'<guid isPermaLink="false">news-{i}</guid>'
        f"<pubDate>Tue, 04 Mar 2025 {i % 24:02d}:13:00 GMT</pubDate>"
        f"<description><![CDATA[{_sentence(rng)}]]></description>"
        f"<content:encoded><![CDATA[{_article(rng)}]]></content:encoded></item>"
        for i in range(entries)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Bench News</title><link>https://news.example/</link>{items}</channel></rss>"
    ).encode()


def news_atom(entries: int = 50, seed: int = 2) -> bytes:
    rng = random.Random(seed)
    items = "".join(
        f"<entry><title>{_sentence(rng)}</title><link href='https://news.example/a{i}'/>"
        f"<id>tag:news.example,2025:{i}</id><updated>2025-03-04T{i % 24:02d}:13:00Z</updated>"
        f"<content type='html'>{_escape(_article(rng))}</content></entry>"
        for i in range(entries)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Bench News</title><id>tag:news.example,2025:feed</id>{items}</feed>"
    ).encode()


def _escape(html: str) -> str:
    return html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _read_one(body: bytes) -> object:
    drafts = read_feed(body).drafts
    return drafts[0].entry() if drafts else None


def _ours() -> dict[str, Callable[[bytes], object]]:
    return {"parse": parse, "read_feed": read_feed, "read+1": _read_one}


def _parsers() -> dict[str, Callable[[bytes], object]]:
    safe = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parsers: dict[str, Callable[[bytes], object]] = {
        **_ours(),
        "lxml bare": lambda b: etree.fromstring(b.lstrip(), safe),
        "feedparser": lambda b: feedparser.parse(io.BytesIO(b)),
    }
    try:
        import fastfeedparser
    except ImportError:
        print("fastfeedparser is not installed (pip install -e '.[bench]'): left out")
    else:
        parsers["fastfeedparser"] = fastfeedparser.parse
    return parsers


def _time_all(
    parsers: dict[str, Callable[[bytes], object]], body: bytes, rounds: int
) -> dict[str, float]:
    """Median milliseconds per parser, the parsers taking turns within each round."""
    samples: dict[str, list[float]] = {name: [] for name in parsers}
    for _ in range(rounds):
        for name, fn in parsers.items():
            start = time.perf_counter()
            fn(body)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) * 1000 for name, times in samples.items()}


def _corpus_feeds() -> list[tuple[str, bytes]]:
    if not SHARED_CORPUS.is_dir():
        return []
    feeds = []
    for path in sorted((SHARED_CORPUS / "real").glob("*.xml")):
        body = path.read_bytes()
        try:
            etree.fromstring(body.lstrip(), etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError:
            continue
        feeds.append((path.name, body))
    return feeds


def _html_to_text(rounds: int) -> None:
    """HTML → text alone, per generated article: the cost ``entry()`` adds per changed entry."""
    rng = random.Random(3)
    articles = [_article(rng) for _ in range(50)]
    best = min(
        _seconds(lambda: [html_text.paragraphs(a) for a in articles]) for _ in range(rounds)
    )
    size = sum(len(a) for a in articles) / len(articles) / 1000
    print(f"html_text.paragraphs: {best / len(articles) * 1e6:.0f} us per article "
          f"({size:.1f} KB of HTML on average, best of {rounds} rounds)")


def _once(fn: Callable[[bytes], object], body: bytes) -> float:
    start = time.perf_counter()
    fn(body)
    return time.perf_counter() - start


def _seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _cases() -> list[tuple[str, bytes]]:
    return [("generated RSS 2.0, 50 entries", news_rss()),
            ("generated Atom, 50 entries", news_atom())]


class _Worker:
    """The ``bot`` package in a directory, in a process of its own, timing one call at a time
    on request."""

    def __init__(self, directory: Path) -> None:
        # cwd is ``directory`` so that ``-m`` finds ``bot`` there first and ``bench`` here.
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(directory.resolve()), str(ROOT)]))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.parse_bench", "--serve"],
            cwd=directory, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )

    def seconds(self, body: int, name: str) -> float:
        """One call of ``name`` on body number ``body`` (of ``_cases()`` + ``_corpus_feeds()``)."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(f"{body} {name}\n")
        self._process.stdin.flush()
        return float(self._process.stdout.readline())

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait()


def _serve() -> None:
    """A worker's side of ``--baseline``: a line "body name" in, the seconds it took out."""
    bodies = [body for _, body in _cases() + _corpus_feeds()]
    ours = _ours()
    for line in sys.stdin:
        body, name = line.split()
        print(_once(ours[name], bodies[int(body)]), flush=True)


def _against_baseline(directory: Path, rounds: int) -> None:
    """Our three figures, baseline and this tree taking turns call by call, each in a worker
    process (so that both wait on a pipe alike): per feed the best of the rounds, the corpus
    row their sum."""
    cases, corpus = _cases(), _corpus_feeds()
    count = len(cases) + len(corpus)
    rows = [(label, [i], rounds) for i, (label, _) in enumerate(cases)]
    if corpus:
        rows.append((f"corpus, {len(corpus)} well-formed feeds", list(range(len(cases), count)),
                     max(3, rounds // 5)))
    baseline, this = _Worker(directory), _Worker(ROOT)
    print(f"\nagainst the baseline in {directory} (best ms, baseline → this tree, ratio):")
    print(f"{'feed':<34}" + "".join(f"{n:>28}" for n in _ours()))
    try:
        for label, indices, turns in rows:
            cells = []
            for name in _ours():
                old = new = 0.0
                for i in indices:
                    times: dict[_Worker, list[float]] = {baseline: [], this: []}
                    for turn in range(turns):
                        # who goes first alternates, so that neither always meets a warm cache
                        for worker in (baseline, this) if turn % 2 else (this, baseline):
                            times[worker].append(worker.seconds(i, name))
                    old += min(times[baseline]) * 1000
                    new += min(times[this]) * 1000
                cells.append(f"{old:.2f} → {new:.2f} ({new / old:.3f})")
            print(f"{label:<34}" + "".join(f"{c:>28}" for c in cells))
    finally:
        baseline.close()
        this.close()


def main(argv: list[str] | None = None) -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--rounds", type=int, default=15)
    args.add_argument("--baseline", type=Path,
                      help="also time the bot package in this directory against this tree")
    args.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    opts = args.parse_args(argv)
    if opts.serve:
        _serve()
        return
    parsers = _parsers()
    names = list(parsers)
    print(f"{'feed':<34}" + "".join(f"{n:>15}" for n in names) + "   (median ms)")
    cases = _cases()
    for label, body in cases:
        row = _time_all(parsers, body, opts.rounds)
        print(f"{label:<34}" + "".join(f"{row[n]:>15.2f}" for n in names))
        _ratios(row)
    corpus = _corpus_feeds()
    if corpus:
        totals = dict.fromkeys(names, 0.0)
        for _, body in corpus:
            for n, ms in _time_all(parsers, body, max(3, opts.rounds // 5)).items():
                totals[n] += ms
        print(f"{f'corpus, {len(corpus)} well-formed feeds':<34}"
              + "".join(f"{totals[n]:>15.2f}" for n in names))
        _ratios(totals)
    _html_to_text(opts.rounds)
    if opts.baseline is not None:
        _against_baseline(opts.baseline, opts.rounds)


def _ratios(row: dict[str, float]) -> None:
    base = row.get("fastfeedparser")
    if base:
        print(" " * 4 + "ratio to fastfeedparser: "
              + ", ".join(f"{n} {v / base:.2f}x" for n, v in row.items()))


if __name__ == "__main__":
    main()
