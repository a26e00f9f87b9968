//! The desk's one error type; its stable codes are in `code.rs`, which error gets which in
//! `classify.rs`.

use scr_archive::ArchiveError;
use scr_domain::{DomainError, FieldProblem};
use scr_letters::LetterError;

mod classify;
mod code;

pub(crate) use classify::file_code;
pub use code::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// An archive exists but the keyring could not open it: the recovery key can.
    #[error("{source}")]
    Locked { source: ArchiveError },
    #[error("no data directory could be found for this user; start the app with --data-dir DIR")]
    NoDataDir,
    #[error("an earlier operation failed part-way and the archive was closed to protect it")]
    Poisoned,
    /// A secret (a passphrase, a recovery key, a password) given on standard input or typed
    /// could not be read, or was empty or far too long.
    #[error("{0}")]
    StandardInput(String),
    /// A file the chair chose arrived damaged through the window (its base64 is broken).
    #[error("the file did not arrive intact: {0}")]
    UploadDamaged(String),
    #[error("{} must end in {expected}, which says the format to write", path.display())]
    FormatUnknown {
        path: std::path::PathBuf,
        expected: &'static str,
    },
    #[error("cannot write {}: {source}", path.display())]
    FileNotWritten {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a text file", path.display())]
    NotText { path: std::path::PathBuf },
    #[error("{} is not a letter's content ({reason}); see `scr-desk letters issue --help`", path.display())]
    LetterContentUnreadable {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("the register could not be written as a spreadsheet: {0}")]
    RegisterNotWritten(String),
    /// The demonstration only ever fills a new, empty archive: it never mixes with real records.
    #[error("the demonstration can only fill a new, empty archive: choose an empty folder with --data-dir")]
    DemoNeedsNewArchive,
    #[error("give the signer a label, e.g. \"police\"")]
    SignerLabelMissing,
    #[error(
        "the timestamp authority's CA file is larger than {limit} bytes, too large to be a few certificates"
    )]
    TimestampCaTooLarge { limit: usize },
    #[error("say why the letter should be sent again")]
    ResendReasonMissing,
    #[error("no member in the register has the email address {email}")]
    MemberEmailUnknown { email: String },
    #[error("no letter for {reference} is waiting for secure export: no member in post takes letters that way, or they were exported already")]
    NothingToExport { reference: String },
    #[error("the saved mail settings cannot be read: {0}")]
    MailSettingsDamaged(String),
    /// The operating system would not start the thread that checks a letter.
    #[error("the check could not be started: {0}")]
    VerifyNotStarted(std::io::Error),
    #[error("the decision on {reference} is already final; amend it to change it")]
    AlreadyFinalised { reference: String },
    #[error("the decision on {reference} has not been finalised yet, so there is nothing to amend")]
    NotFinalised { reference: String },
    #[error(transparent)]
    Letter(#[from] LetterError),
    /// The chair's details for signing are not filled in correctly.
    #[error("{summary}")]
    SigningInvalid {
        summary: String,
        problems: Vec<FieldProblem>,
    },
    #[error("the board's name has not been set yet")]
    BoardNotSetUp,
    #[error("letter {reference} names {printed} as signing, but it would be signed by {signing}")]
    SignerMismatch {
        reference: String,
        printed: String,
        signing: String,
    },
    #[error("there is no member {0} in the register")]
    MemberNotFound(i64),
    #[error("the file cannot be read: {0}")]
    ImportUnreadable(String),
    #[error("the file has {problems} problem(s), so nothing was imported")]
    ImportRejected { problems: usize },
    #[error("the register, or the file, changed after the preview was made")]
    ImportStale,
    #[error("{0}")]
    LogoInvalid(String),
    /// What the chair wrote for an update or outcome letter is incomplete.
    #[error("{summary}")]
    LetterInvalid {
        summary: String,
        problems: Vec<FieldProblem>,
    },
    /// A letter would print something from the restricted annex; nothing was signed.
    #[error("the letter for {reference} would print restricted details ({})", details.join(", "))]
    LetterShowsRestricted { reference: String, details: Vec<String> },
    #[error("there is no case {reference}")]
    CaseUnknown { reference: String },
    /// An override named a term that the case's restricted annex does not (or no longer) hold.
    #[error("the case's restricted details have no such term")]
    AnnexTermUnknown,
    #[error("no member in post on {on} receives letters")]
    NoRecipients { on: chrono::NaiveDate },
    #[error("{reference} has no decision version {version}")]
    DecisionVersionUnknown { reference: String, version: u32 },
    /// Issuing names a preview this desk does not hold: issued from already, too old, or made
    /// before the app was restarted.
    #[error("the letters previewed are no longer ready to issue")]
    PreviewUnknown,
    /// Something the letters print (the decision, the register, the board's settings, the date)
    /// changed between the preview and issuing them.
    #[error("the letters for {reference} have changed since they were previewed")]
    ChangedSincePreview { reference: String },
    // Distribution
    #[error(transparent)]
    Mail(#[from] scr_mail::MailError),
    #[error("the mail settings have not been saved yet")]
    MailNotConfigured,
    #[error("sending without encryption was chosen but not confirmed")]
    PlainNotConfirmed,
    #[error("no letters have been issued for {reference}, so there is nothing to send")]
    NoLettersToSend { reference: String },
    #[error("the letters for {reference} are being sent already")]
    DistributionBusy { reference: String },
    // Hostile and broken files
    /// Checking a letter took longer than any letter takes; the file was built to be slow.
    #[error("checking the letter took longer than {seconds} seconds")]
    VerifyTimedOut { seconds: u64 },
    /// A file named on the command line or found in the data folder was not read.
    #[error("{} was not read: {source}", path.display())]
    File {
        path: std::path::PathBuf,
        source: scr_archive::files::FileReadError,
    },
    #[error("{0}")]
    ImportTooLarge(String),
    #[error("{0}")]
    ImportTooManyCells(String),
    // After the decision
    /// A milestone's event or date does not fit the case.
    #[error("{summary}")]
    MilestoneInvalid {
        summary: String,
        problems: Vec<FieldProblem>,
    },
    #[error("“{what}” is recorded already, on {on}")]
    MilestoneAlreadyRecorded { what: String, on: chrono::NaiveDate },
    #[error("{reference} has no finalised decision yet")]
    NoDecisionYet { reference: String },
    /// The report's period is not a period.
    #[error("{summary}")]
    ReportInvalid {
        summary: String,
        problems: Vec<FieldProblem>,
    },
    /// The report would print something from a case's restricted annex; nothing was written.
    #[error("the report would print restricted details of {reference} ({})", details.join(", "))]
    ReportShowsRestricted { reference: String, details: Vec<String> },
    #[error("the report could not be written as a spreadsheet: {0}")]
    ReportNotWritten(String),
    #[error("no letter of {reference} to {member} is {waiting}")]
    DeliveryNotFound {
        reference: String,
        member: String,
        waiting: &'static str,
    },
    // Records governance
    /// A retention form (a hold, a review, a disposal's confirmation) needs correcting.
    #[error("{summary}")]
    RetentionInvalid {
        summary: String,
        problems: Vec<FieldProblem>,
    },
    /// The records' period under the schedule has not ended.
    #[error("the {what} of {reference} are not due for disposal: {due}")]
    NotDue {
        reference: String,
        what: String,
        due: String,
    },
    /// The board's own schedule file is refused, so nothing may be disposed of.
    #[error("{reason}")]
    ScheduleUnusable { reason: String },
}

impl DeskError {
    pub fn file_exists(path: &std::path::Path) -> DeskError {
        DeskError::Archive(ArchiveError::FileExists {
            path: path.to_owned(),
        })
    }
}
