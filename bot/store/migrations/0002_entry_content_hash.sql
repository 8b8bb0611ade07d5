-- The hash of an entry's title and content as the source wrote them when its state was
-- decided. A poll that finds the same hash skips turning the entry's HTML into text at all;
-- 0 (every row from before this migration) means "unknown", so the text is compared as usual.
ALTER TABLE entries ADD COLUMN content_hash INTEGER NOT NULL DEFAULT 0;
