//! A harness for driving the real app window: each test gets its own `tauri-driver` (and so its
//! own environment, e.g. with or without a keyring), its own data directory, and helpers for the
//! accessibility audit and screenshots.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

mod disk_scan;
pub use disk_scan::{assert_not_on_disk, child_t_case_data, files_holding, Found};

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The demonstration board's name, as its home page heads it.
pub const DEMO_BOARD: &str = "Anytown Safeguarding Children Board (demonstration)";

/// `scr-desk init` for a board of this name, its recovery key written to `key_file`.
pub fn init_archive(data_dir: &Path, key_file: &Path, board_name: &str) -> Result<()> {
    let status = Command::new(app_binary())
        .args(["init", "--board-name", board_name, "--recovery-key-out"])
        .arg(key_file)
        .arg("--data-dir")
        .arg(data_dir)
        .status()?;
    assert!(status.success(), "scr-desk init failed");
    Ok(())
}

/// The app binary under test: `SCR_DESK_APP`, or `scr-desk` beside this test's target directory.
pub fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("SCR_DESK_APP") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("current exe");
    // <target>/debug/deps/<test> -> <target>/debug/scr-desk
    exe.parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("scr-desk"))
        .expect("target directory")
}

/// Where screenshots and logs go: `SCR_DESK_E2E_OUT`, or `target/e2e` in the workspace.
pub fn output_dir() -> PathBuf {
    let dir = std::env::var_os("SCR_DESK_E2E_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(package_dir()).join("../../target/e2e"));
    std::fs::create_dir_all(&dir).expect("create e2e output dir");
    dir
}

/// Where the README's screenshot goes: `SCR_DESK_SCREENSHOT_DIR`, or the output directory. To
/// refresh `docs/screenshot.png` (the demonstration board's home page):
/// `SCR_DESK_SCREENSHOT_DIR=docs scripts/with-services.sh cargo test -p scr-e2e --test home_and_reports`.
pub fn screenshot_dir() -> PathBuf {
    std::env::var_os("SCR_DESK_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(output_dir)
}

pub struct AppWindow {
    pub client: Client,
    driver: Child,
}

/// How to start the app: its data directory, any environment to add or take away, and the binary
/// when it is not the one built here (the packaged one).
#[derive(Debug, Clone, Default)]
pub struct Launch {
    pub data_dir: PathBuf,
    pub env: Vec<(String, String)>,
    pub binary: Option<PathBuf>,
}

impl Launch {
    pub fn new(data_dir: &Path) -> Launch {
        Launch {
            data_dir: data_dir.to_owned(),
            env: Vec::new(),
            binary: None,
        }
    }

    /// Starts this binary instead of [`app_binary`].
    pub fn binary(mut self, path: &Path) -> Launch {
        self.binary = Some(path.to_owned());
        self
    }

    /// The Secret Service lives on the session bus: pointing the app at no bus takes it away.
    pub fn without_keyring(mut self) -> Launch {
        self.env.push((
            "DBUS_SESSION_BUS_ADDRESS".into(),
            "unix:path=/nonexistent/scr-desk-no-bus".into(),
        ));
        self
    }
}

impl std::fmt::Debug for AppWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppWindow")
            .field("driver_pid", &self.driver.id())
            .finish()
    }
}

impl AppWindow {
    pub async fn launch(launch: &Launch) -> Result<AppWindow> {
        let port = free_port()?;
        let native_port = free_port()?;
        let log = std::fs::File::create(output_dir().join(format!("tauri-driver-{port}.log")))?;
        let mut command = Command::new("tauri-driver");
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        for (key, value) in &launch.env {
            command.env(key, value);
        }
        let mut driver = command
            .spawn()
            .map_err(|error| format!("cannot start tauri-driver ({error}); scripts/test.sh installs it"))?;
        let client = match connect(port, native_port, launch).await {
            Ok(client) => client,
            Err(error) => {
                terminate(&mut driver);
                return Err(error);
            }
        };
        let mut window = AppWindow { client, driver };
        window.wait_for_app().await?;
        Ok(window)
    }

