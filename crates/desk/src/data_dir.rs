//! Where the archive lives: a flag, then the environment, then the platform's convention.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::DeskError;

/// Lets tests and portable installs point the app at another data directory.
pub const DATA_DIR_ENV: &str = "SCR_DESK_DATA_DIR";

pub fn resolve_data_dir(flag: Option<PathBuf>, env_value: Option<OsString>) -> Result<PathBuf, DeskError> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    if let Some(dir) = env_value.filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("uk", "SCR Decision Desk", "scr-desk")
        .map(|dirs| dirs.data_dir().to_owned())
        .ok_or(DeskError::NoDataDir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_environment() {
        let dir = resolve_data_dir(Some("/flag".into()), Some("/env".into())).expect("dir");
        assert_eq!(dir, PathBuf::from("/flag"));
    }

    #[test]
    fn the_environment_wins_over_the_platform_default() {
        let dir = resolve_data_dir(None, Some("/env".into())).expect("dir");
        assert_eq!(dir, PathBuf::from("/env"));
    }

    #[test]
    fn an_empty_environment_value_is_ignored() {
        let dir = resolve_data_dir(None, Some("".into())).expect("dir");
        assert_ne!(dir, PathBuf::from(""));
        assert!(dir.ends_with("scr-desk"), "{dir:?}");
    }
}
