-- Stories (issue 14; SQLite's 0007): a developing entry's later updates follow the story's
-- first alert in each channel, as each subscription says: 'channel', 'reply' or 'thread'.

ALTER TABLE subscriptions ADD COLUMN story text COLLATE "C" NOT NULL DEFAULT 'reply'
    CHECK (story IN ('channel', 'reply', 'thread'));

-- A send row of a story's later update: the delivery that is the story's alert in the same
-- channel. NULL: a plain alert. No foreign key: the alert's row may be pruned first.
ALTER TABLE deliveries ADD COLUMN story_alert bigint;

-- On a story's alert row: the thread opened on its message, recorded before anything is
-- posted in it, so a retry after a crash never opens a second one.
ALTER TABLE deliveries ADD COLUMN thread_id bigint;

-- The commit finds a story's earlier updates (same source, same entry) to find its alert.
CREATE INDEX updates_entry ON updates (source, entry_key);
