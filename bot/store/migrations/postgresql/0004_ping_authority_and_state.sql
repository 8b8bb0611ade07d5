-- Who set a subscription's ping role (SQLite's 0004): the sender checks that member again
-- before each ping, so a member who lost Mention Everyone stops the ping.
ALTER TABLE subscriptions ADD COLUMN ping_set_by bigint;

-- Small facts the bot keeps about itself between runs (the synced command tree's hash, say).
CREATE TABLE bot_state (
    key   text COLLATE "C" PRIMARY KEY,
    value text COLLATE "C" NOT NULL
);