    async fn wait_for_app(&mut self) -> Result<()> {
        self.wait_for(Locator::Css("main h1")).await.map(|_| ())
    }

    pub async fn wait_for(&self, locator: Locator<'_>) -> Result<fantoccini::elements::Element> {
        Ok(self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(locator)
            .await?)
    }

    /// Clicks the element with this id once it is there.
    pub async fn click_id(&self, id: &str) -> Result<()> {
        self.wait_for(Locator::Id(id)).await?.click().await?;
        Ok(())
    }

    /// Types into the element with this id once it is there.
    pub async fn type_into(&self, id: &str, text: &str) -> Result<()> {
        self.wait_for(Locator::Id(id)).await?.send_keys(text).await?;
        Ok(())
    }

    /// Waits (up to ten seconds) until nothing matches `css`.
    pub async fn wait_until_gone(&self, css: &str) -> Result<()> {
        for _ in 0..100 {
            if self.client.find_all(Locator::Css(css)).await?.is_empty() {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("{css} is still on the page").into())
    }

    pub async fn text_of(&self, css: &str) -> Result<String> {
        Ok(self.wait_for(Locator::Css(css)).await?.text().await?)
    }

    /// Waits until the main heading reads `expected`, so each step starts on a settled screen.
    pub async fn wait_for_heading(&self, expected: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let heading = self.text_of("main h1").await.unwrap_or_default();
            if heading.trim() == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("heading stayed {heading:?}, expected {expected:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// From the first-run page: explores the demonstration board, ticks that the recovery key
    /// is kept and waits for the board's home page. Checking the first-run page itself is left to
    /// the caller, before this.
    pub async fn start_demo_board(&self) -> Result<()> {
        self.click_id("start-demo").await?;
        self.wait_for_heading("Save your recovery key").await?;
        // The button waits for the key to be made; so does the test.
        self.wait_for(Locator::Id("recovery-key")).await?;
        // GOV.UK checkboxes draw the box on the label; the input itself is transparent.
        self.wait_for(Locator::Css("label[for=recovery-key-saved]"))
            .await?
            .click()
            .await?;
        self.click_id("confirm-recovery-key").await?;
        self.wait_for_heading(DEMO_BOARD).await
    }

    /// Runs axe-core (WCAG 2.0–2.2 A and AA) on the current screen; returns the violations.
    pub async fn axe_violations(&self) -> Result<Vec<Value>> {
        let axe_path = PathBuf::from(package_dir()).join("../../ui/node_modules/axe-core/axe.min.js");
        let axe = std::fs::read_to_string(&axe_path)
            .map_err(|error| format!("cannot read {axe_path:?} ({error}); run npm ci in ui/"))?;
        self.client.execute(&axe, vec![]).await?;
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, { runOnly: { type: 'tag', values:
                       ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } })
                     .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                         help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }))))
                     .catch(e => done([{ id: 'axe-error', help: String(e) }]));"#,
                vec![],
            )
            .await?;
        Ok(result.as_array().cloned().unwrap_or_default())
    }

    pub async fn assert_no_axe_violations(&self, screen: &str) -> Result<()> {
        let violations = self.axe_violations().await?;
        if violations.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "axe found {} violation(s) on {screen}: {}",
                violations.len(),
                serde_json::to_string_pretty(&violations)?
            )
            .into())
        }
    }

    /// Checks `screen` with axe, then saves a picture of it as `png` in the e2e output folder.
    pub async fn record_screen(&self, screen: &str, png: &str) -> Result<()> {
        self.assert_no_axe_violations(screen).await?;
        self.screenshot(&output_dir().join(png)).await
    }

    /// Saves a PNG of the window; waits two frames first, as WebDriver's picture can lag one.
    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        self.client
            .execute_async(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        let png = self.client.screenshot().await?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Closes the window and stops tauri-driver with SIGTERM (SIGKILL would orphan WebKitWebDriver).
    pub async fn close(mut self) -> Result<()> {
        let closed = self.client.clone().close().await;
        terminate(&mut self.driver);
        closed?;
        Ok(())
    }
}

