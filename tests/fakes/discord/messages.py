"""Creating, editing and removing messages, and telling the gateway about it.

Channel posts, interaction responses and followups all become ``FakeMessage`` here, so pings,
embeds and MESSAGE_* dispatches are computed one way whichever route made them.
"""

from __future__ import annotations

from typing import Any

from . import mentions, validate
from .gateway import Gateway
from .interactions import LOADING
from .state import (
    REPLY,
    FakeAttachment,
    FakeChannel,
    FakeGuild,
    FakeMessage,
    FakeState,
    FakeUser,
    iso,
)
from .wire import ApiError

Json = dict[str, Any]


class Messages:
    def __init__(self, state: FakeState, gateway: Gateway) -> None:
        self.state = state
        self.gateway = gateway

    def create(
        self,
        guild: FakeGuild | None,
        channel_id: int,
        author: FakeUser,
        body: Json,
        *,
        can_mention_everyone: bool,
        flags: int = 0,
        type: int = 0,
        webhook_id: int | None = None,
        files: list[FakeAttachment] | None = None,
        reply_to: FakeMessage | None = None,
    ) -> FakeMessage:
        """``reply_to``: the message a channel post replies to (its ``message_reference``)."""
        content = str(body.get("content") or "")
        roles = [r for r in guild.roles.values() if r is not guild.everyone] if guild else []
        pings = mentions.resolve(
            content,
            body.get("allowed_mentions"),
            known_users=frozenset(self.state.users),
            mentionable_roles=frozenset(r.id for r in roles if r.mentionable),
            other_roles=frozenset(r.id for r in roles if not r.mentionable),
            can_mention_everyone=can_mention_everyone,
        )
        reference = None
        if reply_to is not None:
            type = REPLY
            reference = {"type": 0, "channel_id": str(reply_to.channel_id),
                         "message_id": str(reply_to.id)}
            if guild is not None:
                reference["guild_id"] = str(guild.id)
        return FakeMessage(
            referenced=reply_to,
            message_reference=reference,
            id=self.state.new_id(),
            channel_id=channel_id,
            author=author,
            content=content,
            embeds=[rich(e) for e in body.get("embeds") or []],
            timestamp=iso(self.state.clock()),
            guild_id=guild.id if guild is not None else None,
            type=type,
            flags=flags,
            nonce=body.get("nonce"),
            webhook_id=webhook_id,
            application_id=self.state.application_id if webhook_id is not None else None,
            pinged_everyone=pings.everyone,
            pinged_roles=pings.roles,
            pinged_users=pings.users,
            mentioned_users=[self.state.users[u] for u in sorted(pings.users)],
            allowed_mentions=body.get("allowed_mentions"),
            attachments=list(files or []),
        )

    def edit(self, message: FakeMessage, body: Any) -> None:
        validate.message_body(body, require_content=False)
        if "content" in body:
            message.content = str(body["content"] or "")
        if "embeds" in body:
            message.embeds = [rich(e) for e in body["embeds"] or []]
        if not message.content and not message.embeds and not message.flags & LOADING:
            raise ApiError(400, 50006, "Cannot send an empty message")
        message.edited_timestamp = iso(self.state.clock())

    def publish(self, channel: FakeChannel, message: FakeMessage) -> None:
        channel.messages.append(message)
        self.gateway.dispatch("MESSAGE_CREATE", self.gateway_json(channel, message))

    def remove(self, channel: FakeChannel, message: FakeMessage) -> None:
        channel.messages.remove(message)
        message.deleted = True
        self.gateway.dispatch(
            "MESSAGE_DELETE",
            {
                "id": str(message.id),
                "channel_id": str(channel.id),
                "guild_id": str(channel.guild.id),
            },
        )

    def gateway_json(self, channel: FakeChannel, message: FakeMessage) -> Json:
        data = {**message.to_json(), "guild_id": str(channel.guild.id)}
        member = channel.guild.members.get(message.author.id)
        if member is not None:
            data["member"] = member.to_json(with_user=False)
        return data

    def updated(self, channel: FakeChannel, message: FakeMessage) -> None:
        self.gateway.dispatch("MESSAGE_UPDATE", self.gateway_json(channel, message))


def rich(embed: Any) -> Json:
    """Discord echoes embeds back with their type filled in."""
    return {"type": "rich", **embed} if isinstance(embed, dict) else {"type": "rich"}
