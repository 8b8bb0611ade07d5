-- Several processes on one database (issue 15; SQLite's 0008). 0007 is another step's number.
--
-- The processes that poll this database, one row each, written when a process first polls
-- and renewed with its leases (its heartbeat); deleted when it closes its store. A row whose
-- heartbeat is older than a lease is a process that died: `alertbot status` shows the live ones.
CREATE TABLE processes (
    id           text COLLATE "C" PRIMARY KEY,      -- host/pid/started/random (bot.store._leases)
    host         text COLLATE "C" NOT NULL,
    pid          integer NOT NULL,
    started_at   text COLLATE "C" NOT NULL,
    heartbeat_at text COLLATE "C" NOT NULL
);

-- A source's lease: the process polling it (processes.id) and until when, renewed while it
-- polls; due_sources claims due sources whose lease is free or expired, FOR UPDATE SKIP LOCKED.
-- No foreign key: a dead process's leases simply expire, and `alertbot db copy` copies sources
-- without the processes.
ALTER TABLE sources ADD COLUMN leased_by text COLLATE "C";
ALTER TABLE sources ADD COLUMN lease_until text COLLATE "C";

CREATE INDEX sources_leased_by ON sources (leased_by) WHERE leased_by IS NOT NULL;
