fn main() {
    // The built UI is embedded in the binary: a new build of it must rebuild the app too.
    println!("cargo:rerun-if-changed=../ui/dist");
    // Only the commands listed here exist for the UI; capabilities/ grants them to the window.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "first_screen",
        "save_board_profile",
        "issue_recovery_key",
        "confirm_recovery_key",
        "recover_archive",
        "check_archive",
        "backup_archive",
        "list_frameworks",
        "get_framework",
        "list_cases",
        "open_case",
        "get_case",
        "save_case_summary",
        "save_draft",
        "read_annex",
        "save_annex",
        "finalise_decision",
        "amend_decision",
        "signing_status",
        "set_up_signing",
        "export_board_certificate",
        "verify_letter",
        "register_at",
        "member_record",
        "add_member",
        "edit_member",
        "leave_member",
        "preview_import",
        "confirm_import",
        "export_register",
        "board_settings",
        "save_board_settings",
        "save_board_logo",
        // letters about a decision, and the demonstration board
        "preview_letters",
        "issue_letters",
        "case_letters",
        // overrides of the annex guard
        "annex_overrides",
        "restricted_terms_in_letters",
        "restricted_terms_in_draft",
        "allow_annex_term",
        "withdraw_annex_override",
        "issued_letter_pdf",
        "save_issued_letter",
        "start_demo",
        "frameworks_view",
        "add_closure_day",
        "remove_closure_day",
        // Distribution
        "mail_settings",
        "save_mail_settings",
        "send_test_message",
        "get_distribution",
        "start_sending",
        "cancel_sending",
        "export_for_secure_mail",
        "confirm_delivery_sent",
        "resend_delivery",
        "record_acknowledgement",
        "send_reminders",
        // Trusted timestamps
        "timestamp_settings",
        "save_timestamp_settings",
        // After the decision
        "case_milestones",
        "record_milestone",
        "correct_milestone",
        "home_view",
        "qm3_report",
        "save_qm3_report",
        // Records governance
        "retention_overview",
        "case_retention",
        "place_legal_hold",
        "lift_legal_hold",
        "legal_hold_history",
        "keep_records_longer",
        "save_retention_settings",
        "disposal_preview",
        "dispose_records",
        // Benchmark only: when a screen was painted (src/paint_marks.rs)
        "record_paint_mark",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed: check tauri.conf.json, icons/ and capabilities/");

    // The bundled SQLCipher must not stand in for the SQLite that WebKitGTK and libsoup load:
    // keep its symbols out of the binary's dynamic symbol table.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    }
}
