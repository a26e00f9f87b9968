//! Real inputs to mutate: letters rendered and signed as the app signs them, rosters as Excel
//! and other tools write them, backups and headers made by a real archive (committed under
//! `seeds/`, see `make_seeds`), the built-in framework files, and the letterhead logos of the
//! letters' tests.

use std::path::{Path, PathBuf};

use scr_letters::{
    sample, sign_pdf, BoardAuthority, LetterRenderer, SignatureRequest, SignerSubject, UtcDateTime,
    ValidityPeriod,
};

/// The folder of committed seed files.
pub fn seeds_dir() -> PathBuf {
    Path::new(&package_dir()).join("seeds")
}

/// The recovery key of the archive the committed backups were made from (a throwaway archive).
pub fn recovery_key() -> String {
    std::fs::read_to_string(seeds_dir().join("recovery-key.txt"))
        .expect("crates/fuzz/seeds/recovery-key.txt: run make_seeds")
        .trim()
        .to_owned()
}

/// The passphrase of the committed passphrase backup.
pub const BACKUP_PASSPHRASE: &str = "correct horse battery staple";

fn seed_file(name: &str) -> Vec<u8> {
    std::fs::read(seeds_dir().join(name))
        .unwrap_or_else(|error| panic!("crates/fuzz/seeds/{name} cannot be read ({error}); run make_seeds"))
}

/// A fixed signing time, so that seeds are the same on every run.
pub fn signing_time() -> UtcDateTime {
    UtcDateTime::new(2016, 4, 12, 14, 3, 0).expect("a valid time")
}

/// The board's certificate authority and letters signed by one and by three signers.
pub struct SignedLetters {
    pub authority: BoardAuthority,
    pub letters: Vec<Vec<u8>>,
}

impl std::fmt::Debug for SignedLetters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedLetters")
            .field("letters", &self.letters.len())
            .finish()
    }
}

pub fn signed_letters() -> SignedLetters {
    let now = signing_time();
    let authority = sample::anytown_authority(now);
    let renderer = LetterRenderer::new().expect("renderer");
    let mut letters = Vec::new();
    for doc in [sample::anytown_child_t(), sample::anytown_joint_sign_off()] {
        let rendered = renderer.render(&doc, now).expect("render");
        let mut pdf = rendered.pdf.clone();
        for (i, who) in doc.signatories.iter().enumerate() {
            let signer = authority
                .issue_signer(
                    &SignerSubject {
                        name: who.name.clone(),
                        role: who.role.clone(),
                        organisation: "Anytown Safeguarding Children Board".into(),
                    },
                    ValidityPeriod {
                        not_before: now.plus_days(-1),
                        not_after: now.plus_days(365),
                    },
                )
                .expect("signer");
            let request = SignatureRequest::new(rendered.slot(i).expect("slot"), now);
            pdf = sign_pdf(&pdf, &signer, &request).expect("sign");
        }
        letters.push(pdf);
    }
    SignedLetters { authority, letters }
}

const ROSTER: &str = "Name,Role,Agency,Email address,Phone,Term start,Term end,Voting or advisory,Receives decision letters,Preferred channel,Notes\r\n\
Dr Jane Smith,Independent Chair,Anytown Safeguarding Children Board,jane.smith@anytown.example,01632 960001,01/04/2015,,Voting,Yes,Email,\r\n\
Siobhán O'Neill,Head of Children's Services,Anytown Council,siobhan.oneill@anytown.example,,01/09/2014,31/08/2019,Voting,Yes,Email,\"Deputises for the DCS; notes, with a comma\r\nand a line break\"\r\n\
Det Supt Raj Patel,Head of Public Protection,Anytown Police,raj.patel@police.example,,2015-01-05,,Voting,Yes,Secure export,\r\n\
Zoë Ellis,Designated Nurse,Anytown CCG,zoe.ellis@nhs.example,,5 January 2015,,Advisory,No,Email,=SUM(A1:A2)\r\n";

