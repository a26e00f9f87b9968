//! The parsers under test: each takes bytes as a file the app did not write would bring them,
//! and answers with an outcome (what was read, or the stable code of the refusal). A panic or
//! a hang is a defect; any answer is fine.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use proptest::prelude::*;
use scr_archive::{BackupUnlock, RecoveryKey};
use scr_desk::spreadsheet;
use scr_desk::DeskError;
use scr_domain::framework::FrameworkRegistry;
use scr_domain::register::import;
use scr_domain::register::Register;

use crate::formats;
use crate::mutate::{apply, edits};
use crate::seeds;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parser {
    PdfVerify,
    Csv,
    Xlsx,
    Backup,
    Header,
    Framework,
    Schedule,
    Logo,
}

impl Parser {
    pub const ALL: [Parser; 8] = [
        Parser::PdfVerify,
        Parser::Csv,
        Parser::Xlsx,
        Parser::Backup,
        Parser::Header,
        Parser::Framework,
        Parser::Schedule,
        Parser::Logo,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Parser::PdfVerify => "pdf-verify",
            Parser::Csv => "csv",
            Parser::Xlsx => "xlsx",
            Parser::Backup => "backup",
            Parser::Header => "header",
            Parser::Framework => "framework",
            Parser::Schedule => "schedule",
            Parser::Logo => "logo",
        }
    }

    pub fn from_name(name: &str) -> Option<Parser> {
        Parser::ALL.into_iter().find(|p| p.name() == name)
    }

    fn tokens(self) -> &'static [&'static [u8]] {
        match self {
            Parser::PdfVerify => formats::PDF_TOKENS,
            Parser::Csv => formats::CSV_TOKENS,
            Parser::Xlsx => formats::XML_TOKENS,
            Parser::Backup | Parser::Header => formats::JSON_TOKENS,
            Parser::Framework | Parser::Schedule => formats::TOML_TOKENS,
            Parser::Logo => formats::IMAGE_TOKENS,
        }
    }

    /// The largest input generated: above each parser's own limits where those are small, so
    /// the refusals are exercised, and small enough to keep the campaign quick.
    fn max_len(self) -> usize {
        match self {
            Parser::PdfVerify | Parser::Csv | Parser::Backup => 2 << 20,
            Parser::Xlsx | Parser::Logo | Parser::Framework | Parser::Schedule => 1 << 20,
            Parser::Header => 128 << 10,
        }
    }
}

/// One parser with its seeds and what it needs to run (trusted certificates, a recovery key,
/// a scratch folder for parsers that read files).
pub struct Target {
    pub parser: Parser,
    seeds: Arc<Vec<Vec<u8>>>,
    scratch: tempfile::TempDir,
    trusted: Vec<x509_cert::Certificate>,
    recovery_key: Option<RecoveryKey>,
    registry: FrameworkRegistry,
    runs: std::cell::Cell<usize>,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target").field("parser", &self.parser).finish()
    }
}

impl Target {
    pub fn new(parser: Parser) -> Target {
        let mut trusted = Vec::new();
        let mut recovery_key = None;
        let seeds = match parser {
            Parser::PdfVerify => {
                let signed = seeds::signed_letters();
                trusted.push(signed.authority.certificate().clone());
                signed.letters
            }
            Parser::Csv => seeds::csv_rosters(),
            Parser::Xlsx => seeds::xlsx_rosters(),
            Parser::Backup => {
                recovery_key =
                    Some(RecoveryKey::parse(&seeds::recovery_key()).expect("the seeds' recovery key"));
                seeds::backups()
            }
            Parser::Header => seeds::headers(),
            Parser::Framework => seeds::frameworks(),
            Parser::Schedule => seeds::schedules(),
            Parser::Logo => seeds::logos(),
        };
        let scratch = tempfile::tempdir().expect("scratch folder");
        for folder in [scr_desk::FRAMEWORKS_FOLDER, scr_desk::RETENTION_FOLDER] {
            std::fs::create_dir_all(scratch.path().join("data").join(folder)).expect("folder");
        }
        Target {
            parser,
            seeds: Arc::new(seeds),
            scratch,
            trusted,
            recovery_key,
            registry: FrameworkRegistry::with_builtins(),
            runs: std::cell::Cell::new(0),
        }
    }

