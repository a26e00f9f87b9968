//! IPC commands: each one adapts a single `Desk` call. `async` keeps keyring and disk work off
//! the window's main thread.

use tauri::State;

use scr_desk::ipc::IpcError;
use scr_desk::{AppStatus, BoardProfile, Desk};

#[tauri::command(async)]
pub fn app_status(desk: State<'_, Desk>) -> Result<AppStatus, IpcError> {
    desk.status().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_board_profile(desk: State<'_, Desk>, profile: BoardProfile) -> Result<BoardProfile, IpcError> {
    desk.save_board_profile(profile).map_err(IpcError::from)
}
