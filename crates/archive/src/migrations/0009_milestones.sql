-- After the decision (issue 14): the review's milestones, the board's "told within N working days"
-- setting, and an index that lets the chair's home page and the QM3 report list every letter
-- without reading a page of any PDF.

-- Each milestone as recorded, and each correction as a new row that names the one it replaces,
-- with its reason; a row whose date is NULL withdraws the one it replaces (recorded in error).
-- Rows are never changed or deleted, and each is pinned in the audit chain (audited_rows.rs).
CREATE TABLE case_milestones (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    event            TEXT NOT NULL CHECK (event IN ('review_start', 'national_notification_sent',
                       'review_completed', 'publication', 'advance_copy_sent')),
    -- The framework's national notification (e.g. 'ofsted_review'); '' for the other events.
    notification_id  TEXT NOT NULL DEFAULT '',
    date             TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    replaces         INTEGER REFERENCES case_milestones (id),
    reason           TEXT,
    recorded_at      TEXT NOT NULL,
    audit_seq        INTEGER,
    CHECK ((replaces IS NULL) = (reason IS NULL))
) STRICT;
CREATE INDEX case_milestones_by_case ON case_milestones (case_id, id);
-- A row is replaced at most once: corrections form a line, never a fork.
CREATE UNIQUE INDEX case_milestones_replaced_once ON case_milestones (replaces) WHERE replaces IS NOT NULL;

CREATE TRIGGER case_milestones_audited_insert BEFORE INSERT ON case_milestones
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'milestones change only through an audited step'); END;
CREATE TRIGGER case_milestones_no_update BEFORE UPDATE ON case_milestones
BEGIN SELECT RAISE(ABORT, 'a milestone is corrected by a new row, never changed'); END;
CREATE TRIGGER case_milestones_no_delete BEFORE DELETE ON case_milestones
BEGIN SELECT RAISE(ABORT, 'milestones are never deleted'); END;

-- Members are to be told of a decision within this many working days (NULL: the default, 5).
ALTER TABLE board_settings ADD COLUMN told_within_working_days INTEGER
    CHECK (told_within_working_days IS NULL OR told_within_working_days BETWEEN 1 AND 30);

-- Every letter's facts without its PDF: a covering index, so listing them reads the index alone.
CREATE INDEX issued_letters_overview ON issued_letters (reference, kind, created_at, recipient);
