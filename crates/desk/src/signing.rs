//! The board's signing identity, as the app, the CLI and the letters a decision issues see it:
//! set it up, show it, export the board's certificate, add a signer for joint sign-off.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use scr_archive::{NewCertificate, NewSigner, StoredAuthority, StoredSigner};
use scr_domain::FieldProblem;
use scr_letters::{
    BoardAuthority, CertificateExport, LocalSigner, SignerSubject, UtcDateTime, ValidityPeriod,
};

use crate::{Desk, DeskError};

/// How long the board's certificate authority is valid.
pub const AUTHORITY_VALIDITY_YEARS: i64 = 10;
/// How long a signer's certificate is valid; a new one is issued after that.
pub const SIGNER_VALIDITY_YEARS: i64 = 3;
/// Certificates start a little before the moment they are made, so that a clock corrected
/// backwards by a few minutes (NTP) does not make the first letters "signed before the
/// certificate was valid".
const BACKDATE_SECONDS: i64 = 10 * 60;
/// The label of the board's chair among the signers.
pub const CHAIR_LABEL: &str = "chair";
const MAX_TEXT_CHARS: usize = 120;

/// The chair's details for their signing certificate (the app's form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SigningSetupInput {
    pub chair_name: String,
    pub chair_role: String,
}

/// A certificate, as people need to see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CertificateSummary {
    pub subject: String,
    /// SHA-256, 64 upper-case hex digits.
    pub fingerprint: String,
    /// The same in groups of four, to read aloud or compare by eye.
    pub fingerprint_grouped: String,
    /// RFC 3339 UTC.
    pub valid_from: String,
    pub valid_until: String,
}

/// Someone who signs the board's letters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignerSummary {
    #[ts(type = "number")]
    pub id: i64,
    /// "chair", or what a joint signer stands for.
    pub label: String,
    pub name: String,
    pub role: String,
    pub certificate: CertificateSummary,
}

/// Whether the board can sign letters, and with what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SigningStatus {
    pub set_up: bool,
    /// The certificate members trust once; every letter's signature chains to it.
    pub board_certificate: Option<CertificateSummary>,
    pub signers: Vec<SignerSummary>,
    /// Who signs when no one is chosen (the chair): the app preselects them.
    #[ts(type = "Array<number>")]
    pub default_signer_ids: Vec<i64>,
}

/// Where the board's certificate was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CertificateExported {
    pub path: String,
    /// "pem" (text) or "cer" (DER, what Windows opens).
    pub format: String,
    pub fingerprint: String,
    pub fingerprint_grouped: String,
}

fn grouped(hex: &str) -> String {
    hex.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn authority_summary(a: &StoredAuthority) -> CertificateSummary {
    CertificateSummary {
        subject: a.subject.clone(),
        fingerprint: a.fingerprint.clone(),
        fingerprint_grouped: grouped(&a.fingerprint),
        valid_from: a.not_before.clone(),
        valid_until: a.not_after.clone(),
    }
}

fn signer_summary(s: &StoredSigner) -> SignerSummary {
    SignerSummary {
        id: s.id,
        label: s.label.clone(),
        name: s.name.clone(),
        role: s.role.clone(),
        certificate: CertificateSummary {
            subject: format!("{}, {}", s.name, s.role),
            fingerprint: s.fingerprint.clone(),
            fingerprint_grouped: grouped(&s.fingerprint),
            valid_from: s.not_before.clone(),
            valid_until: s.not_after.clone(),
        },
    }
}

/// Tidies and checks a person's name and role for a certificate.
fn validated_person(name: &str, role: &str) -> Result<(String, String), DeskError> {
    let tidy = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let (name, role) = (tidy(name), tidy(role));
    let mut problems = Vec::new();
    for (field, value, what) in [
        ("chairName", &name, "the chair's name"),
        ("chairRole", &role, "the chair's role"),
    ] {
        if value.is_empty() {
            problems.push(FieldProblem {
                field,
                message: format!("Enter {what}"),
            });
        } else if value.chars().count() > MAX_TEXT_CHARS {
            problems.push(FieldProblem {
                field,
                message: format!("{} must be {MAX_TEXT_CHARS} characters or fewer", sentence(what)),
            });
        } else if value.chars().any(char::is_control) {
            problems.push(FieldProblem {
                field,
                message: format!("{} must not contain control characters", sentence(what)),
            });
        }
    }
    if problems.is_empty() {
        Ok((name, role))
    } else {
        Err(DeskError::SigningInvalid {
            summary: "The signing details need correcting".to_owned(),
            problems,
        })
    }
}

fn sentence(text: &str) -> String {
    scr_domain::text::sentence_case(text)
}

fn new_certificate<'a>(
    export: &'a CertificateExport,
    key: &'a [u8],
    subject: &'a str,
    validity: &'a (String, String),
) -> NewCertificate<'a> {
    NewCertificate {
        subject,
        certificate_der: &export.der,
        private_key_pkcs8: key,
        fingerprint: export.sha256.hex(),
        not_before: &validity.0,
        not_after: &validity.1,
    }
}

