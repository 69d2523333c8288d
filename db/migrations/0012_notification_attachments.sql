-- Files that travel with a notification's email (a speaker's sessions as an .ics). Kept apart from
-- notifications so the outbox row, the inbox and the delivery claim stay small; written in the same
-- transaction as the notification and read only when the mail is built.
CREATE TABLE notification_attachments (
    id              INTEGER PRIMARY KEY,
    notification_id INTEGER NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    file_name       TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type    TEXT NOT NULL CHECK (length(content_type) BETWEEN 1 AND 200),
    content         BLOB NOT NULL
);

CREATE INDEX ix_notification_attachments_notification ON notification_attachments(notification_id);
