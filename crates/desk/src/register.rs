//! The board register and the board's settings, as use cases: list the register on a date, add,
//! edit and leave; preview and confirm an import; export; settings and the letterhead logo.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use scr_archive::{Archive, AuditAction, RegisterChange};
use scr_domain::board::BoardSettings;
use scr_domain::calendar::Holiday;
use scr_domain::framework::FrameworkSummary;
use scr_domain::register::import::{self, ImportPreview};
use scr_domain::register::{
    check_unique_email, parse_date, validated_agencies, Member, MemberId, MemberInput, MemberVersion,
    RegisterEntry,
};
use scr_domain::FieldProblem;

use crate::desk::documents_folder;
use crate::logo::{Logo, LogoView};
use crate::spreadsheet;
use crate::{Desk, DeskError};

/// The register as it stood on a date, with what the register page needs beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterView {
    /// The date the register is drawn up for.
    pub at: NaiveDate,
    pub today: NaiveDate,
    /// Every member, each with where they stood on `at` (serving, left, not yet started).
    pub entries: Vec<RegisterEntry>,
    pub agencies: Vec<String>,
}

/// One member with every version recorded for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberRecord {
    pub member: Member,
    pub history: Vec<MemberVersion>,
}

/// A file chosen for import, as the window sends it: its name and its bytes in base64 (a JSON
/// array of numbers would be four times the size).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileUpload {
    pub name: String,
    pub base64: String,
}

impl FileUpload {
    pub fn bytes(&self) -> Result<Vec<u8>, DeskError> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(self.base64.trim())
            .map_err(|error| DeskError::UploadDamaged(error.to_string()))
    }
}

/// The preview of an import: nothing has been written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreviewView {
    pub file_name: String,
    /// How the file was read, e.g. "CSV (Windows-1252, separated by semicolons)".
    pub format: String,
    pub preview: ImportPreview,
    pub can_import: bool,
    /// The data rows with problems, for "leave these rows out".
    pub problem_lines: Vec<usize>,
    /// Ties the confirmation to this preview: the same file, the same rows left out, and the
    /// register as it was. Anything else is refused as stale.
    pub token: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportDone {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub excluded: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn from_path(path: &Path) -> Result<ExportFormat, DeskError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(ExportFormat::Csv),
            Some("xlsx") => Ok(ExportFormat::Xlsx),
            _ => Err(DeskError::FormatUnknown {
                path: path.to_owned(),
                expected: ".csv or .xlsx",
            }),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

/// Where an export went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterExported {
    pub path: String,
    pub at: NaiveDate,
    pub members: usize,
}

/// The settings page's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    pub settings: BoardSettings,
    pub agencies: Vec<String>,
    pub frameworks: Vec<FrameworkSummary>,
    pub logo: Option<LogoView>,
    /// The board's own closure days, which working-day timers skip.
    pub closure_days: Vec<Holiday>,
}

