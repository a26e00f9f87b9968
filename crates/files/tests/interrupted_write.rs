//! A write that fails part-way (the disk fills, a quota is reached) must leave nothing under the
//! file's name: no half letter in the Documents folder for someone to send, no half recovery key.
//!
//! The failure is real, not simulated: this test runs itself again as a child process under a
//! file-size limit (`ulimit -f`, with SIGXFSZ ignored so that the write returns EFBIG, as it
//! would return ENOSPC on a full disk), and the child writes a file larger than the limit.

#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Command, Stdio};

/// Set in the child: the folder to write into.
const CHILD_FOLDER: &str = "SCR_FILES_INTERRUPTED_WRITE_FOLDER";
const NAME: &str = "Decision letter.pdf";
/// 64 KiB, well over the child's 4 KiB limit.
const BYTES: usize = 64 * 1024;

#[test]
fn a_write_cut_short_leaves_no_file_under_its_name_and_nothing_beside_it() {
    if let Ok(folder) = std::env::var(CHILD_FOLDER) {
        let result = scr_files::write_new(&Path::new(&folder).join(NAME), &vec![b'%'; BYTES]);
        // The parent reads the outcome from the exit code: 3 when the write failed, as it must.
        std::process::exit(if result.is_err() { 3 } else { 0 });
    }
    let temp = tempfile::tempdir().expect("tempdir");
    let exe = std::env::current_exe().expect("this test's binary");
    // `ulimit -f` counts 512-byte blocks in dash and bash's POSIX mode alike: 8 is 4 KiB.
    let status = Command::new("/bin/sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 8; exec \"$0\" --exact \"$1\" --test-threads=1 --nocapture")
        .arg(&exe)
        .arg("a_write_cut_short_leaves_no_file_under_its_name_and_nothing_beside_it")
        .env(CHILD_FOLDER, temp.path())
        .stdout(Stdio::null())
        .status()
        .expect("run the child");
    assert_eq!(
        status.code(),
        Some(3),
        "the child's write must fail under the size limit"
    );
    let left: Vec<String> = std::fs::read_dir(temp.path())
        .expect("folder")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "a failed write left {left:?}");

    // The same write without the limit succeeds and leaves the file alone.
    let path = temp.path().join(NAME);
    scr_files::write_new(&path, &vec![b'%'; BYTES]).expect("write");
    assert_eq!(std::fs::metadata(&path).expect("written").len(), BYTES as u64);
}
