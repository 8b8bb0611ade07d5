-- Events (issue 14): the reports, from any source, of one thing that happened. The poll signs
-- every update it stores (bot.events.sign) and, in the same transaction, joins it to the event
-- of the closest recent update that shares a region, or starts an event of its own.

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    created_at   TEXT NOT NULL,
    -- the update that started it; no foreign key: prune may delete that update while later
    -- reports keep the event (it goes once no update refers to it)
    first_update INTEGER NOT NULL,
    severity     INTEGER NOT NULL,                  -- the highest of its reports so far
    regions      TEXT NOT NULL                      -- JSON array: every region of its reports
);

CREATE INDEX events_created_at ON events (created_at);

-- NULL for updates stored before this migration: they are in no event and never candidates.
ALTER TABLE updates ADD COLUMN event_id INTEGER REFERENCES events (id);
-- The Signature as JSON (about 1-2 KB): what later updates are compared with.
ALTER TABLE updates ADD COLUMN signature TEXT;
-- JSON array of what the update adds to the event it joined (Adds.describe()), when that
-- made it an escalation posted as an alert of its own; NULL otherwise.
ALTER TABLE updates ADD COLUMN escalation TEXT;

CREATE INDEX updates_event ON updates (event_id) WHERE event_id IS NOT NULL;

-- An edit row of the outbox: instead of posting its update, the sender sets again the whole
-- message of the delivery named here (the event's alert in that channel), now listing the
-- update's source under "Also reported by". NULL: an ordinary send. No foreign key: the
-- alert's row may be pruned first, and then the edit has nothing to do.
ALTER TABLE deliveries ADD COLUMN edits INTEGER;

CREATE INDEX deliveries_edits ON deliveries (edits) WHERE edits IS NOT NULL;

-- An edit finds the other alerts of the message it sets again by the message's id.
CREATE INDEX deliveries_message ON deliveries (message_id) WHERE message_id IS NOT NULL;
