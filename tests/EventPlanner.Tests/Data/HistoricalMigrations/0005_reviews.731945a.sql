-- Review and shortlisting: criteria, phases, reviewer teams, assignments, conflicts of interest, reviews with
-- per-criterion scores, redacted copies for anonymous review, decisions with speaker confirmation, and the
-- offers that hand a declined slot to the waitlist. Proposal states themselves stay in proposals (state,
-- released_state), written through ProposalStore. Instants are UTC ISO-8601 text.

CREATE TABLE review_settings (
    event_id               INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    total_method           TEXT NOT NULL DEFAULT 'mean' CHECK (total_method IN ('mean', 'median')),
    reviewers_per_proposal INTEGER NOT NULL DEFAULT 3 CHECK (reviewers_per_proposal BETWEEN 1 AND 20),
    confirm_days           INTEGER NOT NULL DEFAULT 14 CHECK (confirm_days BETWEEN 1 AND 90),
    updated_at             TEXT NOT NULL
);

CREATE TABLE review_criteria (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    min_score    INTEGER NOT NULL,
    max_score    INTEGER NOT NULL,
    weight       REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    track_ids    TEXT NOT NULL DEFAULT '[]', -- JSON array; empty: every track
    sort_order   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (event_id, name),
    CHECK (max_score > min_score)
);

CREATE TABLE review_teams (
    id        INTEGER PRIMARY KEY,
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    UNIQUE (event_id, name)
);

-- Limits are rows, not JSON, because every reviewer query filters on them in SQL. No row: no limit.
CREATE TABLE review_team_tracks (
    team_id   INTEGER NOT NULL REFERENCES review_teams(id) ON DELETE CASCADE,
    track_id  INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, track_id)
);

CREATE TABLE review_team_types (
    team_id          INTEGER NOT NULL REFERENCES review_teams(id) ON DELETE CASCADE,
    session_type_id  INTEGER NOT NULL REFERENCES session_types(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, session_type_id)
);

CREATE TABLE review_team_members (
    team_id  INTEGER NOT NULL REFERENCES review_teams(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX ix_review_team_members_user ON review_team_members(user_id);

CREATE TABLE review_phases (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    opens_at         TEXT NOT NULL,
    closes_at        TEXT NOT NULL,
    reviewers        TEXT NOT NULL DEFAULT 'assigned' CHECK (reviewers IN ('assigned', 'all')),
    team_id          INTEGER REFERENCES review_teams(id) ON DELETE SET NULL, -- only its members score in this phase
    proposal_states  TEXT NOT NULL DEFAULT 'submitted' CHECK (proposal_states IN ('submitted', 'shortlisted')),
    other_scores     TEXT NOT NULL DEFAULT 'after_own' CHECK (other_scores IN ('always', 'after_own', 'never')),
    hide_speakers    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (event_id, name),
    CHECK (closes_at > opens_at)
);
CREATE INDEX ix_review_phases_event ON review_phases(event_id, opens_at);

CREATE TABLE review_assignments (
    proposal_id   INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    is_automatic  INTEGER NOT NULL DEFAULT 0,
    assigned_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    assigned_at   TEXT NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX ix_review_assignments_user ON review_assignments(user_id);

-- A conflict names one proposal, or one speaker (covering every proposal of theirs in the event).
CREATE TABLE review_conflicts (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    proposal_id  INTEGER REFERENCES proposals(id) ON DELETE CASCADE,
    speaker_id   INTEGER REFERENCES users(id) ON DELETE CASCADE,
    reason       TEXT NOT NULL DEFAULT '',
    declared_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    declared_at  TEXT NOT NULL,
    CHECK ((proposal_id IS NULL) <> (speaker_id IS NULL))
);
CREATE UNIQUE INDEX ux_review_conflicts_proposal ON review_conflicts(user_id, proposal_id) WHERE proposal_id IS NOT NULL;
CREATE UNIQUE INDEX ux_review_conflicts_speaker ON review_conflicts(event_id, user_id, speaker_id) WHERE speaker_id IS NOT NULL;
CREATE INDEX ix_review_conflicts_event_user ON review_conflicts(event_id, user_id);

CREATE TABLE reviews (
    id                INTEGER PRIMARY KEY,
    proposal_id       INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    user_id           INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    phase_id          INTEGER REFERENCES review_phases(id) ON DELETE SET NULL,
    abstained         INTEGER NOT NULL DEFAULT 0,
    comment           TEXT NOT NULL DEFAULT '',  -- for the committee
    note_to_speaker   TEXT NOT NULL DEFAULT '',
    proposal_version  INTEGER NOT NULL,          -- the version reviewed: older than the proposal's means stale
    told_version      INTEGER,                   -- the newer version the reviewer was told about
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (proposal_id, user_id)
);
CREATE INDEX ix_reviews_user ON reviews(user_id);

CREATE TABLE review_scores (
    review_id     INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    criterion_id  INTEGER NOT NULL REFERENCES review_criteria(id) ON DELETE CASCADE,
    score         INTEGER NOT NULL,
    PRIMARY KEY (review_id, criterion_id)
);

-- What reviewers read instead of the speaker's own words when a phase hides names.
CREATE TABLE review_redactions (
    proposal_id       INTEGER PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
    title             TEXT NOT NULL,
    abstract          TEXT NOT NULL,
    description       TEXT NOT NULL,
    proposal_version  INTEGER NOT NULL,
    redacted_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    redacted_at       TEXT NOT NULL
);

-- The bookkeeping of a proposal's decision; the state itself is proposals.state (released: released_state).
-- round grows when a decision follows a release, so the new decision queues a fresh mail (the dedupe key names it).
CREATE TABLE review_decisions (
    proposal_id         INTEGER PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
    event_id            INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    decided_by          INTEGER REFERENCES users(id) ON DELETE SET NULL,
    decided_at          TEXT NOT NULL,
    round               INTEGER NOT NULL DEFAULT 1,
    released_at         TEXT,
    confirm_by          TEXT,
    response            TEXT CHECK (response IN ('confirmed', 'declined', 'expired')),
    responded_at        TEXT
);
CREATE INDEX ix_review_decisions_event ON review_decisions(event_id);

-- The emailed confirm/decline link carries a long random token; only its SHA-256 is kept. A token is good
-- for the round its mail was written in (each speaker's mail may carry its own).
CREATE TABLE review_confirm_tokens (
    token_hash   TEXT PRIMARY KEY,
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    round        INTEGER NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX ix_review_confirm_tokens_proposal ON review_confirm_tokens(proposal_id);

-- A declined or lapsed slot, offered to the top waitlisted proposal of the same track and type.
CREATE TABLE review_slot_offers (
    id                     INTEGER PRIMARY KEY,
    event_id               INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    vacated_proposal_id    INTEGER NOT NULL UNIQUE REFERENCES proposals(id) ON DELETE CASCADE,
    candidate_proposal_id  INTEGER REFERENCES proposals(id) ON DELETE SET NULL,
    reason                 TEXT NOT NULL CHECK (reason IN ('declined', 'expired')),
    created_at             TEXT NOT NULL,
    resolution             TEXT CHECK (resolution IN ('confirmed', 'dismissed')),
    resolved_by            INTEGER REFERENCES users(id) ON DELETE SET NULL,
    resolved_at            TEXT
);
CREATE INDEX ix_review_slot_offers_event ON review_slot_offers(event_id);
