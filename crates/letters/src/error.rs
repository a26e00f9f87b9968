//! The one error type of the letters crate.

/// Everything that can go wrong while rendering, signing or verifying a letter.
///
/// Each variant has a stable machine code ([`LetterError::code`]) that the desk maps to its
/// IPC error codes; the `Display` text is for logs and developers, not for board members.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// The letter could not be laid out or written as a PDF.
    #[error("the letter could not be rendered: {0}")]
    Render(String),
    /// A logo was given that is neither a PNG nor a JPEG, or could not be decoded.
    #[error("the letterhead logo could not be used: {0}")]
    BadLogo(String),
    /// A key or certificate could not be created, parsed or exported.
    #[error("bad certificate or key: {0}")]
    BadCertificate(String),
    /// The signing identity refused or failed to sign.
    #[error("signing failed: {0}")]
    SigningFailed(String),
    /// The PDF given to the signer or verifier is not one we can work with.
    #[error("the PDF could not be read: {0}")]
    MalformedPdf(String),
    /// The signature did not fit in the space reserved for it in the PDF.
    #[error("the signature ({needed} bytes) is larger than the space reserved for it ({reserved} bytes)")]
    SignatureTooLarge { needed: usize, reserved: usize },
    /// The requested signature slot does not exist on the letter.
    #[error("no signature slot {0} on this letter")]
    NoSuchSlot(usize),
    /// A timestamp authority hook failed.
    #[error("the timestamp could not be obtained: {0}")]
    Timestamp(String),
    /// The file given to the verifier is larger than any letter.
    #[error("the file is {bytes} bytes; a letter is far smaller than the {limit} bytes checked at most")]
    TooLarge { bytes: u64, limit: u64 },
    /// The file carries more signatures than any letter.
    #[error("the file has more than {limit} signatures; no letter has that many")]
    TooManySignatures { limit: usize },
    /// The file has more revisions than a signed letter.
    #[error("the file has more than {limit} revisions; no letter has that many")]
    TooManyRevisions { limit: usize },
    /// A compressed part of the file inflates far beyond anything a letter holds.
    #[error("a compressed part of the file inflates to more than {limit} bytes (a decompression bomb)")]
    DecompressionBomb { limit: usize },
}

impl LetterError {
    /// A stable, machine-readable code for this error (pinned by a test).
    pub fn code(&self) -> &'static str {
        match self {
            LetterError::Render(_) => "letter.render_failed",
            LetterError::BadLogo(_) => "letter.bad_logo",
            LetterError::BadCertificate(_) => "letter.bad_certificate",
            LetterError::SigningFailed(_) => "letter.signing_failed",
            LetterError::MalformedPdf(_) => "letter.malformed_pdf",
            LetterError::SignatureTooLarge { .. } => "letter.signature_too_large",
            LetterError::NoSuchSlot(_) => "letter.no_such_signature_slot",
            LetterError::Timestamp(_) => "letter.timestamp_failed",
            LetterError::TooLarge { .. } => "letter.too_large",
            LetterError::TooManySignatures { .. } => "letter.too_many_signatures",
            LetterError::TooManyRevisions { .. } => "letter.too_many_revisions",
            LetterError::DecompressionBomb { .. } => "letter.decompression_bomb",
        }
    }
}

impl From<der::Error> for LetterError {
    fn from(e: der::Error) -> Self {
        LetterError::BadCertificate(e.to_string())
    }
}

pub type Result<T, E = LetterError> = std::result::Result<T, E>;
