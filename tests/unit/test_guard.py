"""The fetch guard's decision, over plain addresses: what is refused, what it is called, what the
allow-list lets through, and how a host written as an address is read."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.pipeline.guard import AddressGuard, IPAddress, classify, literal_address

# -- the table -----------------------------------------------------------------------------------

REFUSED = [
    # IPv4
    ("0.0.0.0", "the unspecified address"),
    ("0.1.2.3", "a 'this network' address"),
    ("10.0.0.5", "a private address"),
    ("10.255.255.255", "a private address"),
    ("100.64.0.1", "a carrier-grade NAT address"),
    ("100.127.255.254", "a carrier-grade NAT address"),
    ("127.0.0.1", "a loopback address"),
    ("127.255.255.254", "a loopback address"),
    ("169.254.169.254", "a link-local address (the cloud metadata service)"),
    ("169.254.0.1", "a link-local address"),
    ("172.16.0.1", "a private address"),
    ("172.31.255.255", "a private address"),
    ("192.0.0.8", "an IETF protocol address"),
    ("192.0.2.1", "a documentation address"),
    ("192.168.1.1", "a private address"),
    ("198.18.0.1", "a benchmarking address"),
    ("198.19.255.255", "a benchmarking address"),
    ("198.51.100.7", "a documentation address"),
    ("203.0.113.9", "a documentation address"),
    ("224.0.0.1", "a multicast address"),
    ("239.255.255.250", "a multicast address"),
    ("240.0.0.1", "a reserved address"),
    ("255.255.255.255", "the broadcast address"),
    # IPv6
    ("::", "the unspecified address"),
    ("::1", "the loopback address"),
    ("::7f00:1", "an IPv4-compatible address (deprecated)"),
    ("fc00::1", "a unique local (private) address"),
    ("fd12:3456::1", "a unique local (private) address"),
    ("fe80::1", "a link-local address"),
    ("fe80::1%eth0", "a link-local address"),
    ("febf::1", "a link-local address"),
    ("fec0::1", "a site-local address (deprecated)"),
    ("ff02::1", "a multicast address"),
    ("ff0e::1", "a multicast address"),
    ("2001:db8::1", "a documentation address"),
    ("3fff::1", "a documentation address"),
    ("2001:2::1", "a benchmarking address"),
    ("100::1", "a discard-only address"),
    ("64:ff9b:1::a00:5", "a local-use NAT64 address"),
    ("2001::1", "a special-purpose address, not reachable on the internet"),  # Teredo
    ("5f00::1", "a reserved address"),
    ("4000::1", "a reserved address"),
    # IPv6 carrying a forbidden IPv4
    ("::ffff:127.0.0.1", "an IPv4-mapped form of 127.0.0.1, a loopback address"),
    ("::ffff:a9fe:a9fe",
     "an IPv4-mapped form of 169.254.169.254, a link-local address (the cloud metadata service)"),
    ("::ffff:10.0.0.5", "an IPv4-mapped form of 10.0.0.5, a private address"),
    ("64:ff9b::7f00:1", "the NAT64 form of 127.0.0.1, a loopback address"),
    ("64:ff9b::10.0.0.5", "the NAT64 form of 10.0.0.5, a private address"),
    ("2002:c0a8:101::1", "a 6to4 form of 192.168.1.1, a private address"),
    ("2002:7f00:1::", "a 6to4 form of 127.0.0.1, a loopback address"),
    ("2002:808:808::1", "a 6to4 address (deprecated)"),
]

PUBLIC = [
    "1.1.1.1", "8.8.8.8", "93.184.216.34", "151.101.1.69", "100.63.255.255", "100.128.0.0",
    "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0", "198.17.255.255",
    "198.20.0.0", "223.255.255.255", "11.0.0.1",
    "2001:4860:4860::8888", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e",
    # IPv6 carrying a public IPv4: a NAT64 network (DNS64) reaches IPv4-only feeds this way.
    "::ffff:8.8.8.8", "64:ff9b::8.8.8.8", "64:ff9b::5db8:d822",
]


@pytest.mark.parametrize(("address", "reason"), REFUSED)
def test_forbidden_addresses_are_refused_by_name(address: str, reason: str) -> None:
    assert classify(ip_address(address)) == reason


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address: str) -> None:
    assert classify(ip_address(address)) is None


# -- properties over every address ---------------------------------------------------------------

ipv4 = st.integers(0, 2**32 - 1).map(IPv4Address)
ipv6 = st.integers(0, 2**128 - 1).map(IPv6Address)
addresses = ipv4 | ipv6

#: blocks every address of which is refused, whatever the host part
FORBIDDEN_BLOCKS = [
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
    "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    "::/96", "::ffff:0:0/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:2::/48",
    "2001:db8::/32", "2002::/16", "3fff::/20", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
]


@st.composite
def in_a_forbidden_block(draw: st.DrawFn) -> IPAddress:
    block = ip_network(draw(st.sampled_from(FORBIDDEN_BLOCKS)))
    offset = draw(st.integers(0, block.num_addresses - 1))
    address = block.network_address + offset
    # ::ffff:0:0/96 maps all of IPv4, public addresses included: keep the forbidden ones.
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return IPv6Address(int(ip_address("::ffff:0:0")) | int(draw(in_ipv4_block())))
    return address


@st.composite
def in_ipv4_block(draw: st.DrawFn) -> IPv4Address:
    blocks = [b for b in FORBIDDEN_BLOCKS if ":" not in b]
    block = IPv4Network(draw(st.sampled_from(blocks)))
    return block.network_address + draw(st.integers(0, block.num_addresses - 1))


@given(in_a_forbidden_block())
def test_every_address_of_a_forbidden_block_is_refused(address: IPAddress) -> None:
    assert classify(address) is not None


@given(addresses)
def test_nothing_passes_that_ipaddress_calls_not_global_or_multicast(address: IPAddress) -> None:
    if classify(address) is None:
        judged = address
        if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
            judged = address.ipv4_mapped
        elif isinstance(address, IPv6Address) and address in IPv6Network("64:ff9b::/96"):
            judged = IPv4Address(int(address) & 0xFFFFFFFF)
        assert judged.is_global and not judged.is_multicast


@given(ipv4)
def test_an_ipv6_form_of_an_ipv4_address_is_judged_by_it(address: IPv4Address) -> None:
    refused = classify(address) is not None
    mapped = IPv6Address(f"::ffff:{address}")
    nat64 = IPv6Address(int(IPv6Address("64:ff9b::")) | int(address))
    assert (classify(mapped) is not None) == refused
    assert (classify(nat64) is not None) == refused
    sixtofour = classify(IPv6Address((0x2002 << 112) | (int(address) << 80)))
    assert sixtofour is not None  # 6to4 is deprecated: refused whatever it carries
    assert (str(address) in sixtofour) == refused


# -- the allow-list ------------------------------------------------------------------------------


def test_the_default_guard_allows_nothing_private() -> None:
    guard = AddressGuard()
    for address, reason in REFUSED:
        assert guard.reason(ip_address(address)) == reason


@given(
    st.sampled_from(["127.0.0.1/32", "10.20.0.0/16", "192.168.1.0/24", "::1/128", "fd12::/16",
                     "169.254.169.254/32"]),
    addresses,
)
def test_the_allow_list_lets_exactly_its_networks_through(
    allowed: str, address: IPAddress
) -> None:
    network = ip_network(allowed)
    guard = AddressGuard((network,))
    if address in network:
        assert guard.reason(address) is None
    else:
        assert guard.reason(address) == classify(address)


@given(st.sampled_from(["127.0.0.0/8", "10.0.0.0/8", "169.254.0.0/16"]), st.data())
def test_an_allowed_network_allows_the_mapped_spelling_of_its_addresses(
    allowed: str, data: st.DataObject
) -> None:
    network = IPv4Network(allowed)
    inside = network.network_address + data.draw(st.integers(0, network.num_addresses - 1))
    guard = AddressGuard((network,))
    assert guard.reason(IPv6Address(f"::ffff:{inside}")) is None
    # The NAT64 form goes to a gateway, not to the allowed address: still refused.
    assert guard.reason(IPv6Address(int(IPv6Address("64:ff9b::")) | int(inside))) is not None


def test_allowing_reads_bare_addresses_as_networks_of_one() -> None:
    guard = AddressGuard.allowing("127.0.0.1", "fd00::/8")
    assert guard.allowed == (IPv4Network("127.0.0.1/32"), IPv6Network("fd00::/8"))
    assert guard.reason(IPv4Address("127.0.0.1")) is None
    assert guard.reason(IPv4Address("127.0.0.2")) == "a loopback address"


# -- hosts written as addresses ------------------------------------------------------------------


@pytest.mark.parametrize(("host", "address"), [
    ("127.0.0.1", "127.0.0.1"),
    ("127.0.0.1.", "127.0.0.1"),
    ("[::1]", "::1"),
    ("::ffff:7f00:1", "::ffff:127.0.0.1"),
    ("2130706433", "127.0.0.1"),
    ("0x7f000001", "127.0.0.1"),
    ("0x7f.0.0.1", "127.0.0.1"),
    ("0177.0.0.1", "127.0.0.1"),
    ("127.1", "127.0.0.1"),
    ("0", "0.0.0.0"),
    ("0xa9fea9fe", "169.254.169.254"),
    ("fe80::1%eth0", "fe80::1%eth0"),
])
def test_a_host_is_read_as_the_address_the_system_would_connect_to(
    host: str, address: str
) -> None:
    assert literal_address(host) == ip_address(address)


@pytest.mark.parametrize("host", ["example.org", "feeds.bbci.co.uk", "localhost", "deadbeef",
                                  "0x", "1.2.3.4.example", "xn--80ak6aa92e.com"])
def test_a_name_is_no_address(host: str) -> None:
    assert literal_address(host) is None


@pytest.mark.parametrize(("host", "message"), [
    ("127.0.0.1", "127.0.0.1 is a loopback address: not fetched"),
    ("169.254.169.254",
     "169.254.169.254 is a link-local address (the cloud metadata service): not fetched"),
    ("::1", "::1 is the loopback address: not fetched"),
    ("::ffff:7f00:1",
     "::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, a loopback address: not fetched"),
    ("2130706433", "2130706433 is 127.0.0.1, a loopback address: not fetched"),
    ("0x7f.1", "0x7f.1 is 127.0.0.1, a loopback address: not fetched"),
    ("10.0.0.5", "10.0.0.5 is a private address: not fetched"),
    ("1.2.3.4.5", "1.2.3.4.5 looks like an address but none that can be checked: not fetched"),
    ("::zz", "::zz looks like an address but none that can be checked: not fetched"),
])
def test_a_host_written_as_a_forbidden_address_is_refused_in_plain_words(
    host: str, message: str
) -> None:
    assert AddressGuard().host_refusal(host) == message


@pytest.mark.parametrize("host", ["example.org", "8.8.8.8", "2001:4860:4860::8888", "localhost"])
def test_names_and_public_addresses_are_left_to_pass(host: str) -> None:
    # A name is judged by what it resolves to, when it is resolved (GuardedResolver).
    assert AddressGuard().host_refusal(host) is None


def test_a_resolved_address_is_refused_naming_the_host_and_the_class() -> None:
    guard = AddressGuard()
    assert guard.resolved_refusal("example.test", "10.0.0.5") == (
        "example.test resolves to 10.0.0.5, a private address: not fetched")
    assert guard.resolved_refusal("example.test", "93.184.216.34") is None
    assert guard.resolved_refusal("example.test", "not-an-address") == (
        "example.test resolves to 'not-an-address', which cannot be checked: not fetched")
    assert AddressGuard.allowing("10.0.0.0/8").resolved_refusal("example.test", "10.0.0.5") is None
