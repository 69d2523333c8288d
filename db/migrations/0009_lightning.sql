-- Lightning talks: a lightning session is a schedule_sessions row (kind 'lightning', placed on the grid by
-- organisers like any session); this feature keeps its sign-up settings and its talks beside it.
-- Instants are UTC ISO-8601 text.

-- The slot count is not stored: it follows from the session's duration, slot length and changeover, so a session
-- lengthened on the grid gains slots at once. held_back slots open only on the session's day (event time zone).
CREATE TABLE lightning_sessions (
    session_id            INTEGER PRIMARY KEY REFERENCES schedule_sessions(id) ON DELETE CASCADE,
    event_id              INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    slot_minutes          INTEGER NOT NULL DEFAULT 5 CHECK (slot_minutes BETWEEN 1 AND 60),
    changeover_minutes    INTEGER NOT NULL DEFAULT 1 CHECK (changeover_minutes BETWEEN 0 AND 30),
    opens_at              TEXT NOT NULL,
    closes_at             TEXT NOT NULL,
    held_back             INTEGER NOT NULL DEFAULT 0 CHECK (held_back >= 0),
    first_timer_priority  INTEGER NOT NULL DEFAULT 0,
    confirm_minutes       INTEGER NOT NULL DEFAULT 60 CHECK (confirm_minutes BETWEEN 5 AND 10080),
    locked_at             TEXT,
    lineup_version        INTEGER NOT NULL DEFAULT 1,  -- bumped by every change the run sheet must show
    current_talk_id       INTEGER,                     -- the MC's "on now", with when it started
    current_started_at    TEXT,
    called_talk_id        INTEGER,                     -- the speaker last called to the stage
    called_at             TEXT,
    run_sheet_key         TEXT NOT NULL UNIQUE,        -- long random: the MC's link without an account
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK (closes_at > opens_at)
);
CREATE INDEX ix_lightning_sessions_event ON lightning_sessions(event_id);

-- One row per sign-up. seq is the order the server received them in (per session, assigned inside the
-- BEGIN IMMEDIATE transaction). pool says which slots a confirmed/offered talk holds: 'open' or 'held' (on the day).
-- position is the running order among confirmed and offered talks.
CREATE TABLE lightning_talks (
    id                INTEGER PRIMARY KEY,
    session_id        INTEGER NOT NULL REFERENCES lightning_sessions(session_id) ON DELETE CASCADE,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id           INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    slides_url        TEXT,
    slides_file       TEXT UNIQUE,
    status            TEXT NOT NULL CHECK (status IN ('confirmed', 'offered', 'waitlisted', 'withdrawn', 'lapsed', 'removed')),
    pool              TEXT CHECK (pool IN ('open', 'held')),
    on_the_day        INTEGER NOT NULL DEFAULT 0,
    first_timer       INTEGER NOT NULL DEFAULT 0,
    seq               INTEGER NOT NULL,
    position          INTEGER,
    offer_expires_at  TEXT,
    outcome           TEXT CHECK (outcome IN ('given', 'no-show')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK ((status IN ('confirmed', 'offered')) = (pool IS NOT NULL)),
    CHECK (status <> 'offered' OR offer_expires_at IS NOT NULL)
);
-- One talk per person per session; nobody twice in the queue.
CREATE UNIQUE INDEX ux_lightning_talks_person ON lightning_talks(session_id, user_id) WHERE status IN ('confirmed', 'offered', 'waitlisted');
CREATE UNIQUE INDEX ux_lightning_talks_seq ON lightning_talks(session_id, seq);
CREATE INDEX ix_lightning_talks_offers ON lightning_talks(status, offer_expires_at);
CREATE INDEX ix_lightning_talks_user ON lightning_talks(user_id);
