//! The board's own framework files, read from `<data_dir>/frameworks/*.toml` when the desk is
//! made. A bad file never stops the app: it is left out, and its problem (file, line, reason) is
//! kept for the UI and the command line to show. The built-in frameworks are always there.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use scr_domain::framework::{FrameworkRegistry, FrameworkSummary};
use scr_domain::DomainError;

use crate::Desk;

/// The folder, inside the data directory, that holds the board's own framework files.
pub const FRAMEWORKS_FOLDER: &str = "frameworks";

/// Why one of the board's framework files was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkFileProblem {
    /// The file's name inside the frameworks folder.
    pub file: String,
    #[ts(type = "number | null")]
    pub line: Option<usize>,
    #[ts(type = "number | null")]
    pub column: Option<usize>,
    pub reason: String,
}

/// The frameworks a case can be decided under, and the board's files that were refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrameworksView {
    pub frameworks: Vec<FrameworkSummary>,
    pub problems: Vec<FrameworkFileProblem>,
    /// Where the board's own framework files go.
    pub folder: String,
}

/// Adds every `*.toml` file of `<data_dir>/frameworks` to the registry, in file-name order (so a
/// clash between two files always refuses the same one), and returns the problems found.
pub(crate) fn load_board_frameworks(
    registry: &mut FrameworkRegistry,
    data_dir: &Path,
) -> Vec<FrameworkFileProblem> {
    let folder = data_dir.join(FRAMEWORKS_FOLDER);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(error) => {
            return vec![problem(
                FRAMEWORKS_FOLDER,
                format!("the folder cannot be read ({error}); check its permissions"),
            )]
        }
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"))
        })
        .collect();
    files.sort();
    let mut problems = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let added = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => registry
                    .add_toml(&name, &text)
                    .map(|_| ())
                    .map_err(|error| from_domain(&name, error)),
                Err(_) => Err(problem(
                    &name,
                    "the file is not UTF-8 text; save it as UTF-8".to_owned(),
                )),
            },
            Err(error) => Err(problem(&name, format!("the file cannot be read ({error})"))),
        };
        if let Err(found) = added {
            problems.push(found);
        }
    }
    problems
}

fn problem(file: &str, reason: String) -> FrameworkFileProblem {
    FrameworkFileProblem {
        file: file.to_owned(),
        line: None,
        column: None,
        reason,
    }
}

fn from_domain(name: &str, error: DomainError) -> FrameworkFileProblem {
    match error {
        DomainError::FrameworkInvalid {
            file,
            line,
            column,
            reason,
        } => FrameworkFileProblem {
            file,
            line,
            column,
            reason,
        },
        other => problem(name, other.to_string()),
    }
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
