"""Follows: the operator's and each server's sources, sharing one polled row per URL.

The polled unit stays the ``sources`` row (one fetch per poll, one set of entries and updates).
A follow says who reads it (bot/follows.py). Whenever follows change, ``refresh_source``
writes the row's name, interval, language and enabled from the follows that remain, so the
poll loop reads the same columns as before. Statements here run on the connection's thread
(``Connection.run``), inside the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.follows import (
    FollowRefused,
    Reader,
    SourceLimits,
    check_interval,
    check_language,
    check_name,
    default_interval,
    new_source_id,
    poll_settings,
    url_key,
)
from bot.model import Follow, FollowedSource, ForgottenGuilds
from bot.slots import first_poll_offset
from bot.store import _rows
from bot.store._base import StoreBase, from_db, to_db
from bot.store._dialect import Raw

#: ``f`` is follows, ``s`` is sources
_FOLLOWED = f"""
    SELECT f.source AS follow_source, f.guild_id, f.name AS follow_name,
        f.interval AS follow_interval, f.language AS follow_language,
        f.enabled AS follow_enabled, f.from_config, f.added_by, f.added_at, s.url_key,
        {_rows.SOURCE_STATE_COLUMNS}
    FROM follows f JOIN sources s ON s.id = f.source
"""


def _guild_key(guild_id: int | None) -> int:
    """How ``follows_one`` writes a follower: the operator as 0, never a snowflake."""
    return 0 if guild_id is None else guild_id


class FollowsMixin(StoreBase):
    #: set by Store.open; what servers may do (per-server count, shortest interval…)
    _limits: SourceLimits

    async def check_follow(
        self, guild_id: int | None, url: str, *, interval: int | None = None,
        language: str = "en",
    ) -> None:
        """Raise FollowRefused if ``guild_id`` (None: the operator) may not follow ``url`` now,
        with this interval and language: servers may not add sources, the server is at its
        limit, it follows the URL already, the interval is below the servers' minimum…

        Asked before fetching the URL for a preview, so a refusal costs no fetch;
        ``add_follow`` asks again in its own transaction.
        """
        key = url_key(url)
        self._check_guild_may_add(guild_id)
        check_language(language)
        if interval is not None:
            check_interval(interval, guild_id, self._limits)
        async with self._reading() as db:
            await db.run(lambda raw: _refuse_unless_room(raw, guild_id, key, self._limits))

    async def add_follow(
        self,
        guild_id: int | None,
        url: str,
        *,
        name: str,
        now: datetime,
        interval: int | None = None,
        language: str = "en",
        added_by: int | None = None,
    ) -> FollowedSource:
        """Follow ``url`` for a server (``guild_id``) or for the operator (None: every server).

        A URL someone follows already shares that source (one fetch per poll for all); else a
        new source is made, whose first poll is silent as for any source. Raises FollowRefused
        with the reason: a bad URL, name, language or interval, servers may not add sources,
        the server is at its limit, the follower has it already (for the operator also: it is
        in sources.toml). The caller fetches the URL first to refuse what is no feed.
        """
        key = url_key(url)
        limits = self._limits
        self._check_guild_may_add(guild_id)
        shown = check_name(name)
        lang = check_language(language)
        seconds = check_interval(
            default_interval(guild_id, limits) if interval is None else interval, guild_id, limits
        )
        now_s = to_db(now)

        def add(raw: Raw) -> FollowedSource:
            _refuse_unless_room(raw, guild_id, key, limits)
            source_id = find_by_key(raw, key)
            if source_id is None:
                taken = {row[0] for row in raw.execute("SELECT id FROM sources")}
                source_id = new_source_id(url, taken)
                insert_source(raw, source_id, url.strip(), key, shown, seconds, lang, now_s)
            # A follow removed earlier is taken up again: its server keeps seeing what the
            # source stored meanwhile, as if it had never left.
            revived = raw.execute(
                "UPDATE follows SET name = ?, interval = ?, language = ?, enabled = 1,"
                " added_by = ?, added_at = ?, removed_at = NULL, from_config = 0"
                " WHERE source = ? AND coalesce(guild_id, 0) = ?",
                (shown, seconds, lang, added_by, now_s, source_id, _guild_key(guild_id)),
            ).rowcount
            if not revived:
                raw.execute(
                    "INSERT INTO follows (source, guild_id, name, interval, language, added_by,"
                    " added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (source_id, guild_id, shown, seconds, lang, added_by, now_s),
                )
            refresh_source(raw, source_id, limits.min_interval, now)
            return _one_follow(raw, guild_id, source_id)

        async with self._writing() as db:
            return await db.run(add)

    async def remove_follow(
        self, guild_id: int | None, source: str, *, now: datetime
    ) -> Follow:
        """Stop following ``source`` (its id, URL or name) for a server or the operator.

        The stored updates stay (the server still finds them with /latest and /search until
        retention prunes them); the source is no longer fetched once nobody follows it. Raises
        FollowRefused for a source the follower does not follow, and for the operator's
        sources from sources.toml, which only that file removes.
        """
        def remove(raw: Raw) -> Follow:
            found = _find_follow(raw, guild_id, source)
            if found.from_config:
                raise FollowRefused(
                    f"{found.source!r} comes from sources.toml; remove it there and reload "
                    "(SIGHUP or a restart)"
                )
            raw.execute(
                "UPDATE follows SET removed_at = ? WHERE source = ?"
                " AND coalesce(guild_id, 0) = ?",
                (to_db(now), found.source, _guild_key(guild_id)),
            )
            refresh_source(raw, found.source, self._limits.min_interval, now)
            return found

        async with self._writing() as db:
            return await db.run(remove)

    async def edit_follow(
        self,
        guild_id: int | None,
        source: str,
        *,
        now: datetime,
        name: str | None = None,
        interval: int | None = None,
        language: str | None = None,
        enabled: bool | None = None,
    ) -> FollowedSource:
        """Change how a server (or the operator) follows ``source`` (its id, URL or name); what
        is left None stays. Raises FollowRefused as ``add_follow`` does, and for the operator's
        sources from sources.toml."""
        limits = self._limits
        changes: dict[str, object] = {}
        if name is not None:
            changes["name"] = check_name(name)
        if interval is not None:
            changes["interval"] = check_interval(interval, guild_id, limits)
        if language is not None:
            changes["language"] = check_language(language)
        if enabled is not None:
            changes["enabled"] = int(enabled)

        def edit(raw: Raw) -> FollowedSource:
            found = _find_follow(raw, guild_id, source)
            if found.from_config:
                raise FollowRefused(f"{found.source!r} comes from sources.toml; edit it there")
            if changes:
                columns = ", ".join(f"{column} = ?" for column in changes)
                raw.execute(
                    f"UPDATE follows SET {columns} WHERE source = ? AND coalesce(guild_id, 0) = ?",
                    (*changes.values(), found.source, _guild_key(guild_id)),
                )
                refresh_source(raw, found.source, limits.min_interval, now)
            return _one_follow(raw, guild_id, found.source)

        async with self._writing() as db:
            return await db.run(edit)

    async def follows(
        self, guild_id: int | None, *, with_operator: bool = False
    ) -> list[FollowedSource]:
        """What a server (or, for None, the operator) follows, with each source's health, by
        name; ``with_operator`` adds the operator's sources to a server's (what it reads)."""
        where = "coalesce(f.guild_id, 0) = ?"
        if with_operator:
            where = f"({where} OR f.guild_id IS NULL)"
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                f"{_FOLLOWED} WHERE f.removed_at IS NULL AND {where}"
                " ORDER BY lower(f.name), f.source, f.guild_id",
                (_guild_key(guild_id),),
            )
        return [_followed(r) for r in rows]

    async def guild_left(self, guild_id: int, now: datetime) -> None:
        """The bot was removed from a server: its follows stop polling and nothing more is
        queued for its channels; ``forget_left_guilds`` deletes them after the grace period.
        What was still owed to its channels is marked failed: Discord would refuse each send."""
        def leave(raw: Raw) -> None:
            raw.execute("INSERT INTO guilds_left (guild_id, left_at) VALUES (?, ?)"
                        " ON CONFLICT DO NOTHING", (guild_id, to_db(now)))
            raw.execute("UPDATE deliveries SET state = 'failed', last_error = 'the bot was"
                        " removed from the server' WHERE guild_id = ? AND state = 'pending'",
                        (guild_id,))
            _refresh_sources_of(raw, guild_id, self._limits.min_interval, now)

        async with self._writing() as db:
            await db.run(leave)

    async def guild_joined(self, guild_id: int, now: datetime) -> bool:
        """The bot is in a server (again): a pending deletion is cancelled and its follows poll
        again. True when the server had left within the grace period."""
        def join(raw: Raw) -> bool:
            back = raw.execute("DELETE FROM guilds_left WHERE guild_id = ?", (guild_id,)).rowcount
            if back:
                _refresh_sources_of(raw, guild_id, self._limits.min_interval, now)
            return back > 0

        async with self._writing() as db:
            return await db.run(join)

    async def forget_left_guilds(self, now: datetime) -> ForgottenGuilds:
        """Delete the follows, subscriptions (with what they were still owed) and mutes of the
        servers that removed the bot longer than the grace period ago."""
        cutoff = to_db(now - self._limits.leave_grace)

        def forget(raw: Raw) -> ForgottenGuilds:
            gone = [g for (g,) in raw.execute(
                "DELETE FROM guilds_left WHERE left_at <= ? RETURNING guild_id", (cutoff,)
            ).fetchall()]
            follows = subscriptions = mutes = 0
            for guild_id in gone:
                sources = [s for (s,) in raw.execute(
                    "SELECT source FROM follows WHERE guild_id = ?", (guild_id,))]
                follows += raw.execute(
                    "DELETE FROM follows WHERE guild_id = ?", (guild_id,)).rowcount
                subscriptions += raw.execute(
                    "DELETE FROM subscriptions WHERE guild_id = ?", (guild_id,)).rowcount
                mutes += raw.execute("DELETE FROM mutes WHERE guild_id = ?", (guild_id,)).rowcount
                for source_id in sources:
                    refresh_source(raw, source_id, self._limits.min_interval, now)
            return ForgottenGuilds(len(gone), follows, subscriptions, mutes)

        async with self._writing() as db:
            return await db.run(forget)

    def _check_guild_may_add(self, guild_id: int | None) -> None:
        if guild_id is not None and not self._limits.allowed:
            raise FollowRefused("servers may not add sources on this bot; its operator "
                                "chooses them")


# -- on the connection's thread ----------------------------------------------------------------


def _refuse_unless_room(
    raw: Raw, guild_id: int | None, key: str, limits: SourceLimits
) -> None:
    """Raise FollowRefused when the follower has this URL already or, a server, is full."""
    row = raw.execute(
        "SELECT f.source, f.name, f.from_config FROM follows f JOIN sources s ON s.id = f.source"
        " WHERE s.url_key = ? AND coalesce(f.guild_id, 0) = ? AND f.removed_at IS NULL",
        (key, _guild_key(guild_id)),
    ).fetchone()
    if row is not None:
        if row["from_config"]:
            raise FollowRefused(f"that feed is already the operator's source {row['source']!r} "
                                "in sources.toml")
        who = "the operator follows" if guild_id is None else "this server follows"
        raise FollowRefused(f"{who} that feed already, as {row['name']!r} ({row['source']})")
    if guild_id is None:
        return
    (count,) = raw.execute(
        "SELECT count(*) FROM follows WHERE guild_id = ? AND removed_at IS NULL", (guild_id,)
    ).fetchone()
    if count >= limits.per_guild:
        raise FollowRefused(f"this server follows {count} sources, the most this bot allows "
                            f"({limits.per_guild}); remove one first")


def find_by_key(raw: Raw, key: str) -> str | None:
    """The source row of the feed ``key`` names: the one followed if any, else the most
    recently added (a URL added back resumes its entries instead of alerting them again)."""
    row = raw.execute(
        "SELECT id FROM sources WHERE url_key = ?"
        " ORDER BY removed_at IS NOT NULL, added_at DESC LIMIT 1",
        (key,),
    ).fetchone()
    return None if row is None else str(row[0])


def insert_source(
    raw: Raw, source_id: str, url: str, key: str, name: str, interval: int,
    language: str, now_s: str,
) -> None:
    """A new source row, unfollowed until its first follow's ``refresh_source`` makes it due."""
    raw.execute(
        "INSERT INTO sources (id, url, url_key, name, interval, language, enabled, removed_at,"
        " added_at, next_poll_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
        (source_id, url, key, name, interval, language, now_s, now_s, now_s),
    )


