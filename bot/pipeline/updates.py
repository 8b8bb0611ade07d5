"""Decide what is new in a feed: the update decision, pure.

Like lemon24/reader's ``Decider``, this module only processes data: it takes what the store knows
of an entry (an ``EntryState``: paragraph fingerprints, never text) and the entry as parsed now,
and returns the updates to alert on plus the state to store. Storage and fetching are
``poll.py``'s business.

The rules, each with the case that asks for it:

* A new entry is one update: its title and lead paragraph.
* A known entry that grew yields one update per new segment. Novelty is decided per paragraph and
  grouped per segment. This is what makes the developing story of the seed work: "Update (HHMM
  EST): ..." paragraphs are added on top, the original body then sits inside the oldest marker's
  segment, and its known paragraphs are simply not new.
* Editing is not news. Case, punctuation, quotes and whitespace vanish in normalising, so the
  exact hash still matches; a reordered paragraph is still known; a fixed typo or swapped word is
  recognised by its simhash being near a paragraph that has disappeared; a marker's text is not
  fingerprinted, so correcting its time changes nothing; short lines that are not sentences
  (bylines, "Share", headings) never make an update alone.
* A page that replaces everything at once (a reused guid, a page that changes on every fetch)
  makes one update, not a flood (see ``FLOOD_SEGMENTS``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from bot.model import Entry, EntryState, Update
from bot.pipeline.fingerprint import distance, exact_hash, near_distance, normalise, simhash

#: Most fingerprints kept per entry (16 bytes each, so at most 16 KiB in the store). The paragraphs
#: on the page now come first, then those that disappeared, most recently seen first: a paragraph
#: still on the page must never be forgotten (it would come back as news), while a disappeared
#: one only serves to recognise an edit of it, which happens soon after or never.
STATE_LIMIT = 1024
#: An entry longer than this many paragraphs (a live blog after days) is judged on its first and
#: last ``WINDOW // 2`` paragraphs only, where such pages grow; the middle is stable history.
#: Smaller than ``STATE_LIMIT`` so that the window always fits in the state with room to spare
#: for disappeared paragraphs.
WINDOW = 768
#: More new segments than this, in one poll, with nothing known left on the page, is a page that
#: was replaced wholesale, not a story that grew: one update for it (the lead of the new content),
#: in the spirit of reader's HASH_CHANGED_LIMIT.
FLOOD_SEGMENTS = 5
#: A paragraph needs this many words to be news by itself (fewer: bylines, "Share", headings).
MIN_WORDS = 4
#: The text right after a marker is news with fewer words ("Explosions heard."), but not a bare
#: date ("Updated: 14 March 2024" is a byline whose date changes every day).
MIN_MARKER_WORDS = 2

#: a word: a token with at least one letter (normalised text is only letters, digits, spaces)
_WORD = re.compile(r"\w*[^\W\d_]\w*")
#: scripts written without spaces between words: two characters count as a word
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


@dataclass(frozen=True, slots=True)
class EntryDecision:
    #: oldest first, as a reader would read them
    updates: tuple[Update, ...]
    #: the state to store for the entry (equal to the known one when nothing changed)
    state: EntryState


@dataclass(frozen=True, slots=True)
class FeedDecision:
    updates: tuple[Update, ...]
    #: only the states that are new or changed, one per entry key
    states: tuple[EntryState, ...]


class _Status(Enum):
    KNOWN = "known"
    EDITED = "edited"
    NEW = "new"


@dataclass(frozen=True, slots=True)
class _Paragraph:
    #: index of its segment in ``Entry.segments``
    segment: int
    #: the first paragraph of a marked segment: the marker's own text
    leads_marker: bool
    text: str
    normalised: str
    exact: int


def decide(known: EntryState | None, entry: Entry) -> EntryDecision:
    """The updates an entry makes, given what is known of it, and the state to store next."""
    if known is not None and entry.content_hash and entry.content_hash == known.content_hash:
        # The source sent the same title and content as when this state was decided.
        return EntryDecision((), known)
    paragraphs = _paragraphs(entry)
    if known is None:
        return _decide_new(entry, paragraphs)
    return _decide_known(known, entry, paragraphs)


def decide_feed(known: Mapping[str, EntryState], entries: Sequence[Entry]) -> FeedDecision:
    """``decide`` over a feed's entries, with the known states looked up by entry key.

    Updates come entry by entry, oldest entry first: by date when every entry has one, else in
    reverse feed order (feeds list their newest item first).
    """
    states: dict[str, EntryState] = {}
    per_entry: list[tuple[Entry, tuple[Update, ...]]] = []
    for entry in entries:
        # A key repeated in one feed is judged against the state its first occurrence produced,
        # so the same story is never announced twice in one poll.
        before = states.get(entry.key) or known.get(entry.key)
        decision = decide(before, entry)
        if decision.state != before:
            states[entry.key] = decision.state
        per_entry.append((entry, decision.updates))
    ordered = _oldest_first(per_entry)
    return FeedDecision(
        tuple(u for _, updates in ordered for u in updates), tuple(states.values())
    )


def _oldest_first(
    per_entry: list[tuple[Entry, tuple[Update, ...]]],
) -> list[tuple[Entry, tuple[Update, ...]]]:
    dates = [d for entry, _ in per_entry if (d := entry.published or entry.updated) is not None]
    if len(dates) == len(per_entry):
        try:
            order = sorted(range(len(per_entry)), key=dates.__getitem__)
        except TypeError:
            # a feed mixing naive and aware dates cannot be sorted by them; feed order it is
            pass
        else:
            return [per_entry[i] for i in order]
    return per_entry[::-1]


# -- paragraphs --------------------------------------------------------------------------------


def _paragraphs(entry: Entry) -> list[_Paragraph]:
    """The entry's paragraphs in document order, without those that normalise to nothing."""
    found: list[_Paragraph] = []
    for index, segment in enumerate(entry.segments):
        leads = segment.marker is not None
        for text in segment.paragraphs:
            normalised = normalise(text)
            if normalised:
                found.append(
                    _Paragraph(index, leads, text.strip(), normalised, exact_hash(normalised))
                )
                leads = False
    if len(found) > WINDOW:
        half = WINDOW // 2
        found = found[:half] + found[-half:]
    return found


