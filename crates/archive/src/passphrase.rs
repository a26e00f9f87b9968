//! An optional passphrase that also unlocks the archive (and backups): Argon2id, so that a
//! stolen backup cannot be guessed at quickly.

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::keys::{self, SecretKey, KEY_BYTES};
use crate::ArchiveError;

/// Shortest passphrase accepted: long enough that Argon2id's cost means something.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct KdfParams {
    pub algorithm: String,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    #[serde(with = "hex::serde")]
    pub salt: Vec<u8>,
}

impl KdfParams {
    /// OWASP's first Argon2id recommendation: 64 MiB, 3 passes, 1 lane (~0.3 s here).
    pub(crate) fn recommended() -> Result<KdfParams, ArchiveError> {
        let mut salt = vec![0u8; 16];
        keys::fill_random(&mut salt)?;
        Ok(KdfParams {
            algorithm: "argon2id".into(),
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1,
            salt,
        })
    }

    pub(crate) fn derive(&self, passphrase: &str) -> Result<SecretKey, ArchiveError> {
        if self.algorithm != "argon2id" {
            return Err(ArchiveError::WrongKeyOrDamaged);
        }
        let params = Params::new(
            self.memory_kib,
            self.iterations,
            self.parallelism,
            Some(KEY_BYTES),
        )
        .map_err(|_| ArchiveError::WrongKeyOrDamaged)?;
        let mut output = Zeroizing::new([0u8; KEY_BYTES]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), &self.salt, output.as_mut())
            .map_err(|_| ArchiveError::WrongKeyOrDamaged)?;
        Ok(SecretKey::from_array(*output))
    }
}

pub(crate) fn check_strength(passphrase: &str) -> Result<(), ArchiveError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(ArchiveError::PassphraseTooShort {
            minimum: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quick() -> KdfParams {
        KdfParams {
            memory_kib: 1024,
            iterations: 1,
            ..KdfParams::recommended().expect("params")
        }
    }

    #[test]
    fn the_same_passphrase_and_salt_give_the_same_key() {
        let params = quick();
        let one = params.derive("correct horse battery staple").expect("derive");
        let two = params.derive("correct horse battery staple").expect("derive");
        let other = params.derive("correct horse battery stapler").expect("derive");
        assert_eq!(one.as_bytes(), two.as_bytes());
        assert_ne!(one.as_bytes(), other.as_bytes());
    }

    #[test]
    fn short_passphrases_are_refused() {
        assert!(check_strength("too short").is_err());
        assert!(check_strength("long enough phrase").is_ok());
    }
}
