//! The home page as it was last worked out, kept in the archive so that the app can show it when
//! it opens without reading every case first: on a twenty-year archive that reading is about
//! 120 ms of work and 40 MB read from disk on a cold start (scripts/bench-after-decision.sh).
//!
//! The page is derived from everything else the archive holds, so it must never outlive a change
//! to any of it. Rather than trusting every writer to remember it, each other table has triggers
//! that delete the kept page in the same transaction as any insert, update or delete
//! ([`forget_on_every_change`]), and a test checks that no table is without them. What the page
//! depends on outside the archive (the app's version, the day, the board's own rule files) is
//! the caller's `worked_out_for`, which a reading must match.

use rusqlite::{OptionalExtension, Transaction};

use crate::{Actor, Archive, ArchiveError};

const TABLE: &str = "kept_home";

/// What the three triggers on `table` are named, for the change each one follows.
fn trigger_names(table: &str) -> [(String, &'static str); 3] {
    ["INSERT", "UPDATE", "DELETE"].map(|change| {
        let name = format!("{table}_forgets_{TABLE}_on_{}", change.to_lowercase());
        (name, change)
    })
}

/// Gives every table but the kept page's own triggers that delete the kept page on any change.
/// Run by the migration that made the table; a later migration that adds a table runs it again
/// (it skips the triggers that exist already).
pub(crate) fn forget_on_every_change(tx: &Transaction<'_>, _actor: &Actor) -> Result<(), ArchiveError> {
    for table in tables_but_the_kept_page(tx)? {
        for (name, change) in trigger_names(&table) {
            tx.execute_batch(&format!(
                "CREATE TRIGGER IF NOT EXISTS \"{name}\" AFTER {change} ON \"{table}\" \
                 BEGIN DELETE FROM {TABLE}; END;"
            ))?;
        }
    }
    Ok(())
}

fn tables_but_the_kept_page(conn: &rusqlite::Connection) -> Result<Vec<String>, ArchiveError> {
    let mut statement = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
         AND name != ?1 ORDER BY name",
    )?;
    let names = statement.query_map([TABLE], |row| row.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

impl Archive {
    /// The kept home page, if one is kept and it was worked out for exactly `worked_out_for`.
    pub fn kept_home(&self, worked_out_for: &str) -> Result<Option<String>, ArchiveError> {
        Ok(self
            .conn
            .query_row(
                "SELECT page_json FROM kept_home WHERE id = 1 AND worked_out_for = ?1",
                [worked_out_for],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Keeps the home page just worked out (from what the archive holds now) for `worked_out_for`,
    /// in place of any kept before. Not an audited change: the page records nothing new, and any
    /// audited change removes it.
    pub fn keep_home(&mut self, worked_out_for: &str, page_json: &str) -> Result<(), ArchiveError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO kept_home (id, worked_out_for, page_json) VALUES (1, ?1, ?2)",
            [worked_out_for, page_json],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::archive_with_events;

    #[test]
    fn every_other_table_forgets_the_kept_page_on_any_change() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("open");
        let actor = Actor::new(
            "test",
            "kept home",
            scr_domain::clock::Clock::from_fn(chrono::Utc::now),
        );
        crate::migrations::migrate(&mut conn, &actor).expect("migrate");
        let tables = tables_but_the_kept_page(&conn).expect("tables");
        assert!(tables.len() > 20, "the archive's tables: {tables:?}");
        assert!(tables.iter().all(|t| t != TABLE));
        for table in &tables {
            for (name, change) in trigger_names(table) {
                let sql: Option<String> = conn
                    .query_row(
                        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1 AND tbl_name = ?2",
                        [&name, table],
                        |row| row.get(0),
                    )
                    .optional()
                    .expect("read");
                let sql = sql.unwrap_or_else(|| panic!("{table} has no trigger for {change}: add the table in a migration whose second step is kept_home::forget_on_every_change"));
                assert!(sql.contains(&format!("AFTER {change}")), "{sql}");
                assert!(sql.contains("DELETE FROM kept_home"), "{sql}");
            }
        }
    }

    #[test]
    fn a_kept_page_is_read_only_for_what_it_was_worked_out_for_and_goes_with_any_change() {
        let (_dir, mut archive) = archive_with_events(0);
        assert_eq!(archive.kept_home("v1 2026-12-07").expect("read"), None);
        archive.keep_home("v1 2026-12-07", "{\"page\":1}").expect("keep");
        assert_eq!(
            archive.kept_home("v1 2026-12-07").expect("read").as_deref(),
            Some("{\"page\":1}")
        );
        assert_eq!(
            archive.kept_home("v1 2026-12-08").expect("read"),
            None,
            "another day"
        );

        archive
            .keep_home("v1 2026-12-08", "{\"page\":2}")
            .expect("keep again");
        assert_eq!(
            archive.kept_home("v1 2026-12-07").expect("read"),
            None,
            "replaced"
        );
        assert!(archive.kept_home("v1 2026-12-08").expect("read").is_some());

        // Any change to the archive, here the board's closure days (kept in archive_meta,
        // with an audit event), removes it in the change's own transaction.
        archive.save_closure_days(&[]).expect("a change");
        assert_eq!(archive.kept_home("v1 2026-12-08").expect("read"), None);
    }
}
