//! Decision letters of SCR Decision Desk: layout and PDF rendering (printpdf), the board's
//! signing identity (a certificate authority and the chair's certificate), PAdES B-B signatures
//! as incremental updates, and a verifier of our own.
//!
//! [`compose`] writes a letter about a finalised decision from the domain's records.
//!
//! Nothing here depends on the app shell, the archive or the desk: the desk passes in what
//! to print, the clock, and the keys; this crate gives back bytes and reports.
#![forbid(unsafe_code)]

mod appearance;
mod cms_signature;
pub mod compose;
mod crl;
pub mod dss;
mod embedded_font;
mod error;
mod fields;
mod font_program;
mod fonts;
pub mod identity;
mod incremental;
pub mod layout;
pub mod model;
pub mod pdfa;
mod pdfobj;
mod render;
pub mod report;
pub mod sample;
pub mod sign;
mod signatures;
mod tagging;
#[cfg(feature = "test-tsa")]
pub mod test_tsa;
pub mod time;
pub mod timestamp;
pub mod tsa_client;
pub mod verify;

pub use dss::add_validation_data;
pub use error::{LetterError, Result};
pub use identity::{
    BoardAuthority, CertificateExport, Fingerprint, LocalSigner, SignerSubject, SigningIdentity,
    ValidityPeriod,
};
pub use layout::SignatureSlot;
pub use model::{
    standard_verification_note, verification_note, Block, Distribution, LetterDocument, LetterMetadata,
    Letterhead, Signatory,
};
pub use render::{missing_glyphs, LetterRenderer, RenderedLetter, PRODUCER};
pub use sign::{sign_pdf, SignatureRequest, Timestamper};
pub use time::UtcDateTime;
pub use tsa_client::HttpTimestamper;
pub use verify::{
    try_verify, try_verify_with_timestamp_roots, verify, verify_with_timestamp_roots, ByteRange,
    DocumentFacts, IntegrityStatus, SignatureReport, TimestampReport, ValidationData, VerificationReport,
};
/// The X.509 certificate type the letters crate works with (for callers that hold trust lists).
pub use x509_cert::Certificate;
