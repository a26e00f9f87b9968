//! `scr-desk init` and `scr-desk demo`: a new archive, for a board or for the demonstration
//! board, each made by one `Desk` call; here its recovery key is shown once (or written to a
//! file), with what else was made.

use std::path::PathBuf;
use std::process::ExitCode;

use zeroize::Zeroizing;

use scr_desk::{
    BoardProfile, DemoRecoveryKey, DemoStarted, Desk, DeskError, InitOutcome, RecoveryKey, SigningOutcome,
    SigningSetupInput,
};

use super::output::{emit, print_out, report_failure};
use super::signing::signing_text;

pub(super) fn init(
    desk: &Desk,
    board_name: &str,
    area: Option<String>,
    recovery_key_out: Option<PathBuf>,
    chair: Option<SigningSetupInput>,
    json: bool,
) -> Result<ExitCode, DeskError> {
    let area = area.unwrap_or_else(|| scr_domain::board::area_from_board_name(board_name));
    if let Some(path) = &recovery_key_out {
        if path.exists() {
            return Err(DeskError::file_exists(path));
        }
    }
    let InitOutcome {
        status,
        recovery_key,
        signing,
    } = desk.init_board(
        BoardProfile {
            name: board_name.to_owned(),
            area,
        },
        chair,
    )?;
    let shown = recovery_key.display();
    // The archive exists now: whatever happened to signing, the recovery key must be shown.
    let (signing, signing_failed) = match signing {
        SigningOutcome::NotAsked => (None, false),
        SigningOutcome::SetUp(signing) => (Some(signing), false),
        SigningOutcome::Failed(error) => {
            report_failure(&error.into(), json);
            eprintln!("scr-desk: the archive was created, but signing was not set up; run `scr-desk signing set-up`.");
            (None, true)
        }
    };
    let exit = if signing_failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    match &recovery_key_out {
        Some(path) => {
            if let Err(error) = super::keys::write_key_file(path, &shown) {
                eprintln!(
                    "scr-desk: the archive was created, but the recovery key could not be written to {}: {error}",
                    path.display()
                );
                eprintln!(
                    "Write this recovery key down now; it will not be shown again:\n{}",
                    shown.as_str()
                );
                return Ok(ExitCode::FAILURE);
            }
        }
        None if !json => {
            let mut text = Zeroizing::new(format!(
                "Archive created in {}\n\n\
                 Recovery key (shown once; keep it somewhere safe, away from this computer):\n\n    {}\n\n\
                 Without it, the archive cannot be opened if this computer's keyring is lost.",
                status.data_dir,
                shown.as_str()
            ));
            if let Some(signing) = &signing {
                text.push_str("\n\n");
                text.push_str(&signing_text(signing));
            }
            emit(&text);
            return Ok(exit);
        }
        None => {}
    }
    let key_json = if recovery_key_out.is_some() {
        None
    } else {
        Some(shown.as_str())
    };
    let printed = print_out(
        json,
        &serde_json::json!({ "status": status, "recoveryKey": key_json, "signing": signing }),
        || {
            let mut text = format!(
                "Archive created in {}; recovery key written to the file.",
                status.data_dir
            );
            if let Some(signing) = &signing {
                text.push('\n');
                text.push_str(&signing_text(signing));
            }
            text
        },
    );
    Ok(if signing_failed { exit } else { printed })
}

pub(super) fn demo(desk: &Desk, json: bool) -> Result<ExitCode, DeskError> {
    let DemoStarted {
        created,
        recovery_key,
    } = desk.start_demo(DemoRecoveryKey::ShowNow)?;
    // `ShowNow` always returns the key; were it missing the line would be empty, not a panic.
    let shown = recovery_key
        .as_ref()
        .map(RecoveryKey::display)
        .unwrap_or_default();
    let report = serde_json::json!({ "recoveryKey": shown.as_str(), "demo": &created });
    Ok(print_out(json, &report, || {
        let mut text = format!(
            "Demonstration board created in {}\n\nBoard: {}\nMembers: {}\n",
            created.data_dir, created.board, created.members
        );
        text.push_str(&format!("Cases ({}):\n", created.cases.len()));
        for case in &created.cases {
            text.push_str(&format!("  {case}\n"));
        }
        for decision in &created.decisions {
            text.push_str(&format!("Decision: {decision}\n"));
        }
        text.push_str(&format!("Letters issued today ({}):\n", created.letters.len()));
        for letter in &created.letters {
            text.push_str(&format!("  {letter}\n"));
        }
        text.push_str(&format!(
            "\nRecovery key for this demonstration archive:\n    {}\n\nEverything in it is fictional.",
            shown.as_str()
        ));
        text
    }))
}
