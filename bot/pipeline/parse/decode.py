"""Bytes → text: which encoding a body is in, by its BOM, the HTTP charset and what it declares.

Only JSON Feed and HTML pages are decoded here in full; an XML body goes to lxml as bytes, which
reads its BOM and declaration itself, unless the HTTP charset overrides them (see ``xml.read``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
# How "<" or "{" starts a body in a wide encoding that has no BOM (the XML spec's appendix F).
_WIDE_STARTS = (
    (b"\x00\x00\x00", "utf-32-be"),
    (b"\x00\x00", "utf-16-be"),
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
#: how much of a body is looked at to tell its kind and find its declared encoding
SNIFF_BYTES = 4096


def bom(body: bytes) -> tuple[str | None, int]:
    """The encoding a byte-order mark says, and the mark's length (None, 0: no mark)."""
    for mark, name in _BOMS:
        if body.startswith(mark):
            return name, len(mark)
    return None, 0


def sniff(body: bytes) -> str:
    """Enough of the body as text to tell JSON, HTML and XML apart (never the final decode)."""
    head = body[:SNIFF_BYTES]
    encoding, skip = bom(head)
    if encoding is None:
        if head[1:4] == b"\x00\x00\x00":
            encoding = "utf-32-le"
        elif head[1:2] == b"\x00":
            encoding = "utf-16-le"
        else:
            encoding = next((n for p, n in _WIDE_STARTS if head.startswith(p)), "latin-1")
    return head[skip:].decode(encoding, "replace")


def header_charset(headers: Mapping[str, str] | None) -> str | None:
    """The codec the Content-Type header names, or None (no header, no charset, a bogus one)."""
    if not headers:
        return None
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    match = _HEADER_CHARSET.search(content_type)
    return codec_name(match.group(1)) if match else None


def xml_declared(body: bytes) -> str | None:
    """The codec an XML declaration names (``<?xml … encoding="…"?>``), given the body without
    leading whitespace; None when there is none or Python does not know it."""
    match = _XML_ENCODING.match(body[:SNIFF_BYTES])
    return codec_name(match.group(1)) if match else None


def html_declared(body: bytes) -> str | None:
    """The codec a page's ``<meta charset>`` (or http-equiv) names in its first bytes."""
    match = _META_CHARSET.search(body[:SNIFF_BYTES])
    return codec_name(match.group(1)) if match else None


def codec_name(label: str | bytes) -> str | None:
    """The codec Python knows for an encoding label, or None for a bogus label."""
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(body: bytes, charset: str | None, declared: str | None) -> str:
    """BOM, then the header charset, then what the document declares, then UTF-8."""
    encoding, skip = bom(body)
    for candidate in (encoding, charset, declared):
        if candidate:
            try:
                return body[skip:].decode(candidate)
            except (UnicodeDecodeError, LookupError):
                continue
    try:
        return body[skip:].decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8 and nothing said otherwise: windows-1252 is what such pages nearly always are.
        return body[skip:].decode("windows-1252", "replace")
