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

/// Every name the UI reads from the backend is camelCase: a snake_case field in a generated type
/// means a type crossed the IPC boundary without `#[serde(rename_all = "camelCase")]`.
#[test]
fn no_generated_type_has_a_snake_case_field() {
    let bindings = scr_desk::ipc::typescript_bindings().expect("export");
    let mut snake = Vec::new();
    for (file, text) in &bindings {
        for field in field_names(text) {
            if field.contains('_') {
                snake.push(format!("{file}: {field}"));
            }
        }
    }
    assert!(snake.is_empty(), "snake_case fields: {snake:#?}");
    // The scan finds fields, so an empty list means something.
    let case = &bindings
        .iter()
        .find(|(file, _)| file == "CaseSummary.ts")
        .expect("CaseSummary")
        .1;
    let fields = field_names(case);
    assert!(
        fields.contains(&"incidentDate") && fields.contains(&"notificationDate"),
        "{case}"
    );
    let sample = "export type T = { \n/**\n * Note: a comment\n */\nterm_end?: string | null, \
                  state: \"not_started\", by_whom: string, };";
    assert_eq!(field_names(sample), ["term_end", "state", "by_whom"]);
}

/// The names before `:` or `?:` in a generated type: an identifier that follows `{`, `,` or the
/// end of a doc comment. Words in comments and string literals in unions are not fields.
fn field_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let bytes = text.as_bytes();
    let mut start = None;
    for (index, &byte) in bytes.iter().enumerate() {
        let in_name = byte.is_ascii_alphanumeric() || byte == b'_';
        match (start, in_name) {
            (None, true) => {
                let before = text[..index].trim_end().chars().last();
                if matches!(before, None | Some('{' | ',' | '/')) {
                    start = Some(index);
                }
            }
            (Some(from), false) => {
                let rest = text[index..].trim_start_matches('?');
                if rest.starts_with(':') {
                    names.push(&text[from..index]);
                }
                start = None;
            }
            _ => {}
        }
    }
    names
}
