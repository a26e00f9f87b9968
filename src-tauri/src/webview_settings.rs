//! WebKit settings for a window that shows only the app's own pages, served from inside the
//! binary. `scripts/bench-window.sh` measures what they are for, and its blank window applies
//! the same settings (it includes this file), so that the app is measured against a window
//! configured like its own.
//!
//! - **The document viewer's cache model.** WebKit's default is a web browser's, which keeps
//!   pages and resources in memory to go back and forth between sites quickly. The app never
//!   navigates away from its one page (WebKitGTK's `webkit_web_context_set_cache_model`).
//! - **No GPU compositing.** WebKitGTK composites pages with OpenGL when it can. The app's
//!   pages are forms, lists and letters with nothing animated, and on a machine without a
//!   GPU (a remote desktop, a virtual machine, Xvfb) that OpenGL is the software renderer, whose
//!   context costs the web process about 55 MB and each frame about 100 ms more (measured
//!   with the window benchmark under Xvfb: 255 → 200 MB idle for the blank window, the home
//!   page's first frame 130 → 45 ms). Some GPU drivers also leave WebKitGTK's composited
//!   windows blank. Drawing without it is WebKitGTK's `HardwareAccelerationPolicy::Never`.

use tauri::{Manager, Runtime};

/// Applies the settings to the main window's webview; nothing to do on other platforms.
pub fn apply<R: Runtime>(app: &tauri::App<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    #[cfg(target_os = "linux")]
    {
        let result = window.with_webview(|webview| {
            use webkit2gtk::{
                CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
            };
            let view = webview.inner();
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
            if let Some(settings) = WebViewExt::settings(&view) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(error) = result {
            eprintln!("scr-desk: the window's WebKit settings were not applied: {error}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
