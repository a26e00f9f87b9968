-- Records governance: legal holds, reviews that keep records for longer, the board's
-- disposal setting, and disposals with their certificates. Every row of these tables is pinned in
-- the audit chain like the delivery log (see audited_rows.rs and 0007): a write must claim the next
-- audit event, and nothing is ever deleted from them.

-- A hold on one case (case_id) or on the whole archive (case_id NULL). Lifting keeps the row.
CREATE TABLE legal_holds (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      INTEGER REFERENCES cases (id),
    reason       TEXT NOT NULL CHECK (length(reason) > 0),
    authority    TEXT NOT NULL CHECK (length(authority) > 0),
    placed_at    TEXT NOT NULL,
    placed_by    TEXT NOT NULL,
    lifted_at    TEXT,
    lift_reason  TEXT,
    lifted_by    TEXT,
    audit_seq    INTEGER
) STRICT;
CREATE INDEX legal_holds_by_case ON legal_holds (case_id) WHERE lifted_at IS NULL;

-- A review at the end of a period that kept a class of a case's records until a later day.
CREATE TABLE retention_reviews (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    class        TEXT NOT NULL CHECK (class IN ('restricted_annex', 'case_record', 'letters', 'delivery_log')),
    kept_until   TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (length(reason) > 0),
    reviewed_at  TEXT NOT NULL,
    reviewed_by  TEXT NOT NULL,
    audit_seq    INTEGER
) STRICT;

-- The board's disposal setting: whether a second person confirms each disposal. One row.
CREATE TABLE retention_settings (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    second_person_required  INTEGER NOT NULL CHECK (second_person_required IN (0, 1)),
    updated_at              TEXT NOT NULL,
    audit_seq               INTEGER
) STRICT;

-- One row per disposal: the certificate (scr_domain::retention::certificate), which holds none of
-- the disposed content. Its audit event's payload is the row itself, so `check` notices a changed
-- certificate; and rows of the pinned tables that are gone must be listed in one.
CREATE TABLE disposals (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id           INTEGER NOT NULL REFERENCES cases (id),
    reference         TEXT NOT NULL,
    class             TEXT NOT NULL CHECK (class IN ('restricted_annex', 'case_record', 'letters', 'delivery_log')),
    certificate_json  TEXT NOT NULL,
    disposed_at       TEXT NOT NULL,
    audit_seq         INTEGER
) STRICT;
CREATE UNIQUE INDEX disposals_once ON disposals (case_id, class);

-- Backups made on request, and where they went, so that a disposal certificate can list them.
CREATE TABLE backups_made (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    location   TEXT NOT NULL,
    made_at    TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    -- The `backup.made` event recorded with it.
    audit_seq  INTEGER NOT NULL
) STRICT;
CREATE TRIGGER backups_made_no_update BEFORE UPDATE ON backups_made
BEGIN SELECT RAISE(ABORT, 'the record of backups is never changed'); END;
CREATE TRIGGER backups_made_no_delete BEFORE DELETE ON backups_made
BEGIN SELECT RAISE(ABORT, 'the record of backups is never deleted from'); END;

CREATE TRIGGER legal_holds_audited_insert BEFORE INSERT ON legal_holds
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'legal holds change only through an audited step'); END;
CREATE TRIGGER legal_holds_audited_update BEFORE UPDATE ON legal_holds
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
  OR OLD.lifted_at IS NOT NULL
  OR NEW.case_id IS NOT OLD.case_id OR NEW.reason IS NOT OLD.reason OR NEW.authority IS NOT OLD.authority
  OR NEW.placed_at IS NOT OLD.placed_at OR NEW.placed_by IS NOT OLD.placed_by
BEGIN SELECT RAISE(ABORT, 'a legal hold is only ever lifted, once, through an audited step'); END;
CREATE TRIGGER legal_holds_no_delete BEFORE DELETE ON legal_holds
BEGIN SELECT RAISE(ABORT, 'legal holds are never deleted: lift them'); END;

