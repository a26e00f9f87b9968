//! The header file beside the database: which keyring holds the wrapping key, and the data key
//! wrapped by it. It holds nothing secret in the clear, and is replaced atomically.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::audit::ChainHead;
use crate::files;
use crate::keys::WrappedKey;
use crate::passphrase::KdfParams;
use crate::ArchiveError;

const FORMAT: &str = "scr-desk-archive-header";
pub(crate) const HEADER_VERSION: u32 = 1;

/// The header is JSON of about 1 KB (an id, three wrapped keys, the keyring's names); a larger
/// file is not one SCR Decision Desk wrote, and is not read.
const MAX_HEADER_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Header {
    pub format: String,
    pub version: u32,
    /// Random and unique per archive; names the keyring entry and binds the wrapped keys.
    pub archive_id: String,
    pub keyring: KeyringSlot,
    /// The data key wrapped by the recovery key shown to the chair at set-up.
    pub recovery: WrappedKey,
    /// The data key wrapped by a passphrase-derived key, when the chair has set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passphrase: Option<PassphraseSlot>,
    /// The audit chain's last event as last seen: cutting events off the end of the chain inside
    /// the database leaves this behind, and `check` names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_head: Option<ChainHead>,
    /// The SQLCipher salt (hex) of the database this header was written for, when a re-key wrote
    /// it: tells which of two headers belongs to the database after a crash (see rekey.rs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_salt: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PassphraseSlot {
    pub kdf: KdfParams,
    pub wrapped_data_key: WrappedKey,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct KeyringSlot {
    pub backend: String,
    pub service: String,
    pub account: String,
    pub wrapped_data_key: WrappedKey,
}

/// Associated data for wrapping the data key: a wrapped key cannot be moved to another archive.
pub(crate) fn binding(archive_id: &str, slot: &str) -> Vec<u8> {
    format!("{FORMAT}/{archive_id}/{slot}").into_bytes()
}

impl Header {
    pub(crate) fn new(archive_id: String, keyring: KeyringSlot, recovery: WrappedKey) -> Header {
        Header {
            format: FORMAT.to_owned(),
            version: HEADER_VERSION,
            archive_id,
            keyring,
            recovery,
            passphrase: None,
            audit_head: None,
            database_salt: None,
        }
    }

    pub(crate) fn binding(&self, slot: &str) -> Vec<u8> {
        binding(&self.archive_id, slot)
    }

    pub(crate) fn read(path: &Path) -> Result<Header, ArchiveError> {
        let invalid = |reason: String| ArchiveError::HeaderInvalid {
            path: path.to_owned(),
            reason,
        };
        let bytes =
            files::read_limited(path, MAX_HEADER_BYTES).map_err(|error| invalid(error.to_string()))?;
        let header: Header = serde_json::from_slice(&bytes).map_err(|error| invalid(error.to_string()))?;
        if header.format != FORMAT {
            return Err(invalid(format!(
                "not an archive header (format '{}')",
                header.format
            )));
        }
        if header.version > HEADER_VERSION {
            return Err(invalid(format!(
                "header version {} is newer than this version of SCR Decision Desk understands ({HEADER_VERSION})",
                header.version
            )));
        }
        let id = &header.archive_id;
        if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(invalid(
                "the archive id is not one SCR Decision Desk writes".into(),
            ));
        }
        if let Some(slot) = &header.passphrase {
            slot.kdf.check()?;
        }
        Ok(header)
    }

    /// Written to a new private file beside it, flushed, then renamed over the old one: a crash
    /// leaves either the old header or the new one, never half of either.
    pub(crate) fn write(&self, path: &Path) -> Result<(), ArchiveError> {
        let mut text = serde_json::to_string_pretty(self).map_err(|error| ArchiveError::HeaderInvalid {
            path: path.to_owned(),
            reason: error.to_string(),
        })?;
        text.push('\n');
        scr_files::replace_atomically(path, text.as_bytes())
            .map_err(|error| ArchiveError::io("cannot write", path, error))
    }
}

/// Reads and checks the header file at `path` (size, format, version, archive id, key
/// derivation costs) without opening anything else: for diagnostics and the fuzz harness.
pub fn check_header_file(path: &Path) -> Result<(), ArchiveError> {
    Header::read(path).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn wrapped(fill: u8) -> WrappedKey {
        WrappedKey {
            algorithm: "chacha20poly1305".into(),
            nonce: vec![fill; 12],
            ciphertext: vec![fill; 48],
        }
    }

    fn sample() -> Header {
        Header::new(
            "0123456789abcdef".into(),
            KeyringSlot {
                backend: "secret-service".into(),
                service: "SCR Decision Desk".into(),
                account: "archive-0123456789abcdef".into(),
                wrapped_data_key: wrapped(1),
            },
            wrapped(2),
        )
    }

    #[test]
    fn round_trips_through_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("archive-header.json");
        sample().write(&path).expect("write");
        assert_eq!(Header::read(&path).expect("read"), sample());
        assert!(!dir.path().join("archive-header.json.new").exists());
    }

    #[test]
    fn rejects_foreign_and_future_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("h.json");
        fs::write(&path, "{}").expect("write");
        assert!(matches!(
            Header::read(&path),
            Err(ArchiveError::HeaderInvalid { .. })
        ));
        let mut future = sample();
        future.version = HEADER_VERSION + 1;
        future.write(&path).expect("write");
        let error = Header::read(&path).expect_err("newer header");
        assert!(error.to_string().contains("newer"), "{error}");
    }

    #[test]
    fn oversized_files_and_unbounded_key_costs_are_refused_before_any_work() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("h.json");
        fs::write(&path, vec![b' '; MAX_HEADER_BYTES as usize + 1]).expect("write");
        let error = Header::read(&path).expect_err("too large");
        assert!(matches!(error, ArchiveError::HeaderInvalid { .. }), "{error}");
        assert!(error.to_string().contains("more than"), "{error}");

        let mut costly = sample();
        costly.passphrase = Some(PassphraseSlot {
            kdf: KdfParams {
                iterations: 4_294_967_295,
                ..KdfParams::recommended().expect("params")
            },
            wrapped_data_key: wrapped(3),
        });
        costly.write(&path).expect("write");
        assert!(matches!(
            Header::read(&path),
            Err(ArchiveError::KdfOutOfRange { .. })
        ));
    }
}
