//! `scr-desk verify`: check a signed letter, against this board's archive or a certificate file.

use std::process::ExitCode;

use scr_desk::{Desk, DeskError, LetterVerification};

use super::output::print_out;

pub(super) fn verify(
    desk: &Desk,
    file: &std::path::Path,
    trust: Option<&std::path::Path>,
    json: bool,
) -> Result<ExitCode, DeskError> {
    let pdf = scr_desk::read_input_file(file, scr_desk::MAX_LETTER_BYTES as u64)?;
    let result = match trust {
        Some(certificate) => scr_desk::verify_letter_with_certificates(
            &pdf,
            &scr_desk::read_input_file(certificate, scr_desk::MAX_CERTIFICATE_FILE_BYTES)?,
        )?,
        None => desk.verify_letter(&pdf)?,
    };
    let printed = print_out(json, &result, || verification_text(file, &result));
    Ok(if printed == ExitCode::SUCCESS && result.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn verification_text(file: &std::path::Path, v: &LetterVerification) -> String {
    let mut lines = vec![
        v.headline.clone(),
        String::new(),
        format!("File:      {} ({} bytes)", file.display(), v.file_size),
        format!("SHA-256:   {}", v.file_sha256),
    ];
    for s in &v.signatures {
        let who = [
            s.signer_name.as_deref(),
            s.signer_role.as_deref(),
            s.signer_organisation.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        lines.push(format!(
            "Signature {}: {}",
            s.number,
            if who.is_empty() { "unknown signer" } else { &who }
        ));
        if let Some(at) = &s.signed_at_display {
            lines.push(format!("  signed {at}"));
        }
        if let Some(f) = &s.certificate_fingerprint_grouped {
            lines.push(format!("  certificate SHA-256: {f}"));
        }
        if let Some(t) = &s.timestamp {
            lines.push(format!(
                "  timestamped {} by {} ({})",
                t.at_display.as_deref().unwrap_or("at an unreadable time"),
                t.authority.as_deref().unwrap_or("an unnamed authority"),
                match (t.holds, t.trusted) {
                    (false, _) => "the timestamp does NOT hold",
                    (true, true) => "trusted",
                    (true, false) => "not checked against a trusted authority certificate",
                }
            ));
        }
        lines.push(format!(
            "  {}; {}",
            if s.intact { "intact" } else { "NOT intact" },
            if s.trusted_by_board {
                "trusted by this board"
            } else {
                "NOT trusted by this board"
            }
        ));
    }
    lines.extend(v.document.summary.iter().cloned());
    match v.trust_source {
        scr_desk::TrustSource::Archive => lines.push(format!(
            "Checked against this board's certificate: {}",
            v.trusted_fingerprints.join("; ")
        )),
        scr_desk::TrustSource::File => lines.push(format!(
            "Checked against the certificate given with --trust: {}",
            v.trusted_fingerprints.join("; ")
        )),
        scr_desk::TrustSource::None => {}
    }
    if let Some(note) = &v.trust_note {
        lines.push(note.clone());
    }
    if v.archive_checked {
        if v.archive_matches.is_empty() {
            lines.push("Archive:   no letter with exactly these bytes was issued from this archive.".into());
        }
        for m in &v.archive_matches {
            lines.push(format!(
                "Archive:   matches issued letter {} ({} {}, to {}), issued {}",
                m.id,
                m.kind.as_str(),
                m.reference,
                m.recipient.to_stored(),
                m.created_at
            ));
        }
    } else {
        lines.push("Archive:   not consulted.".into());
    }
    if !v.problems.is_empty() {
        lines.push(String::new());
        lines.push("Problems:".into());
        lines.extend(v.problems.iter().map(|p| format!("  - {p}")));
    }
    lines.join("\n")
}
