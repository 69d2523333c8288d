-- PostgreSQL twin of db/migrations/0015_public_data_version.sql: the same tables, columns, keys and indexes in PostgreSQL's words
-- (ids are identities, integers bigint, flags boolean, full-text search and triggers as PostgreSQL spells them).
-- Public page cache (issue 20): one counter for everything the cached public pages (home, event page, call for
-- papers, session, speaker and kiosk pages) are rendered from, bumped by the triggers below in the same transaction
-- as the write. PublicDataVersion reads it once per request and the page cache keys stored pages on it, so no writer
-- has to remember to invalidate anything and a page is never served from before a committed change.
--
-- One counter for the whole site rather than one per event: the home page lists every public event anyway, and the
-- tables below change when organisers edit an event or release a schedule, not on the busy paths of conference day
-- (tickets, check-in, stars, reviews, mail), which do not touch them. Session, speaker and kiosk pages show only a
-- released snapshot, so schedule_releases covers them (automatic releases by BoFs, community rooms and lightning
-- talks included).
CREATE TABLE public_data_version (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO public_data_version (id, version) VALUES (1, 0);

CREATE FUNCTION trg_pdv_events_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_events_insert AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION trg_pdv_events_insert();
CREATE FUNCTION trg_pdv_events_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_events_update AFTER UPDATE ON events FOR EACH ROW EXECUTE FUNCTION trg_pdv_events_update();
CREATE FUNCTION trg_pdv_events_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_events_delete AFTER DELETE ON events FOR EACH ROW EXECUTE FUNCTION trg_pdv_events_delete();
CREATE FUNCTION trg_pdv_event_days_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_event_days_insert AFTER INSERT ON event_days FOR EACH ROW EXECUTE FUNCTION trg_pdv_event_days_insert();
CREATE FUNCTION trg_pdv_event_days_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_event_days_update AFTER UPDATE ON event_days FOR EACH ROW EXECUTE FUNCTION trg_pdv_event_days_update();
CREATE FUNCTION trg_pdv_event_days_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_event_days_delete AFTER DELETE ON event_days FOR EACH ROW EXECUTE FUNCTION trg_pdv_event_days_delete();
CREATE FUNCTION trg_pdv_rooms_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_rooms_insert AFTER INSERT ON rooms FOR EACH ROW EXECUTE FUNCTION trg_pdv_rooms_insert();
CREATE FUNCTION trg_pdv_rooms_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_rooms_update AFTER UPDATE ON rooms FOR EACH ROW EXECUTE FUNCTION trg_pdv_rooms_update();
CREATE FUNCTION trg_pdv_rooms_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_rooms_delete AFTER DELETE ON rooms FOR EACH ROW EXECUTE FUNCTION trg_pdv_rooms_delete();
CREATE FUNCTION trg_pdv_tracks_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_tracks_insert AFTER INSERT ON tracks FOR EACH ROW EXECUTE FUNCTION trg_pdv_tracks_insert();
CREATE FUNCTION trg_pdv_tracks_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_tracks_update AFTER UPDATE ON tracks FOR EACH ROW EXECUTE FUNCTION trg_pdv_tracks_update();
CREATE FUNCTION trg_pdv_tracks_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_tracks_delete AFTER DELETE ON tracks FOR EACH ROW EXECUTE FUNCTION trg_pdv_tracks_delete();
CREATE FUNCTION trg_pdv_cfp_settings_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_cfp_settings_insert AFTER INSERT ON cfp_settings FOR EACH ROW EXECUTE FUNCTION trg_pdv_cfp_settings_insert();
CREATE FUNCTION trg_pdv_cfp_settings_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_cfp_settings_update AFTER UPDATE ON cfp_settings FOR EACH ROW EXECUTE FUNCTION trg_pdv_cfp_settings_update();
CREATE FUNCTION trg_pdv_cfp_settings_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_cfp_settings_delete AFTER DELETE ON cfp_settings FOR EACH ROW EXECUTE FUNCTION trg_pdv_cfp_settings_delete();
CREATE FUNCTION trg_pdv_session_types_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_session_types_insert AFTER INSERT ON session_types FOR EACH ROW EXECUTE FUNCTION trg_pdv_session_types_insert();
CREATE FUNCTION trg_pdv_session_types_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_session_types_update AFTER UPDATE ON session_types FOR EACH ROW EXECUTE FUNCTION trg_pdv_session_types_update();
CREATE FUNCTION trg_pdv_session_types_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_session_types_delete AFTER DELETE ON session_types FOR EACH ROW EXECUTE FUNCTION trg_pdv_session_types_delete();
CREATE FUNCTION trg_pdv_cfp_questions_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_cfp_questions_insert AFTER INSERT ON cfp_questions FOR EACH ROW EXECUTE FUNCTION trg_pdv_cfp_questions_insert();
CREATE FUNCTION trg_pdv_cfp_questions_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_cfp_questions_update AFTER UPDATE ON cfp_questions FOR EACH ROW EXECUTE FUNCTION trg_pdv_cfp_questions_update();
CREATE FUNCTION trg_pdv_cfp_questions_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_cfp_questions_delete AFTER DELETE ON cfp_questions FOR EACH ROW EXECUTE FUNCTION trg_pdv_cfp_questions_delete();
CREATE FUNCTION trg_pdv_schedule_releases_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_schedule_releases_insert AFTER INSERT ON schedule_releases FOR EACH ROW EXECUTE FUNCTION trg_pdv_schedule_releases_insert();
CREATE FUNCTION trg_pdv_schedule_releases_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_schedule_releases_update AFTER UPDATE ON schedule_releases FOR EACH ROW EXECUTE FUNCTION trg_pdv_schedule_releases_update();
CREATE FUNCTION trg_pdv_schedule_releases_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_schedule_releases_delete AFTER DELETE ON schedule_releases FOR EACH ROW EXECUTE FUNCTION trg_pdv_schedule_releases_delete();
CREATE FUNCTION trg_pdv_site_settings_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_site_settings_insert AFTER INSERT ON site_settings FOR EACH ROW EXECUTE FUNCTION trg_pdv_site_settings_insert();
CREATE FUNCTION trg_pdv_site_settings_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_site_settings_update AFTER UPDATE ON site_settings FOR EACH ROW EXECUTE FUNCTION trg_pdv_site_settings_update();
CREATE FUNCTION trg_pdv_site_settings_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER trg_pdv_site_settings_delete AFTER DELETE ON site_settings FOR EACH ROW EXECUTE FUNCTION trg_pdv_site_settings_delete();
