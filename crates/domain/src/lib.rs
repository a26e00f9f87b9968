//! The rules of SCR Decision Desk, free of I/O so that every one of them can be tested alone.
#![forbid(unsafe_code)]

pub mod board;
pub mod calendar;
pub mod checks;
mod error;
pub mod framework;

pub use error::{DomainError, FieldProblem};
