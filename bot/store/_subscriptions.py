"""Subscriptions and mutes. Every statement is scoped by guild, so no guild reaches another's."""

from __future__ import annotations

from datetime import datetime

from bot.matching.filters import compile_filter
from bot.model import Mute, Severity, StoryMode, Subscription
from bot.store import _rows
from bot.store._base import StoreBase, StoreError, opt_from_db, opt_to_db, to_db


class SubscriptionsMixin(StoreBase):
    async def subscribe(
        self,
        guild_id: int,
        channel_id: int,
        region: str,
        *,
        min_severity: Severity,
        filter: str,
        ping_role_id: int | None,
        ping_severity: Severity,
        publish: bool,
        now: datetime,
        ping_set_by: int | None = None,
        story: StoryMode = StoryMode.REPLY,
    ) -> tuple[Subscription, bool]:
        """Follow ``region`` in a channel, or change how it is followed; True when new.

        Subscribing again also resumes a paused subscription: it is how a moderator says "fixed".
        Raises FilterError (from bot.matching.filters) for a filter that cannot be used.
        """
        flt = compile_filter(filter)
        set_by = ping_set_by if ping_role_id is not None else None
        values = (int(min_severity), flt.text, ping_role_id, int(ping_severity), int(publish),
                  set_by, story.value)
        async with self._writing() as db:
            rows = await db.execute_fetchall(
                "SELECT id, guild_id FROM subscriptions WHERE channel_id = ? AND region = ?",
                (channel_id, region),
            )
            if rows and rows[0]["guild_id"] != guild_id:
                raise StoreError(f"channel {channel_id} belongs to another guild")
            if rows:
                await db.execute(
                    "UPDATE subscriptions SET min_severity = ?, filter = ?, ping_role_id = ?,"
                    " ping_severity = ?, publish = ?, ping_set_by = ?, story = ?,"
                    " paused_reason = NULL"
                    " WHERE id = ?",
                    (*values, rows[0]["id"]),
                )
            else:
                await db.execute(
                    "INSERT INTO subscriptions (guild_id, channel_id, region, min_severity,"
                    " filter, ping_role_id, ping_severity, publish, ping_set_by, story,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (guild_id, channel_id, region, *values, to_db(now)),
                )
            saved = await db.execute_fetchall(
                f"SELECT {_rows.SUBSCRIPTION_COLUMNS} FROM subscriptions sub"
                " WHERE sub.channel_id = ? AND sub.region = ?",
                (channel_id, region),
            )
        return _rows.subscription(saved[0]), not rows

    async def unsubscribe(self, guild_id: int, channel_id: int, region: str) -> bool:
        """Stop following; what was still owed to the channel for it is dropped with it."""
        async with self._writing() as db:
            deleted = await db.execute(
                "DELETE FROM subscriptions WHERE guild_id = ? AND channel_id = ? AND region = ?",
                (guild_id, channel_id, region),
            )
        return deleted > 0

    async def subscriptions(
        self, guild_id: int, channel_id: int | None = None
    ) -> list[Subscription]:
        """A guild's subscriptions (of one channel), by channel then region."""
        sql = f"SELECT {_rows.SUBSCRIPTION_COLUMNS} FROM subscriptions sub WHERE sub.guild_id = ?"
        params: list[object] = [guild_id]
        if channel_id is not None:
            sql += " AND sub.channel_id = ?"
            params.append(channel_id)
        async with self._reading() as db:
            rows = await db.execute_fetchall(sql + " ORDER BY sub.channel_id, sub.region", params)
        return [_rows.subscription(r) for r in rows]

    async def pause_channel(self, channel_id: int, reason: str) -> list[Subscription]:
        """Stop delivering to a channel Discord refuses us (deleted, permissions taken away).

        Returns only the subscriptions this call paused, so the guild is told once. What was
        still owed to the channel is marked failed with the reason: once the channel works
        again, a backlog of stale alerts would be noise.
        """
        async with self._writing() as db:
            rows = await db.execute_fetchall(
                "UPDATE subscriptions SET paused_reason = ? WHERE channel_id = ?"
                f" AND paused_reason IS NULL RETURNING {_rows.SUBSCRIPTION_RETURNING}",
                (reason, channel_id),
            )
            await db.execute(
                "UPDATE deliveries SET state = 'failed', last_error = ?"
                " WHERE channel_id = ? AND state = 'pending'",
                (f"channel paused: {reason}", channel_id),
            )
        return sorted((_rows.subscription(r) for r in rows), key=lambda s: s.id)

    async def stop_pinging(self, channel_id: int, role_id: int) -> list[Subscription]:
        """Drop a role Discord's rule no longer lets the bot ping from a channel's subscriptions.

        Returns only the subscriptions this call changed, so the guild is told once; the
        subscriptions themselves go on posting, without the ping.
        """
        async with self._writing() as db:
            rows = await db.execute_fetchall(
                "UPDATE subscriptions SET ping_role_id = NULL, ping_set_by = NULL"
                " WHERE channel_id = ? AND ping_role_id = ?"
                f" RETURNING {_rows.SUBSCRIPTION_RETURNING}",
                (channel_id, role_id),
            )
        return sorted((_rows.subscription(r) for r in rows), key=lambda s: s.id)

    async def stories_by_reply(self, channel_id: int) -> list[Subscription]:
        """Post a channel's stories as replies where they were to go in threads: Discord
        refuses the bot threads there (Create Public Threads).

        Returns only the subscriptions this call changed, so the guild is told once; a
        moderator who grants the permission sets ``follow: thread`` again.
        """
        async with self._writing() as db:
            rows = await db.execute_fetchall(
                "UPDATE subscriptions SET story = 'reply' WHERE channel_id = ?"
                f" AND story = 'thread' RETURNING {_rows.SUBSCRIPTION_RETURNING}",
                (channel_id,),
            )
        return sorted((_rows.subscription(r) for r in rows), key=lambda s: s.id)

    async def mute(
        self,
        guild_id: int,
        source: str,
        *,
        until: datetime | None,
        reason: str,
        created_by: int | None,
        now: datetime,
    ) -> Mute:
        """Silence a source in a guild until ``until`` (None: for good); muting again replaces.

        Alerts from the source still waiting for the guild's channels are dropped too: a
        moderator who mutes a source wants it quiet now, not after the queue drains.
        """
        async with self._writing() as db:
            await db.execute(
                "INSERT INTO mutes (guild_id, source, until, reason, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, source) DO UPDATE SET"
                " until = excluded.until, reason = excluded.reason,"
                " created_by = excluded.created_by, created_at = excluded.created_at",
                (guild_id, source, opt_to_db(until), reason, created_by, to_db(now)),
            )
            await db.execute(
                "UPDATE deliveries SET state = 'failed', last_error = 'source muted'"
                " WHERE guild_id = ? AND state = 'pending'"
                " AND update_id IN (SELECT id FROM updates WHERE source = ?)",
                (guild_id, source),
            )
        return Mute(guild_id, source, opt_from_db(opt_to_db(until)), reason, created_by)

    async def unmute(self, guild_id: int, source: str) -> bool:
        async with self._writing() as db:
            deleted = await db.execute(
                "DELETE FROM mutes WHERE guild_id = ? AND source = ?", (guild_id, source)
            )
        return deleted > 0

    async def mutes(self, guild_id: int, now: datetime) -> list[Mute]:
        """A guild's mutes still in force, by source."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                f"SELECT {_rows.MUTE_COLUMNS} FROM mutes WHERE guild_id = ?"
                " AND (until IS NULL OR until > ?) ORDER BY source",
                (guild_id, to_db(now)),
            )
        return [_rows.mute(r) for r in rows]
