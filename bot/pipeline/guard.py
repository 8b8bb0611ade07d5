"""Which addresses a feed fetch may connect to: the public internet, and whatever the operator
allows on top of it.

A feed URL comes from a configuration file today and from people on Discord tomorrow, and a
URL (or a redirect, or a DNS answer) can point anywhere: at the bot's own machine
(``http://127.0.0.1:9108/metrics``), at its network (``http://10.0.0.5/admin``), at a cloud's
metadata service (``http://169.254.169.254/latest/meta-data``, which hands out credentials).
Even when the body never reaches anyone, the error the bot reports (refused, timed out, 404)
tells whoever gave the URL what lives there. So every address a fetch connects to is judged here
first, and only a globally reachable one passes unless the operator put it on the allow-list.

This module only decides, over plain values; ``bot.pipeline.fetch`` enforces it where aiohttp
turns a host into addresses (see ``GuardedResolver`` there) and, for a host that already is an
address, before each request.

How an address is judged (``classify``), relying on Python's ``ipaddress``:

* ``is_global``: the IANA special-purpose registries as the running Python knows them. This
  refuses loopback, RFC 1918 private, link-local (169.254.0.0/16, fe80::/10), carrier-grade NAT
  (100.64.0.0/10), "this network" (0.0.0.0/8), benchmarking, documentation, reserved (240/4),
  broadcast, unique local (fc00::/7), unspecified (``::``) and the other not-global blocks.
* ``is_multicast`` on top, because ``ipaddress`` counts global-scope multicast (224/4,
  ff0e::/16) as global; and, for IPv6, ``is_reserved``: everything outside the 2000::/3 that the
  internet uses, which includes ``::/96``, the deprecated IPv4-compatible form.
* The blocks that older Python 3.11 releases call global though they are not (192.0.0.0/24,
  the deprecated site-local fec0::/10 and 6to4 2002::/16, RFC 8215 local-use NAT64, RFC 9637's
  3fff::/20 documentation prefix), named in ``_NAMED``, so the verdict does not depend on the
  patch release (3.11.10 fixed several of them, CVE-2024-4032).
* An IPv6 address that carries an IPv4 one is judged by that one: ``::ffff:a.b.c.d`` is the
  socket API's way to reach a.b.c.d itself, and ``64:ff9b::/96`` (NAT64) leads to a gateway that
  connects to the IPv4 address inside, which is how an IPv6-only host with DNS64 reaches an
  IPv4-only feed. A 6to4 address names the IPv4 address inside when that is the reason.

Every decision names a reason in plain words ("a private address"), which becomes the error the
operator or the moderator reads.
"""

from __future__ import annotations

import functools
import re
import socket
from dataclasses import dataclass
from ipaddress import (
    IPv4Address,
    IPv4Network,
    IPv6Address,
    IPv6Network,
    ip_address,
    ip_network,
)
from typing import Final, TypeAlias

IPAddress: TypeAlias = IPv4Address | IPv6Address
IPNetwork: TypeAlias = IPv4Network | IPv6Network

# Named blocks, most specific first: the name is what the error says. Whether an address is
# refused does not depend on this table alone (see ``classify``); it gives the common cases
# their plain name and adds the blocks Python 3.11's ``is_global`` misses.
_NAMED: Final[tuple[tuple[IPNetwork, str], ...]] = tuple(
    (ip_network(block), reason) for block, reason in (
        ("0.0.0.0/32", "the unspecified address"),
        ("0.0.0.0/8", "a 'this network' address"),
        ("10.0.0.0/8", "a private address"),
        ("100.64.0.0/10", "a carrier-grade NAT address"),
        ("127.0.0.0/8", "a loopback address"),
        ("169.254.169.254/32", "a link-local address (the cloud metadata service)"),
        ("169.254.0.0/16", "a link-local address"),
        ("172.16.0.0/12", "a private address"),
        # Its two anycast services (.9, .10) are public, but no feed lives there.
        ("192.0.0.0/24", "an IETF protocol address"),
        ("192.0.2.0/24", "a documentation address"),
        ("192.168.0.0/16", "a private address"),
        ("198.18.0.0/15", "a benchmarking address"),
        ("198.51.100.0/24", "a documentation address"),
        ("203.0.113.0/24", "a documentation address"),
        ("224.0.0.0/4", "a multicast address"),
        ("255.255.255.255/32", "the broadcast address"),
        ("240.0.0.0/4", "a reserved address"),
        ("::/128", "the unspecified address"),
        ("::1/128", "the loopback address"),
        ("::/96", "an IPv4-compatible address (deprecated)"),
        ("64:ff9b:1::/48", "a local-use NAT64 address"),
        ("100::/64", "a discard-only address"),
        ("2001:2::/48", "a benchmarking address"),
        ("2001:db8::/32", "a documentation address"),
        ("2002::/16", "a 6to4 address (deprecated)"),
        ("3fff::/20", "a documentation address"),
        ("fc00::/7", "a unique local (private) address"),
        ("fe80::/10", "a link-local address"),
        ("fec0::/10", "a site-local address (deprecated)"),
        ("ff00::/8", "a multicast address"),
    )
)
_NAT64 = IPv6Network("64:ff9b::/96")
#: what no name is made of: a host of digits, dots and hex is an address in some notation
_NUMERIC = re.compile(r"[0-9a-fx.]+", re.IGNORECASE)


