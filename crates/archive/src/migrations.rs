//! Schema migrations, embedded in the binary and applied in order, each in its own transaction
//! together with the new `user_version`, so a failure leaves the archive exactly as it was.

use rusqlite::Connection;

use crate::{Actor, ArchiveError};

/// Work SQL alone cannot do, in the migration's own transaction (e.g. hashing rows into the
/// audit chain).
type AfterSql = fn(&rusqlite::Transaction<'_>, &Actor) -> Result<(), ArchiveError>;

struct Migration {
    version: i64,
    sql: &'static str,
    then: Option<AfterSql>,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("migrations/0001_board_profile.sql"),
        then: None,
    },
    Migration {
        version: 2,
        sql: include_str!("migrations/0002_audit_chain.sql"),
        then: None,
    },
    Migration {
        version: 3,
        sql: include_str!("migrations/0003_cases.sql"),
        then: None,
    },
    Migration {
        version: 4,
        sql: include_str!("migrations/0004_signing.sql"),
        then: None,
    },
    Migration {
        version: 5,
        sql: include_str!("migrations/0005_members.sql"),
        then: None,
    },
    Migration {
        version: 6,
        sql: include_str!("migrations/0006_distribution.sql"),
        then: None,
    },
    Migration {
        version: 7,
        sql: include_str!("migrations/0007_audited_rows.sql"),
        then: Some(crate::audited_rows::seal_existing_rows),
    },
    Migration {
        version: 8,
        sql: include_str!("migrations/0008_annex_overrides.sql"),
        then: None,
    },
    Migration {
        version: 9,
        sql: include_str!("migrations/0009_milestones.sql"),
        then: None,
    },
    Migration {
        version: 10,
        sql: include_str!("migrations/0010_retention.sql"),
        then: None,
    },
    Migration {
        version: 11,
        sql: include_str!("migrations/0011_kept_home.sql"),
        then: Some(crate::kept_home::forget_on_every_change),
    },
];

pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |migration| migration.version)
}

pub(crate) fn schema_version(conn: &Connection) -> Result<i64, ArchiveError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings the schema up to `target` (normally [`latest_version`]); returns the version it
/// started from.
pub(crate) fn migrate_to(conn: &mut Connection, target: i64, actor: &Actor) -> Result<i64, ArchiveError> {
    let found = schema_version(conn)?;
    let supported = latest_version();
    if found > supported {
        return Err(ArchiveError::NewerSchema { found, supported });
    }
    let pending = MIGRATIONS
        .iter()
        .filter(|migration| migration.version > found && migration.version <= target);
    for migration in pending {
        apply(conn, migration, actor).map_err(|source| ArchiveError::MigrationFailed {
            version: migration.version,
            source,
        })?;
    }
    Ok(found)
}

pub(crate) fn migrate(conn: &mut Connection, actor: &Actor) -> Result<i64, ArchiveError> {
    migrate_to(conn, latest_version(), actor)
}

fn apply(conn: &mut Connection, migration: &Migration, actor: &Actor) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(migration.sql)?;
    if let Some(then) = migration.then {
        then(&tx, actor).map_err(|error| match error {
            ArchiveError::Database(error) => error,
            other => rusqlite::Error::ToSqlConversionFailure(Box::new(other)),
        })?;
    }
    tx.pragma_update(None, "user_version", migration.version)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_actor() -> Actor {
        Actor::new(
            "test",
            "migrations",
            scr_domain::clock::Clock::from_fn(chrono::Utc::now),
        )
    }

    #[test]
    fn versions_are_strictly_increasing_from_one() {
        assert_eq!(MIGRATIONS[0].version, 1);
        for pair in MIGRATIONS.windows(2) {
            assert!(pair[1].version > pair[0].version);
        }
    }

    #[test]
    fn migrates_an_empty_database_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().expect("open");
        assert_eq!(migrate(&mut conn, &test_actor()).expect("migrate"), 0);
        assert_eq!(schema_version(&conn).expect("version"), latest_version());
        assert_eq!(
            migrate(&mut conn, &test_actor()).expect("again"),
            latest_version()
        );
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .expect("set");
        assert!(matches!(
            migrate(&mut conn, &test_actor()),
            Err(ArchiveError::NewerSchema { .. })
        ));
    }

    #[test]
    fn a_failing_migration_changes_nothing() {
        let mut conn = Connection::open_in_memory().expect("open");
        let broken = Migration {
            version: 1,
            sql: "CREATE TABLE half_done (x INTEGER); THIS IS NOT SQL;",
            then: None,
        };
        assert!(apply(&mut conn, &broken, &test_actor()).is_err());
        assert_eq!(schema_version(&conn).expect("version"), 0);
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
            .expect("count");
        assert_eq!(tables, 0);
    }
}
