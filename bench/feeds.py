"""Generated news feeds for the benchmarks: what 2,000 (or 10,000) publishers look like.

Every source serves 50 entries. Most are ordinary wire stories (a headline and a summary of one
or two HTML paragraphs with links and emphasis, as BBC- or AP-style feeds ship them); a few are
developing stories whose ``content:encoded`` holds the full article with "Update (HHMM GMT):"
paragraphs on top, as live pages write them. One source in five is Atom, the rest RSS 2.0.

A source changes by *versions*: each new version either puts a fresh update paragraph on top of
its first developing story (a new segment) or a new entry on top of the feed (the oldest falls
off), alternately. Everything is derived from the source index, the version and a seed, so the
feed server (in its own process) and the bench agree on what was served without sharing state.

The text is written for this project; places are real so that matching has work to do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

ENTRIES = 50
#: developing stories per feed; the rest are plain wire entries
DEVELOPING = 3

_EPOCH = datetime(2026, 3, 4, 6, 0, tzinfo=UTC)

PLACES = (
    "Kosovo", "Serbia", "Pristina", "Mitrovica", "Bosnia", "Sarajevo", "Ukraine", "Kharkiv",
    "Odesa", "Moldova", "Georgia's capital Tbilisi", "Armenia", "Azerbaijan", "Gaza", "Lebanon",
    "Beirut", "Syria", "Yemen", "Sudan", "Khartoum", "Darfur", "Ethiopia", "Somalia",
    "Mogadishu", "Mali", "Burkina Faso", "Nigeria", "Lagos", "the Democratic Republic of the "
    "Congo", "Goma", "Haiti", "Port-au-Prince", "Venezuela", "Ecuador", "Peru", "Chile",
    "Myanmar", "Bangladesh", "Dhaka", "Pakistan", "Karachi", "Afghanistan", "Kabul", "Taiwan",
    "the Philippines", "Manila", "Indonesia", "Papua New Guinea", "Japan", "Nepal",
)

#: lead sentences of wire stories; {p} and {q} are places, {n} a number
_LEADS = (
    "Officials in {p} said talks with {q} would resume next week after months of tension.",
    "Heavy rain caused flooding across {p}, cutting roads and forcing {n} families from homes.",
    "The government of {p} announced a cabinet reshuffle on {day}, replacing {n} ministers.",
    "Protesters gathered outside parliament in {p} for a third day, calling for new elections.",
    "A magnitude 5.{n1} earthquake struck near {p} early on {day}; no damage was reported.",
    "Aid agencies said convoys had reached {p} for the first time in {n} weeks.",
    "The central bank of {p} held interest rates steady, citing slowing inflation.",
    "Police in {p} arrested {n} people after clashes outside a football stadium.",
    "Election officials in {p} began counting ballots after turnout of {n} per cent.",
    "Shelling hit a market on the outskirts of {p}, killing {n} people, officials said.",
    "Fuel shortages in {p} left long queues at petrol stations for a second week.",
    "Talks between {p} and {q} on a border crossing ended without agreement.",
    "A ferry carrying {n}0 passengers ran aground off {p}; all were rescued, the coastguard said.",
    "Doctors in {p} warned that hospitals were running short of basic medicines.",
    "Wildfires near {p} forced the evacuation of {n} villages overnight.",
)
_FOLLOWS = (
    "A spokesperson said the situation was being monitored closely.",
    "Residents described scenes of confusion as emergency crews arrived.",
    "The ministry promised a full statement later in the day.",
    "Neighbouring countries called for calm and urged both sides to return to talks.",
    "Analysts said the decision could weigh on prices across the region.",
    "It was not immediately clear how many people had been affected.",
    "The United Nations said it was ready to send additional staff if asked.",
    "Opposition leaders dismissed the announcement as too little, too late.",
)
_UPDATES = (
    "Gunfire reported near the main crossing into {p}, local police say.",
    "Officials in {p} confirm {n} people wounded; the hospital has asked for blood donors.",
    "Explosions heard in the north of {p}; the army says air defences were active.",
    "Roads out of {p} reopened this morning but checkpoints remain in place.",
    "The foreign minister of {q} says she will travel to {p} tomorrow.",
    "A curfew is in force across {p} from 8 p.m. until further notice.",
    "Power has been restored to most districts of {p}, the utility says.",
    "Rescue teams pulled {n} survivors from the rubble in {p} overnight.",
    "Authorities in {p} evacuate coastal towns as the storm approaches.",
    "Talks in {q} on a ceasefire for {p} have been postponed until Monday.",
)
_TITLES = (
    "{p}: what we know so far",
    "Crisis in {p} deepens as talks stall",
    "{p} latest: officials urge calm",
    "Live: developments in {p}",
    "{p} braces for a long night",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class FeedShape:
    """How a source is served: the share of sources with each behaviour is fixed by index."""

    index: int
    #: "rss" or "atom"
    kind: str
    #: False for the servers that send the same body again without ETag or Last-Modified
    validators: bool


def shape(index: int) -> FeedShape:
    """Sources 0, 1, 2 of every 20 have no validators (15 %); one source in five is Atom."""
    return FeedShape(index, "atom" if index % 5 == 4 else "rss", validators=index % 20 >= 3)


def path(index: int) -> str:
    return f"/feeds/{index:05d}.xml"


def link(index: int, entry: int) -> str:
    """An entry's permalink: unique per source and entry, so the bench can tell alerts apart."""
    return f"https://desk{index:05d}.news.example/story/{entry}"


