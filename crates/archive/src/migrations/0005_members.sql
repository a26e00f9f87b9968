-- The board register. A member is never deleted: each change is a new version, in effect from a
-- date, so that the register as it stood on any day can be listed (see scr_domain::register).
CREATE TABLE members (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    added_at  TEXT NOT NULL
) STRICT;

CREATE TABLE member_versions (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id         INTEGER NOT NULL REFERENCES members (id),
    effective_from    TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    name              TEXT NOT NULL,
    role              TEXT NOT NULL,
    agency            TEXT NOT NULL,
    email             TEXT NOT NULL,
    phone             TEXT,
    term_start        TEXT NOT NULL,
    term_end          TEXT,
    voting            TEXT NOT NULL CHECK (voting IN ('voting', 'advisory')),
    receives_letters  INTEGER NOT NULL CHECK (receives_letters IN (0, 1)),
    channel           TEXT NOT NULL CHECK (channel IN ('email', 'secure_export', 'post')),
    notes             TEXT NOT NULL
) STRICT;
CREATE INDEX member_versions_by_member ON member_versions (member_id, seq);

CREATE TRIGGER members_no_delete BEFORE DELETE ON members
BEGIN SELECT RAISE(ABORT, 'members are never deleted: record the end of their term'); END;
CREATE TRIGGER member_versions_no_update BEFORE UPDATE ON member_versions
BEGIN SELECT RAISE(ABORT, 'member versions are never changed: record a new version'); END;
CREATE TRIGGER member_versions_no_delete BEFORE DELETE ON member_versions
BEGIN SELECT RAISE(ABORT, 'member versions are never deleted'); END;

-- The agencies offered for members, in the board's order. Empty until the board edits the list:
-- until then the built-in defaults apply.
CREATE TABLE agencies (
    position  INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

-- How letters are headed and signed, and the defaults for new cases. One row only.
CREATE TABLE board_settings (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    address_lines       TEXT NOT NULL,
    chair_name          TEXT NOT NULL,
    chair_title         TEXT NOT NULL,
    chair_email         TEXT NOT NULL,
    protective_marking  TEXT NOT NULL,
    framework_id        TEXT NOT NULL,
    subgroup_name       TEXT NOT NULL,
    logo                BLOB,
    logo_media_type     TEXT,
    updated_at          TEXT NOT NULL
) STRICT;