    pub fn seeds(&self) -> &[Vec<u8>] {
        &self.seeds
    }

    fn scratch_file(&self, name: &str) -> PathBuf {
        self.scratch.path().join(name)
    }

    /// Runs the parser on `input`; the outcome names what happened.
    pub fn run(&self, input: &[u8]) -> String {
        let code = |error: DeskError| error.code().as_str();
        match self.parser {
            Parser::PdfVerify => match scr_letters::try_verify(input, &self.trusted) {
                Ok(report) => format!("verified:{}:{}", report.signatures.len(), report.all_valid),
                Err(error) => error.code().to_owned(),
            },
            Parser::Csv | Parser::Xlsx => {
                let name = if self.parser == Parser::Csv {
                    "roster.csv"
                } else {
                    "roster.xlsx"
                };
                match spreadsheet::read(name, input) {
                    Ok(read) => {
                        let today = chrono::NaiveDate::from_ymd_opt(2016, 4, 12).unwrap_or_default();
                        let preview = import::preview(&read.table, &Register::default(), &[], today, &[]);
                        format!("read:{}", preview.can_import())
                    }
                    Err(error) => code(DeskError::from(error)),
                }
            }
            Parser::Backup => {
                let path = self.scratch_file("backup.scrbackup");
                if std::fs::write(&path, input).is_err() {
                    return "scratch-unwritable".into();
                }
                // Every eighth input (the passphrase backup's seed among them) is opened with the
                // passphrase, so Argon2id runs; the rest with the recovery key. The manifest is
                // checked either way.
                let runs = self.runs.get();
                self.runs.set(runs + 1);
                let use_passphrase = runs % 8 == 1;
                let result = match (&self.recovery_key, use_passphrase) {
                    (_, true) => {
                        scr_archive::verify_backup(&path, BackupUnlock::Passphrase(seeds::BACKUP_PASSPHRASE))
                    }
                    (Some(key), false) => scr_archive::verify_backup(&path, BackupUnlock::RecoveryKey(key)),
                    (None, false) => return "no-recovery-key".into(),
                };
                match result {
                    Ok(report) => format!("verified:{}", report.check.is_clean()),
                    Err(error) => code(DeskError::from(error)),
                }
            }
            Parser::Header => {
                let path = self.scratch_file(scr_archive::HEADER_FILE);
                if std::fs::write(&path, input).is_err() {
                    return "scratch-unwritable".into();
                }
                match scr_archive::check_header_file(&path) {
                    Ok(()) => "read".into(),
                    Err(error) => code(DeskError::from(error)),
                }
            }
            Parser::Framework => self.board_file(scr_desk::FRAMEWORKS_FOLDER, input, "added", |data| {
                scr_desk::load_board_frameworks(&mut self.registry.clone(), data)
            }),
            Parser::Schedule => self.board_file(
                scr_desk::RETENTION_FOLDER,
                input,
                "read",
                scr_desk::check_board_schedule,
            ),
            Parser::Logo => match scr_desk::Logo::check(input) {
                Ok(logo) => format!("logo:{}x{}", logo.width, logo.height),
                Err(error) => code(error),
            },
        }
    }

