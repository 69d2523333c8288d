-- Which state of each event's call for papers (upcoming, open or closed, by its configured times) was last announced
-- to webhooks, so the minutely sweep and a settings save publish cfp.opened / cfp.closed once per transition however
-- often they run or the app restarts. A row changes only by a guarded write in the transaction that publishes.
CREATE TABLE cfp_webhook_states (
    event_id    INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    state       TEXT NOT NULL CHECK (state IN ('upcoming', 'open', 'closed')),
    changed_at  TEXT NOT NULL
);
