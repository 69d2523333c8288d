-- Call for papers: settings, session types, questions, access codes, speaker profiles, proposals with
-- their speakers, co-speaker invitations, track preferences, answers, tags, versions and full-text search.
-- Instants are UTC ISO-8601 text; they are entered and shown in the event's IANA zone.

CREATE TABLE cfp_settings (
    event_id    INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    opens_at    TEXT,
    closes_at   TEXT,
    intro       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    CHECK (opens_at IS NULL OR closes_at IS NULL OR closes_at > opens_at)
);

CREATE TABLE session_types (
    id                INTEGER PRIMARY KEY,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    durations         TEXT NOT NULL,             -- allowed minutes, comma separated: "25,40"
    closes_at         TEXT,                      -- overrides the CfP's closing time for this type
    accepts_late      INTEGER NOT NULL DEFAULT 0,
    is_hidden         INTEGER NOT NULL DEFAULT 0, -- offered only with an access code (invited speakers)
    is_enabled        INTEGER NOT NULL DEFAULT 1,
    max_speakers      INTEGER NOT NULL DEFAULT 2 CHECK (max_speakers BETWEEN 1 AND 20),
    sort_order        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (event_id, name)
);

-- Typed by people, so kept as given and compared case-insensitively through normalized_code.
CREATE TABLE access_codes (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    code             TEXT NOT NULL,
    normalized_code  TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    session_type_id  INTEGER REFERENCES session_types(id) ON DELETE CASCADE, -- NULL: every type
    expires_at       TEXT,
    max_uses         INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    uses             INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    UNIQUE (event_id, normalized_code),
    CHECK (max_uses IS NULL OR uses <= max_uses)
);

