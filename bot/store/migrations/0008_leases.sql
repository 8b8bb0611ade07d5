-- Several processes on one database (issue 15). 0007 is another step's number.
--
-- The processes that poll this database, one row each, written when a process first polls
-- and renewed with its leases (its heartbeat); deleted when it closes its store. A row whose
-- heartbeat is older than a lease is a process that died: `alertbot status` shows the live ones.
CREATE TABLE processes (
    id           TEXT PRIMARY KEY,                  -- host/pid/started/random (bot.store._leases)
    host         TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
);

-- A source's lease: the process polling it (processes.id) and until when, renewed while it
-- polls. Claimed with FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one process per file
-- and never sets them. No foreign key: a dead process's leases simply expire, and
-- `alertbot db copy` copies sources without the processes.
ALTER TABLE sources ADD COLUMN leased_by TEXT;
ALTER TABLE sources ADD COLUMN lease_until TEXT;

CREATE INDEX sources_leased_by ON sources (leased_by) WHERE leased_by IS NOT NULL;
