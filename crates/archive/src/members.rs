//! The board register as the archive keeps it: members and their versions, never changed or
//! deleted; the agencies list. Every change appends its audit event in the same transaction,
//! and an import is one transaction with one event per member plus one for the import.

use chrono::NaiveDate;
use rusqlite::{params, Row, Transaction};
use serde::Serialize;

use scr_domain::register::{
    Channel, MemberDetails, MemberId, MemberVersion, Register, Voting, DEFAULT_AGENCIES,
};

use crate::audit::Actor;
use crate::audit::{self, AuditAction};
use crate::{Archive, ArchiveError};

/// One change an import makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterChange {
    /// A new member, in effect from the start of their term.
    Add(MemberDetails),
    /// A new version of an existing member, in effect from `effective_from`.
    Update {
        member_id: MemberId,
        effective_from: NaiveDate,
        details: MemberDetails,
    },
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub added: usize,
    pub updated: usize,
}

#[derive(Serialize)]
struct MemberEvent<'a> {
    member_id: MemberId,
    effective_from: NaiveDate,
    details: &'a MemberDetails,
}

impl Archive {
    /// Every version of every member, in the order they were recorded.
    pub fn member_versions(&self) -> Result<Vec<MemberVersion>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT member_id, seq, effective_from, name, role, agency, email, phone, term_start,
                    term_end, voting, receives_letters, channel, notes
             FROM member_versions ORDER BY seq",
        )?;
        let rows = statement.query_map([], version_from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    pub fn register(&self) -> Result<Register, ArchiveError> {
        Ok(Register::from_versions(self.member_versions()?))
    }

    /// Adds a member; their first version takes effect from the start of their term.
    pub fn add_member(&mut self, details: &MemberDetails) -> Result<MemberId, ArchiveError> {
        let tx = self.conn.transaction()?;
        let id = insert_member(&tx, &self.actor, details)?;
        tx.commit()?;
        self.note_head();
        Ok(id)
    }

    /// Records a new version of a member: an edit ([`AuditAction::MemberUpdated`]) or the end
    /// of their term ([`AuditAction::MemberLeft`]).
    pub fn record_member_version(
        &mut self,
        member_id: MemberId,
        effective_from: NaiveDate,
        details: &MemberDetails,
        action: AuditAction,
    ) -> Result<(), ArchiveError> {
        let tx = self.conn.transaction()?;
        insert_version(&tx, &self.actor, member_id, effective_from, details, action)?;
        tx.commit()?;
        self.note_head();
        Ok(())
    }

    /// Applies an import: all of it, or (on any failure) none of it. One audit event per member
    /// added or updated, then `register.imported` with `summary`.
    pub fn import_register(
        &mut self,
        changes: &[RegisterChange],
        new_agencies: &[String],
        summary: &impl Serialize,
    ) -> Result<ImportCounts, ArchiveError> {
        let actor = self.actor.clone();
        let tx = self.conn.transaction()?;
        let mut counts = ImportCounts { added: 0, updated: 0 };
        for change in changes {
            match change {
                RegisterChange::Add(details) => {
                    insert_member(&tx, &actor, details)?;
                    counts.added += 1;
                }
                RegisterChange::Update {
                    member_id,
                    effective_from,
                    details,
                } => {
                    insert_version(
                        &tx,
                        &actor,
                        *member_id,
                        *effective_from,
                        details,
                        AuditAction::MemberUpdated,
                    )?;
                    counts.updated += 1;
                }
            }
        }
        if !new_agencies.is_empty() {
            let mut agencies = agencies_in(&tx)?;
            agencies.extend(new_agencies.iter().cloned());
            replace_agencies(&tx, &agencies)?;
            audit::append(&tx, &actor, AuditAction::AgenciesSaved, "board", &agencies)?;
        }
        audit::append(&tx, &actor, AuditAction::RegisterImported, "register", summary)?;
        tx.commit()?;
        self.note_head();
        Ok(counts)
    }

    /// The agencies members are chosen from, in the board's order.
    pub fn agencies(&self) -> Result<Vec<String>, ArchiveError> {
        agencies_in(&self.conn)
    }

    pub fn save_agencies(&mut self, agencies: &[String]) -> Result<(), ArchiveError> {
        self.write(AuditAction::AgenciesSaved, "board", &agencies, |tx| {
            replace_agencies(tx, agencies)
        })
    }

    /// Records that the register was written out to a file (which leaves the archive unencrypted).
    pub fn record_register_export(&mut self, summary: &impl Serialize) -> Result<(), ArchiveError> {
        self.record(AuditAction::RegisterExported, "register", summary)
    }
}

