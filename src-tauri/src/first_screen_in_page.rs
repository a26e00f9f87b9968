//! Serves the page with its first screen already in it, when the desk has worked that out by
//! the time WebKit asks for the page (`Desk::open_ahead` starts with the process, the page is
//! asked for about 350 ms later). The page's script then has its data as it starts, with no
//! round trip across the IPC bridge: the first one cost about 55 ms in the window, the next
//! ones 1–3 ms (scripts/bench-window.sh). When the desk is not ready, the page is served as
//! built and asks for the first screen itself (`firstScreen` in ui/src/backend/archive.ts).
//!
//! The screen goes in as a data block (`<script type="application/json">`), which the browser
//! never runs: the content security policy's `script-src 'self'` still holds, and the data is
//! read with `JSON.parse`. Each request of the page takes the screen afresh, and only the first
//! finds one: the desk gives it once (`Desk::first_screen_if_ready`).

use std::borrow::Cow;
use std::sync::OnceLock;

use scr_desk::FirstScreen;
use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::{App, AppHandle, Assets, Manager, Runtime};

use crate::commands::SharedDesk;

/// The `id` of the data block; the page's backend module reads it.
pub const FIRST_SCREEN_ID: &str = "scr-desk-first-screen";

/// The page that carries the first screen.
const PAGE: &str = "index.html";

/// The app's built assets, with the first screen put into the page.
pub struct PageWithFirstScreen<R: Runtime> {
    built: Box<dyn Assets<R>>,
    app: OnceLock<AppHandle<R>>,
}

impl<R: Runtime> PageWithFirstScreen<R> {
    /// Puts it in place of the context's built assets, serving them through it.
    pub fn install(context: &mut tauri::Context<R>) {
        let built = context.set_assets(Box::new(NoAssets));
        context.set_assets(Box::new(PageWithFirstScreen {
            built,
            app: OnceLock::new(),
        }));
    }

    fn ready_screen(&self) -> Option<FirstScreen> {
        self.app.get()?.try_state::<SharedDesk>()?.first_screen_if_ready()
    }
}

impl<R: Runtime> Assets<R> for PageWithFirstScreen<R> {
    fn setup(&self, app: &App<R>) {
        self.built.setup(app);
        let _ = self.app.set(app.handle().clone());
    }

    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        let asset = self.built.get(key)?;
        if key.as_ref() != AssetKey::from(PAGE).as_ref() {
            return Some(asset);
        }
        match self.ready_screen() {
            Some(screen) => Some(Cow::Owned(with_first_screen(&asset, &screen))),
            None => Some(asset),
        }
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        self.built.iter()
    }

    fn csp_hashes(&self, html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        self.built.csp_hashes(html_path)
    }
}

/// Holds the place of the built assets while they are moved into [`PageWithFirstScreen`].
struct NoAssets;

impl<R: Runtime> Assets<R> for NoAssets {
    fn get(&self, _key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        None
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

/// The page with the screen as a data block at the end of its head; the page unchanged if it
/// has no head to end or the screen cannot be written (the page then asks for it).
fn with_first_screen(page: &[u8], screen: &FirstScreen) -> Vec<u8> {
    const HEAD_END: &[u8] = b"</head>";
    let (Some(at), Ok(json)) = (
        page.windows(HEAD_END.len()).position(|w| w == HEAD_END),
        serde_json::to_string(screen),
    ) else {
        return page.to_vec();
    };
    // In a data block only "</script" (any case) or "<!--" could end or change it early; both
    // need "<", which in JSON stands only inside strings, where "\u003c" reads the same.
    let json = json.replace('<', "\\u003c");
    let block = format!(r#"<script type="application/json" id="{FIRST_SCREEN_ID}">{json}</script>"#);
    let mut out = Vec::with_capacity(page.len() + block.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(block.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use scr_desk::{AppStatus, BoardProfile};

    fn screen_with_board_named(name: &str) -> FirstScreen {
        let status = AppStatus {
            version: "1.0.0".into(),
            data_dir: "/data".into(),
            board: Some(BoardProfile {
                name: name.into(),
                area: "Westmoor".into(),
            }),
            recovery_key_confirmed: false,
            passphrase_set: false,
        };
        FirstScreen { status, home: None }
    }

    fn block_of(page: &str) -> &str {
        let open = format!(r#"<script type="application/json" id="{FIRST_SCREEN_ID}">"#);
        let start = page.find(&open).expect("the block") + open.len();
        let end = start + page[start..].find("</script>").expect("its end");
        &page[start..end]
    }

    #[test]
    fn the_screen_goes_at_the_end_of_the_head_and_reads_back_the_same() {
        let page = "<html><head><title>t</title></head><body></body></html>";
        let screen = screen_with_board_named("Westmoor Board");
        let out = String::from_utf8(with_first_screen(page.as_bytes(), &screen)).expect("UTF-8");
        assert!(out.starts_with("<html><head><title>t</title><script"));
        assert!(out.ends_with("</script></head><body></body></html>"));
        let back: serde_json::Value = serde_json::from_str(block_of(&out)).expect("JSON");
        assert_eq!(back, serde_json::to_value(&screen).expect("JSON"));
    }

    #[test]
    fn text_in_the_screen_cannot_end_the_block_or_open_markup() {
        let name = "A </script><script>alert(1)</script> <!-- </SCRIPT > board";
        let screen = screen_with_board_named(name);
        let out = String::from_utf8(with_first_screen(b"<head></head>", &screen)).expect("UTF-8");
        let block = block_of(&out);
        assert!(!block.contains('<'), "no markup in the block: {block}");
        assert_eq!(out.matches("</script>").count(), 1);
        let back: serde_json::Value = serde_json::from_str(block).expect("JSON");
        assert_eq!(back["status"]["board"]["name"], name);
    }

    #[test]
    fn a_page_without_a_head_is_served_as_it_is() {
        let page = b"<p>no head</p>";
        assert_eq!(
            with_first_screen(page, &screen_with_board_named("B")),
            page.to_vec()
        );
    }
}
