-- Foundation: accounts, API tokens, site settings, events with days, rooms and tracks, per-event roles.
-- Times are UTC ISO-8601 text; event days are local dates in the event's IANA zone.

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    email                TEXT NOT NULL,
    normalized_email     TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT,
    security_stamp       TEXT NOT NULL,
    concurrency_stamp    TEXT NOT NULL,
    email_confirmed      INTEGER NOT NULL DEFAULT 0,
    lockout_enabled      INTEGER NOT NULL DEFAULT 1,
    lockout_end          TEXT,
    access_failed_count  INTEGER NOT NULL DEFAULT 0,
    is_admin             INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    prefix        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT,
    revoked_at    TEXT
);
CREATE INDEX ix_api_tokens_user ON api_tokens(user_id);

CREATE TABLE site_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    venue            TEXT NOT NULL DEFAULT '',
    time_zone        TEXT NOT NULL,
    starts_on        TEXT NOT NULL,
    ends_on          TEXT NOT NULL,
    is_public        INTEGER NOT NULL DEFAULT 1,
    parent_event_id  INTEGER REFERENCES events(id) ON DELETE SET NULL,
    created_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);

CREATE TABLE event_days (
    id        INTEGER PRIMARY KEY,
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    date      TEXT NOT NULL,
    opens_at  TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    UNIQUE (event_id, date),
    CHECK (closes_at > opens_at)
);

CREATE TABLE rooms (
    id                   INTEGER PRIMARY KEY,
    event_id             INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name                 TEXT NOT NULL,
    capacity             INTEGER NOT NULL CHECK (capacity >= 0),
    accessibility_notes  TEXT NOT NULL DEFAULT '',
    sort_order           INTEGER NOT NULL DEFAULT 0,
    UNIQUE (event_id, name)
);

CREATE TABLE tracks (
    id        INTEGER PRIMARY KEY,
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    colour    TEXT NOT NULL DEFAULT '#3366cc',
    UNIQUE (event_id, name)
);

-- Granted roles only; speaker and attendee are derived from proposals and tickets.
CREATE TABLE event_roles (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('organiser', 'reviewer')),
    granted_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    granted_at  TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id, role)
);
CREATE INDEX ix_event_roles_user ON event_roles(user_id);