fn agencies_in(conn: &rusqlite::Connection) -> Result<Vec<String>, ArchiveError> {
    let mut statement = conn.prepare("SELECT name FROM agencies ORDER BY position")?;
    let saved = statement
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(if saved.is_empty() {
        DEFAULT_AGENCIES.iter().map(|a| (*a).to_owned()).collect()
    } else {
        saved
    })
}

fn replace_agencies(tx: &Transaction<'_>, agencies: &[String]) -> Result<(), ArchiveError> {
    tx.execute("DELETE FROM agencies", [])?;
    for (position, name) in agencies.iter().enumerate() {
        tx.execute(
            "INSERT INTO agencies (position, name) VALUES (?1, ?2)",
            params![i64::try_from(position).unwrap_or(i64::MAX), name],
        )?;
    }
    Ok(())
}

fn insert_member(
    tx: &Transaction<'_>,
    actor: &Actor,
    details: &MemberDetails,
) -> Result<MemberId, ArchiveError> {
    tx.execute("INSERT INTO members (added_at) VALUES (?1)", [actor.stamp()])?;
    let id = tx.last_insert_rowid();
    insert_version(
        tx,
        actor,
        id,
        details.term_start,
        details,
        AuditAction::MemberAdded,
    )?;
    Ok(id)
}

fn insert_version(
    tx: &Transaction<'_>,
    actor: &Actor,
    member_id: MemberId,
    effective_from: NaiveDate,
    details: &MemberDetails,
    action: AuditAction,
) -> Result<(), ArchiveError> {
    tx.execute(
        "INSERT INTO member_versions (member_id, effective_from, recorded_at, name, role, agency,
             email, phone, term_start, term_end, voting, receives_letters, channel, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            member_id,
            effective_from.to_string(),
            actor.stamp(),
            details.name,
            details.role,
            details.agency,
            details.email,
            details.phone,
            details.term_start.to_string(),
            details.term_end.map(|d| d.to_string()),
            voting_text(details.voting),
            details.receives_letters,
            channel_text(details.channel),
            details.notes,
        ],
    )?;
    audit::append(
        tx,
        actor,
        action,
        &format!("member/{member_id}"),
        &MemberEvent {
            member_id,
            effective_from,
            details,
        },
    )?;
    Ok(())
}

fn voting_text(voting: Voting) -> &'static str {
    match voting {
        Voting::Voting => "voting",
        Voting::Advisory => "advisory",
    }
}

fn channel_text(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "email",
        Channel::SecureExport => "secure_export",
        Channel::Post => "post",
    }
}

fn version_from_row(row: &Row<'_>) -> rusqlite::Result<MemberVersion> {
    let date = |index: usize| -> rusqlite::Result<NaiveDate> {
        let text: String = row.get(index)?;
        text.parse().map_err(|error| {
            rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(error))
        })
    };
    let term_end: Option<String> = row.get(9)?;
    let term_end = match term_end {
        Some(_) => Some(date(9)?),
        None => None,
    };
    let voting: String = row.get(10)?;
    let channel: String = row.get(12)?;
    Ok(MemberVersion {
        member_id: row.get(0)?,
        seq: row.get(1)?,
        effective_from: date(2)?,
        details: MemberDetails {
            name: row.get(3)?,
            role: row.get(4)?,
            agency: row.get(5)?,
            email: row.get(6)?,
            phone: row.get(7)?,
            term_start: date(8)?,
            term_end,
            voting: if voting == "advisory" {
                Voting::Advisory
            } else {
                Voting::Voting
            },
            receives_letters: row.get(11)?,
            channel: match channel.as_str() {
                "secure_export" => Channel::SecureExport,
                "post" => Channel::Post,
                _ => Channel::Email,
            },
            notes: row.get(13)?,
        },
    })
}
