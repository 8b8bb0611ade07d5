"""The labelled reports of ``alertbot eval-events`` and the figures of the event decision.

tests/data/events/README.md says how the labels were decided. Every two reports of one scene
make a pair; a pair is the same event when both carry the same ``event`` label. The decision is
asked as the bot would ask it: the later report is the new update, the earlier the candidate.

Figures:

- pairwise precision: pairs called the same event that are, over all pairs called the same;
- pairwise recall: pairs that are the same event and were called so, over all such pairs;
- the same two for the events ``join`` builds when each scene's reports arrive in time order
  (each report joins the event of its best candidate or starts one), which is what a channel
  would see.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.events import DEFAULT_WINDOW, Candidate, Comparison, Signature, compare, join
from bot.model import Match

#: the project's labelled reports
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "tests" / "data" / "events" / "reports.jsonl"
#: one scene in this many (by a hash of its id) belongs to the test split
TEST_SHARE = 3
KEYS = frozenset({
    "id", "scene", "event", "role", "lang", "outlet", "published", "place", "title", "text",
    "note",
})
#: a matcher as eval-events uses it: (title, text, language) → the match
MatchFn = Callable[[str, str, str], Match]


class ReportError(Exception):
    """A report that cannot be read; the message names the file, line and key."""


@dataclass(frozen=True, slots=True)
class Report:
    id: str
    scene: str
    event: str
    role: str
    language: str
    outlet: str
    published: datetime
    place: str
    title: str
    text: str

    @property
    def split(self) -> str:
        digest = hashlib.blake2s(self.scene.encode(), digest_size=4).digest()
        return "test" if int.from_bytes(digest) % TEST_SHARE == 0 else "dev"


@dataclass(frozen=True, slots=True)
class Pair:
    #: the earlier report (the candidate) and the later one (the new update)
    old: Report
    new: Report
    comparison: Comparison

    @property
    def same(self) -> bool:
        return self.old.event == self.new.event

    @property
    def kind(self) -> str:
        """What the pair tests, for the figures by kind."""
        if self.same:
            role = self.new.role if self.new.role != "first" else self.old.role
            cross = " (other language)" if self.old.language != self.new.language else ""
            return f"same: {role}{cross}"
        if self.old.place == self.new.place:
            return "different: same place"
        return "different: other place"


def load(path: Path = DEFAULT_FILE) -> list[Report]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ReportError(f"{path}: {e.strerror}") from e
    reports: list[Report] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as e:
            raise ReportError(f"{where}: not JSON: {e.msg}") from e
        if not isinstance(raw, dict):
            raise ReportError(f"{where}: a report is a JSON object")
        unknown = sorted(set(raw) - KEYS)
        if unknown:
            raise ReportError(f"{where}: unknown key {unknown[0]!r}")
        try:
            report = Report(
                id=raw["id"], scene=raw["scene"], event=raw["event"], role=raw["role"],
                language=raw["lang"], outlet=raw["outlet"],
                published=datetime.fromisoformat(raw["published"]), place=raw["place"],
                title=raw.get("title", ""), text=raw.get("text", ""),
            )
        except KeyError as e:
            raise ReportError(f"{where}: missing key {e.args[0]!r}") from None
        except ValueError as e:
            raise ReportError(f"{where}: {e}") from None
        if report.id in seen:
            raise ReportError(f"{where}: id {report.id!r} is used twice")
        seen.add(report.id)
        reports.append(report)
    return reports


def signatures(reports: Iterable[Report], match: MatchFn) -> dict[str, Signature]:
    from bot.events import sign

    return {
        r.id: sign(r.title, r.text, match(r.title, r.text, r.language), language=r.language,
                   at=r.published)
        for r in reports
    }


def pairs(
    reports: Sequence[Report], signed: dict[str, Signature], window: timedelta = DEFAULT_WINDOW
) -> list[Pair]:
    """Every two reports of one scene, the later as the new update."""
    scenes: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        scenes[report.scene].append(report)
    out = []
    for scene in scenes.values():
        ordered = sorted(scene, key=lambda r: (r.published, r.id))
        for old, new in itertools.combinations(ordered, 2):
            out.append(Pair(old, new, compare(signed[new.id], signed[old.id], window=window)))
    return out


def clusters(
    reports: Sequence[Report], signed: dict[str, Signature], window: timedelta = DEFAULT_WINDOW
) -> dict[str, int]:
    """Report id → the event ``join`` puts it in, each scene's reports fed in time order."""
    scenes: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        scenes[report.scene].append(report)
    out: dict[str, int] = {}
    number = 0
    for scene in scenes.values():
        earlier: list[Candidate] = []
        for index, report in enumerate(sorted(scene, key=lambda r: (r.published, r.id))):
            joined = join(signed[report.id], earlier, window=window)
            event = joined.event if joined.event is not None else number + index
            earlier.append(Candidate(number + index, event, signed[report.id]))
            out[report.id] = event
        number += len(scene)
    return out


