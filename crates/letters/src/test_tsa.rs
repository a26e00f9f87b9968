//! The local timestamp authority of the tests (tests/tsa/server.py: pyHanko's test timestamper
//! behind a small HTTP server) as a Rust value: started on a free port in its own temporary
//! folder, stopped by its PID when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct TestTsa {
    child: Child,
    dir: tempfile::TempDir,
    pub port: u16,
}

impl TestTsa {
    pub fn start() -> TestTsa {
        Self::start_with(true)
    }

    /// `timestamping_usage` false: its certificate lacks the timeStamping extended key usage.
    pub fn start_with(timestamping_usage: bool) -> TestTsa {
        let dir = tempfile::tempdir().expect("tempdir for the test TSA");
        let mut command = Command::new(python());
        command
            .arg(repo_root().join("tests/tsa/server.py"))
            .arg("--dir")
            .arg(dir.path());
        if !timestamping_usage {
            command.arg("--no-timestamping-usage");
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::from(
                std::fs::File::create(dir.path().join("server.log")).expect("server log"),
            ))
            .spawn()
            .unwrap_or_else(|error| {
                panic!(
                    "the test TSA needs Python with pyHanko ({}): {error}; run scripts/test.sh, which \
                     makes .venv from tests/requirements.txt",
                    python().display()
                )
            });
        let mut tsa = TestTsa { child, dir, port: 0 };
        tsa.wait_until_listening();
        tsa
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let port_file = self.dir.path().join("port");
        while Instant::now() < deadline {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                self.port = text.trim().parse().expect("port");
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
                panic!("the test TSA exited at start-up: {status}\n{log}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("the test TSA did not start listening within 30 s");
    }

    /// Its address, for the settings.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The test TSA's root certificate (PEM), the trust anchor for its tokens.
    pub fn root_pem(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("tsa-root.pem")).expect("tsa-root.pem")
    }

    pub fn root_path(&self) -> PathBuf {
        self.dir.path().join("tsa-root.pem")
    }

    /// How many tokens it has issued.
    pub fn tokens_issued(&self) -> usize {
        std::fs::read_to_string(self.dir.path().join("requests"))
            .map(|t| t.lines().count())
            .unwrap_or(0)
    }

    /// Failure injection, read for every request (see tests/tsa/server.py).
    pub fn control(&self, status: &str) {
        let tmp = self.dir.path().join("control.json.tmp");
        std::fs::write(&tmp, format!("{{\"status\": \"{status}\"}}")).expect("control");
        std::fs::rename(&tmp, self.dir.path().join("control.json")).expect("control");
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for TestTsa {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// SCR_DESK_PYTHON when set (scripts/test.sh), else the repository's .venv.
fn python() -> PathBuf {
    std::env::var_os("SCR_DESK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv/bin/python"))
}