CREATE TRIGGER retention_reviews_audited_insert BEFORE INSERT ON retention_reviews
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'retention reviews change only through an audited step'); END;
CREATE TRIGGER retention_reviews_no_update BEFORE UPDATE ON retention_reviews
BEGIN SELECT RAISE(ABORT, 'retention reviews are never changed: record a new review'); END;
CREATE TRIGGER retention_reviews_no_delete BEFORE DELETE ON retention_reviews
BEGIN SELECT RAISE(ABORT, 'retention reviews are never deleted'); END;

CREATE TRIGGER retention_settings_audited_insert BEFORE INSERT ON retention_settings
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'the retention settings change only through an audited step'); END;
CREATE TRIGGER retention_settings_audited_update BEFORE UPDATE ON retention_settings
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'the retention settings change only through an audited step'); END;
CREATE TRIGGER retention_settings_no_delete BEFORE DELETE ON retention_settings
BEGIN SELECT RAISE(ABORT, 'the retention settings are never deleted'); END;

CREATE TRIGGER disposals_audited_insert BEFORE INSERT ON disposals
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'disposals are recorded only through an audited step'); END;
CREATE TRIGGER disposals_no_update BEFORE UPDATE ON disposals
BEGIN SELECT RAISE(ABORT, 'a disposal certificate never changes'); END;
CREATE TRIGGER disposals_no_delete BEFORE DELETE ON disposals
BEGIN SELECT RAISE(ABORT, 'a disposal certificate is kept for good'); END;

-- The sanctioned way to remove records that were append-only until now: only while a disposal of
-- that class, for that case, is being recorded in the same transaction (its row claims the next
-- audit event, which the same transaction then appends). Anything else is refused as before.
DROP TRIGGER decisions_no_delete;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
WHEN NOT EXISTS (
    SELECT 1 FROM disposals
    WHERE audit_seq = (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
      AND class = 'case_record' AND case_id = OLD.case_id)
BEGIN SELECT RAISE(ABORT, 'finalised decisions are immutable'); END;

-- A letter's file can be disposed of; its row, and so its SHA-256, stay.
DROP TRIGGER issued_letters_no_update;
CREATE TRIGGER issued_letters_no_update BEFORE UPDATE ON issued_letters
WHEN NOT (
    length(NEW.pdf) = 0
    AND NEW.id IS OLD.id AND NEW.reference IS OLD.reference AND NEW.kind IS OLD.kind
    AND NEW.recipient IS OLD.recipient AND NEW.sha256 IS OLD.sha256 AND NEW.size IS OLD.size
    AND NEW.created_at IS OLD.created_at AND NEW.signer_fingerprints IS OLD.signer_fingerprints
    AND EXISTS (
        SELECT 1 FROM disposals
        WHERE audit_seq = (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
          AND class = 'letters' AND reference = OLD.reference))
BEGIN SELECT RAISE(ABORT, 'issued letters never change'); END;

DROP TRIGGER deliveries_no_delete;
CREATE TRIGGER deliveries_no_delete BEFORE DELETE ON deliveries
WHEN NOT EXISTS (
    SELECT 1 FROM disposals
    WHERE audit_seq = (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
      AND class = 'delivery_log' AND reference = OLD.reference)
BEGIN SELECT RAISE(ABORT, 'the delivery log is never deleted from'); END;

DROP TRIGGER acknowledgements_no_delete;
CREATE TRIGGER acknowledgements_no_delete BEFORE DELETE ON acknowledgements
WHEN NOT EXISTS (
    SELECT 1 FROM disposals
    WHERE audit_seq = (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
      AND class = 'delivery_log' AND reference = OLD.reference)
BEGIN SELECT RAISE(ABORT, 'acknowledgements are never deleted'); END;

DROP TRIGGER reminders_no_delete;
CREATE TRIGGER reminders_no_delete BEFORE DELETE ON reminders
WHEN NOT EXISTS (
    SELECT 1 FROM disposals
    WHERE audit_seq = (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
      AND class = 'delivery_log' AND reference = OLD.reference)
BEGIN SELECT RAISE(ABORT, 'reminders are never deleted'); END;
