-- Sources managed from Discord (issue 13). A source row stays the polled unit: one fetch per
-- poll whoever reads it. Who reads it moves to `follows`: the operator (guild_id NULL, every
-- server gets its updates) or one server (only that server's subscriptions do). The source's
-- name, interval, language and enabled become what its follows add up to (bot/follows.py),
-- written by the store whenever a follow changes, so the poll loop reads them as before.

-- The feed a URL names, for finding the source a second follower of the same URL shares:
-- scheme and host lower-cased, no default port, no fragment (bot.follows.url_key). SQL cannot
-- compute it; the store fills it in for every row where it is NULL when it opens the database.
ALTER TABLE sources ADD COLUMN url_key TEXT;
CREATE INDEX sources_url_key ON sources (url_key);

CREATE TABLE follows (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources (id),
    guild_id    INTEGER,                           -- NULL: the operator's, for every server
    from_config INTEGER NOT NULL DEFAULT 0,        -- the operator's, from sources.toml
    name        TEXT NOT NULL,                     -- what this follower calls it
    interval    INTEGER NOT NULL,                  -- seconds, as this follower chose
    language    TEXT NOT NULL,
    enabled     INTEGER NOT NULL DEFAULT 1,
    added_by    INTEGER,                           -- the Discord user; NULL for the operator
    added_at    TEXT NOT NULL,
    -- A removed follow is kept so that its server still finds the source's stored updates with
    -- /latest and /search (until retention prunes them); it neither polls nor delivers.
    removed_at  TEXT
);

-- One follow per source and follower; the operator is written 0 here (never a snowflake).
CREATE UNIQUE INDEX follows_one ON follows (source, ifnull(guild_id, 0));
CREATE INDEX follows_guild ON follows (guild_id, source);

-- What every source configured so far was: the operator's, from sources.toml (the next start
-- syncs them with the file as before).
INSERT INTO follows (source, guild_id, from_config, name, interval, language, enabled, added_at)
SELECT id, NULL, 1, name, interval, language, enabled, added_at FROM sources
WHERE removed_at IS NULL;

-- Servers that removed the bot, and when. Their sources and subscriptions are deleted once the
-- grace period has passed (a rejoin before deletes the row instead); meanwhile their follows do
-- not poll and nothing is queued for their channels.
CREATE TABLE guilds_left (
    guild_id INTEGER PRIMARY KEY,
    left_at  TEXT NOT NULL
);
