"""The pure part of follows: which URLs are one feed, generated ids, a shared source's settings."""

from __future__ import annotations

import pytest

from bot.follows import FollowRefused, Reader, new_source_id, poll_settings, url_key


@pytest.mark.parametrize(("a", "b"), [
    ("https://News.Example/feed.xml", "https://news.example/feed.xml"),
    ("HTTP://news.example:80/feed", "http://news.example/feed"),
    ("https://news.example:443/feed", "https://news.example/feed"),
    ("https://news.example/feed#top", "https://news.example/feed"),
    ("https://news.example", "https://news.example/"),
    ("https://[2001:DB8::1]:443/rss", "https://[2001:db8::1]/rss"),
    ("  https://news.example/feed  ", "https://news.example/feed"),
])
def test_spellings_of_one_feed_share_a_key(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("https://news.example/Feed", "https://news.example/feed"),  # paths are the server's
    ("http://news.example/feed", "https://news.example/feed"),
    ("https://news.example:8443/feed", "https://news.example/feed"),
    ("https://news.example/feed?lang=en", "https://news.example/feed?lang=fr"),
    ("https://news.example/feed/", "https://news.example/feed"),
])
def test_different_feeds_keep_different_keys(a: str, b: str) -> None:
    assert url_key(a) != url_key(b)


def test_generated_ids_are_slugs_made_unique() -> None:
    url = "https://www.Example.org/world/rss.xml"
    assert new_source_id(url, set()) == "example-org-world-rss-xml"
    assert new_source_id(url, {"example-org-world-rss-xml"}) == "example-org-world-rss-xml-2"
    assert new_source_id("https://x.example/" + "a" * 200, set()) == ("x-example-" + "a" * 200)[:56]
    with pytest.raises(FollowRefused):
        new_source_id("not a url", set())


def reader(guild: int | None, interval: int, *, name: str = "n", language: str = "en",
           enabled: bool = True) -> Reader:
    return Reader(guild, name, interval, language, enabled)


def test_the_shortest_enabled_interval_wins_servers_held_to_the_minimum() -> None:
    settings = poll_settings([reader(1, 600), reader(2, 60), reader(3, 30, enabled=False)], 300)
    assert settings is not None and (settings.interval, settings.enabled) == (300, True)
    settings = poll_settings([reader(1, 600), reader(None, 60)], 300)
    assert settings is not None and settings.interval == 60


def test_the_operators_name_and_language_win_else_the_oldest_followers() -> None:
    first, operator = reader(1, 600, name="Ours", language="de"), reader(None, 600, name="Op")
    assert poll_settings([first, reader(2, 600, name="Theirs")], 300).name == "Ours"  # type: ignore[union-attr]
    settings = poll_settings([first, operator], 300)
    assert settings is not None and (settings.name, settings.language) == ("Op", "en")


def test_nobody_following_and_nobody_enabled() -> None:
    assert poll_settings([], 300) is None
    settings = poll_settings([reader(1, 900, enabled=False)], 300)
    assert settings is not None and (settings.enabled, settings.interval) == (False, 900)
