//! The few facts of a finalised decision that the overviews use (the home page's obligations,
//! the cases list's deadlines, the QM3 report, retention), read from its stored text without the
//! rest: the rationale, the criteria and their evidence, the checks' findings. Twenty years of
//! cases hold a thousand decisions; reading each whole (about 3.6 KB of text, parsed into strings
//! and maps) was a third of the first home page's time, and their copies were kept in memory.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{sha256_hex, tampered, FinalisedDecision};
use crate::decision::{DecisionChoice, PlannedNotification};
use crate::framework::DecisionKind;
use crate::DomainError;

/// What the overviews read of a finalised decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionOutline {
    pub framework_id: String,
    pub framework_version: String,
    pub choice: Option<DecisionChoice>,
    pub decision_date: Option<NaiveDate>,
    /// When the review decided on is expected to be complete.
    pub expected_completion: Option<NaiveDate>,
    pub notifications: Vec<PlannedNotification>,
}

impl DecisionOutline {
    /// The outline of a stored decision, for an overview of many: the text must hash to
    /// `content_hash`, but is not serialised again to prove it is in canonical form, and the
    /// fields not named here are skipped unread. The hash was made from the canonical text when
    /// the decision was finalised, so a text that still matches it is that text; whoever could
    /// write another text and its hash could as well write it in canonical form. Letters and
    /// exports, which carry the hash on to others, read through the full check of
    /// [`FinalisedDecision::from_canonical`].
    pub fn from_stored(canonical: &str, content_hash: &str) -> Result<DecisionOutline, DomainError> {
        if !sha256_hex(canonical).eq_ignore_ascii_case(content_hash) {
            return Err(tampered("the text does not match its content hash".into()));
        }
        let stored: StoredRecord =
            serde_json::from_str(canonical).map_err(|error| tampered(error.to_string()))?;
        let draft = stored.decision;
        Ok(DecisionOutline {
            framework_id: stored.framework_id,
            framework_version: stored.framework_version,
            choice: draft.decision,
            decision_date: draft.decision_date,
            expected_completion: draft.review_plan.and_then(|plan| plan.expected_completion),
            notifications: draft.notifications,
        })
    }

    /// The outline of a decision already read whole.
    pub fn of(decision: &FinalisedDecision) -> DecisionOutline {
        let record = &decision.record;
        let draft = &record.decision;
        DecisionOutline {
            framework_id: record.framework_id.clone(),
            framework_version: record.framework_version.clone(),
            choice: draft.decision.clone(),
            decision_date: draft.decision_date,
            expected_completion: draft
                .review_plan
                .as_ref()
                .and_then(|plan| plan.expected_completion),
            notifications: draft.notifications.clone(),
        }
    }

    /// The kind of review decided on (none while the decision names none).
    pub fn kind(&self) -> Option<DecisionKind> {
        self.choice.as_ref().map(|choice| choice.kind)
    }
}

// The stored text's names (snake_case, `snake_fields`), for the fields read; serde skips the
// others without keeping them. `DecisionChoice` and `PlannedNotification` are small and read whole.

#[derive(Deserialize)]
struct StoredRecord {
    framework_id: String,
    framework_version: String,
    decision: StoredDraft,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StoredDraft {
    decision: Option<DecisionChoice>,
    decision_date: Option<NaiveDate>,
    review_plan: Option<StoredPlan>,
    notifications: Vec<PlannedNotification>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StoredPlan {
    expected_completion: Option<NaiveDate>,
}