impl Drop for AppWindow {
    fn drop(&mut self) {
        terminate(&mut self.driver);
    }
}

/// Stops tauri-driver, then whatever it had started (WebKitWebDriver and the app) that outlived
/// it: an app left running holds the debug binary open, and the packaging step after the tests
/// failed to rewrite it ("Text file busy").
fn terminate(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let started = descendants_of(child.id());
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !matches!(child.try_wait(), Ok(Some(_))) {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    stop_survivors(&started);
}

/// A process as /proc shows it: its id and when it started (so a reused id is not mistaken for it).
type ProcessId = (u32, u64);

/// The parent and start time of `pid`, from /proc/PID/stat; `None` once it has gone.
fn parent_and_start(pid: u32) -> Option<(u32, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The name is in parentheses and may hold spaces: the fields start after the last ')'.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split_whitespace().collect();
    Some((fields.get(1)?.parse().ok()?, fields.get(19)?.parse().ok()?))
}

/// Every process under `root`, children before grandchildren.
fn descendants_of(root: u32) -> Vec<ProcessId> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let processes: Vec<(u32, u32, u64)> = entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .filter_map(|pid| parent_and_start(pid).map(|(parent, start)| (pid, parent, start)))
        .collect();
    let mut found: Vec<ProcessId> = Vec::new();
    let mut parents = vec![root];
    while let Some(parent) = parents.pop() {
        for &(pid, _, start) in processes.iter().filter(|(_, p, _)| *p == parent) {
            found.push((pid, start));
            parents.push(pid);
        }
    }
    found
}

fn still_running(&(pid, start): &ProcessId) -> bool {
    parent_and_start(pid).is_some_and(|(_, now)| now == start)
}

/// SIGTERM to each of `processes` still running, SIGKILL to any left after five seconds.
fn stop_survivors(processes: &[ProcessId]) {
    for signal in ["-TERM", "-KILL"] {
        let left: Vec<&ProcessId> = processes.iter().filter(|p| still_running(p)).collect();
        if left.is_empty() {
            return;
        }
        for (pid, _) in left {
            let _ = Command::new("kill").args([signal, &pid.to_string()]).status();
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && processes.iter().any(still_running) {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Opens a WebDriver session once tauri-driver and the WebKitWebDriver it starts both listen.
/// tauri-driver passes the new-session request on to WebKitWebDriver as it comes; when that one
/// was not listening yet, tauri-driver logged "tcp connect error: Connection refused" and closed
/// the connection unanswered, which failed the test with `hyper::Error(IncompleteMessage)`.
async fn connect(port: u16, native_port: u16, launch: &Launch) -> Result<Client> {
    let address = format!("127.0.0.1:{port}");
    wait_for_listener(&address, "tauri-driver").await?;
    wait_for_listener(&format!("127.0.0.1:{native_port}"), "WebKitWebDriver").await?;
    let capabilities = json!({
        "tauri:options": {
            "application": launch.binary.clone().unwrap_or_else(app_binary),
            "args": ["--data-dir", launch.data_dir],
        }
    });
    let capabilities = match capabilities {
        Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    };
    Ok(ClientBuilder::native()
        .capabilities(capabilities)
        .connect(&format!("http://{address}"))
        .await?)
}

async fn wait_for_listener(address: &str, what: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(address).is_err() {
        if Instant::now() > deadline {
            return Err(format!("{what} did not listen on {address}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Removes the archive's key from the keyring after a test (the test keyring outlives each test).
pub fn remove_keyring_entry(data_dir: &Path) {
    let Ok(text) = std::fs::read_to_string(data_dir.join("archive-header.json")) else {
        return;
    };
    let Ok(header) = serde_json::from_str::<serde_json::Value>(&text) else {
        return;
    };
    if let Some(account) = header["keyring"]["account"].as_str() {
        let _ = std::process::Command::new("secret-tool")
            .args(["clear", "service", "SCR Decision Desk", "username", account])
            .status();
    }
}

/// The package's folder as cargo gives it when it runs the test, not as it was when this was
/// compiled: a test built in another checkout may be reused from a shared target folder.
fn package_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned())
}
