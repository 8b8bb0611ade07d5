"""Feed content (HTML or plain text) → clean text paragraphs, and titles → clean one-line text.

What comes out is what a reader of the alert should see: the article's own words, one string per
paragraph, entities decoded, whitespace normalised. Markup that is not article text (scripts,
embeds, forms, navigation, figures) is dropped with its content, and so is the boilerplate that
sites append to feed items: share buttons, "Read more", newsletter pitches, and trailers such as
"Related stories" after which nothing is the article any more.

Speed matters (a changed entry of every changed feed comes through here), so the work is: one
libxml2 HTML parse (lxml; about half the time of a lexbor parse here, and no regex pass over the
source is needed to find block boundaries), one walk over the elements that looks each tag up in
a table and emits text with a sentinel character at block boundaries, and the text repairs done
once on the whole text rather than per paragraph. Content with no tags skips the parser.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Callable

from lxml import etree

# ASCII control characters that HTML text never holds (any in the source are blanked first):
# being ASCII, they leave a plain-English text pure ASCII, which lets the repairs below skip it.
_PARA = "\x1e"
_LINE = "\x1f"

# What each element means for the text. Elements not listed are inline: their text flows on.
_INLINE, _BLOCK, _BREAK, _CELL, _DROP = range(5)
# Elements whose start and end separate paragraphs.
_BLOCK_TAGS = (
    "address", "article", "blockquote", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
)
# Dropped with everything inside them: never article text.
_DROPPED_TAGS = (
    "script", "style", "iframe", "form", "nav", "figure", "figcaption", "noscript", "template",
    "svg", "math", "button", "select", "textarea", "object", "embed", "audio", "video", "canvas",
    "aside", "footer", "head", "title",
)
# The parser is told to leave comments and processing instructions out; should one get through,
# its text is not article text either (lxml gives such nodes a function as their tag).
_KINDS: dict[object, int] = {
    **dict.fromkeys(_BLOCK_TAGS, _BLOCK),
    **dict.fromkeys(_DROPPED_TAGS, _DROP),
    "br": _BREAK, "td": _CELL, "th": _CELL,
    etree.Comment: _DROP, etree.ProcessingInstruction: _DROP, etree.Entity: _DROP,
}

# A tag of an element that is neither a block, a break, a cell nor dropped content.
_KEPT_NAMES = "|".join((*_BLOCK_TAGS, *_DROPPED_TAGS, "br", "td", "th"))
_INLINE_TAG = re.compile(rf"</?(?!(?:{_KEPT_NAMES})[\s/>])[a-zA-Z][^<>]*>", re.IGNORECASE)

# Is there markup at all? Plain-text content splits on blank lines instead.
_ANY_TAG = re.compile(r"<[a-zA-Z!/?]")
# Text that still reads as HTML after its entities were decoded: the feed escaped it twice.
_ESCAPED_MARKUP = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]{0,9}\b[^<>]*|!--.*?--)>", re.DOTALL)
# Inside real markup, text can hold escaped markup too (Reddit puts a post's own HTML, escaped,
# in a table cell). Only unmistakable HTML counts there: "<nick>" in a chat quote stays text.
_ESCAPED_HTML = re.compile(
    r"</?(?:p|div|span|br|a\s+href|img|ul|ol|li|table|tr|td|h[1-6]|blockquote|em|strong)\b[^<>]*>"
)
_LEFT_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,9}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\xa0]*\n")
_TWO_LINES = re.compile(f"{_LINE}\\s*{_LINE}")
_HAS_WORD = re.compile(r"\w")
# UTF-8 bytes that were decoded as Latin-1 somewhere upstream ("Ã©" for "é"): a lead byte and
# its continuation bytes, each shown as one Latin-1 character.
# Windows-1252 shows bytes 0x80-0x9F as these characters instead.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = f"[\xc2-\xf4][\x80-\xbf{_CP1252_HIGH}]+"
# C1 control characters never occur in text; they are Windows-1252 punctuation read as Latin-1.
_C1_AS_CP1252 = {
    code: bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # undefined in cp1252: left as they are
}
# Invisible characters that only split words. Zero-width joiner and non-joiner are kept: they
# change how Persian, Urdu or emoji text reads.
_INVISIBLE = "\u200b\u2060\ufeff\u00ad\u180e"
_STRAY = {**_C1_AS_CP1252, **dict.fromkeys(map(ord, _INVISIBLE), None)}
# One scan finds both kinds of damage (a mojibake run, or one stray character); scanning a text
# once per kind cost as much as the HTML parse.
_DAMAGE = re.compile(f"{_MOJIBAKE}|[\x80-\x9f{_INVISIBLE}]")

# Boilerplate, matched against a whole short paragraph (lower-cased). These are examples of a
# kind: each pattern names the kind of line, not one site's exact wording.
_BOILERPLATE = re.compile(
    r"""(?x)^(?:
        (?:share|tweet|e-?mail|pin)(?:\ this(?:\ \w+)?)?                   # share buttons
      | share\ (?:on|via|with|to)\ \w+(?:\ \w+)?
      | share\ (?:the\ )?(?:article|story|page|link|post)
      | (?:read|view|see)\ (?:more|the\ full|full|the\ rest|the\ original|on)\b.{0,80}
      | (?:continue|keep)\ reading\b.{0,80}
      | (?:click|tap)\ here\b.{0,80}
      | (?:sign\ up|subscribe|register)\b.{0,60}
            \b(?:newsletter|inbox|e-?mail|alerts|updates|briefing)\b.{0,40}
      | follow\ (?:us|@\w+|\w+\ on)\b.{0,80}                          # social follow lines
      | (?:advertisement|advert|sponsored(?:\ content)?|ad|promoted|paid\ content)
      | (?:the|this)\ (?:post|article|entry)\b.{0,200}\b(?:appeared|was\ published)
            \ (?:first\ )?on\b.{0,100}                                 # WordPress trailers
      | related:\ .{1,200}                                             # one inline related link
    )$""",
)
# Lines made only of share-widget words ("Facebook Twitter Email").
_SOCIAL_WORDS = frozenset((
    "facebook", "twitter", "x", "whatsapp", "email", "e-mail", "linkedin", "reddit", "pinterest",
    "telegram", "messenger", "flipboard", "copy", "link", "share", "print", "sms", "mail",
    "threads", "bluesky", "mastodon",
))
# Headings that start a trailer: this paragraph and everything after it goes.
_TRAILER_HEADING = re.compile(
    r"""(?x)^(?:
        related(?:\ (?:stories|articles|coverage|content|posts|links|reading|news|topics|video))?
      | more\ (?:from|on|about|in|stories|news|coverage)\b.{0,50}
      | (?:this\ |the\ )?week'?s\ top\ stories
      | top\ stories | most\ (?:read|popular|viewed|shared) | trending(?:\ now)?
      | about\ the\ (?:author|writer|reporter)s?
      | you\ (?:may|might)\ also\ (?:like|enjoy|be\ interested\ in)
      | recommended(?:\ (?:for\ you|reading|stories|articles))?
      | read\ (?:next|also) | see\ also | further\ reading | what\ to\ read\ next
      | editor'?s\ picks | in\ other\ news | popular\ (?:now|stories|articles)
    )\s*:?$""",
)
_SHORT = 120


def paragraphs(markup: str) -> list[str]:
    """The clean text paragraphs of an HTML fragment, or of plain text when it has no tags.

    Entities are decoded (a feed that escaped its HTML twice still gives text, not tags),
    whitespace is normalised, and boilerplate lines and trailers are left out.
    """
    if "<" in markup and _ANY_TAG.search(markup):
        return _keep(_html_chunks(markup))
    text = html.unescape(markup) if "&" in markup else markup
    if "<" in text and _ESCAPED_MARKUP.search(text):
        return _keep(_html_chunks(text))
    return _keep(_BLANK_LINE.split(_repair(text)))


def plain_paragraphs(text: str) -> list[str]:
    """Paragraphs of text known to be plain (Atom ``type="text"``): split on blank lines."""
    return _keep(_BLANK_LINE.split(_repair(text)))


def plain(text: str) -> str:
    """One line of clean text from text known to be plain: only whitespace and repairs."""
    return _normalise(text)


def inline(markup: str) -> str:
    """One line of clean text from a title or label that may hold tags or entities."""
    if "<" not in markup and "&" not in markup:
        # Most titles: nothing to parse or decode. Every feed's every title comes through here.
        return _normalise(markup)
    if "<" in markup and _ANY_TAG.search(markup):
        return " ".join(" ".join(_html_chunks(markup)).split())
    text = html.unescape(markup) if "&" in markup else markup
    return _normalise(_decode_leftovers(text))


def _html_chunks(markup: str, depth: int = 0) -> list[str]:
    """Parse once; return the repaired text between block boundaries (not yet normalised)."""
    if _PARA in markup or _LINE in markup:
        markup = markup.replace(_PARA, " ").replace(_LINE, " ")
    text = _repair(_tree_text(markup))
    if _LINE in text:
        # One <br> is a line break inside a paragraph; two in a row end the paragraph.
        text = _TWO_LINES.sub(_PARA, text).replace(_LINE, " ")
    chunks = text.split(_PARA)
    if depth == 0 and "<" in text and _ESCAPED_HTML.search(text):
        return [part for chunk in chunks for part in _unescaped_chunks(chunk)]
    return chunks


def _tree_text(markup: str, flattened: bool = False) -> str:
    """The text of the fragment's body, with sentinels where blocks and line breaks are."""
    # Bytes with the encoding fixed: a <meta charset> or an XML declaration inside a feed item
    # must not make the parser re-decode text that is already decoded. A fresh parser per call,
    # as in parse/xml.py: lxml parsers keep per-parse state, and one costs about a microsecond.
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    # Lone surrogates (JSON "\ud800" escapes) cannot be UTF-8; libxml2 reads them as U+FFFD.
    root = etree.fromstring(markup.encode("utf-8", "surrogatepass"), parser)
    if not flattened and parser.error_log and _too_deep(parser.error_log):
        # libxml2 stops reading at element depth 256, and sloppy HTML gets there with unclosed
        # inline tags (<b>, <font>, <span>), losing the rest of the text. Those tags carry no
        # paragraph breaks: read the text again without them.
        return _tree_text(_INLINE_TAG.sub("", markup), flattened=True)
    body = root.find("body") if root is not None else None
    if body is None:  # empty or whitespace-only input, or a <frameset> document: no text
        return ""
    parts: list[str] = []
    _walk(body, parts.append)
    return "".join(parts)


