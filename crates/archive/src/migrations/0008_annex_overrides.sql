-- Overrides of the annex guard: the chair's judgement that one term of a case's
-- restricted annex is safe in context (a surname that is also a common word), so that it no
-- longer blocks that case's letters or its finalising. The term's key lives here, inside the
-- encrypted archive beside the annex it comes from; the audit trail names only the override's
-- id and the kinds of detail, never the term or a hash of it (a short name is easily guessed).
-- Withdrawing keeps the row, with the time, so the history stays readable.
CREATE TABLE annex_overrides (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    term_key      TEXT NOT NULL CHECK (length(term_key) > 0),
    kinds_json    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    withdrawn_at  TEXT
) STRICT;

-- One override in force per case and term.
CREATE UNIQUE INDEX annex_overrides_in_force ON annex_overrides (case_id, term_key)
    WHERE withdrawn_at IS NULL;
