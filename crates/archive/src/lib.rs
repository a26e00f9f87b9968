//! The encrypted archive: one SQLCipher database whose key never touches the disk unwrapped.
#![forbid(unsafe_code)]

mod archive;
mod database;
mod error;
mod header;
mod keys;
mod keystore;
mod migrations;

pub use archive::{Archive, OpenedAs, DATABASE_FILE, HEADER_FILE};
pub use error::{ArchiveError, KeyringError};
pub use keystore::{KeyStore, SystemKeyring};
