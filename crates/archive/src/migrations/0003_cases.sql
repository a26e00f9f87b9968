-- Cases: what the board is told (summary), what it is never told (the restricted annex, read
-- only on demand and audited), and the decision draft the wizard fills in page by page.
CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    reference     TEXT NOT NULL UNIQUE,
    pseudonym     TEXT NOT NULL DEFAULT '',
    summary_json  TEXT NOT NULL,
    annex_json    TEXT NOT NULL,
    draft_json    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX cases_by_pseudonym ON cases (pseudonym);

-- Finalised decisions: immutable. A change is a new version that supersedes the last.
CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases (id),
    version        INTEGER NOT NULL,
    canonical      TEXT NOT NULL,
    content_hash   TEXT NOT NULL UNIQUE,
    finalised_at   TEXT NOT NULL,
    UNIQUE (case_id, version)
) STRICT;

CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'finalised decisions are immutable'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'finalised decisions are immutable'); END;
