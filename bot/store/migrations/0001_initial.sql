-- alertbot schema, version 1.
--
-- Conventions: every datetime is a UTC ISO-8601 string of fixed width
-- ("2024-05-01T17:13:00.000000+00:00"), so text comparison is time comparison and an index on
-- it orders by time. Booleans are 0/1 integers. Discord ids (snowflakes) fit in INTEGER.
-- Rows are only created by bot/store; the migration runner sets PRAGMA user_version.

-- One configured feed plus the state of polling it. Sources are never deleted: a source that
-- leaves the configuration gets removed_at, keeps its state and entries, and resumes if re-added.
CREATE TABLE sources (
    id                   TEXT PRIMARY KEY,          -- slug from config/sources.toml
    url                  TEXT NOT NULL,
    name                 TEXT NOT NULL,
    interval             INTEGER NOT NULL,          -- seconds between polls
    language             TEXT NOT NULL,
    enabled              INTEGER NOT NULL,          -- as configured (0 once removed)
    removed_at           TEXT,                      -- NULL while the source is configured
    added_at             TEXT NOT NULL,
    -- poll state
    etag                 TEXT,
    last_modified        TEXT,
    body_hash            TEXT,
    last_status          INTEGER,                   -- HTTP status of the last answer
    last_error           TEXT,
    error_kind           TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_polled_at       TEXT,
    next_poll_at         TEXT NOT NULL,
    -- when the feed content last changed (last commit): an entry missing since then has left
    -- the feed, which is what makes it safe to prune
    content_at           TEXT,
    redirected_url       TEXT,                      -- a permanent redirect's target
    disabled_reason      TEXT,                      -- set by a 410 Gone: polling stopped for good
    first_polled         INTEGER NOT NULL DEFAULT 0 -- the first successful poll is silent
);

CREATE INDEX sources_due ON sources (next_poll_at) WHERE enabled = 1 AND disabled_reason IS NULL;

-- What is known of each entry: fingerprints of its paragraphs (EntryState.to_blob), never the
-- text. Kept longer than updates so that an old item never comes back as new.
CREATE TABLE entries (
    source       TEXT NOT NULL REFERENCES sources (id),
    key          TEXT NOT NULL,
    fingerprints BLOB NOT NULL,
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    PRIMARY KEY (source, key)
) WITHOUT ROWID;

CREATE INDEX entries_last_seen ON entries (last_seen);

-- The units that can become alerts, with their match. `key` is stable across polls, so the
-- UNIQUE constraint is what makes "stored once" hold even if a poll is committed twice.
CREATE TABLE updates (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources (id),
    key         TEXT NOT NULL,
    entry_key   TEXT NOT NULL,
    kind        TEXT NOT NULL,                      -- "entry" or "segment"
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    link        TEXT,
    marker      TEXT,
    published   TEXT,
    seen_at     TEXT NOT NULL,
    severity    INTEGER NOT NULL,                   -- Severity value, copied out of match for filtering
    match       TEXT NOT NULL,                      -- JSON: regions, hits, severity, reasons
    UNIQUE (source, key)
);

CREATE INDEX updates_seen_at ON updates (seen_at);  -- prune and search's `since`

-- Every region of an update's match (ancestors included), for /latest by region.
CREATE TABLE update_regions (
    update_id INTEGER NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
    region    TEXT NOT NULL,
    PRIMARY KEY (region, update_id)
) WITHOUT ROWID;

CREATE INDEX update_regions_update ON update_regions (update_id);

-- Full-text search over updates. External content: the text lives once, in `updates`; the
-- triggers keep the index in step, including when prune deletes old updates.
CREATE VIRTUAL TABLE updates_fts USING fts5 (
    title, text,
    content = 'updates', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER updates_fts_insert AFTER INSERT ON updates BEGIN
    INSERT INTO updates_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER updates_fts_delete AFTER DELETE ON updates BEGIN
    INSERT INTO updates_fts (updates_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TRIGGER updates_fts_update AFTER UPDATE OF title, text ON updates BEGIN
    INSERT INTO updates_fts (updates_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO updates_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- A channel following a region. One row per (channel, region): subscribing again edits it.
CREATE TABLE subscriptions (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    channel_id    INTEGER NOT NULL,
    region        TEXT NOT NULL,
    min_severity  INTEGER NOT NULL,
    filter        TEXT NOT NULL DEFAULT '',         -- as the user typed it; checked in Python
    ping_role_id  INTEGER,
    ping_severity INTEGER NOT NULL,
    publish       INTEGER NOT NULL DEFAULT 0,
    paused_reason TEXT,                             -- NULL while delivering
    created_at    TEXT NOT NULL,
    UNIQUE (channel_id, region)
);

CREATE INDEX subscriptions_region ON subscriptions (region) WHERE paused_reason IS NULL;
CREATE INDEX subscriptions_guild ON subscriptions (guild_id, channel_id);

-- A guild silencing one source, until a time (NULL: for good).
CREATE TABLE mutes (
    guild_id   INTEGER NOT NULL,
    source     TEXT NOT NULL,
    until      TEXT,
    reason     TEXT NOT NULL DEFAULT '',
    created_by INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, source)
) WITHOUT ROWID;

-- The outbox: one update owed to one channel, written in the transaction that stored the
-- update. UNIQUE (update_id, channel_id) is the "never twice to a channel" rule.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    update_id       INTEGER NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
    -- unsubscribing drops what is still owed to that subscription
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TEXT NOT NULL,
    -- the nonce of the last send and when it went: a retry reuses the nonce, and a send older
    -- than Discord's nonce window is looked for in the channel before it is sent again
    nonce           TEXT,
    last_attempt_at TEXT,
    message_id      INTEGER,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    UNIQUE (update_id, channel_id)
);

-- The sender reads pending rows in (channel, id) order and stops at its limit; with
-- next_attempt_at in the index it skips rows waiting for a retry without reading the table.
CREATE INDEX deliveries_pending ON deliveries (channel_id, id, next_attempt_at)
    WHERE state = 'pending';
CREATE INDEX deliveries_subscription ON deliveries (subscription_id);
