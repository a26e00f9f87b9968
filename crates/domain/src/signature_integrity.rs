//! What a verifier found of one signature's bytes and cryptography: the closed set the letters'
//! verifier reports (ISO 32000-2 §12.8.1 for the byte range, RFC 5652 for the signature), and
//! the Verify page and `scr-desk verify` show.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether one signature's bytes and cryptography hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IntegrityStatus {
    /// The digest of the signed byte ranges matches, and the signature over it verifies.
    Intact,
    /// The signed bytes were changed after signing.
    DigestMismatch,
    /// The digest matches what the signer signed, but the signature value does not verify.
    BadSignature,
    /// The `/ByteRange` is not four numbers that frame the `/Contents` exactly.
    ByteRangeMalformed,
    /// `/Contents` does not hold a CMS SignedData we can read.
    MalformedSignature,
    /// An algorithm we do not verify (we verify SHA-2 with ECDSA P-256).
    UnsupportedAlgorithm,
}
