//! The desktop window.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use scr_desk::Desk;
use tauri::Manager;

use crate::commands::{self, SharedDesk};
use crate::first_screen_in_page::PageWithFirstScreen;
use crate::freed_memory;
use crate::paint_marks::{self, PaintMarks};
use crate::webview_settings;

/// How long the desk goes unused before the archive gives back what it has read
/// (`Desk::release_memory_when_idle`): on a twenty-year archive the next home page then takes
/// about 96 ms instead of 46 (scripts/bench-after-decision.sh), and the app holds ~40 MB less
/// (the page cache and the decisions read).
const IDLE_BEFORE_RELEASE: Duration = Duration::from_secs(3);

/// Lowers the calling thread's priority (on Linux a thread's nice value is its own). Opening the
/// archive ahead raced WebKit's start for the machine's cores, and the page began about 65 ms
/// later than the blank window's (scripts/bench-window.sh, two cores); the opening is still done
/// long before the page asks for it, and the page waits for it if not.
fn give_way_to_webkit() {
    #[cfg(target_os = "linux")]
    if let Err(error) = rustix::process::setpriority_process(None, 10) {
        eprintln!("scr-desk: opening ahead at the usual priority: {error}");
    }
}

/// The app's configuration and built assets, its page carrying the first screen when ready.
fn context() -> tauri::Context {
    let mut context = tauri::generate_context!();
    PageWithFirstScreen::install(&mut context);
    context
}

pub fn run(data_dir: PathBuf) -> ExitCode {
    let desk = SharedDesk::new(Desk::with_system_keyring(data_dir, "app"));
    // Before the window: GTK's start and WebKit's take about 250 ms before the page is asked
    // for, and on a twenty-year archive the opening takes about 200 ms. Started from the
    // window's setup it was ready after the page had been asked for, which then waited for
    // its first screen over IPC (scripts/bench-window.sh).
    let ahead = SharedDesk::clone(&desk);
    std::thread::spawn(move || {
        give_way_to_webkit();
        ahead.open_ahead();
    });
    let marks = PaintMarks::from_env();
    let mut builder = tauri::Builder::default();
    if let Some(flag) = marks.page_flag() {
        builder = builder.append_invoke_initialization_script(flag);
    }
    let result = builder
        .manage(desk)
        .manage(marks)
        .setup(|app| {
            webview_settings::apply(app);
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(Duration::from_secs(1));
                if handle
                    .state::<SharedDesk>()
                    .release_memory_when_idle(IDLE_BEFORE_RELEASE)
                {
                    freed_memory::give_back();
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::first_screen,
            commands::save_board_profile,
            commands::issue_recovery_key,
            commands::confirm_recovery_key,
            commands::recover_archive,
            commands::check_archive,
            commands::backup_archive,
            commands::list_frameworks,
            commands::get_framework,
            commands::list_cases,
            commands::open_case,
            commands::get_case,
            commands::save_case_summary,
            commands::save_draft,
            commands::read_annex,
            commands::save_annex,
            commands::finalise_decision,
            commands::amend_decision,
            commands::signing_status,
            commands::set_up_signing,
            commands::export_board_certificate,
            commands::verify_letter,
            commands::register_at,
            commands::member_record,
            commands::add_member,
            commands::edit_member,
            commands::leave_member,
            commands::preview_import,
            commands::confirm_import,
            commands::export_register,
            commands::board_settings,
            commands::save_board_settings,
            commands::save_board_logo,
            commands::preview_letters,
            commands::issue_letters,
            commands::case_letters,
            commands::annex_overrides,
            commands::restricted_terms_in_letters,
            commands::restricted_terms_in_draft,
            commands::allow_annex_term,
            commands::withdraw_annex_override,
            commands::issued_letter_pdf,
            commands::save_issued_letter,
            commands::start_demo,
            commands::frameworks_view,
            commands::add_closure_day,
            commands::remove_closure_day,
            // Distribution
            commands::mail_settings,
            commands::save_mail_settings,
            commands::send_test_message,
            commands::get_distribution,
            commands::start_sending,
            commands::cancel_sending,
            commands::export_for_secure_mail,
            commands::confirm_delivery_sent,
            commands::resend_delivery,
            commands::record_acknowledgement,
            commands::send_reminders,
            // Trusted timestamps
            commands::timestamp_settings,
            commands::save_timestamp_settings,
            // After the decision
            commands::case_milestones,
            commands::record_milestone,
            commands::correct_milestone,
            commands::home_view,
            commands::qm3_report,
            commands::save_qm3_report,
            // Records governance
            crate::retention_commands::retention_overview,
            crate::retention_commands::case_retention,
            crate::retention_commands::place_legal_hold,
            crate::retention_commands::lift_legal_hold,
            crate::retention_commands::legal_hold_history,
            crate::retention_commands::keep_records_longer,
            crate::retention_commands::save_retention_settings,
            crate::retention_commands::disposal_preview,
            crate::retention_commands::dispose_records,
            // scripts/bench-window.sh only (off unless SCR_DESK_PAINT_MARKS is set)
            paint_marks::record_paint_mark,
        ])
        .run(context());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("scr-desk: the window could not be started: {error}");
            ExitCode::FAILURE
        }
    }
}
