//! The rules of SCR Decision Desk, free of I/O so that every one of them can be tested alone.
#![forbid(unsafe_code)]

pub mod board;
mod error;
pub mod text;

pub use error::{DomainError, FieldProblem};
