use std::path::PathBuf;

/// What went wrong reaching the OS keyring; the cause is kept for the technical details.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    #[error("the system keyring could not be reached: {0}")]
    Unavailable(String),
    #[error("the system keyring is locked: {0}")]
    Locked(String),
    #[error("the system keyring refused the request: {0}")]
    Failed(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error(transparent)]
    Keyring(#[from] KeyringError),
    #[error("the key for this archive is not in the system keyring")]
    KeyringEntryMissing,
    #[error("the archive's key was kept in the '{recorded}' keyring, but this session offers '{current}'")]
    KeyringBackendChanged { recorded: String, current: String },
    #[error("the key does not open this archive, or the archive is damaged")]
    WrongKeyOrDamaged,
    #[error("the archive in {dir} is incomplete: {missing} is missing")]
    Incomplete { dir: PathBuf, missing: &'static str },
    #[error("the archive header {path} cannot be read: {reason}")]
    HeaderInvalid { path: PathBuf, reason: String },
    #[error("the archive was written by a newer version of SCR Decision Desk (schema {found}; this version knows up to {supported})")]
    NewerSchema { found: i64, supported: i64 },
    #[error(
        "the archive's migration to schema {version} failed, and the archive was left as it was: {source}"
    )]
    MigrationFailed { version: i64, source: rusqlite::Error },
    #[error("the archive database reported an error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the operating system could not provide random numbers: {0}")]
    Random(String),
    #[error("the recovery key was mistyped{}: {reason}", group.map(|group| format!(" (check group {group})")).unwrap_or_default())]
    RecoveryKeyMistyped { group: Option<usize>, reason: String },
    #[error("that is not the recovery key for this archive")]
    WrongRecoveryKey,
    #[error("that is not the passphrase for this archive")]
    WrongPassphrase,
    #[error("no passphrase has been set for this archive")]
    NoPassphraseSet,
    #[error("a passphrase must be at least {minimum} characters long")]
    PassphraseTooShort { minimum: usize },
    #[error("there is no archive in {dir} (nothing was created there)")]
    NoArchive { dir: PathBuf },
    #[error("there is already an archive in {dir}")]
    ArchiveExists { dir: PathBuf },
    /// Another process holds the folder's lock (see `FolderLock`).
    #[error(
        "the archive in {dir} is open in another SCR Decision Desk (a window, or a command still running)"
    )]
    InUse { dir: PathBuf },
    #[error("{path} already exists and will not be overwritten")]
    FileExists { path: PathBuf },
    #[error("the backup cannot be used: {reason}")]
    BackupDamaged { reason: String },
    /// A backup larger than any archive this version could restore (it is held in memory).
    #[error("the backup is {bytes} bytes, more than the {limit} bytes a backup can be")]
    BackupTooLarge { bytes: u64, limit: u64 },
    /// A header or backup asks for a passphrase key derivation outside the accepted costs.
    #[error("the passphrase's key derivation settings are refused: {reason}")]
    KdfOutOfRange { reason: String },
    #[error("signing has not been set up for this board")]
    SigningNotSetUp,
    #[error("signing has already been set up for this board")]
    SigningAlreadySetUp,
    #[error("there is no current signer {id} in this archive")]
    SignerUnknown { id: i64 },
    #[error("there is no issued letter {id} in this archive")]
    LetterUnknown { id: i64 },
    #[error("cannot encode: {0}")]
    Encoding(String),
    #[error("there is no {what} with id {id}")]
    NotFound { what: &'static str, id: i64 },
    /// A legal hold is in force on the case (or, with no reference, on the whole archive).
    #[error("{}", match reference {
        Some(reference) => format!("{reference} is under a legal hold, so nothing in it can be disposed of"),
        None => "the whole archive is under a legal hold, so nothing can be disposed of".to_owned(),
    })]
    OnHold { reference: Option<String> },
    /// These records of the case were disposed of already (or a change would touch them).
    #[error("the {what} of {reference} were disposed of")]
    Disposed { reference: String, what: &'static str },
    /// A case's records go in order: the restricted details first, the case record last.
    #[error("the {what} of {reference} must be disposed of first")]
    DisposeFirst { reference: String, what: &'static str },
    #[error("delivery {id} is {status}, so it cannot become {wanted}")]
    DeliveryState {
        id: i64,
        status: &'static str,
        wanted: &'static str,
    },
}

impl ArchiveError {
    /// SQLite found the file damaged (a page that fails SQLCipher's authentication reads as
    /// corrupt): the same situation for the user as a wrong key, not a passing database error.
    pub fn is_damage(&self) -> bool {
        matches!(
            self,
            ArchiveError::Database(error)
                if matches!(
                    error.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
                )
        )
    }

    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        ArchiveError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