def changed_sources(round_no: int, candidates: list[int], count: int, seed: int) -> list[int]:
    """The sources that change in a round: ``count`` of ``candidates``, drawn afresh each round."""
    rng = random.Random(f"{seed}:round:{round_no}")
    return sorted(rng.sample(candidates, min(count, len(candidates))))


def body(index: int, version: int, seed: int = 1) -> bytes:
    """The feed of source ``index`` after ``version`` changes."""
    feed = _Feed(index, seed)
    entries = feed.entries(version)
    if shape(index).kind == "atom":
        return _atom(index, entries)
    return _rss(index, entries)


def newest_update(index: int, version: int, seed: int = 1) -> tuple[str, str]:
    """What version ``version`` (>= 1) added: the entry's link and the new paragraph's text.

    The bench matches alerts reaching the fake Discord to changes by the entry link and text.
    """
    feed = _Feed(index, seed)
    if version % 2 == 1:
        story = feed.story(0)
        return link(index, story.number), feed.update_text(0, version)
    entry = feed.wire(-version)
    return link(index, entry.number), entry.paragraphs[0]


@dataclass(frozen=True, slots=True)
class _Entry:
    number: int
    title: str
    #: summary paragraphs (HTML-escaped text; rendered with light markup)
    paragraphs: tuple[str, ...]
    published: datetime
    #: update paragraphs of a developing story, newest first, as (marker, text)
    updates: tuple[tuple[str, str], ...] = ()


class _Feed:
    """One source's entries: deterministic in (index, seed), extended by version."""

    def __init__(self, index: int, seed: int) -> None:
        self.index = index
        self.seed = seed

    def _rng(self, *key: object) -> random.Random:
        return random.Random(":".join(str(k) for k in (self.seed, self.index, *key)))

    def _fill(self, rng: random.Random, template: str) -> str:
        p, q = rng.sample(PLACES, 2)
        return template.format(p=p, q=q, n=rng.randint(2, 40), n1=rng.randint(0, 9),
                               day=rng.choice(_DAYS))

    def wire(self, number: int) -> _Entry:
        """Wire entry ``number`` (negative numbers are the ones added by later versions)."""
        rng = self._rng("wire", number)
        lead = self._fill(rng, rng.choice(_LEADS))
        paragraphs = [lead, *rng.sample(_FOLLOWS, rng.randint(0, 2))]
        title = lead.split(",")[0].split(";")[0].rstrip(".")
        # Later versions are newer; the initial entries go back one hour each.
        published = _EPOCH + timedelta(minutes=-60 * number)
        return _Entry(1000 + number, title, tuple(paragraphs), published)

    def story(self, which: int) -> _Entry:
        rng = self._rng("story", which)
        title = self._fill(rng, rng.choice(_TITLES))
        lead = [self._fill(rng, rng.choice(_LEADS)) for _ in range(2)]
        body = lead + rng.sample(_FOLLOWS, 3)
        first = tuple((self.marker(which, -k), self._fill(rng, rng.choice(_UPDATES)))
                      for k in range(rng.randint(1, 4)))
        return _Entry(which, title, tuple(body), _EPOCH - timedelta(hours=which), first)

    def marker(self, which: int, step: int) -> str:
        at = _EPOCH + timedelta(hours=4, minutes=7 * step + 11 * which)
        return f"Update ({at:%H%M} GMT)"

    def update_text(self, which: int, version: int) -> str:
        rng = self._rng("update", which, version)
        return self._fill(rng, rng.choice(_UPDATES))

    def entries(self, version: int) -> list[_Entry]:
        stories = [self.story(k) for k in range(DEVELOPING)]
        # Odd versions grow the first story, even versions add a wire entry on top.
        grown = [(self.marker(0, v), self.update_text(0, v)) for v in range(version, 0, -1)
                 if v % 2 == 1]
        first = stories[0]
        stories[0] = _Entry(first.number, first.title, first.paragraphs, first.published,
                            (*grown, *first.updates))
        added = [self.wire(-v) for v in range(version, 0, -1) if v % 2 == 0]
        wires = [self.wire(k) for k in range(ENTRIES - DEVELOPING)]
        return (added + stories[:1] + wires[:4] + stories[1:] + wires[4:])[:ENTRIES]