@dataclass(frozen=True, slots=True)
class Figures:
    pairs: int
    same_pairs: int
    precision: float | None
    recall: float | None
    f1: float | None

    def as_json(self) -> dict[str, object]:
        return {"pairs": self.pairs, "same_pairs": self.same_pairs, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


def figures(labelled: Iterable[tuple[bool, bool]]) -> Figures:
    """From (labelled same, said same) per pair."""
    rows = list(labelled)
    said = sum(s for _, s in rows)
    meant = sum(m for m, _ in rows)
    right = sum(m and s for m, s in rows)
    p = right / said if said else None
    r = right / meant if meant else None
    f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
    return Figures(len(rows), meant, p, r, f1)


def pair_figures(found: Sequence[Pair]) -> Figures:
    return figures((p.same, p.comparison.same) for p in found)


def cluster_figures(found: Sequence[Pair], events: dict[str, int]) -> Figures:
    return figures((p.same, events[p.old.id] == events[p.new.id]) for p in found)


def by_kind(found: Sequence[Pair]) -> dict[str, tuple[int, int]]:
    """Pair kind → (pairs, pairs decided right)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair in found:
        slot = out[pair.kind]
        slot[0] += 1
        slot[1] += pair.same == pair.comparison.same
    return {k: (n, ok) for k, (n, ok) in sorted(out.items())}


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def within(found: Sequence[Pair], window: timedelta = DEFAULT_WINDOW) -> list[Pair]:
    """The pairs close enough in time to be compared at all."""
    return [p for p in found if abs(p.new.published - p.old.published) <= window]


def report(
    found: Sequence[Pair], events: dict[str, int], window: timedelta = DEFAULT_WINDOW
) -> str:
    lines = [f"{'':14} {'pairs':>5} {'same':>5} {'prec':>5} {'recall':>6} {'F1':>5}"]
    hours = f"{window.total_seconds() / 3600:g} h"
    for name, f in (
        ("pairwise", pair_figures(found)),
        (f"within {hours}", pair_figures(within(found, window))),
        ("joined", cluster_figures(found, events)),
    ):
        lines.append(f"{name:14} {f.pairs:5} {f.same_pairs:5} {_pct(f.precision):>5} "
                     f"{_pct(f.recall):>6} {_pct(f.f1):>5}")
    lines.append("")
    lines.append(f"{'pair kind':38} {'pairs':>5} {'right':>5}")
    for kind, (n, ok) in by_kind(found).items():
        lines.append(f"{kind:38} {n:5} {ok:5}")
    return "\n".join(lines)


def misses(found: Sequence[Pair]) -> str:
    lines = []
    for pair in found:
        if pair.same == pair.comparison.same:
            continue
        label = "same event" if pair.same else "different events"
        lines.append(f"{pair.old.id} ~ {pair.new.id}: labelled {label} ({pair.kind})")
        for side in (pair.old, pair.new):
            text = " / ".join(part for part in (side.title, side.text) if part)
            lines.append(f"    [{side.language}] {text[:160]!r}")
        lines.extend(f"    {reason}" for reason in pair.comparison.reasons())
    return "\n".join(lines)
