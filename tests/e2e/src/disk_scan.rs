//! Where the app may write besides its archive, and a search of those folders for case data.
//!
//! The archive is encrypted (SQLCipher), but the window is a WebKit browser, and browsers keep
//! things: an HTTP cache, local storage, session state, crash logs. A test gives the app folders
//! of its own for all of those (the XDG base directories and `TMPDIR`), works a case in the real
//! window, then looks through every file in them, and in the data directory, for the case's
//! details.

use std::path::{Path, PathBuf};

use crate::{Launch, Result};

/// The variables that say where a Linux program keeps its cache, data, settings, state and
/// temporary files (XDG Base Directory Specification 0.8; POSIX `TMPDIR`).
const PRIVATE_FOLDERS: [(&str, &str); 5] = [
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_STATE_HOME", "state"),
    ("TMPDIR", "tmp"),
];

/// The largest file read whole by the search; WebKit's cache and storage files are far smaller.
const MAX_SCANNED_BYTES: u64 = 256 << 20;

impl Launch {
    /// Gives the app (and the WebKit processes it starts) folders of its own under `home` for
    /// everything it may write outside its data directory.
    pub fn with_private_folders(mut self, home: &Path) -> Result<Launch> {
        for (variable, folder) in PRIVATE_FOLDERS {
            let path = home.join(folder);
            std::fs::create_dir_all(&path)?;
            self.env.push((variable.into(), path.display().to_string()));
        }
        Ok(self)
    }
}

/// What no file may hold in plain text after Child T's case (`scr_domain::example`, which the
/// demonstration board and the decision wizard's test use) was worked in the window: every
/// restricted detail of the child, what the board is told of the case, and words of the rationale.
pub fn child_t_case_data() -> Vec<String> {
    let annex = scr_domain::example::annex();
    let address = annex.address.unwrap_or_default();
    let mut texts: Vec<String> = [annex.child_given_names, annex.child_family_name, address.postcode]
        .into_iter()
        .flatten()
        .chain(address.lines)
        .chain(annex.family_members.into_iter().filter_map(|member| member.name))
        .chain(scr_domain::example::case().summary)
        .collect();
    for words in [
        "senior investigating officer",
        "builds on our 2014 review of neglect",
    ] {
        assert!(scr_domain::example::RATIONALE.contains(words), "{words}");
        texts.push(words.to_owned());
    }
    texts
}

/// Fails if any file below `root` holds one of `texts` (see [`files_holding`]). A file of its own,
/// holding the first text in UTF-16 as WebKit's storage keeps text, proves the search would see
/// it, and at least the archive's database and header must have been searched besides.
pub fn assert_not_on_disk(root: &Path, texts: &[String]) -> Result<()> {
    let control = root.join("search-control");
    let first = texts.first().ok_or("nothing to search for")?;
    let utf16: Vec<u8> = first.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&control, utf16)?;
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (found, read) = files_holding(root, &texts)?;
    std::fs::remove_file(&control)?;
    let leaks: Vec<&Found> = found.iter().filter(|f| f.file != control).collect();
    assert!(leaks.is_empty(), "case data in plain text on disk: {leaks:#?}");
    assert_eq!(found.len(), 1, "the search did not find its control: {found:#?}");
    let searched = read - 1;
    assert!(searched >= 2, "only {searched} files were searched");
    Ok(())
}

/// A file that holds one of the texts searched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub file: PathBuf,
    pub text: String,
    pub encoding: &'static str,
}

/// Every regular file below `root` (links are not followed) that holds one of `texts`, ignoring
/// case, as UTF-8 or as UTF-16 in either byte order. Also says how many files it read, so that a
/// test can tell a clean folder from an empty one.
pub fn files_holding(root: &Path, texts: &[&str]) -> Result<(Vec<Found>, usize)> {
    let mut found = Vec::new();
    let mut read = 0;
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                folders.push(entry.path());
                continue;
            }
            if !kind.is_file() {
                continue;
            }
            let file = entry.path();
            if entry.metadata()?.len() > MAX_SCANNED_BYTES {
                return Err(format!("{} is too large to search", file.display()).into());
            }
            let bytes = std::fs::read(&file)?.to_ascii_lowercase();
            read += 1;
            for text in texts {
                if let Some(encoding) = encoding_holding(&bytes, &text.to_ascii_lowercase()) {
                    found.push(Found {
                        file: file.clone(),
                        text: (*text).to_owned(),
                        encoding,
                    });
                }
            }
        }
    }
    found.sort_by(|a, b| (&a.file, &a.text).cmp(&(&b.file, &b.text)));
    Ok((found, read))
}

/// The encoding in which `bytes` (lower-cased ASCII) hold `text` (lower-case), if any.
fn encoding_holding(bytes: &[u8], text: &str) -> Option<&'static str> {
    let utf16 = |big_endian: bool| -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| {
                if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect()
    };
    [
        ("UTF-8", text.as_bytes().to_vec()),
        ("UTF-16LE", utf16(false)),
        ("UTF-16BE", utf16(true)),
    ]
    .into_iter()
    .find(|(_, needle)| {
        bytes
            .windows(needle.len())
            .any(|window| window == needle.as_slice())
    })
    .map(|(encoding, _)| encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_found_in_any_case_and_in_both_utf16_orders_and_nested_folders() {
        let temp = tempfile::tempdir().expect("tempdir");
        let put = |name: &str, bytes: &[u8]| {
            let file = temp.path().join(name);
            std::fs::create_dir_all(file.parent().expect("a folder")).expect("folders");
            std::fs::write(file, bytes).expect("write");
        };
        put("plain.txt", b"the child, TYLER, was");
        let little: Vec<u8> = "7 Mill Lane".encode_utf16().flat_map(u16::to_le_bytes).collect();
        put("a/b/storage.db", &little);
        let big: Vec<u8> = "Blackwood".encode_utf16().flat_map(u16::to_be_bytes).collect();
        put("a/b/big.bin", &big);
        put("clean.bin", b"nothing here");

        let (found, read) =
            files_holding(temp.path(), &["Tyler", "mill lane", "Blackwood", "AN1 4XY"]).expect("scan");

        assert_eq!(read, 4);
        let summary: Vec<(String, &str, &str)> = found
            .iter()
            .map(|f| {
                let name = f
                    .file
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                (name, f.text.as_str(), f.encoding)
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("big.bin".to_owned(), "Blackwood", "UTF-16BE"),
                ("storage.db".to_owned(), "mill lane", "UTF-16LE"),
                ("plain.txt".to_owned(), "Tyler", "UTF-8"),
            ]
        );
    }
}
