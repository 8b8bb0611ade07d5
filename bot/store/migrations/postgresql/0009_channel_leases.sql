-- Every process sends (issue 15; SQLite's 0009): the outbox is claimed per channel, as
-- sources are (0008).
--
-- A channel's lease: the process sending its deliveries (processes.id) and until when,
-- renewed while it drains the channel and ended when it has finished; one row per channel
-- ever owed a delivery. claim_deliveries claims the free or expired ones FOR UPDATE SKIP
-- LOCKED. No foreign key, as for the sources' leases: a dead process's leases simply expire.
CREATE TABLE channel_leases (
    channel_id  bigint PRIMARY KEY,
    leased_by   text COLLATE "C",
    lease_until text COLLATE "C"
);

CREATE INDEX channel_leases_leased_by ON channel_leases (leased_by) WHERE leased_by IS NOT NULL;

-- The shards a process connects, as `alertbot status` shows them ("0,1 of 4"); NULL: every
-- shard (one process).
ALTER TABLE processes ADD COLUMN shards text COLLATE "C";
