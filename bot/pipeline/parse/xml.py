"""An XML body → its drafts: RSS 0.9x, 1.0 (RDF) and 2.0, Atom 0.3 and 1.0, in one reader.

One strict lxml parse that cannot load DTDs, reach the network or expand entities (so XXE and
billion-laughs bodies are inert), then a direct read of the few elements we use. A body that is
not well-formed XML is not read here: ``read`` says so with None, and the dispatch hands it to
``malformed``.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from html.entities import name2codepoint

from lxml import etree

from bot.pipeline import html_text
from bot.pipeline.parse import decode
from bot.pipeline.parse.drafts import (
    NOT_A_FEED,
    EntryDraft,
    FeedDraft,
    Markup,
    ParseError,
    draft,
    feed,
)
from bot.pipeline.parse.links import absolute, clean

_ATOM10 = "http://www.w3.org/2005/Atom"
_ATOM03 = "http://purl.org/atom/ns#"
_ATOM = (_ATOM10, _ATOM03)
# Some feeds leave the Atom namespace out altogether; the element names still say what they are.
_ATOM_ANY = (*_ATOM, "")
_RSS_NS = ("", "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
           "http://backend.userland.com/rss2", "http://backend.userland.com/rss")
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_MEDIA = "http://search.yahoo.com/mrss/"
_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDF = f"{{{_RDF_NS}}}RDF"
_RDF_ABOUT = f"{{{_RDF_NS}}}about"


def read(body: bytes, charset: str | None, url: str | None) -> FeedDraft | None:
    """The feed's drafts, or None when the body is not well-formed XML.

    ``charset`` is the HTTP one, ``url`` resolves relative links. Well-formed XML with no feed
    in it is a ``ParseError``.
    """
    root = _tree(body, charset, url)
    if root is None:
        return None
    found = _feed_element(root)
    if found is None:
        raise ParseError(f"{NOT_A_FEED}: its XML is a <{_split(root.tag)[1]}> document")
    if found.tag in _ATOM_FEED:
        return _read_atom(found, url)
    return _read_rss(found, url)


def _parser(encoding: str | None = None) -> etree.XMLParser:
    # A fresh parser per call: lxml parsers keep per-parse state (the error log), and building
    # one costs microseconds. These options are the XXE / billion-laughs defence.
    return etree.XMLParser(
        encoding=encoding, resolve_entities=False, no_network=True, huge_tree=False,
        load_dtd=False, dtd_validation=False, remove_comments=True, remove_pis=True,
    )


def _tree(body: bytes, charset: str | None, url: str | None) -> etree._Element | None:
    """The parsed document, or None when it is not well-formed (or in an encoding libxml2
    does not know)."""
    bom, _ = decode.bom(body)
    if bom is None:
        body = body.lstrip()  # servers often emit a newline before "<?xml"; libxml2 refuses it
    declared = bom or decode.xml_declared(body)
    parser = _parser()
    if charset is not None and charset != (declared or "utf-8"):
        # RFC 7303: the HTTP charset wins over what the document declares. libxml2 would obey
        # the declaration, so the body is decoded here and handed to it as UTF-8.
        body = decode.decode(body, charset, declared).lstrip().encode("utf-8")
        parser = _parser("utf-8")
    try:
        root = etree.fromstring(body, parser, base_url=url or "")
    except (etree.XMLSyntaxError, ValueError):
        return None
    # Searching the tree takes 3 us, where searching the bytes of a feed, with a "&" every few
    # bytes, would take 40.
    if next(root.iter(etree.Entity), None) is not None:
        _expand_entities(root)
    return root


def _expand_entities(root: etree._Element) -> None:
    """Entity references lxml left as written (only a DOCTYPE allows them, and its DTD is never
    read) become the characters HTML names them (``&eacute;``), or stay as written
    (``&x;``), the way feedparser read such feeds: with no DTD, no declaration is trusted."""
    for ref in list(root.iter(etree.Entity)):
        parent = ref.getparent()
        if parent is None:  # never: every reference lies inside the root element
            continue
        written = ref.text or ""  # "&name;"
        code = name2codepoint.get(written[1:-1])
        text = (chr(code) if code is not None else written) + (ref.tail or "")
        previous = ref.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(ref)  # and its tail with it, which is now in the text before it


def _feed_element(root: etree._Element) -> etree._Element | None:
    """The root when it is a feed, else the first feed inside it (a blog template that wraps
    its Atom feed in an XHTML page), else None."""
    if (
        root.tag in _ATOM_FEED
        or _split(root.tag)[1] in ("rss", "RDF")
        or root.tag in _RSS_CHANNEL  # a channel that lost the <rss> around it
    ):
        return root
    # Inside a page, an RDF block is more often licence metadata than a feed: only one with a
    # channel counts.
    for el in root.iter(*_ATOM_FEED, "rss", _RDF):
        if el.tag != _RDF or any(child.tag in _RSS_CHANNEL for child in el):
            return el
    return None


def _split(tag: object) -> tuple[str, str]:
    if not isinstance(tag, str):  # comments, processing instructions
        return "-", ""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _tags(namespaces: tuple[str, ...], *names: str) -> tuple[str, ...]:
    """The tags lxml gives ``names`` in ``namespaces`` ("{namespace}name", or the bare name for
    no namespace), in order of preference: the first name in any namespace first."""
    return tuple(f"{{{ns}}}{name}" if ns else name for name in names for ns in namespaces)


# Looked up by the tag as lxml spells it: one dict lookup per candidate, no string splitting.
_RSS_CHANNEL = frozenset(_tags(_RSS_NS, "channel"))
_RSS_ITEM = frozenset(_tags(_RSS_NS, "item"))
_RSS_LINK = _tags(_RSS_NS, "link")
_RSS_TITLE = _tags(_RSS_NS, "title")
_RSS_DESCRIPTION = _tags(_RSS_NS, "description")
_DC_TITLE = _tags((_DC,), "title")
_DC_DATE = _tags((_DC,), "date")
_DCTERMS_MODIFIED = _tags((_DCTERMS,), "modified")
_CONTENT_ENCODED = f"{{{_CONTENT}}}encoded"
_ATOM_FEED = _tags(_ATOM_ANY, "feed")
_ATOM_ENTRY = frozenset(_tags(_ATOM_ANY, "entry"))
_ATOM_LINK = frozenset(_tags(_ATOM_ANY, "link"))
_ATOM_TITLE = _tags(_ATOM_ANY, "title")
_ATOM_CONTENT = _tags(_ATOM_ANY, "content")
_ATOM_SUMMARY = _tags(_ATOM_ANY, "summary")
_ATOM_ID = _tags(_ATOM_ANY, "id")
_ATOM_PUBLISHED = _tags(_ATOM_ANY, "published", "issued")
_ATOM_UPDATED = _tags(_ATOM_ANY, "updated", "modified")
_MEDIA_GROUP = f"{{{_MEDIA}}}group"
_MEDIA_DESCRIPTION = f"{{{_MEDIA}}}description"


def _children(el: etree._Element) -> dict[object, etree._Element]:
    """Each tag of the direct children mapped to its first element."""
    found: dict[object, etree._Element] = {}
    for child in el:
        found.setdefault(child.tag, child)
    return found


def _first(found: Mapping[object, etree._Element], tags: tuple[str, ...]) -> etree._Element | None:
    """The first child present among ``tags`` (in that order of preference)."""
    for tag in tags:
        el = found.get(tag)
        if el is not None:
            return el
    return None


@dataclass(frozen=True, slots=True)
class _Fields:
    """The children an item is read for: each field's tags (in order of preference) → the
    field's position in what ``_pick`` returns, and the tag's rank among the field's tags."""

    by_tag: Mapping[str, tuple[int, int]]
    count: int


