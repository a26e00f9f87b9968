-- Distribution: the board's mail settings, the delivery log and acknowledgements.

-- The board's SMTP settings as JSON (scr_mail::SmtpSettings); the password is in the OS keyring.
CREATE TABLE mail_settings (
    id                     INTEGER PRIMARY KEY CHECK (id = 1),
    settings_json          TEXT NOT NULL,
    reminder_working_days  INTEGER NOT NULL CHECK (reminder_working_days BETWEEN 1 AND 60),
    updated_at             TEXT NOT NULL
) STRICT;

-- The delivery log (outbox): one row per (letter, member), written as 'queued' before anything is
-- sent. 'sending' is committed on its own before the SMTP call, so a crash leaves evidence that
-- a message may have gone; on resume such a row becomes 'uncertain' and is never sent again
-- without the user's say-so. Every change of status is also in the audit trail.
CREATE TABLE deliveries (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    reference     TEXT NOT NULL,
    letter_id     INTEGER NOT NULL REFERENCES issued_letters (id),
    member_id     INTEGER NOT NULL REFERENCES members (id),
    channel       TEXT NOT NULL CHECK (channel IN ('email', 'secure_export')),
    address       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN
                    ('queued', 'sending', 'sent', 'failed', 'uncertain', 'exported', 'confirmed_sent')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    message_id    TEXT,
    server_reply  TEXT,
    error         TEXT,
    retryable     INTEGER CHECK (retryable IN (0, 1)),
    export_file   TEXT,
    queued_at     TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    sent_at       TEXT,
    UNIQUE (letter_id, member_id)
) STRICT;
CREATE INDEX deliveries_by_reference ON deliveries (reference, id);
CREATE TRIGGER deliveries_no_delete BEFORE DELETE ON deliveries
BEGIN SELECT RAISE(ABORT, 'the delivery log is never deleted from'); END;

-- A member's acknowledgement that a letter reached them, as the board manager recorded it.
CREATE TABLE acknowledgements (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    reference        TEXT NOT NULL,
    member_id        INTEGER NOT NULL REFERENCES members (id),
    acknowledged_on  TEXT NOT NULL,
    how              TEXT NOT NULL,
    recorded_by      TEXT NOT NULL,
    recorded_at      TEXT NOT NULL
) STRICT;
CREATE INDEX acknowledgements_by_reference ON acknowledgements (reference, member_id);

-- Reminders sent to members who had not acknowledged.
CREATE TABLE reminders (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    reference     TEXT NOT NULL,
    member_id     INTEGER NOT NULL REFERENCES members (id),
    delivery_id   INTEGER NOT NULL REFERENCES deliveries (id),
    message_id    TEXT NOT NULL,
    server_reply  TEXT NOT NULL,
    sent_at       TEXT NOT NULL
) STRICT;
CREATE INDEX reminders_by_reference ON reminders (reference, member_id);
