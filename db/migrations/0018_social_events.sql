-- Social events around a conference (speakers' dinner, volunteers' lunch, pub night): organisers invite people by
-- mail with a personal RSVP link; invitees answer yes (with guests where allowed) or no, with dietary and
-- accessibility needs that only organisers see. Times are UTC instants (shown in the event's zone).

CREATE TABLE social_events (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    -- People, guests included.
    capacity     INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    -- Guests each invitee may bring (0: none).
    max_guests   INTEGER NOT NULL DEFAULT 0 CHECK (max_guests BETWEEN 0 AND 10),
    -- Open: anyone signed in who can see the event may ask for a place; otherwise by invitation only.
    is_open      INTEGER NOT NULL DEFAULT 0,
    -- Public: listed on the event's public pages; otherwise only invitees and organisers see it.
    is_public    INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX ix_social_events_event ON social_events(event_id, starts_at);
CREATE INDEX ix_social_events_starts ON social_events(starts_at);

-- One row per invitee and social event, found by its unguessable token (the RSVP link works without login).
-- state: invited (no reply yet), attending, waiting (full when they said yes; wait_seq is their place in line),
-- declined. guests count only for attending and waiting rows.
CREATE TABLE social_invitations (
    id                INTEGER PRIMARY KEY,
    social_event_id   INTEGER NOT NULL REFERENCES social_events(id) ON DELETE CASCADE,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    token             TEXT NOT NULL UNIQUE,
    email             TEXT NOT NULL,
    normalized_email  TEXT NOT NULL,
    name              TEXT NOT NULL DEFAULT '',
    user_id           INTEGER REFERENCES users(id) ON DELETE SET NULL,
    state             TEXT NOT NULL DEFAULT 'invited' CHECK (state IN ('invited', 'attending', 'waiting', 'declined')),
    guests            INTEGER NOT NULL DEFAULT 0 CHECK (guests BETWEEN 0 AND 10),
    dietary           TEXT NOT NULL DEFAULT '',
    accessibility     TEXT NOT NULL DEFAULT '',
    wait_seq          INTEGER,
    responded_at      TEXT,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    UNIQUE (social_event_id, normalized_email),
    CHECK ((state = 'waiting') = (wait_seq IS NOT NULL))
);
CREATE INDEX ix_social_invitations_state ON social_invitations(social_event_id, state, wait_seq);
CREATE INDEX ix_social_invitations_user ON social_invitations(user_id);

-- Public social events are listed on the event page, which is cached per public_data_version (0015): organisers'
-- changes to social events bump it in the same transaction. Replies (social_invitations) show on no public page.
CREATE TRIGGER trg_pdv_social_events_insert AFTER INSERT ON social_events BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_social_events_update AFTER UPDATE ON social_events BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER trg_pdv_social_events_delete AFTER DELETE ON social_events BEGIN UPDATE public_data_version SET version = version + 1 WHERE id = 1; END;
