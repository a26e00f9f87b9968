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
//!
//! The lock keeps other processes out, not other parts of this one: every [`FolderLock`] on a
//! folder in this process shares one open folder and its lock (flock(2) would refuse a second
//! opening even here), and the lock goes when the last of them does.

use std::path::Path;

use crate::ArchiveError;

/// Held while this process may work in an archive's folder; when the last one on the folder is
/// dropped, other processes may take it.
#[derive(Debug)]
pub struct FolderLock {
    /// The open folder that holds the lock (none where folders cannot be locked).
    _held: Option<std::sync::Arc<held::Held>>,
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
    held::share_or_lock(dir).map(|held| FolderLock { _held: Some(held) })
}

/// Windows opens no directory as a file, so there the folder is not locked (the app is packaged
/// for Linux; see the README).
#[cfg(not(unix))]
fn lock(_dir: &Path) -> Result<FolderLock, ArchiveError> {
    Ok(FolderLock { _held: None })
}

/// The folders this process has locked, each open once and shared.
mod held {
    use std::fs::{File, TryLockError};
    use std::path::Path;
    use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
    use std::time::{Duration, Instant};

    use crate::ArchiveError;

    /// A folder by its device and inode: two spellings of one folder are one folder.
    type FolderId = (u64, u64);

    /// An open folder holding the lock.
    #[derive(Debug)]
    pub(super) struct Held {
        id: FolderId,
        folder: Option<File>,
    }

    static LOCKED: Mutex<Vec<(FolderId, Weak<Held>)>> = Mutex::new(Vec::new());

    fn locked() -> MutexGuard<'static, Vec<(FolderId, Weak<Held>)>> {
        // The list stays consistent whatever panicked while it was held: each change is one push
        // or one retain.
        LOCKED.lock().unwrap_or_else(PoisonError::into_inner)
    }

    impl Drop for Held {
        fn drop(&mut self) {
            // Close the folder first (the kernel lets go of the lock), then leave the list:
            // while this entry is listed and dead, a new lock on the folder waits for it to go,
            // so it never meets this process's own lock.
            drop(self.folder.take());
            let id = self.id;
            locked().retain(|(listed, held)| *listed != id || held.strong_count() > 0);
        }
    }

    #[cfg(unix)]
    pub(super) fn share_or_lock(dir: &Path) -> Result<Arc<Held>, ArchiveError> {
        use std::os::unix::fs::MetadataExt;
        // A directory opens read-only like a file, and flock(2) takes any open descriptor.
        let folder =
            File::open(dir).map_err(|error| ArchiveError::io("cannot open the folder", dir, error))?;
        let meta = folder
            .metadata()
            .map_err(|error| ArchiveError::io("cannot read the folder", dir, error))?;
        let id = (meta.dev(), meta.ino());
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let mut list = locked();
            match list.iter().find(|(listed, _)| *listed == id) {
                Some((_, held)) => {
                    if let Some(shared) = held.upgrade() {
                        return Ok(shared);
                    }
                    // Being let go by another thread of this process right now.
                }
                None => {
                    return match folder.try_lock() {
                        Ok(()) => {
                            let held = Arc::new(Held {
                                id,
                                folder: Some(folder),
                            });
                            list.push((id, Arc::downgrade(&held)));
                            Ok(held)
                        }
                        Err(TryLockError::WouldBlock) => Err(ArchiveError::InUse { dir: dir.to_owned() }),
                        Err(TryLockError::Error(error)) => {
                            Err(ArchiveError::io("cannot lock the folder", dir, error))
                        }
                    };
                }
            }
            drop(list);
            if Instant::now() > deadline {
                return Err(ArchiveError::InUse { dir: dir.to_owned() });
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// Another process on the folder, for tests here and in the crates above (util-linux's
/// flock(1), which takes the same lock).
#[cfg(all(any(test, feature = "test-support"), target_os = "linux"))]
pub mod testing {
    use std::path::Path;
    use std::process::{Child, Command};

    /// Whether another process could take the folder's lock now (util-linux's flock(1)).
    pub fn free_for_others(dir: &Path) -> bool {
        let status = Command::new("flock")
            .arg("--nonblock")
            .arg(dir)
            .arg("true")
            .status();
        status.expect("flock(1) from util-linux").success()
    }

    /// Another process holding the folder's lock until its standard input closes (flock(1)
    /// running cat(1): both end at the end of their input, and nothing is left behind).
    pub fn other_process_holding(dir: &Path) -> Child {
        let child = Command::new("flock")
            .arg(dir)
            .arg("cat")
            .stdin(std::process::Stdio::piped())
            .spawn()
            .expect("flock(1)");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while free_for_others(dir) {
            assert!(
                std::time::Instant::now() < deadline,
                "flock(1) did not take the lock"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        child
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::testing::{free_for_others, other_process_holding};
    use super::*;

    #[test]
    fn another_process_holding_the_folder_keeps_this_one_out_until_it_ends() {
        let temp = tempfile::tempdir().expect("tempdir");
        let mut other = other_process_holding(temp.path());
        match FolderLock::take(temp.path()) {
            Err(ArchiveError::InUse { dir }) => assert_eq!(dir, temp.path()),
            held => panic!("the folder was taken from another process: {held:?}"),
        }
        drop(other.stdin.take());
        assert!(other.wait().expect("wait").success());
        assert!(FolderLock::take(temp.path()).expect("lock").is_some());
    }

    #[test]
    fn locks_in_one_process_share_the_folder_and_let_go_with_the_last() {
        let temp = tempfile::tempdir().expect("tempdir");
        let first = FolderLock::take(temp.path()).expect("lock").expect("a folder");
        // Another spelling of the same folder is the same folder.
        let second = FolderLock::take(&temp.path().join("."))
            .expect("shared")
            .expect("a folder");
        assert!(!free_for_others(temp.path()));
        drop(first);
        assert!(!free_for_others(temp.path()), "let go while a desk still held it");
        drop(second);
        assert!(free_for_others(temp.path()));
        // And taken again afresh.
        let again = FolderLock::take(temp.path()).expect("lock").expect("a folder");
        assert!(!free_for_others(temp.path()));
        drop(again);
    }

    #[test]
    fn no_folder_means_nothing_to_lock_and_nothing_is_created() {
        let temp = tempfile::tempdir().expect("tempdir");
        let missing = temp.path().join("archive");
        assert!(FolderLock::take(&missing).expect("no error").is_none());
        assert!(!missing.exists());
        let made = FolderLock::take_creating(&missing).expect("lock");
        assert!(missing.is_dir());
        assert!(!free_for_others(&missing));
        drop(made);
    }
}
