//! The audit trail: every change to the archive appends an event in the same transaction,
//! and each event carries the hash of the one before it, so a changed, removed or reordered
//! event is found by walking the chain. There is deliberately no update or delete here.

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::ArchiveError;
use scr_domain::clock::Clock;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, as a stable name that reports and exports show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    ArchiveCreated,
    ArchiveMigrated,
    BoardProfileSaved,
    RecoveryKeyIssued,
    RecoveryKeyConfirmed,
    RecoveryUsed,
    RecoveryFailed,
    KeyringEntryRecreated,
    PassphraseSet,
    BackupMade,
    ArchiveRestored,
    ExportMade,
    CaseOpened,
    CaseEdited,
    DraftSaved,
    AnnexRead,
    AnnexEdited,
    AnnexOverrideAdded,
    AnnexOverrideWithdrawn,
    DecisionFinalised,
    DecisionAmended,
    SigningIdentityCreated,
    SignerAdded,
    LetterIssued,
    MemberAdded,
    MemberUpdated,
    MemberLeft,
    RegisterImported,
    RegisterExported,
    AgenciesSaved,
    BoardSettingsSaved,
    BoardLogoSaved,
    ClosureDaysSaved,
    // Distribution
    MailSettingsSaved,
    MailPasswordSaved,
    MailTestSent,
    DeliveryQueued,
    DeliverySending,
    DeliverySent,
    DeliveryFailed,
    DeliveryUncertain,
    DeliveryExported,
    DeliveryConfirmedSent,
    DeliveryResendRequested,
    AcknowledgementRecorded,
    ReminderSent,
    /// A row that predates the audited-rows migration, given its first pinned state.
    RecordSealed,
    /// The archive was given a new data key (a new recovery key, or a changed passphrase).
    ArchiveRekeyed,
    // Trusted timestamps
    TimestampAuthoritySaved,
    // After the decision
    MilestoneRecorded,
    MilestoneCorrected,
    ReportMade,
    // Records governance
    LegalHoldPlaced,
    LegalHoldLifted,
    RetentionReviewed,
    RetentionSettingsSaved,
    /// Records were disposed of: the event pins the disposal's certificate.
    RecordsDisposed,
    /// The archive file was rebuilt (VACUUM) after a disposal, so no free page keeps its content.
    ArchiveVacuumed,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::ArchiveCreated => "archive.created",
            AuditAction::ArchiveMigrated => "archive.migrated",
            AuditAction::BoardProfileSaved => "board.profile_saved",
            AuditAction::RecoveryKeyIssued => "recovery_key.issued",
            AuditAction::RecoveryKeyConfirmed => "recovery_key.confirmed",
            AuditAction::RecoveryUsed => "recovery.used",
            AuditAction::RecoveryFailed => "recovery.failed",
            AuditAction::KeyringEntryRecreated => "keyring.entry_recreated",
            AuditAction::PassphraseSet => "passphrase.set",
            AuditAction::BackupMade => "backup.made",
            AuditAction::ArchiveRestored => "archive.restored",
            AuditAction::ExportMade => "export.made",
            AuditAction::CaseOpened => "case.opened",
            AuditAction::CaseEdited => "case.edited",
            AuditAction::DraftSaved => "decision.draft_saved",
            AuditAction::AnnexRead => "annex.read",
            AuditAction::AnnexEdited => "annex.edited",
            AuditAction::AnnexOverrideAdded => "annex.override_added",
            AuditAction::AnnexOverrideWithdrawn => "annex.override_withdrawn",
            AuditAction::DecisionFinalised => "decision.finalised",
            AuditAction::DecisionAmended => "decision.amended",
            AuditAction::SigningIdentityCreated => "signing.identity_created",
            AuditAction::SignerAdded => "signing.signer_added",
            AuditAction::LetterIssued => "letter.issued",
            AuditAction::MemberAdded => "member.added",
            AuditAction::MemberUpdated => "member.updated",
            AuditAction::MemberLeft => "member.left",
            AuditAction::RegisterImported => "register.imported",
            AuditAction::RegisterExported => "register.exported",
            AuditAction::AgenciesSaved => "board.agencies_saved",
            AuditAction::BoardSettingsSaved => "board.settings_saved",
            AuditAction::BoardLogoSaved => "board.logo_saved",
            AuditAction::ClosureDaysSaved => "board.closure_days_saved",
            AuditAction::MailSettingsSaved => "mail.settings_saved",
            AuditAction::MailPasswordSaved => "mail.password_saved",
            AuditAction::MailTestSent => "mail.test_sent",
            AuditAction::DeliveryQueued => "delivery.queued",
            AuditAction::DeliverySending => "delivery.sending",
            AuditAction::DeliverySent => "delivery.sent",
            AuditAction::DeliveryFailed => "delivery.failed",
            AuditAction::DeliveryUncertain => "delivery.uncertain",
            AuditAction::DeliveryExported => "delivery.exported",
            AuditAction::DeliveryConfirmedSent => "delivery.confirmed_sent",
            AuditAction::DeliveryResendRequested => "delivery.resend_requested",
            AuditAction::AcknowledgementRecorded => "acknowledgement.recorded",
            AuditAction::ReminderSent => "reminder.sent",
            AuditAction::RecordSealed => "record.sealed",
            AuditAction::ArchiveRekeyed => "archive.rekeyed",
            AuditAction::TimestampAuthoritySaved => "timestamp.authority_saved",
            AuditAction::MilestoneRecorded => "case.milestone_recorded",
            AuditAction::MilestoneCorrected => "case.milestone_corrected",
            AuditAction::ReportMade => "report.made",
            AuditAction::LegalHoldPlaced => "retention.hold_placed",
            AuditAction::LegalHoldLifted => "retention.hold_lifted",
            AuditAction::RetentionReviewed => "retention.reviewed",
            AuditAction::RetentionSettingsSaved => "retention.settings_saved",
            AuditAction::RecordsDisposed => "retention.disposed",
            AuditAction::ArchiveVacuumed => "archive.vacuumed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub payload_hash: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Where a walk of the chain found it broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenLink {
    pub seq: i64,
    pub reason: String,
}

