//! WebKit settings for a window that shows only the app's own pages, served from inside the
//! binary: WebKit's default cache model is a web browser's, which keeps pages and resources in
//! memory to go back and forth between sites quickly. The app never navigates away from its
//! one page, so the document viewer's model (no memory cache, no page cache) fits, and saves
//! the memory those caches hold (WebKitGTK's `webkit_web_context_set_cache_model`).
//! `scripts/bench-window.sh` measures the idle memory this is for.

use tauri::{Manager, Runtime};

/// Applies the settings to the main window's webview; nothing to do on other platforms.
pub fn apply<R: Runtime>(app: &tauri::App<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    #[cfg(target_os = "linux")]
    {
        let result = window.with_webview(|webview| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(error) = result {
            eprintln!("scr-desk: the window's cache settings were not applied: {error}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
