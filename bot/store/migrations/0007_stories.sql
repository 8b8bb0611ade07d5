-- Stories (issue 14): a developing entry's later updates (its new segments) follow the
-- story's first alert in each channel, as each subscription says: 'channel' (plain alerts, as
-- before), 'reply' (a reply to that alert) or 'thread' (in a thread opened on it). Existing
-- subscriptions take the default, 'reply'.
ALTER TABLE subscriptions ADD COLUMN story TEXT NOT NULL DEFAULT 'reply'
    CHECK (story IN ('channel', 'reply', 'thread'));

-- A send row of a story's later update: the delivery that is the story's alert in the same
-- channel, whose message it replies to or in whose thread it goes; written in the commit that
-- stores the update. NULL: a plain alert (the story's first in the channel, or 'channel').
-- No foreign key: the alert's row may be pruned first, and the update is then posted plain.
ALTER TABLE deliveries ADD COLUMN story_alert INTEGER;

-- On a story's alert row: the thread opened on its message, recorded as soon as Discord made
-- it and before anything is posted in it, so a retry after a crash never opens a second one.
ALTER TABLE deliveries ADD COLUMN thread_id INTEGER;

-- The commit finds a story's earlier updates (same source, same entry) to find its alert.
CREATE INDEX updates_entry ON updates (source, entry_key);
