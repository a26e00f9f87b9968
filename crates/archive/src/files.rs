//! Reading files the app did not write (backups from a USB stick, a header that may have been
//! edited, framework files copied between boards, letters to verify): only regular files,
//! their size checked from the open file's metadata before anything is read, and never more
//! read than the limit the caller gives.
//!
//! Opening never waits: on Unix the file is opened with `O_NONBLOCK`, so a FIFO (which would
//! block `open` until a writer appears) opens at once and is then refused as not a regular
//! file, as are devices such as `/dev/zero` (whose size reads as 0 but which never ends).

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum FileReadError {
    #[error("it cannot be opened or read: {0}")]
    Io(#[from] std::io::Error),
    #[error("it is not a regular file (a folder, a device or a pipe)")]
    NotAFile,
    #[error("it is {bytes} bytes, more than the {limit} bytes such a file can be")]
    TooLarge { bytes: u64, limit: u64 },
}

/// Opens `path` for reading without waiting, and checks that it is a regular file. Returns the
/// file and its size. Symbolic links are followed: callers that must not follow them check
/// with [`std::fs::symlink_metadata`] first.
pub fn open_regular(path: &Path) -> Result<(File, u64), FileReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(FileReadError::NotAFile);
    }
    Ok((file, metadata.len()))
}

/// Reads a whole regular file of at most `limit` bytes. The size is checked before reading,
/// and the read stops after `limit + 1` bytes in case the file grows meanwhile.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, FileReadError> {
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(FileReadError::TooLarge { bytes: size, limit });
    }
    read_at_most(file, size, limit)
}

/// Reads what is left of `reader`, expecting about `expected` bytes and refusing more than
/// `limit`.
pub(crate) fn read_at_most(reader: impl Read, expected: u64, limit: u64) -> Result<Vec<u8>, FileReadError> {
    let capacity = usize::try_from(expected.min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(FileReadError::TooLarge { bytes: read, limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_file_is_read_and_a_large_one_refused_before_reading() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f");
        std::fs::write(&path, b"0123456789").expect("write");
        assert_eq!(read_limited(&path, 10).expect("read"), b"0123456789");
        assert!(matches!(
            read_limited(&path, 9),
            Err(FileReadError::TooLarge { bytes: 10, limit: 9 })
        ));
        assert!(matches!(
            read_limited(dir.path(), 10),
            Err(FileReadError::NotAFile)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        assert!(matches!(read_limited(&fifo, 10), Err(FileReadError::NotAFile)));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_not_files() {
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 10),
            Err(FileReadError::NotAFile)
        ));
    }
}
