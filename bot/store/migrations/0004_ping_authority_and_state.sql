-- Who set a subscription's ping role. Discord lets a member mention a role that is not
-- mentionable only with Mention Everyone; the sender checks that member again before each ping,
-- so a role made unmentionable later, or a member who lost the permission, stops the ping.
ALTER TABLE subscriptions ADD COLUMN ping_set_by INTEGER;

-- Small facts the bot keeps about itself between runs (the synced command tree's hash, say).
CREATE TABLE bot_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
