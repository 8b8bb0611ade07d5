"""Drain the outbox: post each pending delivery once, in order, per channel.

The store wrote every delivery in the same transaction as its update, so the sender only has to
be careful about one thing: never posting twice. Three mechanisms together give that:

* every send carries a nonce derived from the delivery ids with ``enforce_nonce``, so a retry of
  a send whose answer was lost returns the message Discord already made;
* the attempt (its nonce) is recorded before the send, so after a crash the same deliveries go
  again as the same batch with the same nonce;
* every embed carries its delivery id in the footer, and a delivery whose send may have happened
  longer ago than Discord's nonce window is first looked for in the channel's recent messages
  before it is sent again.

Several processes sharing a PostgreSQL database each send: each drains only the channels it
has claimed (``StoreContract.claim_deliveries``), so one channel's deliveries go from one
process at a time, and a killed process's channels are taken over once their leases expire.

Deliveries of one channel go in order, oldest first, batched up to 10 embeds within the 6000
character total; channels are independent, so one rate-limited or broken channel never holds up
another. Discord's rate limits are handled by discord.py inside the transport, not twice here.

A story's later update (issue 14) follows the story's alert in the channel: a reply to it, or a
post in the thread opened on it (recorded before anything is posted there, and found again
rather than opened twice after a crash), with the same nonce and history rules as any send.
Without the permission to open threads, a channel's stories go as replies and its guild is told
once.

An edit row (issue 14: another source reported an event already posted) sets the whole message
of the event's alert again, every embed of it with its "Also reported by" line as the store
has it now: never a delta, so a retry after a crash sets the same message again, and the last
edit of a message leaves it naming every source. Edits go in the channel's order with the
sends, through the same transport and limits.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.delivery.render import embed_length, fit_message, render_embed
from bot.model import Delivery, Severity, StoryMode, Subscription
from bot.store import StoreContract, StoreError

log = logging.getLogger(__name__)

MAX_EMBEDS = 10
MAX_TOTAL = 6000
#: Discord remembers nonces for "a few minutes"; past this, look in the channel before resending.
NONCE_WINDOW = timedelta(minutes=4)
MAX_ATTEMPTS = 12
#: Discord's longest thread name
THREAD_NAME_MAX = 100
#: the longest pause between tries while the database refuses the outbox
STORE_BACKOFF_MAX_S = 60.0


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message for one channel."""

    channel_id: int
    guild_id: int
    embeds: list[dict[str, Any]]
    #: role mentions, written in content; the only thing that may ever ping
    ping_role_ids: tuple[int, ...]
    nonce: str
    publish: bool
    #: the message this one replies to (a story's alert), in ``channel_id``
    reply_to: int | None = None


