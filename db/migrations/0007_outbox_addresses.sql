-- Notifications to an address that has no account (yet): a co-speaker invitation, a ticket offered
-- to a friend. user_id becomes optional; such a row is in nobody's inbox (in_inbox = 0) and is
-- always transactional (no unsubscribe token: there is no account to record the choice against).
--
-- SQLite cannot drop NOT NULL from a column in place, so the table is rebuilt following the
-- procedure in https://www.sqlite.org/lang_altertable.html#otheralter, inside the transaction the
-- migration runner opens (steps 2 and 11). Steps 1 and 12 (foreign keys off, then on) cannot be
-- done inside a transaction (PRAGMA foreign_keys is a no-op there) and are not needed: no table
-- references notifications, so dropping it cascades nowhere. With foreign keys on, the copy checks
-- every row's user_id and event_id as it goes, which is step 10's foreign_key_check. There are no
-- triggers or views on notifications (steps 3 and 9); its four indexes are recreated (step 8).
-- Columns keep their order, so SELECT * and the rows read the same as before.

CREATE TABLE notifications_new (
    id                 INTEGER PRIMARY KEY,
    dedupe_key         TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL,
    user_id            INTEGER REFERENCES users(id) ON DELETE CASCADE,
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
    read_at            TEXT,
    CHECK (user_id IS NOT NULL OR (in_inbox = 0 AND unsubscribe_token IS NULL))
);

INSERT INTO notifications_new (id, dedupe_key, kind, user_id, event_id, to_address, to_name, payload, subject, body, message_id,
                               unsubscribe_token, in_inbox, state, attempts, next_attempt_at, claimed_until, last_error,
                               created_at, updated_at, sent_at, read_at)
SELECT id, dedupe_key, kind, user_id, event_id, to_address, to_name, payload, subject, body, message_id,
       unsubscribe_token, in_inbox, state, attempts, next_attempt_at, claimed_until, last_error,
       created_at, updated_at, sent_at, read_at
FROM notifications;

DROP TABLE notifications;

ALTER TABLE notifications_new RENAME TO notifications;

CREATE INDEX ix_notifications_due ON notifications(next_attempt_at) WHERE state = 'pending';
CREATE INDEX ix_notifications_lease ON notifications(claimed_until) WHERE state = 'sending';
CREATE INDEX ix_notifications_inbox ON notifications(user_id, id) WHERE in_inbox = 1;
CREATE INDEX ix_notifications_event ON notifications(event_id, state);
