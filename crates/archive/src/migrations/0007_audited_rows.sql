-- Who was told what (the delivery log, acknowledgements, reminders) and the board's own settings
-- change only through audited steps. Each row carries the sequence number of the audit event that
-- recorded its present state, and that event's payload is the row itself (see audited_rows.rs):
-- `check` recomputes every row and names one that was changed outside the app, even by someone who
-- dropped these triggers first. The triggers refuse any write that does not claim the next audit
-- event, and every delete.

ALTER TABLE deliveries ADD COLUMN audit_seq INTEGER;
-- Why a person confirmed or asked to resend a letter, kept (and so pinned) with the row.
ALTER TABLE deliveries ADD COLUMN note TEXT;
ALTER TABLE acknowledgements ADD COLUMN audit_seq INTEGER;
ALTER TABLE reminders ADD COLUMN audit_seq INTEGER;
ALTER TABLE board_profile ADD COLUMN audit_seq INTEGER;
ALTER TABLE board_settings ADD COLUMN audit_seq INTEGER;
ALTER TABLE mail_settings ADD COLUMN audit_seq INTEGER;

CREATE TRIGGER deliveries_audited_insert BEFORE INSERT ON deliveries
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'the delivery log changes only through an audited step'); END;
CREATE TRIGGER deliveries_audited_update BEFORE UPDATE ON deliveries
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'the delivery log changes only through an audited step'); END;

CREATE TRIGGER acknowledgements_audited_insert BEFORE INSERT ON acknowledgements
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'acknowledgements change only through an audited step'); END;
CREATE TRIGGER acknowledgements_audited_update BEFORE UPDATE ON acknowledgements
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'acknowledgements change only through an audited step'); END;
CREATE TRIGGER acknowledgements_no_delete BEFORE DELETE ON acknowledgements
BEGIN SELECT RAISE(ABORT, 'acknowledgements are never deleted'); END;

CREATE TRIGGER reminders_audited_insert BEFORE INSERT ON reminders
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'reminders change only through an audited step'); END;
CREATE TRIGGER reminders_audited_update BEFORE UPDATE ON reminders
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'reminders change only through an audited step'); END;
CREATE TRIGGER reminders_no_delete BEFORE DELETE ON reminders
BEGIN SELECT RAISE(ABORT, 'reminders are never deleted'); END;

CREATE TRIGGER board_profile_audited_insert BEFORE INSERT ON board_profile
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'the board profile changes only through an audited step'); END;
CREATE TRIGGER board_profile_audited_update BEFORE UPDATE ON board_profile
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'the board profile changes only through an audited step'); END;
CREATE TRIGGER board_profile_no_delete BEFORE DELETE ON board_profile
BEGIN SELECT RAISE(ABORT, 'the board profile is never deleted'); END;

CREATE TRIGGER board_settings_audited_insert BEFORE INSERT ON board_settings
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'the board settings change only through an audited step'); END;
CREATE TRIGGER board_settings_audited_update BEFORE UPDATE ON board_settings
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'the board settings change only through an audited step'); END;
CREATE TRIGGER board_settings_no_delete BEFORE DELETE ON board_settings
BEGIN SELECT RAISE(ABORT, 'the board settings are never deleted'); END;

CREATE TRIGGER mail_settings_audited_insert BEFORE INSERT ON mail_settings
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'the mail settings change only through an audited step'); END;
CREATE TRIGGER mail_settings_audited_update BEFORE UPDATE ON mail_settings
WHEN NEW.audit_seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events)
BEGIN SELECT RAISE(ABORT, 'the mail settings change only through an audited step'); END;
CREATE TRIGGER mail_settings_no_delete BEFORE DELETE ON mail_settings
BEGIN SELECT RAISE(ABORT, 'the mail settings are never deleted'); END;
