-- PostgreSQL twin of db/migrations/0007_outbox_addresses.sql: the same tables, columns, keys and indexes in PostgreSQL's words
-- (ids are identities, integers bigint, flags boolean, full-text search and triggers as PostgreSQL spells them).
-- Notifications to an address that has no account (yet): a co-speaker invitation, a ticket offered
-- to a friend. user_id becomes optional; such a row is in nobody's inbox (in_inbox = FALSE) and is
-- always transactional (no unsubscribe token: there is no account to record the choice against).
--
-- SQLite rebuilds the table for this; PostgreSQL drops NOT NULL and adds the CHECK in place (the same columns,
-- indexes and rows result).

ALTER TABLE notifications ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE notifications ADD CONSTRAINT notifications_check CHECK (user_id IS NOT NULL OR (in_inbox = FALSE AND unsubscribe_token IS NULL));
