//! `scr-desk members`: the register from scripts. An import with any problem prints the
//! per-line report, exits 1 and applies nothing; --skip-line leaves rows out; export writes
//! .csv or .xlsx by extension; list shows the register as at a date.

mod common;

use std::path::Path;
use std::process::Output;

use common::{stdout, TempArchive};

fn scr_desk(data: &Path, args: &[&str]) -> Output {
    common::run(&mut common::scr_desk_in(data, args))
}

/// An archive for the test; its keyring entry is removed when dropped.
struct Board {
    archive: TempArchive,
}

impl Board {
    fn new() -> Board {
        let archive = TempArchive::new();
        let key = archive.temp.path().join("key.txt");
        let key = key.to_str().expect("a UTF-8 path");
        common::ok(&scr_desk(
            &archive.data,
            &[
                "init",
                "--board-name",
                "Westmoor Safeguarding Children Board",
                "--recovery-key-out",
                key,
            ],
        ));
        Board { archive }
    }

    fn run(&self, args: &[&str]) -> Output {
        scr_desk(&self.archive.data, args)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.archive.temp.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path.display().to_string()
    }

    fn names(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["members", "list", "--json"];
        all.extend(args);
        let output = self.run(&all);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let view: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
        view["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|e| e["details"]["name"].as_str().expect("name").to_owned())
            .collect()
    }
}

/// Windows-1252 bytes for Latin-1 text (every character here is below U+0100).
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1"))
        .collect()
}

const FILE: &str = "Name;E-mail;Organisation;Job title;Start date\r\n\
    Siobhán Ní Bhriain;siobhan@health.example;Health / ICB;Designated Nurse;01/04/2024\r\n\
    Zoë Lloyd;zoe.lloyd@police;Police;Detective Chief Inspector;02/05/2024\r\n\
    Seán Ó Dálaigh;sean@education.example;Education (schools and colleges);Head Teacher;01/09/2024\r\n\r\n";

#[test]
fn an_import_with_a_bad_row_reports_it_by_line_and_applies_nothing() {
    let board = Board::new();
    let file = board.file("members.csv", &latin1(FILE));

    let output = board.run(&["members", "import", &file]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("CSV (Windows-1252, separated by semicolons)"),
        "{text}"
    );
    assert!(
        text.contains("E-mail                       -> Email address"),
        "{text}"
    );
    assert!(
        text.contains("line 2    Siobhán Ní Bhriain <siobhan@health.example>"),
        "{text}"
    );
    assert!(
        text.contains("line 3    E-mail: Enter an email address in the correct format"),
        "{text}"
    );
    assert!(text.contains("--skip-line 3"), "{text}");
    assert!(
        board.names(&["--all"]).is_empty(),
        "a rejected import wrote members"
    );

    // A dry run with the row left out: a clean report, exit 0, still nothing written.
    let output = board.run(&["members", "import", &file, "--skip-line", "3", "--dry-run"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("Dry run: nothing was changed."));
    assert!(board.names(&["--all"]).is_empty());

    let output = board.run(&["members", "import", &file, "--skip-line", "3"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("Imported: 2 added, 0 updated"),
        "{}",
        stdout(&output)
    );
    assert_eq!(board.names(&[]), ["Seán Ó Dálaigh", "Siobhán Ní Bhriain"]);
    // Before anyone's term began, nobody was serving.
    assert!(board.names(&["--at", "2024-01-01"]).is_empty());
    assert_eq!(board.names(&["--at", "01/06/2024"]), ["Siobhán Ní Bhriain"]);

    // The same file again: unchanged rows are listed as such; JSON for scripts.
    let output = board.run(&["members", "import", &file, "--skip-line", "3", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(
        report["preview"]["preview"]["unchanged"]
            .as_array()
            .expect("unchanged")
            .len(),
        2
    );
    assert_eq!(report["imported"]["added"], 0);
}

#[test]
fn export_writes_csv_or_xlsx_by_extension_as_at_a_date() {
    let board = Board::new();
    let file = board.file(
        "members.csv",
        "Name,Email,Agency,Role,Start date,Term end\n\
         Amira Haddad,amira@la.example,Police,DCI,01/04/2023,31/12/2024\n\
         Ben Carter,ben@schools.example,Police,DS,01/04/2024,\n"
            .as_bytes(),
    );
    assert!(board.run(&["members", "import", &file]).status.success());

    let csv = board.archive.temp.path().join("then.csv");
    let output = board.run(&[
        "members",
        "export",
        csv.to_str().expect("path"),
        "--at",
        "2024-06-01",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout(&output).starts_with("2 members serving on 1 June 2024 written to"));
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(
        text.contains("Amira Haddad") && text.contains("Ben Carter"),
        "{text}"
    );

    let xlsx = board.archive.temp.path().join("now.xlsx");
    let output = board.run(&[
        "members",
        "export",
        xlsx.to_str().expect("path"),
        "--at",
        "2025-01-01",
    ]);
    assert!(output.status.success());
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"));

    let again = board.run(&["members", "export", xlsx.to_str().expect("path"), "--json"]);
    assert_eq!(again.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&again.stderr).expect("json");
    assert_eq!(error["code"], "file.exists");

    let bad_date = board.run(&["members", "list", "--at", "31/02/2025"]);
    assert_eq!(bad_date.status.code(), Some(2));
}
