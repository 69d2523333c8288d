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
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO public_data_version (id, version) VALUES (1, 0);

CREATE TRIGGER trg_pdv_events_insert AFTER INSERT ON events BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_events_update AFTER UPDATE ON events BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_events_delete AFTER DELETE ON events BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_event_days_insert AFTER INSERT ON event_days BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_event_days_update AFTER UPDATE ON event_days BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_event_days_delete AFTER DELETE ON event_days BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_rooms_insert AFTER INSERT ON rooms BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_rooms_update AFTER UPDATE ON rooms BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_rooms_delete AFTER DELETE ON rooms BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_tracks_insert AFTER INSERT ON tracks BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_tracks_update AFTER UPDATE ON tracks BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_tracks_delete AFTER DELETE ON tracks BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_cfp_settings_insert AFTER INSERT ON cfp_settings BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_cfp_settings_update AFTER UPDATE ON cfp_settings BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_cfp_settings_delete AFTER DELETE ON cfp_settings BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_session_types_insert AFTER INSERT ON session_types BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_session_types_update AFTER UPDATE ON session_types BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_session_types_delete AFTER DELETE ON session_types BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_cfp_questions_insert AFTER INSERT ON cfp_questions BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_cfp_questions_update AFTER UPDATE ON cfp_questions BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_cfp_questions_delete AFTER DELETE ON cfp_questions BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_schedule_releases_insert AFTER INSERT ON schedule_releases BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_schedule_releases_update AFTER UPDATE ON schedule_releases BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_schedule_releases_delete AFTER DELETE ON schedule_releases BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_site_settings_insert AFTER INSERT ON site_settings BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_site_settings_update AFTER UPDATE ON site_settings BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_site_settings_delete AFTER DELETE ON site_settings BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