# Cached, as is literal_address: a source's host and its addresses are the same every poll.
@functools.lru_cache(maxsize=4096)
def classify(address: IPAddress) -> str | None:
    """Why ``address`` must not be connected to, as a noun phrase ("a private address"), or None
    when it is globally reachable."""
    if isinstance(address, IPv6Address):
        if address.ipv4_mapped is not None:
            return _carrying("an IPv4-mapped form", address.ipv4_mapped)
        if address in _NAT64:
            return _carrying("the NAT64 form", IPv4Address(int(address) & 0xFFFFFFFF))
        # Refused anyway (_NAMED); the IPv4 address inside is the better reason when it is one.
        if address.sixtofour is not None and classify(address.sixtofour) is not None:
            return _carrying("a 6to4 form", address.sixtofour)
    for network, reason in _NAMED:
        if address in network:
            return reason
    if isinstance(address, IPv6Address) and address.is_reserved:
        return "a reserved address"
    if not address.is_global or address.is_multicast:
        return "a special-purpose address, not reachable on the internet"
    return None


def _carrying(form: str, inner: IPv4Address) -> str | None:
    why = classify(inner)
    return None if why is None else f"{form} of {inner}, {why}"


@functools.lru_cache(maxsize=4096)
def literal_address(host: str) -> IPAddress | None:
    """The address ``host`` stands for when it is written as one, read as the system's resolver
    would read it; None for a name.

    Besides the usual forms this reads what ``inet_aton`` accepts (``2130706433``,
    ``0x7f.0.0.1``, ``127.1``), which getaddrinfo turns into an address without asking DNS.
    """
    # Brackets of an IPv6 URL host; a trailing dot (the DNS root) leaves an address the same.
    text = host.strip("[]").removesuffix(".")
    try:
        return ip_address(text)
    except ValueError:
        pass
    if _NUMERIC.fullmatch(text):
        try:
            return IPv4Address(socket.inet_aton(text))
        except OSError:
            return None
    return None


def _looks_like_an_address(host: str) -> bool:
    # aiohttp connects without asking the resolver to any host with a colon, or of digits and
    # dots alone; such a host must be an address we can judge, or it is not fetched.
    return ":" in host or host.replace(".", "").isdigit()


@dataclass(frozen=True, slots=True)
class AddressGuard:
    """The rule for one HTTP session: the public internet, plus the ``allowed`` networks.

    The default, with nothing allowed, is the rule for any URL the operator has not vouched
    for.
    """

    #: networks the operator trusts though they are not public (bot.toml, fetch.allow_private)
    allowed: tuple[IPNetwork, ...] = ()

    @classmethod
    def allowing(cls, *networks: str) -> AddressGuard:
        """``AddressGuard.allowing("127.0.0.1/32", "::1")``; a bare address is a network of one."""
        return cls(tuple(ip_network(n) for n in networks))

    def reason(self, address: IPAddress) -> str | None:
        """Why the guard refuses ``address`` (``classify``'s phrase), or None when it may be
        connected to: it is public, or in an allowed network."""
        why = classify(address)
        if why is None or self._allows(address):
            return None
        return why

    def _allows(self, address: IPAddress) -> bool:
        # A mapped address connects to its IPv4 address, so "127.0.0.1/32" allows both spellings.
        mapped = address.ipv4_mapped if isinstance(address, IPv6Address) else None
        return any(address in network or (mapped is not None and mapped in network)
                   for network in self.allowed)

    def host_refusal(self, host: str) -> str | None:
        """The refusal, in plain words, of a URL host that is written as an address and may not
        be connected to; None for an allowed address, and for a name (the resolver judges what
        it resolves to)."""
        address = literal_address(host)
        if address is None:
            if _looks_like_an_address(host):
                return f"{host} looks like an address but none that can be checked: not fetched"
            return None
        why = self.reason(address)
        if why is None:
            return None
        written = host.strip("[]").removesuffix(".").lower()
        if written == str(address):
            return f"{address} is {why}: not fetched"
        return f"{host} is {address}, {why}: not fetched"

    def resolved_refusal(self, host: str, address: str) -> str | None:
        """The refusal of one address the resolver gave for ``host``; None when it may be
        connected to."""
        try:
            parsed = ip_address(address)
        except ValueError:
            return f"{host} resolves to {address!r}, which cannot be checked: not fetched"
        why = self.reason(parsed)
        if why is None:
            return None
        return f"{host} resolves to {parsed}, {why}: not fetched"

