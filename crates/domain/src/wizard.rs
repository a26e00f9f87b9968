//! The decision wizard's shape for a case: its pages in order, and the rule a rationale must meet.
//! The case view carries both, so that the app shows them and decides neither.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checks::{WizardPage, MIN_RATIONALE_CHARS, MIN_RATIONALE_WORDS};
use crate::decision::DecisionDraft;
use crate::framework::{DecisionKind, DecisionMakerKind, Framework, NationalNotification};

/// One page of the wizard: the criterion, trigger or factor id for pages that repeat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PageRef {
    pub page: WizardPage,
    pub item: Option<String>,
}

/// What a rationale must have to count as full and explicit (see [`crate::checks`]): both
/// numbers, counted as the checks count them (words with a letter or digit; characters, not
/// bytes or UTF-16 units, of the trimmed text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RationaleRule {
    pub min_words: u32,
    pub min_chars: u32,
}

pub const RATIONALE_RULE: RationaleRule = RationaleRule {
    min_words: MIN_RATIONALE_WORDS as u32,
    min_chars: MIN_RATIONALE_CHARS as u32,
};

/// Whether the decision as drafted is a review of some kind, which needs a plan.
pub fn reviewing(draft: &DecisionDraft) -> bool {
    matches!(
        draft.kind(),
        Some(DecisionKind::Review | DecisionKind::AlternativeReview)
    )
}

/// The national notifications the decision as drafted calls for.
pub fn notifications_for<'f>(
    framework: &'f Framework,
    draft: &DecisionDraft,
) -> Vec<&'f NationalNotification> {
    let Some(kind) = draft.kind() else {
        return Vec::new();
    };
    framework
        .national_notifications
        .iter()
        .filter(|n| n.on_decision.contains(&kind))
        .collect()
}

/// Every page, in order, for this framework and the decision as drafted so far: the order the
/// checks use, so a finding's location leads straight to its page.
pub fn wizard_pages(framework: &Framework, draft: &DecisionDraft) -> Vec<PageRef> {
    let single = |page| PageRef { page, item: None };
    let each = |page, id: &str| PageRef {
        page,
        item: Some(id.to_owned()),
    };
    let mut pages = vec![single(WizardPage::CaseDetails)];
    pages.extend(
        framework
            .criteria
            .iter()
            .map(|c| each(WizardPage::Criterion, &c.id)),
    );
    pages.extend(
        framework
            .mandatory_triggers
            .iter()
            .map(|t| each(WizardPage::Trigger, &t.id)),
    );
    pages.push(single(WizardPage::Advice));
    pages.extend(
        framework
            .qm2_factors
            .iter()
            .map(|f| each(WizardPage::Qm2Factor, &f.id)),
    );
    pages.extend([
        single(WizardPage::ParallelProcesses),
        single(WizardPage::Family),
        single(WizardPage::Decision),
    ]);
    if reviewing(draft) {
        pages.push(single(WizardPage::ReviewPlan));
    }
    pages.push(single(WizardPage::Rationale));
    if !notifications_for(framework, draft).is_empty() {
        pages.push(single(WizardPage::Notifications));
    }
    if framework.decision_maker.model == DecisionMakerKind::Joint {
        pages.push(single(WizardPage::SignOffs));
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::DecisionChoice;
    use crate::framework::FrameworkRegistry;

    fn pages_of(framework: &Framework, kind: Option<DecisionKind>) -> Vec<WizardPage> {
        let mut draft = DecisionDraft::new(framework);
        draft.decision = kind.map(|kind| DecisionChoice {
            kind,
            alternative_type: None,
        });
        let mut pages: Vec<WizardPage> = wizard_pages(framework, &draft)
            .into_iter()
            .map(|p| p.page)
            .collect();
        pages.dedup();
        pages
    }

    #[test]
    fn the_pages_follow_the_framework_and_the_decision_drafted() {
        use WizardPage::*;
        let registry = FrameworkRegistry::with_builtins();
        let scr = registry.default_framework();
        // Every decision starts with the assessment, in this order.
        let assessment = [
            CaseDetails,
            Criterion,
            Trigger,
            Advice,
            Qm2Factor,
            ParallelProcesses,
            Family,
            Decision,
        ];
        let after = |tail: &[WizardPage]| [assessment.as_slice(), tail].concat();
        assert_eq!(pages_of(scr, None), after(&[Rationale]));
        assert_eq!(
            pages_of(scr, Some(DecisionKind::Review)),
            after(&[ReviewPlan, Rationale, Notifications])
        );
        let joint = registry
            .frameworks()
            .find(|f| f.decision_maker.model == DecisionMakerKind::Joint)
            .expect("a joint framework");
        assert_eq!(
            pages_of(joint, Some(DecisionKind::NoReview)).last(),
            Some(&SignOffs)
        );
        // Repeating pages carry their item, in the framework's order.
        let criteria: Vec<Option<String>> = wizard_pages(scr, &DecisionDraft::new(scr))
            .into_iter()
            .filter(|p| p.page == Criterion)
            .map(|p| p.item)
            .collect();
        let expected: Vec<Option<String>> = scr.criteria.iter().map(|c| Some(c.id.clone())).collect();
        assert_eq!(criteria, expected);
    }
}