def _words(normalised: str) -> int:
    return len(_WORD.findall(normalised)) + len(_UNSPACED.findall(normalised)) // 2


def _newsworthy(paragraph: _Paragraph) -> bool:
    needed = MIN_MARKER_WORDS if paragraph.leads_marker else MIN_WORDS
    return _words(paragraph.normalised) >= needed


# -- new entries -------------------------------------------------------------------------------


def _decide_new(entry: Entry, paragraphs: list[_Paragraph]) -> EntryDecision:
    distinct = {p.exact: p.normalised for p in paragraphs}
    fingerprints = tuple((exact, simhash(text)) for exact, text in distinct.items())
    state = EntryState(entry.key, fingerprints[:STATE_LIMIT], entry.content_hash)
    lead = _lead(paragraphs)
    if lead is None and not entry.title.strip():
        # nothing to say: no title and no text (the state still records the entry as seen)
        return EntryDecision((), state)
    update = _update(entry, "entry", [lead] if lead is not None else [])
    return EntryDecision((update,), state)


def _lead(paragraphs: Iterable[_Paragraph]) -> _Paragraph | None:
    """The first paragraph that reads as a sentence, else the first paragraph at all."""
    first = None
    for paragraph in paragraphs:
        if _newsworthy(paragraph):
            return paragraph
        if first is None:
            first = paragraph
    return first


# -- known entries -----------------------------------------------------------------------------


