"""Prometheus metrics, so operators see the bot's health without Discord.

One registry per process, built by the composition root (no module-level collectors), served on
127.0.0.1 only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.pipeline.poll import PollReport


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.polls = Counter("alertbot_polls", "Source polls by outcome", ["status"],
                             registry=self.registry)
        self.fetch_errors = Counter("alertbot_fetch_errors", "Failed polls by error kind",
                                    ["kind"], registry=self.registry)
        self.updates = Counter("alertbot_updates", "New updates stored", registry=self.registry)
        self.deliveries_queued = Counter("alertbot_deliveries_queued", "Deliveries queued",
                                         registry=self.registry)
        self.deliveries = Gauge("alertbot_deliveries", "Deliveries in the store by state",
                                ["state"], registry=self.registry)
        self.outbox_depth = Gauge("alertbot_outbox_depth", "Deliveries waiting to be sent",
                                  registry=self.registry)
        self.latency = Histogram(
            "alertbot_post_latency_seconds",
            "From the poll that noticed an update to its message in Discord",
            buckets=(0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600), registry=self.registry,
        )

    def record_poll(self, report: PollReport) -> None:
        self.polls.labels(report.status).inc()
        if report.error_kind:
            self.fetch_errors.labels(report.error_kind).inc()
        self.updates.inc(report.new_updates)
        self.deliveries_queued.inc(report.deliveries)

    def record_posted(self, noticed_at: datetime, posted_at: datetime) -> None:
        self.latency.observe(max((posted_at - noticed_at).total_seconds(), 0.0))

    def record_outbox(self, counts: dict[str, int]) -> None:
        for state, count in counts.items():
            self.deliveries.labels(state).set(count)
        self.outbox_depth.set(counts.get("pending", 0))

    def render(self) -> bytes:
        return generate_latest(self.registry)


#: ``health()`` → (healthy, the JSON body); see bot/health.py
HealthCheck = Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]


async def serve_metrics(
    metrics: Metrics, port: int, refresh: Callable[[], Awaitable[None]] | None = None,
    health: HealthCheck | None = None,
) -> web.AppRunner:
    """Serve /metrics on 127.0.0.1:``port``; ``refresh`` updates the figures that are read
    rather than counted (the outbox) just before each scrape, so nothing reads them between.
    With ``health``, /healthz answers 200 or, when something is stale, 503 (with the facts)."""

    async def handle(_request: web.Request) -> web.Response:
        if refresh is not None:
            await refresh()
        response = web.Response(body=metrics.render())
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response

    async def healthz(_request: web.Request) -> web.Response:
        assert health is not None
        healthy, body = await health()
        return web.json_response(body, status=200 if healthy else 503)

    app = web.Application()
    app.router.add_get("/metrics", handle)
    if health is not None:
        app.router.add_get("/healthz", healthz)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner
