//! `scr-desk signing ...` and `scr-desk certificate export`: the board's signing identity.

use std::path::Path;
use std::process::ExitCode;

use scr_desk::{Desk, DeskError, SigningSetupInput, SigningStatus};

use super::args::SigningCommand;
use super::output::print_out;

pub(super) fn signing(desk: &Desk, command: SigningCommand, json: bool) -> Result<ExitCode, DeskError> {
    match command {
        SigningCommand::SetUp {
            chair_name,
            chair_role,
        } => {
            let status = desk.set_up_signing(SigningSetupInput {
                chair_name,
                chair_role,
            })?;
            Ok(print_out(json, &status, || signing_text(&status)))
        }
        SigningCommand::AddSigner { label, name, role } => {
            let signer = desk.add_signer(&label, &name, &role)?;
            Ok(print_out(json, &signer, || {
                format!(
                    "{} ({}) can now sign letters as \"{}\".\nCertificate SHA-256: {}",
                    signer.name, signer.role, signer.label, signer.certificate.fingerprint_grouped
                )
            }))
        }
        SigningCommand::Status => {
            let status = desk.signing_status()?;
            Ok(print_out(json, &status, || signing_text(&status)))
        }
    }
}

pub(super) fn signing_text(status: &SigningStatus) -> String {
    let Some(board) = &status.board_certificate else {
        return "Signing is not set up yet: run `scr-desk signing set-up --chair-name NAME --chair-role ROLE`."
            .to_owned();
    };
    let mut lines = vec![
        format!("Board certificate: {}", board.subject),
        format!("  SHA-256 fingerprint: {}", board.fingerprint_grouped),
        format!("  valid {} to {}", board.valid_from, board.valid_until),
    ];
    for signer in &status.signers {
        lines.push(format!(
            "Signer ({}): {}, {}",
            signer.label, signer.name, signer.role
        ));
        lines.push(format!(
            "  certificate SHA-256: {}",
            signer.certificate.fingerprint_grouped
        ));
        lines.push(format!("  valid until {}", signer.certificate.valid_until));
    }
    lines.join("\n")
}

pub(super) fn export_certificate(desk: &Desk, file: &Path, json: bool) -> Result<ExitCode, DeskError> {
    desk.export_board_certificate(file).map(|exported| {
        print_out(json, &exported, || {
            format!(
                "The board's certificate was written to {}.\nSHA-256 fingerprint: {}",
                exported.path, exported.fingerprint_grouped
            )
        })
    })
}
