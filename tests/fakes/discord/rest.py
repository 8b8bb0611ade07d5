"""REST v10 routes discord.py calls for a bot that syncs commands, answers them and posts.

One middleware does what Discord's edge does for every request: records it, answers routes it
does not know with Discord's 404 body (and remembers them in ``unknown_routes``), checks the
bot token, applies injected faults and the optional rate limiter, and turns ``ApiError`` /
``InvalidBody`` raised by a handler into Discord's error JSON.
"""

from __future__ import annotations

import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from . import openapi, validate
from . import permissions as perm
from .faults import FaultPlan, RateLimiter, RateMeter
from .gateway import Gateway
from .interactions import EPHEMERAL
from .messages import Messages
from .state import ANNOUNCEMENT, TEXT, FakeChannel, FakeCommand, FakeGuild, FakeMessage, FakeState
from .uploads import Uploads
from .webhooks import SETTABLE_FLAGS, InteractionRoutes
from .wire import (
    API,
    ApiError,
    error,
    json_response,
    missing_access,
    missing_permissions,
    read_body,
    snowflake,
    unknown,
)

#: IDENTIFYs a day for a bot under 150,000 guilds
SESSION_STARTS = 1000

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]


class RestApi:
    def __init__(
        self,
        state: FakeState,
        gateway: Gateway,
        faults: FaultPlan,
        *,
        nonce_window: float,
        limiter: RateLimiter | None,
        meter: RateMeter,
        gateway_url: Callable[[], str],
        base_url: Callable[[], str],
        notify: Callable[[], None],
    ) -> None:
        self.state = state
        self.gateway = gateway
        self.faults = faults
        self.nonce_window = nonce_window
        self.limiter = limiter
        #: every bot request that counts against the global limit, however many bots send
        self.meter = meter
        self._gateway_url = gateway_url
        self._notify = notify
        self.messages = Messages(state, gateway)
        self.uploads = Uploads(state, base_url)
        self.hooks = InteractionRoutes(state, self.messages, self.uploads)
        self.requests: list[RecordedRequest] = []
        self.unknown_routes: list[str] = []
        self.internal_errors: list[str] = []
        self._nonces: dict[tuple[int, str], tuple[FakeMessage, float]] = {}

    def routes(self) -> list[web.RouteDef]:
        app_cmds = API + "/applications/{application_id}/commands"
        guild_cmds = API + "/applications/{application_id}/guilds/{guild_id}/commands"
        message = API + "/channels/{channel_id}/messages/{message_id}"
        return [
            *self.hooks.routes(),
            *self.uploads.routes(),
            web.get(API + "/users/@me", self.get_me),
            web.get(API + "/oauth2/applications/@me", self.get_application),
            web.get(API + "/applications/@me", self.get_application),
            web.get(API + "/gateway", self.get_gateway),
            web.get(API + "/gateway/bot", self.get_gateway_bot),
            web.get(app_cmds, self.get_commands),
            web.put(app_cmds, self.put_commands),
            web.get(guild_cmds, self.get_commands),
            web.put(guild_cmds, self.put_commands),
            web.get(API + "/guilds/{guild_id}/members/{user_id}", self.get_member),
            web.get(API + "/channels/{channel_id}", self.get_channel),
            web.post(API + "/channels/{channel_id}/messages", self.post_message),
            web.get(API + "/channels/{channel_id}/messages", self.get_messages),
            web.patch(message, self.patch_message),
            web.delete(message, self.delete_message),
            web.post(message + "/crosspost", self.crosspost),
            web.post(message + "/threads", self.start_thread),
        ]

    # -- the edge ---------------------------------------------------------------------------

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API + "/"):
            return await handler(request)
        method, path = request.method, request.path.removeprefix(API)
        unmatched = request.match_info.http_exception
        if unmatched is not None:
            self.unknown_routes.append(f"{method} {path}")
            return error(unmatched.status, 0, f"{unmatched.status}: {unmatched.reason}")
        self.requests.append(RecordedRequest(method, path, dict(request.query)))
        token_route = path.startswith(("/interactions/", "/webhooks/"))
        if not token_route and request.headers.get("Authorization") != f"Bot {self.state.token}":
            return error(401, 0, "401: Unauthorized")
        counts_globally = not path.startswith("/interactions/")
        if counts_globally:
            self.meter.arrived(f"{method} {path}")
        injected = self.faults.injected(method, path)
        if injected is not None:
            return injected
        headers: dict[str, str] = {}
        if self.limiter is not None:
            resource = request.match_info.route.resource
            limited, headers = self.limiter.admit(
                method,
                resource.canonical if resource is not None else path,
                _major(request),
                counts_globally=counts_globally,
            )
            if limited is not None:
                self.faults.rate_limited_count[f"{method} {path}"] += 1
                return limited
        try:
            response = await handler(request)
        except ApiError as exc:
            response = error(exc.status, exc.code, exc.message)
        except validate.InvalidBody as exc:
            response = json_response(exc.body, 400)
        except Exception:
            # A bug in the fake, not a Discord answer: keep it for the fixture to report.
            self.internal_errors.append(f"{method} {path}\n{traceback.format_exc()}")
            raise
        self._notify()
        await self.faults.maybe_stall(method, path)
        response.headers.update(headers)
        return response

    # -- identity ---------------------------------------------------------------------------

    async def get_me(self, request: web.Request) -> web.Response:
        user = self.state.bot_user.to_json()
        return json_response({**user, "verified": True, "mfa_enabled": False, "flags": 0})

    async def get_application(self, request: web.Request) -> web.Response:
        bot = self.state.bot_user
        return json_response(
            {
                "id": str(self.state.application_id),
                "name": bot.username,
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.state.owner_user.to_json(),
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "hook": True,
                "rpc_origins": [],
                "interactions_endpoint_url": None,
                "bot": bot.to_json(),
            }
        )

    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self._gateway_url()})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        """The recommended shard count, and the IDENTIFYs left today (1,000 a day for a small
        bot; ``reset_after`` in ms; one IDENTIFY per 5 s at ``max_concurrency`` 1)."""
        limit = {
            "total": SESSION_STARTS,
            "remaining": max(SESSION_STARTS - self.gateway.identifies, 0),
            "reset_after": 86_400_000,
            "max_concurrency": 1,
        }
        return json_response(
            {"url": self._gateway_url(), "shards": self.gateway.shards,
             "session_start_limit": limit}
        )

    # -- application commands ---------------------------------------------------------------

    def _command_scope(self, request: web.Request) -> int | None:
        if int(request.match_info["application_id"]) != self.state.application_id:
            raise unknown("Application", 10002)
        if "guild_id" not in request.match_info:
            return None
        guild_id = int(request.match_info["guild_id"])
        if guild_id not in self.state.guilds:
            raise missing_access()
        return guild_id

    async def get_commands(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        registered = self.state.commands.get(scope, {})
        return json_response([c.to_json() for c in registered.values()])

    async def put_commands(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        body = validate.commands_body(await read_body(request))
        old = self.state.commands.get(scope, {})
        new: dict[tuple[str, int], FakeCommand] = {}
        for payload in body:
            key = (str(payload["name"]), int(payload.get("type", 1)))
            previous = old.get(key)
            # Discord keeps a command's id across overwrites and bumps its version.
            command_id = previous.id if previous is not None else self.state.new_id()
            new[key] = FakeCommand(
                command_id, self.state.application_id, scope, dict(payload), self.state.new_id()
            )
        self.state.commands[scope] = new
        return json_response([c.to_json() for c in new.values()])

    # -- guilds and channels ----------------------------------------------------------------

    def _guild(self, request: web.Request) -> FakeGuild:
        guild = self.state.guilds.get(snowflake(request.match_info["guild_id"]))
        if guild is None:
            raise unknown("Guild", 10004)
        return guild

    def _channel(self, request: web.Request) -> FakeChannel:
        """The channel, if the bot can see it (Discord: 404 unknown, 403 hidden)."""
        channel = self.state.channels.get(snowflake(request.match_info["channel_id"]))
        if channel is None:
            raise unknown("Channel", 10003)
        if not channel.permissions_for(channel.guild.bot_member) & perm.VIEW_CHANNEL:
            raise missing_access()
        return channel

    async def get_member(self, request: web.Request) -> web.Response:
        member = self._guild(request).members.get(snowflake(request.match_info["user_id"]))
        if member is None:
            raise unknown("Member", 10007)
        return json_response(member.to_json())

    async def get_channel(self, request: web.Request) -> web.Response:
        return json_response(self._channel(request).to_json())

    # -- channel messages -------------------------------------------------------------------

    async def post_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if not channel.accepts_messages:
            raise ApiError(400, 50008, "Cannot send messages in a non-text channel")
        bot = channel.guild.bot_member
        allowed = channel.permissions_for(bot)
        send = perm.SEND_MESSAGES_IN_THREADS if channel.is_thread else perm.SEND_MESSAGES
        if not allowed & send:
            raise missing_permissions()
        body = await read_body(request)
        validate.message_body(body)
        if body.get("embeds") and not allowed & perm.EMBED_LINKS:
            raise missing_permissions()
        reply_to = self._replied_to(channel, body.get("message_reference"))
        nonce = body.get("nonce")
        enforce = nonce is not None and body.get("enforce_nonce") is True
        now = self.state.clock()
        if enforce:
            seen = self._nonces.get((channel.id, str(nonce)))
            if seen is not None and now - seen[1] < self.nonce_window:
                if seen[0] not in channel.messages:
                    # discord.py documents this: the nonce's message was deleted meanwhile.
                    raise unknown("Message", 10008)
                return json_response(seen[0].to_json())
        message = self.messages.create(
            channel.guild,
            channel.id,
            self.state.bot_user,
            body,
            can_mention_everyone=bool(allowed & perm.MENTION_EVERYONE),
            flags=int(body.get("flags") or 0) & SETTABLE_FLAGS & ~EPHEMERAL,
            reply_to=reply_to,
        )
        if enforce:
            self._nonces[(channel.id, str(nonce))] = (message, now)
        self.messages.publish(channel, message)
        return json_response(message.to_json())

    def _replied_to(self, channel: FakeChannel, reference: object) -> FakeMessage | None:
        """The message a post replies to. Unknown (never there, or deleted) is a 400, unless
        ``fail_if_not_exists`` is false: then Discord posts a plain message."""
        if reference is None:
            return None
        _check_spec("MessageReferenceRequest", reference, ("message_reference",))
        assert isinstance(reference, dict)
        errors = validate.Errors()
        if str(reference.get("channel_id") or channel.id) != str(channel.id):
            errors.add(("message_reference", "channel_id"),
                       "REPLIES_CANNOT_REFERENCE_OTHER_CHANNEL",
                       "Cannot reply to a message in another channel")
        errors.raise_if_any()
        wanted = snowflake(str(reference["message_id"]))
        for message in channel.messages:
            if message.id == wanted:
                return message
        if reference.get("fail_if_not_exists") is False:
            return None
        errors.add(("message_reference",), "REPLIES_UNKNOWN_MESSAGE", "Unknown message")
        errors.raise_if_any()
        return None

    async def get_messages(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if not channel.permissions_for(channel.guild.bot_member) & perm.READ_MESSAGE_HISTORY:
            # Discord answers an empty page rather than an error here.
            return json_response([])
        query = request.query
        limit = snowflake(query.get("limit", "50"))
        if not 1 <= limit <= 100:
            errors = validate.Errors()
            errors.add(("limit",), "NUMBER_TYPE_MAX", "Must be between 1 and 100.")
            errors.raise_if_any()
        messages = channel.messages
        if "before" in query:
            before = snowflake(query["before"])
            page = [m for m in messages if m.id < before][-limit:]
        elif "after" in query:
            after = snowflake(query["after"])
            page = [m for m in messages if m.id > after][:limit]
        else:
            page = messages[-limit:]
        return json_response([m.to_json() for m in reversed(page)])

    def _stored(self, request: web.Request) -> tuple[FakeChannel, FakeMessage]:
        channel = self._channel(request)
        message_id = snowflake(request.match_info["message_id"])
        for message in channel.messages:
            if message.id == message_id:
                return channel, message
        raise unknown("Message", 10008)

    async def patch_message(self, request: web.Request) -> web.Response:
        channel, message = self._stored(request)
        if message.author is not self.state.bot_user:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        body = await read_body(request)
        self.messages.edit(message, body)
        self.messages.updated(channel, message)
        return json_response(message.to_json())

    async def delete_message(self, request: web.Request) -> web.Response:
        channel, message = self._stored(request)
        mine = message.author is self.state.bot_user
        if not mine and not channel.permissions_for(channel.guild.bot_member) & (
            perm.MANAGE_MESSAGES
        ):
            raise missing_permissions()
        self.messages.remove(channel, message)
        return web.Response(status=204)

    async def start_thread(self, request: web.Request) -> web.Response:
        """Start Thread from Message: a public thread whose id is the message's, once."""
        channel, message = self._stored(request)
        if channel.type not in (TEXT, ANNOUNCEMENT):
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        if not channel.permissions_for(channel.guild.bot_member) & perm.CREATE_PUBLIC_THREADS:
            raise missing_permissions()
        body = await read_body(request)
        if openapi.available():
            route = "/channels/{channel_id}/messages/{message_id}/threads"
            errors = validate.Errors()
            for path, reason in openapi.request_problems(route, "POST", body):
                errors.add(path, "SPEC_MISMATCH", reason)
            errors.raise_if_any()
        if message.thread is not None:
            raise ApiError(400, 160004, "A thread has already been created for this message")
        thread = channel.guild.start_thread(channel, message, str(body["name"]))
        self.messages.updated(channel, message)
        return json_response(thread.to_json(), 201)

    async def crosspost(self, request: web.Request) -> web.Response:
        channel, message = self._stored(request)
        if channel.type != ANNOUNCEMENT:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        allowed = channel.permissions_for(channel.guild.bot_member)
        need = (
            perm.SEND_MESSAGES if message.author is self.state.bot_user else (perm.MANAGE_MESSAGES)
        )
        if not allowed & need:
            raise missing_permissions()
        if message.crossposted:
            raise ApiError(400, 40033, "This message has already been crossposted.")
        message.flags |= 1
        self.messages.updated(channel, message)
        return json_response(message.to_json())


def _major(request: web.Request) -> str:
    """The 'major parameter' Discord keys buckets on: channel, guild or webhook."""
    info = request.match_info
    for key in ("channel_id", "guild_id", "interaction_id", "token"):
        if key in info:
            return str(info[key])
    return ""


def _check_spec(schema: str, value: object, at: tuple[str, ...]) -> None:
    """A part of a request body checked against its schema in Discord's spec, if it is here."""
    if not openapi.available():
        return
    errors = validate.Errors()
    for path, reason in openapi.problems(schema, value):
        errors.add((*at, *path), "SPEC_MISMATCH", reason)
    errors.raise_if_any()
