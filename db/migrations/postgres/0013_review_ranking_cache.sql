-- PostgreSQL twin of db/migrations/0013_review_ranking_cache.sql: the same tables, columns, keys and indexes in PostgreSQL's words
-- (ids are identities, integers bigint, flags boolean, full-text search and triggers as PostgreSQL spells them).
-- Review ranking cache and the reviewer queue's first-track look-up.
--
-- review_data_versions: one counter per event, bumped by the triggers below in the same transaction as any change
-- the committee's ranking is computed from (proposals, their speakers and tracks, speaker names, reviews and scores,
-- assignments, decisions, conflicts). RankingQuery keeps the computed ranking in memory keyed on it, so repeated
-- requests do not recompute. Rows are created lazily by the first ranking read of an event; until then the triggers'
-- UPDATEs find nothing, which is right: nothing is cached for that event yet.
CREATE TABLE review_data_versions (
    event_id  BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    version   BIGINT NOT NULL DEFAULT 0
);

-- "The proposal's first-choice track" (ORDER BY preference LIMIT 1) is asked per proposal by every reviewer query:
-- covering it avoids a sort per row.
CREATE INDEX ix_proposal_tracks_first ON proposal_tracks(proposal_id, preference, track_id);

CREATE FUNCTION trg_rdv_proposals_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = NEW.event_id; RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_proposals_insert AFTER INSERT ON proposals FOR EACH ROW EXECUTE FUNCTION trg_rdv_proposals_insert();
CREATE FUNCTION trg_rdv_proposals_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = NEW.event_id; RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_proposals_update AFTER UPDATE ON proposals FOR EACH ROW EXECUTE FUNCTION trg_rdv_proposals_update();
CREATE FUNCTION trg_rdv_proposals_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = OLD.event_id; RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_proposals_delete AFTER DELETE ON proposals FOR EACH ROW EXECUTE FUNCTION trg_rdv_proposals_delete();
CREATE FUNCTION trg_rdv_proposal_speakers_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = NEW.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_proposal_speakers_insert AFTER INSERT ON proposal_speakers FOR EACH ROW EXECUTE FUNCTION trg_rdv_proposal_speakers_insert();
CREATE FUNCTION trg_rdv_proposal_speakers_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = NEW.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_proposal_speakers_update AFTER UPDATE ON proposal_speakers FOR EACH ROW EXECUTE FUNCTION trg_rdv_proposal_speakers_update();
CREATE FUNCTION trg_rdv_proposal_speakers_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = OLD.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_proposal_speakers_delete AFTER DELETE ON proposal_speakers FOR EACH ROW EXECUTE FUNCTION trg_rdv_proposal_speakers_delete();
CREATE FUNCTION trg_rdv_proposal_tracks_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = NEW.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_proposal_tracks_insert AFTER INSERT ON proposal_tracks FOR EACH ROW EXECUTE FUNCTION trg_rdv_proposal_tracks_insert();
CREATE FUNCTION trg_rdv_proposal_tracks_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = NEW.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_proposal_tracks_update AFTER UPDATE ON proposal_tracks FOR EACH ROW EXECUTE FUNCTION trg_rdv_proposal_tracks_update();
CREATE FUNCTION trg_rdv_proposal_tracks_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = OLD.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_proposal_tracks_delete AFTER DELETE ON proposal_tracks FOR EACH ROW EXECUTE FUNCTION trg_rdv_proposal_tracks_delete();
CREATE FUNCTION trg_rdv_reviews_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = NEW.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_reviews_insert AFTER INSERT ON reviews FOR EACH ROW EXECUTE FUNCTION trg_rdv_reviews_insert();
CREATE FUNCTION trg_rdv_reviews_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = NEW.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_reviews_update AFTER UPDATE ON reviews FOR EACH ROW EXECUTE FUNCTION trg_rdv_reviews_update();
CREATE FUNCTION trg_rdv_reviews_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = OLD.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_reviews_delete AFTER DELETE ON reviews FOR EACH ROW EXECUTE FUNCTION trg_rdv_reviews_delete();
CREATE FUNCTION trg_rdv_review_assignments_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = NEW.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_assignments_insert AFTER INSERT ON review_assignments FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_assignments_insert();
CREATE FUNCTION trg_rdv_review_assignments_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = NEW.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_assignments_update AFTER UPDATE ON review_assignments FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_assignments_update();
CREATE FUNCTION trg_rdv_review_assignments_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT event_id FROM proposals WHERE id = OLD.proposal_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_assignments_delete AFTER DELETE ON review_assignments FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_assignments_delete();
CREATE FUNCTION trg_rdv_review_scores_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT p.event_id FROM reviews r JOIN proposals p ON p.id = r.proposal_id WHERE r.id = NEW.review_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_scores_insert AFTER INSERT ON review_scores FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_scores_insert();
CREATE FUNCTION trg_rdv_review_scores_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT p.event_id FROM reviews r JOIN proposals p ON p.id = r.proposal_id WHERE r.id = NEW.review_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_scores_update AFTER UPDATE ON review_scores FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_scores_update();
CREATE FUNCTION trg_rdv_review_scores_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = (SELECT p.event_id FROM reviews r JOIN proposals p ON p.id = r.proposal_id WHERE r.id = OLD.review_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_scores_delete AFTER DELETE ON review_scores FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_scores_delete();
CREATE FUNCTION trg_rdv_review_decisions_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = NEW.event_id; RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_decisions_insert AFTER INSERT ON review_decisions FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_decisions_insert();
CREATE FUNCTION trg_rdv_review_decisions_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = NEW.event_id; RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_decisions_update AFTER UPDATE ON review_decisions FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_decisions_update();
CREATE FUNCTION trg_rdv_review_decisions_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = OLD.event_id; RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_decisions_delete AFTER DELETE ON review_decisions FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_decisions_delete();
CREATE FUNCTION trg_rdv_review_conflicts_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = NEW.event_id; RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_conflicts_insert AFTER INSERT ON review_conflicts FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_conflicts_insert();
CREATE FUNCTION trg_rdv_review_conflicts_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = NEW.event_id; RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_conflicts_update AFTER UPDATE ON review_conflicts FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_conflicts_update();
CREATE FUNCTION trg_rdv_review_conflicts_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = OLD.event_id; RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_review_conflicts_delete AFTER DELETE ON review_conflicts FOR EACH ROW EXECUTE FUNCTION trg_rdv_review_conflicts_delete();
CREATE FUNCTION trg_rdv_users_name() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id IN (SELECT p.event_id FROM proposal_speakers s JOIN proposals p ON p.id = s.proposal_id WHERE s.user_id = NEW.id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_users_name AFTER UPDATE OF display_name ON users FOR EACH ROW EXECUTE FUNCTION trg_rdv_users_name();
CREATE FUNCTION trg_rdv_speaker_profiles_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id IN (SELECT p.event_id FROM proposal_speakers s JOIN proposals p ON p.id = s.proposal_id WHERE s.user_id = NEW.user_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_speaker_profiles_insert AFTER INSERT ON speaker_profiles FOR EACH ROW EXECUTE FUNCTION trg_rdv_speaker_profiles_insert();
CREATE FUNCTION trg_rdv_speaker_profiles_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id IN (SELECT p.event_id FROM proposal_speakers s JOIN proposals p ON p.id = s.proposal_id WHERE s.user_id = NEW.user_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_speaker_profiles_update AFTER UPDATE OF full_name ON speaker_profiles FOR EACH ROW EXECUTE FUNCTION trg_rdv_speaker_profiles_update();
CREATE FUNCTION trg_rdv_speaker_profiles_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id IN (SELECT p.event_id FROM proposal_speakers s JOIN proposals p ON p.id = s.proposal_id WHERE s.user_id = OLD.user_id); RETURN NULL; END $$;
CREATE TRIGGER trg_rdv_speaker_profiles_delete AFTER DELETE ON speaker_profiles FOR EACH ROW EXECUTE FUNCTION trg_rdv_speaker_profiles_delete();

-- A speaker withdrawing an accepted or confirmed talk through the call for papers frees its place like a decline:
-- slot offers gain the reason 'withdrawn' (PostgreSQL changes the CHECK in place).
ALTER TABLE review_slot_offers DROP CONSTRAINT review_slot_offers_reason_check;
ALTER TABLE review_slot_offers ADD CONSTRAINT review_slot_offers_reason_check CHECK (reason IN ('declined', 'expired', 'withdrawn'));
