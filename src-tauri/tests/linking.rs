//! WebKitGTK and libsoup load the system's SQLite. If our binary exported the bundled
//! SQLCipher's `sqlite3_*` symbols, they would bind to our copy instead. build.rs links with
//! `--exclude-libs,ALL`; this checks the result in the dynamic symbol table.
#![cfg(target_os = "linux")]

use std::process::Command;

#[test]
fn the_binary_exports_no_sqlite_symbols() {
    let output = Command::new("nm")
        .args(["--dynamic", "--defined-only"])
        .arg(env!("CARGO_BIN_EXE_scr-desk"))
        .output()
        .expect("nm (binutils) is installed with build-essential");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let symbols = String::from_utf8_lossy(&output.stdout);
    let leaked: Vec<&str> = symbols
        .lines()
        .filter(|line| line.contains(" sqlite3_"))
        .take(5)
        .collect();
    assert!(leaked.is_empty(), "the binary exports SQLite symbols: {leaked:?}");
    // The check is only meaningful if SQLCipher is really inside the binary.
    let all = Command::new("nm")
        .arg(env!("CARGO_BIN_EXE_scr-desk"))
        .output()
        .expect("nm");
    assert!(
        String::from_utf8_lossy(&all.stdout).contains("sqlcipher"),
        "no SQLCipher symbols at all: is the binary stripped or SQLCipher missing?"
    );
}
