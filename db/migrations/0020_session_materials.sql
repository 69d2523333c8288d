-- Materials (issue 17): what speakers (and organisers for them) attach to a session after, or before, the talk —
-- slides as an uploaded file or a link, a recording link, further links (code, paper) — and an event's photo
-- gallery links. Written by Features/Materials only.
--
-- A material is either a link (url) or an uploaded file (file_name: a random 128-bit name under the uploads folder,
-- never anything the uploader sent); content_type is what the file's bytes were found to be, not what was claimed.
CREATE TABLE session_materials (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    session_id     INTEGER NOT NULL REFERENCES schedule_sessions(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('slides', 'recording', 'code', 'paper', 'other')),
    title          TEXT NOT NULL,
    url            TEXT,
    file_name      TEXT UNIQUE,
    download_name  TEXT,
    content_type   TEXT,
    size_bytes     INTEGER,
    added_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    CHECK ((url IS NULL) <> (file_name IS NULL)),
    CHECK (file_name IS NULL OR (download_name IS NOT NULL AND content_type IS NOT NULL AND size_bytes > 0))
);
CREATE INDEX ix_session_materials_session ON session_materials(session_id, id);
CREATE INDEX ix_session_materials_event ON session_materials(event_id, created_at);

-- The daily digest: one row per attendee and material they were told about, so a rerun (or a retried job) never
-- tells anyone twice about the same file or link.
CREATE TABLE session_material_digests (
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    material_id  INTEGER NOT NULL REFERENCES session_materials(id) ON DELETE CASCADE,
    told_at      TEXT NOT NULL,
    PRIMARY KEY (user_id, material_id)
);

CREATE TABLE event_gallery_links (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    url         TEXT NOT NULL,
    sort_order  INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX ix_event_gallery_links_event ON event_gallery_links(event_id, sort_order);

-- Materials are not schedule changes: they show on the public pages and in the exports at once, without a release.
-- The cached public pages and the release cache (which merges materials into the exports) follow the public data
-- version, so bump it with every change here, in the same transaction (see 0015).
CREATE TRIGGER trg_pdv_session_materials_insert AFTER INSERT ON session_materials BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_session_materials_update AFTER UPDATE ON session_materials BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_session_materials_delete AFTER DELETE ON session_materials BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_event_gallery_links_insert AFTER INSERT ON event_gallery_links BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_event_gallery_links_update AFTER UPDATE ON event_gallery_links BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_event_gallery_links_delete AFTER DELETE ON event_gallery_links BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
