-- Which stored updates a new one is compared with (issue 14): the regions of each update that
-- is in an event, apart from update_regions, which holds every update. A source's first poll
-- is silent and signs nothing, so after 2,000 sources were added the window's update_regions
-- held tens of thousands of unsigned rows that the candidate query walked, for each new update,
-- only to skip them (bench/cluster_bench.py). 0009 is another step's number.

CREATE TABLE event_regions (
    update_id INTEGER NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
    region    TEXT NOT NULL,                     -- as in update_regions: ancestors included
    PRIMARY KEY (region, update_id)
) WITHOUT ROWID;

CREATE INDEX event_regions_update ON event_regions (update_id);

INSERT INTO event_regions (update_id, region)
SELECT ur.update_id, ur.region FROM update_regions ur JOIN updates u ON u.id = ur.update_id
WHERE u.event_id IS NOT NULL AND u.signature IS NOT NULL;
