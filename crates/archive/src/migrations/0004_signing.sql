-- The board's signing identity and the letters it has issued.

-- The board's certificate authority. Its private key (PKCS#8 DER) lives only here, inside the
-- encrypted archive. One current row; a replaced authority is kept, retired, so that letters it
-- signed can still be checked.
CREATE TABLE signing_authorities (
    id                 INTEGER PRIMARY KEY,
    subject            TEXT NOT NULL,
    certificate_der    BLOB NOT NULL,
    private_key_pkcs8  BLOB NOT NULL,
    fingerprint        TEXT NOT NULL UNIQUE,
    not_before         TEXT NOT NULL,
    not_after          TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    retired_at         TEXT
) STRICT;

CREATE UNIQUE INDEX signing_authorities_one_current
    ON signing_authorities ((1)) WHERE retired_at IS NULL;

-- People who sign letters with a certificate issued by the board's authority: the chair, and
-- for joint sign-off further signers (e.g. the safeguarding partners). `label` says which.
CREATE TABLE signers (
    id                 INTEGER PRIMARY KEY,
    authority_id       INTEGER NOT NULL REFERENCES signing_authorities (id),
    label              TEXT NOT NULL,
    name               TEXT NOT NULL,
    role               TEXT NOT NULL,
    certificate_der    BLOB NOT NULL,
    private_key_pkcs8  BLOB NOT NULL,
    fingerprint        TEXT NOT NULL UNIQUE,
    not_before         TEXT NOT NULL,
    not_after          TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    retired_at         TEXT
) STRICT;

-- Every letter as issued: the exact signed bytes and their SHA-256, so that a letter shown to
-- the board later can be matched against the record. Issued letters never change.
CREATE TABLE issued_letters (
    id                   INTEGER PRIMARY KEY,
    reference            TEXT NOT NULL,
    kind                 TEXT NOT NULL,
    recipient            TEXT NOT NULL,
    sha256               TEXT NOT NULL,
    size                 INTEGER NOT NULL,
    created_at           TEXT NOT NULL,
    signer_fingerprints  TEXT NOT NULL,
    -- Last: SQLite reads a row's columns in order, so listing letters never walks the PDF's pages.
    pdf                  BLOB NOT NULL
) STRICT;

CREATE INDEX issued_letters_by_sha256 ON issued_letters (sha256);
CREATE INDEX issued_letters_by_reference ON issued_letters (reference);

CREATE TRIGGER issued_letters_no_update BEFORE UPDATE ON issued_letters
BEGIN SELECT RAISE(ABORT, 'issued letters never change'); END;
CREATE TRIGGER issued_letters_no_delete BEFORE DELETE ON issued_letters
BEGIN SELECT RAISE(ABORT, 'issued letters are kept'); END;
