-- PostgreSQL twin of db/migrations/0008_live_schedule.sql: the same tables, columns, keys and indexes in PostgreSQL's words
-- (ids are identities, integers bigint, flags boolean, full-text search and triggers as PostgreSQL spells them).
-- Self-service sessions: community groups' sessions inside their approved room blocks, booked BoFs and
-- the like are rows of schedule_sessions too (so stars, agendas, conflicts and exports treat them like any
-- other session), marked by source. 'programme' is what organisers place on the grid and publish in
-- releases; every other source is published at once, as an automatic release on top of the latest one.
ALTER TABLE schedule_sessions ADD COLUMN source TEXT NOT NULL DEFAULT 'programme'
    CHECK (source IN ('programme', 'community', 'bof', 'lightning'));

-- Why an automatic release was made ("BoF booked: …"); NULL for a release made by an organiser.
ALTER TABLE schedule_releases ADD COLUMN automatic_reason TEXT;