fn validity(start: UtcDateTime, years: i64) -> (ValidityPeriod, (String, String)) {
    let start = UtcDateTime::from_unix(start.to_unix() - BACKDATE_SECONDS);
    let period = ValidityPeriod::years_from(start, years);
    let text = (period.not_before.to_rfc3339(), period.not_after.to_rfc3339());
    (period, text)
}

impl Desk {
    /// Creates the board's certificate authority and the chair's signing certificate, keeping
    /// both keys inside the encrypted archive. The board's name comes from its profile.
    pub fn set_up_signing(&self, input: SigningSetupInput) -> Result<SigningStatus, DeskError> {
        let (name, role) = validated_person(&input.chair_name, &input.chair_role)?;
        let now = self.now();
        self.with_archive(|archive| {
            let board = archive.board_profile()?.ok_or(DeskError::BoardNotSetUp)?;
            if archive.signing_authority()?.is_some() {
                return Err(scr_archive::ArchiveError::SigningAlreadySetUp.into());
            }
            let (ca_period, ca_text) = validity(now, AUTHORITY_VALIDITY_YEARS);
            let authority = BoardAuthority::create(&board.name, ca_period)?;
            let (signer_period, signer_text) = validity(now, SIGNER_VALIDITY_YEARS);
            let chair = authority.issue_signer(
                &SignerSubject {
                    name: name.clone(),
                    role: role.clone(),
                    organisation: board.name.clone(),
                },
                signer_period,
            )?;
            let ca_export = authority.export_certificate()?;
            let ca_key = authority.private_key_pkcs8_der()?;
            let chair_export = chair.export_certificate()?;
            let chair_key = chair.private_key_pkcs8_der()?;
            let ca_subject = format!("{} signing authority", board.name);
            let chair_subject = format!("{name}, {role}, {}", board.name);
            archive.create_signing_identity(
                &new_certificate(&ca_export, &ca_key, &ca_subject, &ca_text),
                &NewSigner {
                    label: CHAIR_LABEL,
                    name: &name,
                    role: &role,
                    certificate: new_certificate(&chair_export, &chair_key, &chair_subject, &signer_text),
                },
            )?;
            signing_status_of(archive)
        })
    }

    /// Issues a certificate for a further signer (joint sign-off) under the board's authority.
    pub fn add_signer(&self, label: &str, name: &str, role: &str) -> Result<SignerSummary, DeskError> {
        let (name, role) = validated_person(name, role)?;
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        if label.is_empty() {
            return Err(DeskError::SignerLabelMissing);
        }
        let now = self.now();
        self.with_archive(|archive| {
            let board = archive.board_profile()?.ok_or(DeskError::BoardNotSetUp)?;
            let stored = archive
                .signing_authority()?
                .ok_or(scr_archive::ArchiveError::SigningNotSetUp)?;
            let key = archive.signing_authority_private_key()?;
            let authority = BoardAuthority::from_parts(&key, &stored.certificate_der)?;
            let (period, text) = validity(now, SIGNER_VALIDITY_YEARS);
            let signer = authority.issue_signer(
                &SignerSubject {
                    name: name.clone(),
                    role: role.clone(),
                    organisation: board.name.clone(),
                },
                period,
            )?;
            let export = signer.export_certificate()?;
            let signer_key = signer.private_key_pkcs8_der()?;
            let subject = format!("{name}, {role}, {}", board.name);
            let stored = archive.add_signer(&NewSigner {
                label: &label,
                name: &name,
                role: &role,
                certificate: new_certificate(&export, &signer_key, &subject, &text),
            })?;
            Ok(signer_summary(&stored))
        })
    }

    pub fn signing_status(&self) -> Result<SigningStatus, DeskError> {
        self.with_archive(|archive| signing_status_of(archive))
    }

