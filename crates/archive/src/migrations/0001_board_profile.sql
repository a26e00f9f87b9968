-- The board's identity, shown in the app header and printed on every letter. One row only.
CREATE TABLE board_profile (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    area        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
