"""Stored updates → Discord embed JSON, and plain text for the console. Pure: no I/O, no clock.

Feed text is written by strangers, so everything taken from it is made safe before it reaches a
channel: mentions cannot ping or resolve, markdown cannot disguise a link or turn a sentence into
a heading, control characters are dropped, and every part fits Discord's limits (which Discord
counts in code points, as Python's ``len`` does), so a send is never refused for its size.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Final
from urllib.parse import urlsplit

from bot.model import Severity, StoredUpdate

# Discord's embed limits (inclusive).
MAX_TITLE: Final = 256
MAX_DESCRIPTION: Final = 4096
MAX_FIELD_NAME: Final = 256
MAX_FIELD_VALUE: Final = 1024
MAX_FOOTER: Final = 2048
MAX_FIELDS: Final = 25
MAX_TOTAL: Final = 6000
MAX_EMBEDS_PER_MESSAGE: Final = 10
#: longer markers are cut: the label should not crowd out the news
MAX_MARKER: Final = 200
#: Discord refuses longer embed urls
MAX_URL: Final = 2048

COLOURS: Final = {
    Severity.CRITICAL: 0xD32F2F,  # red
    Severity.HIGH: 0xF57C00,  # orange
    Severity.MEDIUM: 0xFBC02D,  # yellow
    Severity.LOW: 0x9E9E9E,  # grey
}

#: keys in the order Discord shows them, so golden files and logs read top to bottom
_ORDER: Final = ("type", "title", "url", "description", "fields", "color", "timestamp", "footer")
ELLIPSIS: Final = "…"
ZWSP: Final = "\u200b"

# C0/C1 controls except newline and tab, DEL, and the bidi overrides that can make a line read
# backwards (an old trick to disguise a link); ordinary right-to-left text is left alone.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202d\u202e]")
# @everyone / @here, user <@1> <@!1>, role <@&1>, channel <#1>, slash command </name:1>.
_AT_ALL = re.compile(r"@(everyone|here)", re.IGNORECASE)
_ANGLE_MENTION = re.compile(r"<(?=[@#/])")
# [text](url) and [text](<url>): Discord shows only "text", and the text may name another site.
_MASKED_LINK = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?([^()<>\s]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# Block markdown at a line's start: headings, -# subtext, > and >>> quotes.
_LINE_START = re.compile(r"^([ \t]*)(#{1,3}[ \t]|-#[ \t]|>)", re.MULTILINE)
_INLINE_MARKUP = re.compile(r"([\\*_~`|])")
_SPOILER = re.compile(r"\|\|")
_ESCAPED = re.compile(r"\\([\\*_~`|#>-])")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+")


#: "Also reported by" lists source names up to this many characters, then "and N more"
MAX_ALSO: Final = 200


def render_embed(
    update: StoredUpdate,
    *,
    region_names: Mapping[str, str],
    delivery_id: int | None = None,
    also: Sequence[str] = (),
) -> dict[str, Any]:
    """The embed a channel gets for ``update``; the footer carries the ids the sender looks for.

    ``also``: the names of the other sources that reported the same event (issue 14), shown as
    "Also reported by" when the sender edits the alert. An update that escalated its event
    says what it adds (``update.escalation``).
    """
    title = _clip(_neutralise(_one_line(_clean(update.title))), MAX_TITLE)
    if not title:
        title = _clip(_neutralise(_one_line(_clean(update.source_name))), MAX_TITLE) or "Update"
    embed: dict[str, Any] = {"type": "rich", "title": title}
    url = _safe_url(update.link)
    if url is not None:
        embed["url"] = url

    severity = update.match.severity
    fields = [
        _field("Regions", _regions(update.match.regions, region_names)),
        _field("Severity", severity.label.capitalize()),
        _field("Source", _neutralise(_one_line(_clean(update.source_name))) or update.source),
    ]
    if update.escalation:
        fields.insert(0, _field("Escalation", "; ".join(update.escalation), inline=False))
    if also:
        fields.append(_field("Also reported by", also_reported(also), inline=False))
    embed["fields"] = fields[:MAX_FIELDS]
    embed["color"] = COLOURS[severity]
    embed["timestamp"] = _iso(update.published or update.seen_at)
    footer = f"alertbot · update {update.id}"
    if delivery_id is not None:
        footer += f" · delivery {delivery_id}"
    embed["footer"] = {"text": _clip(footer, MAX_FOOTER)}

    # The description gives way first: it is the longest part and the link leads to the rest.
    room = MAX_TOTAL - embed_length(embed)
    description = _clip(_description(update), min(MAX_DESCRIPTION, max(room, 0)))
    if description:
        embed["description"] = description
    return {key: embed[key] for key in _ORDER if key in embed}


def embed_length(embed: Mapping[str, Any]) -> int:
    """What counts towards Discord's 6000-character total of an embed."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    for f in embed.get("fields") or ():
        total += len(f.get("name") or "") + len(f.get("value") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    return total


def fit_message(embeds: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A message's embeds cut to Discord's 6000-character total, descriptions first, the
    longest first: an edit that adds "Also reported by" to alerts that filled their message
    when posted must still fit. The link leads to the rest of a cut description."""
    fitted = [dict(e) for e in embeds]
    excess = sum(embed_length(e) for e in fitted) - MAX_TOTAL
    while excess > 0:
        longest = max(fitted, key=lambda e: len(e.get("description") or ""))
        description = str(longest.get("description") or "")
        if not description:
            raise ValueError(f"the embeds are {excess} characters over the total with no "
                             "description left to cut")
        cut = _clip(description, max(len(description) - excess, 0))
        if cut:
            longest["description"] = cut
        else:
            del longest["description"]
        excess -= len(description) - len(cut)
    return fitted


def render_batch(embeds: Sequence[Mapping[str, Any]]) -> list[list[dict[str, Any]]]:
    """Split one channel's embeds, in order, into messages Discord accepts.

    A message holds at most 10 embeds and 6000 characters over all of them. Raises
    ``ValueError`` for an embed that is over 6000 alone (`render_embed` never makes one).
    """
    messages: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    total = 0
    for position, embed in enumerate(embeds):
        size = embed_length(embed)
        if size > MAX_TOTAL:
            raise ValueError(f"embed {position} is {size} characters; at most {MAX_TOTAL} fit")
        if current and (len(current) == MAX_EMBEDS_PER_MESSAGE or total + size > MAX_TOTAL):
            messages.append(current)
            current, total = [], 0
        current.append(dict(embed))
        total += size
    if current:
        messages.append(current)
    return messages


def render_text(embed: Mapping[str, Any]) -> str:
    """A few plain lines for the console demo and the CLI: what the embed says, unformatted."""
    values = {f.get("name"): f.get("value") for f in embed.get("fields") or ()}
    head = " · ".join(
        part for part in (str(values.get("Severity") or "").upper(), values.get("Regions")) if part
    )
    lines = [head, str(embed.get("title") or "")]
    description = str(embed.get("description") or "")
    marker = re.match(r"\*\*((?:\\.|[^*\\])+)\*\*(?: |$)", description)
    rest = description[marker.end():] if marker else description
    text = _unescape(rest).strip()
    lines.append(f"{_unescape(marker.group(1))}: {text}".rstrip() if marker else text)
    if embed.get("url"):
        lines.append(str(embed["url"]))
    if values.get("Escalation"):
        lines.insert(1, f"escalation: {values['Escalation']}")
    if values.get("Source"):
        lines.append(f"— {values['Source']}")
    if values.get("Also reported by"):
        lines.append(f"  also reported by {values['Also reported by']}")
    return "\n".join(line.replace(ZWSP, "") for line in lines if line)


# -- the parts ---------------------------------------------------------------------------------


def _description(update: StoredUpdate) -> str:
    text = _block_safe(_neutralise(_unmask_links(_tidy(_clean(update.text)))))
    # A marker is a short label ("Update (1713 EST)"); a long one is a parse gone wrong.
    marker = _clip(_neutralise(_one_line(_clean(update.marker or ""))), MAX_MARKER)
    if not marker:
        return text
    bold = "**" + _INLINE_MARKUP.sub(r"\\\1", marker) + "**"
    return f"{bold} {text}" if text else bold


def _regions(region_ids: Sequence[str], names: Mapping[str, str]) -> str:
    # match.regions lists direct hits first, then their ancestors: most specific first.
    shown = [_neutralise(_one_line(_clean(names.get(r, r)))) or r for r in region_ids]
    return " · ".join(dict.fromkeys(shown)) or "none"


def _field(name: str, value: str, *, inline: bool = True) -> dict[str, Any]:
    return {"name": name, "value": _clip(value, MAX_FIELD_VALUE) or "—", "inline": inline}


def by_event(updates: Sequence[StoredUpdate]) -> list[tuple[StoredUpdate, tuple[str, ...]]]:
    """The reports of one event together, as ``/latest`` and ``/search`` show them: each
    event's first report in ``updates`` (the newest, in their order) with the names of the
    other sources that reported it there, once each and never its own; an update in no event
    stands alone. The order is kept."""
    groups: dict[int, tuple[StoredUpdate, list[str]]] = {}
    out: list[tuple[StoredUpdate, list[str]]] = []
    for update in updates:
        held = groups.get(update.event) if update.event is not None else None
        if held is None:
            entry: tuple[StoredUpdate, list[str]] = (update, [])
            out.append(entry)
            if update.event is not None:
                groups[update.event] = entry
        elif update.source != held[0].source and update.source_name not in held[1]:
            held[1].append(update.source_name)
    return [(update, tuple(also)) for update, also in out]


def also_reported(names: Sequence[str]) -> str:
    """"Reuters, AP — 3 sources": the other sources by name (the alert's own counts in the
    total), clipped at ``MAX_ALSO`` characters with "and N more" so that a busy event never
    pushes the message past Discord's limits."""
    shown: list[str] = []
    length = 0
    for position, raw in enumerate(names):
        name = _neutralise(_one_line(_clean(raw))) or "?"
        left = len(names) - position - 1
        tail = len(f" and {left} more") if left else 0
        if length + len(name) + 2 + tail > MAX_ALSO:
            break
        shown.append(name)
        length += len(name) + 2
    text = ", ".join(shown) if shown else ""
    hidden = len(names) - len(shown)
    if hidden:
        text = f"{text} and {hidden} more" if text else f"{hidden} more"
    return f"{text} — {len(names) + 1} sources"


def _safe_url(link: str | None) -> str | None:
    """Only http(s) links with a host become the title's link; anything else is left out."""
    if not link or len(link) > MAX_URL or any(c.isspace() or ord(c) < 32 for c in link):
        return None
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if "@" in parts.netloc:
        # "https://bbc.co.uk@evil.example/": a news link never carries a user name, and one
        # that does is disguising the host it goes to.
        return None
    # An embed's link never pings, but it is shown as text where embeds are not (the console,
    # copied text). "<" and ">" are never valid in a URL as written, and "@everyone" in a path
    # reads alike to servers as "%40everyone": percent-encoded, no mention survives.
    return _AT_ALL.sub(r"%40\1", link.replace("<", "%3C").replace(">", "%3E"))


def _iso(moment: datetime) -> str:
    # Naive times are the store's UTC; Discord wants an explicit offset.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


# -- making feed text safe ---------------------------------------------------------------------


def _clean(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _unmask_links(text: str) -> str:
    """``[text](url)`` → ``text (url)``: the reader sees where a link really goes."""

    def shown(found: re.Match[str]) -> str:
        label, target = found.group(1).strip(), found.group(2)
        return target if not label or label == target else f"{label} ({target})"

    return _MASKED_LINK.sub(shown, text)


def _neutralise(text: str) -> str:
    """A zero-width space after ``@`` / ``<`` keeps mentions as text: no ping, no resolving."""
    return _ANGLE_MENTION.sub("<" + ZWSP, _AT_ALL.sub("@" + ZWSP + r"\1", text))


def _block_safe(text: str) -> str:
    """Headings and quotes from feed text stay plain lines; spoilers cannot hide text."""
    return _SPOILER.sub(r"\|\|", _LINE_START.sub(r"\1\\\2", text))


def _unescape(text: str) -> str:
    """Undo the backslashes this module adds; plain text has no markdown to protect against."""
    return _ESCAPED.sub(r"\1", text)


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, at a word boundary, ending in "…" when cut."""
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    cut = text[: limit - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    # A word boundary far back would waste most of the room: cut mid-word instead.
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS
