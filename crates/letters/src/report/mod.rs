//! Reports in the letters' style: the same letterhead, fonts, page furniture, tagging, PDF/A and
//! signature block, with bar charts drawn as vector graphics ([`Chart`]).
//!
//! - `chart.rs`: what a chart is (the layout draws it).
//! - `qm3.rs`: the Quality Marker 3 report as a document.

mod chart;
mod qm3;

pub use chart::{Bar, Chart, Swatch};
pub use qm3::{qm3_document, Qm3Board};
