//! For tests only: the local servers of the test suite (the SMTP server in tests/smtp, the
//! timestamp authority in tests/tsa) are Python scripts, started the same way: each in a
//! temporary folder of its own with its standard error in `server.log`, waited for until it
//! writes the port it listens on to the file `port`, and stopped by its PID when dropped.
//! `scr_mail::test_server` and `scr_letters::test_tsa` give each its own methods.
#![forbid(unsafe_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a server may take to start listening (pyHanko's imports take a few seconds).
const START_TIME_LIMIT: Duration = Duration::from_secs(30);

/// A running test server.
#[derive(Debug)]
pub struct PythonServer {
    child: Child,
    dir: tempfile::TempDir,
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
}

impl PythonServer {
    /// Starts `script` (a path from the repository's root) with `--dir <its folder>` and then
    /// `args`, and waits until it listens. `name` ("the test SMTP server") and `needs` ("Python
    /// with aiosmtpd") word the panic when it cannot start.
    pub fn start(name: &str, needs: &str, script: &str, args: &[OsString]) -> PythonServer {
        let dir =
            tempfile::tempdir().unwrap_or_else(|error| panic!("a temporary folder for {name}: {error}"));
        let log = std::fs::File::create(dir.path().join("server.log")).expect("server log");
        let child = Command::new(python())
            .arg(repo_root().join(script))
            .arg("--dir")
            .arg(dir.path())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|error| {
                panic!(
                    "{name} needs {needs} ({}): {error}; run scripts/test.sh, which makes .venv from \
                     tests/requirements.txt",
                    python().display()
                )
            });
        let mut server = PythonServer { child, dir, port: 0 };
        server.wait_until_listening(name);
        server
    }

    fn wait_until_listening(&mut self, name: &str) {
        let deadline = Instant::now() + START_TIME_LIMIT;
        let port_file = self.dir.path().join("port");
        while Instant::now() < deadline {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                self.port = text.trim().parse().expect("port");
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
                panic!("{name} exited at start-up: {status}\n{log}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!(
            "{name} did not start listening within {} s",
            START_TIME_LIMIT.as_secs()
        );
    }

    /// Its own folder: what it writes for the tests to read.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Failure injection: `control.json` is replaced whole (written beside it, then renamed),
    /// so the server, which reads it for every request, never sees half a file.
    pub fn control(&self, json: &str) {
        let tmp = self.dir.path().join("control.json.tmp");
        std::fs::write(&tmp, json).expect("control");
        std::fs::rename(&tmp, self.dir.path().join("control.json")).expect("control");
    }
}

impl Drop for PythonServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The repository's root, where the scripts and `.venv` are: the nearest folder with the
/// workspace's Cargo.lock above the package cargo runs the test in. Found at run time, as a test
/// built in another checkout may be reused from a shared target folder.
pub fn repo_root() -> PathBuf {
    let start = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).to_owned());
    start
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .map(Path::to_owned)
        .unwrap_or_else(|| start.join("../.."))
}

/// SCR_DESK_PYTHON when set (scripts/test.sh), else the repository's .venv.
fn python() -> PathBuf {
    std::env::var_os("SCR_DESK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv/bin/python"))
}
