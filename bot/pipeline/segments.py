"""Split an article's paragraphs into segments at update markers ("Update (1713 EST): ...").

Placeholder until the marker rules land: the whole text is one unmarked segment.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.model import Segment


def split_segments(paragraphs: Sequence[str]) -> tuple[Segment, ...]:
    kept = tuple(p for p in paragraphs if p.strip())
    return (Segment(None, kept),) if kept else ()
