"""The demo's feed server: real HTTP on 127.0.0.1, serving the story as it stands at each step."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from ipaddress import IPv4Network
from types import TracebackType

from aiohttp import web

from bot.demo.story import (
    BODY,
    MIDDLE_EAST_FIRST,
    MIDDLE_EAST_SECOND,
    STORY_LINK,
    STORY_TITLE,
    Step,
)

_PUBLISHED = format_datetime(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))


def rss_document(title: str, items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>http://newsdesk.example/</link>"
        f"<description>{escape(title)}</description>{''.join(items)}</channel></rss>"
    ).encode()


def rss_item(guid: str, title: str, paragraphs: tuple[str, ...], link: str) -> str:
    html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<item><guid isPermaLink=\"false\">{escape(guid)}</guid><title>{escape(title)}</title>"
        f"<link>{escape(link)}</link><pubDate>{_PUBLISHED}</pubDate>"
        f"<description>{escape(paragraphs[0])}</description>"
        f"<content:encoded><![CDATA[{html}]]></content:encoded></item>"
    )


class DemoFeeds:
    #: where it listens: the fetch guard's allow-list needs it, loopback being refused otherwise
    network = IPv4Network("127.0.0.1/32")

    def __init__(self) -> None:
        self._bodies: dict[str, bytes] = {}
        self._runner: web.AppRunner | None = None
        self._port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._port}{path}"

    def show(self, step: Step) -> None:
        story = rss_item("newsdesk-2026-kosovo-crossings", STORY_TITLE,
                      (*step.updates, *BODY, *step.trailer), STORY_LINK)
        self._bodies["/balkans.xml"] = rss_document("Newsdesk: Balkans", [story])
        middle_east = [MIDDLE_EAST_FIRST, *([MIDDLE_EAST_SECOND] if step.middle_east_grows else [])]
        self._bodies["/middle-east.xml"] = rss_document("Gulf Wire: Middle East", [
            rss_item(guid, title, (text,), f"http://gulfwire.example/{guid}")
            for guid, title, text in reversed(middle_east)
        ])
        # A source that replaced its feed with an error page, as real sites do.
        self._bodies["/broken.xml"] = (
            b"<!DOCTYPE html><html><head><title>503</title></head>"
            b"<body><h1>Service temporarily unavailable</h1></body></html>"
        )

    async def _serve(self, request: web.Request) -> web.Response:
        body = self._bodies.get(request.path)
        if body is None:
            raise web.HTTPNotFound()
        kind = "text/html" if request.path == "/broken.xml" else "application/rss+xml"
        return web.Response(body=body, content_type=kind, charset="utf-8")

    async def __aenter__(self) -> DemoFeeds:
        app = web.Application()
        app.router.add_get("/{name}", self._serve)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        # Port 0 lets the OS pick a free port; read back which one it chose.
        sockets = getattr(site._server, "sockets", None)
        assert sockets
        self._port = int(sockets[0].getsockname()[1])
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
