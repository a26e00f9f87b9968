//! The UI's types are generated from Rust. This test fails when `ui/src/generated/` has drifted;
//! run it with `UPDATE_BINDINGS=1` to rewrite the files.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

fn generated_dir() -> PathBuf {
    PathBuf::from(package_dir()).join("../../ui/src/generated")
}

#[test]
fn generated_typescript_matches_the_rust_types() {
    let dir = generated_dir();
    let bindings = scr_desk::ipc::typescript_bindings().expect("export");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        fs::create_dir_all(&dir).expect("create dir");
        for entry in fs::read_dir(&dir).expect("list") {
            fs::remove_file(entry.expect("entry").path()).expect("remove stale");
        }
        for (file, text) in &bindings {
            fs::write(dir.join(file), text).expect("write");
        }
    }
    let expected: BTreeSet<&str> = bindings.iter().map(|(file, _)| file.as_str()).collect();
    let present: BTreeSet<String> = fs::read_dir(&dir)
        .expect("ui/src/generated exists")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let present: BTreeSet<&str> = present.iter().map(String::as_str).collect();
    assert_eq!(
        present, expected,
        "files in ui/src/generated differ; run with UPDATE_BINDINGS=1"
    );
    for (file, text) in &bindings {
        let on_disk = fs::read_to_string(dir.join(file)).expect("read");
        assert_eq!(
            &on_disk, text,
            "{file} has drifted from the Rust type; run with UPDATE_BINDINGS=1"
        );
    }
}

/// The package's folder as cargo gives it when it runs the test, not as it was when this was
/// compiled: a test built in another checkout may be reused from a shared target folder.
fn package_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned())
}
