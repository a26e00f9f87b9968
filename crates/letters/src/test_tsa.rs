//! The local timestamp authority of the tests (tests/tsa/server.py: pyHanko's test timestamper
//! behind a small HTTP server) as a Rust value: started on a free port in its own temporary
//! folder, stopped by its PID when dropped.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use scr_test_servers::PythonServer;

#[derive(Debug)]
pub struct TestTsa {
    server: PythonServer,
    pub port: u16,
}

impl TestTsa {
    pub fn start() -> TestTsa {
        Self::start_with(true)
    }

    /// `timestamping_usage` false: its certificate lacks the timeStamping extended key usage.
    pub fn start_with(timestamping_usage: bool) -> TestTsa {
        let mut args: Vec<OsString> = Vec::new();
        if !timestamping_usage {
            args.push("--no-timestamping-usage".into());
        }
        let server = PythonServer::start(
            "the test TSA",
            "Python with pyHanko",
            "tests/tsa/server.py",
            &args,
        );
        TestTsa {
            port: server.port,
            server,
        }
    }

    /// Its address, for the settings.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The test TSA's root certificate (PEM), the trust anchor for its tokens.
    pub fn root_pem(&self) -> String {
        std::fs::read_to_string(self.server.dir().join("tsa-root.pem")).expect("tsa-root.pem")
    }

    pub fn root_path(&self) -> PathBuf {
        self.server.dir().join("tsa-root.pem")
    }

    /// How many tokens it has issued.
    pub fn tokens_issued(&self) -> usize {
        std::fs::read_to_string(self.server.dir().join("requests"))
            .map(|t| t.lines().count())
            .unwrap_or(0)
    }

    /// Failure injection, read for every request (see tests/tsa/server.py).
    pub fn control(&self, status: &str) {
        self.server.control(&format!("{{\"status\": \"{status}\"}}"));
    }

    pub fn dir(&self) -> &Path {
        self.server.dir()
    }
}
