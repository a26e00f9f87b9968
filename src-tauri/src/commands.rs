//! IPC commands: each one adapts a single `Desk` call. `async` keeps keyring and disk work off
//! the window's main thread. The list here, `build.rs` and `capabilities/` must agree.

use tauri::State;

/// The desk as the window's state: shared with the thread that opens the archive ahead, which
/// starts before the window does (src-tauri/src/window.rs).
pub type SharedDesk = std::sync::Arc<Desk>;

use scr_desk::ipc::IpcError;
use scr_desk::FrameworksView;
use scr_desk::{
    AnnexOverrideView, CaseLetter, DemoCreated, DemoRecoveryKey, IssuedLetterSummary, LetterPreview,
    LetterRequest, LetterSaved,
};
use scr_desk::{
    AppStatus, BackupMade, BoardProfile, CaseListEntry, CaseView, CertificateExported, Desk, ExportFormat,
    FileUpload, ImportDone, ImportPreviewView, IntegrityReport, IssuedRecoveryKey, LetterVerification,
    MemberRecord, NewCase, RegisterExported, RegisterView, SettingsView, SigningSetupInput, SigningStatus,
};
use scr_domain::annex_scan::AnnexTerm;
use scr_domain::board::BoardSettings;
use scr_domain::case::{CaseSummary, RestrictedAnnex};
use scr_domain::decision::DecisionDraft;
use scr_domain::framework::{Framework, FrameworkSummary};
use scr_domain::register::{Member, MemberId, MemberInput};

