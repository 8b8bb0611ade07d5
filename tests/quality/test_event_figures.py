"""The dev split of the events set, pinned: a change to the event decision that loses precision
or recall on it fails here, not only in docs/EVENTS.md. The floors sit a little under what
``alertbot eval-events --split dev`` measures; raise them when it reaches more, never lower them
to pass. The test split is for reporting only.
"""

from __future__ import annotations

import pytest

from bot.pipeline.match import Matcher
from bot.quality import events

#: the scenes written in session 9 (tests/data/events/README.md, "Added in the fifth round"):
#: 140 dev pairs harder than the first ones, so the dev split as a whole measures less
FIFTH_ROUND = frozenset({"iraq", "somalia", "colombia", "lyon", "indonesia", "odesa",
                         "bangladesh"})
#: the scenes written in session 10 ("Added in the sixth round"): 99 dev pairs
SIXTH_ROUND = frozenset({"kharkiv", "albania", "portugal", "yemen", "milan", "belgrade", "mali",
                         "hamburg"})
#: the scenes written in session 12 ("Added in the seventh round"): 252 dev pairs, measured
#: 0.66 / 0.72 before the round's rules and 0.91 / 0.96 (within 6 h the same) after them
SEVENTH_ROUND = frozenset({"lviv", "dnipro", "tirana", "prague", "bratislava", "zagreb",
                           "warsaw", "damascus", "naples", "lisbon", "cologne", "nis",
                           "ostrava", "oran", "kyiv"})
FLOORS_SEVENTH = {"precision": 0.89, "recall": 0.94, "within_recall": 0.94}
#: the scenes written in session 12 for the eighth round ("Added in the eighth round"): 246
#: dev pairs, measured 0.98 / 0.80 before the round's rules
EIGHTH_ROUND = frozenset({"kherson", "aleppo", "marseille", "munich", "vienna", "cairo", "mosul",
                          "skopje", "krakow", "seville", "belgorod", "genoa", "porto"})
FLOORS_EIGHTH = {"precision": 0.97, "recall": 0.93, "within_recall": 0.93}
#: the scenes written in session 13 for the ninth round ("Added in the ninth round"): 144
#: dev pairs, measured 1.00 / 0.48 before the round's rules and 1.00 / 0.86 (within 6 h
#: 1.00 / 0.92) after them
NINTH_ROUND = frozenset({"zaporizhzhia", "izmir", "rotterdam", "gdansk", "brno", "tripoli",
                         "valencia", "vlore", "novisad", "bordeaux", "novosibirsk", "turin",
                         "antalya", "thessaloniki"})
FLOORS_NINTH = {"precision": 0.98, "recall": 0.84, "within_recall": 0.90}
#: the scenes written in session 14 for the tenth round ("Added in the tenth round"): 147
#: dev pairs, measured 1.00 / 0.75 before the round's rules and 1.00 / 0.96 (within 6 h the
#: same) after them
TENTH_ROUND = frozenset({"toulouse", "zaragoza", "palermo", "wroclaw", "basra", "chernihiv",
                         "kragujevac", "mitrovica", "kazan", "curitiba", "alexandria",
                         "leipzig", "plzen"})
FLOORS_TENTH = {"precision": 0.98, "recall": 0.94, "within_recall": 0.94}
#: the scenes written in session 14 for the eleventh round ("Added in the eleventh round"):
#: 147 dev pairs, measured 0.89 / 0.84 before the round's rules and 1.00 / 0.98 (within 6 h
#: 1.00 / 1.00) after them
ELEVENTH_ROUND = frozenset({"sarajevo", "poznan", "elbasan", "bilbao", "bologna", "braga",
                            "olomouc", "poltava", "samara", "homs", "gaziantep", "antwerp"})
FLOORS_ELEVENTH = {"precision": 0.98, "recall": 0.96, "within_recall": 0.97}
#: the dev scenes before the fifth round: measured 1.00 / 0.98 (all pairs) and 1.00 / 0.98
#: (within 6 h) after the sixth round's rules, 1.00 / 0.96 and 1.00 / 0.97 before them
FLOORS = {"precision": 0.98, "recall": 0.96, "within_recall": 0.97}
#: the dev split with the fifth and sixth rounds' scenes, without the seventh's (602 pairs):
#: unchanged by the seventh round's rules; measured
#: 1.00 / 0.94 (all pairs) and 1.00 / 0.95 (within 6 h) after the sixth round's rules,
#: 0.98 / 0.89 and 0.99 / 0.90 before them
FLOORS_ALL = {"precision": 0.98, "recall": 0.92, "within_recall": 0.93}


@pytest.fixture(scope="module")
def dev_pairs(matcher: Matcher) -> list[events.Pair]:
    reports = [r for r in events.load() if r.split == "dev"]
    signed = events.signatures(
        reports, lambda title, text, lang: matcher.match(text, title, language=lang)
    )
    return events.pairs(reports, signed)


@pytest.mark.parametrize(("scenes", "floors"), [
    ("first", FLOORS), ("all", FLOORS_ALL), ("seventh", FLOORS_SEVENTH),
    ("eighth", FLOORS_EIGHTH), ("ninth", FLOORS_NINTH), ("tenth", FLOORS_TENTH),
    ("eleventh", FLOORS_ELEVENTH),
])
def test_dev_split_holds_its_figures(
    dev_pairs: list[events.Pair], scenes: str, floors: dict[str, float]
) -> None:
    later = SEVENTH_ROUND | EIGHTH_ROUND | NINTH_ROUND | TENTH_ROUND | ELEVENTH_ROUND
    left_out = {"first": FIFTH_ROUND | SIXTH_ROUND | later, "all": later}
    only = {"seventh": SEVENTH_ROUND, "eighth": EIGHTH_ROUND, "ninth": NINTH_ROUND,
            "tenth": TENTH_ROUND, "eleventh": ELEVENTH_ROUND}
    kept = [p for p in dev_pairs
            if (p.old.scene in only[scenes] if scenes in only
                else p.old.scene not in left_out[scenes])]
    found = events.pair_figures(kept)
    near = events.pair_figures(events.within(kept))
    assert found.precision is not None and found.precision >= floors["precision"]
    assert found.recall is not None and found.recall >= floors["recall"]
    assert near.recall is not None and near.recall >= floors["within_recall"]


def test_the_set_has_the_pairs_the_issue_asks_for() -> None:
    reports = events.load()
    scenes: dict[str, int] = {}
    for report in reports:
        scenes[report.scene] = scenes.get(report.scene, 0) + 1
    assert sum(n * (n - 1) // 2 for n in scenes.values()) >= 300
    assert {r.split for r in reports} == {"dev", "test"}
    languages = {r.language for r in reports}
    assert {"en", "fr", "es", "de", "ru"} <= languages
