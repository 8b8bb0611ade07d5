"""Files, both ways: what a user attaches to a command, and what the bot uploads with a reply.

A user's file reaches the bot as an ATTACHMENT option with ``resolved.attachments`` and a URL on
Discord's CDN; here the fake itself serves it (``/attachments/{id}/{filename}``, no token, as the
CDN needs none), so the bot downloads it over real HTTP. The bot uploads a file the way
discord.py does: ``multipart/form-data`` with a ``payload_json`` part and one ``files[n]`` part
per file, each named by an ``attachments`` entry whose ``id`` is ``n``. The payload is checked
against Discord's OpenAPI description of the route (``openapi.py``), like Discord answering 400
with code 50035 and the path of each bad value.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from aiohttp import BodyPartReader, web

from . import openapi, validate
from .state import FakeAttachment, FakeState
from .wire import ApiError, snowflake

Json = dict[str, Any]
#: files[n] → (filename, bytes, content type)
Parts = dict[int, tuple[str, bytes, str]]

#: Discord's upload limits for a guild without boosts: 10 files, 10 MiB in all.
MAX_FILES = 10
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_FILE_PART = re.compile(r"files\[(\d+)\]")


class Uploads:
    def __init__(self, state: FakeState, base_url: Callable[[], str]) -> None:
        self.state = state
        self._base_url = base_url
        self.files: dict[int, FakeAttachment] = {}
        #: downloads per attachment id
        self.downloads: Counter[int] = Counter()

    def add(self, filename: str, data: bytes, content_type: str) -> FakeAttachment:
        """A file on the fake CDN."""
        attachment_id = self.state.new_id()
        attachment = FakeAttachment(
            attachment_id, filename, data, content_type,
            f"{self._base_url()}/attachments/{attachment_id}/{filename}",
        )
        self.files[attachment_id] = attachment
        return attachment

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/attachments/{attachment_id}/{filename}", self.serve)]

    async def serve(self, request: web.Request) -> web.Response:
        found = self.files.get(snowflake(request.match_info["attachment_id"]))
        if found is None or found.filename != request.match_info["filename"]:
            return web.Response(status=404, text="Not Found")
        self.downloads[found.id] += 1
        return web.Response(body=found.data, content_type=found.content_type)

    async def read(self, request: web.Request, route: str) -> tuple[Any, Parts]:
        """The JSON body of a message-making request and the files uploaded with it (pass them
        to ``attach`` with the message part of the body). The body is checked against the
        request schema of ``route`` (as the spec spells the path) in Discord's spec, when the
        spec is there."""
        if request.content_type.startswith("multipart/"):
            body, parts = await self._multipart(request)
        else:
            text = await request.text()
            body, parts = (_json(text) if text else {}), {}
        if openapi.available():
            errors = validate.Errors()
            for path, reason in openapi.request_problems(route, request.method, body):
                errors.add(path, "SPEC_MISMATCH", reason)
            errors.raise_if_any()
        return body, parts

    async def _multipart(self, request: web.Request) -> tuple[Any, Parts]:
        reader = await request.multipart()
        body: Any = {}
        parts: Parts = {}
        total = 0
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                raise ApiError(400, 50035, "Invalid Form Body")
            name = part.name or ""
            data = await part.read()
            if name == "payload_json":
                body = _json(data.decode("utf-8"))
                continue
            index = _FILE_PART.fullmatch(name)
            if index is None:
                raise ApiError(400, 50035, f"Invalid Form Body: unexpected part {name!r}")
            total += len(data)
            if total > MAX_UPLOAD_BYTES:
                raise ApiError(413, 40005, "Request entity too large")
            content_type = part.headers.get("Content-Type", "application/octet-stream")
            parts[int(index.group(1))] = (part.filename or f"file{index.group(1)}", data,
                                          content_type)
        if len(parts) > MAX_FILES:
            raise ApiError(400, 50035, f"Invalid Form Body: at most {MAX_FILES} files")
        return body, parts

    def attach(self, message: Any, parts: Parts, at: tuple[str, ...] = ()) -> list[FakeAttachment]:
        """The uploaded files as attachments, in the order of the message's ``attachments``
        (``at`` is where the message sits in the body, for the error path): each entry must
        name an uploaded ``files[n]``."""
        entries = message.get("attachments") if isinstance(message, dict) else None
        errors = validate.Errors()
        named: list[tuple[int, str]] = []
        for position, entry in enumerate(entries or []):
            index = int(entry["id"])
            if index not in parts:
                errors.add((*at, "attachments", position, "id"), "ATTACHMENT_NOT_FOUND",
                           f"files[{index}] was not uploaded")
                continue
            named.append((index, str(entry.get("filename") or parts[index][0])))
        errors.raise_if_any()
        # A file no entry names is still uploaded, under its part's filename, as Discord does.
        named += [(i, parts[i][0]) for i in sorted(parts) if i not in {n for n, _ in named}]
        return [self.add(filename, parts[i][1], parts[i][2]) for i, filename in named]


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise ApiError(400, 50109, "The request body contains invalid JSON.") from None
