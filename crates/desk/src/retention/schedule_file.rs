//! The board's own retention schedule, read from `<data_dir>/retention/` when the desk is made.
//!
//! The folder holds at most one `.toml` file, written by someone other than the app: only a
//! regular file is read (a FIFO or a device would hang start-up), a link only when it points to a
//! file inside the folder, and at most [`MAX_SCHEDULE_FILE_BYTES`] of it. Without a file the
//! built-in schedule applies. When a board's file cannot be used the built-in schedule is shown,
//! the problem is kept for the pages and the command line, and nothing can be disposed of until
//! the file is put right: records are never disposed of under a schedule the board did not mean.

use std::path::Path;

use scr_domain::retention::RetentionSchedule;

use crate::folder_file::{file_name, toml_files_in, BoardFolder, FolderFileProblem};
use crate::ErrorCode;

/// The folder, inside the data directory, for the board's schedule file.
pub const RETENTION_FOLDER: &str = "retention";

/// The built-in schedule is under 5 KB of TOML; a board's own, however detailed, stays far below.
pub const MAX_SCHEDULE_FILE_BYTES: u64 = 64 * 1024;

const RETENTION: BoardFolder = BoardFolder {
    limit: MAX_SCHEDULE_FILE_BYTES,
    invalid: ErrorCode::RetentionScheduleInvalid,
    folder: "retention folder",
    what_is_read: "a schedule file is read",
};

/// The schedule in force, and what was wrong with the board's file if it was refused.
#[derive(Debug, Clone)]
pub(crate) struct LoadedSchedule {
    pub schedule: RetentionSchedule,
    pub problems: Vec<FolderFileProblem>,
}

impl LoadedSchedule {
    /// Disposal waits while the board's own file is refused.
    pub(crate) fn usable(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What is wrong with the board's schedule file in `data_dir`, read as the desk reads it when it
/// is made; empty when the file is good or there is none. The fuzzing harness (crates/fuzz) reads
/// every board file through this, the desk's own path.
pub fn check_board_schedule(data_dir: &Path) -> Vec<FolderFileProblem> {
    load(data_dir).problems
}

pub(crate) fn load(data_dir: &Path) -> LoadedSchedule {
    let builtin = |problems| LoadedSchedule {
        schedule: RetentionSchedule::builtin(),
        problems,
    };
    let folder = data_dir.join(RETENTION_FOLDER);
    let files = match toml_files_in(&folder) {
        Ok(files) => files,
        Err((code, reason)) => return builtin(vec![FolderFileProblem::new(RETENTION_FOLDER, code, reason)]),
    };
    let path = match files.as_slice() {
        [] => return builtin(Vec::new()),
        [one] => one,
        several => {
            let names: Vec<String> = several.iter().map(|path| file_name(path)).collect();
            return builtin(vec![FolderFileProblem::new(
                RETENTION_FOLDER,
                ErrorCode::RetentionScheduleInvalid,
                format!(
                    "the folder holds {} schedule files ({}); a board has one schedule: keep one file",
                    names.len(),
                    names.join(", ")
                ),
            )]);
        }
    };
    let name = file_name(path);
    let canonical_folder = std::fs::canonicalize(&folder).unwrap_or(folder);
    let read = RETENTION.read(&canonical_folder, path, &name).and_then(|text| {
        RetentionSchedule::from_toml_str(&name, &text).map_err(|error| RETENTION.refused(&name, error))
    });
    match read {
        Ok(schedule) => LoadedSchedule {
            schedule,
            problems: Vec::new(),
        },
        Err(refused) => builtin(vec![refused]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join(RETENTION_FOLDER)).expect("folder");
        for (name, bytes) in files {
            std::fs::write(dir.path().join(RETENTION_FOLDER).join(name), bytes).expect("write");
        }
        dir
    }

    #[test]
    fn without_a_file_the_builtin_schedule_applies() {
        let dir = tempfile::tempdir().expect("tempdir");
        let loaded = load(dir.path());
        assert!(loaded.schedule.builtin);
        assert!(loaded.usable());
    }

    #[test]
    fn a_board_file_replaces_the_builtin_schedule() {
        let text = scr_domain::retention::BUILTIN_SCHEDULE
            .1
            .replace("id = \"scr-desk-default\"", "id = \"westmoor\"");
        let dir = folder_with(&[("westmoor.toml", text.as_bytes()), ("notes.txt", b"ignored")]);
        let loaded = load(dir.path());
        assert_eq!(loaded.schedule.id, "westmoor");
        assert!(!loaded.schedule.builtin);
        assert!(loaded.usable());
    }

    #[test]
    fn a_bad_file_is_named_with_its_line_and_stops_disposal() {
        let dir = folder_with(&[("westmoor.toml", b"id = \"westmoor\"\nversion = \n")]);
        let loaded = load(dir.path());
        assert!(loaded.schedule.builtin);
        assert!(!loaded.usable());
        let problem = &loaded.problems[0];
        assert_eq!(problem.file, "westmoor.toml");
        assert_eq!(problem.code, ErrorCode::RetentionScheduleInvalid);
        assert_eq!(problem.line, Some(2));
    }

    #[test]
    fn two_files_a_large_file_and_not_text_are_refused() {
        let text = scr_domain::retention::BUILTIN_SCHEDULE.1.as_bytes();
        let loaded = load(folder_with(&[("a.toml", text), ("b.toml", text)]).path());
        assert!(loaded.problems[0].reason.contains("a.toml, b.toml"));
        let large = vec![b'#'; MAX_SCHEDULE_FILE_BYTES as usize + 1];
        let loaded = load(folder_with(&[("a.toml", &large)]).path());
        assert_eq!(loaded.problems[0].code, ErrorCode::FileTooLarge);
        let loaded = load(folder_with(&[("a.toml", &[0xff, 0xfe, 0x00])]).path());
        assert_eq!(loaded.problems[0].code, ErrorCode::InputUnreadable);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_and_pipes_are_refused() {
        let outside = tempfile::tempdir().expect("outside");
        let target = outside.path().join("elsewhere.toml");
        std::fs::write(&target, scr_domain::retention::BUILTIN_SCHEDULE.1).expect("write");
        let dir = folder_with(&[]);
        std::os::unix::fs::symlink(&target, dir.path().join(RETENTION_FOLDER).join("link.toml"))
            .expect("link");
        assert_eq!(load(dir.path()).problems[0].code, ErrorCode::FileOutsideFolder);

        let dir = folder_with(&[]);
        let fifo = dir.path().join(RETENTION_FOLDER).join("pipe.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        assert_eq!(load(dir.path()).problems[0].code, ErrorCode::FileNotRegular);
    }
}
