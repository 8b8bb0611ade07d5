"""Discord-shaped HTTP answers and request parsing shared by every route module."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from . import validate
from .state import FakeMessage

API = "/api/v10"


def json_response(
    data: object, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """Exactly ``application/json``: discord.py compares the whole header, charset breaks it."""
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers=headers,
        content_type="application/json",
    )


def error(status: int, code: int, message: str) -> web.Response:
    return json_response({"message": message, "code": code}, status)


class ApiError(Exception):
    """A Discord error answer raised from deep inside a handler."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def unknown(what: str, code: int) -> ApiError:
    return ApiError(404, code, f"Unknown {what}")


def missing_access() -> ApiError:
    """Discord's answer when the bot cannot see the channel or guild at all."""
    return ApiError(403, 50001, "Missing Access")


def missing_permissions() -> ApiError:
    return ApiError(403, 50013, "Missing Permissions")


def snowflake(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise validate.InvalidBody(
            {
                "message": "Invalid Form Body",
                "code": 50035,
                "errors": {
                    "snowflake": {
                        "_errors": [
                            {"code": "NUMBER_TYPE_COERCE", "message": f"{text!r} is not snowflake."}
                        ]
                    }
                },
            }
        ) from None


async def read_body(request: web.Request) -> Any:
    """JSON body, or ``payload_json`` of a multipart upload (how discord.py sends files)."""
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        raw = form.get("payload_json")
        text = raw if isinstance(raw, str) else ""
    else:
        text = await request.text()
    if not text:
        return {}
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise ApiError(400, 50109, "The request body contains invalid JSON.") from None


def wait_or_204(request: web.Request, message: FakeMessage) -> web.Response:
    """Webhook executes answer the message only with ``?wait=true``, else 204."""
    if request.query.get("wait") not in ("1", "true", "True"):
        return web.Response(status=204)
    return json_response(message.to_json())
