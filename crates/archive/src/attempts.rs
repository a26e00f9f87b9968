//! Failed recovery attempts happen while the archive is locked, so they cannot be written into
//! it. They wait in a small side file (times and outcomes only, nothing about any case) and join
//! the audit chain the next time the archive opens.

use std::io::Read;
use std::path::Path;

use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::audit::{self, AuditAction};
use crate::ArchiveError;

pub const ATTEMPTS_FILE: &str = "recovery-attempts.jsonl";
/// About 15,000 attempts, each its own audit event; beyond that (someone trying keys in a loop)
/// the rest are counted in one event rather than read.
const MAX_ITEMISED_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
struct Attempt {
    at: String,
    outcome: String,
}

pub(crate) fn record_failure(dir: &Path, actor: &Actor, outcome: &str) -> Result<(), ArchiveError> {
    let path = dir.join(ATTEMPTS_FILE);
    let line = serde_json::to_string(&Attempt {
        at: actor.stamp(),
        outcome: outcome.to_owned(),
    })
    .map_err(|error| ArchiveError::Encoding(error.to_string()))?;
    scr_files::append_private(&path, format!("{line}\n").as_bytes())
        .map_err(|error| ArchiveError::io("cannot record the attempt in", &path, error))
}

/// Moves pending attempts into the audit chain within `tx`; returns the path to remove after commit.
pub(crate) fn ingest(
    dir: &Path,
    tx: &Transaction<'_>,
    actor: &Actor,
) -> Result<Option<std::path::PathBuf>, ArchiveError> {
    let path = dir.join(ATTEMPTS_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let (file, size) = crate::files::open_regular(&path)
        .map_err(|error| ArchiveError::io("cannot read", &path, std::io::Error::other(error.to_string())))?;
    let mut bytes = Vec::new();
    file.take(MAX_ITEMISED_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|error| ArchiveError::io("cannot read", &path, error))?;
    let text = String::from_utf8_lossy(&bytes);
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        // A torn last line (a crash mid-write) still counts as an attempt, at an unknown time.
        let attempt = serde_json::from_str::<Attempt>(line).unwrap_or(Attempt {
            at: "unknown".into(),
            outcome: "unreadable".into(),
        });
        audit::append_with_time(
            tx,
            &attempt.at,
            actor.as_str(),
            AuditAction::RecoveryFailed.as_str(),
            "archive",
            &audit::sha256_hex(attempt.outcome.as_bytes()),
        )?;
    }
    if size > MAX_ITEMISED_BYTES {
        // A flood of attempts is itself the finding: one event says how much was not itemised.
        audit::append_with_time(
            tx,
            &actor.stamp(),
            actor.as_str(),
            AuditAction::RecoveryFailed.as_str(),
            "archive",
            &audit::sha256_hex(format!("{} more bytes of attempts", size - MAX_ITEMISED_BYTES).as_bytes()),
        )?;
    }
    Ok(Some(path))
}