/// Rosters as the board's spreadsheet tools write them: UTF-8 with a byte-order mark and
/// commas, semicolons, UTF-16 with a BOM and tabs (Excel's "Unicode text"), Windows-1252.
pub fn csv_rosters() -> Vec<Vec<u8>> {
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(ROSTER.as_bytes());
    let semicolons = ROSTER.replace(',', ";").into_bytes();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in ROSTER.replace(',', "\t").encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let (windows_1252, _, _) = encoding_rs::WINDOWS_1252.encode(ROSTER);
    vec![with_bom, semicolons, utf16, windows_1252.into_owned()]
}

/// A roster workbook with text, date and number cells, as rust_xlsxwriter (like Excel) writes it.
pub fn xlsx_rosters() -> Vec<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = workbook.add_worksheet();
    for (row, line) in ROSTER.lines().enumerate() {
        for (column, cell) in line.split(',').enumerate() {
            let (row, column) = (row as u32, column as u16);
            let written = if column == 5 && row > 0 {
                match chrono::NaiveDate::parse_from_str(cell, "%d/%m/%Y") {
                    Ok(day) => {
                        let excel = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            day.format("%Y").to_string().parse().unwrap_or(2015),
                            day.format("%m").to_string().parse().unwrap_or(1),
                            day.format("%d").to_string().parse().unwrap_or(1),
                        )
                        .expect("date");
                        sheet
                            .write_datetime_with_format(row, column, &excel, &date)
                            .map(|_| ())
                    }
                    Err(_) => sheet.write_string(row, column, cell).map(|_| ()),
                }
            } else if column == 4 && row == 1 {
                sheet.write_number(row, column, 1_632_960_001.0).map(|_| ())
            } else {
                sheet.write_string(row, column, cell).map(|_| ())
            };
            written.expect("cell");
        }
    }
    vec![workbook.save_to_buffer().expect("xlsx")]
}

/// A backup opened by the recovery key, and one also opened by a passphrase.
pub fn backups() -> Vec<Vec<u8>> {
    vec![
        seed_file("backup-recovery.scrbackup"),
        seed_file("backup-passphrase.scrbackup"),
    ]
}

/// An archive header, without and with a passphrase slot.
pub fn headers() -> Vec<Vec<u8>> {
    vec![
        seed_file("archive-header.json"),
        seed_file("archive-header-passphrase.json"),
    ]
}

/// The built-in framework files, as a board would copy and edit them.
pub fn frameworks() -> Vec<Vec<u8>> {
    vec![
        include_bytes!("../../domain/frameworks/wt2015-scr.toml").to_vec(),
        include_bytes!("../../domain/frameworks/wt2018-lcspr.toml").to_vec(),
        include_bytes!("../../domain/frameworks/wt2023-lcspr.toml").to_vec(),
    ]
}

/// The built-in retention schedule, and a board's own version of it with a period in years and
/// months.
pub fn schedules() -> Vec<Vec<u8>> {
    let builtin = scr_domain::retention::BUILTIN_SCHEDULE.1;
    let board = builtin
        .replace("id = \"scr-desk-default\"", "id = \"westmoor\"")
        .replacen("years = 6", "years = 25\nmonths = 6", 1);
    vec![builtin.as_bytes().to_vec(), board.into_bytes()]
}

/// The letterhead logos of the letters' tests (a PNG and a JPEG).
pub fn logos() -> Vec<Vec<u8>> {
    vec![
        include_bytes!("../../letters/tests/fixtures/anytown-logo.png").to_vec(),
        include_bytes!("../../letters/tests/fixtures/anytown-logo.jpg").to_vec(),
    ]
}

/// The package's folder as cargo gives it when it runs the test, not as it was when this was
/// compiled: a test built in another checkout may be reused from a shared target folder.
fn package_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned())
}
