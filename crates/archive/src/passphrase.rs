//! An optional passphrase that also unlocks the archive (and backups): Argon2id, so that a
//! stolen backup cannot be guessed at quickly.

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::keys::{self, SecretKey, KEY_BYTES};
use crate::ArchiveError;

/// Shortest passphrase accepted: long enough that Argon2id's cost means something.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Bounds on the Argon2id costs read from a header or a backup manifest, checked before any
/// work: the file says how much memory and time deriving the key takes, so an edited file
/// could ask for 4 GiB or 4294967295 passes and hang `restore`. We write
/// [`KdfParams::recommended`] (64 MiB, 3 passes, 1 lane); these allow four times that, for
/// files from a later version that raises the costs, and no more.
const MAX_KDF_MEMORY_KIB: u32 = 4 * RECOMMENDED_MEMORY_KIB;
const MAX_KDF_ITERATIONS: u32 = 4 * RECOMMENDED_ITERATIONS;
/// Lanes run one after another here (no threads), so they add no speed, only cost.
const MAX_KDF_PARALLELISM: u32 = 4;
/// Memory times passes, the time Argon2id takes: four times what we write (about 1.2 s).
const MAX_KDF_WORK: u64 = 4 * RECOMMENDED_MEMORY_KIB as u64 * RECOMMENDED_ITERATIONS as u64;
/// RFC 9106 §3.1 recommends a 16-byte salt; 8 is Argon2's minimum, 64 ample.
const SALT_BYTES: std::ops::RangeInclusive<usize> = 8..=64;

const RECOMMENDED_MEMORY_KIB: u32 = 64 * 1024;
const RECOMMENDED_ITERATIONS: u32 = 3;

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
            memory_kib: RECOMMENDED_MEMORY_KIB,
            iterations: RECOMMENDED_ITERATIONS,
            parallelism: 1,
            salt,
        })
    }

    /// Refuses parameters outside the bounds above (or that Argon2 itself rejects), so that a
    /// file cannot make deriving a key take unbounded memory or time.
    pub(crate) fn check(&self) -> Result<(), ArchiveError> {
        let refuse = |reason: String| Err(ArchiveError::KdfOutOfRange { reason });
        if self.algorithm != "argon2id" {
            return refuse(format!(
                "the key derivation '{}' is not Argon2id",
                self.algorithm.escape_debug()
            ));
        }
        if self.memory_kib > MAX_KDF_MEMORY_KIB {
            return refuse(format!(
                "it asks for {} MiB of memory, more than {} MiB",
                self.memory_kib / 1024,
                MAX_KDF_MEMORY_KIB / 1024
            ));
        }
        if self.iterations == 0 || self.iterations > MAX_KDF_ITERATIONS {
            return refuse(format!(
                "it asks for {} passes; between 1 and {MAX_KDF_ITERATIONS} are accepted",
                self.iterations
            ));
        }
        if self.parallelism == 0 || self.parallelism > MAX_KDF_PARALLELISM {
            return refuse(format!(
                "it asks for {} lanes; between 1 and {MAX_KDF_PARALLELISM} are accepted",
                self.parallelism
            ));
        }
        if u64::from(self.memory_kib) * u64::from(self.iterations) > MAX_KDF_WORK {
            return refuse(
                "its memory and passes together cost more than four times what this version writes".into(),
            );
        }
        if !SALT_BYTES.contains(&self.salt.len()) {
            return refuse(format!("its salt is {} bytes", self.salt.len()));
        }
        Params::new(
            self.memory_kib,
            self.iterations,
            self.parallelism,
            Some(KEY_BYTES),
        )
        .map(|_| ())
        .or_else(|error| refuse(format!("Argon2 refuses it ({error})")))
    }

    pub(crate) fn derive(&self, passphrase: &str) -> Result<SecretKey, ArchiveError> {
        self.check()?;
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
    fn costs_beyond_the_bounds_are_refused_before_any_work() {
        let ok = KdfParams::recommended().expect("params");
        assert!(ok.check().is_ok());
        assert!(quick().check().is_ok());
        let refused = [
            KdfParams {
                iterations: u32::MAX,
                ..ok.clone()
            },
            KdfParams {
                iterations: 0,
                ..ok.clone()
            },
            KdfParams {
                memory_kib: u32::MAX,
                ..ok.clone()
            },
            KdfParams {
                parallelism: u32::MAX,
                ..ok.clone()
            },
            KdfParams {
                memory_kib: MAX_KDF_MEMORY_KIB,
                iterations: MAX_KDF_ITERATIONS,
                ..ok.clone()
            },
            KdfParams {
                memory_kib: 1,
                ..ok.clone()
            },
            KdfParams {
                salt: Vec::new(),
                ..ok.clone()
            },
            KdfParams {
                algorithm: "scrypt".into(),
                ..ok.clone()
            },
        ];
        for params in refused {
            // 4294967295 passes would hang this test if Argon2 ran before the check.
            let Err(error) = params.derive("correct horse battery staple") else {
                panic!("{params:?} was accepted");
            };
            assert!(
                matches!(error, ArchiveError::KdfOutOfRange { .. }),
                "{params:?}: {error}"
            );
        }
    }

    #[test]
    fn short_passphrases_are_refused() {
        assert!(check_strength("too short").is_err());
        assert!(check_strength("long enough phrase").is_ok());
    }
}
