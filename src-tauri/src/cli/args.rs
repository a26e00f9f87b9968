//! The command line's words: every subcommand, option and argument `scr-desk` accepts, with the
//! help text clap prints. What each one does is in the handler modules beside this one.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use scr_desk::Addressing;
use scr_domain::mail_security::MailSecurity;

#[derive(Debug, Parser)]
#[command(
    name = "scr-desk",
    version,
    about = "SCR Decision Desk: decisions on Serious Case Reviews, told to every board member.",
    long_about = "SCR Decision Desk: decisions on Serious Case Reviews, told to every board member.\n\n\
                  Without a command it opens the desktop app. With one, it runs without a window."
)]
pub struct Args {
    /// The folder that holds the encrypted archive (default: the platform's app-data folder,
    /// or $SCR_DESK_DATA_DIR when set).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print JSON for scripts instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new archive for a board; prints the recovery key once (or writes it to a file).
    Init {
        /// The board's name as it appears on letters.
        #[arg(long, value_name = "NAME")]
        board_name: String,
        /// The area the board covers (default: the board's name without "Safeguarding Children Board").
        #[arg(long, value_name = "AREA")]
        area: Option<String>,
        /// Write the recovery key to this new file (readable by you alone) instead of printing it.
        #[arg(long, value_name = "FILE")]
        recovery_key_out: Option<PathBuf>,
        /// Also set up signing: the chair's name for their signing certificate.
        #[arg(long, value_name = "NAME", requires = "chair_role")]
        chair_name: Option<String>,
        /// The chair's role, e.g. "Independent Chair" (with --chair-name).
        #[arg(long, value_name = "ROLE", requires = "chair_name")]
        chair_role: Option<String>,
    },
    /// Open the archive (creating it on first use) and show the board it belongs to.
    Status,
    /// Open the archive with the recovery key (read from standard input) and put a new key in
    /// the system keyring.
    Recover,
    /// Check the archive: SQLCipher's page authentication, the database structure and the audit
    /// trail. Exit code 0 only when all are intact.
    Check,
    /// Write an encrypted backup that the recovery key (or --passphrase-stdin) opens.
    Backup {
        /// The backup file to create (never overwritten).
        file: PathBuf,
        /// Also let a passphrase, read from standard input, open this backup.
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Open a backup somewhere temporary and check it, without restoring anything.
    VerifyBackup {
        file: PathBuf,
        /// Read the backup's passphrase, not the recovery key, from standard input.
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Restore a backup into the data folder; the recovery key is read from standard input.
    Restore {
        file: PathBuf,
        /// Read the backup's passphrase, not the recovery key, from standard input.
        #[arg(long)]
        passphrase_stdin: bool,
        /// Replace an archive already in the folder (it is kept in a dated folder beside it).
        #[arg(long)]
        replace_existing: bool,
    },
    /// Let a passphrase (read from standard input) open the archive as well as the recovery key.
    /// Replacing an earlier passphrase gives the archive a new key, and a new recovery key.
    SetPassphrase {
        /// Write the new recovery key (if the archive is re-keyed) to this new file instead of printing it.
        #[arg(long, value_name = "FILE")]
        recovery_key_out: Option<PathBuf>,
    },
    /// Replace the recovery key (say, after it may have been seen): the archive gets a new key, and
    /// the old recovery key no longer opens it. Backups made before still open with the old key.
    NewRecoveryKey {
        /// Write the new recovery key to this new file (readable by you alone) instead of printing it.
        #[arg(long, value_name = "FILE")]
        recovery_key_out: Option<PathBuf>,
        /// Keep the passphrase: read it from standard input (without this a passphrase is removed).
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// The board's signing identity: its certificate authority and the chair's signing key.
    #[command(subcommand)]
    Signing(SigningCommand),
    /// The board's certificate, which members trust once to check its letters.
    #[command(subcommand)]
    Certificate(CertificateCommand),
    /// Check a signed letter: intact, who signed it and when, whether it chains to this board's
    /// certificate, and whether it is the letter the archive recorded. Exit code 0 only for a
    /// valid, unchanged letter signed with this board's certificate.
    Verify {
        /// The letter (PDF).
        file: PathBuf,
        /// Check against this board certificate (.pem or .cer) instead of the archive; the
        /// archive is then not opened at all.
        #[arg(long, value_name = "CERT")]
        trust: Option<PathBuf>,
    },
    /// The board register: list it, import members from a spreadsheet, export it.
    #[command(subcommand)]
    Members(MembersCommand),
    /// Create a demonstration board in a new data folder: fictional members, a finalised
    /// decision about "Child T" and its signed letters. Prints what it created.
    Demo,
    /// Letters about a case's finalised decision: list them, issue them, save one.
    #[command(subcommand)]
    Letters(LettersCommand),
    /// A case after its decision: record or correct its milestones (review started, national
    /// notifications sent, completed, published).
    #[command(subcommand)]
    Case(super::case::CaseCommand),
    /// Reports from the archive: the Quality Marker 3 report.
    #[command(subcommand)]
    Report(super::report::ReportCommand),
    /// List the frameworks a case can be decided under, and any of the board's framework files
    /// (in <data dir>/frameworks) that were refused, with the line and reason. Exit code 1 when
    /// a file was refused.
    Frameworks,
    /// Write everything in the archive, DECRYPTED, to a new folder. Needs --yes.
    Export {
        dir: PathBuf,
        /// Confirm that a decrypted copy of the archive should be written.
        #[arg(long)]
        yes: bool,
    },
    // Distribution: the board's settings, sending, the delivery log, reminders.
    /// The board's settings kept outside the register: the mail server, the timestamp authority.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Send a decision's letters by email to every member in post who has not had them.
    /// Exit code 1 if any failed or is uncertain.
    Send {
        /// The case reference, e.g. SCR-2026-003.
        #[arg(long, value_name = "REF")]
        decision: String,
        /// List who would get which letter; change and send nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The delivery log of a decision against the members in post on its date: anyone not told
    /// is listed first.
    /// With `confirm` or `resend`: act on a member's uncertain, failed or exported letter.
    #[command(subcommand_negates_reqs = true)]
    Deliveries {
        #[arg(long, value_name = "REF", required = true)]
        decision: Option<String>,
        #[command(subcommand)]
        action: Option<super::deliveries::DeliveriesAction>,
    },
    /// Record that a member acknowledged a decision's letter.
    Acknowledge {
        #[arg(long, value_name = "REF")]
        decision: String,
        /// The member's email address as in the register.
        #[arg(long, value_name = "EMAIL")]
        member: String,
        /// When they acknowledged (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// How, e.g. "Email reply" or "Phone call".
        #[arg(long, value_name = "HOW")]
        how: Option<String>,
    },
    /// Remind members who have not acknowledged after the board's number of working days.
    Remind {
        #[arg(long, value_name = "REF")]
        decision: String,
    },
    /// Write the letters of members who take them by secure export (or post) to a new folder
    /// inside DIR, with index.csv.
    ExportLetters {
        #[arg(long, value_name = "REF")]
        decision: String,
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
    },
    // Records governance
    /// Retention: what is due for review, legal holds, disposal with a certificate.
    #[command(subcommand)]
    Retention(super::retention::RetentionCommand),
}

#[derive(Debug, Subcommand)]
pub enum SigningCommand {
    /// Create the board's certificate authority and the chair's signing certificate.
    SetUp {
        #[arg(long, value_name = "NAME")]
        chair_name: String,
        /// e.g. "Independent Chair".
        #[arg(long, value_name = "ROLE")]
        chair_role: String,
    },
    /// Add a further signer for joint sign-off (e.g. a safeguarding partner).
    AddSigner {
        /// What the signer stands for, e.g. "police".
        #[arg(long, value_name = "LABEL")]
        label: String,
        #[arg(long, value_name = "NAME")]
        name: String,
        #[arg(long, value_name = "ROLE")]
        role: String,
    },
    /// Show the board's certificate and the signers.
    Status,
}

#[derive(Debug, Subcommand)]
pub enum CertificateCommand {
    /// Write the board's certificate to a new file: .pem (text) or .cer (binary, for Windows).
    Export { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum MembersCommand {
    /// List the members serving on a date (today unless --at), or with --all everyone ever recorded.
    List {
        /// The date the register is drawn up for (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        at: Option<chrono::NaiveDate>,
        /// Include members who had left, or not yet started, on that date.
        #[arg(long)]
        all: bool,
    },
    /// Import members from a .csv or .xlsx file: prints what would be added or updated and every
    /// problem by line; applies nothing (and exits 1) if there is any problem.
    Import {
        file: PathBuf,
        /// Show the report only; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Leave out the row starting on this line of the file (repeatable).
        #[arg(long = "skip-line", value_name = "LINE")]
        skip_lines: Vec<usize>,
    },
    /// Write the members serving on a date (today unless --at) to a new .csv or .xlsx file.
    Export {
        /// The file to create; its extension (.csv or .xlsx) says the format. Never overwritten.
        file: PathBuf,
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        at: Option<chrono::NaiveDate>,
    },
}

fn parse_cli_date(text: &str) -> Result<chrono::NaiveDate, scr_domain::DomainError> {
    scr_domain::register::parse_date(text)
}

#[derive(Debug, Subcommand)]
pub enum LettersCommand {
    /// List the letters issued on a case (newest first).
    List {
        /// The case's reference, e.g. SCR-2026-003.
        #[arg(long = "case", value_name = "REF")]
        reference: String,
    },
    /// Sign and issue letters about the case's latest finalised decision.
    Issue {
        #[arg(long = "case", value_name = "REF")]
        reference: String,
        /// One circular, a personalised copy for each member, or both.
        #[arg(long, value_enum, default_value = "both")]
        to: Addressing,
        /// For an update or an outcome notice: a JSON file with the letter's content, e.g.
        /// {"kind":"update","whatChanged":"...","reason":"..."}. Default: the decision notice.
        #[arg(long, value_name = "FILE")]
        content: Option<PathBuf>,
        /// Render the first letter to this new PDF file, unsigned, and issue nothing.
        #[arg(long, value_name = "FILE")]
        preview: Option<PathBuf>,
    },
    /// Save an issued letter, byte for byte, to a new file.
    Save {
        /// The letter's number, as `letters list` shows it.
        id: i64,
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Save the board's mail server settings; with --user, the password is read from standard
    /// input into the system keyring.
    Smtp(SmtpArgs),
    /// Send a short test message with the saved settings (to the sender's address unless --to).
    SmtpTest {
        #[arg(long, value_name = "ADDR")]
        to: Option<String>,
    },
    /// Set the timestamp authority (RFC 3161) that timestamps every signature; it is asked for
    /// one timestamp first, and nothing is saved unless that succeeds. --off turns it off.
    Tsa(TsaArgs),
}

#[derive(Debug, clap::Args)]
pub struct TsaArgs {
    /// The authority's address, e.g. http://timestamp.example.org/tsr
    #[arg(
        long,
        value_name = "URL",
        required_unless_present = "off",
        conflicts_with = "off"
    )]
    pub url: Option<String>,
    /// The CA certificate(s) (PEM) the authority's tokens must chain to.
    #[arg(long, value_name = "FILE", conflicts_with = "off")]
    pub ca_file: Option<PathBuf>,
    /// Stop timestamping: letters carry the signer's clock only.
    #[arg(long)]
    pub off: bool,
}

#[derive(Debug, clap::Args)]
pub struct SmtpArgs {
    #[arg(long, value_name = "HOST")]
    pub host: String,
    /// Default: 587 for starttls, 465 for tls, 25 for plain.
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,
    /// starttls (the default), tls, or plain (no encryption: needs --allow-plain).
    #[arg(long, value_name = "MODE", value_enum, ignore_case = true, default_value_t)]
    pub security: MailSecurity,
    /// The account to sign in with; its password is read from standard input.
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
    /// The sender's address (the board's mailbox).
    #[arg(long, value_name = "ADDR")]
    pub from: String,
    #[arg(long, value_name = "NAME")]
    pub from_name: Option<String>,
    #[arg(long, value_name = "ADDR")]
    pub reply_to: Option<String>,
    /// The council's CA certificate (PEM), for a mail server whose certificate it issued.
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Put the board's protective marking at the start of every subject.
    #[arg(long)]
    pub marking_in_subject: bool,
    /// Remind members who have not acknowledged after this many working days.
    #[arg(long, value_name = "DAYS")]
    pub reminder_days: Option<u32>,
    /// Accept that with --security plain letters and the password cross the network readable.
    #[arg(long)]
    pub allow_plain: bool,
}
