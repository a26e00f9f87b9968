//! The secure-export channel: one folder per batch, one signed PDF per member, and an index of
//! who gets which file, for the board manager to send through an agency's own secure mail.
//! The folder is written under a temporary name and renamed at the end: a failure midway never
//! leaves a folder that looks complete. The folder is its owner's alone (0700, files 0600, created
//! exclusively), and the index's cells cannot run as spreadsheet formulas.

use std::path::{Path, PathBuf};

use scr_domain::text::spreadsheet_safe;
use sha2::{Digest, Sha256};

use crate::MailError;

pub const INDEX_FILE: &str = "index.csv";

#[derive(Debug, Clone)]
pub struct ExportItem {
    pub member_name: String,
    pub email: String,
    pub agency: String,
    pub reference: String,
    pub pdf: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedBatch {
    pub folder: PathBuf,
    /// The file written for each item, in the order given.
    pub files: Vec<String>,
}

/// Writes `parent/batch_name/` with the letters and `index.csv`. Refuses an existing folder.
pub fn export_batch(
    parent: &Path,
    batch_name: &str,
    items: &[ExportItem],
) -> Result<ExportedBatch, MailError> {
    let folder = parent.join(safe_name(batch_name));
    if folder.symlink_metadata().is_ok() {
        return Err(MailError::ExportExists { path: folder });
    }
    std::fs::create_dir_all(parent).map_err(|e| MailError::io("cannot create", parent, e))?;
    let partial = parent.join(format!(".{}.partial", safe_name(batch_name)));
    if partial.symlink_metadata().is_ok() {
        // Left by a crash; a link planted there is removed, never followed.
        std::fs::remove_dir_all(&partial)
            .or_else(|_| std::fs::remove_file(&partial))
            .map_err(|e| MailError::io("cannot remove", &partial, e))?;
    }
    scr_files::create_new_dir(&partial).map_err(|e| MailError::io("cannot create", &partial, e))?;
    let written = write_items(&partial, items);
    let files = match written {
        Ok(files) => files,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&partial);
            return Err(error);
        }
    };
    std::fs::rename(&partial, &folder)
        .map_err(|e| MailError::io("cannot rename the export to", &folder, e))?;
    Ok(ExportedBatch { folder, files })
}

fn write_items(dir: &Path, items: &[ExportItem]) -> Result<Vec<String>, MailError> {
    let mut index = csv::Writer::from_writer(Vec::new());
    let header = ["file", "member", "email", "agency", "reference", "sha256"];
    index.write_record(header).map_err(csv_error)?;
    let mut files = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let file = format!(
            "{:03}-{}-{}.pdf",
            n + 1,
            safe_name(&item.reference),
            safe_name(&item.member_name)
        );
        let path = dir.join(&file);
        scr_files::write_new(&path, &item.pdf).map_err(|e| MailError::io("cannot write", &path, e))?;
        let sha256 = hex::encode_upper(Sha256::digest(&item.pdf));
        index
            .write_record(
                [
                    &file,
                    &item.member_name,
                    &item.email,
                    &item.agency,
                    &item.reference,
                    &sha256,
                ]
                .map(|cell| spreadsheet_safe(cell)),
            )
            .map_err(csv_error)?;
        files.push(file);
    }
    let bytes = index
        .into_inner()
        .map_err(|e| MailError::Message(e.to_string()))?;
    let path = dir.join(INDEX_FILE);
    scr_files::write_new(&path, &bytes).map_err(|e| MailError::io("cannot write", &path, e))?;
    Ok(files)
}

fn csv_error(error: csv::Error) -> MailError {
    MailError::Message(format!("the index could not be written: {error}"))
}

/// A file name every platform accepts: letters, digits, '-' and '_' only.
fn safe_name(text: &str) -> String {
    let name: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() {
        "letter".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, pdf: &[u8]) -> ExportItem {
        ExportItem {
            member_name: name.into(),
            email: format!("{}@example.org", name.to_lowercase().replace(' ', ".")),
            agency: "Police".into(),
            reference: "SCR-2026-003".into(),
            pdf: pdf.to_vec(),
        }
    }

    #[test]
    fn one_file_per_member_and_an_index_and_never_over_an_earlier_export() {
        let temp = tempfile::tempdir().expect("tempdir");
        let batch = export_batch(
            temp.path(),
            "SCR-2026-003 batch 1",
            &[item("Ann Lee", b"%PDF-a"), item("Bo/Ng", b"%PDF-b")],
        )
        .expect("export");
        assert_eq!(
            batch.files,
            ["001-SCR-2026-003-Ann_Lee.pdf", "002-SCR-2026-003-Bo_Ng.pdf"]
        );
        assert_eq!(
            std::fs::read(batch.folder.join(&batch.files[1])).expect("read"),
            b"%PDF-b"
        );
        let index = std::fs::read_to_string(batch.folder.join(INDEX_FILE)).expect("index");
        let lines: Vec<&str> = index.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1]
            .starts_with("001-SCR-2026-003-Ann_Lee.pdf,Ann Lee,ann.lee@example.org,Police,SCR-2026-003,"));
        assert!(matches!(
            export_batch(temp.path(), "SCR-2026-003 batch 1", &[item("Ann Lee", b"x")]),
            Err(MailError::ExportExists { .. })
        ));
        let leftovers = std::fs::read_dir(temp.path()).expect("dir").count();
        assert_eq!(leftovers, 1, "no partial folder is left behind");
    }

    #[test]
    fn index_cells_that_look_like_formulas_are_defused() {
        let temp = tempfile::tempdir().expect("tempdir");
        let mut hostile = item("=HYPERLINK(\"http://x\")", b"%PDF-a");
        hostile.agency = "@SUM(A1)".into();
        let batch = export_batch(temp.path(), "batch", &[hostile]).expect("export");
        let index = std::fs::read_to_string(batch.folder.join(INDEX_FILE)).expect("index");
        let row = index.lines().nth(1).expect("row");
        assert!(row.contains("'=HYPERLINK"), "{row}");
        assert!(row.contains(",'@SUM(A1),"), "{row}");
    }

    #[cfg(unix)]
    #[test]
    fn the_folder_and_its_files_are_the_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        let temp = tempfile::tempdir().expect("tempdir");
        let batch = export_batch(temp.path(), "batch", &[item("Ann Lee", b"%PDF-a")]).expect("export");
        let mode = |path: &Path| std::fs::metadata(path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&batch.folder), 0o700);
        assert_eq!(mode(&batch.folder.join(INDEX_FILE)), 0o600);
        assert_eq!(mode(&batch.folder.join(&batch.files[0])), 0o600);
    }
}
