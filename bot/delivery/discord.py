"""The sender's transport to Discord, through discord.py (whose HTTP client paces rate limits,
each route's by itself and the global one through the client's ``http_trace``).

Turns discord.py's exceptions into the sender's three outcomes: retry later, pause the channel's
subscriptions (the bot lost access), or reject (Discord refused the message itself).
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import aiohttp
import discord

from bot.delivery.sender import Outgoing, SendError

log = logging.getLogger(__name__)

_DELIVERY_ID = re.compile(r"\bdelivery (\d+)\b")
#: how far back to look for already-posted deliveries after a long outage
RECENT_MESSAGES = 100
#: seconds to wait for Discord's answer to a post. aiohttp's own limit is five minutes; an
#: answer that never comes would hold the channel that long. The retry carries the same nonce,
#: so a post Discord made before its answer was lost is returned, not made again. The wait for
#: a turn in the global pace (bot/delivery/pace.py, at discord.py's HTTP layer) is inside it:
#: at most the sender's 50 channels at once, about 4 s at a part of 12 a second.
SEND_TIMEOUT_S = 30.0


class DiscordTransport:
    def __init__(self, client: discord.Client, *, send_timeout_s: float = SEND_TIMEOUT_S) -> None:
        self._client = client
        self._send_timeout_s = send_timeout_s

    async def _channel(self, channel_id: int) -> discord.abc.Messageable:
        channel = self._client.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self._client.fetch_channel(channel_id)
            except discord.NotFound:
                raise SendError("pause", "the channel was deleted") from None
            except discord.Forbidden:
                raise SendError("pause", "I can no longer see the channel") from None
            except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as e:
                raise SendError("retry", f"Discord did not answer: {e}") from None
        if not isinstance(channel, discord.abc.Messageable):
            raise SendError("pause", "the channel is not one I can post in")
        return channel

    async def send(self, outgoing: Outgoing) -> int:
        channel = await self._channel(outgoing.channel_id)
        roles = [discord.Object(r) for r in outgoing.ping_role_ids]
        content = " ".join(f"<@&{r}>" for r in outgoing.ping_role_ids) or None
        # A story's later update replies to the story's alert; if a moderator deleted it,
        # Discord posts the update as a plain message rather than refusing it.
        reference = None if outgoing.reply_to is None else discord.MessageReference(
            message_id=outgoing.reply_to, channel_id=outgoing.channel_id,
            fail_if_not_exists=False,
        )
        try:
            async with asyncio.timeout(self._send_timeout_s):
                message = await channel.send(
                    content=content,
                    embeds=[discord.Embed.from_dict(e) for e in outgoing.embeds],
                    nonce=outgoing.nonce,
                    reference=reference,  # type: ignore[arg-type]  # None: no reply
                    # Explicit on every send: only the subscription's role may ever be pinged.
                    allowed_mentions=discord.AllowedMentions(
                        everyone=False, users=False, roles=roles, replied_user=False
                    ),
                )
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as e:
            # The outcome of a timeout is unknown; the nonce makes the retry safe.
            raise _send_error(e) from None
        if outgoing.publish and isinstance(channel, discord.TextChannel) and channel.is_news():
            try:
                await message.publish()
            except discord.HTTPException as e:
                log.warning("could not crosspost message %s: %s", message.id, e)
        return message.id

    async def edit(self, channel_id: int, message_id: int, embeds: list[dict[str, Any]]) -> None:
        """PATCH the message by id, without fetching it first: one request, like a send."""
        message = self._client.get_partial_messageable(channel_id).get_partial_message(message_id)
        try:
            async with asyncio.timeout(self._send_timeout_s):
                await message.edit(embeds=[discord.Embed.from_dict(e) for e in embeds])
        except discord.NotFound as e:
            if e.code == 10008:  # Unknown Message: a moderator deleted the alert
                raise SendError("gone", "the alert's message was deleted") from None
            raise SendError("pause", "the channel was deleted") from None
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as e:
            # An edit sets the whole message, so trying it again is always safe.
            raise _send_error(e) from None

    async def start_thread(self, channel_id: int, message_id: int, name: str) -> int:
        """Open a public thread on a message the bot posted and return its id; if the message
        has one already (a try whose answer was lost), return that one."""
        channel = await self._channel(channel_id)
        if not isinstance(channel, discord.TextChannel):
            raise SendError("pause", "threads open only in text and announcement channels")
        message = channel.get_partial_message(message_id)
        try:
            async with asyncio.timeout(self._send_timeout_s):
                try:
                    thread = await message.create_thread(name=name, auto_archive_duration=1440)
                except discord.HTTPException as e:
                    if e.code != 160004:  # "A thread has already been created for this message"
                        raise
                    thread = await message.fetch_thread()
        except discord.NotFound as e:
            if e.code == 10008:  # Unknown Message: a moderator deleted the alert
                raise SendError("gone", "the story's alert was deleted") from None
            raise SendError("pause", "the channel was deleted") from None
        except discord.Forbidden as e:
            raise SendError("pause", _missing_permission(e, "open threads",
                                                        "Create Public Threads")) from None
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as e:
            raise _send_error(e) from None
        return thread.id

    async def ping_refusal(self, channel_id: int, role_id: int, set_by: int | None) -> str | None:
        """Why Discord's rule no longer lets this ping go out, or None when it may.

        A mentionable role may be pinged by anyone; any other only by someone with Mention
        Everyone in the channel, and the ping goes out in the name of the member who set it,
        so both they and the bot must still have it.
        """
        channel = await self._channel(channel_id)
        guild = getattr(channel, "guild", None)
        if not isinstance(channel, discord.abc.GuildChannel | discord.Thread) or guild is None:
            return "the channel is not in a server"
        role = guild.get_role(role_id)
        if role is None:
            return "the role was deleted"
        if role.mentionable:
            return None
        if not channel.permissions_for(guild.me).mention_everyone:
            return "it is not mentionable and I don't have the Mention Everyone permission there"
        member = await self._member(guild, set_by)
        if member is None or not channel.permissions_for(member).mention_everyone:
            return ("it is not mentionable and the member who set the ping may no longer "
                    "mention everyone there")
        return None

    async def _member(self, guild: discord.Guild, user_id: int | None) -> discord.Member | None:
        if user_id is None:
            return None
        member = guild.get_member(user_id)
        if member is not None:
            return member
        try:
            return await guild.fetch_member(user_id)
        except discord.NotFound:
            return None  # they left the server
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as e:
            raise SendError("retry", f"cannot look up member {user_id}: {e!r}") from None

    async def recent_delivery_ids(self, channel_id: int) -> frozenset[int]:
        channel = await self._channel(channel_id)
        found: set[int] = set()
        me = self._client.user
        try:
            async for message in channel.history(limit=RECENT_MESSAGES):
                if me is not None and message.author.id != me.id:
                    continue
                for embed in message.embeds:
                    match = _DELIVERY_ID.search(embed.footer.text or "")
                    if match:
                        found.add(int(match.group(1)))
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as e:
            raise SendError("retry", f"cannot read the channel's history: {e!r}") from None
        return frozenset(found)

    async def tell_guild(self, guild_id: int, text: str) -> bool:
        guild = self._client.get_guild(guild_id)
        channel = guild.system_channel if guild is not None else None
        if channel is None:
            return False
        try:
            await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException:
            return False
        return True


def _send_error(error: Exception) -> SendError:
    """discord.py's (or aiohttp's) exception for a post or an edit → the sender's outcome."""
    if isinstance(error, discord.Forbidden):
        return SendError("pause", _missing_permission(error))
    if isinstance(error, discord.NotFound):
        return SendError("pause", "the channel was deleted")
    if isinstance(error, discord.RateLimited):
        return SendError("retry", "rate limited", retry_after=error.retry_after)
    if isinstance(error, discord.DiscordServerError):
        return SendError("retry", f"Discord server error {error.status}")
    if isinstance(error, discord.HTTPException):
        if error.status == 429 or error.status >= 500:
            return SendError("retry", f"Discord answered {error.status}")
        return SendError("reject", f"Discord refused the message: {error.text}")
    return SendError("retry", f"no answer from Discord: {error!r}")


def _missing_permission(
    error: discord.Forbidden, doing: str = "post embeds",
    needed: str = "Send Messages, Embed Links",
) -> str:
    if error.code == 50013:
        return f"I am missing the permission to {doing} there ({needed})"
    if error.code == 50001:
        return "I no longer have access to the channel"
    return f"Discord refused access ({error.text or error.status})"
