//! One process at a time in an archive's folder.
//!
//! SQLite lets two processes share a database, but an archive is more than its database. A
//! restore moves the files aside and puts others in their place; a new key rewrites every page;
//! a first start creates the archive. A second window of the app, or a command run while the app
//! is open, would carry on with files that are no longer the archive's, and what it wrote there
//! would be lost without a word; two first starts at once would each make an archive and keep
//! one's header with the other's database. So whoever works in the folder holds an advisory lock
//! on the folder itself: `flock(2)` on the directory, which adds no file to it, and which the
//! kernel releases when the process ends, however it ends.

use std::fs::File;
use std::path::Path;

use crate::ArchiveError;

/// Held while this process may work in an archive's folder; dropping it lets others in.
#[derive(Debug)]
pub struct FolderLock {
    /// The open folder that holds the lock (none where folders cannot be locked).
    _folder: Option<File>,
}

impl FolderLock {
    /// Takes the lock on `dir`, or says that another process holds it (`ArchiveError::InUse`).
    /// `None` when there is no such folder: there is nothing in it to keep anyone from.
    pub fn take(dir: &Path) -> Result<Option<FolderLock>, ArchiveError> {
        if !dir.is_dir() {
            return Ok(None);
        }
        lock(dir).map(Some)
    }

    /// Takes the lock on `dir`, creating it (private to its owner) first if need be: for the
    /// operations that may make an archive where there was none.
    pub fn take_creating(dir: &Path) -> Result<FolderLock, ArchiveError> {
        crate::archive::create_private_dir(dir)?;
        lock(dir)
    }
}

#[cfg(unix)]
fn lock(dir: &Path) -> Result<FolderLock, ArchiveError> {
    // A directory opens read-only like a file, and flock(2) takes any open descriptor.
    let folder = File::open(dir).map_err(|error| ArchiveError::io("cannot open the folder", dir, error))?;
    match folder.try_lock() {
        Ok(()) => Ok(FolderLock {
            _folder: Some(folder),
        }),
        Err(std::fs::TryLockError::WouldBlock) => Err(ArchiveError::InUse { dir: dir.to_owned() }),
        Err(std::fs::TryLockError::Error(error)) => {
            Err(ArchiveError::io("cannot lock the folder", dir, error))
        }
    }
}

/// Windows opens no directory as a file, so there the folder is not locked (the app is packaged
/// for Linux; see the README).
#[cfg(not(unix))]
fn lock(_dir: &Path) -> Result<FolderLock, ArchiveError> {
    Ok(FolderLock { _folder: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let temp = tempfile::tempdir().expect("tempdir");
        let first = FolderLock::take(temp.path()).expect("lock").expect("a folder");
        // flock(2) locks belong to the open file, so a second opening in this process is
        // refused just as another process's is.
        match FolderLock::take(temp.path()) {
            Err(ArchiveError::InUse { dir }) => assert_eq!(dir, temp.path()),
            other => panic!("a second lock was not refused: {other:?}"),
        }
        drop(first);
        assert!(FolderLock::take(temp.path()).expect("lock").is_some());
    }

    #[test]
    fn no_folder_means_nothing_to_lock_and_nothing_is_created() {
        let temp = tempfile::tempdir().expect("tempdir");
        let missing = temp.path().join("archive");
        assert!(FolderLock::take(&missing).expect("no error").is_none());
        assert!(!missing.exists());
        let made = FolderLock::take_creating(&missing).expect("lock");
        assert!(missing.is_dir());
        assert!(matches!(
            FolderLock::take(&missing),
            Err(ArchiveError::InUse { .. })
        ));
        drop(made);
    }
}
