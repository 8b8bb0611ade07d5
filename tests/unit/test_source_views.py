"""What /source shows, without Discord: the preview line and embed, and the list of sources."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.commands._source_views import (
    PREVIEW_FOOTER,
    preview_embed,
    preview_summary,
    source_lines,
)
from bot.model import (
    Follow,
    FollowedSource,
    Match,
    RegionHit,
    Severity,
    Source,
    SourceState,
    Update,
)
from bot.pipeline.preview import FeedPreview

NOW = datetime(2024, 5, 1, 18, 0, tzinfo=UTC)
URL = "https://local.example/rss"
LATEST = Update("k1", "e1", "entry", "Gunfire in Mitrovica", "Gunfire was heard near the bridge.",
                "https://local.example/1", None, None)
MATCH = Match(("kosovo", "balkans"), (RegionHit("kosovo", ("Mitrovica",)),), Severity.CRITICAL)


def preview(**changes: object) -> FeedPreview:
    values: dict[str, object] = {"url": URL, "final_url": URL, "kind": "rss",
                                 "title": "Local *News*", "link": None, "entries": 24,
                                 "latest": LATEST, "match": MATCH}
    return FeedPreview(**{**values, **changes})  # type: ignore[arg-type]


def followed(guild_id: int | None, name: str, *, source: str = "local", failures: int = 0,
             enabled: bool = True) -> FollowedSource:
    state = SourceState(Source(source, URL, name, 600), consecutive_failures=failures,
                        last_error="HTTP 503" if failures else None, first_polled=True,
                        last_polled_at=NOW, next_poll_at=NOW)
    follow = Follow(source, URL, guild_id, name, 600, "en", enabled, False, None, NOW)
    return FollowedSource(follow, state)


def test_the_summary_names_title_kind_and_entries_with_markdown_disarmed() -> None:
    assert preview_summary(preview()) == "**Local \\*News\\*** · RSS · 24 entries"
    assert preview_summary(preview(entries=1, title=None, kind="liveblog")) == (
        "**(no title)** · live blog · 1 entry")
    moved = preview_summary(preview(final_url="https://local.example/feed"))
    assert moved.endswith("(redirected to <https://local.example/feed>)")


def test_the_preview_is_the_alert_a_channel_would_get_with_its_own_footer() -> None:
    embed = preview_embed(preview(), name="Local", region_names={"kosovo": "Kosovo",
                                                                 "balkans": "Balkans"}, now=NOW)
    assert embed is not None
    assert embed["title"] == "Gunfire in Mitrovica"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields == {"Regions": "Kosovo · Balkans", "Severity": "Critical", "Source": "Local"}
    assert embed["footer"] == {"text": PREVIEW_FOOTER}
    assert preview_embed(preview(latest=None, entries=0), name="x", region_names={},
                         now=NOW) is None


def test_a_source_both_follow_is_listed_once_under_the_servers_name() -> None:
    lines = source_lines([followed(None, "Operator name"), followed(7, "Our name"),
                          followed(None, "Wire", source="wire", failures=2)], 7)
    assert len(lines) == 2
    assert lines[0].startswith("**Our name** · `local` · this server's and the operator's · ok")
    assert lines[1].startswith("**Wire** · `wire` · the operator's · failing (2 in a row)")
    assert lines[1].endswith("last error: HTTP 503")


def test_a_paused_follow_shows_no_next_poll() -> None:
    (line,) = source_lines([followed(7, "Ours", enabled=False)], 7)
    assert "· this server's · disabled" in line and "next" not in line
