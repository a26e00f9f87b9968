//! The local SMTP server of the tests (tests/smtp/server.py, aiosmtpd) as a Rust value: started
//! on a free port in its own temporary folder, stopped by its PID when dropped.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use scr_test_servers::PythonServer;

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
    server: PythonServer,
    pub port: u16,
}

impl TestSmtpServer {
    pub fn start(tls: ServerTls) -> TestSmtpServer {
        Self::start_with(tls, None, free_port())
    }

    /// `auth`: "user:password" the server insists on.
    pub fn start_with(tls: ServerTls, auth: Option<&str>, port: u16) -> TestSmtpServer {
        let tls = match tls {
            ServerTls::None => "none",
            ServerTls::Starttls => "starttls",
            ServerTls::Implicit => "implicit",
        };
        let mut args: Vec<OsString> = vec![
            "--port".into(),
            port.to_string().into(),
            "--tls".into(),
            tls.into(),
        ];
        if let Some(auth) = auth {
            args.extend(["--auth".into(), auth.into()]);
        }
        let server = PythonServer::start(
            "the test SMTP server",
            "Python with aiosmtpd",
            "tests/smtp/server.py",
            &args,
        );
        TestSmtpServer {
            port: server.port,
            server,
        }
    }

    pub fn dir(&self) -> &Path {
        self.server.dir()
    }

    /// The test CA that issued the server's certificate (PEM).
    pub fn ca_pem(&self) -> String {
        std::fs::read_to_string(self.server.dir().join("ca.pem"))
            .expect("the server has no CA: start it with TLS")
    }

    /// Failure injection, read by the server for every message (see tests/smtp/server.py).
    pub fn control(&self, control: &str) {
        self.server.control(control);
    }

    /// Every message accepted so far, in the order received.
    pub fn received(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.server.dir().join("mail"))
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

/// A port nobody listens on right now (the OS picks it; released before it is returned).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
