//! A board's own data file (a framework, a retention schedule) read from its folder under the
//! data folder: only a regular file inside the folder (a link is followed only if it stays
//! inside), at most `limit` bytes, as UTF-8 text. Each refusal is a stable code and a reason for
//! the chair; the caller puts them in its own list of problems with the file's name.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use scr_archive::files;
use scr_domain::DomainError;

use crate::ErrorCode;

/// Why one of the board's own data files (a framework file, the retention schedule) was not used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FolderFileProblem {
    /// The file's name inside its folder (or the folder's, when the folder itself is refused).
    pub file: String,
    /// What kind of problem: `framework.invalid` or `retention.schedule_invalid` (the TOML or its
    /// content), `file.too_large`, `file.not_regular`, `file.outside_folder` or
    /// `input.unreadable`.
    pub code: ErrorCode,
    #[ts(type = "number | null")]
    pub line: Option<usize>,
    #[ts(type = "number | null")]
    pub column: Option<usize>,
    pub reason: String,
}

impl FolderFileProblem {
    /// A problem with the whole file (or folder), at no particular line.
    pub(crate) fn new(file: &str, code: ErrorCode, reason: String) -> Self {
        Self {
            file: file.to_owned(),
            code,
            line: None,
            column: None,
            reason,
        }
    }
}

/// The name of a file found in a board's folder, as its problems name it.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One of the board's folders: how much of a file in it is read, the code for a file whose
/// content is refused, and what the refusals call the folder and its files.
pub(crate) struct BoardFolder {
    /// The largest file read, in bytes.
    pub limit: u64,
    /// `framework.invalid`, `retention.schedule_invalid`.
    pub invalid: ErrorCode,
    /// "frameworks folder", "retention folder".
    pub folder: &'static str,
    /// "framework files are read", "a schedule file is read".
    pub what_is_read: &'static str,
}

impl BoardFolder {
    /// The text of the file at `path` in the folder (`canonical`), named `name` in its problem.
    pub(crate) fn read(
        &self,
        canonical: &Path,
        path: &Path,
        name: &str,
    ) -> Result<String, FolderFileProblem> {
        read_folder_file(canonical, path, self)
            .map_err(|(code, reason)| FolderFileProblem::new(name, code, reason))
    }

    /// The problem with a file whose TOML or content the domain refused (at its line and
    /// column, when the domain found them).
    pub(crate) fn refused(&self, name: &str, error: DomainError) -> FolderFileProblem {
        match error {
            DomainError::FrameworkInvalid {
                file,
                line,
                column,
                reason,
            }
            | DomainError::RetentionScheduleInvalid {
                file,
                line,
                column,
                reason,
            } => FolderFileProblem {
                file,
                code: self.invalid,
                line,
                column,
                reason,
            },
            other => FolderFileProblem::new(name, self.invalid, other.to_string()),
        }
    }
}

/// Entries of the folder looked at, whatever they are: listing a folder someone filled with
/// millions of files must not take start-up's time and memory.
const MAX_FOLDER_ENTRIES: usize = 4096;

/// The `.toml` files among the first entries of `folder`, sorted by name; none when there is no
/// such folder. A folder that cannot be listed is refused with a reason for the chair.
pub(crate) fn toml_files_in(folder: &Path) -> Result<Vec<PathBuf>, (ErrorCode, String)> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err((
                ErrorCode::InputUnreadable,
                format!("the folder cannot be read ({error}); check its permissions"),
            ))
        }
    };
    let mut files: Vec<_> = entries
        .take(MAX_FOLDER_ENTRIES)
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"))
        })
        .collect();
    files.sort();
    Ok(files)
}

fn read_folder_file(
    folder: &Path,
    path: &Path,
    board_folder: &BoardFolder,
) -> Result<String, (ErrorCode, String)> {
    let unreadable = |error: std::io::Error| {
        (
            ErrorCode::InputUnreadable,
            format!("the file cannot be read ({error})"),
        )
    };
    // Looked at without following a link, so nothing is opened before its kind is known.
    let own = std::fs::symlink_metadata(path).map_err(unreadable)?;
    let target = if own.file_type().is_symlink() {
        let resolved = std::fs::canonicalize(path).map_err(unreadable)?;
        if !resolved.starts_with(folder) {
            return Err((
                ErrorCode::FileOutsideFolder,
                format!(
                    "the file is a link to something outside the {}; copy the file itself into the folder",
                    board_folder.folder
                ),
            ));
        }
        resolved
    } else {
        path.to_owned()
    };
    if !std::fs::symlink_metadata(&target).map_err(unreadable)?.is_file() {
        return Err((
            ErrorCode::FileNotRegular,
            format!(
                "this is not a regular file (a folder, a device or a pipe); only {}",
                board_folder.what_is_read
            ),
        ));
    }
    let bytes = files::read_limited(&target, board_folder.limit).map_err(|error| {
        (
            crate::error::file_code(&error),
            format!("the file was not read: {error}"),
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        (
            ErrorCode::InputUnreadable,
            "the file is not UTF-8 text; save it as UTF-8".to_owned(),
        )
    })
}
