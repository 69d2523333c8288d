-- Personal data (issue 21): per-event retention of attendee data, and the downloads of "everything the app holds
-- about me" that were too large to answer at once. Erasure needs no table: it runs in the account deletion.

-- How long after an event's last day its attendee data (tickets, check-ins, agenda stars, mail log) is kept.
-- No row: the default (180 days). warned_at / anonymised_at make the daily job idempotent.
CREATE TABLE privacy_retention (
    event_id        INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    retention_days  INTEGER NOT NULL DEFAULT 180 CHECK (retention_days BETWEEN 0 AND 3650),
    warned_at       TEXT,
    anonymised_at   TEXT,
    updated_at      TEXT NOT NULL
);

-- Agenda stars are rows per person; once an event's retention expires, only their count per session remains
-- (written by Schedule, which adds it to the live count).
CREATE TABLE schedule_star_tallies (
    session_id  INTEGER PRIMARY KEY REFERENCES schedule_sessions(id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    stars       INTEGER NOT NULL CHECK (stars >= 0)
);

-- A data export built in the background: the file lives under db/exports/ with a random name; the link in the mail
-- carries a random token (only its hash is kept) and works for the signed-in owner until expires_at.
CREATE TABLE privacy_exports (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    file_name   TEXT,
    state       TEXT NOT NULL DEFAULT 'building' CHECK (state IN ('building', 'ready', 'failed')),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX ix_privacy_exports_user ON privacy_exports(user_id);
CREATE INDEX ix_privacy_exports_expires ON privacy_exports(expires_at);