#[tauri::command(async)]
pub fn first_screen(desk: State<'_, SharedDesk>) -> Result<scr_desk::FirstScreen, IpcError> {
    desk.first_screen().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_board_profile(
    desk: State<'_, SharedDesk>,
    profile: BoardProfile,
) -> Result<BoardProfile, IpcError> {
    desk.save_board_profile(profile).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn issue_recovery_key(
    desk: State<'_, SharedDesk>,
    passphrase: Option<String>,
) -> Result<IssuedRecoveryKey, IpcError> {
    let passphrase = passphrase.map(zeroize::Zeroizing::new);
    desk.issue_recovery_key(passphrase.as_deref().map(String::as_str))
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn confirm_recovery_key(desk: State<'_, SharedDesk>) -> Result<AppStatus, IpcError> {
    desk.confirm_recovery_key().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn recover_archive(desk: State<'_, SharedDesk>, recovery_key: String) -> Result<AppStatus, IpcError> {
    desk.recover(&zeroize::Zeroizing::new(recovery_key))
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn check_archive(desk: State<'_, SharedDesk>) -> Result<IntegrityReport, IpcError> {
    desk.check().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn backup_archive(desk: State<'_, SharedDesk>) -> Result<BackupMade, IpcError> {
    desk.backup_to_documents().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn list_frameworks(desk: State<'_, SharedDesk>) -> Vec<FrameworkSummary> {
    desk.frameworks()
}

#[tauri::command(async)]
pub fn get_framework(
    desk: State<'_, SharedDesk>,
    id: String,
    version: String,
) -> Result<Framework, IpcError> {
    desk.framework(&id, &version).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn list_cases(
    desk: State<'_, SharedDesk>,
    search: Option<String>,
) -> Result<Vec<CaseListEntry>, IpcError> {
    desk.list_cases(search.as_deref()).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn open_case(desk: State<'_, SharedDesk>, new_case: NewCase) -> Result<CaseView, IpcError> {
    desk.open_case(new_case).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn get_case(desk: State<'_, SharedDesk>, id: i64) -> Result<CaseView, IpcError> {
    desk.case_view(id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_case_summary(
    desk: State<'_, SharedDesk>,
    id: i64,
    summary: CaseSummary,
) -> Result<CaseView, IpcError> {
    desk.save_case_summary(id, summary).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_draft(desk: State<'_, SharedDesk>, id: i64, draft: DecisionDraft) -> Result<CaseView, IpcError> {
    desk.save_draft(id, draft).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn read_annex(desk: State<'_, SharedDesk>, id: i64) -> Result<RestrictedAnnex, IpcError> {
    desk.read_annex(id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_annex(
    desk: State<'_, SharedDesk>,
    id: i64,
    annex: RestrictedAnnex,
) -> Result<CaseView, IpcError> {
    desk.save_annex(id, annex).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn finalise_decision(desk: State<'_, SharedDesk>, id: i64) -> Result<CaseView, IpcError> {
    desk.finalise_decision(id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn amend_decision(desk: State<'_, SharedDesk>, id: i64, reason: String) -> Result<CaseView, IpcError> {
    desk.amend_decision(id, &reason).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn signing_status(desk: State<'_, SharedDesk>) -> Result<SigningStatus, IpcError> {
    desk.signing_status().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn set_up_signing(
    desk: State<'_, SharedDesk>,
    input: SigningSetupInput,
) -> Result<SigningStatus, IpcError> {
    desk.set_up_signing(input).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn export_board_certificate(desk: State<'_, SharedDesk>) -> Result<CertificateExported, IpcError> {
    desk.export_board_certificate_to_documents()
        .map_err(IpcError::from)
}

/// The letter's bytes arrive as a JSON array of numbers (`number[]`): letters are ~60 KB, so
/// the simplest encoding is fine, and the desk refuses anything over 20 MB. `async`: the check
/// runs off the window's thread, and the desk stops waiting for it after
/// `scr_desk::VERIFY_TIME_LIMIT` (`letter.verify_timeout`).
#[tauri::command(async)]
pub fn verify_letter(desk: State<'_, SharedDesk>, pdf: Vec<u8>) -> Result<LetterVerification, IpcError> {
    desk.verify_letter(&pdf).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn register_at(
    desk: State<'_, SharedDesk>,
    at: Option<chrono::NaiveDate>,
) -> Result<RegisterView, IpcError> {
    desk.register_at(at).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn member_record(desk: State<'_, SharedDesk>, id: MemberId) -> Result<MemberRecord, IpcError> {
    desk.member(id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn add_member(desk: State<'_, SharedDesk>, input: MemberInput) -> Result<Member, IpcError> {
    desk.add_member(input).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn edit_member(
    desk: State<'_, SharedDesk>,
    id: MemberId,
    input: MemberInput,
    effective_from: String,
) -> Result<Member, IpcError> {
    desk.edit_member(id, input, &effective_from)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn leave_member(desk: State<'_, SharedDesk>, id: MemberId, last_day: String) -> Result<Member, IpcError> {
    desk.leave_member(id, &last_day).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn preview_import(
    desk: State<'_, SharedDesk>,
    file: FileUpload,
    excluded_lines: Vec<usize>,
) -> Result<ImportPreviewView, IpcError> {
    let bytes = file.bytes().map_err(IpcError::from)?;
    desk.preview_import(&file.name, &bytes, &excluded_lines)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn confirm_import(
    desk: State<'_, SharedDesk>,
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
    desk: State<'_, SharedDesk>,
    format: ExportFormat,
    at: Option<chrono::NaiveDate>,
) -> Result<RegisterExported, IpcError> {
    desk.export_register_to_documents(format, at)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn board_settings(desk: State<'_, SharedDesk>) -> Result<SettingsView, IpcError> {
    desk.board_settings().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_board_settings(
    desk: State<'_, SharedDesk>,
    settings: BoardSettings,
    agencies: Vec<String>,
) -> Result<SettingsView, IpcError> {
    desk.save_board_settings(settings, agencies)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_board_logo(
    desk: State<'_, SharedDesk>,
    file: Option<FileUpload>,
) -> Result<SettingsView, IpcError> {
    let bytes = file
        .map(|file| file.bytes())
        .transpose()
        .map_err(IpcError::from)?;
    desk.save_board_logo(bytes.as_deref()).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn preview_letters(
    desk: State<'_, SharedDesk>,
    request: LetterRequest,
) -> Result<LetterPreview, IpcError> {
    desk.preview_letters(&request).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn issue_letters(
    desk: State<'_, SharedDesk>,
    token: String,
) -> Result<Vec<IssuedLetterSummary>, IpcError> {
    desk.issue_previewed(&token).map_err(IpcError::from)
}

/// The overrides of the annex guard in force for a case.
#[tauri::command(async)]
pub fn annex_overrides(
    desk: State<'_, SharedDesk>,
    case_id: i64,
) -> Result<Vec<AnnexOverrideView>, IpcError> {
    desk.annex_overrides(case_id).map_err(IpcError::from)
}

/// The annex terms a refused letter would print (a recorded reading of the annex).
#[tauri::command(async)]
pub fn restricted_terms_in_draft(
    desk: State<'_, SharedDesk>,
    case_id: i64,
) -> Result<Vec<AnnexTerm>, IpcError> {
    desk.restricted_terms_in_draft(case_id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn restricted_terms_in_letters(
    desk: State<'_, SharedDesk>,
    request: LetterRequest,
) -> Result<Vec<AnnexTerm>, IpcError> {
    desk.restricted_terms_in_letters(&request).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn allow_annex_term(
    desk: State<'_, SharedDesk>,
    case_id: i64,
    term_key: String,
) -> Result<Vec<AnnexOverrideView>, IpcError> {
    desk.allow_annex_term(case_id, &term_key).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn withdraw_annex_override(
    desk: State<'_, SharedDesk>,
    case_id: i64,
    id: i64,
) -> Result<Vec<AnnexOverrideView>, IpcError> {
    desk.withdraw_annex_override(case_id, id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn case_letters(desk: State<'_, SharedDesk>, case_id: i64) -> Result<Vec<CaseLetter>, IpcError> {
    desk.case_letters(case_id).map_err(IpcError::from)
}

/// The letter's bytes as base64, for the app's PDF view.
#[tauri::command(async)]
pub fn issued_letter_pdf(desk: State<'_, SharedDesk>, id: i64) -> Result<String, IpcError> {
    desk.issued_letter_base64(id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_issued_letter(desk: State<'_, SharedDesk>, id: i64) -> Result<LetterSaved, IpcError> {
    desk.save_issued_letter_to_documents(id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn start_demo(desk: State<'_, SharedDesk>) -> Result<DemoCreated, IpcError> {
    desk.start_demo(DemoRecoveryKey::ShowLater)
        .map(|started| started.created)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn frameworks_view(desk: State<'_, SharedDesk>) -> FrameworksView {
    desk.frameworks_view()
}

#[tauri::command(async)]
pub fn add_closure_day(
    desk: State<'_, SharedDesk>,
    date: chrono::NaiveDate,
    name: String,
) -> Result<SettingsView, IpcError> {
    desk.add_closure_day(date, &name).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn remove_closure_day(
    desk: State<'_, SharedDesk>,
    date: chrono::NaiveDate,
) -> Result<SettingsView, IpcError> {
    desk.remove_closure_day(date).map_err(IpcError::from)
}

// Distribution

#[tauri::command(async)]
pub fn mail_settings(desk: State<'_, SharedDesk>) -> Result<scr_desk::MailSettingsView, IpcError> {
    desk.mail_settings().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_mail_settings(
    desk: State<'_, SharedDesk>,
    input: scr_desk::MailSettingsInput,
) -> Result<scr_desk::MailSettingsView, IpcError> {
    desk.save_mail_settings(input).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn send_test_message(
    desk: State<'_, SharedDesk>,
    to: Option<String>,
) -> Result<scr_desk::TestMessageSent, IpcError> {
    desk.send_test_message(to.as_deref()).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn get_distribution(
    desk: State<'_, SharedDesk>,
    reference: String,
) -> Result<scr_desk::DistributionView, IpcError> {
    desk.distribution(&reference).map_err(IpcError::from)
}

/// Sends on a thread of its own; the window polls `get_distribution` for the progress.
#[tauri::command(async)]
pub fn start_sending(app: tauri::AppHandle, reference: String) {
    use tauri::Manager;
    std::thread::spawn(move || app.state::<SharedDesk>().send_decision(&reference, false));
}

#[tauri::command(async)]
pub fn cancel_sending(desk: State<'_, SharedDesk>) {
    desk.cancel_sending();
}

#[tauri::command(async)]
pub fn export_for_secure_mail(
    desk: State<'_, SharedDesk>,
    reference: String,
) -> Result<scr_desk::ExportDone, IpcError> {
    desk.export_for_secure_mail(&reference, None)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn confirm_delivery_sent(
    desk: State<'_, SharedDesk>,
    id: i64,
    note: String,
) -> Result<scr_desk::DeliveryView, IpcError> {
    desk.confirm_delivery_sent(id, &note).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn resend_delivery(
    desk: State<'_, SharedDesk>,
    id: i64,
    reason: String,
) -> Result<scr_desk::DeliveryView, IpcError> {
    desk.resend_delivery(id, &reason).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn record_acknowledgement(
    desk: State<'_, SharedDesk>,
    input: scr_desk::AcknowledgementInput,
) -> Result<scr_desk::DistributionView, IpcError> {
    desk.record_acknowledgement(input).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn send_reminders(
    desk: State<'_, SharedDesk>,
    reference: String,
) -> Result<scr_desk::ReminderReport, IpcError> {
    desk.send_reminders(&reference).map_err(IpcError::from)
}

// Trusted timestamps

#[tauri::command(async)]
pub fn timestamp_settings(desk: State<'_, SharedDesk>) -> Result<scr_desk::TimestampSettingsView, IpcError> {
    desk.timestamp_settings().map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_timestamp_settings(
    desk: State<'_, SharedDesk>,
    input: scr_desk::TimestampSettingsInput,
) -> Result<scr_desk::TimestampSettingsView, IpcError> {
    desk.save_timestamp_settings(input).map_err(IpcError::from)
}

// After the decision
#[tauri::command(async)]
pub fn case_milestones(
    desk: State<'_, SharedDesk>,
    case_id: i64,
) -> Result<scr_desk::MilestonesView, IpcError> {
    desk.case_milestones(case_id).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn record_milestone(
    desk: State<'_, SharedDesk>,
    case_id: i64,
    milestone: scr_desk::MilestoneInput,
) -> Result<scr_desk::MilestonesView, IpcError> {
    desk.record_milestone(case_id, milestone).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn correct_milestone(
    desk: State<'_, SharedDesk>,
    case_id: i64,
    correction: scr_desk::MilestoneCorrection,
) -> Result<scr_desk::MilestonesView, IpcError> {
    desk.correct_milestone(case_id, correction)
        .map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn home_view(desk: State<'_, SharedDesk>, page: u32) -> Result<scr_desk::HomeView, IpcError> {
    desk.home(page).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn qm3_report(
    desk: State<'_, SharedDesk>,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<scr_domain::qm3::Qm3Report, IpcError> {
    desk.qm3(from, to).map_err(IpcError::from)
}

#[tauri::command(async)]
pub fn save_qm3_report(
    desk: State<'_, SharedDesk>,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    format: scr_desk::Qm3Format,
) -> Result<scr_desk::Qm3Exported, IpcError> {
    desk.save_qm3_to_documents(from, to, format)
        .map_err(IpcError::from)
}
