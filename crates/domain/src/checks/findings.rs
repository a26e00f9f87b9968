//! What a finding is: a stable code, a message the chair can act on, the wizard page and field
//! that fixes it, and whether it blocks finalising.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable machine codes; the UI and the tests match on these, so a code never changes meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub enum FindingCode {
    #[serde(rename = "framework.mismatch")]
    FrameworkMismatch,
    #[serde(rename = "case.reference_missing")]
    CaseReferenceMissing,
    #[serde(rename = "case.pseudonym_missing")]
    CasePseudonymMissing,
    #[serde(rename = "case.incident_date_missing")]
    CaseIncidentDateMissing,
    #[serde(rename = "case.notification_date_missing")]
    CaseNotificationDateMissing,
    #[serde(rename = "case.referral_date_missing")]
    CaseReferralDateMissing,
    #[serde(rename = "case.referring_agency_missing")]
    CaseReferringAgencyMissing,
    #[serde(rename = "case.summary_missing")]
    CaseSummaryMissing,
    #[serde(rename = "dates.out_of_order")]
    DatesOutOfOrder,
    #[serde(rename = "criterion.unassessed")]
    CriterionUnassessed,
    #[serde(rename = "criterion.no_evidence")]
    CriterionNoEvidence,
    #[serde(rename = "trigger.unanswered")]
    TriggerUnanswered,
    #[serde(rename = "trigger.no_note")]
    TriggerNoNote,
    #[serde(rename = "subgroup.missing")]
    SubgroupMissing,
    #[serde(rename = "subgroup.incomplete")]
    SubgroupIncomplete,
    #[serde(rename = "qm2.unaddressed")]
    Qm2Unaddressed,
    #[serde(rename = "parallel.unrecorded")]
    ParallelUnrecorded,
    #[serde(rename = "parallel.liaison_missing")]
    ParallelLiaisonMissing,
    #[serde(rename = "parallel.inquest_expected")]
    ParallelInquestExpected,
    #[serde(rename = "family_plan.missing")]
    FamilyPlanMissing,
    #[serde(rename = "family_plan.incomplete")]
    FamilyPlanIncomplete,
    #[serde(rename = "decision.missing")]
    DecisionMissing,
    #[serde(rename = "decision.date_missing")]
    DecisionDateMissing,
    #[serde(rename = "decision.alternative_type_missing")]
    DecisionAlternativeTypeMissing,
    #[serde(rename = "decision.alternative_type_unknown")]
    DecisionAlternativeTypeUnknown,
    #[serde(rename = "decision.contradicts_framework")]
    DecisionContradictsFramework,
    #[serde(rename = "decision.departs_from_factors")]
    DecisionDepartsFromFactors,
    #[serde(rename = "decision.criteria_undetermined")]
    DecisionCriteriaUndetermined,
    #[serde(rename = "decision.differs_from_advice")]
    DecisionDiffersFromAdvice,
    #[serde(rename = "decision.late")]
    DecisionLate,
    #[serde(rename = "review.scope_missing")]
    ReviewScopeMissing,
    #[serde(rename = "review.methodology_missing")]
    ReviewMethodologyMissing,
    #[serde(rename = "review.completion_missing")]
    ReviewCompletionMissing,
    #[serde(rename = "review.completion_beyond_timescale")]
    ReviewCompletionBeyondTimescale,
    #[serde(rename = "rationale.missing")]
    RationaleMissing,
    #[serde(rename = "rationale.too_short")]
    RationaleTooShort,
    #[serde(rename = "notification.unplanned")]
    NotificationUnplanned,
    #[serde(rename = "notification.date_missing")]
    NotificationDateMissing,
    #[serde(rename = "notification.late")]
    NotificationLate,
    #[serde(rename = "partners.signoff_missing")]
    PartnersSignoffMissing,
    #[serde(rename = "annex.leak")]
    AnnexLeak,
}

impl FindingCode {
    /// The code as the UI and scripts see it, e.g. `criterion.no_evidence`.
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| format!("{self:?}"))
    }
}

/// The wizard's pages, in order; a finding links to the page that fixes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WizardPage {
    CaseDetails,
    Criterion,
    Trigger,
    Advice,
    Qm2Factor,
    ParallelProcesses,
    Family,
    Decision,
    ReviewPlan,
    Rationale,
    Notifications,
    SignOffs,
}

/// Where to fix a finding: the page, the item on it (a criterion, factor, role... id, or an
/// index into a list) and the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldRef {
    pub page: WizardPage,
    pub item: Option<String>,
    pub field: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Finding {
    pub code: FindingCode,
    pub message: String,
    pub location: FieldRef,
    /// Whether the decision cannot be finalised until this is fixed.
    pub blocks: bool,
}

/// Whether a set of findings allows finalising.
pub fn blocking(findings: &[Finding]) -> Vec<Finding> {
    findings.iter().filter(|f| f.blocks).cloned().collect()
}

pub(super) fn loc(page: WizardPage, item: Option<&str>, field: &str) -> FieldRef {
    FieldRef {
        page,
        item: item.map(str::to_owned),
        field: field.to_owned(),
    }
}
