-- Community rooms: groups (Ubuntu, Fedora, FOSSChix, ...) that an organiser approves, their hosts, the room
-- blocks they request next to the main programme, and the sessions they put in an approved block.
-- Instants are UTC ISO-8601 text. The sessions themselves are schedule_sessions rows with source 'community'.

CREATE TABLE community_groups (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name            TEXT NOT NULL COLLATE NOCASE,
    description     TEXT NOT NULL DEFAULT '',
    contacts        TEXT NOT NULL DEFAULT '',
    logo_url        TEXT CHECK (logo_url IS NULL OR logo_url LIKE 'https://%'),  -- shown as an <img>: https only
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    decline_reason  TEXT,
    track_id        INTEGER REFERENCES tracks(id) ON DELETE SET NULL,            -- the group's own track, made on approval
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    decided_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    decided_at      TEXT,
    UNIQUE (event_id, name)
);

-- Whoever created the group is its first host; hosts add co-hosts.
CREATE TABLE community_hosts (
    group_id   INTEGER NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    added_at   TEXT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX ix_community_hosts_user ON community_hosts(user_id);

-- A room request, and once approved the reservation itself. room_id/starts_at/ends_at are where it is now
-- (the request, or where the organisers approved it); proposed_* hold an organiser's counter-proposal that
-- the group has not answered yet. Overlap is checked in the approving BEGIN IMMEDIATE transaction.
CREATE TABLE community_blocks (
    id                   INTEGER PRIMARY KEY,
    event_id             INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    group_id             INTEGER NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    requested_room_id    INTEGER REFERENCES rooms(id) ON DELETE SET NULL,
    room_id              INTEGER REFERENCES rooms(id) ON DELETE SET NULL,
    starts_at            TEXT NOT NULL,
    ends_at              TEXT NOT NULL,
    expected_attendance  INTEGER NOT NULL CHECK (expected_attendance > 0),
    purpose              TEXT NOT NULL,
    av_needs             TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL DEFAULT 'requested'
                         CHECK (status IN ('requested', 'proposed', 'approved', 'declined', 'withdrawn')),
    proposed_room_id     INTEGER REFERENCES rooms(id) ON DELETE SET NULL,
    proposed_starts_at   TEXT,
    proposed_ends_at     TEXT,
    organiser_note       TEXT NOT NULL DEFAULT '',
    decline_reason       TEXT,
    version              INTEGER NOT NULL DEFAULT 1,
    requested_by         INTEGER REFERENCES users(id) ON DELETE SET NULL,
    decided_by           INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX ix_community_blocks_event ON community_blocks(event_id, status, starts_at);
CREATE INDEX ix_community_blocks_group ON community_blocks(group_id);

-- A community session (a schedule_sessions row) belongs to one block; guest_speakers are free-text names
-- (JSON array) of speakers without an account, added to exports as persons by a snapshot contributor.
CREATE TABLE community_block_sessions (
    session_id      INTEGER PRIMARY KEY REFERENCES schedule_sessions(id) ON DELETE CASCADE,
    block_id        INTEGER NOT NULL REFERENCES community_blocks(id) ON DELETE CASCADE,
    guest_speakers  TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX ix_community_block_sessions_block ON community_block_sessions(block_id);
