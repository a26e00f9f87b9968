//! Grows a demonstration archive (`scr-desk --data-dir DIR demo`) into a board's twenty years:
//! 1,000 cases, 50 a year from 2007, each with a finalised decision and 40 signed letters,
//! about 40,000 letters in all. The letters are the demonstration's own signed letters, their
//! bytes stored again under each new decision: the archive stores and hashes bytes, and
//! rendering and signing 40,000 letters would take the best part of an hour.
//!
//! Usage: `twenty-year-archive DIR` (needs the Secret Service that holds DIR's key).
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use scr_archive::{Actor, Archive, ArchiveError, IssuedLetter, NewIssuedLetter, SystemKeyring};
use scr_domain::case::{CaseSummary, DEFAULT_REFERENCE_PATTERN};
use scr_domain::clock::Clock;
use scr_domain::example;
use scr_domain::finalise::FinalisedDecision;
use scr_domain::framework::FrameworkRegistry;

const FIRST_YEAR: i32 = 2007;
const YEARS: i32 = 20;
const CASES_PER_YEAR: usize = 50;
const LETTERS_PER_CASE: usize = 40;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: twenty-year-archive DIR (an archive made by `scr-desk --data-dir DIR demo`)");
        return ExitCode::FAILURE;
    };
    let started = Instant::now();
    match grow(&dir) {
        Ok((cases, letters)) => {
            println!(
                "{cases} cases and {letters} letters in {} after {:.1} s",
                dir.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("twenty-year-archive: {error}");
            ExitCode::FAILURE
        }
    }
}

type Failure = Box<dyn std::error::Error>;

/// Returns how many cases and letters the archive holds afterwards. (Also used by the QM3
/// report benchmark, crates/desk/benches/qm3_pdf.rs, which includes this file.)
pub(crate) fn grow(dir: &std::path::Path) -> Result<(usize, usize), Failure> {
    let keyring = SystemKeyring::connect()?;
    let actor = Actor::new("bench", "twenty-year-archive", Clock::from_fn(chrono::Utc::now));
    let mut archive = Archive::open(dir, &keyring, &actor)?;
    let templates = demo_letters(&archive)?;
    if templates.is_empty() {
        return Err("no signed letters to reuse: make the archive with `scr-desk demo` first".into());
    }
    let registry = FrameworkRegistry::with_builtins();
    let framework = registry.default_framework();
    let draft = example::wt2015_draft(framework);
    let annex = example::annex();
    let mut cases = archive.list_cases(None)?.len();
    let wanted = YEARS as usize * CASES_PER_YEAR;
    'years: for year in FIRST_YEAR..FIRST_YEAR + YEARS {
        for number in 0..CASES_PER_YEAR {
            if cases >= wanted {
                break 'years;
            }
            let summary = CaseSummary {
                pseudonym: Some(format!(
                    "Child {}{number}",
                    char::from(b'A' + (number % 26) as u8)
                )),
                ..example::case()
            };
            let record = archive.create_case(DEFAULT_REFERENCE_PATTERN, year, &summary, &annex)?;
            archive.save_draft(record.id, &draft)?;
            let finalised = FinalisedDecision::finalise(&draft, &record.summary, framework, &annex)?;
            archive.store_decision(record.id, &finalised)?;
            store_letters(&mut archive, &record.reference, &templates)?;
            cases += 1;
        }
    }
    Ok((cases, archive.issued_letters(None)?.len()))
}

fn demo_letters(archive: &Archive) -> Result<Vec<IssuedLetter>, ArchiveError> {
    let mut letters = Vec::new();
    for record in archive.issued_letters(None)? {
        letters.extend(archive.issued_letter(record.id)?);
    }
    Ok(letters)
}

/// A decision's 40 letters: the demonstration's letters in turn, under this case's reference.
fn store_letters(
    archive: &mut Archive,
    reference: &str,
    templates: &[IssuedLetter],
) -> Result<(), ArchiveError> {
    let letters: Vec<NewIssuedLetter<'_>> = templates
        .iter()
        .cycle()
        .take(LETTERS_PER_CASE)
        .map(|letter| NewIssuedLetter {
            reference,
            kind: letter.record.kind,
            recipient: &letter.record.recipient,
            pdf: &letter.pdf,
            signer_fingerprints: &letter.record.signer_fingerprints,
            created_at: &letter.record.created_at,
        })
        .collect();
    archive.store_issued_letters(&letters)?;
    Ok(())
}
