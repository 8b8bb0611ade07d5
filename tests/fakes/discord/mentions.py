"""Who a message would actually ping, given its text, ``allowed_mentions`` and permissions.

Discord parses every mention in ``content`` when ``allowed_mentions`` is absent, so feed text
that happens to contain ``@everyone`` or ``<@&id>`` pings unless the sender opts out. Embeds
never ping. Tests use the result to prove untrusted text pinged nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_EVERYONE = re.compile(r"@(?:everyone|here)\b")
_USER = re.compile(r"<@!?(\d{15,21})>")
_ROLE = re.compile(r"<@&(\d{15,21})>")
_ALL_KINDS = frozenset({"users", "roles", "everyone"})


@dataclass(frozen=True)
class Pings:
    everyone: bool
    roles: frozenset[int]
    users: frozenset[int]


def resolve(
    content: str,
    allowed_mentions: dict[str, Any] | None,
    *,
    known_users: frozenset[int],
    mentionable_roles: frozenset[int],
    other_roles: frozenset[int],
    can_mention_everyone: bool,
) -> Pings:
    """Pings of one message.

    ``mentionable_roles`` ping anyone who may; ``other_roles`` exist but need MENTION_EVERYONE.
    """
    if allowed_mentions is None:
        parse, listed_users, listed_roles = _ALL_KINDS, set(), set()
    else:
        parse = frozenset(allowed_mentions.get("parse") or ())
        listed_users = {int(i) for i in allowed_mentions.get("users") or ()}
        listed_roles = {int(i) for i in allowed_mentions.get("roles") or ()}
    everyone = (
        "everyone" in parse and can_mention_everyone and _EVERYONE.search(content) is not None
    )
    users = {
        uid
        for uid in map(int, _USER.findall(content))
        if uid in known_users and ("users" in parse or uid in listed_users)
    }
    pingable_roles = mentionable_roles | (other_roles if can_mention_everyone else frozenset())
    roles = {
        rid
        for rid in map(int, _ROLE.findall(content))
        if rid in pingable_roles and ("roles" in parse or rid in listed_roles)
    }
    return Pings(everyone, frozenset(roles), frozenset(users))
