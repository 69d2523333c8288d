-- Suggested schedules (issue 16): a solver run on one event's draft, its progress while it runs, and the proposal it
-- ends in. The proposal is kept as JSON (placements, what stays unplaced and why, the score card) because it is read
-- and shown whole and never queried by its parts; applying it writes schedule_sessions through Schedule's own writes.
-- draft_stamp fingerprints the draft the solver read (every session's version, the community blocks): applying a
-- proposal whose draft has changed since is refused.
CREATE TABLE schedule_suggestions (
    id                  INTEGER PRIMARY KEY,
    event_id            INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    requested_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    mode                TEXT NOT NULL CHECK (mode IN ('gaps', 'replan')),
    move_released       INTEGER NOT NULL DEFAULT 0 CHECK (move_released IN (0, 1)),
    time_limit_seconds  INTEGER NOT NULL CHECK (time_limit_seconds BETWEEN 1 AND 600),
    state               TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'cancelled', 'failed', 'applied', 'discarded')),
    cancel_requested    INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
    solver_status       TEXT,
    best_objective      REAL,
    best_bound          REAL,
    elapsed_ms          INTEGER NOT NULL DEFAULT 0,
    solutions           INTEGER NOT NULL DEFAULT 0,
    draft_stamp         TEXT,
    result              TEXT,
    error               TEXT,
    created_at          TEXT NOT NULL,
    started_at          TEXT,
    finished_at         TEXT,
    applied_at          TEXT,
    applied_by          INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX ix_schedule_suggestions_event ON schedule_suggestions(event_id, id);