CREATE TABLE cfp_questions (
    id                INTEGER PRIMARY KEY,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    target            TEXT NOT NULL CHECK (target IN ('proposal', 'speaker')),
    kind              TEXT NOT NULL CHECK (kind IN ('short_text', 'long_text', 'number', 'url', 'yes_no', 'single_choice', 'multiple_choice')),
    prompt            TEXT NOT NULL,
    help              TEXT NOT NULL DEFAULT '',
    options           TEXT NOT NULL DEFAULT '[]', -- JSON array of choices
    is_required       INTEGER NOT NULL DEFAULT 0,
    track_ids         TEXT NOT NULL DEFAULT '[]', -- JSON array; empty: every track
    session_type_ids  TEXT NOT NULL DEFAULT '[]', -- JSON array; empty: every type
    sort_order        INTEGER NOT NULL DEFAULT 0,
    is_active         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_cfp_questions_event ON cfp_questions(event_id);

CREATE TABLE speaker_profiles (
    user_id             INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    full_name           TEXT NOT NULL,
    bio                 TEXT NOT NULL DEFAULT '',
    affiliation         TEXT NOT NULL DEFAULT '',
    links               TEXT NOT NULL DEFAULT '[]', -- JSON array of URLs
    photo_file          TEXT,
    photo_content_type  TEXT,
    updated_at          TEXT NOT NULL
);

CREATE TABLE proposals (
    id                INTEGER PRIMARY KEY,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    session_type_id   INTEGER NOT NULL REFERENCES session_types(id),
    title             TEXT NOT NULL,
    abstract          TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    duration_minutes  INTEGER,
    audience_level    TEXT NOT NULL DEFAULT 'all' CHECK (audience_level IN ('all', 'beginner', 'intermediate', 'advanced')),
    language          TEXT NOT NULL DEFAULT 'English',
    notes             TEXT NOT NULL DEFAULT '',   -- for organisers, never public
    availability      TEXT NOT NULL DEFAULT '[]', -- JSON [{date, from, to}] in the event's zone
    state             TEXT NOT NULL DEFAULT 'draft' CHECK (state IN
                      ('draft', 'submitted', 'in_review', 'shortlisted', 'accepted', 'waitlisted', 'rejected', 'confirmed', 'withdrawn')),
    -- What the speakers see: organisers (the review feature) release decisions by copying state here.
    released_state    TEXT NOT NULL DEFAULT 'draft' CHECK (released_state IN
                      ('draft', 'submitted', 'in_review', 'shortlisted', 'accepted', 'waitlisted', 'rejected', 'confirmed', 'withdrawn')),
    access_code_id    INTEGER REFERENCES access_codes(id) ON DELETE SET NULL,
    submitted_late    INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    copied_from_id    INTEGER REFERENCES proposals(id) ON DELETE SET NULL,
    created_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    submitted_at      TEXT,
    withdrawn_at      TEXT
);
CREATE INDEX ix_proposals_event_state ON proposals(event_id, state);
CREATE INDEX ix_proposals_type ON proposals(session_type_id);

CREATE TABLE proposal_speakers (
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    is_owner     INTEGER NOT NULL DEFAULT 0,
    joined_at    TEXT NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX ix_proposal_speakers_user ON proposal_speakers(user_id);

-- The link carries a long random token; only its SHA-256 is kept. One answer per invitation.
CREATE TABLE cospeaker_invitations (
    id                INTEGER PRIMARY KEY,
    proposal_id       INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    email             TEXT NOT NULL,
    normalized_email  TEXT NOT NULL,
    token_hash        TEXT NOT NULL UNIQUE,
    invited_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    response          TEXT CHECK (response IN ('accepted', 'declined', 'cancelled')),
    responded_at      TEXT,
    responded_by      INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX ix_cospeaker_invitations_proposal ON cospeaker_invitations(proposal_id);

CREATE TABLE proposal_tracks (
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    track_id     INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    preference   INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, track_id)
);
CREATE INDEX ix_proposal_tracks_track ON proposal_tracks(track_id);

CREATE TABLE proposal_answers (
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    question_id  INTEGER NOT NULL REFERENCES cfp_questions(id) ON DELETE CASCADE,
    value        TEXT NOT NULL,
    PRIMARY KEY (proposal_id, question_id)
);

-- Speaker questions are answered once per speaker and event, whatever the number of proposals.
CREATE TABLE speaker_answers (
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    question_id  INTEGER NOT NULL REFERENCES cfp_questions(id) ON DELETE CASCADE,
    value        TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id, question_id)
);

CREATE TABLE proposal_tags (
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    PRIMARY KEY (proposal_id, tag)
);
CREATE INDEX ix_proposal_tags_tag ON proposal_tags(tag);

-- Every write to a proposal keeps a snapshot, so organisers can see what changed and who changed it.
CREATE TABLE proposal_versions (
    id                INTEGER PRIMARY KEY,
    proposal_id       INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    version           INTEGER NOT NULL,
    change            TEXT NOT NULL CHECK (change IN ('created', 'edited', 'submitted', 'withdrawn', 'organiser_edit', 'copied')),
    state             TEXT NOT NULL,
    title             TEXT NOT NULL,
    abstract          TEXT NOT NULL,
    description       TEXT NOT NULL,
    session_type_id   INTEGER,
    duration_minutes  INTEGER,
    audience_level    TEXT NOT NULL,
    language          TEXT NOT NULL,
    notes             TEXT NOT NULL,
    track_ids         TEXT NOT NULL DEFAULT '[]',
    edited_by         INTEGER REFERENCES users(id) ON DELETE SET NULL,
    edited_at         TEXT NOT NULL,
    UNIQUE (proposal_id, version)
);

-- Full-text search over the proposal's words, kept in step with proposals by triggers.
CREATE VIRTUAL TABLE proposals_fts USING fts5(
    title, abstract, description,
    content = 'proposals', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN
    INSERT INTO proposals_fts (rowid, title, abstract, description) VALUES (new.id, new.title, new.abstract, new.description);
END;

CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, title, abstract, description) VALUES ('delete', old.id, old.title, old.abstract, old.description);
END;

CREATE TRIGGER proposals_fts_update AFTER UPDATE OF title, abstract, description ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, title, abstract, description) VALUES ('delete', old.id, old.title, old.abstract, old.description);
    INSERT INTO proposals_fts (rowid, title, abstract, description) VALUES (new.id, new.title, new.abstract, new.description);
END;
