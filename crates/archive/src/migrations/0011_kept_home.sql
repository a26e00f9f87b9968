-- The home page as it was last worked out, kept so that the app can show it as soon as it opens
-- instead of reading every case first (kept_home.rs). It is derived from the rest of the archive:
-- the migration's second step (kept_home::forget_on_every_change) gives every other table
-- triggers that remove it in the same transaction as any change, so a kept page is never older
-- than the rows it was worked out from. What else it depends on (the app's version, the day, the
-- board's framework and retention files) is in `worked_out_for`, which the reader must match.
CREATE TABLE kept_home (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    worked_out_for  TEXT NOT NULL,
    page_json       TEXT NOT NULL
) STRICT;