/// Appends one event inside the caller's transaction; the change and its record commit together.
pub(crate) fn append(
    tx: &Transaction<'_>,
    actor: &Actor,
    action: AuditAction,
    entity: &str,
    payload: &impl Serialize,
) -> Result<AuditEvent, ArchiveError> {
    let payload_json =
        serde_json::to_vec(payload).map_err(|error| ArchiveError::Encoding(error.to_string()))?;
    append_raw(tx, actor, action, entity, &payload_json)
}

/// Appends an event whose payload is already the exact bytes to hash (a row's canonical state).
pub(crate) fn append_raw(
    tx: &Transaction<'_>,
    actor: &Actor,
    action: AuditAction,
    entity: &str,
    payload: &[u8],
) -> Result<AuditEvent, ArchiveError> {
    append_with_time(
        tx,
        &actor.stamp(),
        actor.as_str(),
        action.as_str(),
        entity,
        &sha256_hex(payload),
    )
}

/// The last event of the chain: kept outside the database too (in the header and in each
/// backup), so that events cut off the end of the chain are noticed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ChainHead {
    pub seq: i64,
    pub hash: String,
}

pub(crate) fn head(conn: &Connection) -> Result<Option<ChainHead>, ArchiveError> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1",
            [],
            |row| {
                Ok(ChainHead {
                    seq: row.get(0)?,
                    hash: row.get(1)?,
                })
            },
        )
        .optional()?)
}

/// Whether the chain still holds `recorded` as it was: the same event, with the same hash.
pub(crate) fn holds(conn: &Connection, recorded: &ChainHead) -> Result<bool, ArchiveError> {
    let hash: Option<String> = conn
        .query_row(
            "SELECT hash FROM audit_events WHERE seq = ?1",
            [recorded.seq],
            |row| row.get(0),
        )
        .optional()?;
    Ok(hash.as_deref() == Some(recorded.hash.as_str()))
}

/// What is wrong with the chain's end compared with the head recorded outside it, if anything.
pub(crate) fn head_problem(
    conn: &Connection,
    recorded: &ChainHead,
) -> Result<Option<BrokenLink>, ArchiveError> {
    if holds(conn, recorded)? {
        return Ok(None);
    }
    let last = head(conn)?.map_or(0, |head| head.seq);
    let reason = if last < recorded.seq {
        format!(
            "the trail ends at event {last}, but it is recorded outside the database as reaching \
             event {}: events were cut off the end",
            recorded.seq
        )
    } else {
        format!(
            "event {} is not the one recorded outside the database: the end of the trail was replaced",
            recorded.seq
        )
    };
    Ok(Some(BrokenLink {
        seq: last.min(recorded.seq - 1) + 1,
        reason,
    }))
}

