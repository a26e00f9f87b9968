//! Fuzzing of every reader of files SCR Decision Desk did not write: letters to
//! verify, CSV and `.xlsx` rosters, backups, the archive header, framework files, the board's
//! retention schedule and logos.
//!
//! Inputs come from proptest strategies on the stable toolchain: random bytes, real inputs
//! (`seeds`) with byte-level edits (`mutate`), and edits that know the format (`formats`).
//! `cargo test -p scr-fuzz` runs a quick slice of each parser; `scripts/fuzz.sh` runs the long
//! campaign on an optimised build with overflow checks and prints, per parser, the inputs run,
//! the panics, the slowest input and the peak memory.

pub mod campaign;
pub mod formats;
pub mod mutate;
pub mod parsers;
pub mod seeds;

pub use campaign::{run, Report};
pub use parsers::{Parser, Target};
