//! The facade. It opens the archive lazily, so that a keyring that was unavailable at start-up
//! can be retried from the same window without restarting the app.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use ts_rs::TS;

use scr_archive::{Archive, KeyStore, KeyringError, SystemKeyring};
use scr_domain::board::BoardProfile;

use crate::DeskError;

/// Connects to a key store on demand. The app passes the system keyring; tests may pass a
/// store that fails, to exercise the error paths.
pub type KeyStoreConnector = Box<dyn Fn() -> Result<Box<dyn KeyStore>, KeyringError> + Send + Sync>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub version: String,
    pub data_dir: String,
    pub board: Option<BoardProfile>,
}

pub struct Desk {
    data_dir: PathBuf,
    connect_keystore: KeyStoreConnector,
    archive: Mutex<Option<Archive>>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk").field("data_dir", &self.data_dir).finish()
    }
}

impl Desk {
    pub fn new(data_dir: PathBuf, connect_keystore: KeyStoreConnector) -> Desk {
        Desk {
            data_dir,
            connect_keystore,
            archive: Mutex::new(None),
        }
    }

    /// The desk as the app and the CLI use it: the platform's real keyring, nothing else.
    pub fn with_system_keyring(data_dir: PathBuf) -> Desk {
        Desk::new(
            data_dir,
            Box::new(|| SystemKeyring::connect().map(|keyring| Box::new(keyring) as Box<dyn KeyStore>)),
        )
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Opens (on first run, creates) the archive and says what the app should show.
    pub fn status(&self) -> Result<AppStatus, DeskError> {
        self.with_archive(|archive| {
            Ok(AppStatus {
                version: crate::VERSION.to_owned(),
                data_dir: self.data_dir.display().to_string(),
                board: archive.board_profile()?,
            })
        })
    }

    pub fn save_board_profile(&self, input: BoardProfile) -> Result<BoardProfile, DeskError> {
        let profile = BoardProfile::validated(&input.name, &input.area)?;
        self.with_archive(|archive| {
            archive.save_board_profile(&profile)?;
            Ok(profile)
        })
    }

    fn with_archive<T>(
        &self,
        action: impl FnOnce(&mut Archive) -> Result<T, DeskError>,
    ) -> Result<T, DeskError> {
        let mut slot = self.lock()?;
        if slot.is_none() {
            let keystore = (self.connect_keystore)().map_err(scr_archive::ArchiveError::from)?;
            let (archive, _) = Archive::open_or_create(&self.data_dir, keystore.as_ref())?;
            *slot = Some(archive);
        }
        match slot.as_mut() {
            Some(archive) => action(archive),
            None => Err(DeskError::Poisoned),
        }
    }

    fn lock(&self) -> Result<MutexGuard<'_, Option<Archive>>, DeskError> {
        self.archive.lock().map_err(|_| DeskError::Poisoned)
    }
}
