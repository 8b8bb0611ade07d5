"""A transport that prints alerts the way a Discord channel would show them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from bot.delivery.render import render_text
from bot.delivery.sender import Outgoing

_DELIVERY_ID = re.compile(r"delivery (\d+)")


class ConsoleTransport:
    def __init__(self, channel_names: Mapping[int, str]) -> None:
        self._names = channel_names
        self._posted: dict[int, list[int]] = defaultdict(list)
        self._by_nonce: dict[str, int] = {}
        self._next_id = 1

    async def send(self, outgoing: Outgoing) -> int:
        if outgoing.nonce in self._by_nonce:  # as Discord does with enforce_nonce
            return self._by_nonce[outgoing.nonce]
        name = self._names.get(outgoing.channel_id, str(outgoing.channel_id))
        message_id = self._next_id
        # a story's later update answers its first alert, as a Discord reply shows it
        heading = (f"reply in {name} to message {outgoing.reply_to}" if outgoing.reply_to
                   else f"alert in {name}")
        for embed in outgoing.embeds:
            print(f"   ┌ {heading} · message {message_id}")
            for line in render_text(embed).splitlines():
                print(f"   │ {line}")
            print("   └")
            found = _DELIVERY_ID.search(embed.get("footer", {}).get("text", ""))
            if found:
                self._posted[outgoing.channel_id].append(int(found.group(1)))
        self._next_id += 1
        self._by_nonce[outgoing.nonce] = message_id
        return message_id

    async def edit(self, channel_id: int, message_id: int, embeds: list[dict[str, Any]]) -> None:
        name = self._names.get(channel_id, str(channel_id))
        for embed in embeds:
            also = [f["value"] for f in embed.get("fields", ())
                    if f.get("name") == "Also reported by"]
            if also:
                print(f"   ✎ alert in {name} edited: also reported by {also[0]}")

    async def ping_refusal(self, channel_id: int, role_id: int, set_by: int | None) -> str | None:
        return None  # the console pings nobody

    async def recent_delivery_ids(self, channel_id: int) -> frozenset[int]:
        return frozenset(self._posted[channel_id])

    async def start_thread(self, channel_id: int, message_id: int, name: str) -> int:
        """The console has no threads: a story's thread is its alert's channel."""
        return channel_id

    async def tell_guild(self, guild_id: int, text: str) -> bool:
        print(f"   ! to the server's system channel: {text}")
        return True

    def deliveries(self, channel_id: int) -> list[int]:
        return list(self._posted[channel_id])