def _fields(*fields: tuple[str, ...] | frozenset[str]) -> _Fields:
    """A field's tags in order of preference, or a set of tags alike: the first in the
    document wins."""
    by_tag: dict[str, tuple[int, int]] = {}
    for position, tags in enumerate(fields):
        for rank, tag in enumerate(tags):
            by_tag.setdefault(tag, (position, 0 if isinstance(tags, frozenset) else rank))
    return _Fields(by_tag, len(fields))


def _pick(el: etree._Element, fields: _Fields) -> list[etree._Element | None]:
    """For each field, the first child with its most preferred tag present, or None: what
    ``_first(_children(el), tags)`` gives, in one pass over the children and no dict of them
    (items are read this way; the feed's own elements, read once, with ``_children``)."""
    found: list[etree._Element | None] = [None] * fields.count
    ranks = [len(fields.by_tag)] * fields.count
    by_tag = fields.by_tag
    for child in el:
        hit = by_tag.get(child.tag)
        if hit is not None:
            position, rank = hit
            if rank < ranks[position]:  # strictly: of two children with one tag, the first
                found[position] = child
                ranks[position] = rank
    return found


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    if len(el):  # markup a feed forgot to escape: keep its text
        return "".join(str(t) for t in el.itertext())
    return el.text


def _markup(el: etree._Element) -> str:
    """An element's content as HTML. Usually that is its text (escaped or CDATA HTML); when
    the feed put raw XHTML inside, its text is re-escaped and the children serialised."""
    if not len(el):
        return el.text or ""
    inner = escape(el.text or "", quote=False)
    return inner + "".join(etree.tostring(child, encoding="unicode") for child in el)