def refresh_source(
    raw: Raw, source_id: str, min_interval: int, now: datetime
) -> None:
    """Write a source row's poll settings from its active follows (bot.follows.poll_settings).

    Nobody left: marked removed, keeping its state and entries, so following it again resumes
    instead of treating every item as new. Followed again after that: due at its first slot,
    and a "gone" verdict is cleared (following again is how one retries a gone feed). A shorter
    interval takes effect now rather than after the old wait.
    """
    readers = [
        Reader(r["guild_id"], r["name"], r["interval"], r["language"], bool(r["enabled"]))
        for r in raw.execute(
            "SELECT guild_id, name, interval, language, enabled FROM follows f"
            " WHERE source = ? AND removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM"
            " guilds_left gl WHERE gl.guild_id = f.guild_id) ORDER BY added_at, id",
            (source_id,),
        )
    ]
    row = raw.execute("SELECT removed_at, next_poll_at FROM sources WHERE id = ?",
                      (source_id,)).fetchone()
    settings = poll_settings(readers, min_interval)
    if settings is None:
        if row["removed_at"] is None:
            raw.execute("UPDATE sources SET enabled = 0, removed_at = ? WHERE id = ?",
                        (to_db(now), source_id))
        return
    if row["removed_at"] is not None:
        next_poll = to_db(now + first_poll_offset(source_id, settings.interval, now))
        raw.execute("UPDATE sources SET disabled_reason = NULL WHERE id = ?", (source_id,))
    else:
        next_poll = min(row["next_poll_at"], to_db(now + timedelta(seconds=settings.interval)))
    raw.execute(
        "UPDATE sources SET name = ?, interval = ?, language = ?, enabled = ?,"
        " removed_at = NULL, next_poll_at = ? WHERE id = ?",
        (settings.name, settings.interval, settings.language, int(settings.enabled), next_poll,
         source_id),
    )


