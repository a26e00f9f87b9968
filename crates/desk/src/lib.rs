//! The use cases of SCR Decision Desk. The desktop app, the command line and the tests all go
//! through [`Desk`]; nothing here knows about windows or IPC.
#![forbid(unsafe_code)]

mod data_dir;
mod desk;
mod error;
mod integrity;
pub mod ipc;
mod logo;
mod register;
pub mod spreadsheet;

pub use data_dir::{resolve_data_dir, DATA_DIR_ENV};
pub use desk::{verify_backup, AppStatus, BackupMade, Desk, IssuedRecoveryKey, KeyStoreConnector};
pub use error::{DeskError, ErrorCode};
pub use integrity::IntegrityReport;
pub use logo::LogoView;
pub use register::{
    today, ExportFormat, FileUpload, ImportDone, ImportPreviewView, MemberRecord, RegisterExported,
    RegisterView, SettingsView,
};
pub use scr_archive::{
    BackupReport, BackupSummary, BackupUnlock, ExportSummary, KeyStore, KeyringError, RecoveryKey,
    SystemKeyring,
};
pub use scr_domain::board::BoardProfile;

/// The product's version, as the CLI and the About page show it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
