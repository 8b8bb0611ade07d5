-- The posts of the outbox (not its edits) by update: an update that joins an event finds the
-- event's alert in each channel (the first post there of any of the event's reports) by
-- reading the posts of those reports only. The event's edits, one per report and channel,
-- outnumber its posts, and the read walked them all for every new report
-- (bench/cluster_bench.py).

CREATE INDEX deliveries_posts ON deliveries (update_id, channel_id, state) WHERE edits IS NULL;
