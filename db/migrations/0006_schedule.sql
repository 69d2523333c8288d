-- Schedule: sessions (from confirmed proposals, or made by organisers), their placement in a room at a
-- time, slots, per-room opening hours, numbered releases with their changelog and prebuilt exports,
-- attendees' starred sessions and their private calendar feeds.
-- Instants are UTC ISO-8601 text; slot and opening times are local times of day in the event's zone.

-- id and guid never change, so exports keep stable identifiers across releases. version is the
-- optimistic concurrency stamp: every write names the version it read and bumps it.
CREATE TABLE schedule_sessions (
    id                 INTEGER PRIMARY KEY,
    event_id           INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    guid               TEXT NOT NULL UNIQUE,
    proposal_id        INTEGER UNIQUE REFERENCES proposals(id) ON DELETE SET NULL, -- a proposal has at most one session
    kind               TEXT NOT NULL CHECK (kind IN ('talk', 'workshop', 'lightning', 'keynote', 'plenary', 'break', 'lunch', 'dinner', 'hallway', 'other')),
    title              TEXT NOT NULL,
    abstract           TEXT NOT NULL DEFAULT '',
    description        TEXT NOT NULL DEFAULT '',
    language           TEXT NOT NULL DEFAULT '',
    track_id           INTEGER REFERENCES tracks(id) ON DELETE SET NULL,
    duration_minutes   INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
    expected_audience  INTEGER NOT NULL DEFAULT 0 CHECK (expected_audience >= 0),
    room_id            INTEGER REFERENCES rooms(id) ON DELETE SET NULL,
    starts_at          TEXT,
    is_cancelled       INTEGER NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX ix_schedule_sessions_event ON schedule_sessions(event_id, starts_at);
CREATE INDEX ix_schedule_sessions_room ON schedule_sessions(room_id, starts_at);

CREATE TABLE schedule_session_speakers (
    session_id  INTEGER NOT NULL REFERENCES schedule_sessions(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX ix_schedule_session_speakers_user ON schedule_session_speakers(user_id);

-- The grid's slots: a room's (or, with room_id NULL, every room's) planned time blocks on one day.
CREATE TABLE schedule_slots (
    id        INTEGER PRIMARY KEY,
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    date      TEXT NOT NULL,
    room_id   INTEGER REFERENCES rooms(id) ON DELETE CASCADE,
    starts    TEXT NOT NULL,
    ends      TEXT NOT NULL,
    CHECK (ends > starts)
);
CREATE INDEX ix_schedule_slots_event ON schedule_slots(event_id, date);

-- A room open for less than the whole day (a side room from noon, say); otherwise the day's hours apply.
CREATE TABLE schedule_room_hours (
    room_id    INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    opens_at   TEXT NOT NULL,
    closes_at  TEXT NOT NULL,
    PRIMARY KEY (room_id, date),
    CHECK (closes_at > opens_at)
);

-- What the public sees: a numbered, frozen copy of the placed sessions, with the changes since the
-- release before. snapshot and changelog are JSON written once and never edited.
CREATE TABLE schedule_releases (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    number           INTEGER NOT NULL,
    snapshot         TEXT NOT NULL,
    changelog        TEXT NOT NULL,
    error_count      INTEGER NOT NULL DEFAULT 0,
    warning_count    INTEGER NOT NULL DEFAULT 0,
    override_reason  TEXT,
    notify           TEXT NOT NULL CHECK (notify IN ('immediate', 'held', 'none')),
    released_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    released_at      TEXT NOT NULL,
    UNIQUE (event_id, number),
    CHECK (error_count = 0 OR override_reason IS NOT NULL)
);

-- Exports built once when a release is made and served as stored bytes.
CREATE TABLE schedule_release_files (
    release_id    INTEGER NOT NULL REFERENCES schedule_releases(id) ON DELETE CASCADE,
    format        TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    content       BLOB NOT NULL,
    etag          TEXT NOT NULL,
    PRIMARY KEY (release_id, format)
);

CREATE TABLE schedule_stars (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    session_id  INTEGER NOT NULL REFERENCES schedule_sessions(id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, session_id)
);
CREATE INDEX ix_schedule_stars_session ON schedule_stars(session_id);

-- The private calendar address of someone's agenda: kept as issued (they copy it again into a new
-- calendar app), unique, long and random; revoking deletes it and a new one can be made.
CREATE TABLE schedule_agenda_feeds (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token       TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