def _decide_known(
    known: EntryState, entry: Entry, paragraphs: list[_Paragraph]
) -> EntryDecision:
    known_exact = {exact for exact, _ in known.fingerprints}
    present = {p.exact for p in paragraphs}
    # Only a paragraph that has disappeared can have been edited into a new one. Comparing
    # against these alone keeps the simhash from ever swallowing genuinely new text because it
    # happens to resemble one of the hundreds of paragraphs still on the page.
    gone = [sim for exact, sim in known.fingerprints if exact not in present]

    sims: dict[int, int] = {}
    statuses: list[_Status] = []
    for p in paragraphs:
        if p.exact in known_exact:
            statuses.append(_Status.KNOWN)
            continue
        sim = sims.setdefault(p.exact, simhash(p.normalised))
        limit = near_distance(len(p.normalised))
        edited = any(distance(sim, old) <= limit for old in gone)
        statuses.append(_Status.EDITED if edited else _Status.NEW)

    updates = _segment_updates(entry, paragraphs, statuses)
    learned = [(exact, sim) for exact, sim in sims.items()]
    still_there = [fp for fp in known.fingerprints if fp[0] in present]
    disappeared = [fp for fp in known.fingerprints if fp[0] not in present]
    fingerprints = _unique([*learned, *still_there, *disappeared])[:STATE_LIMIT]
    return EntryDecision(
        updates, EntryState(entry.key, tuple(fingerprints), entry.content_hash)
    )


def _segment_updates(
    entry: Entry, paragraphs: list[_Paragraph], statuses: list[_Status]
) -> tuple[Update, ...]:
    groups = _new_groups(entry, paragraphs, statuses)
    anchor = next((i for i, s in enumerate(statuses) if s is not _Status.NEW), None)
    if anchor is None and len(groups) > FLOOD_SEGMENTS:
        # The whole page is new to us and in many pieces: a reused guid, or a page that rewrites
        # everything on every fetch. Announce it once, by its lead, instead of piece by piece.
        lead = _lead(paragraphs[i] for group in groups for i in group)
        return (_update(entry, "segment", [lead]),) if lead is not None else ()
    updates = [_update(entry, "segment", [paragraphs[i] for i in group]) for group in groups]
    # Stories that grow on top (the seed) read oldest-first bottom-up: if anything new sits above
    # the known content, the new segments are in reverse document order.
    if anchor is not None and any(group[0] < anchor for group in groups):
        updates.reverse()
    return tuple(updates)


def _new_groups(
    entry: Entry, paragraphs: list[_Paragraph], statuses: list[_Status]
) -> list[list[int]]:
    """Positions of the new paragraphs that make updates: per marked segment, per run of new
    paragraphs in unmarked text; paragraphs not worth reading alone are left out."""
    groups: list[list[int]] = []
    current: list[int] = []
    current_segment = -1
    for position, (p, status) in enumerate(zip(paragraphs, statuses, strict=True)):
        if status is not _Status.NEW:
            if entry.segments[p.segment].marker is None:
                # a known paragraph ends a run of new unmarked text
                current = _close(groups, current, paragraphs)
            continue
        if p.segment != current_segment:
            current = _close(groups, current, paragraphs)
            current_segment = p.segment
        current.append(position)
    _close(groups, current, paragraphs)
    return groups


def _close(groups: list[list[int]], current: list[int], paragraphs: list[_Paragraph]) -> list[int]:
    """Keep the group if it has something worth reading; start a new one."""
    worthy = [i for i in current if _newsworthy(paragraphs[i])]
    if worthy:
        groups.append(worthy)
    return []


# -- building updates --------------------------------------------------------------------------


def _update(entry: Entry, kind: str, paragraphs: Sequence[_Paragraph]) -> Update:
    marker = entry.segments[paragraphs[0].segment].marker if paragraphs else None
    return Update(
        key=update_key(entry.key, [p.exact for p in paragraphs]),
        entry_key=entry.key,
        kind=kind,
        title=entry.title,
        text="\n\n".join(p.text for p in paragraphs),
        link=entry.link,
        marker=marker,
        published=entry.updated or entry.published,
    )


def update_key(entry_key: str, exact_hashes: Iterable[int]) -> str:
    """A stable id for an update: the same paragraphs of the same entry give the same key."""
    digest = hashlib.blake2b(entry_key.encode(), digest_size=8, person=b"alertbot-update")
    for exact in sorted(set(exact_hashes)):
        digest.update(exact.to_bytes(8, "little"))
    return digest.hexdigest()


def _unique(fingerprints: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fingerprints without repeats of an exact hash, first occurrence kept."""
    seen: set[int] = set()
    kept: list[tuple[int, int]] = []
    for exact, sim in fingerprints:
        if exact not in seen:
            seen.add(exact)
            kept.append((exact, sim))
    return kept
