//! Helpers shared by the integration tests: the external validators (poppler's pdfsig, pdftotext,
//! pdfinfo and pyHanko), identities with dates around today, and temporary files.
#![allow(dead_code)]

pub mod hostile_cases;

use std::path::{Path, PathBuf};
use std::process::Command;

use scr_letters::{BoardAuthority, LocalSigner, SignerSubject, UtcDateTime, ValidityPeriod};

pub const BOARD: &str = "Anytown Safeguarding Children Board";

/// Runs a tool and returns (exit code, stdout + stderr). Fails the test, with how to install the
/// tool, when it is missing: a validator that is not there must never turn into a pass.
pub fn run(program: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!(
            "could not run {}: {e}\n{}",
            program.display(),
            install_hint(program)
        );
    });
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

fn install_hint(program: &Path) -> String {
    let name = program
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.contains("pyhanko") {
        format!(
            "pyHanko is needed for these tests. Install it with:\n  python3 -m venv {root}/.venv && \
             {root}/.venv/bin/pip install pyhanko-cli==0.6.0 pyhanko==0.38.0\nor point SCR_DESK_PYHANKO at a \
             pyhanko executable.",
            root = repo_root().display()
        )
    } else {
        format!("{name} is needed for these tests: apt-get install poppler-utils")
    }
}

/// A poppler tool on PATH (pdfsig, pdftotext, pdfinfo).
pub fn poppler(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| panic!("{name} not found on PATH. {}", install_hint(Path::new(name))))
}

pub fn repo_root() -> PathBuf {
    Path::new(&package_dir())
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// The pyhanko executable: `SCR_DESK_PYHANKO`, else `<repo>/.venv/bin/pyhanko`.
pub fn pyhanko() -> PathBuf {
    let path = std::env::var_os("SCR_DESK_PYHANKO")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv/bin/pyhanko"));
    assert!(
        path.is_file(),
        "pyHanko not found at {}.\n{}",
        path.display(),
        install_hint(&path)
    );
    path
}

/// "Now" for tests that hand letters to validators, which check certificates against today.
pub fn now() -> UtcDateTime {
    UtcDateTime::from_chrono(chrono::Utc::now())
}

pub fn board_ca() -> BoardAuthority {
    BoardAuthority::create(
        BOARD,
        ValidityPeriod {
            not_before: now().plus_days(-30),
            not_after: now().plus_days(3650),
        },
    )
    .expect("board CA")
}

pub fn signer(ca: &BoardAuthority, name: &str, role: &str) -> LocalSigner {
    ca.issue_signer(
        &SignerSubject {
            name: name.into(),
            role: role.into(),
            organisation: BOARD.into(),
        },
        ValidityPeriod {
            not_before: now().plus_days(-1),
            not_after: now().plus_days(3 * 365),
        },
    )
    .expect("signer certificate")
}

/// Writes `bytes` to `dir/name` and returns the path as a string. With `SCR_DESK_KEEP_PDFS=DIR`
/// a copy is kept in DIR, to look at.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    if let Some(keep) = std::env::var_os("SCR_DESK_KEEP_PDFS") {
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("keep dir");
        std::fs::write(keep.join(name), bytes).expect("keep copy");
    }
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path.to_string_lossy().into_owned()
}

/// pdfsig's verdicts: one line per signature ("Signature is Valid.", "Digest Mismatch.", ...).
pub fn pdfsig_verdicts(output: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- Signature Validation: "))
        .map(str::to_string)
        .collect()
}

/// pyHanko's bottom lines, one per signature field.
pub fn pyhanko_verdicts(output: &str) -> Vec<String> {
    output
        .lines()
        .filter(|l| l.starts_with("The signature is judged "))
        .map(|l| {
            l.trim_start_matches("The signature is judged ")
                .trim_end_matches('.')
                .to_string()
        })
        .collect()
}

/// Text of the PDF via pdftotext (reading order, not layout).
pub fn pdftotext(pdf_path: &str, extra: &[&str]) -> String {
    let mut args: Vec<&str> = extra.to_vec();
    args.push(pdf_path);
    args.push("-");
    let (code, out) = run(&poppler("pdftotext"), &args);
    assert_eq!(code, 0, "pdftotext failed: {out}");
    out
}

