//! Files named on the command line: read as every file the app did not write is read (regular
//! files only, the size checked before reading, never more than the limit; see
//! `scr_archive::files`), with an error that names the file and has a stable code.

use std::path::Path;

use crate::DeskError;

/// A board certificate (PEM or DER) or a mail server's CA bundle: a few KB; a bundle of every
/// public CA is about 200 KB.
pub const MAX_CERTIFICATE_FILE_BYTES: u64 = 1024 * 1024;

/// A letter's content as JSON (`scr-desk letters issue --content`): a few KB of text.
pub const MAX_CONTENT_FILE_BYTES: u64 = 1024 * 1024;

/// Reads the file at `path`, refusing anything but a regular file of at most `limit` bytes.
pub fn read_input_file(path: &Path, limit: u64) -> Result<Vec<u8>, DeskError> {
    scr_archive::files::read_limited(path, limit).map_err(|source| DeskError::File {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn refusals_have_their_own_codes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("letter.pdf");
        std::fs::write(&path, b"%PDF-1.7").expect("write");
        assert_eq!(read_input_file(&path, 8).expect("read"), b"%PDF-1.7");
        let code = |result: Result<Vec<u8>, DeskError>| result.expect_err("refused").code();
        assert_eq!(code(read_input_file(&path, 7)), ErrorCode::FileTooLarge);
        assert_eq!(code(read_input_file(dir.path(), 7)), ErrorCode::FileNotRegular);
        assert_eq!(
            code(read_input_file(&dir.path().join("none"), 7)),
            ErrorCode::InputUnreadable
        );
    }
}
