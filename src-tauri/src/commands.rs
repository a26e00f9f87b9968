//! IPC commands: each one adapts a single `Desk` call. `async` keeps keyring and disk work off
//! the window's main thread. The list here, `build.rs` and `capabilities/` must agree.

use tauri::State;

use scr_desk::ipc::IpcError;
use scr_desk::{
    AppStatus, BackupMade, BoardProfile, Desk, ExportFormat, FileUpload, ImportDone, ImportPreviewView,
    IntegrityReport, IssuedRecoveryKey, MemberRecord, RegisterExported, RegisterView, SettingsView,
};
use scr_domain::board::BoardSettings;
use scr_domain::register::{Member, MemberId, MemberInput};

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

#[tauri::command(async)]
pub fn register_at(desk: State<'_, Desk>, at: Option<chrono::NaiveDate>) -> Result<RegisterView, IpcError> {
    desk.register_at(at).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn member_record(desk: State<'_, Desk>, id: MemberId) -> Result<MemberRecord, IpcError> {
    desk.member(id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn add_member(desk: State<'_, Desk>, input: MemberInput) -> Result<Member, IpcError> {
    desk.add_member(input).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn edit_member(
    desk: State<'_, Desk>,
    id: MemberId,
    input: MemberInput,
    effective_from: String,
) -> Result<Member, IpcError> {
    desk.edit_member(id, input, &effective_from)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn leave_member(desk: State<'_, Desk>, id: MemberId, last_day: String) -> Result<Member, IpcError> {
    desk.leave_member(id, &last_day).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn preview_import(
    desk: State<'_, Desk>,
    file: FileUpload,
    excluded_lines: Vec<usize>,
) -> Result<ImportPreviewView, IpcError> {
    let bytes = file.bytes().map_err(IpcError::from)?;
    desk.preview_import(&file.name, &bytes, &excluded_lines)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn confirm_import(
    desk: State<'_, Desk>,
    file: FileUpload,
    excluded_lines: Vec<usize>,
    token: String,
) -> Result<ImportDone, IpcError> {
    let bytes = file.bytes().map_err(IpcError::from)?;
    desk.confirm_import(&file.name, &bytes, &excluded_lines, &token)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn export_register(
    desk: State<'_, Desk>,
    format: ExportFormat,
    at: Option<chrono::NaiveDate>,
) -> Result<RegisterExported, IpcError> {
    desk.export_register_to_documents(format, at)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn board_settings(desk: State<'_, Desk>) -> Result<SettingsView, IpcError> {
    desk.board_settings().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_board_settings(
    desk: State<'_, Desk>,
    settings: BoardSettings,
    agencies: Vec<String>,
) -> Result<SettingsView, IpcError> {
    desk.save_board_settings(settings, agencies)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_board_logo(desk: State<'_, Desk>, file: Option<FileUpload>) -> Result<SettingsView, IpcError> {
    let bytes = file
        .map(|file| file.bytes())
        .transpose()
        .map_err(IpcError::from)?;
    desk.save_board_logo(bytes.as_deref()).map_err(IpcError::from)
}
