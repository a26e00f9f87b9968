//! Keys and their wrapping. A key lives in memory only inside a type that wipes it on drop.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::ArchiveError;

pub(crate) const KEY_BYTES: usize = 32;
const NONCE_BYTES: usize = 12;

/// A 256-bit secret key (the archive's data key, or a key that wraps it).
pub(crate) struct SecretKey(Zeroizing<[u8; KEY_BYTES]>);

impl SecretKey {
    pub(crate) fn random() -> Result<SecretKey, ArchiveError> {
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        fill_random(bytes.as_mut())?;
        Ok(SecretKey(bytes))
    }

    pub(crate) fn from_array(bytes: [u8; KEY_BYTES]) -> SecretKey {
        SecretKey(Zeroizing::new(bytes))
    }

    /// None when the bytes are not exactly one key long, so a truncated secret is never used.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<SecretKey> {
        let array: [u8; KEY_BYTES] = bytes.try_into().ok()?;
        Some(SecretKey(Zeroizing::new(array)))
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_ref()
    }

    /// The value for `PRAGMA key`. SQLCipher reads anything that is not exactly 64 hex digits
    /// as a passphrase, so this is the only place that formats it.
    pub(crate) fn sqlcipher_raw_key(&self) -> Zeroizing<String> {
        let mut hex_digits = hex::encode(self.as_bytes());
        let pragma = Zeroizing::new(format!("\"x'{hex_digits}'\""));
        hex_digits.zeroize();
        pragma
    }
}

/// A key encrypted (AEAD) under another key; the associated data binds it to one archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WrappedKey {
    pub algorithm: String,
    #[serde(with = "hex::serde")]
    pub nonce: Vec<u8>,
    #[serde(with = "hex::serde")]
    pub ciphertext: Vec<u8>,
}

const ALGORITHM: &str = "chacha20poly1305";

pub(crate) fn wrap(kek: &SecretKey, key: &SecretKey, aad: &[u8]) -> Result<WrappedKey, ArchiveError> {
    let cipher = cipher(kek)?;
    let mut nonce = [0u8; NONCE_BYTES];
    fill_random(&mut nonce)?;
    let ciphertext = cipher
        .encrypt(
            &Nonce::from(nonce),
            Payload {
                msg: key.as_bytes(),
                aad,
            },
        )
        .map_err(|_| ArchiveError::Random("key wrapping failed".into()))?;
    Ok(WrappedKey {
        algorithm: ALGORITHM.to_owned(),
        nonce: nonce.to_vec(),
        ciphertext,
    })
}

/// Every failure looks the same (AEAD gives no detail), which is also what we want to say.
pub(crate) fn unwrap(kek: &SecretKey, wrapped: &WrappedKey, aad: &[u8]) -> Result<SecretKey, ArchiveError> {
    if wrapped.algorithm != ALGORITHM {
        return Err(ArchiveError::WrongKeyOrDamaged);
    }
    let nonce: [u8; NONCE_BYTES] = wrapped
        .nonce
        .as_slice()
        .try_into()
        .map_err(|_| ArchiveError::WrongKeyOrDamaged)?;
    let plain = Zeroizing::new(
        cipher(kek)?
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: &wrapped.ciphertext,
                    aad,
                },
            )
            .map_err(|_| ArchiveError::WrongKeyOrDamaged)?,
    );
    SecretKey::from_slice(&plain).ok_or(ArchiveError::WrongKeyOrDamaged)
}

fn cipher(kek: &SecretKey) -> Result<ChaCha20Poly1305, ArchiveError> {
    ChaCha20Poly1305::new_from_slice(kek.as_bytes()).map_err(|_| ArchiveError::WrongKeyOrDamaged)
}

pub(crate) fn fill_random(buffer: &mut [u8]) -> Result<(), ArchiveError> {
    getrandom::fill(buffer).map_err(|error| ArchiveError::Random(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_key_round_trips() {
        let kek = SecretKey::random().expect("random");
        let dek = SecretKey::random().expect("random");
        let wrapped = wrap(&kek, &dek, b"archive-1").expect("wrap");
        assert_eq!(wrapped.ciphertext.len(), KEY_BYTES + 16);
        let back = unwrap(&kek, &wrapped, b"archive-1").expect("unwrap");
        assert_eq!(back.as_bytes(), dek.as_bytes());
    }

    #[test]
    fn unwrapping_with_another_key_or_archive_fails() {
        let kek = SecretKey::random().expect("random");
        let dek = SecretKey::random().expect("random");
        let wrapped = wrap(&kek, &dek, b"archive-1").expect("wrap");
        let other = SecretKey::random().expect("random");
        assert!(matches!(
            unwrap(&other, &wrapped, b"archive-1"),
            Err(ArchiveError::WrongKeyOrDamaged)
        ));
        assert!(matches!(
            unwrap(&kek, &wrapped, b"archive-2"),
            Err(ArchiveError::WrongKeyOrDamaged)
        ));
    }

    #[test]
    fn raw_key_pragma_is_exactly_64_hex_digits() {
        let key = SecretKey::from_slice(&[0xab; KEY_BYTES]).expect("key");
        let pragma = key.sqlcipher_raw_key();
        assert_eq!(pragma.len(), 64 + 5);
        assert!(pragma.starts_with("\"x'abab"));
        assert!(SecretKey::from_slice(&[1; 31]).is_none());
    }
}
