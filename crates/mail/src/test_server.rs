//! The local SMTP server of the tests (tests/smtp/server.py, aiosmtpd) as a Rust value: started
//! on a free port in its own temporary folder, stopped by its PID when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

/// How the test server protects connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerTls {
    None,
    Starttls,
    Implicit,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReceivedAttachment {
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub content_type: String,
    pub size: u64,
    /// Upper-case hex, as the archive records a letter's SHA-256.
    pub sha256: String,
}

/// A message the server accepted, as the server summarised it.
#[derive(Debug, Clone, Deserialize)]
pub struct Received {
    /// Envelope recipients.
    pub to: Vec<String>,
    pub header_to: String,
    pub subject: String,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub text: String,
    pub attachments: Vec<ReceivedAttachment>,
}

#[derive(Debug)]
pub struct TestSmtpServer {
    child: Child,
    dir: tempfile::TempDir,
    pub port: u16,
}

impl TestSmtpServer {
    pub fn start(tls: ServerTls) -> TestSmtpServer {
        Self::start_with(tls, None, free_port())
    }

    /// `auth`: "user:password" the server insists on.
    pub fn start_with(tls: ServerTls, auth: Option<&str>, port: u16) -> TestSmtpServer {
        let dir = tempfile::tempdir().expect("tempdir for the SMTP server");
        let mut command = Command::new(python());
        command
            .arg(repo_root().join("tests/smtp/server.py"))
            .arg("--dir")
            .arg(dir.path())
            .arg("--port")
            .arg(port.to_string())
            .arg("--tls")
            .arg(match tls {
                ServerTls::None => "none",
                ServerTls::Starttls => "starttls",
                ServerTls::Implicit => "implicit",
            })
            .stdout(Stdio::null())
            .stderr(Stdio::from(
                std::fs::File::create(dir.path().join("server.log")).expect("server log"),
            ));
        if let Some(auth) = auth {
            command.arg("--auth").arg(auth);
        }
        let child = command.spawn().unwrap_or_else(|error| {
            panic!(
                "the test SMTP server needs Python with aiosmtpd ({}): {error}; run scripts/test.sh, \
                 which makes .venv from tests/requirements.txt",
                python().display()
            )
        });
        let mut server = TestSmtpServer { child, dir, port };
        server.wait_until_listening();
        server
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let port_file = self.dir.path().join("port");
        while Instant::now() < deadline {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                self.port = text.trim().parse().expect("port");
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
                panic!("the test SMTP server exited at start-up: {status}\n{log}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("the test SMTP server did not start listening within 20 s");
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The test CA that issued the server's certificate (PEM).
    pub fn ca_pem(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("ca.pem"))
            .expect("the server has no CA: start it with TLS")
    }

    /// Failure injection, read by the server for every message (see tests/smtp/server.py).
    pub fn control(&self, control: &str) {
        let tmp = self.dir.path().join("control.json.tmp");
        std::fs::write(&tmp, control).expect("control");
        std::fs::rename(&tmp, self.dir.path().join("control.json")).expect("control");
    }

    /// Every message accepted so far, in the order received.
    pub fn received(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.dir.path().join("mail"))
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "json"));
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_slice(&std::fs::read(p).expect("read")).expect("summary json"))
            .collect()
    }
}

impl Drop for TestSmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now (the OS picks it; released before it is returned).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
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
