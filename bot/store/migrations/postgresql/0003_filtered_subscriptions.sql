-- The subscriptions with a filter, by region (SQLite's 0003): a commit asks which of them want
-- its new updates (only Python can apply a filter); most have none, and with this index that
-- question reads nothing instead of every subscription of the updates' regions.
CREATE INDEX subscriptions_filtered ON subscriptions (region)
    WHERE filter != '' AND paused_reason IS NULL;
