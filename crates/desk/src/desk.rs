//! The facade. It opens the archive lazily, so that a keyring that was unavailable at start-up
//! can be retried (or the recovery key used) from the same window without restarting the app.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use ts_rs::TS;

use scr_archive::{
    directory_state, Actor, Archive, ArchiveError, BackupReport, BackupSummary, BackupUnlock, DirectoryState,
    ExportSummary, FolderLock, KeyStore, KeyringError, OpenedAs, PassphraseAfterRekey, RecoveryKey,
    SystemKeyring,
};
use scr_domain::board::BoardProfile;
use scr_domain::clock::Clock;
use scr_letters::UtcDateTime;

use crate::cases::Rules;
use crate::{DeskError, IntegrityReport};

/// Connects to a key store on demand. The app passes the system keyring; tests may pass a
/// store that fails, to exercise the error paths.
pub type KeyStoreConnector = Box<dyn Fn() -> Result<Box<dyn KeyStore>, KeyringError> + Send + Sync>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub version: String,
    pub data_dir: String,
    pub board: Option<BoardProfile>,
    /// False until the chair confirms keeping the recovery key; the app asks until then.
    pub recovery_key_confirmed: bool,
    /// Whether a passphrase opens the archive too (replacing the recovery key asks for it).
    pub passphrase_set: bool,
}

/// A recovery key, shown once. Issuing one gives the archive a new data key: the key it replaces
/// opens nothing made from now on, though backups made before still open with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssuedRecoveryKey {
    pub recovery_key: String,
    pub passphrase: PassphraseKept,
}

/// What became of the passphrase when the archive got a new key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PassphraseKept {
    /// No passphrase was set.
    NoneSet,
    /// It was given again and opens the archive still.
    Kept,
    /// It was not given again, so it no longer opens the archive (older backups still open with it).
    Removed,
}

impl From<PassphraseAfterRekey> for PassphraseKept {
    fn from(outcome: PassphraseAfterRekey) -> PassphraseKept {
        match outcome {
            PassphraseAfterRekey::NoneSet => PassphraseKept::NoneSet,
            PassphraseAfterRekey::Kept => PassphraseKept::Kept,
            PassphraseAfterRekey::Removed => PassphraseKept::Removed,
        }
    }
}

/// Where a backup made from the app went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupMade {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

pub struct Desk {
    data_dir: PathBuf,
    connect_keystore: KeyStoreConnector,
    actor: Actor,
    pub(crate) archive: Mutex<Option<Archive>>,
    /// The archive folder's lock, from the first opening on ([`Desk::hold_folder`]).
    folder_lock: Mutex<Option<FolderLock>>,
    /// The first screen worked out ahead ([`Desk::open_ahead`]), until the first use after.
    pub(crate) first_kept: crate::first_screen::KeptSlot,
    /// When the desk was last used ([`Desk::release_memory_when_idle`]).
    pub(crate) usage: crate::idle::Usage,
    pub(crate) rules: Rules,
    /// The one clock: every date and time the desk, the archive and the letters use comes from it.
    clock: Clock,
    /// Milliseconds the clock reads behind its source: zero, except while the demonstration
    /// replays its cases' past through the chair's own operations ([`Desk::as_on`]).
    set_back_ms: Arc<AtomicI64>,
    /// How changes are made ("app", "cli"), for the audit trail's actor.
    channel: String,
    /// Distribution batches running in this process.
    pub(crate) distribution: crate::distribution::Control,
    /// Letters previewed and not yet issued, by the token of their content.
    pub(crate) prepared: crate::prepared_letters::PreparedLetters,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk").field("data_dir", &self.data_dir).finish()
    }
}

impl Desk {
    /// `channel` names how changes are made ("app", "cli") in the audit trail.
    pub fn new(data_dir: PathBuf, connect_keystore: KeyStoreConnector, channel: &str) -> Desk {
        let set_back_ms = Arc::new(AtomicI64::new(0));
        let clock = set_back(system_clock(), &set_back_ms);
        Desk {
            rules: Rules::england(&data_dir),
            data_dir,
            connect_keystore,
            actor: Actor::current(channel, clock.clone()),
            archive: Mutex::new(None),
            folder_lock: Mutex::new(None),
            first_kept: Default::default(),
            usage: Default::default(),
            clock,
            set_back_ms,
            channel: channel.to_owned(),
            distribution: Default::default(),
            prepared: Default::default(),
        }
    }

    /// The same desk with its clock stopped at midday on `today` (tests, demonstrations).
    pub fn with_today(self, today: chrono::NaiveDate) -> Desk {
        self.with_clock(Clock::fixed_on(today))
    }

