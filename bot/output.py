"""What the CLI prints: stable JSON shapes (documented in the README) and plain-text tables.

Pure functions over the model; field names are the words of DESIGN.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.events import Joined
from bot.model import Match, ParsedFeed, StoredEvent, StoredUpdate
from bot.pipeline.match import Matcher
from bot.pipeline.poll import PollReport


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def match_json(matcher: Matcher, match: Match) -> dict[str, Any]:
    terms = {hit.region: list(hit.terms) for hit in match.hits}
    regions = []
    for region_id in match.regions:
        region = matcher.region(region_id)
        regions.append({
            "id": region_id,
            "name": region.name if region else region_id,
            "ancestors": list(matcher.ancestors(region_id)),
            "terms": terms.get(region_id, []),
            "direct": region_id in terms,
            "country": region.country if region else None,
        })
    return {
        "regions": regions,
        "severity": match.severity.label,
        "reasons": list(match.reasons),
        "places": [
            {
                "written": c.written,
                "regions": list(c.sense.regions),
                "countries": sorted(c.sense.countries),
                "kind": c.sense.kind,
                "score": round(c.score, 2) if c.score != float("-inf") else None,
                "evidence": list(c.evidence),
                "chosen": c.chosen,
            }
            for c in match.candidates
        ],
    }


def match_text(matcher: Matcher, match: Match) -> str:
    lines = [f"severity: {match.severity.label}"]
    if not match.regions:
        lines.append("regions:  none")
    for hit in match.hits:
        region = matcher.region(hit.region)
        chain = " → ".join([hit.region, *matcher.ancestors(hit.region)])
        name = region.name if region else hit.region
        lines.append(f"region:   {name} ({chain}) from {', '.join(repr(t) for t in hit.terms)}")
    lines.extend(f"why:      {reason}" for reason in match.reasons)
    for c in match.candidates:
        mark = "✓" if c.chosen else " "
        score = "never" if c.score == float("-inf") else f"{c.score:+.1f}"
        where = ", ".join(c.sense.regions)
        lines.append(
            f"place: {mark} {c.written!r} as {where} ({c.sense.kind}) {score}: "
            + "; ".join(c.evidence)
        )
    return "\n".join(lines)


def feed_json(feed: ParsedFeed) -> dict[str, Any]:
    return {
        "kind": feed.kind,
        "title": feed.title,
        "link": feed.link,
        "entries": [
            {
                "key": e.key,
                "title": e.title,
                "link": e.link,
                "published": _iso(e.published),
                "updated": _iso(e.updated),
                "segments": [
                    {"marker": s.marker, "paragraphs": list(s.paragraphs)} for s in e.segments
                ],
            }
            for e in feed.entries
        ],
    }


def feed_text(feed: ParsedFeed) -> str:
    lines = [f"{feed.kind} feed: {feed.title or '(no title)'} ({len(feed.entries)} entries)"]
    for entry in feed.entries:
        lines.append("")
        lines.append(f"* {entry.title or '(no title)'}")
        lines.append(f"  key: {entry.key}")
        if entry.link:
            lines.append(f"  link: {entry.link}")
        if entry.published or entry.updated:
            lines.append(f"  date: {_iso(entry.updated or entry.published)}")
        for segment in entry.segments:
            lines.append(f"  [{segment.marker or 'text'}] {len(segment.paragraphs)} paragraph(s)")
            for paragraph in segment.paragraphs:
                lines.append(f"      {_clip(paragraph, 110)}")
    return "\n".join(lines)


def update_json(update: StoredUpdate, reports: Sequence[str] = ()) -> dict[str, Any]:
    """``reports``: the source ids that reported the update's event (issue 14)."""
    return {
        "id": update.id,
        "key": update.key,
        "source": update.source,
        "link": update.link,
        "title": update.title,
        "text": update.text,
        "marker": update.marker,
        "kind": update.kind,
        "regions": list(update.match.regions),
        "severity": update.match.severity.label,
        "published": _iso(update.published),
        "seen_at": _iso(update.seen_at),
        "event": update.event,
        "reports": list(reports),
    }


