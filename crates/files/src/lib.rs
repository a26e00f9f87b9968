//! Writing files that hold case data or keys, so that nobody but their owner can read them.
//!
//! Everything the app writes about a board is special category data (UK GDPR art. 9), so on Unix
//! every folder it creates is 0700 and every file 0600, whatever the umask says. A file is written
//! whole or not at all: to a new temporary file beside it (`O_CREAT | O_EXCL`), flushed, then
//! renamed into place (without replacing anything, for a new file), so a symbolic link planted at
//! the path is never followed and a failed write leaves no half file. Elsewhere the same calls
//! work with the platform's defaults (a user's profile folders on Windows are private to them
//! already).
#![forbid(unsafe_code)]

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Creates a new folder readable by its owner alone. Fails if anything already has that name,
/// a symbolic link included. The parent must exist.
pub fn create_new_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)?;
    // The mode passed to mkdir is filtered by the umask; set it exactly.
    restrict_to_owner(path)
}

/// The folder and any missing parents; the folder itself (new or not) is then made private.
pub fn ensure_private_dir(path: &Path) -> io::Result<()> {
    fs::create_dir_all(path)?;
    restrict_to_owner(path)
}

/// Creates the file empty and private if it does not exist, and makes it private if it does:
/// SQLite gives a database's journal and WAL files the database file's own permissions, so a
/// database created through this starts private and stays so.
pub fn touch_private(path: &Path) -> io::Result<()> {
    private_options().create(true).truncate(false).open(path)?;
    restrict_to_owner(path)
}

/// Appends to a private file, creating it if need be (a small log of failed attempts).
pub fn append_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = private_options().create(true).append(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Replaces `path` with `bytes` so that a crash leaves either the old file or the new one: a new
/// temporary file (private, created exclusively) beside it, flushed, then renamed over it.
pub fn replace_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let staged = staged_beside(path, bytes)?;
    staged.persist(path).map_err(|error| error.error)?;
    sync_parent(path);
    Ok(())
}

/// Writes a new file readable by its owner alone, whole or not at all, never over an existing
/// one or through a symbolic link at its name: a private temporary file beside it, flushed, then
/// given the name only if nothing has taken it meanwhile. A write cut short (a full disk) leaves
/// nothing under the name, so no half letter or half recovery key is ever there to be used.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let staged = staged_beside(path, bytes)?;
    staged.persist_noclobber(path).map_err(|error| error.error)?;
    sync_parent(path);
    Ok(())
}

/// Makes a file 0600 or a folder 0700. A symbolic link is left alone: what it points to is not
/// ours to change.
pub fn restrict_to_owner(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::symlink_metadata(path)?;
        let mode = if meta.is_dir() {
            0o700
        } else if meta.is_file() {
            0o600
        } else {
            return Ok(());
        };
        if meta.permissions().mode() & 0o777 != mode {
            fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Makes a rename durable on POSIX; directories cannot be opened this way on Windows.
pub fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        if let Ok(dir) = fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn staged_beside(path: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // tempfile creates the file with O_EXCL and mode 0600 on Unix.
    let mut staged = tempfile::Builder::new()
        .prefix(".scr-desk-")
        .suffix(".partial")
        .tempfile_in(parent)?;
    staged.write_all(bytes)?;
    staged.as_file().sync_all()?;
    Ok(staged)
}

fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::symlink_metadata(path).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn new_folders_and_files_are_the_owners_alone_whatever_exists() {
        let temp = tempfile::tempdir().expect("tempdir");
        let dir = temp.path().join("export");
        create_new_dir(&dir).expect("new dir");
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(
            create_new_dir(&dir).expect_err("exists").kind(),
            io::ErrorKind::AlreadyExists
        );
        let file = dir.join("a.json");
        write_new(&file, b"{}").expect("write");
        assert_eq!(mode(&file), 0o600);
        assert_eq!(
            write_new(&file, b"again").expect_err("exists").kind(),
            io::ErrorKind::AlreadyExists
        );
        assert_eq!(fs::read(&file).expect("read"), b"{}");
    }

    #[test]
    fn a_planted_symbolic_link_is_never_written_through() {
        let temp = tempfile::tempdir().expect("tempdir");
        let target = temp.path().join("elsewhere.txt");
        fs::write(&target, "theirs").expect("target");
        let link = temp.path().join("index.csv");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        assert!(write_new(&link, b"ours").is_err());
        let dangling = temp.path().join("letters");
        std::os::unix::fs::symlink(temp.path().join("nowhere"), &dangling).expect("symlink");
        assert!(create_new_dir(&dangling).is_err());
        assert_eq!(fs::read_to_string(&target).expect("read"), "theirs");
    }

    #[test]
    fn atomic_writes_leave_no_partial_file_and_private_modes() {
        let temp = tempfile::tempdir().expect("tempdir");
        let path = temp.path().join("archive-header.json");
        replace_atomically(&path, b"one").expect("first");
        replace_atomically(&path, b"two").expect("second");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        assert_eq!(mode(&path), 0o600);
        let backup = temp.path().join("b.scrbackup");
        write_new(&backup, b"backup").expect("backup");
        assert!(write_new(&backup, b"other").is_err());
        assert_eq!(fs::read(&backup).expect("read"), b"backup");
        let names: Vec<String> = fs::read_dir(temp.path())
            .expect("dir")
            .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn existing_files_and_folders_are_tightened() {
        let temp = tempfile::tempdir().expect("tempdir");
        let file = temp.path().join("archive.db");
        fs::write(&file, b"x").expect("write");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).expect("chmod");
        touch_private(&file).expect("touch");
        assert_eq!(mode(&file), 0o600);
        assert_eq!(fs::read(&file).expect("read"), b"x", "touching keeps the content");
        let dir = temp.path().join("data");
        fs::create_dir(&dir).expect("dir");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");
        ensure_private_dir(&dir).expect("private");
        assert_eq!(mode(&dir), 0o700);
        append_private(&dir.join("attempts.jsonl"), b"line\n").expect("append");
        assert_eq!(mode(&dir.join("attempts.jsonl")), 0o600);
    }
}