    /// Writes the board's certificate as a `.cer` file (what Acrobat and Windows open) into the
    /// user's Documents folder, for the app's button.
    pub fn export_board_certificate_to_documents(&self) -> Result<CertificateExported, DeskError> {
        let folder = crate::desk::documents_folder("SCR Decision Desk certificates")?;
        self.export_board_certificate_into(&folder)
    }

    /// Writes the board's certificate as a `.cer` file into `folder`. The name carries the start
    /// of the fingerprint; if that file is already there holding this certificate, it is left as
    /// it is. Whatever else may have taken the name since (another file, a pipe, a folder) is
    /// read no further than the certificate's length, never waited on, and never overwritten.
    pub fn export_board_certificate_into(&self, folder: &Path) -> Result<CertificateExported, DeskError> {
        let stored = self.with_archive(|archive| {
            Ok(archive
                .signing_authority()?
                .ok_or(scr_archive::ArchiveError::SigningNotSetUp)?)
        })?;
        let path = folder.join(format!("Board certificate {}.cer", &stored.fingerprint[..8]));
        if holds_exactly(&path, &stored.certificate_der) {
            return Ok(CertificateExported {
                path: path.display().to_string(),
                format: "cer".to_owned(),
                fingerprint_grouped: grouped(&stored.fingerprint),
                fingerprint: stored.fingerprint,
            });
        }
        self.export_board_certificate(&path)
    }

    /// Writes the board's certificate to `path`: PEM for `.pem`/`.crt`, DER for `.cer`/`.der`.
    /// Never overwrites a file.
    pub fn export_board_certificate(&self, path: &Path) -> Result<CertificateExported, DeskError> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let format = match extension.as_str() {
            "pem" | "crt" => "pem",
            "cer" | "der" => "cer",
            _ => {
                return Err(DeskError::FormatUnknown {
                    path: path.to_owned(),
                    expected: ".pem (text) or .cer (binary, what Windows opens)",
                })
            }
        };
        let stored = self.with_archive(|archive| {
            Ok(archive
                .signing_authority()?
                .ok_or(scr_archive::ArchiveError::SigningNotSetUp)?)
        })?;
        let export = CertificateExport::of(&scr_letters::identity::parse_certificate(
            &stored.certificate_der,
        )?)?;
        let bytes = if format == "pem" {
            export.pem.as_bytes()
        } else {
            export.der.as_slice()
        };
        crate::register::write_new_file(path, bytes)?;
        Ok(CertificateExported {
            path: path.display().to_string(),
            format: format.to_owned(),
            fingerprint: export.sha256.hex().to_owned(),
            fingerprint_grouped: export.sha256.grouped(),
        })
    }
}

/// Whether the file at `path` holds exactly `bytes`, read as a file the app did not write.
fn holds_exactly(path: &Path, bytes: &[u8]) -> bool {
    scr_archive::files::read_limited(path, bytes.len() as u64).is_ok_and(|found| found == bytes)
}

fn signing_status_of(archive: &scr_archive::Archive) -> Result<SigningStatus, DeskError> {
    let authority = archive.signing_authority()?;
    let signers = archive.signers()?;
    // Issuing's own rule for an empty choice, so the page preselects exactly who would sign.
    let default_signer_ids = match &authority {
        Some(a) => crate::letter_signing::chosen_signers(archive, a.id, &[])
            .map(|chosen| chosen.iter().map(|s| s.id).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(SigningStatus {
        default_signer_ids,
        set_up: authority.is_some() && !signers.is_empty(),
        board_certificate: authority.as_ref().map(authority_summary),
        signers: signers
            .iter()
            .filter(|s| authority.as_ref().map(|a| a.id) == Some(s.authority_id))
            .map(signer_summary)
            .collect(),
    })
}

/// A stored signer as a signing identity: its key decrypted for the moment of signing.
pub(crate) fn load_signer(
    archive: &scr_archive::Archive,
    signer: &StoredSigner,
) -> Result<LocalSigner, DeskError> {
    let authority = archive
        .signing_authorities()?
        .into_iter()
        .find(|a| a.id == signer.authority_id)
        .ok_or(scr_archive::ArchiveError::SigningNotSetUp)?;
    let key = archive.signer_private_key(signer.id)?;
    Ok(LocalSigner::from_parts(
        &key,
        &signer.certificate_der,
        &[&authority.certificate_der],
    )?)
}

/// The fingerprint of DER bytes, grouped.
pub(crate) fn grouped_fingerprint(hex: &str) -> String {
    grouped(hex)
}
