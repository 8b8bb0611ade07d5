"""The gateway: HELLO, IDENTIFY/READY, GUILD_CREATE, heartbeats, RESUME with replay, op 7/9.

Each session is one shard (``shard`` in IDENTIFY, else the only one of one) and gets the events
of that shard's guilds alone (shards.py).

Every dispatch goes into its session's log with its sequence number before it is sent, so a
client that RESUMEs with the last sequence it saw gets exactly what it missed. Frames are JSON
text; discord.py only decompresses binary frames, so asking for zlib-stream is harmless.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .shards import Shard, ShardRefused, guild_of, identify_shard
from .state import FakeState

Json = dict[str, Any]

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT = 0, 1, 2, 6, 7
REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11
AUTHENTICATION_FAILED = 4004

GUILDS, GUILD_MEMBERS, GUILD_MESSAGES, DIRECT_MESSAGES = 1 << 0, 1 << 1, 1 << 9, 1 << 12
_GUILD_EVENTS = ("GUILD_", "CHANNEL_", "THREAD_")


def _intent_for(event: str, data: Json) -> int:
    """The intent a session needs to receive ``event`` (0: always delivered)."""
    if event.startswith("GUILD_MEMBER"):
        return GUILD_MEMBERS
    if event.startswith("MESSAGE_"):
        return GUILD_MESSAGES if data.get("guild_id") else DIRECT_MESSAGES
    if event.startswith(_GUILD_EVENTS):
        return GUILDS
    return 0


@dataclass(eq=False)
class Session:
    id: str
    intents: int
    seq: int = 0
    log: list[str] = field(default_factory=list)
    queue: asyncio.Queue[str] | None = None
    shard: Shard = field(default_factory=Shard)

    def frame(self, event: str, data: Json) -> str:
        self.seq += 1
        text = json.dumps({"op": DISPATCH, "t": event, "s": self.seq, "d": data})
        self.log.append(text)
        if self.queue is not None:
            self.queue.put_nowait(text)
        return text


class Gateway:
    def __init__(
        self,
        state: FakeState,
        *,
        url: Callable[[], str],
        heartbeat_interval_ms: int,
        notify: Callable[[], None],
        shards: int = 1,
        require_sharding: bool = False,
    ) -> None:
        self.state = state
        #: the shard count GET /gateway/bot recommends
        self.shards = shards
        #: refuse (4011) an IDENTIFY with fewer shards than ``shards``, as Discord does past
        #: 2,500 guilds
        self.require_sharding = require_sharding
        self._url = url
        self._heartbeat_interval_ms = heartbeat_interval_ms
        self._notify = notify
        self.sessions: dict[str, Session] = {}
        self._sockets: dict[web.WebSocketResponse, Session | None] = {}
        self._open = asyncio.Event()
        self._open.set()
        self.identifies = 0
        #: the shard of every accepted IDENTIFY, in order
        self.identified_shards: list[Shard] = []
        self.resumes = 0
        self.closed_codes: list[int] = []

    # -- commands from the test ---------------------------------------------------------------

    @property
    def connected(self) -> int:
        """How many sockets have an identified or resumed session right now."""
        return sum(1 for s in self._sockets.values() if s is not None)

    def dispatch(self, event: str, data: Json) -> None:
        """Send (or log for replay) one event to every session whose intents allow it and whose
        shard owns the event's guild."""
        need = _intent_for(event, data)
        guild_id = guild_of(event, data)
        for session in self.sessions.values():
            if (need == 0 or session.intents & need) and session.shard.owns(guild_id):
                session.frame(event, data)
        self._notify()

    async def drop(self, code: int = 4000) -> None:
        """Close every live socket; 1000 or 4000-4003/4005-4009 make discord.py RESUME."""
        for ws in list(self._sockets):
            await ws.close(code=code, message=b"fake discord dropped the connection")

    @contextlib.asynccontextmanager
    async def outage(self, code: int = 4000) -> AsyncIterator[None]:
        """Drop the sockets and hold any reconnect before HELLO until the block ends."""
        self._open.clear()
        try:
            await self.drop(code)
            yield
        finally:
            self._open.set()

    async def invalidate(self, *, resumable: bool = False) -> None:
        """Op 9: ``False`` forgets the sessions so the client must IDENTIFY afresh."""
        for ws, session in list(self._sockets.items()):
            if session is not None and not resumable:
                self.sessions.pop(session.id, None)
            await self._send(ws, {"op": INVALID_SESSION, "d": resumable})

    async def request_reconnect(self) -> None:
        """Op 7: the client closes and RESUMEs."""
        for ws in list(self._sockets):
            await self._send(ws, {"op": RECONNECT, "d": None})

    # -- the websocket -----------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self._sockets[ws] = None
        writer: asyncio.Task[None] | None = None
        queue: asyncio.Queue[str] | None = None
        try:
            await self._open.wait()
            hello = {"heartbeat_interval": self._heartbeat_interval_ms}
            await self._send(ws, {"op": HELLO, "d": hello})
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    break
                payload = json.loads(msg.data)
                session = await self._on_frame(ws, payload)
                if session is not None and session.queue is not None:
                    queue = session.queue
                    writer = asyncio.create_task(self._write(ws, queue))
        finally:
            if writer is not None:
                writer.cancel()
            session = self._sockets.pop(ws, None)
            # A quick RESUME may already have given the session a newer socket's queue.
            if session is not None and session.queue is queue:
                session.queue = None
            if ws.close_code is not None:
                self.closed_codes.append(ws.close_code)
            self._notify()
        return ws

    async def _on_frame(self, ws: web.WebSocketResponse, payload: Json) -> Session | None:
        """Handle one client frame; returns a session when this frame attached one."""
        op, data = payload.get("op"), payload.get("d")
        if op == HEARTBEAT:
            await self._send(ws, {"op": HEARTBEAT_ACK, "d": None})
        elif op == IDENTIFY:
            return await self._identify(ws, data or {})
        elif op == RESUME:
            return await self._resume(ws, data or {})
        elif op == REQUEST_MEMBERS:
            self._chunk(ws, data or {})
        return None

    async def _identify(self, ws: web.WebSocketResponse, data: Json) -> Session | None:
        if data.get("token") != self.state.token:
            await ws.close(code=AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return None
        try:
            shard = identify_shard(
                data.get("shard"), required=self.shards if self.require_sharding else None
            )
        except ShardRefused as refused:
            await ws.close(code=refused.code, message=refused.reason.encode())
            return None
        self.identifies += 1
        self.identified_shards.append(shard)
        session = Session(secrets.token_hex(16), int(data.get("intents", 0)), shard=shard)
        self.sessions[session.id] = session
        session.frame("READY", self._ready(session))
        members = bool(session.intents & GUILD_MEMBERS)
        for guild in self.state.guilds.values():
            if shard.owns(guild.id):
                session.frame("GUILD_CREATE", guild.to_json(all_members=members))
        return self._attach(ws, session, replay_after=0)

    async def _resume(self, ws: web.WebSocketResponse, data: Json) -> Session | None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or data.get("token") != self.state.token:
            await self._send(ws, {"op": INVALID_SESSION, "d": False})
            return None
        self.resumes += 1
        seen = int(data.get("seq") or 0)
        attached = self._attach(ws, session, replay_after=seen)
        session.frame("RESUMED", {})
        return attached

    def _attach(self, ws: web.WebSocketResponse, session: Session, *, replay_after: int) -> Session:
        # Replay from the log by sequence: frames carry ``s`` = index + 1.
        session.queue = asyncio.Queue()
        for text in session.log[replay_after:]:
            session.queue.put_nowait(text)
        self._sockets[ws] = session
        self._notify()
        return session

    def _ready(self, session: Session) -> Json:
        return {
            "v": 10,
            "user": {**self.state.bot_user.to_json(), "verified": True, "mfa_enabled": False},
            "guilds": [
                {"id": str(g), "unavailable": True}
                for g in self.state.guilds
                if session.shard.owns(g)
            ],
            "session_id": session.id,
            "resume_gateway_url": self._url(),
            "shard": session.shard.to_json(),
            "application": {"id": str(self.state.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "user_settings": {},
            "session_type": "normal",
            "auth_session_id_hash": "",
        }

    def _chunk(self, ws: web.WebSocketResponse, data: Json) -> None:
        session = self._sockets.get(ws)
        guild = self.state.guilds.get(int(data.get("guild_id", 0)))
        if session is None or guild is None:
            return
        session.frame(
            "GUILD_MEMBERS_CHUNK",
            {
                "guild_id": str(guild.id),
                "members": [m.to_json() for m in guild.members.values()],
                "chunk_index": 0,
                "chunk_count": 1,
                "not_found": [],
                "nonce": data.get("nonce"),
            },
        )

    async def _write(self, ws: web.WebSocketResponse, queue: asyncio.Queue[str]) -> None:
        while not ws.closed:
            text = await queue.get()
            await ws.send_str(text)

    async def _send(self, ws: web.WebSocketResponse, payload: Json) -> None:
        if not ws.closed:
            await ws.send_str(json.dumps(payload))
