-- Notifications: the outbox (one row per promise to tell someone something), which is also the
-- in-app inbox; per-event template overrides; bulk messages; unsubscribes from optional kinds.

-- state: held (waits for an organiser to release it), pending (due at next_attempt_at),
-- sending (claimed by a delivery run until claimed_until), sent, failed (gave up; organisers may
-- retry), suppressed (recipient unsubscribed from this optional kind), discarded (held, then dropped).
CREATE TABLE notifications (
    id                 INTEGER PRIMARY KEY,
    dedupe_key         TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL,
    user_id            INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    event_id           INTEGER REFERENCES events(id) ON DELETE CASCADE,
    to_address         TEXT NOT NULL,
    to_name            TEXT NOT NULL,
    payload            TEXT NOT NULL,
    subject            TEXT NOT NULL,
    body               TEXT NOT NULL,
    message_id         TEXT NOT NULL UNIQUE,
    unsubscribe_token  TEXT UNIQUE,
    in_inbox           INTEGER NOT NULL DEFAULT 1,
    state              TEXT NOT NULL CHECK (state IN ('held', 'pending', 'sending', 'sent', 'failed', 'suppressed', 'discarded')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    TEXT NOT NULL,
    claimed_until      TEXT,
    last_error         TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    sent_at            TEXT,
    read_at            TEXT
);
CREATE INDEX ix_notifications_due ON notifications(next_attempt_at) WHERE state = 'pending';
CREATE INDEX ix_notifications_lease ON notifications(claimed_until) WHERE state = 'sending';
CREATE INDEX ix_notifications_inbox ON notifications(user_id, id) WHERE in_inbox = 1;
CREATE INDEX ix_notifications_event ON notifications(event_id, state);

-- An organiser's wording for one kind in one event; the built-in template applies otherwise.
CREATE TABLE notification_templates (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (event_id, kind)
);

-- A message an organiser wrote for a group; each recipient's copy is a notifications row.
CREATE TABLE bulk_messages (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    audience    TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);

-- No more email of this optional kind from this event (event_id NULL: from the whole site).
CREATE TABLE notification_unsubscribes (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    event_id    INTEGER REFERENCES events(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_notification_unsubscribes ON notification_unsubscribes(user_id, kind, IFNULL(event_id, 0));
