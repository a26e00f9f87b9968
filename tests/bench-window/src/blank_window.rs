//! A blank window to measure the app against: the same Tauri, the same window and security
//! settings (the `app` section of tauri.conf.json here is the app's; scripts/bench-window.sh
//! refuses to run when they differ) and the same WebKit settings, showing a static page that
//! reports when it was painted, through the app's own paint marks.
#![forbid(unsafe_code)]

use std::process::ExitCode;

// One copy of the marks and of the WebKit settings for both windows, so that both are
// configured and measured the same way.
#[path = "../../../src-tauri/src/paint_marks.rs"]
mod paint_marks;
#[path = "../../../src-tauri/src/webview_settings.rs"]
mod webview_settings;

use paint_marks::PaintMarks;

fn main() -> ExitCode {
    let marks = PaintMarks::from_env();
    let mut builder = tauri::Builder::default();
    if let Some(flag) = marks.page_flag() {
        builder = builder.append_invoke_initialization_script(flag);
    }
    let result = builder
        .manage(marks)
        .setup(|app| {
            webview_settings::apply(app);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![paint_marks::record_paint_mark])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("blank-window: {error}");
            ExitCode::FAILURE
        }
    }
}