def _too_deep(log: etree._ListErrorLog) -> bool:
    return any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in log)


def _walk(el: etree._Element, add: Callable[[str], object]) -> None:
    """Emit the element's text and its children's, in document order.

    Recursion is safe: libxml2 stops nesting elements at depth 256 (we never ask it for more).
    """
    text = el.text  # each read of .text or .tail builds a new str: read once
    if text:
        add(text)
    for child in el:
        kind = _KINDS.get(child.tag, _INLINE)
        if kind == _BLOCK:
            add(_PARA)
            _walk(child, add)
            add(_PARA)
        elif kind == _BREAK:
            add(_LINE)
        elif kind == _CELL:
            add(" ")  # so that cells "1" and "2" do not read "12"; rows are blocks
            _walk(child, add)
        elif kind == _INLINE:
            _walk(child, add)
        tail = child.tail
        if tail:
            add(tail)


def _unescaped_chunks(chunk: str) -> list[str]:
    return _html_chunks(chunk, depth=1) if _ESCAPED_HTML.search(chunk) else [chunk]


def _keep(chunks: list[str]) -> list[str]:
    """The chunks (already repaired) as normalised paragraphs, without boilerplate."""
    kept: list[str] = []
    for chunk in chunks:
        text = " ".join(chunk.split())
        if not text or not _HAS_WORD.search(text):
            continue
        if len(text) <= _SHORT:
            lowered = text.lower()
            if _TRAILER_HEADING.match(lowered):
                break
            if _BOILERPLATE.match(lowered) or _only_social_words(lowered):
                continue
        elif _BOILERPLATE.match(text.lower()):
            continue
        kept.append(text)
    return kept


