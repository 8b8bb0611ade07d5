"""The Prometheus endpoint, over real HTTP on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiohttp

from bot.metrics import Metrics, serve_metrics
from bot.pipeline.poll import PollReport


async def test_metrics_are_served_on_loopback_with_poll_and_outbox_figures() -> None:
    metrics = Metrics()
    metrics.record_poll(PollReport("desk", "new", 200, new_updates=3, deliveries=2))
    metrics.record_poll(PollReport("down", "error", None, error_kind="timeout", error="slow"))
    metrics.record_outbox({"pending": 4, "sent": 10, "failed": 1})
    noticed = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    metrics.record_posted(noticed, noticed + timedelta(seconds=3))
    runner = await serve_metrics(metrics, 0)
    try:
        host, port = runner.addresses[0][:2]
        assert host == "127.0.0.1"
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{port}/metrics") as response,
        ):
            assert response.status == 200
            text = await response.text()
    finally:
        await runner.cleanup()
    assert 'alertbot_polls_total{status="new"} 1.0' in text
    assert 'alertbot_fetch_errors_total{kind="timeout"} 1.0' in text
    assert "alertbot_updates_total 3.0" in text
    assert "alertbot_outbox_depth 4.0" in text
    assert 'alertbot_deliveries{state="failed"} 1.0' in text
    assert 'alertbot_post_latency_seconds_bucket{le="5.0"} 1.0' in text


async def test_the_outbox_is_read_when_scraped_not_before() -> None:
    metrics = Metrics()
    reads: list[int] = []

    async def refresh() -> None:
        reads.append(len(reads))
        metrics.record_outbox({"pending": 7 + len(reads), "sent": 0, "failed": 0})

    runner = await serve_metrics(metrics, 0, refresh)
    try:
        port = runner.addresses[0][1]
        assert reads == []  # nothing is read until someone asks
        async with aiohttp.ClientSession() as session:
            for expected in (8.0, 9.0):
                async with session.get(f"http://127.0.0.1:{port}/metrics") as response:
                    assert f"alertbot_outbox_depth {expected}" in await response.text()
    finally:
        await runner.cleanup()
    assert reads == [0, 1]
