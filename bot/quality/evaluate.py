"""The figures of ``alertbot eval``: how far the matcher's answers are from the labels.

Countries are compared as sets of ISO codes: the ``country`` of every region a match reports
(direct hits and their ancestors), so a hit on Crimea counts as Ukraine. Figures, for all rows
and per language:

- recall: labelled countries that were tagged, over all labelled countries;
- precision: tagged countries that were labelled, over all tagged ones (a ``may`` country
  counts neither way);
- traps avoided: rows with a ``not`` list none of whose countries was tagged;
- severity: precision and recall per level, critical F1, and 4-level accuracy.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.model import Match, Severity
from bot.quality.dataset import Row

#: a matcher as eval uses it: (row) → the match and the countries it tags
Judge = Callable[[Row], tuple[Match, frozenset[str]]]


@dataclass(frozen=True, slots=True)
class Outcome:
    row: Row
    countries: frozenset[str]
    severity: Severity
    reasons: tuple[str, ...]

    @property
    def missed(self) -> frozenset[str]:
        return self.row.countries - self.countries

    @property
    def wrong(self) -> frozenset[str]:
        return self.countries - self.row.countries - self.row.may

    @property
    def trapped(self) -> frozenset[str]:
        return self.countries & self.row.not_countries

    @property
    def ok(self) -> bool:
        return not (self.missed or self.wrong) and self.severity == self.row.severity


@dataclass(frozen=True, slots=True)
class Figures:
    rows: int
    recall: float | None
    precision: float | None
    traps: float | None
    trap_rows: int
    accuracy: float | None
    critical_f1: float | None
    #: level → (precision, recall, labelled rows of that level)
    levels: dict[str, tuple[float | None, float | None, int]]

    def as_json(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "country_recall": self.recall,
            "country_precision": self.precision,
            "traps_avoided": self.traps,
            "trap_rows": self.trap_rows,
            "severity_accuracy": self.accuracy,
            "critical_f1": self.critical_f1,
            "levels": {
                level: {"precision": p, "recall": r, "rows": n}
                for level, (p, r, n) in self.levels.items()
            },
        }


def judge(rows: Iterable[Row], match: Judge) -> list[Outcome]:
    out = []
    for row in rows:
        result, countries = match(row)
        out.append(Outcome(row, countries, result.severity, result.reasons))
    return out


def figures(outcomes: Sequence[Outcome]) -> Figures:
    found = sum(len(o.row.countries & o.countries) for o in outcomes)
    labelled = sum(len(o.row.countries) for o in outcomes)
    tagged = sum(len(o.countries - o.row.may) for o in outcomes)
    with_traps = [o for o in outcomes if o.row.not_countries]
    levels: dict[str, tuple[float | None, float | None, int]] = {}
    for level in sorted(Severity, reverse=True):
        said = sum(o.severity == level for o in outcomes)
        meant = sum(o.row.severity == level for o in outcomes)
        right = sum(o.severity == level == o.row.severity for o in outcomes)
        levels[level.label] = (_ratio(right, said), _ratio(right, meant), meant)
    p, r, _ = levels["critical"]
    f1 = None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)
    return Figures(
        rows=len(outcomes),
        recall=_ratio(found, labelled),
        precision=_ratio(found, tagged),
        traps=_ratio(sum(not o.trapped for o in with_traps), len(with_traps)),
        trap_rows=len(with_traps),
        accuracy=_ratio(sum(o.severity == o.row.severity for o in outcomes), len(outcomes)),
        critical_f1=f1,
        levels=levels,
    )


def by_language(outcomes: Sequence[Outcome]) -> dict[str, Figures]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.row.language].append(outcome)
    return {lang: figures(group) for lang, group in sorted(groups.items())}


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# -- text --------------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def report(outcomes: Sequence[Outcome]) -> str:
    """The figures as a table: all rows, non-English rows, then each language."""
    groups = {"all": figures(outcomes)}
    other = [o for o in outcomes if o.row.language != "en"]
    if other and len(other) < len(outcomes):
        groups["non-en"] = figures(other)
    groups.update(by_language(outcomes))
    lines = [
        f"{'':8} {'rows':>5} {'recall':>6} {'prec':>6} {'traps':>9} "
        f"{'sev acc':>7} {'crit F1':>7}"
    ]
    for name, f in groups.items():
        traps = f"{_pct(f.traps)}/{f.trap_rows:<3}" if f.trap_rows else "    -    "
        lines.append(
            f"{name:8} {f.rows:5} {_pct(f.recall):>6} {_pct(f.precision):>6} {traps:>9} "
            f"{_pct(f.accuracy):>7} {_pct(f.critical_f1):>7}"
        )
    lines.append("")
    lines.append(f"{'severity':8} {'prec':>6} {'recall':>6} {'rows':>5}")
    for level, (p, r, n) in groups["all"].levels.items():
        lines.append(f"{level:8} {_pct(p):>6} {_pct(r):>6} {n:5}")
    return "\n".join(lines)


def misses(outcomes: Sequence[Outcome]) -> str:
    """Every row the matcher got wrong, with what it said and why."""
    lines = []
    confusion = Counter((o.row.severity.label, o.severity.label) for o in outcomes if not o.ok)
    for o in outcomes:
        if o.ok:
            continue
        text = " / ".join(part for part in (o.row.title, o.row.text) if part)
        lines.append(f"{o.row.id} [{o.row.language}] {text[:220]!r}")
        if o.missed:
            lines.append(f"    missed:  {', '.join(sorted(o.missed))}")
        if o.wrong:
            trap = " (a trap)" if o.trapped else ""
            lines.append(f"    wrong:   {', '.join(sorted(o.wrong))}{trap}")
        if o.severity != o.row.severity:
            lines.append(f"    severity {o.severity.label}, labelled {o.row.severity.label}")
            lines.extend(f"      {reason}" for reason in o.reasons)
    if confusion:
        lines.append("")
        lines.append("severity confusions (labelled → said): " + ", ".join(
            f"{a}→{b} {n}" for (a, b), n in confusion.most_common() if a != b
        ))
    return "\n".join(lines)