/// The ids of the frameworks available (built in or the board's own), each once.
fn framework_ids(frameworks: Vec<FrameworkSummary>) -> Vec<String> {
    frameworks
        .into_iter()
        .map(|s| s.id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

impl Desk {
    /// The register as it stood on `at` (today when `None`).
    pub fn register_at(&self, at: Option<NaiveDate>) -> Result<RegisterView, DeskError> {
        let today = self.today();
        let at = at.unwrap_or(today);
        self.with_archive(|archive| {
            Ok(RegisterView {
                at,
                today,
                entries: archive.register()?.at(at),
                agencies: archive.agencies()?,
            })
        })
    }

    pub fn member(&self, id: MemberId) -> Result<MemberRecord, DeskError> {
        self.with_archive(|archive| {
            let register = archive.register()?;
            let member = register.member(id).ok_or(DeskError::MemberNotFound(id))?;
            Ok(MemberRecord {
                member,
                history: register.history(id).unwrap_or_default().to_vec(),
            })
        })
    }

    pub fn add_member(&self, input: MemberInput) -> Result<Member, DeskError> {
        let details = input.validated()?;
        self.with_archive(|archive| {
            check_unique_email(&archive.register()?, &details, None)?;
            let id = archive.add_member(&details)?;
            Ok(Member { id, details })
        })
    }

    /// Records new details for a member, in effect from `effective_from` (text as typed; today
    /// when empty). Saving unchanged details records nothing.
    pub fn edit_member(
        &self,
        id: MemberId,
        input: MemberInput,
        effective_from: &str,
    ) -> Result<Member, DeskError> {
        let validated = input.validated();
        let from = match effective_from.trim() {
            "" => Ok(self.today()),
            text => parse_date(text).map_err(|reason| FieldProblem {
                field: "effective_from",
                message: format!("The date the change applies from must be a real date: {reason}"),
            }),
        };
        let (details, from) = match (validated, from) {
            (Ok(details), Ok(from)) => (details, from),
            (validated, from) => {
                let mut problems = match validated {
                    Err(scr_domain::DomainError::MemberInvalid { problems, .. }) => problems,
                    Err(other) => return Err(other.into()),
                    Ok(_) => Vec::new(),
                };
                problems.extend(from.err());
                return Err(scr_domain::DomainError::MemberInvalid {
                    summary: "The member's details need correcting".to_owned(),
                    problems,
                }
                .into());
            }
        };
        self.with_archive(|archive| {
            let register = archive.register()?;
            let current = register.member(id).ok_or(DeskError::MemberNotFound(id))?;
            check_unique_email(&register, &details, Some(id))?;
            if current.details != details {
                archive.record_member_version(id, from, &details, AuditAction::MemberUpdated)?;
            }
            Ok(Member { id, details })
        })
    }

    /// Records that a member's term ended on `last_day` (text as typed). Their record is kept.
    pub fn leave_member(&self, id: MemberId, last_day: &str) -> Result<Member, DeskError> {
        let last_day = parse_date(last_day).map_err(|reason| scr_domain::DomainError::MemberInvalid {
            summary: "The member's details need correcting".to_owned(),
            problems: vec![FieldProblem {
                field: "term_end",
                message: if last_day.trim().is_empty() {
                    "Enter the last day of the member's term".to_owned()
                } else {
                    format!("The last day must be a real date: {reason}")
                },
            }],
        })?;
        self.with_archive(|archive| {
            let register = archive.register()?;
            let (from, details) = register
                .leaving(id, last_day)
                .ok_or(DeskError::MemberNotFound(id))??;
            archive.record_member_version(id, from, &details, AuditAction::MemberLeft)?;
            Ok(Member { id, details })
        })
    }

    /// Reads the file and says what importing it would do. Writes nothing.
    pub fn preview_import(
        &self,
        file_name: &str,
        bytes: &[u8],
        excluded_lines: &[usize],
    ) -> Result<ImportPreviewView, DeskError> {
        let read = spreadsheet::read(file_name, bytes).map_err(DeskError::from)?;
        let today = self.today();
        self.with_archive(|archive| {
            let (preview, token) = plan(archive, &read.table, bytes, excluded_lines, today)?;
            Ok(ImportPreviewView {
                file_name: file_name.to_owned(),
                format: read.format,
                can_import: preview.can_import(),
                problem_lines: preview.problem_lines(),
                preview,
                token,
            })
        })
    }

    /// Imports the file as previewed: the preview is made again from the same bytes and must
    /// match `token` and have no problems; then every change is written in one transaction.
    pub fn confirm_import(
        &self,
        file_name: &str,
        bytes: &[u8],
        excluded_lines: &[usize],
        token: &str,
    ) -> Result<ImportDone, DeskError> {
        let read = spreadsheet::read(file_name, bytes).map_err(DeskError::from)?;
        let today = self.today();
        self.with_archive(|archive| {
            let (preview, expected) = plan(archive, &read.table, bytes, excluded_lines, today)?;
            if !preview.can_import() {
                return Err(DeskError::ImportRejected {
                    problems: preview.problems.len(),
                });
            }
            if token != expected {
                return Err(DeskError::ImportStale);
            }
            let mut changes: Vec<RegisterChange> = preview
                .additions
                .iter()
                .map(|a| RegisterChange::Add(a.details.clone()))
                .collect();
            changes.extend(preview.updates.iter().map(|u| RegisterChange::Update {
                member_id: u.member_id,
                effective_from: today,
                details: u.details.clone(),
            }));
            let summary = serde_json::json!({
                "file": file_name,
                "sha256": hex::encode(Sha256::digest(bytes)),
                "format": read.format,
                "added": preview.additions.len(),
                "updated": preview.updates.len(),
                "unchanged": preview.unchanged.len(),
                "excluded_lines": preview.excluded_lines,
            });
            if !changes.is_empty() || !preview.new_agencies.is_empty() {
                archive.import_register(&changes, &preview.new_agencies, &summary)?;
            }
            Ok(ImportDone {
                added: preview.additions.len(),
                updated: preview.updates.len(),
                unchanged: preview.unchanged.len(),
                excluded: preview.excluded_lines.len(),
            })
        })
    }

    /// Writes the register serving on `at` (today when `None`) to a new `.csv` or `.xlsx` file.
    pub fn export_register(&self, path: &Path, at: Option<NaiveDate>) -> Result<RegisterExported, DeskError> {
        let format = ExportFormat::from_path(path)?;
        if path.exists() {
            return Err(DeskError::file_exists(path));
        }
        let at = at.unwrap_or_else(|| self.today());
        self.with_archive(|archive| {
            let entries = archive.register()?.serving_on(at);
            let board = archive.board_profile()?.map(|b| b.name).unwrap_or_default();
            let bytes = match format {
                ExportFormat::Csv => spreadsheet::write_csv(&entries),
                ExportFormat::Xlsx => {
                    spreadsheet::write_xlsx(&entries, &spreadsheet::export_title(&board, at))
                }
            }?;
            // Written, then recorded; if recording fails the file goes again. So the trail never
            // misses an export that happened, and never shows one that did not.
            write_new_file(path, &bytes)?;
            let recorded = archive.record_register_export(&serde_json::json!({
                "path": path.display().to_string(),
                "at": at,
                "members": entries.len(),
            }));
            if let Err(error) = recorded {
                let _ = std::fs::remove_file(path);
                return Err(error.into());
            }
            Ok(RegisterExported {
                path: path.display().to_string(),
                at,
                members: entries.len(),
            })
        })
    }

    /// An export into the user's Documents folder, named by the date; for the app's buttons.
    pub fn export_register_to_documents(
        &self,
        format: ExportFormat,
        at: Option<NaiveDate>,
    ) -> Result<RegisterExported, DeskError> {
        let folder = documents_folder("SCR Decision Desk exports")?;
        let at = at.unwrap_or_else(|| self.today());
        let path = free_name(&folder, &format!("board-register-{at}"), format.extension());
        self.export_register(&path, Some(at))
    }

    pub fn board_settings(&self) -> Result<SettingsView, DeskError> {
        self.with_archive(|archive| self.settings_view(archive))
    }

    pub fn save_board_settings(
        &self,
        settings: BoardSettings,
        agencies: Vec<String>,
    ) -> Result<SettingsView, DeskError> {
        let settings_checked = settings.validated(&framework_ids(self.frameworks()));
        let agencies_checked = validated_agencies(&agencies);
        let (settings, agencies) = match (settings_checked, agencies_checked) {
            (Ok(settings), Ok(agencies)) => (settings, agencies),
            (settings, agencies) => {
                let mut problems = Vec::new();
                for error in [settings.err(), agencies.err()].into_iter().flatten() {
                    match error {
                        scr_domain::DomainError::Invalid { problems: found, .. } => problems.extend(found),
                        other => return Err(other.into()),
                    }
                }
                return Err(scr_domain::DomainError::Invalid {
                    summary: "The board's settings need correcting".to_owned(),
                    problems,
                }
                .into());
            }
        };
        self.with_archive(|archive| {
            if archive.board_settings()? != settings {
                archive.save_board_settings(&settings)?;
            }
            if archive.agencies()? != agencies {
                archive.save_agencies(&agencies)?;
            }
            self.settings_view(archive)
        })
    }

    /// Checks, scales and stores the letterhead logo; `None` removes it.
    pub fn save_board_logo(&self, bytes: Option<&[u8]>) -> Result<SettingsView, DeskError> {
        let logo = bytes.map(Logo::check).transpose()?;
        self.with_archive(|archive| {
            archive.save_board_logo(logo.as_ref().map(|l| (l.media_type, l.bytes.as_slice())))?;
            self.settings_view(archive)
        })
    }
}

impl Desk {
    pub(crate) fn settings_view(&self, archive: &mut Archive) -> Result<SettingsView, DeskError> {
        Ok(SettingsView {
            settings: archive.board_settings()?,
            agencies: archive.agencies()?,
            frameworks: self.frameworks(),
            logo: archive
                .board_logo()?
                .map(|(media_type, bytes)| Logo::view(&media_type, &bytes)),
            closure_days: archive.closure_days()?,
        })
    }
}

/// The preview against the archive as it is now, and the token that pins it.
fn plan(
    archive: &Archive,
    table: &import::Table,
    bytes: &[u8],
    excluded_lines: &[usize],
    today: NaiveDate,
) -> Result<(ImportPreview, String), DeskError> {
    let versions = archive.member_versions()?;
    let last_seq = versions.last().map_or(0, |v| v.seq);
    let register = scr_domain::register::Register::from_versions(versions);
    let agencies = archive.agencies()?;
    let preview = import::preview(table, &register, &agencies, today, excluded_lines);
    let mut hash = Sha256::new();
    hash.update(bytes);
    hash.update(format!(
        "\u{1f}{excluded_lines:?}\u{1f}{last_seq}\u{1f}{today}\u{1f}{agencies:?}"
    ));
    Ok((preview, hex::encode(hash.finalize())))
}

pub(crate) fn free_name(folder: &Path, stem: &str, extension: &str) -> PathBuf {
    let first = folder.join(format!("{stem}.{extension}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| folder.join(format!("{stem}-{n}.{extension}")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}

/// A new file only its owner can read (a letter, the register, a preview): never over an
/// existing file or through a link planted at the path.
pub(crate) fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), DeskError> {
    scr_files::write_new(path, bytes).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => DeskError::file_exists(path),
        _ => DeskError::FileNotWritten {
            path: path.to_owned(),
            source: error,
        },
    })
}