def rename_source(raw: Raw, old: str, new: str) -> None:
    """Give a source row another id, with everything stored under it (entries, updates, follows,
    mutes). Only sources.toml's ids force this: a configured id names its feed (see
    SourcesMixin.sync_sources)."""
    columns = [c for c in raw.dialect.columns(raw, "sources") if c != "id"]
    listed = ", ".join(columns)
    raw.execute(f"INSERT INTO sources (id, {listed}) SELECT ?, {listed} FROM sources WHERE id = ?",
                (new, old))
    for table in ("entries", "updates", "follows", "mutes"):
        raw.execute(f"UPDATE {table} SET source = ? WHERE source = ?", (new, old))
    raw.execute("DELETE FROM sources WHERE id = ?", (old,))


def _refresh_sources_of(
    raw: Raw, guild_id: int, min_interval: int, now: datetime
) -> None:
    for (source_id,) in raw.execute(
        "SELECT source FROM follows WHERE guild_id = ? AND removed_at IS NULL", (guild_id,)
    ).fetchall():
        refresh_source(raw, source_id, min_interval, now)


def _find_follow(raw: Raw, guild_id: int | None, text: str) -> Follow:
    """The follower's active follow of ``text``: a source id, a URL of it, or its name."""
    wanted = text.strip()
    rows = raw.execute(
        f"{_FOLLOWED} WHERE f.removed_at IS NULL AND coalesce(f.guild_id, 0) = ?",
        (_guild_key(guild_id),),
    ).fetchall()
    try:
        key: str | None = url_key(wanted)
    except FollowRefused:
        key = None
    # An id first, then a URL, then a name: a name may look like another source's id.
    for column, value in (("follow_source", wanted), ("url_key", key),
                          ("follow_name", wanted.casefold())):
        found = [r for r in rows if value is not None and (
            r[column].casefold() if column == "follow_name" else r[column]) == value]
        if found:
            return _followed(found[0]).follow
    who = "the operator does not follow" if guild_id is None else "this server does not follow"
    raise FollowRefused(f"{who} a source {wanted!r}")


def _one_follow(raw: Raw, guild_id: int | None, source_id: str) -> FollowedSource:
    row = raw.execute(
        f"{_FOLLOWED} WHERE f.source = ? AND coalesce(f.guild_id, 0) = ?",
        (source_id, _guild_key(guild_id)),
    ).fetchone()
    return _followed(row)


def _followed(row: Any) -> FollowedSource:
    follow = Follow(
        source=row["follow_source"], url=row["url"], guild_id=row["guild_id"],
        name=row["follow_name"], interval=row["follow_interval"],
        language=row["follow_language"], enabled=bool(row["follow_enabled"]),
        from_config=bool(row["from_config"]), added_by=row["added_by"],
        added_at=from_db(row["added_at"]),
    )
    return FollowedSource(follow, _rows.source_state(row))