    /// The same desk with another clock; the archive it opens stamps its records by it too.
    pub fn with_clock(mut self, clock: Clock) -> Desk {
        let clock = set_back(clock, &self.set_back_ms);
        self.actor = Actor::current(&self.channel, clock.clone());
        self.clock = clock;
        self
    }

    /// Runs `step` with the desk's clock, and so its archive's, set back to midday on `day` (a day
    /// before today), then puts it right, even if the step fails: the demonstration board's cases are
    /// given their past through the same operations a chair uses, each stamped on its day.
    pub(crate) fn as_on<T>(
        &self,
        day: chrono::NaiveDate,
        step: impl FnOnce() -> Result<T, DeskError>,
    ) -> Result<T, DeskError> {
        struct Restore<'a>(&'a AtomicI64);
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                self.0.store(0, Ordering::SeqCst);
            }
        }
        self.set_back_ms.store(0, Ordering::SeqCst);
        let _restore = Restore(&self.set_back_ms);
        if day < self.today() {
            // Midday in UTC is the same date in England, in summer time or not.
            let midday = chrono::TimeZone::from_utc_datetime(
                &chrono::Utc,
                &day.and_hms_opt(12, 0, 0).unwrap_or_default(),
            );
            let back = (self.clock.now() - midday).num_milliseconds().max(0);
            self.set_back_ms.store(back, Ordering::SeqCst);
        }
        step()
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Now, for the letters (signing times, certificate validity).
    pub(crate) fn now(&self) -> UtcDateTime {
        UtcDateTime::from_chrono(self.clock.now())
    }

    /// Today in England: the date letters carry and working-day timers count from.
    pub(crate) fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// Whether this desk already holds the archive open (it never opens one to find out).
    pub(crate) fn archive_is_open(&self) -> Result<bool, DeskError> {
        Ok(self.lock()?.is_some())
    }

    /// The desk as the app and the CLI use it: the platform's real keyring, nothing else.
    pub fn with_system_keyring(data_dir: PathBuf, channel: &str) -> Desk {
        Desk::new(data_dir, Box::new(system_keyring), channel)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Opens the archive and says which board it belongs to. Never creates one: a folder without
    /// an archive is `archive.not_found`, and nothing is written there.
    pub fn status(&self) -> Result<AppStatus, DeskError> {
        self.with_archive(|archive| self.status_of(archive))
    }

    /// Creates the archive when the folder has none; otherwise opens it as usual. The key made
    /// with a new archive is not shown here (the app shows one once the board is named).
    pub(crate) fn open_or_create(&self) -> Result<(), DeskError> {
        let mut slot = self.lock()?;
        if slot.is_none() {
            let (mut archive, opened) = self
                .keystore()
                .and_then(|keystore| {
                    // After the keyring answers: without one, not even the folder is made.
                    self.hold_folder(true)?;
                    Ok(Archive::open_or_create(
                        &self.data_dir,
                        keystore.as_ref(),
                        &self.actor,
                    )?)
                })
                .map_err(|error| self.locked_if_recoverable(error))?;
            if matches!(opened, OpenedAs::Created { .. }) {
                archive.mark_recovery_key_unseen()?;
            }
            *slot = Some(archive);
        }
        Ok(())
    }

    /// Creates the archive for a script: refuses when one exists; returns the recovery key.
    pub fn init(&self, profile: BoardProfile) -> Result<(AppStatus, RecoveryKey), DeskError> {
        let profile = BoardProfile::validated(&profile.name, &profile.area)?;
        let keystore = self.keystore()?;
        self.hold_folder(true)?;
        if directory_state(&self.data_dir) != DirectoryState::Empty {
            return Err(ArchiveError::ArchiveExists {
                dir: self.data_dir.clone(),
            }
            .into());
        }
        let (mut archive, opened) = Archive::open_or_create(&self.data_dir, keystore.as_ref(), &self.actor)?;
        let OpenedAs::Created { recovery_key } = opened else {
            return Err(ArchiveError::ArchiveExists {
                dir: self.data_dir.clone(),
            }
            .into());
        };
        archive.save_board_profile(&profile)?;
        // The key is printed to the person who ran init: that is its one showing.
        archive.confirm_recovery_key()?;
        let status = self.status_of(&archive)?;
        *self.lock()? = Some(archive);
        Ok((status, recovery_key))
    }

    pub fn save_board_profile(&self, input: BoardProfile) -> Result<BoardProfile, DeskError> {
        let profile = BoardProfile::validated(&input.name, &input.area)?;
        self.with_archive(|archive| {
            archive.save_board_profile(&profile)?;
            Ok(profile)
        })
    }

    /// A new recovery key for the chair to keep; it replaces any earlier one, and the archive
    /// gets a new data key with it. A passphrase, if set, is kept only if it is given again.
    pub fn issue_recovery_key(&self, passphrase: Option<&str>) -> Result<IssuedRecoveryKey, DeskError> {
        let keystore = self.keystore()?;
        self.with_rekeyed_archive(|archive| {
            let (key, passphrase) = archive.issue_recovery_key(keystore.as_ref(), passphrase)?;
            Ok(IssuedRecoveryKey {
                recovery_key: key.display().to_string(),
                passphrase: passphrase.into(),
            })
        })
    }

    pub fn confirm_recovery_key(&self) -> Result<AppStatus, DeskError> {
        self.with_archive(|archive| {
            archive.confirm_recovery_key()?;
            self.status_of(archive)
        })
    }

    /// Opens the archive with the recovery key when the keyring cannot, and renews the keyring.
    pub fn recover(&self, typed_key: &str) -> Result<AppStatus, DeskError> {
        let recovery_key = RecoveryKey::parse(typed_key)?;
        self.hold_folder(false)?;
        let keystore = self.keystore()?;
        let archive = Archive::recover(&self.data_dir, keystore.as_ref(), &recovery_key, &self.actor)?;
        let status = self.status_of(&archive)?;
        *self.lock()? = Some(archive);
        Ok(status)
    }

    pub fn unlock_with_passphrase(&self, passphrase: &str) -> Result<AppStatus, DeskError> {
        self.hold_folder(false)?;
        let keystore = self.keystore()?;
        let archive =
            Archive::unlock_with_passphrase(&self.data_dir, keystore.as_ref(), passphrase, &self.actor)?;
        let status = self.status_of(&archive)?;
        *self.lock()? = Some(archive);
        Ok(status)
    }

    /// Lets a passphrase open the archive too. Replacing one re-keys the archive, and the new
    /// recovery key that comes with it is returned to be shown once.
    pub fn set_passphrase(&self, passphrase: &str) -> Result<Option<IssuedRecoveryKey>, DeskError> {
        let keystore = self.keystore()?;
        self.with_rekeyed_archive(|archive| {
            Ok(archive
                .set_passphrase(keystore.as_ref(), passphrase)?
                .map(|key| IssuedRecoveryKey {
                    recovery_key: key.display().to_string(),
                    passphrase: PassphraseKept::Kept,
                }))
        })
    }

    /// Like `with_archive`, for the steps that swap the archive's files: if one fails part-way,
    /// the archive is closed, and the next use opens whichever consistent pair is on disk.
    fn with_rekeyed_archive<T>(
        &self,
        action: impl FnOnce(&mut Archive) -> Result<T, DeskError>,
    ) -> Result<T, DeskError> {
        let result = self.with_archive(action);
        if result.is_err() {
            *self.lock()? = None;
        }
        result
    }

    pub fn check(&self) -> Result<IntegrityReport, DeskError> {
        self.with_archive(|archive| Ok(IntegrityReport::from(&archive.check()?)))
    }

    pub fn backup(&self, path: &Path, passphrase: Option<&str>) -> Result<BackupSummary, DeskError> {
        self.with_archive(|archive| Ok(archive.backup(path, passphrase)?))
    }

    /// Restores a backup into this desk's data directory (see [`Archive::restore`]).
    pub fn restore(
        &self,
        backup: &Path,
        unlock: BackupUnlock<'_>,
        replace_existing: bool,
    ) -> Result<AppStatus, DeskError> {
        self.hold_folder(false)?;
        let keystore = self.keystore()?;
        let mut slot = self.lock()?;
        *slot = None;
        let archive = Archive::restore(
            backup,
            &self.data_dir,
            keystore.as_ref(),
            unlock,
            replace_existing,
            &self.actor,
        )?;
        let status = self.status_of(&archive)?;
        *slot = Some(archive);
        Ok(status)
    }

    /// A backup into the user's documents folder, named by the time; for the app's button.
    pub fn backup_to_documents(&self) -> Result<BackupMade, DeskError> {
        let folder = documents_folder("SCR Decision Desk backups")?;
        let stamp = self.clock.stamp().replace([':', '.'], "-");
        let summary = self.backup(&folder.join(format!("scr-desk-backup-{stamp}.scrbackup")), None)?;
        Ok(BackupMade {
            path: summary.path.display().to_string(),
            bytes: summary.bytes,
        })
    }

    pub fn export(&self, dir: &Path) -> Result<ExportSummary, DeskError> {
        self.with_archive(|archive| Ok(archive.export(dir)?))
    }

    pub(crate) fn status_of(&self, archive: &Archive) -> Result<AppStatus, DeskError> {
        Ok(AppStatus {
            version: crate::VERSION.to_owned(),
            data_dir: self.data_dir.display().to_string(),
            board: archive.board_profile()?,
            recovery_key_confirmed: archive.recovery_key_confirmed()?,
            passphrase_set: archive.has_passphrase(),
        })
    }

    pub(crate) fn keystore(&self) -> Result<Box<dyn KeyStore>, DeskError> {
        Ok((self.connect_keystore)().map_err(ArchiveError::from)?)
    }

    pub(crate) fn with_archive<T>(
        &self,
        action: impl FnOnce(&mut Archive) -> Result<T, DeskError>,
    ) -> Result<T, DeskError> {
        let mut slot = self.lock()?;
        if slot.is_none() {
            // Only explicit commands create an archive; a mistyped folder must not become one.
            if directory_state(&self.data_dir) == DirectoryState::Empty {
                return Err(ArchiveError::NoArchive {
                    dir: self.data_dir.clone(),
                }
                .into());
            }
            self.hold_folder(false)?;
            let archive = self
                .keystore()
                .and_then(|keystore| Ok(Archive::open(&self.data_dir, keystore.as_ref(), &self.actor)?))
                .map_err(|error| self.locked_if_recoverable(error))?;
            *slot = Some(archive);
        }
        match slot.as_mut() {
            Some(archive) => action(archive),
            None => Err(DeskError::Poisoned),
        }
    }

    /// When an archive is there but the keyring cannot open it, say so: the UI then offers the
    /// recovery key instead of only "try again".
    fn locked_if_recoverable(&self, error: DeskError) -> DeskError {
        let keyring_trouble = matches!(
            error,
            DeskError::Archive(
                ArchiveError::Keyring(_)
                    | ArchiveError::KeyringEntryMissing
                    | ArchiveError::KeyringBackendChanged { .. }
                    | ArchiveError::WrongKeyOrDamaged
            )
        );
        match error {
            DeskError::Archive(source)
                if keyring_trouble && directory_state(&self.data_dir) == DirectoryState::Complete =>
            {
                DeskError::Locked { source }
            }
            other => other,
        }
    }

    fn lock(&self) -> Result<MutexGuard<'_, Option<Archive>>, DeskError> {
        Ok(self.lock_taking_kept()?.0)
    }

    /// Takes the archive folder's lock the first time this desk opens or makes an archive, and
    /// keeps it for as long as the desk lives, through idle closes and reopenings: no other
    /// process works in the folder meanwhile (see [`FolderLock`]). `create` makes the folder
    /// when there is none (for the operations that may make an archive); otherwise a missing
    /// folder has nothing in it to lock.
    fn hold_folder(&self, create: bool) -> Result<(), DeskError> {
        let mut held = self.folder_lock.lock().map_err(|_| DeskError::Poisoned)?;
        if held.is_none() {
            *held = if create {
                Some(FolderLock::take_creating(&self.data_dir)?)
            } else {
                FolderLock::take(&self.data_dir)?
            };
        }
        Ok(())
    }
}