def _summary_html(entry: _Entry, index: int) -> str:
    parts = []
    for i, text in enumerate(entry.paragraphs):
        safe = escape(text)
        if i == 0:
            # A link on the first place name and some emphasis, as newsrooms' CMSes emit.
            first = next((p for p in PLACES if p in text), None)
            if first is not None:
                safe = safe.replace(
                    escape(first),
                    f'<a href="https://desk{index:05d}.news.example/topic/{entry.number}">'
                    f"{escape(first)}</a>", 1)
            parts.append(f"<p><strong>{safe}</strong></p>")
        else:
            parts.append(f"<p>{safe}</p>")
    return "".join(parts)


def _article_html(entry: _Entry, index: int) -> str:
    updates = "".join(f"<p><strong>{escape(m)}:</strong> {escape(t)}</p>"
                      for m, t in entry.updates)
    figure = (f'<figure><img src="https://img.news.example/{index}/{entry.number}.jpg" '
              'alt=""><figcaption>Emergency crews at work.</figcaption></figure>')
    trailer = ('<p><em>This story is developing and will be updated.</em></p><h3>More on this'
               f' story</h3><ul><li><a href="{link(index, entry.number + 100)}">Background: '
               "how the crisis began</a></li></ul>")
    return updates + figure + _summary_html(entry, index) + trailer


def _rss(index: int, entries: list[_Entry]) -> bytes:
    items = []
    for e in entries:
        content = (f"<content:encoded><![CDATA[{_article_html(e, index)}]]></content:encoded>"
                   if e.updates else "")
        items.append(
            f"<item><title>{escape(e.title)}</title><link>{link(index, e.number)}</link>"
            f'<guid isPermaLink="true">{link(index, e.number)}</guid>'
            f"<pubDate>{format_datetime(e.published, usegmt=True)}</pubDate>"
            f"<category>World</category>"
            f"<description>{escape(_summary_html(e, index))}</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>Desk {index:05d} – World</title><link>https://desk{index:05d}.news.example/</link>"
        "<description>The latest world news</description><language>en-gb</language>"
        f"<lastBuildDate>{format_datetime(_EPOCH, usegmt=True)}</lastBuildDate>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def _atom(index: int, entries: list[_Entry]) -> bytes:
    items = []
    for e in entries:
        html = _article_html(e, index) if e.updates else _summary_html(e, index)
        items.append(
            f"<entry><title>{escape(e.title)}</title>"
            f'<link rel="alternate" href="{link(index, e.number)}"/>'
            f"<id>{link(index, e.number)}</id>"
            f"<published>{e.published.isoformat()}</published>"
            f"<updated>{e.published.isoformat()}</updated>"
            f'<summary type="html">{escape(_summary_html(e, index))}</summary>'
            f'<content type="html">{escape(html)}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Desk {index:05d} – World</title><id>https://desk{index:05d}.news.example/</id>"
        f'<link rel="self" href="https://desk{index:05d}.news.example/atom.xml"/>'
        f"<updated>{_EPOCH.isoformat()}</updated>{''.join(items)}</feed>"
    ).encode()


def entry_links(index: int, version: int, seed: int = 1) -> list[str]:
    """The entry keys (guid or id: the permalink) of a source's feed at ``version``."""
    return [link(index, e.number) for e in _Feed(index, seed).entries(version)]
