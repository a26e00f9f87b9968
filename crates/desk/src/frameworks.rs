//! The board's own framework files, read from `<data_dir>/frameworks/*.toml` when the desk is
//! made. A bad file never stops the app: it is left out, and its problem (file, line, reason) is
//! kept for the UI and the command line to show. The built-in frameworks are always there.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use scr_domain::framework::{FrameworkRegistry, FrameworkSummary};

use crate::folder_file::{file_name, toml_files_in, BoardFolder, FolderFileProblem};
use crate::{Desk, ErrorCode};

/// The folder, inside the data directory, that holds the board's own framework files.
pub const FRAMEWORKS_FOLDER: &str = "frameworks";

/// The largest framework file read. The built-in frameworks are under 10 KB of TOML; a
/// board's own, however detailed, stays far below this.
pub const MAX_FRAMEWORK_FILE_BYTES: u64 = 256 * 1024;

/// How many framework files are read from the folder: a board keeps one or two of its own.
/// Each is parsed at start-up, so thousands of files would slow every start.
pub const MAX_FRAMEWORK_FILES: usize = 64;

const FRAMEWORKS: BoardFolder = BoardFolder {
    limit: MAX_FRAMEWORK_FILE_BYTES,
    invalid: ErrorCode::FrameworkInvalid,
    folder: "frameworks folder",
    what_is_read: "framework files are read",
};

/// The frameworks a case can be decided under, and the board's files that were refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrameworksView {
    pub frameworks: Vec<FrameworkSummary>,
    pub problems: Vec<FolderFileProblem>,
    /// Where the board's own framework files go.
    pub folder: String,
}

/// Adds every `*.toml` file of `<data_dir>/frameworks` to the registry, in file-name order (so a
/// clash between two files always refuses the same one), and returns the problems found.
///
/// Files other people copied in are hostile: only regular files are read (a FIFO or a device
/// would hang start-up), a link is followed only to a file inside the folder, and each file is
/// read only up to [`MAX_FRAMEWORK_FILE_BYTES`].
pub fn load_board_frameworks(registry: &mut FrameworkRegistry, data_dir: &Path) -> Vec<FolderFileProblem> {
    let folder = data_dir.join(FRAMEWORKS_FOLDER);
    let mut files = match toml_files_in(&folder) {
        Ok(files) => files,
        Err((code, reason)) => return vec![FolderFileProblem::new(FRAMEWORKS_FOLDER, code, reason)],
    };
    let mut problems = Vec::new();
    if files.len() > MAX_FRAMEWORK_FILES {
        problems.push(FolderFileProblem::new(
            FRAMEWORKS_FOLDER,
            ErrorCode::FileTooLarge,
            format!(
                "the folder holds {} framework files; only the first {MAX_FRAMEWORK_FILES} by name were read",
                files.len()
            ),
        ));
        files.truncate(MAX_FRAMEWORK_FILES);
    }
    let canonical_folder = std::fs::canonicalize(&folder).unwrap_or_else(|_| folder.clone());
    for path in files {
        let name = file_name(&path);
        let added = FRAMEWORKS.read(&canonical_folder, &path, &name).and_then(|text| {
            registry
                .add_toml(&name, &text)
                .map(|_| ())
                .map_err(|error| FRAMEWORKS.refused(&name, error))
        });
        if let Err(found) = added {
            problems.push(found);
        }
    }
    problems
}

impl Desk {
    /// The frameworks available, and the board's framework files that were refused at start.
    pub fn frameworks_view(&self) -> FrameworksView {
        FrameworksView {
            frameworks: self.frameworks(),
            problems: self.rules.framework_problems.clone(),
            folder: self.data_dir().join(FRAMEWORKS_FOLDER).display().to_string(),
        }
    }
}