/// A field of pdfinfo's output, e.g. "Pages".
pub fn pdfinfo_field(pdf_path: &str, field: &str) -> String {
    let (code, out) = run(&poppler("pdfinfo"), &[pdf_path]);
    assert_eq!(code, 0, "pdfinfo failed: {out}");
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")).map(|v| v.trim().to_string()))
        .unwrap_or_else(|| panic!("pdfinfo printed no {field}: {out}"))
}

/// A letter composed from the example decision (Child T), as the desk composes them.
pub fn composed(
    content: &scr_domain::notices::LetterContent,
    to: scr_letters::compose::Addressee<'_>,
    signatories: &[scr_letters::Signatory],
    members: &[scr_letters::compose::ListedMember],
) -> scr_letters::LetterDocument {
    use scr_domain::{calendar::WorkingCalendar, example, finalise::FinalisedDecision};
    use scr_letters::compose::{compose_letter, BoardForLetters, DecisionFacts};
    let registry = scr_domain::framework::FrameworkRegistry::with_builtins();
    let framework = registry.latest("wt2015-scr").unwrap();
    let decision = FinalisedDecision::finalise(
        &example::wt2015_draft(framework),
        &example::case(),
        framework,
        &example::annex(),
    )
    .unwrap();
    compose_letter(
        &DecisionFacts {
            board: &BoardForLetters {
                name: "Anytown Safeguarding Children Board".into(),
                address_lines: vec!["Civic Centre".into(), "Anytown AT1 1AA".into()],
                logo: None,
                protective_marking: "OFFICIAL-SENSITIVE".into(),
                subgroup_name: "Case Review Sub-group".into(),
                contact: Some("Zoë Clarke (lscb@anytown.example.gov.uk)".into()),
                timestamp_authority: None,
            },
            framework,
            decision: &decision.record,
            calendar: &WorkingCalendar::england(),
            members,
            signatories,
            board_fingerprint: "(the board fingerprint)",
            letter_date: example::date("2016-04-12"),
        },
        content,
        to,
    )
}

/// Every kind of letter the desk composes (decision, update, outcome), each circular and
/// personal, signed by the chair alone and by three: `(file stem, is circular, letter)`.
pub fn every_composed_letter() -> Vec<(String, bool, scr_letters::LetterDocument)> {
    use scr_domain::notices::{LetterContent, OutcomeDetails, UpdateDetails};
    use scr_letters::compose::Addressee;
    let contents = [
        ("decision", LetterContent::DecisionNotice),
        (
            "update",
            LetterContent::Update(UpdateDetails {
                what_changed: "The review will report in January, not October ✓.".into(),
                reason: "The Crown Prosecution Service asked us to wait for its charging decision.".into(),
                revised_completion: Some(scr_domain::example::date("2017-01-31")),
                next_steps: String::new(),
            }),
        ),
        (
            "outcome",
            LetterContent::OutcomeNotice(OutcomeDetails {
                completed_on: Some(scr_domain::example::date("2017-01-20")),
                published: Some(true),
                publication: "On the Board’s website from 3 February 2017.".into(),
                board_response: "The Board accepted all seven recommendations.".into(),
                ..OutcomeDetails::default()
            }),
        ),
    ];
    let people = anytown_listed_members(12);
    let joint = scr_letters::sample::anytown_joint_sign_off().signatories;
    let chair = scr_letters::sample::anytown_child_t().signatories;
    let mut letters = Vec::new();
    for (name, content) in &contents {
        for (to_name, to) in [
            ("circular", Addressee::Board),
            ("personal", Addressee::Member(&people[4])),
        ] {
            for signatories in [&chair, &joint] {
                let stem = format!("{name}-{to_name}-{}", signatories.len());
                let doc = composed(content, to, signatories, &people);
                letters.push((stem, to_name == "circular", doc));
            }
        }
    }
    letters
}

pub fn anytown_listed_members(n: usize) -> Vec<scr_letters::compose::ListedMember> {
    scr_letters::sample::anytown_members(n)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let (name, agency) = line.split_once(", ").unwrap();
            scr_letters::compose::ListedMember {
                id: i as i64,
                name: name.into(),
                role: "Board member".into(),
                agency: agency.into(),
            }
        })
        .collect()
}

/// The package's folder as cargo gives it when it runs the test, not as it was when this was
/// compiled: a test built in another checkout may be reused from a shared target folder.
pub fn package_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned())
}
