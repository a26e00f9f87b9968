//! Letters prepared for issue: what a preview showed, kept by a token bound to its content, so
//! that issuing signs exactly what the chair looked at or refuses.

use std::sync::Mutex;

use sha2::{Digest, Sha256};

use scr_archive::StoredSigner;

use crate::letters_from_decisions::LetterRequest;
use crate::{DeskError, LetterToIssue};

/// How many previews are kept at once: the chair looks at a few (a circular, then personalised
/// copies) before issuing one; older ones must be previewed again.
const KEPT_PREVIEWS: usize = 4;

/// The letters of one preview, exactly as they will be signed.
#[derive(Debug, Clone)]
pub(crate) struct PreparedIssue {
    pub token: String,
    pub request: LetterRequest,
    pub letters: Vec<LetterToIssue>,
    pub reference: String,
}

/// The previews not yet issued, newest last.
#[derive(Debug, Default)]
pub(crate) struct PreparedLetters {
    kept: Mutex<Vec<PreparedIssue>>,
}

impl PreparedLetters {
    pub fn keep(&self, prepared: PreparedIssue) {
        let mut kept = self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.retain(|p| p.token != prepared.token);
        kept.push(prepared);
        let excess = kept.len().saturating_sub(KEPT_PREVIEWS);
        kept.drain(..excess);
    }

    /// Takes the preview out, so that one preview issues its letters once.
    pub fn take(&self, token: &str) -> Result<PreparedIssue, DeskError> {
        let mut kept = self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let index = kept
            .iter()
            .position(|p| p.token == token)
            .ok_or(DeskError::PreviewUnknown)?;
        Ok(kept.remove(index))
    }
}

/// The token of a set of letters: a SHA-256 over everything that is printed or recorded (each
/// letter's document, kind and recipient) and the keys that will sign, so any change to any of
/// them gives another token.
pub(crate) fn content_token(
    letters: &[LetterToIssue],
    signers: &[StoredSigner],
) -> Result<String, DeskError> {
    let mut hash = Sha256::new();
    for letter in letters {
        let document = serde_json::to_vec(&letter.document)
            .map_err(|error| scr_archive::ArchiveError::Encoding(error.to_string()))?;
        for part in [
            document.as_slice(),
            letter.kind.as_str().as_bytes(),
            letter.recipient.to_stored().as_bytes(),
        ] {
            // Each part with its length, so that no two different lists hash alike.
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part);
        }
    }
    for signer in signers {
        hash.update((signer.fingerprint.len() as u64).to_be_bytes());
        hash.update(signer.fingerprint.as_bytes());
    }
    Ok(hex::encode(hash.finalize()))
}
