-- Tickets: types with quotas, orders, tickets with rotating secrets, waiting list, check-in,
-- audited transfers (direct and through the community board) and complimentary speaker tickets.

CREATE TABLE ticket_types (
    id                      INTEGER PRIMARY KEY,
    event_id                INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name                    TEXT NOT NULL,
    description             TEXT NOT NULL DEFAULT '',
    price_cents             INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    currency                TEXT NOT NULL DEFAULT 'EUR',
    quota                   INTEGER NOT NULL CHECK (quota >= 0),
    -- Places in use: pending and valid tickets that count against the quota, plus open waiting-list
    -- offers. Moved only inside the write transaction; the CHECK is the last line of defence.
    taken                   INTEGER NOT NULL DEFAULT 0,
    sale_starts_at          TEXT,
    sale_ends_at            TEXT,
    per_order_limit         INTEGER NOT NULL DEFAULT 1 CHECK (per_order_limit BETWEEN 1 AND 10),
    requires_approval       INTEGER NOT NULL DEFAULT 0,
    transferability         TEXT NOT NULL DEFAULT 'transferable'
                            CHECK (transferability IN ('transferable', 'approval', 'none')),
    transfer_deadline_days  INTEGER CHECK (transfer_deadline_days >= 0),
    cancel_deadline_days    INTEGER CHECK (cancel_deadline_days >= 0),
    is_speaker_type         INTEGER NOT NULL DEFAULT 0,
    sort_order              INTEGER NOT NULL DEFAULT 0,
    created_at              TEXT NOT NULL,
    UNIQUE (event_id, name),
    CHECK (taken >= 0 AND taken <= quota)
);
CREATE UNIQUE INDEX ux_ticket_types_speaker ON ticket_types(event_id) WHERE is_speaker_type = 1;

CREATE TABLE ticket_orders (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ticket_type_id  INTEGER NOT NULL REFERENCES ticket_types(id) ON DELETE CASCADE,
    buyer_user_id   INTEGER NOT NULL REFERENCES users(id),
    quantity        INTEGER NOT NULL CHECK (quantity >= 1),
    price_cents     INTEGER NOT NULL,
    currency        TEXT NOT NULL,
    approval        TEXT NOT NULL CHECK (approval IN ('none', 'pending', 'approved', 'refused')),
    payment         TEXT NOT NULL CHECK (payment IN ('free', 'unpaid', 'paid')),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled')),
    decided_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    decided_at      TEXT,
    paid_marked_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    paid_at         TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX ix_ticket_orders_event ON ticket_orders(event_id, status);

-- One holder per ticket is structural: holder_user_id is a single NOT NULL column.
-- The secret is kept as issued (with a UNIQUE index) because the holder must be able to reopen
-- their ticket page and QR code from "My tickets"; retired secrets are kept only as hashes.
CREATE TABLE tickets (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ticket_type_id   INTEGER NOT NULL REFERENCES ticket_types(id) ON DELETE CASCADE,
    order_id         INTEGER REFERENCES ticket_orders(id) ON DELETE CASCADE,
    holder_user_id   INTEGER NOT NULL REFERENCES users(id),
    secret           TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'valid', 'cancelled', 'revoked')),
    uses_quota       INTEGER NOT NULL DEFAULT 1,
    speaker_user_id  INTEGER REFERENCES users(id),
    badge_name       TEXT NOT NULL,
    tshirt_size      TEXT NOT NULL DEFAULT '',
    dietary          TEXT NOT NULL DEFAULT '',
    checked_in_at    TEXT,
    checked_in_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ix_tickets_holder ON tickets(holder_user_id);
CREATE INDEX ix_tickets_event_type ON tickets(event_id, ticket_type_id, status);
CREATE UNIQUE INDEX ux_tickets_speaker ON tickets(event_id, speaker_user_id)
    WHERE speaker_user_id IS NOT NULL AND status = 'valid';