    /// Puts `input` in the scratch data folder as the board's file in `folder`, and reads it as
    /// the desk does (`load`): `accepted`, or the code of the first problem found.
    fn board_file(
        &self,
        folder: &str,
        input: &[u8],
        accepted: &str,
        load: impl FnOnce(&Path) -> Vec<scr_desk::FolderFileProblem>,
    ) -> String {
        let data = self.scratch.path().join("data");
        if std::fs::write(data.join(folder).join("board.toml"), input).is_err() {
            return "scratch-unwritable".into();
        }
        match load(&data).first() {
            None => accepted.into(),
            Some(problem) => problem.code.as_str(),
        }
    }

    /// Inputs for this parser: random bytes, seeds with byte-level edits, and seeds with the
    /// format's structured edits (then perhaps a few byte-level ones).
    pub fn strategy(&self) -> BoxedStrategy<Vec<u8>> {
        let parser = self.parser;
        let tokens = parser.tokens();
        let max_len = parser.max_len();
        let count = self.seeds.len();
        let random = prop::collection::vec(any::<u8>(), 0..4096).boxed();
        let seeds = Arc::clone(&self.seeds);
        let mutated = (0..count, edits(tokens.len(), 8))
            .prop_map(move |(i, e)| apply(&seeds[i], &e, tokens, max_len))
            .boxed();
        let seeds = Arc::clone(&self.seeds);
        let structured = (
            0..count,
            prop::collection::vec(any::<u64>(), 12),
            edits(tokens.len(), 4),
            any::<bool>(),
        )
            .prop_map(move |(i, params, e, more)| {
                let seed = &seeds[i];
                let edited = structured_edit(parser, seed, &params, &e);
                if more && parser != Parser::Xlsx && parser != Parser::Backup {
                    apply(&edited, &e, tokens, max_len)
                } else {
                    edited
                }
            })
            .boxed();
        // Containers (a zip, a backup) and JSON break at once under byte edits: for them most
        // inputs are the format-aware edits that keep the container whole.
        let (byte_edits, format_edits) = match parser {
            Parser::Xlsx | Parser::Backup | Parser::Header => (2, 7),
            _ => (4, 4),
        };
        prop_oneof![1 => random, byte_edits => mutated, format_edits => structured].boxed()
    }
}

fn structured_edit(parser: Parser, seed: &[u8], params: &[u64], e: &[crate::mutate::Edit]) -> Vec<u8> {
    let p0 = params.first().copied().unwrap_or(0);
    match parser {
        Parser::PdfVerify => formats::edit_letter(seed, params),
        Parser::Xlsx => formats::edit_xlsx(seed, params, |xml| apply(xml, e, formats::XML_TOKENS, 1 << 20)),
        Parser::Backup => formats::edit_backup(seed, params, |json| {
            // Mostly a field's value edited (valid JSON), sometimes bytes of the text.
            if params.get(11).copied().unwrap_or(0) % 4 == 0 {
                apply(json, e, formats::JSON_TOKENS, 64 << 10)
            } else {
                formats::edit_json(json, &params[4..])
            }
        }),
        Parser::Header if params.get(11).copied().unwrap_or(0) % 4 != 0 => {
            formats::edit_json(seed, &params[4..])
        }
        Parser::Logo => formats::edit_png_size(seed, params),
        Parser::Csv => {
            // Many rows, or many columns, or one very long cell.
            let text = String::from_utf8_lossy(seed).into_owned();
            let line = text.lines().nth(1).unwrap_or("a,b").to_owned();
            let times = (p0 % 20_000) as usize;
            match params.get(1).copied().unwrap_or(0) % 3 {
                0 => format!("{text}{}", format!("{line}\r\n").repeat(times)).into_bytes(),
                1 => format!("{}\r\n{text}", ",x".repeat(times)).into_bytes(),
                _ => format!("Name,Notes\r\n\"{}\"\r\n", "n".repeat(times * 8)).into_bytes(),
            }
        }
        Parser::Header | Parser::Framework | Parser::Schedule => {
            // Numbers at their extremes wherever numbers are.
            let tokens = parser.tokens();
            apply(seed, e, tokens, parser.max_len())
        }
    }
}
