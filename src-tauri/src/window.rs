//! The desktop window.

use std::path::PathBuf;
use std::process::ExitCode;

use scr_desk::Desk;

use crate::commands;

pub fn run(data_dir: PathBuf) -> ExitCode {
    let result = tauri::Builder::default()
        .manage(Desk::with_system_keyring(data_dir))
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::save_board_profile
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("scr-desk: the window could not be started: {error}");
            ExitCode::FAILURE
        }
    }
}
