-- Session feedback (attendees rate sessions they could attend) and closing surveys (organisers ask ticket holders).

-- Per event: whether a valid ticket is enough to rate (an online event has no door to check in at), and when the
-- speakers' digests went out (once; the job that sends them looks for events whose feedback has closed without one).
CREATE TABLE feedback_settings (
    event_id        INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    is_remote       INTEGER NOT NULL DEFAULT 0,
    digest_sent_at  TEXT
);

-- One rating per person and session. user_id is kept so the rater can change their own rating; no page or API that a
-- speaker reads selects it (speakers see counts and comments only).
CREATE TABLE session_feedback (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    session_id  INTEGER NOT NULL REFERENCES schedule_sessions(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (session_id, user_id)
);
CREATE INDEX ix_session_feedback_event ON session_feedback(event_id, session_id);

-- A survey and its questions. linked (fixed once the survey opens, shown to invitees up front) is the only case in
-- which a response keeps who gave it.
CREATE TABLE surveys (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    intro       TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
    audience    TEXT NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'checked_in')),
    linked      INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX ix_surveys_event ON surveys(event_id);

-- options: a JSON array of strings for single and multiple choice, '[]' otherwise.
CREATE TABLE survey_questions (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'scale', 'text')),
    prompt      TEXT NOT NULL,
    required    INTEGER NOT NULL DEFAULT 0,
    options     TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX ix_survey_questions_survey ON survey_questions(survey_id, position);

-- One personal link per invited ticket holder. answered is a flag with no time, so the order of invitations answered
-- cannot be lined up against the order of responses.
CREATE TABLE survey_invitations (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token       TEXT NOT NULL UNIQUE,
    answered    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    UNIQUE (survey_id, user_id)
);

-- A response carries no invitee and no time, unless the survey said up front that answers are linked
-- (invitation_id then names the invitation).
CREATE TABLE survey_responses (
    id             INTEGER PRIMARY KEY,
    survey_id      INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    invitation_id  INTEGER UNIQUE REFERENCES survey_invitations(id) ON DELETE SET NULL
);
CREATE INDEX ix_survey_responses_survey ON survey_responses(survey_id);

-- One row per answered question; a multiple-choice question has one row per option chosen (choice is the option's
-- index), a scale its value, free text its text.
CREATE TABLE survey_answers (
    response_id  INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    question_id  INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    choice       INTEGER,
    scale        INTEGER CHECK (scale BETWEEN 1 AND 5),
    text         TEXT
);
CREATE INDEX ix_survey_answers_question ON survey_answers(question_id);
