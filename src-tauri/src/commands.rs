//! IPC commands: each one adapts a single `Desk` call. `async` keeps keyring and disk work off
//! the window's main thread. The list here, `build.rs` and `capabilities/` must agree.

use tauri::State;

use scr_desk::ipc::IpcError;
use scr_desk::{AppStatus, BackupMade, BoardProfile, Desk, IntegrityReport, IssuedRecoveryKey};

#[tauri::command(async)]
pub fn app_status(desk: State<'_, Desk>) -> Result<AppStatus, IpcError> {
    desk.status().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_board_profile(desk: State<'_, Desk>, profile: BoardProfile) -> Result<BoardProfile, IpcError> {
    desk.save_board_profile(profile).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn issue_recovery_key(desk: State<'_, Desk>) -> Result<IssuedRecoveryKey, IpcError> {
    desk.issue_recovery_key().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn confirm_recovery_key(desk: State<'_, Desk>) -> Result<AppStatus, IpcError> {
    desk.confirm_recovery_key().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn recover_archive(desk: State<'_, Desk>, recovery_key: String) -> Result<AppStatus, IpcError> {
    desk.recover(&zeroize::Zeroizing::new(recovery_key))
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn check_archive(desk: State<'_, Desk>) -> Result<IntegrityReport, IpcError> {
    desk.check().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn backup_archive(desk: State<'_, Desk>) -> Result<BackupMade, IpcError> {
    desk.backup_to_documents().map_err(IpcError::from)
}
