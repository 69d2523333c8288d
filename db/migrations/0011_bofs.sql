-- BoFs (birds of a feather): attendees propose a session, others mark interest, and once enough people are
-- interested the proposer books one of the free BoF slots that organisers set up in the BoF rooms.
-- A booked BoF is a schedule_sessions row with source 'bof' (see 0008), published at once.
-- Slot times are local times of day in the event's zone; starts_at/ends_at are the same as UTC instants,
-- kept so "has it started?" and overlap checks need no zone arithmetic in SQL.

CREATE TABLE bof_settings (
    event_id            INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    interest_threshold  INTEGER NOT NULL DEFAULT 5 CHECK (interest_threshold BETWEEN 0 AND 1000)
);

-- Which of the event's rooms BoFs may use.
CREATE TABLE bof_rooms (
    room_id   INTEGER PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE
);
CREATE INDEX ix_bof_rooms_event ON bof_rooms(event_id);

-- A bookable time in a BoF room (an evening, a lunch break).
CREATE TABLE bof_slots (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    room_id    INTEGER NOT NULL REFERENCES bof_rooms(room_id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    starts     TEXT NOT NULL,
    ends       TEXT NOT NULL,
    starts_at  TEXT NOT NULL,
    ends_at    TEXT NOT NULL,
    CHECK (ends > starts)
);
CREATE INDEX ix_bof_slots_event ON bof_slots(event_id, starts_at);

-- A BoF is booked when it holds a slot: slot_id is UNIQUE, so two bookings of one slot cannot both be stored
-- whatever the requests did before. Deleting a room (and so its slots) unbooks rather than blocks the delete.
-- session_id is the schedule row made at the first booking and reused on moves and re-bookings (its id and
-- guid stay stable in exports and agendas). version counts booking changes, for notification dedupe keys.
CREATE TABLE bofs (
    id                INTEGER PRIMARY KEY,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    proposer_user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    is_cancelled      INTEGER NOT NULL DEFAULT 0,
    slot_id           INTEGER UNIQUE REFERENCES bof_slots(id) ON DELETE SET NULL,
    session_id        INTEGER REFERENCES schedule_sessions(id) ON DELETE SET NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX ix_bofs_event ON bofs(event_id);

CREATE TABLE bof_interest (
    bof_id      INTEGER NOT NULL REFERENCES bofs(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (bof_id, user_id)
);
CREATE INDEX ix_bof_interest_user ON bof_interest(user_id);
