//! A board's own data file (a framework, a retention schedule) read from its folder under the
//! data folder: only a regular file inside the folder (a link is followed only if it stays
//! inside), at most `limit` bytes, as UTF-8 text. Each refusal is a stable code and a reason for
//! the chair; the caller puts them in its own list of problems with the file's name.

use std::path::Path;

use scr_archive::files;

use crate::ErrorCode;

/// What the refusals call the folder and the files read from it.
pub(crate) struct FolderWords {
    /// "frameworks folder", "retention folder".
    pub folder: &'static str,
    /// "framework files are read", "a schedule file is read".
    pub what_is_read: &'static str,
}

pub(crate) fn read_folder_file(
    folder: &Path,
    path: &Path,
    limit: u64,
    words: &FolderWords,
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
                    words.folder
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
                words.what_is_read
            ),
        ));
    }
    let bytes = files::read_limited(&target, limit).map_err(|error| {
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