/// A folder of ours inside the user's Documents folder (their home when there is none), created
/// if need be: where the app's buttons put the files they write, as no file dialog is offered.
pub(crate) fn documents_folder(name: &str) -> Result<PathBuf, DeskError> {
    let folder = directories::UserDirs::new()
        .and_then(|dirs| {
            dirs.document_dir()
                .map(Path::to_owned)
                .or_else(|| Some(dirs.home_dir().to_owned()))
        })
        .ok_or(DeskError::NoDataDir)?
        .join(name);
    std::fs::create_dir_all(&folder).map_err(|source| DeskError::FileNotWritten {
        path: folder.clone(),
        source,
    })?;
    Ok(folder)
}

/// Checks a backup file without a desk or an archive (nothing is opened in place).
pub fn verify_backup(path: &Path, unlock: BackupUnlock<'_>) -> Result<BackupReport, DeskError> {
    Ok(scr_archive::verify_backup(path, unlock)?)
}

/// `clock`, read `set_back_ms` milliseconds behind.
fn set_back(clock: Clock, set_back_ms: &Arc<AtomicI64>) -> Clock {
    let set_back_ms = Arc::clone(set_back_ms);
    Clock::from_fn(move || clock.now() - chrono::Duration::milliseconds(set_back_ms.load(Ordering::SeqCst)))
}

/// The computer's clock: the only place the app reads the time.
fn system_clock() -> Clock {
    Clock::from_fn(chrono::Utc::now)
}

fn system_keyring() -> Result<Box<dyn KeyStore>, KeyringError> {
    SystemKeyring::connect().map(|keyring| Box::new(keyring) as Box<dyn KeyStore>)
}