pub(crate) fn append_with_time(
    tx: &Transaction<'_>,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    payload_hash: &str,
) -> Result<AuditEvent, ArchiveError> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let mut event = AuditEvent {
        seq,
        at: at.to_owned(),
        actor: without_controls(actor),
        action: action.to_owned(),
        entity: without_controls(entity),
        payload_hash: payload_hash.to_owned(),
        prev_hash,
        hash: String::new(),
    };
    event.hash = event_hash(&event);
    tx.execute(
        "INSERT INTO audit_events (seq, at, actor, action, entity, payload_hash, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        (
            event.seq,
            &event.at,
            &event.actor,
            &event.action,
            &event.entity,
            &event.payload_hash,
            &event.prev_hash,
            &event.hash,
        ),
    )?;
    Ok(event)
}

pub(crate) fn events(conn: &Connection) -> Result<Vec<AuditEvent>, ArchiveError> {
    let mut statement = conn.prepare(
        "SELECT seq, at, actor, action, entity, payload_hash, prev_hash, hash
         FROM audit_events ORDER BY seq",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(AuditEvent {
            seq: row.get(0)?,
            at: row.get(1)?,
            actor: row.get(2)?,
            action: row.get(3)?,
            entity: row.get(4)?,
            payload_hash: row.get(5)?,
            prev_hash: row.get(6)?,
            hash: row.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Walks the chain from the first event; returns how many events are sound, or the first break.
pub(crate) fn verify(conn: &Connection) -> Result<Result<usize, BrokenLink>, ArchiveError> {
    let mut expected_prev = GENESIS.to_owned();
    let all = events(conn)?;
    for (index, event) in all.iter().enumerate() {
        let expected_seq = i64::try_from(index).unwrap_or(i64::MAX) + 1;
        let reason = if event.seq != expected_seq {
            Some(format!(
                "expected event {expected_seq} here: an event is missing or out of order"
            ))
        } else if event.prev_hash != expected_prev {
            Some("it does not follow from the event before it".to_owned())
        } else if event_hash(event) != event.hash {
            Some("its content does not match its hash: it was changed after it was written".to_owned())
        } else {
            None
        };
        if let Some(reason) = reason {
            return Ok(Err(BrokenLink {
                seq: event.seq,
                reason,
            }));
        }
        expected_prev = event.hash.clone();
    }
    Ok(Ok(all.len()))
}

fn event_hash(event: &AuditEvent) -> String {
    // Fields joined by the ASCII unit separator, which none of them may contain unescaped.
    let canonical = [
        event.seq.to_string().as_str(),
        &event.at,
        &event.actor,
        &event.action,
        &event.entity,
        &event.payload_hash,
        &event.prev_hash,
    ]
    .join("\u{1f}");
    sha256_hex(canonical.as_bytes())
}

/// The hash joins fields with a control character, so none may appear inside a field.
fn without_controls(text: &str) -> String {
    text.replace(char::is_control, "?")
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Who makes a change, and the clock that dates it: the channel (app or command line) and the
/// operating-system user, with the desk's one clock, so that every record and audit event the
/// archive stamps reads the same time as the desk's deadlines and letters.
#[derive(Debug, Clone)]
pub struct Actor {
    name: String,
    clock: Clock,
}

impl Actor {
    pub fn new(channel: &str, user: &str, clock: Clock) -> Actor {
        Actor {
            name: format!("{channel}:{user}"),
            clock,
        }
    }

    /// The signed-in user as the operating system names them.
    pub fn current(channel: &str, clock: Clock) -> Actor {
        let user = ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
            .unwrap_or_else(|| "unknown".to_owned());
        Actor::new(channel, &user, clock)
    }

    pub fn as_str(&self) -> &str {
        &self.name
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Now, as the archive stores it.
    pub fn stamp(&self) -> String {
        self.clock.stamp()
    }
}
