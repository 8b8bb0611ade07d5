-- Which stored updates a new one is compared with (issue 14; SQLite's 0010): the regions of
-- each update that is in an event, apart from update_regions, which also holds the unsigned
-- updates of every source's silent first poll. 0009 is another step's number.

CREATE TABLE event_regions (
    update_id bigint NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
    region    text COLLATE "C" NOT NULL,         -- as in update_regions: ancestors included
    PRIMARY KEY (region, update_id)
);

CREATE INDEX event_regions_update ON event_regions (update_id);

INSERT INTO event_regions (update_id, region)
SELECT ur.update_id, ur.region FROM update_regions ur JOIN updates u ON u.id = ur.update_id
WHERE u.event_id IS NOT NULL AND u.signature IS NOT NULL;
