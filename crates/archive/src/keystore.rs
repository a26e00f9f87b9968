//! The OS keyring, behind a small trait so that the archive can be tested against error paths.
//! Production code has exactly one implementation: the platform's real, persistent store.

use std::sync::Arc;

use keyring_core::{CredentialPersistence, CredentialStore, Error as StoreError};
use zeroize::Zeroizing;

use crate::KeyringError;

/// The service name under which every archive's key is filed in the keyring.
pub const KEYRING_SERVICE: &str = "SCR Decision Desk";

pub trait KeyStore: Send + Sync {
    /// A stable name for the backend, recorded in the archive header so a change is noticed.
    fn backend(&self) -> &'static str;
    fn read(&self, account: &str) -> Result<Option<Zeroizing<Vec<u8>>>, KeyringError>;
    fn write(&self, account: &str, secret: &[u8]) -> Result<(), KeyringError>;
    fn remove(&self, account: &str) -> Result<(), KeyringError>;
}

/// The platform's keyring: Secret Service on Linux and BSD, Keychain on macOS,
/// Credential Manager on Windows. There is deliberately no fallback to memory or files.
pub struct SystemKeyring {
    store: Arc<CredentialStore>,
}

impl std::fmt::Debug for SystemKeyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SystemKeyring")
            .field("backend", &platform::BACKEND)
            .finish()
    }
}

impl SystemKeyring {
    pub fn connect() -> Result<SystemKeyring, KeyringError> {
        let store = platform::store().map_err(classify)?;
        // A store that forgets on exit would lose the archive's key: refuse it outright.
        if !matches!(store.persistence(), CredentialPersistence::UntilDelete) {
            return Err(KeyringError::Failed(format!(
                "the keyring '{}' does not keep secrets permanently",
                store.vendor()
            )));
        }
        Ok(SystemKeyring { store })
    }

    fn entry(&self, account: &str) -> Result<keyring_core::Entry, KeyringError> {
        self.store.build(KEYRING_SERVICE, account, None).map_err(classify)
    }
}

impl KeyStore for SystemKeyring {
    fn backend(&self) -> &'static str {
        platform::BACKEND
    }

    fn read(&self, account: &str) -> Result<Option<Zeroizing<Vec<u8>>>, KeyringError> {
        match self.entry(account)?.get_secret() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(StoreError::NoEntry) => Ok(None),
            Err(error) => Err(classify(error)),
        }
    }

    fn write(&self, account: &str, secret: &[u8]) -> Result<(), KeyringError> {
        self.entry(account)?.set_secret(secret).map_err(classify)
    }

    fn remove(&self, account: &str) -> Result<(), KeyringError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(StoreError::NoEntry) => Ok(()),
            Err(error) => Err(classify(error)),
        }
    }
}

fn classify(error: StoreError) -> KeyringError {
    match error {
        StoreError::NoStorageAccess(cause) => KeyringError::Locked(cause.to_string()),
        StoreError::PlatformFailure(cause) => KeyringError::Unavailable(cause.to_string()),
        StoreError::NoDefaultStore => KeyringError::Unavailable(error.to_string()),
        other => KeyringError::Failed(other.to_string()),
    }
}

#[cfg(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android"))))]
mod platform {
    use super::*;
    pub const BACKEND: &str = "secret-service";
    pub fn store() -> keyring_core::Result<Arc<CredentialStore>> {
        Ok(zbus_secret_service_keyring_store::Store::new()?)
    }
}

#[cfg(target_os = "macos")]
mod platform {
    use super::*;
    pub const BACKEND: &str = "macos-keychain";
    pub fn store() -> keyring_core::Result<Arc<CredentialStore>> {
        Ok(apple_native_keyring_store::keychain::Store::new()?)
    }
}

#[cfg(target_os = "windows")]
mod platform {
    use super::*;
    pub const BACKEND: &str = "windows-credential-manager";
    pub fn store() -> keyring_core::Result<Arc<CredentialStore>> {
        Ok(windows_native_keyring_store::Store::new()?)
    }
}