-- Which accepted proposals earned a speaker ticket: the ticket goes when the last grant goes.
CREATE TABLE speaker_ticket_grants (
    ticket_id    INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    proposal_id  INTEGER NOT NULL,
    granted_at   TEXT NOT NULL,
    PRIMARY KEY (ticket_id, proposal_id)
);

CREATE TABLE retired_ticket_secrets (
    secret_hash  TEXT PRIMARY KEY,
    ticket_id    INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    retired_at   TEXT NOT NULL
);

CREATE TABLE waiting_list (
    id                INTEGER PRIMARY KEY,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ticket_type_id    INTEGER NOT NULL REFERENCES ticket_types(id) ON DELETE CASCADE,
    user_id           INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status            TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'claimed', 'expired', 'left')),
    created_at        TEXT NOT NULL,
    offered_at        TEXT,
    offer_expires_at  TEXT,
    closed_at         TEXT
);
CREATE UNIQUE INDEX ux_waiting_list_live ON waiting_list(ticket_type_id, user_id) WHERE status IN ('waiting', 'offered');
CREATE INDEX ix_waiting_list_queue ON waiting_list(ticket_type_id, status, id);

CREATE TABLE event_checkin_staff (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    granted_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    granted_at  TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id)
);

CREATE TABLE ticket_checkins (
    id             INTEGER PRIMARY KEY,
    ticket_id      INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    event_id       INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    checked_in_at  TEXT NOT NULL,
    checked_in_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    undone_at      TEXT,
    undone_by      INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX ix_ticket_checkins_event ON ticket_checkins(event_id, id);

CREATE TABLE ticket_transfers (
    id                 INTEGER PRIMARY KEY,
    event_id           INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ticket_id          INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    from_user_id       INTEGER NOT NULL REFERENCES users(id),
    kind               TEXT NOT NULL CHECK (kind IN ('direct', 'community')),
    status             TEXT NOT NULL CHECK (status IN ('open', 'chosen', 'awaiting_approval', 'completed', 'cancelled', 'expired', 'declined', 'refused')),
    token              TEXT UNIQUE,
    recipient_email    TEXT,
    recipient_name     TEXT,
    recipient_user_id  INTEGER REFERENCES users(id),
    note               TEXT NOT NULL DEFAULT '',
    auto_first         INTEGER NOT NULL DEFAULT 0,
    badge_name         TEXT,
    tshirt_size        TEXT,
    dietary            TEXT,
    expires_at         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    closed_at          TEXT
);
-- At most one live transfer per ticket.
CREATE UNIQUE INDEX ux_ticket_transfers_live ON ticket_transfers(ticket_id) WHERE status IN ('open', 'chosen', 'awaiting_approval');
CREATE INDEX ix_ticket_transfers_event ON ticket_transfers(event_id, status);

CREATE TABLE ticket_transfer_requests (
    id                 INTEGER PRIMARY KEY,
    transfer_id        INTEGER NOT NULL REFERENCES ticket_transfers(id) ON DELETE CASCADE,
    requester_user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message            TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL CHECK (status IN ('pending', 'chosen', 'gone', 'withdrawn')),
    created_at         TEXT NOT NULL,
    UNIQUE (transfer_id, requester_user_id)
);

-- Every change of holder: who did it, from whom, to whom, when, why and who approved it.
CREATE TABLE ticket_holder_changes (
    id                INTEGER PRIMARY KEY,
    ticket_id         INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    transfer_id       INTEGER REFERENCES ticket_transfers(id) ON DELETE SET NULL,
    from_user_id      INTEGER NOT NULL REFERENCES users(id),
    to_user_id        INTEGER NOT NULL REFERENCES users(id),
    actor_user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    approved_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reason            TEXT NOT NULL,
    changed_at        TEXT NOT NULL
);
CREATE INDEX ix_ticket_holder_changes_event ON ticket_holder_changes(event_id, id);
