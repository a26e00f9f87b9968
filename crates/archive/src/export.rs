//! The escape hatch: everything in the archive, decrypted, in documented files, for when the
//! board must move its records elsewhere. Only on an explicit request, and audited.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::audit::{AuditAction, AuditEvent};
use crate::{Archive, ArchiveError};

const README: &str = "SCR Decision Desk: decrypted export\n\
\n\
This folder was written on request from an SCR Decision Desk archive. It is NOT encrypted:\n\
it may hold special category data about children. Keep it only as long as you need it, in\n\
a place your data protection policy allows, and delete it securely afterwards.\n\
\n\
archive.json   everything the archive holds, as JSON:\n\
  format, version        \"scr-desk-export\", 2 (version 1 named the fields of members,\n\
                         settings, case summaries, annexes and drafts in snake_case; 2 in\n\
                         camelCase; a decision's canonical text is the same in both)\n\
  exported_at            when this export was made (UTC, RFC 3339)\n\
  archive_id             the archive's identifier\n\
  schema_version         the archive's database schema version\n\
  board                  the board's name and area (null if never set)\n\
  board_settings         letterhead address, chair, protective marking, framework, sub-group\n\
                         (the logo is not exported)\n\
  agencies               the agencies members are chosen from\n\
  member_versions        the board register: every version of every member, in the order\n\
                         recorded (memberId, seq, effectiveFrom, details); members are never\n\
                         deleted, leaving sets details.termEnd\n\
  cases                  every case: reference, summary (what the board sees), annex (the\n\
                         RESTRICTED identifying details), the draft, every finalised\n\
                         decision (record, canonical text and its SHA-256 content hash), and\n\
                         annex_overrides: the annex terms the chair allowed in letters\n\
  issued_letters         every letter issued: reference, kind, recipient, sha256, size,\n\
                         created_at, signer fingerprints, and its file in letters/\n\
  closure_days           the board's own closure days (date, name), which working-day timers skip\n\
  audit_events           the audit trail, oldest first: seq, at, actor, action, entity,\n\
                         payload_hash, prev_hash, hash (SHA-256 over the fields, chained)\n\
  disposals              every disposal certificate: the class of record and the case disposed\n\
                         of, when, under which rule, on whose authority, the rows removed, the\n\
                         hashes of the letters and decisions removed, and the backups made before\n\
                         it (which still hold what was disposed of); a disposed annex is exported empty\n\
\n\
letters/       each issued letter exactly as signed (<id>.pdf); its SHA-256 is in archive.json.\n\
               A letter whose file was disposed of has no file (file: null), only its SHA-256\n";

#[derive(Debug, Serialize)]
struct ExportDocument<'a> {
    format: &'static str,
    version: u32,
    exported_at: String,
    archive_id: &'a str,
    schema_version: i64,
    board: Option<scr_domain::board::BoardProfile>,
    board_settings: scr_domain::board::BoardSettings,
    agencies: Vec<String>,
    closure_days: Vec<scr_domain::calendar::Holiday>,
    member_versions: Vec<scr_domain::register::MemberVersion>,
    cases: Vec<ExportedCase>,
    issued_letters: Vec<ExportedLetter>,
    disposals: Vec<scr_domain::retention::certificate::DisposalCertificate>,
    audit_events: Vec<AuditEvent>,
}

#[derive(Debug, Serialize)]
struct ExportedCase {
    #[serde(flatten)]
    case: crate::CaseRecord,
    annex: scr_domain::case::RestrictedAnnex,
    decisions: Vec<scr_domain::finalise::FinalisedDecision>,
    annex_overrides: Vec<crate::AnnexOverride>,
}

#[derive(Debug, Serialize)]
struct ExportedLetter {
    #[serde(flatten)]
    record: crate::IssuedLetterRecord,
    /// None once the letter's file was disposed of.
    file: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportSummary {
    pub dir: PathBuf,
    pub files: Vec<String>,
}

impl Archive {
    /// Writes the export into `dir`, a new folder (its parents are created if need be) that only
    /// its owner can open, with files only its owner can read. Anything already at `dir`, even
    /// an empty folder or a link, is refused: a decrypted copy never lands where others look.
    pub fn export(&mut self, dir: &Path) -> Result<ExportSummary, ArchiveError> {
        if dir.symlink_metadata().is_ok() {
            return Err(ArchiveError::FileExists { path: dir.to_owned() });
        }
        if let Some(parent) = dir.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|error| ArchiveError::io("cannot create", parent, error))?;
        }
        new_dir(dir)?;
        // Record the export first: an export that happened must never be missing from the trail.
        self.record(AuditAction::ExportMade, "archive", &dir.display().to_string())?;
        let mut cases = Vec::new();
        for item in self.list_cases(None)? {
            cases.push(ExportedCase {
                case: self.case(item.id)?,
                annex: self.annex_for_checks(item.id)?,
                decisions: self.decisions(item.id)?,
                annex_overrides: self.annex_overrides(item.id)?,
            });
        }
        let letters_dir = dir.join("letters");
        let mut issued_letters = Vec::new();
        for record in self.issued_letters(None)? {
            let letter = match self.issued_letter(record.id) {
                Err(ArchiveError::Disposed { .. }) => {
                    issued_letters.push(ExportedLetter { record, file: None });
                    continue;
                }
                found => found?.ok_or(ArchiveError::LetterUnknown { id: record.id })?,
            };
            if !letters_dir.exists() {
                new_dir(&letters_dir)?;
            }
            let file = format!("letters/{}.pdf", record.id);
            new_file(&dir.join(&file), &letter.pdf)?;
            issued_letters.push(ExportedLetter {
                record,
                file: Some(file),
            });
        }
        let document = ExportDocument {
            format: "scr-desk-export",
            version: 2,
            exported_at: self.actor.stamp(),
            archive_id: &self.header.archive_id,
            schema_version: self.schema_version()?,
            board: self.board_profile()?,
            board_settings: self.board_settings()?,
            agencies: self.agencies()?,
            closure_days: self.closure_days()?,
            member_versions: self.member_versions()?,
            cases,
            issued_letters,
            disposals: self
                .disposals(None)?
                .into_iter()
                .rev()
                .map(|disposal| disposal.certificate)
                .collect(),
            audit_events: self.audit_events()?,
        };
        let json = serde_json::to_vec_pretty(&document)
            .map_err(|error| ArchiveError::Encoding(error.to_string()))?;
        let mut files: Vec<String> = document
            .issued_letters
            .iter()
            .filter_map(|letter| letter.file.clone())
            .collect();
        for (name, bytes) in [
            ("archive.json", json.as_slice()),
            ("README.txt", README.as_bytes()),
        ] {
            new_file(&dir.join(name), bytes)?;
            files.push(name.to_owned());
        }
        Ok(ExportSummary {
            dir: dir.to_owned(),
            files,
        })
    }
}

fn new_dir(path: &Path) -> Result<(), ArchiveError> {
    scr_files::create_new_dir(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => ArchiveError::FileExists {
            path: path.to_owned(),
        },
        _ => ArchiveError::io("cannot create", path, error),
    })
}

fn new_file(path: &Path, bytes: &[u8]) -> Result<(), ArchiveError> {
    scr_files::write_new(path, bytes).map_err(|error| ArchiveError::io("cannot write", path, error))
}