def _read_rss(root: etree._Element, url: str | None) -> FeedDraft:
    if root.tag in _RSS_CHANNEL:
        channel: etree._Element | None = root
        holders = [root]
    else:
        channel = next((c for c in root if c.tag in _RSS_CHANNEL), None)
        # RSS 1.0 and 0.90 put items beside the channel; a few RSS 2.0 feeds do the same.
        holders = [root] if channel is None else [channel, root]
    info = _children(channel) if channel is not None else {}
    feed_link = absolute(_text(_first(info, _RSS_LINK)), url)
    bases = (feed_link or url, url)
    drafts = (
        _rss_item(el, bases)
        for holder in holders
        for el in holder
        if el.tag in _RSS_ITEM
    )
    title = html_text.inline(_text(_first(info, _RSS_TITLE)) or "")
    return feed("rss", title, feed_link, drafts)


_RSS_ITEM_FIELDS = _fields(
    ("guid",), _RSS_LINK, _RSS_TITLE, _DC_TITLE, (_CONTENT_ENCODED,), _RSS_DESCRIPTION,
    ("pubDate",), _DCTERMS_MODIFIED, _DC_DATE, (_MEDIA_GROUP,), (_MEDIA_DESCRIPTION,),
)


def _rss_item(el: etree._Element, bases: tuple[str | None, ...]) -> EntryDraft | None:
    (
        guid_el, link_el, title_el, dc_title, content, description, pub_date, modified, dc_date,
        media_group, media_description,
    ) = _pick(el, _RSS_ITEM_FIELDS)
    guid = clean(_text(guid_el)) or clean(el.get(_RDF_ABOUT))
    link = _text(link_el)
    if link is None and guid_el is not None and guid and (
        guid_el.get("isPermaLink", "true").strip().lower() == "true"
    ):
        link = guid  # a permalink guid is the item's link when <link> is missing
    title = _text(title_el) or _text(dc_title) or ""
    # Each read of an element's text makes a new string of it: the article is read once.
    markup = _markup(content) if content is not None else ""
    if not markup:
        content = description
        markup = _markup(content) if content is not None else ""
    # dc:date is when the item was published in RSS 1.0 feeds (feedparser reads it that way too).
    return draft(
        guid=guid,
        link=link,
        bases=bases,
        title=html_text.inline(title),
        published=_text(pub_date if pub_date is not None else dc_date),
        updated=_text(modified if modified is not None else dc_date),
        content=(
            Markup(markup) if content is not None
            else _media_text(media_group, media_description)
        ),
    )


