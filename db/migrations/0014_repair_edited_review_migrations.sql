-- Repairs databases that ran an earlier text of 0005_reviews or 0013_review_ranking_cache. Both scripts were
-- edited after they landed, so a database that ran an old text silently lacks the change; which text ran was never
-- recorded (checksums came later: the runner marks both "legacy"). Every statement here is safe to repeat: on a
-- database that ran the current texts it rebuilds what is already right, and the result is a fresh database's schema.
--
-- 0005, first text (731945a): reviews had told_version (dropped since) and review_decisions lacked released_round.
--   Those are fixed by this migration's C# step (src/EventPlanner.Web/Data/MigrationSteps.cs), run in the same
--   transaction after this script: SQLite cannot add or drop a column only if it exists.
-- 0005, first and second texts (731945a, c60a07c): ux_review_conflicts_speaker indexed (event_id, user_id,
--   speaker_id); now (user_id, speaker_id, event_id). The same columns, so the rebuilt index accepts the same rows.
-- 0013, first text (a80b3ae): review_slot_offers.reason lacked 'withdrawn'. SQLite changes a CHECK only by
--   rebuilding the table (nothing refers to it); the rebuild below is the one 0013 does now.

DROP INDEX IF EXISTS ux_review_conflicts_speaker;
CREATE UNIQUE INDEX ux_review_conflicts_speaker ON review_conflicts(user_id, speaker_id, event_id) WHERE speaker_id IS NOT NULL;

-- slot offers gain the reason 'withdrawn' (SQLite changes a CHECK only by rebuilding the table; nothing refers to it).
CREATE TABLE review_slot_offers_new (
    id                     INTEGER PRIMARY KEY,
    event_id               INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    vacated_proposal_id    INTEGER NOT NULL UNIQUE REFERENCES proposals(id) ON DELETE CASCADE,
    candidate_proposal_id  INTEGER REFERENCES proposals(id) ON DELETE SET NULL,
    reason                 TEXT NOT NULL CHECK (reason IN ('declined', 'expired', 'withdrawn')),
    created_at             TEXT NOT NULL,
    resolution             TEXT CHECK (resolution IN ('confirmed', 'dismissed')),
    resolved_by            INTEGER REFERENCES users(id) ON DELETE SET NULL,
    resolved_at            TEXT
);
INSERT INTO review_slot_offers_new (id, event_id, vacated_proposal_id, candidate_proposal_id, reason, created_at, resolution, resolved_by, resolved_at)
    SELECT id, event_id, vacated_proposal_id, candidate_proposal_id, reason, created_at, resolution, resolved_by, resolved_at FROM review_slot_offers;
DROP TABLE review_slot_offers;
ALTER TABLE review_slot_offers_new RENAME TO review_slot_offers;
CREATE INDEX ix_review_slot_offers_event ON review_slot_offers(event_id);