def updates_text(updates: Sequence[StoredUpdate]) -> str:
    blocks = []
    for u in updates:
        regions = ", ".join(u.match.regions[:4]) or "no region"
        head = f"#{u.id} [{u.match.severity.label}] {u.seen_at:%Y-%m-%d %H:%M} {u.source_name}"
        body = f"{u.marker}: {u.text}" if u.marker else u.text
        blocks.append(f"{head} ({regions})\n  {u.title}\n  {_clip(body, 300)}")
    return "\n\n".join(blocks)


def events_json(events: Sequence[StoredEvent]) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "created_at": _iso(e.created_at),
            "severity": e.severity.label,
            "regions": list(e.regions),
            "reports": [update_json(u, list(dict.fromkeys(r.source for r in e.reports)))
                        for u in e.reports],
        }
        for e in events
    ]


def events_text(events: Sequence[StoredEvent]) -> str:
    blocks = []
    for e in events:
        regions = ", ".join(e.regions[:4]) or "no region"
        sources = len({r.source for r in e.reports})
        lines = [f"event #{e.id} [{e.severity.label}] {e.created_at:%Y-%m-%d %H:%M} ({regions})"
                 f" — {len(e.reports)} report(s) from {sources} source(s)"]
        for u in e.reports:
            mark = " ↑ " + "; ".join(u.escalation) if u.escalation else ""
            lines.append(f"  #{u.id} {u.seen_at:%H:%M} {u.source_name}: {_clip(u.title, 90)}{mark}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def joined_json(update: StoredUpdate, joined: Joined | None) -> dict[str, Any]:
    """Why an update is in its event (``alertbot explain --update``)."""
    closest = joined.closest if joined is not None else None
    return {
        "update": update.id,
        "source": update.source,
        "event": update.event,
        "joined": joined is not None and joined.event is not None,
        "escalates": joined is not None and joined.escalates,
        "adds": list(joined.adds.describe()) if joined is not None else [],
        "closest": None if closest is None or joined is None or joined.comparison is None else {
            "update": closest.update,
            "event": closest.event,
            "reasons": list(joined.comparison.reasons()),
        },
    }


def joined_text(update: StoredUpdate, joined: Joined | None) -> str:
    head = f"update #{update.id} ({update.source_name}): {_clip(update.title, 80)}"
    if joined is None:
        return f"{head}\n  in no event: stored before events, or without a signature"
    if joined.event is not None and joined.closest is not None and joined.comparison:
        how = "an escalation, posted: " + "; ".join(joined.adds.describe()) \
            if joined.escalates else "adds nothing that matters: it edits the event's alerts"
        lines = [f"{head}\n  joined event #{joined.event} through update "
                 f"#{joined.closest.update}; {how}"]
        lines += [f"    {r}" for r in joined.comparison.reasons()]
        return "\n".join(lines)
    lines = [f"{head}\n  started event #{update.event}"]
    if joined.closest is None or joined.comparison is None:
        lines.append("    no earlier update of another source shares a region within the window")
    else:
        lines.append(f"    closest: update #{joined.closest.update} (event "
                     f"#{joined.closest.event})")
        lines += [f"    {r}" for r in joined.comparison.reasons()]
    return "\n".join(lines)


def poll_table(reports: Sequence[PollReport]) -> str:
    header = ("source", "status", "http", "entries", "updates", "queued", "time", "error")
    rows = [header]
    for r in reports:
        status = "silent" if r.silent else r.status
        rows.append((
            r.source, status, str(r.http_status or "-"), str(r.new_entries), str(r.new_updates),
            str(r.deliveries), f"{r.elapsed_s:.2f}s",
            f"{r.error_kind}: {_clip(r.error or '', 60)}" if r.error_kind else "",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
