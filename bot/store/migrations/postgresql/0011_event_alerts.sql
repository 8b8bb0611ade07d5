-- The posts of the outbox (not its edits) by update (SQLite's 0011): an update that joins an
-- event reads the posts of the event's reports to find its alert in each channel, not the
-- edits as well, which outnumber them.

CREATE INDEX deliveries_posts ON deliveries (update_id, channel_id, state) WHERE edits IS NULL;