class SendError(Exception):
    """A send that did not happen. ``kind``: "retry" (try later), "pause" (403/404), "reject",
    or, for an edit, "gone" (the message was deleted: nothing left to edit)."""

    def __init__(self, kind: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.retry_after = retry_after


class Transport(Protocol):
    """Where messages go: Discord in production, the console in the demo."""

    async def send(self, outgoing: Outgoing) -> int:
        """Post and return the message id (of the earlier message when the nonce was seen)."""

    async def edit(self, channel_id: int, message_id: int, embeds: list[dict[str, Any]]) -> None:
        """Set the embeds of a message the bot posted (never pings)."""

    async def recent_delivery_ids(self, channel_id: int) -> frozenset[int]: ...

    async def start_thread(self, channel_id: int, message_id: int, name: str) -> int:
        """Open a thread on a message (or find the one opened already); return its id."""

    async def ping_refusal(self, channel_id: int, role_id: int, set_by: int | None) -> str | None:
        """Why a role may no longer be pinged in a channel (Discord's rule), or None."""

    async def tell_guild(self, guild_id: int, text: str) -> bool: ...


class Sender:
    def __init__(
        self,
        store: StoreContract,
        transport: Transport,
        *,
        clock: Callable[[], datetime],
        region_names: Mapping[str, str],
        channel_concurrency: int = 50,
    ) -> None:
        self._store = store
        self._transport = transport
        self._clock = clock
        self._region_names = region_names
        self._channels = asyncio.Semaphore(channel_concurrency)
        self._wake = asyncio.Event()
        #: set while ``run`` runs: once it is set, each channel stops after its current batch
        self._stop: asyncio.Event | None = None
        #: outbox reads or writes refused in a row (the database's trouble, not Discord's)
        self._store_failures = 0
        #: called with each delivery's creation time once it is posted (latency metric)
        self.on_posted: Callable[[Delivery, datetime], None] | None = None

    def wake(self) -> None:
        """Called after a poll queued deliveries, so they go now rather than at the next tick."""
        self._wake.set()

    async def run(self, stop: asyncio.Event, idle_s: float = 1.0) -> None:
        """Drain until ``stop`` is set; a send in flight is always finished, never cut.

        Each channel drains in a task of its own: a channel that is rate limited, slow to
        answer or retrying holds up only itself, and alerts queued meanwhile for the other
        channels go at once. A database that refuses the outbox is retried with a growing
        pause, so an operator's problem is logged a few times, not once a second.
        """
        self._stop = stop
        workers: dict[int, asyncio.Task[int]] = {}
        try:
            while not stop.is_set():
                self._wake.clear()
                try:
                    # Among several processes, the channels this one holds (bot.store._outbox).
                    pending = await self._store.claim_deliveries(
                        self._clock(), in_flight=list(workers)
                    )
                except StoreError as e:
                    self._store_trouble(e, idle_s)
                    pending = []
                else:
                    if not pending and not workers:
                        self._store_failures = 0
                for channel_id, deliveries in _by_channel(pending).items():
                    task = asyncio.create_task(self._drain_channel(deliveries),
                                               name=f"deliver to {channel_id}")
                    workers[channel_id] = task
                    task.add_done_callback(
                        functools.partial(self._drained, workers, channel_id, idle_s)
                    )
                waits = [asyncio.ensure_future(stop.wait())]
                if not self._store_failures:
                    waits.append(asyncio.ensure_future(self._wake.wait()))
                await asyncio.wait(waits, timeout=self._pause(idle_s),
                                   return_when=asyncio.FIRST_COMPLETED)
                for w in waits:
                    w.cancel()
        finally:
            # Stop was asked: each channel finishes the batch it is sending, then returns.
            await asyncio.gather(*workers.values(), return_exceptions=True)
            self._stop = None

    def _drained(self, workers: dict[int, asyncio.Task[int]], channel_id: int, idle_s: float,
                 task: asyncio.Task[int]) -> None:
        workers.pop(channel_id, None)
        if task.cancelled():
            return
        error = task.exception()
        if isinstance(error, StoreError):
            self._store_trouble(error, idle_s)
        elif error is not None:
            log.error("delivering to channel %s failed", channel_id, exc_info=error)
        elif task.result():
            # Settled something: what else the channel is owed can go now.
            self._store_failures = 0
            self._wake.set()

    def _pause(self, idle_s: float) -> float:
        """How long the loop waits: ``idle_s``, doubling while the database refuses us."""
        if not self._store_failures:
            return idle_s
        return min(idle_s * 2.0 ** self._store_failures, STORE_BACKOFF_MAX_S)

    def _store_trouble(self, error: StoreError, idle_s: float) -> None:
        self._store_failures += 1
        log.error("the outbox cannot be used: %s; trying again in %.0f s",
                  error, self._pause(idle_s))

    async def drain_once(self) -> int:
        """Send everything pending now and wait for it; return how many deliveries were settled.

        For the demo and tests, which step the outbox themselves; the bot uses ``run``.
        """
        pending = await self._store.claim_deliveries(self._clock())
        channels = _by_channel(pending).values()
        return sum(await asyncio.gather(*(self._drain_channel(ds) for ds in channels)))

    async def _drain_channel(self, deliveries: list[Delivery]) -> int:
        async with self._channels:
            remaining = await self._skip_already_posted(deliveries)
            settled = len(deliveries) - len(remaining)
            deliveries = remaining
            while deliveries and not (self._stop is not None and self._stop.is_set()):
                batch = deliveries[:1]
                try:
                    if deliveries[0].edits is not None:
                        batch = _leading_edits(deliveries)
                        sent = await self._edit(batch)
                    else:
                        batch = self._next_batch(deliveries)
                        sent = await self._send_batch(batch)
                except StoreError:
                    raise  # the database's trouble: ``run`` pauses every channel for it
                except Exception as e:
                    # A bug met on one update (in rendering, say) must neither block the
                    # channel for good nor fill the log every tick: it is retried with backoff
                    # and given up after MAX_ATTEMPTS, like a send Discord did not take.
                    log.exception("deliveries %s: unexpected error while sending",
                                  [d.id for d in batch])
                    await self._failed(batch, SendError("retry", f"internal error: {e!r}"),
                                       self._clock())
                    sent = False
                if not sent:
                    break  # the channel failed; the rest keeps its order and waits
                settled += len(batch)
                deliveries = deliveries[len(batch):]
            return settled

    async def _skip_already_posted(self, deliveries: list[Delivery]) -> list[Delivery]:
        """Deliveries tried before the nonce window may have landed: look before resending."""
        now = self._clock()
        stale = [d for d in deliveries if d.last_attempt_at is not None
                 and now - d.last_attempt_at > NONCE_WINDOW]
        if not stale:
            return deliveries
        try:
            found = set(await self._transport.recent_delivery_ids(deliveries[0].channel_id))
            # A story's update posted in its thread is found there, not in the channel.
            for thread in sorted({d.story_thread for d in stale if d.story_thread is not None}):
                found |= await self._thread_delivery_ids(thread)
        except SendError as e:
            # Sending unchecked could post twice: the channel waits until it can be checked.
            await self._failed(deliveries, e, now)
            return []
        landed = {d.id for d in stale if d.id in found}
        if landed:
            await self._store.mark_sent(sorted(landed), None, now)
            log.info("deliveries %s were already posted; not sending them again", sorted(landed))
        return [d for d in deliveries if d.id not in landed]

    async def _thread_delivery_ids(self, thread_id: int) -> frozenset[int]:
        try:
            return await self._transport.recent_delivery_ids(thread_id)
        except SendError as e:
            if e.kind != "pause":
                raise
            # The thread was deleted, or closed to the bot: nothing there can be seen again,
            # and the post meets the same refusal, which turns the story into replies.
            return frozenset()

    def _next_batch(self, deliveries: Sequence[Delivery]) -> list[Delivery]:
        """The next message's deliveries: an attempted batch again exactly, else a fresh one."""
        first = deliveries[0]
        if first.nonce is not None:
            # Same deliveries, same nonce: if the earlier try landed, Discord returns it.
            return [d for d in deliveries if d.nonce == first.nonce]
        batch: list[Delivery] = []
        total = 0
        for delivery in deliveries:
            size = embed_length(self._embed(delivery))
            # A story's updates go together where the story is (its alert's reply or thread).
            if delivery.nonce is not None or delivery.edits is not None or (
                delivery.story_alert != first.story_alert
            ) or (batch and (len(batch) == MAX_EMBEDS or total + size > MAX_TOTAL)):
                break
            batch.append(delivery)
            total += size
        return batch

    def _embed(self, delivery: Delivery) -> dict[str, Any]:
        return render_embed(
            delivery.update, region_names=self._region_names, delivery_id=delivery.id
        )

    async def _send_batch(self, batch: list[Delivery], *, threads: bool = True) -> bool:
        first = batch[0]
        try:
            pings = await self._allowed_pings(batch)
            channel_id, reply_to = await self._story_place(first, threads=threads)
        except SendError as e:
            await self._failed(batch, e, self._clock())
            return False
        outgoing = Outgoing(
            channel_id=channel_id,
            guild_id=first.guild_id,
            embeds=[self._embed(d) for d in batch],
            ping_role_ids=pings,
            nonce=first.nonce or _nonce(batch),
            publish=any(d.subscription.publish for d in batch),
            reply_to=reply_to,
        )
        # Recorded before the send, never after: a crash in between leaves a known nonce.
        if not await self._store.mark_attempt([d.id for d in batch], outgoing.nonce,
                                              self._clock()):
            # This process held the channel past its lease, and another has taken it over:
            # the rest of the channel is that one's to send, in order.
            log.info("channel %s is another process's now; leaving it", first.channel_id)
            return False
        try:
            message_id = await self._transport.send(outgoing)
        except SendError as e:
            if channel_id != first.channel_id and e.kind == "pause":
                # The thread refuses us (deleted, or no Send Messages in Threads): the story
                # goes on as replies in the channel itself, which is what the row is owed to.
                await self._no_threads(first, e.message)
                return await self._send_batch(batch, threads=False)
            await self._failed(batch, e, self._clock())
            return False
        now = self._clock()
        await self._store.mark_sent([d.id for d in batch], message_id, now)
        if self.on_posted is not None:
            for d in batch:
                self.on_posted(d, now)
        return True

    async def _story_place(self, first: Delivery, *, threads: bool) -> tuple[int, int | None]:
        """Where a batch goes: (the channel or thread to post in, the message it replies to).

        A plain alert, or a story whose alert is not known to be posted, goes in the channel.
        """
        if first.story_alert is None:
            return first.channel_id, None
        message_id, thread_id = await self._store.story_alert(first.story_alert)
        if message_id is None:
            return first.channel_id, None
        if not threads or first.subscription.story is not StoryMode.THREAD:
            return first.channel_id, message_id
        if thread_id is not None:
            return thread_id, None
        name = first.update.title.strip()[:THREAD_NAME_MAX] or "Story"
        try:
            thread_id = await self._transport.start_thread(first.channel_id, message_id, name)
        except SendError as e:
            if e.kind == "gone":
                # The alert was deleted; a reply to it is posted as a plain message.
                return first.channel_id, message_id
            if e.kind != "pause":
                raise
            await self._no_threads(first, e.message)
            return first.channel_id, message_id
        await self._store.record_thread(first.story_alert, thread_id)
        return thread_id, None

    async def _no_threads(self, delivery: Delivery, reason: str) -> None:
        """Stories in the channel go as replies from now on; the guild is told once."""
        log.info("channel %s: no threads for stories (%s); replying instead",
                 delivery.channel_id, reason)
        if await self._store.stories_by_reply(delivery.channel_id):
            await self._tell(delivery.guild_id, (
                f"I can't open threads for story updates in <#{delivery.channel_id}>: {reason}. "
                "They go as replies to the story's first alert instead. Give me Create Public "
                "Threads and Send Messages in Threads there, then run /subscription add with "
                "follow:thread again to use threads."
            ))

    async def _edit(self, edits: list[Delivery]) -> bool:
        """Set again each message these edit rows name, once per message: each rendering
        reads what the store holds now, so it covers every edit row already queued."""
        done: set[int] = set()
        for edit in edits:
            found = await self._store.posted_alerts(edit.id)
            if found is None:
                # Given up on, pruned, or found posted without its id after an outage.
                log.info("delivery %s: the alert it would edit is not known to be posted",
                         edit.id)
                await self._store.mark_failed([edit.id], "the alert it edits was not posted")
                continue
            message_id, alerts = found
            if message_id not in done:
                # The line may push alerts that filled their message past Discord's total.
                embeds = fit_message([
                    render_embed(a.delivery.update, region_names=self._region_names,
                                 delivery_id=a.delivery.id, also=a.also)
                    for a in alerts
                ])
                try:
                    await self._transport.edit(edit.channel_id, message_id, embeds)
                except SendError as e:
                    if e.kind != "gone":
                        await self._failed([edit], e, self._clock())
                        return False
                    # A moderator deleted the alert: there is nothing to name sources on.
                    log.info("delivery %s: message %s was deleted; no edit", edit.id, message_id)
                    await self._store.mark_failed([edit.id], e.message)
                    continue
                done.add(message_id)
            await self._store.mark_sent([edit.id], message_id, self._clock())
        return True

    async def _allowed_pings(self, batch: Sequence[Delivery]) -> tuple[int, ...]:
        """The roles to ping, each checked again against Discord's rule at the moment of
        sending: a role made unmentionable since, or a member who set the ping and lost Mention
        Everyone, stops the ping (the alert still goes) and the guild is told once."""
        first = batch[0]
        allowed: list[int] = []
        for role_id, set_by in _ping_roles(batch).items():
            refusal = await self._transport.ping_refusal(first.channel_id, role_id, set_by)
            if refusal is None:
                allowed.append(role_id)
                continue
            if await self._store.stop_pinging(first.channel_id, role_id):
                text = (f"I stopped pinging <@&{role_id}> for alerts in <#{first.channel_id}>: "
                        f"{refusal}. Run /subscription add again with ping_role to set a role "
                        "I may ping.")
                await self._tell(first.guild_id, text)
        return tuple(allowed)

    async def _failed(self, batch: list[Delivery], error: SendError, now: datetime) -> None:
        ids = [d.id for d in batch]
        if error.kind == "pause":
            channel_id, guild_id = batch[0].channel_id, batch[0].guild_id
            paused = await self._store.pause_channel(channel_id, error.message)
            await self._store.mark_failed(ids, error.message)
            if paused:
                await self._tell_paused(guild_id, channel_id, paused, error.message)
            return
        attempts = max(d.attempts for d in batch) + 1
        if error.kind == "reject" or attempts >= MAX_ATTEMPTS:
            log.error("deliveries %s failed for good: %s", ids, error.message)
            await self._store.mark_failed(ids, error.message)
            return
        delay = max(error.retry_after or 0.0, min(2.0 ** attempts, 600.0))
        log.warning("deliveries %s will be retried in %.0f s: %s", ids, delay, error.message)
        await self._store.mark_retry(ids, error.message, now + timedelta(seconds=delay))

    async def _tell_paused(
        self, guild_id: int, channel_id: int, paused: Sequence[Subscription], reason: str
    ) -> None:
        regions = ", ".join(sorted({s.region for s in paused}))
        await self._tell(guild_id, (
            f"I stopped posting {regions} alerts in <#{channel_id}>: {reason}. "
            "Fix it, then run /subscription add again in that channel to resume."
        ))

    async def _tell(self, guild_id: int, text: str) -> None:
        told = False
        try:
            told = await self._transport.tell_guild(guild_id, text)
        except SendError:
            told = False
        if not told:
            log.warning("guild %s: %s", guild_id, text)


def _by_channel(deliveries: Iterable[Delivery]) -> dict[int, list[Delivery]]:
    by_channel: dict[int, list[Delivery]] = defaultdict(list)
    for delivery in deliveries:
        by_channel[delivery.channel_id].append(delivery)
    return by_channel


def _leading_edits(deliveries: Sequence[Delivery]) -> list[Delivery]:
    """The edit rows at the head of a channel's queue, up to its next send."""
    edits: list[Delivery] = []
    for delivery in deliveries:
        if delivery.edits is None:
            break
        edits.append(delivery)
    return edits


def _ping_roles(batch: Sequence[Delivery]) -> dict[int, int | None]:
    """The roles the batch's subscriptions ask to ping, each with who set it."""
    roles: dict[int, int | None] = {}
    for d in batch:
        sub = d.subscription
        severity: Severity = d.update.match.severity
        if sub.ping_role_id and severity >= sub.ping_severity:
            roles.setdefault(sub.ping_role_id, sub.ping_set_by)
    return roles


def _nonce(batch: Sequence[Delivery]) -> str:
    """Same deliveries → same nonce (Discord allows 25 characters)."""
    ids = ",".join(str(d.id) for d in batch)
    return "a" + hashlib.blake2b(ids.encode(), digest_size=12).hexdigest()[:24]