def _read_atom(root: etree._Element, url: str | None) -> FeedDraft:
    info = _children(root)
    feed_link = _atom_link(root, url)
    title, _ = _atom_text(_first(info, _ATOM_TITLE))
    drafts = (_atom_entry(el, feed_link, url) for el in root if el.tag in _ATOM_ENTRY)
    return feed("atom", html_text.inline(title or ""), feed_link, drafts)


def _atom_link(el: etree._Element, *bases: str | None) -> str | None:
    """The rel="alternate" link (rel defaults to alternate), resolved against xml:base."""
    href, xml_base = _atom_href(el)
    return absolute(href, xml_base, *bases) if href is not None else None


def _atom_href(el: etree._Element) -> tuple[str | None, str | None]:
    """The rel="alternate" link as written, and the xml:base in force where it is written."""
    for child in el:
        if child.tag in _ATOM_LINK:
            href = _alternate_href(child)
            if href is not None:
                return href, child.base
    return None, None


def _alternate_href(link: etree._Element) -> str | None:
    """A link element's href when it is the alternate link (rel defaults to alternate)."""
    return link.get("href") if link.get("rel", "alternate").strip() == "alternate" else None


def _atom_text(el: etree._Element | None) -> tuple[str | None, bool]:
    """An Atom text construct's content and whether it is HTML."""
    if el is None:
        return None, False
    # (.get without a default and a test for None: called for every title and every content)
    kind = el.get("type")
    kind = "text" if kind is None else kind.strip().lower()
    mode = el.get("mode")
    if mode is not None and mode.strip().lower() == "base64":
        return _base64(el.text), kind not in ("text", "text/plain")
    if kind in ("xhtml", "application/xhtml+xml") or len(el):
        div = next(iter(el), None)
        if div is not None and _split(div.tag)[1] == "div" and len(el) == 1:
            return _markup(div), True
        return _markup(el), True
    if kind in ("text", "text/plain"):
        return el.text, False
    return el.text, True


def _base64(text: str | None) -> str | None:
    """Atom 0.3 content in ``mode="base64"``, decoded; as written when it is not base64 of
    UTF-8 text (feedparser kept it so too)."""
    if not text:
        return text
    try:
        return base64.decodebytes(text.encode("utf-8")).decode("utf-8")
    except ValueError:  # binascii.Error, UnicodeDecodeError
        return text


_ATOM_ENTRY_FIELDS = _fields(
    _ATOM_TITLE, _ATOM_CONTENT, _ATOM_SUMMARY, _ATOM_ID, _ATOM_PUBLISHED, _ATOM_UPDATED,
    _ATOM_LINK, (_MEDIA_GROUP,), (_MEDIA_DESCRIPTION,),
)


def _atom_entry(el: etree._Element, feed_link: str | None, url: str | None) -> EntryDraft | None:
    (
        title_el, content_el, summary, id_el, published, updated, first_link,
        media_group, media_description,
    ) = _pick(el, _ATOM_ENTRY_FIELDS)
    title, title_html = _atom_text(title_el)
    content, content_html = _atom_text(content_el)
    if not content:
        content, content_html = _atom_text(summary)
    if first_link is None:
        href = xml_base = None
    elif (href := _alternate_href(first_link)) is not None:
        xml_base = first_link.base
    else:  # a rel="self" or "enclosure" link comes first: the alternate one is further on
        href, xml_base = _atom_href(el)
    return draft(
        guid=clean(_text(id_el)),
        link=href,
        bases=(xml_base, feed_link, url) if href is not None else None,
        title=html_text.inline(title or "") if title_html else html_text.plain(title or ""),
        published=_text(published),
        updated=_text(updated),
        content=(
            Markup(content, content_html) if content
            else _media_text(media_group, media_description)
        ),
    )


def _media_text(
    group: etree._Element | None, description: etree._Element | None
) -> Markup:
    """Video and podcast feeds (YouTube) put their only text in Media RSS descriptions, in a
    media:group or (``description``) right in the item."""
    if group is not None:
        description = _children(group).get(_MEDIA_DESCRIPTION)
    if description is None:
        return Markup(None)
    is_html = description.get("type", "plain").strip().lower() == "html"
    return Markup(_text(description), is_html)

