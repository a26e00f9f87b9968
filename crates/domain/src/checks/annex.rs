//! No restricted-annex detail in any text meant for the board: every piece of free text in the
//! case and the draft that may reach a letter is scanned, and a finding names the field and the
//! kind of detail, never the detail itself.

use std::collections::BTreeSet;

use crate::annex_scan::{AnnexSource, RestrictedDetail};
use crate::case::CaseSummary;
use crate::decision::DecisionDraft;
use crate::framework::Framework;

use super::{loc, Checker, FieldRef, FindingCode, WizardPage};

impl Checker<'_> {
    pub(super) fn annex(&mut self, annex: &impl AnnexSource) {
        let scanner = annex.scanner();
        if scanner.is_empty() {
            return;
        }
        for text in board_texts(self.case, self.draft, self.framework) {
            let found = scanner.find(text.text);
            if found.is_empty() {
                continue;
            }
            self.push(
                FindingCode::AnnexLeak,
                true,
                text.location,
                format!(
                    "{} includes {} from the restricted annex. Use the pseudonym or a role (such as \"the mother\") instead: letters go to every board member",
                    capitalise(&text.label),
                    describe(&found)
                ),
            );
        }
    }
}

fn describe(found: &BTreeSet<RestrictedDetail>) -> String {
    crate::annex_scan::describe(&found.iter().copied().collect::<Vec<_>>())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One piece of text meant for the board, with where it is entered and how to name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardText<'a> {
    pub location: FieldRef,
    pub label: String,
    pub text: &'a str,
}

/// Every piece of free text in the case and the draft that may reach the board.
pub fn board_texts<'a>(
    case: &'a CaseSummary,
    draft: &'a DecisionDraft,
    framework: &Framework,
) -> Vec<BoardText<'a>> {
    let mut out = Vec::new();
    let mut put = |location: FieldRef, label: String, text: Option<&'a str>| {
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            out.push(BoardText {
                location,
                label,
                text,
            });
        }
    };
    let cd = WizardPage::CaseDetails;
    put(
        loc(cd, None, "reference"),
        "the case reference".into(),
        case.reference.as_deref(),
    );
    put(
        loc(cd, None, "pseudonym"),
        "the pseudonym".into(),
        case.pseudonym.as_deref(),
    );
    put(
        loc(cd, None, "referring_agency"),
        "the referring agency".into(),
        case.referring_agency.as_deref(),
    );
    put(
        loc(cd, None, "summary"),
        "the case summary".into(),
        case.summary.as_deref(),
    );
    for (index, process) in case.parallel_processes.items.iter().enumerate() {
        let item = index.to_string();
        let what = process.kind.label().to_lowercase();
        put(
            loc(WizardPage::ParallelProcesses, Some(&item), "description"),
            format!("the description of the {what}"),
            process.description.as_deref(),
        );
        put(
            loc(WizardPage::ParallelProcesses, Some(&item), "liaison"),
            format!("the liaison planned with the {what}"),
            process.liaison.as_deref(),
        );
    }
    if let Some(plan) = &case.family_plan {
        let fp = WizardPage::Family;
        put(
            loc(fp, None, "how"),
            "how the family will be told".into(),
            plan.how.as_deref(),
        );
        put(
            loc(fp, None, "when"),
            "when the family will be told".into(),
            plan.when.as_deref(),
        );
        put(
            loc(fp, None, "by_whom"),
            "who will tell the family".into(),
            plan.by_whom.as_deref(),
        );
        put(
            loc(fp, None, "language"),
            "the family's language".into(),
            plan.language.as_deref(),
        );
        put(
            loc(fp, None, "support"),
            "the support for the family".into(),
            plan.support.as_deref(),
        );
    }
    for (id, answer) in &draft.criteria {
        let label = framework.criterion(id).map_or(id.as_str(), |c| c.label.as_str());
        put(
            loc(WizardPage::Criterion, Some(id), "evidence"),
            format!("the evidence for \"{label}\""),
            answer.evidence.as_deref(),
        );
    }
    for (id, answer) in &draft.triggers {
        let label = framework
            .mandatory_triggers
            .iter()
            .find(|t| t.id == *id)
            .map_or(id.as_str(), |t| t.label.as_str());
        put(
            loc(WizardPage::Trigger, Some(id), "note"),
            format!("the note on \"{label}\""),
            answer.note.as_deref(),
        );
    }
    if let Some(advice) = &draft.advice {
        put(
            loc(WizardPage::Advice, None, "summary"),
            format!("the summary of the {}", framework.advice.label),
            advice.summary.as_deref(),
        );
    }
    for (id, note) in &draft.qm2 {
        let label = framework
            .qm2_factors
            .iter()
            .find(|f| f.id == *id)
            .map_or(id.as_str(), |f| f.label.as_str());
        put(
            loc(WizardPage::Qm2Factor, Some(id), "note"),
            format!("the note on \"{label}\""),
            Some(note.as_str()),
        );
    }
    if let Some(plan) = &draft.review_plan {
        let rp = WizardPage::ReviewPlan;
        put(
            loc(rp, None, "scope"),
            "the review's scope".into(),
            plan.scope.as_deref(),
        );
        put(
            loc(rp, None, "methodology"),
            "the review's methodology".into(),
            plan.methodology.as_deref(),
        );
        put(
            loc(rp, None, "lead_reviewer"),
            "the lead reviewer".into(),
            plan.lead_reviewer.as_deref(),
        );
    }
    put(
        loc(WizardPage::Rationale, None, "rationale"),
        "the rationale".into(),
        draft.rationale.as_deref(),
    );
    put(
        loc(WizardPage::Decision, None, "justification"),
        "the justification".into(),
        draft.justification.as_deref(),
    );
    for planned in &draft.notifications {
        put(
            loc(WizardPage::Notifications, Some(&planned.notification_id), "note"),
            format!("the note on the notification to {}", planned.recipient),
            planned.note.as_deref(),
        );
    }
    out
}
