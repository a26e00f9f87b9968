//! The README's developer guide and the code's comments send readers to files by their path
//! from the repository's root (`crates/desk/src/first_screen.rs`, `scripts/bench-window.sh`).
//! When a module moves, such a path goes stale without any build failing: the README named the
//! desk's error and IPC modules as single files long after both had become folders. This checks
//! that every path so cited still names a file or folder of the repository.

use std::fs;
use std::path::{Path, PathBuf};

/// Where a path from the repository's root starts. A path starting elsewhere (`tests/corpus`
/// in a crate's test, `src/lib/...` in the UI) is relative to the file citing it.
const ROOTS: [&str; 4] = ["crates/", "src-tauri/", "ui/src/", "scripts/"];

/// The files whose text is read: the code, the scripts and the documentation.
const READ: [&str; 11] = [
    "rs", "ts", "svelte", "sh", "py", "md", "toml", "scss", "sql", "yml", "html",
];

/// Folders that are built, fetched or generated rather than written.
const SKIPPED: [&str; 6] = ["target", "node_modules", "dist", "generated", ".git", ".venv"];

fn files_to_read(folder: &Path, found: &mut Vec<PathBuf>) {
    let entries = fs::read_dir(folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    for entry in entries {
        let path = entry.expect("folder entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !SKIPPED.contains(&name) {
                files_to_read(&path, found);
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| READ.contains(&e))
        {
            found.push(path);
        }
    }
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '-')
}

/// The paths from the repository's root that `text` cites, without a sentence's closing stop.
fn cited_paths(text: &str) -> Vec<&str> {
    let mut cited = Vec::new();
    for (start, _) in text.char_indices() {
        let rest = &text[start..];
        if !ROOTS.iter().any(|root| rest.starts_with(root)) {
            continue;
        }
        // Inside a longer path (`../../crates/...`, `/work/ui/src/...`) it is not from the root.
        if text[..start].chars().next_back().is_some_and(is_path_char) {
            continue;
        }
        let end = rest.find(|c: char| !is_path_char(c)).unwrap_or(rest.len());
        cited.push(rest[..end].trim_end_matches('.'));
    }
    cited
}

#[test]
fn finds_paths_from_the_root_only() {
    let text = "See `crates/desk/src/error/`, scripts/test.sh. Not ../../crates/x.rs, \
                tests/corpus or /tmp/ui/src/y.ts.";
    assert_eq!(cited_paths(text), ["crates/desk/src/error/", "scripts/test.sh"]);
}

#[test]
fn every_path_the_readme_and_comments_cite_exists() {
    let root = scr_test_servers::repo_root();
    let mut files = Vec::new();
    files_to_read(&root, &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("README.md")),
        "the README is among the files read"
    );
    let mut stale = Vec::new();
    let mut checked = 0;
    for file in &files {
        let Ok(text) = fs::read_to_string(file) else {
            continue;
        };
        for cited in cited_paths(&text) {
            checked += 1;
            if !root.join(cited).exists() {
                let from = file.strip_prefix(&root).unwrap_or(file);
                stale.push(format!("{}: {cited}", from.display()));
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} cited paths found: is the scan reading the tree?"
    );
    assert!(
        stale.is_empty(),
        "paths cited that no longer exist:\n{}",
        stale.join("\n")
    );
}
