//! Asks the backend for the first screen as soon as the page begins to load, before its own
//! script has been fetched and run: the first request across the IPC bridge is the slow one
//! (about 55 ms in the window, against 1–3 ms for the next ones), and this way it overlaps the
//! script's loading instead of following it. The page's backend module takes the answer once
//! (`firstScreen` in ui/src/backend/archive.ts); "Try again" asks afresh.
//!
//! A plugin's initialization script runs after Tauri's own, which define
//! `__TAURI_INTERNALS__.invoke`, and before any script of the page. The command it calls is the
//! app's own `first_screen`, granted to the main window in capabilities/main-window.json.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::Runtime;

/// The name of the window property the answer's promise waits under, and that the page reads.
pub const EARLY_PROPERTY: &str = "__SCR_DESK_FIRST_SCREEN__";

fn script() -> String {
    format!(
        r#"(function () {{
  var internals = window.__TAURI_INTERNALS__;
  if (!internals || typeof internals.invoke !== "function" || "{EARLY_PROPERTY}" in window) return;
  var asked = internals.invoke("first_screen");
  // The page reports a failure when it takes the answer; until then it is not unhandled.
  asked.catch(function () {{}});
  Object.defineProperty(window, "{EARLY_PROPERTY}", {{ value: asked, configurable: true }});
}})();"#
    )
}

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("first-screen-early")
        .js_init_script(script())
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_asks_once_for_the_first_screen_under_the_page_s_property() {
        let script = script();
        assert_eq!(script.matches("invoke(\"first_screen\")").count(), 1);
        assert!(script.contains(&format!("\"{EARLY_PROPERTY}\" in window")));
        assert!(script.contains(&format!("defineProperty(window, \"{EARLY_PROPERTY}\"")));
    }
}
