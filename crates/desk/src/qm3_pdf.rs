//! The QM3 report as a signed PDF in the letters' style: composed by `scr_letters::report`
//! from the report the annex guard has read (see `qm3_export.rs`), rendered and signed as the
//! board's letters are (the chair's signature, the board's timestamp authority when set, the
//! validation data for the years to come), checked by our verifier, and written to a new
//! private file. The app saves it, or the CSV or XLSX, into the Documents folder, as it saves a
//! copy of a letter.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use scr_archive::ArchiveError;
use scr_domain::qm3::Qm3Report;
use scr_letters::report::{qm3_document, Qm3Board};
use scr_letters::{LetterRenderer, Signatory};

use crate::letter_signing::{chosen_signers, SigningKit};
use crate::letters_from_decisions::board_for_letters;
use crate::qm3_export::Qm3Exported;
use crate::register::{free_name, write_new_file};
use crate::signing::grouped_fingerprint;
use crate::{Desk, DeskError};

/// The folder in Documents the app saves reports into.
const REPORTS_FOLDER: &str = "SCR Decision Desk reports";

/// Which file the app saves the report as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Qm3Format {
    /// Signed, in the letters' style.
    Pdf,
    Csv,
    Xlsx,
}

impl Qm3Format {
    fn extension(self) -> &'static str {
        match self {
            Qm3Format::Pdf => "pdf",
            Qm3Format::Csv => "csv",
            Qm3Format::Xlsx => "xlsx",
        }
    }
}

impl Desk {
    /// Saves the report for `from..=to` into the Documents folder as `format`, under a name
    /// not yet taken ("qm3-2025-04-01-to-2026-03-31.pdf", then "-2", ...).
    pub fn save_qm3_to_documents(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        format: Qm3Format,
    ) -> Result<Qm3Exported, DeskError> {
        let folder = crate::desk::documents_folder(REPORTS_FOLDER)?;
        let stem = format!("qm3-{from}-to-{to}");
        let path = free_name(&folder, &stem, format.extension());
        match format {
            Qm3Format::Pdf => self.write_qm3_pdf(from, to, &path),
            Qm3Format::Csv => self.export_qm3(from, to, Some(&path), None),
            Qm3Format::Xlsx => self.export_qm3(from, to, None, Some(&path)),
        }
    }

    /// The signed PDF of the report for `from..=to`, after the annex guard has read every line.
    pub fn qm3_pdf(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<u8>, DeskError> {
        let report = self.guarded_qm3(from, to)?;
        self.sign_qm3(&report)
    }

    /// Writes the signed PDF of the report for `from..=to` to a new file (never over one).
    pub fn write_qm3_pdf(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        path: &Path,
    ) -> Result<Qm3Exported, DeskError> {
        if path.exists() {
            return Err(DeskError::file_exists(path));
        }
        let report = self.guarded_qm3(from, to)?;
        let pdf = self.sign_qm3(&report)?;
        write_new_file(path, &pdf)?;
        Ok(Qm3Exported {
            from,
            to,
            cases: u32::try_from(report.rows.len()).unwrap_or(u32::MAX),
            files: vec![path.display().to_string()],
        })
    }

    fn sign_qm3(&self, report: &Qm3Report) -> Result<Vec<u8>, DeskError> {
        let now = self.now();
        let date = self.today();
        self.with_archive(|archive| {
            let authority = archive
                .signing_authority()?
                .ok_or(ArchiveError::SigningNotSetUp)?;
            // The chair signs, as the board's letters are signed when no one else is chosen.
            let chosen = chosen_signers(archive, authority.id, &[])?;
            let signatories: Vec<Signatory> = chosen
                .iter()
                .map(|s| Signatory {
                    name: s.name.clone(),
                    role: s.role.clone(),
                })
                .collect();
            let board = board_for_letters(archive)?;
            let fingerprint = grouped_fingerprint(&authority.fingerprint);
            let document = qm3_document(
                report,
                &Qm3Board {
                    board: &board,
                    signatories: &signatories,
                    board_fingerprint: &fingerprint,
                    date,
                },
            );
            let kit = SigningKit::load(archive, &chosen, now)?;
            let renderer = LetterRenderer::new()?;
            let reason = format!("Quality Marker 3 report {}", document.reference);
            kit.signing(&renderer, now).sign_document(&document, &reason)
        })
    }
}
