//! Statutory frameworks as versioned data: criteria, the logic that combines them, mandatory
//! triggers, decision options, the decision-maker model, timers and national notifications.
//!
//! The built-in frameworks are TOML files in `crates/domain/frameworks/`, embedded in the binary.
//! A board may add its own with [`Framework::from_toml_str`] or [`FrameworkRegistry::add_toml`];
//! a file that cannot be used is refused with its name, the line and column, and the reason.
//!
//! - `model.rs`: what a framework file says, and how its criteria combine into an outcome.
//! - `validation.rs`: reading a file and checking that every id it refers to exists, with the
//!   line of each mistake.
//! - `registry.rs`: the frameworks available: the built-in ones and the board's own.

mod model;
mod registry;
#[cfg(test)]
mod tests;
mod validation;

pub use model::{
    AdviceStep, AlternativeReviewType, CaseEvent, CriteriaEffect, Criterion, DecisionKind, DecisionMakerKind,
    DecisionMakerModel, DecisionOption, Framework, FrameworkSummary, Logic, MandatoryTrigger,
    NationalNotification, Outcome, Qm2Factor, Role, Terminology, Timer, TimerDirection, TimerUnit,
};
pub use registry::FrameworkRegistry;

/// The framework a new case uses unless the board chooses another.
pub const DEFAULT_FRAMEWORK_ID: &str = "wt2015-scr";

/// The built-in framework files: (file name, text).
pub const BUILTIN_FRAMEWORKS: [(&str, &str); 3] = [
    (
        "wt2015-scr.toml",
        include_str!("../../frameworks/wt2015-scr.toml"),
    ),
    (
        "wt2018-lcspr.toml",
        include_str!("../../frameworks/wt2018-lcspr.toml"),
    ),
    (
        "wt2023-lcspr.toml",
        include_str!("../../frameworks/wt2023-lcspr.toml"),
    ),
];
