//! IPC commands for records governance: each adapts one `Desk` call. The list here,
//! `build.rs` and `capabilities/` must agree.

use tauri::State;

use crate::commands::SharedDesk;

use scr_desk::ipc::IpcError;
use scr_desk::{
    CaseRetentionView, DisposalInput, DisposalPreview, HoldInput, HoldView, KeepLongerInput, LiftHoldInput,
    RetentionOverview,
};
use scr_domain::retention::certificate::DisposalCertificate;
use scr_domain::retention::RecordClass;

#[tauri::command(async)]
pub fn retention_overview(desk: State<'_, SharedDesk>) -> Result<RetentionOverview, IpcError> {
    desk.retention_overview().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn case_retention(desk: State<'_, SharedDesk>, case_id: i64) -> Result<CaseRetentionView, IpcError> {
    desk.case_retention(case_id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn place_legal_hold(desk: State<'_, SharedDesk>, input: HoldInput) -> Result<HoldView, IpcError> {
    desk.place_legal_hold(input).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn lift_legal_hold(desk: State<'_, SharedDesk>, input: LiftHoldInput) -> Result<HoldView, IpcError> {
    desk.lift_legal_hold(input).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn legal_hold_history(desk: State<'_, SharedDesk>) -> Result<Vec<HoldView>, IpcError> {
    desk.legal_hold_history().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn keep_records_longer(
    desk: State<'_, SharedDesk>,
    input: KeepLongerInput,
) -> Result<CaseRetentionView, IpcError> {
    desk.keep_records_longer(input).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_retention_settings(
    desk: State<'_, SharedDesk>,
    second_person_required: bool,
) -> Result<bool, IpcError> {
    desk.save_retention_settings(second_person_required)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn disposal_preview(
    desk: State<'_, SharedDesk>,
    case_id: i64,
    class: RecordClass,
) -> Result<DisposalPreview, IpcError> {
    desk.disposal_preview(case_id, class).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn dispose_records(
    desk: State<'_, SharedDesk>,
    input: DisposalInput,
) -> Result<DisposalCertificate, IpcError> {
    desk.dispose_records(input).map_err(IpcError::from)
}
