//! The rules of SCR Decision Desk, free of I/O so that every one of them can be tested alone.
//!
//! - [`framework`]: statutory frameworks as versioned data, and the registry of them.
//! - [`calendar`]: working days in England.
//! - [`case`]: the board-facing case and the restricted annex.
//! - [`decision`]: the decision draft the wizard fills in page by page.
//! - [`checks`]: completeness and consistency findings for the check-your-answers page.
//! - [`annex_scan`]: finding restricted-annex details in board-facing text.
//! - [`timers`]: the framework's timers for a case on a given day.
//! - [`milestones`]: what happens after the decision (review started, notifications sent, ...).
//! - [`obligations`]: what is owed on each case, and by when.
//! - [`qm3`]: the Quality Marker 3 report for a period.
//! - [`finalise`]: the immutable, hashed, versioned decision.
//! - [`notices`]: what an update or an outcome letter needs beyond the decision.
//! - [`register`]: the board's members and who they were on any date; importing a spreadsheet.
//! - [`retention`]: the retention schedule, legal holds, what is due, disposal certificates.
//! - [`text`]: small helpers for words shown to people.
#![forbid(unsafe_code)]

pub mod annex_scan;
mod bindings;
pub mod board;
pub mod calendar;
pub mod case;
pub mod checks;
pub mod clock;
pub mod decision;
pub mod delivery;
mod error;
pub mod example;
pub mod finalise;
pub mod framework;
pub mod letter_kind;
pub mod mail_security;
pub mod milestones;
pub mod notices;
pub mod obligations;
pub mod qm3;
pub mod register;
pub mod retention;
pub mod signature_integrity;
pub mod text;
pub mod timers;
pub mod wizard;

pub use bindings::{binding, typescript_bindings};
pub use error::{DomainError, FieldProblem};
