-- The hash of an entry's title and content as the source wrote them when its state was
-- decided (SQLite's 0002). A poll that finds the same hash skips turning the entry's HTML into
-- text at all; 0 (every row from before this migration) means "unknown".
ALTER TABLE entries ADD COLUMN content_hash bigint NOT NULL DEFAULT 0;
