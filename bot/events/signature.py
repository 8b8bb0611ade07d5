"""What an update is remembered by for clustering: its facts and its shingle sketch, no text.

``sign`` runs once per update, right after ``match``; the store keeps the ``Signature`` beside
the update (``to_json``) so that each later update is compared with the recent ones without
reading or folding their text again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.events import facts
from bot.events.shingles import SERBIAN_LATIN, STEM_LENGTH, content_words, shingles, sketch
from bot.matching.text import Text
from bot.model import Match, Severity


@dataclass(frozen=True, slots=True)
class Signature:
    """One update's facts, as ``compare`` reads them."""

    #: when it happened as far as the bot knows: the published time, else when it was seen
    at: datetime
    #: ISO 639-1 code of the text's language ("en")
    language: str
    severity: Severity
    #: ISO 3166-1 codes of the places it names (what "shares a region" means to the store)
    countries: frozenset[str]
    #: places below a country, folded as written ("kharkiv", "gaza city")
    places: frozenset[str]
    #: the same places as the gazetteer knows them ("city:ukraine:1430885"), which spellings in
    #: other languages share ("Kaboul", "Кабуле")
    place_ids: frozenset[str]
    #: what two updates compare to find a place in common: ``place_ids`` and each name's
    #: stem and consonant skeleton (``facts.place_keys``)
    place_keys: frozenset[str]
    #: people, groups and agencies named ("synie", "afad"; cut like shingles), and countries
    #: named by their people ("demonym:RU")
    actors: frozenset[str]
    #: kinds of event spoken of ("quake", "explosion": ``lexicon.KINDS``)
    kinds: frozenset[str]
    #: every figure but times and years, normalised ("23", "6.1", "1000"), and the casualty
    #: figures written in words ("nine dead": "9")
    numbers: frozenset[str]
    #: the highest figure given of the "dead", "injured", "missing", sorted by category; 0
    #: where the text says there were none ("no one was hurt")
    casualties: tuple[tuple[str, int], ...]
    #: bottom-k MinHash of the shingles (``shingles.sketch``)
    sketch: frozenset[int]
    #: how many distinct shingles the text had (the sketch may hold fewer)
    size: int
    #: the text sets its happening apart from one reported before ("a separate fire":
    #: ``facts.sets_apart``)
    apart: bool = False
    #: the text says a toll rose ("death toll rises to 37": ``facts.toll_rises``)
    rises: bool = False
    #: (twenty-third round) its title tells of what an authority did after a happening
    #: (officials suspended, schools closed: ``facts.consequence``)
    consequence: bool = False
    #: the classes of what its title says was struck or who took part ("medical",
    #: "storage", "farmers": ``facts.targets``)
    targets: frozenset[str] = frozenset()
    #: the parts of the day its title and first sentence say it happened in ("morning",
    #: "evening": ``facts.times_of_day``)
    times: frozenset[str] = frozenset()
    #: the place keys of the names its adjectives may be made of ("krakowskim": "stem:krako",
    #: ``facts.place_adjectives``), to meet a place another report names when this one names
    #: none the gazetteer knows (``decide._place_meeting``)
    adjective_keys: frozenset[str] = frozenset()
    #: the names as place keys ("stem:holes"), to meet a place of another report the matcher
    #: read there but not here (``decide``); made from ``actors``, not stored
    name_keys: frozenset[str] = frozenset()
    #: the keys of the places it names only as the region around its own ("Shostka in Sumy
    #: region": Sumy's, ``facts.region_named``)
    region_keys: frozenset[str] = frozenset()
    #: (twenty-second round) each casualty figure with what it counts ("dead:2", "injured:15":
    #: ``facts.counted_figures``)
    tolls: frozenset[str] = frozenset()

    def casualty(self, category: str) -> int | None:
        # a scan of at most three pairs: ``join`` asks this of every candidate, and building
        # a dict each time costs three times as much
        for known, figure in self.casualties:
            if known == category:
                return figure
        return None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict for the store; ``from_json`` reads it back equal."""
        return {
            "at": self.at.isoformat(),
            "language": self.language,
            "severity": self.severity.label,
            "countries": sorted(self.countries),
            "places": sorted(self.places),
            "place_ids": sorted(self.place_ids),
            "place_keys": sorted(self.place_keys),
            "actors": sorted(self.actors),
            "kinds": sorted(self.kinds),
            "numbers": sorted(self.numbers),
            "casualties": dict(self.casualties),
            "sketch": sorted(self.sketch),
            "size": self.size,
            "apart": self.apart,
            "rises": self.rises,
            "consequence": self.consequence,
            "targets": sorted(self.targets),
            "times": sorted(self.times),
            "adjectives": sorted(self.adjective_keys),
            "regions": sorted(self.region_keys),
            "tolls": sorted(self.tolls),
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Signature:
        return cls(
            at=datetime.fromisoformat(value["at"]),
            language=value["language"],
            severity=Severity.parse(value["severity"]),
            countries=frozenset(value["countries"]),
            places=frozenset(value["places"]),
            place_ids=frozenset(value["place_ids"]),
            place_keys=frozenset(value["place_keys"]),
            actors=frozenset(value["actors"]),
            kinds=frozenset(value["kinds"]),
            numbers=frozenset(value["numbers"]),
            casualties=tuple(sorted(value["casualties"].items())),
            sketch=frozenset(value["sketch"]),
            size=value["size"],
            # signatures stored before these keys were kept: neither
            apart=value.get("apart", False),
            rises=value.get("rises", False),
            consequence=value.get("consequence", False),
            targets=frozenset(value.get("targets", ())),
            times=frozenset(value.get("times", ())),
            adjective_keys=frozenset(value.get("adjectives", ())),
            name_keys=_name_keys(value["actors"]),
            region_keys=frozenset(value.get("regions", ())),
            tolls=frozenset(value.get("tolls", ())),
        )


def sign(title: str, text: str, match: Match, *, language: str, at: datetime) -> Signature:
    """The signature of an update the matcher has matched.

    ``title`` and ``text`` are the update's, as given to ``Matcher.match``; ``language`` the
    source's; ``at`` its published time when the feed gives one (and it is not in the future),
    else the time it was first seen. Pure: the same arguments give the same signature.
    """
    prepared = Text.of(text, title, language)
    # (twentieth round) a live page's line ("13:30 — Fiamme vicino alla pista…") is read by
    # its own words: the page's title ("Sicilia, le notizie di oggi in diretta") is every
    # line's, whatever happening the line tells
    own = prepared.folded[prepared.body :] if _LIVE_LINE.match(text) else prepared.folded
    # Serbian is written in both scripts, often by one outlet: its Cyrillic read in Latin
    # letters, "пожар у пилани" and "požar u pilani" are one text
    words = content_words(own.translate(SERBIAN_LATIN) if language == "sr" else own, language)
    shingle_set = shingles(words)
    # (twentieth round) the figures and places of another happening the report names ("hours
    # after a car bomb killed eight soldiers in Tikrit") and a part of its toll ("among them
    # two children") are not its own
    elsewhere = facts.elsewhere(prepared.folded, prepared.original)
    # (twenty-ninth round) nor the place a distance is measured from ("30 km from Nouméa")
    away = elsewhere + facts.reference_points(prepared.folded, prepared.original)
    countries, place_ids = facts.places(match, away)
    place_names = facts.place_names(match, away)
    actors = facts.names(prepared, match) | {f"demonym:{c}" for c in facts.demonyms(match)}
    if language == "sr":
        actors = frozenset(
            a if a.startswith("demonym:") else a.translate(SERBIAN_LATIN)[:STEM_LENGTH]
            for a in actors
        )
    counted = facts.casualties(prepared.folded, prepared.original)
    adjectives = facts.place_adjectives(prepared.folded, language)
    return Signature(
        at=at,
        language=language,
        severity=match.severity,
        countries=countries,
        places=place_names,
        place_ids=place_ids,
        # a subdivision's gazetteer key is its level's, shared by its siblings (Cauca and
        # Antioquia): only its names are kept to meet by
        place_keys=frozenset(k for k in place_ids if not k.startswith("subdivision:"))
        | facts.place_keys(place_names) | facts.capital(match, prepared.folded)
        | facts.ranked_city(match, prepared.folded),
        actors=frozenset(actors),
        adjective_keys=adjectives,
        name_keys=_name_keys(actors),
        kinds=facts.kinds(prepared.folded, deadly=bool(counted.get("dead")), language=language),
        # a toll written in words is a figure too: "cinco muertos" meets "5 dead"
        numbers=facts.numbers(prepared.original, elsewhere)
        | {str(n) for n in facts.casualty_figures(prepared.folded, prepared.original) if n},
        casualties=tuple(sorted(counted.items())),
        sketch=sketch(shingle_set),
        size=len(shingle_set),
        apart=facts.sets_apart(prepared.folded, elsewhere),
        rises=facts.toll_rises(prepared.folded, prepared.original),
        targets=_targets(prepared, language),
        # (twenty-third round) and the clock times it gives, but a live line's own
        consequence=facts.consequence(prepared.folded[: prepared.body]),
        times=facts.times_of_day(_lead(prepared))
        | (frozenset() if _LIVE_LINE.match(text) else facts.clock_parts(_original_lead(prepared))),
        region_keys=facts.region_named(match, prepared.folded),
        tolls=facts.counted_figures(prepared.folded, prepared.original),
    )


#: a live page's line: a clock time and a dash before its words ("17:00 — A second strike",
#: "10:50 Uhr — In Gröpelingen")
_LIVE_LINE = re.compile(r"\s*\d{1,2}[:.h]\d{2}(?:\s*(?:uhr|h))?\s*[\u2014\u2013-]\s", re.IGNORECASE)

#: the end of a sentence in the original text
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _name_keys(actors: Iterable[str]) -> frozenset[str]:
    return frozenset(f"stem:{a}" for a in actors if not a.startswith("demonym:"))


def _targets(prepared: Text, language: str) -> frozenset[str]:
    """What the title says was struck (``facts.targets``); when it names nothing and no kind
    of event either (a live page's "Ukraine live", "Новини Дніпра онлайн"), what the first
    sentence of the text says, which is then the report's own line."""
    latin = SERBIAN_LATIN if language == "sr" else _SAME
    title = prepared.folded[: prepared.body]
    found = facts.targets(title.translate(latin))
    if found or facts.kinds(title):
        return found
    end = _SENTENCE_END.search(prepared.original, prepared.body)
    line = prepared.folded[prepared.body : end.start() if end else None]
    return facts.targets(line.translate(latin))


def _lead(prepared: Text) -> str:
    """The title and the text's first sentence, folded: where a report says when its own
    happening was, before it tells of others ("hours after a car bomb this morning")."""
    end = _SENTENCE_END.search(prepared.original, prepared.body)
    return prepared.folded[: end.start() if end else None]


def _original_lead(prepared: Text) -> str:
    """The title and the first sentence as written, with the few letters after its end that
    finish "a.m." and "p.m." (``facts.clock_parts``)."""
    end = _SENTENCE_END.search(prepared.original, prepared.body)
    return prepared.original[: end.end() + 3 if end else None]


#: no letter changed
_SAME: dict[int, str] = {}