def _repair(text: str) -> str:
    """Entities escaped twice, mojibake, C1 controls and invisible characters: fixed once for a
    whole text (the sentinels and line breaks between paragraphs are left as they are)."""
    return _fix_characters(_decode_leftovers(text))


def _decode_leftovers(text: str) -> str:
    # Entities still present after a full decode were escaped twice ("&amp;amp;"): decode again.
    # Only what reads as an entity, so a lone "&" or "&copy" in running text stays as written.
    if "&" in text and _LEFT_ENTITY.search(text):
        return _LEFT_ENTITY.sub(_unescape, text)
    return text


def _unescape(entity: re.Match[str]) -> str:
    return html.unescape(entity.group())


def _fix_characters(text: str) -> str:
    if text.isascii():  # C-speed, and true of most English text: nothing to repair
        return text
    return _DAMAGE.sub(_repair_damage, text)


def _repair_damage(found: re.Match[str]) -> str:
    """A stray character mapped or dropped; a run that is valid UTF-8 once turned back into
    bytes was mojibake, anything else is real Latin-1 text ("Müller") and stays."""
    text = found.group()
    if len(text) > 1:
        raw = bytes(ord(c) if ord(c) < 0x100 else c.encode("cp1252")[0] for c in text)
        with contextlib.suppress(UnicodeDecodeError):
            text = raw.decode("utf-8")
    return text.translate(_STRAY)


def _normalise(text: str) -> str:
    # str.split() without arguments also splits on NBSP and the other Unicode spaces.
    return " ".join((text if text.isascii() else _fix_characters(text)).split())


def _only_social_words(lowered: str) -> bool:
    words = lowered.replace("|", " ").replace("·", " ").split()
    return bool(words) and all(w in _SOCIAL_WORDS for w in words)
