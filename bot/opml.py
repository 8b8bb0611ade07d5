"""OPML: the list of feeds every reader imports and exports. Pure: bytes in, feeds out.

Reads OPML 1.0 and 2.0: every ``outline`` with an ``xmlUrl``, however deeply nested in folders
(the folders themselves are not kept). Writes OPML 2.0. The file comes from a stranger (a
Discord attachment), so it is parsed with entities left unexpanded, no DTD loaded, nothing
fetched from the network, and refused past a size and a count before any of that work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree


class OpmlError(Exception):
    """The file is not an OPML list of feeds we accept; the message says why, plainly."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    #: the feed's address (``xmlUrl``)
    url: str
    #: what the list calls it (``title``, else ``text``); None when it says nothing
    title: str | None = None
    #: the site's address (``htmlUrl``), when the list has one
    html_url: str | None = None


def read_opml(data: bytes, *, max_bytes: int, max_outlines: int) -> list[OpmlFeed]:
    """The feeds of an OPML file, in file order, each URL once (the first outline wins).

    Raises OpmlError for a file over ``max_bytes``, with more than ``max_outlines`` feeds, that
    is not XML, or whose root is not ``<opml>`` with a ``<body>``.
    """
    if len(data) > max_bytes:
        raise OpmlError(f"the file is {len(data)} bytes; at most {max_bytes} are accepted")
    if b"<!ENTITY" in data.upper():
        # OPML needs no entities of its own; declaring them is how XML bombs and external
        # entity tricks start. (A UTF-16 file would hide them from this look, but the parser
        # below expands none and fetches nothing either way.)
        raise OpmlError("the file declares XML entities; an OPML list needs none")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise OpmlError(f"the file is not well-formed XML: {e.msg}") from None
    if root is None or _local(root.tag) != "opml":
        raise OpmlError("the file is not OPML: its root element is not <opml>")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise OpmlError("the OPML file has no <body>")
    feeds: dict[str, OpmlFeed] = {}
    for outline in body.iter():
        if not isinstance(outline.tag, str) or _local(outline.tag) != "outline":
            continue
        attributes = {str(k).lower(): str(v).strip() for k, v in outline.attrib.items()}
        url = attributes.get("xmlurl", "")
        if not url:
            continue  # a folder, or a link that is no feed
        if url not in feeds:
            if len(feeds) == max_outlines:
                raise OpmlError(f"the file lists more than {max_outlines} feeds, the most "
                                "accepted at once")
            title = attributes.get("title") or attributes.get("text") or None
            feeds[url] = OpmlFeed(url, title, attributes.get("htmlurl") or None)
    return list(feeds.values())


def write_opml(title: str, feeds: Sequence[OpmlFeed]) -> bytes:
    """An OPML 2.0 document listing ``feeds`` under ``title``, UTF-8 with its declaration."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    for feed in feeds:
        # text is required by OPML 2.0 for every outline; title is what readers display.
        name = feed.title or feed.url
        outline = etree.SubElement(body, "outline", type="rss", text=name, title=name,
                                   xmlUrl=feed.url)
        if feed.html_url:
            outline.set("htmlUrl", feed.html_url)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _local(tag: object) -> str:
    """A tag's name without its namespace: some exporters put OPML in one."""
    return str(tag).rsplit("}", 1)[-1].lower()
