-- Webhooks (issue 21): organisers register endpoints per event; every change they subscribe to writes one delivery
-- row per endpoint in the change's own transaction (Infrastructure/Webhooks/WebhookOutbox), so a rolled-back change
-- sends nothing and a committed one is never lost. Features/Webhooks drains the rows with Hangfire.
CREATE TABLE webhook_endpoints (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    url          TEXT NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    -- The HMAC key, shown to the organiser once when created; it must be readable to sign, so it is not hashed.
    secret       TEXT NOT NULL CHECK (length(secret) BETWEEN 16 AND 200),
    -- Subscribed types, space-separated with a space at either end (' schedule.released ticket.issued '), so a
    -- subscription test is one instr() in the writing transaction.
    event_types  TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 200),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE INDEX ix_webhook_endpoints_event ON webhook_endpoints(event_id, active);

CREATE TABLE webhook_deliveries (
    id             INTEGER PRIMARY KEY,
    endpoint_id    INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    event_id       INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    event_type     TEXT NOT NULL,
    -- The random id that travels in the body and the X-EventPlanner-Delivery header; receivers de-duplicate on it.
    delivery_id    TEXT NOT NULL UNIQUE,
    payload        TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_until  TEXT,
    last_status    INTEGER,
    last_error     TEXT,
    created_at     TEXT NOT NULL,
    delivered_at   TEXT
);

-- The drain's claim reads due rows by state and time.
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, id);

CREATE TABLE webhook_attempts (
    id            INTEGER PRIMARY KEY,
    delivery_id   INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    attempt       INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    duration_ms   INTEGER NOT NULL,
    status        INTEGER,
    error         TEXT,
    response_excerpt TEXT
);

CREATE INDEX ix_webhook_attempts_delivery ON webhook_attempts(delivery_id, id);
