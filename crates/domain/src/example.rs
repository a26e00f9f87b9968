//! A fictional case that passes every check: Child T of Anytown, decided under Working Together
//! 2015 (the sample letter in `crates/letters/src/sample.rs` tells the same story). For the
//! demonstration board, and for tests in every crate. Nothing here is real.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::case::{
    Address, CaseSummary, FamilyMember, FamilyPlan, ParallelProcess, ParallelProcessKind, ParallelProcesses,
    ProcessStatus, RestrictedAnnex,
};
use crate::decision::{
    AdviceRecord, Assessment, CriterionAnswer, DecisionChoice, DecisionDraft, PlannedNotification,
    ReviewPlan, TriggerAnswer,
};
use crate::framework::{DecisionKind, Framework};

/// A date written as `YYYY-MM-DD`; the examples only use valid ones.
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| panic!("example date {text} is valid"))
}

/// A board member in post since 1 April 2024: a voting police Designated Safeguarding Lead who
/// takes letters by email.
pub fn member(name: &str, email: &str) -> crate::register::MemberDetails {
    crate::register::MemberDetails {
        name: name.into(),
        role: "Designated Safeguarding Lead".into(),
        agency: "Police".into(),
        email: email.into(),
        phone: None,
        term_start: date("2024-04-01"),
        term_end: None,
        voting: crate::register::Voting::Voting,
        receives_letters: true,
        channel: crate::register::Channel::Email,
        notes: String::new(),
    }
}

pub const RATIONALE: &str = "I have decided to commission a Serious Case Review because the statutory \
criteria are met: abuse is suspected, Child T was seriously harmed, and there is cause for concern about how \
the health visiting service, the school and children's social care shared information in the weeks before the \
incident. The likely learning is significant and builds on our 2014 review of neglect. Resources are available \
within the board's budget. Practitioners will be supported through the process; the family will be told by the \
allocated social worker and offered the chance to contribute. The police investigation is running alongside and \
we will liaise with the senior investigating officer. There is local media interest, which I have not allowed to \
weigh on the decision; public trust requires that we learn openly.";

pub fn annex() -> RestrictedAnnex {
    RestrictedAnnex {
        child_given_names: Some("Tyler".into()),
        child_family_name: Some("Blackwood".into()),
        child_other_names: vec![],
        date_of_birth: Some(date("2014-06-09")),
        address: Some(Address {
            lines: vec!["7 Mill Lane".into()],
            town: Some("Anytown".into()),
            postcode: Some("AN1 4XY".into()),
        }),
        family_members: vec![FamilyMember {
            name: Some("Dana Blackwood".into()),
            relationship: Some("mother".into()),
            date_of_birth: None,
            notes: None,
        }],
        notes: None,
    }
}

pub fn case() -> CaseSummary {
    CaseSummary {
        reference: Some("SCR-2016-004".into()),
        pseudonym: Some("Child T".into()),
        incident_date: Some(date("2016-03-14")),
        notification_date: Some(date("2016-03-17")),
        referral_date: Some(date("2016-03-18")),
        referring_agency: Some("Children's social care".into()),
        summary: Some(
            "Child T, aged one, was admitted to hospital with injuries thought to be non-accidental.".into(),
        ),
        parallel_processes: ParallelProcesses {
            none_known: false,
            items: vec![ParallelProcess {
                kind: ParallelProcessKind::PoliceInvestigation,
                status: ProcessStatus::UnderWay,
                description: Some("A police investigation into the injuries.".into()),
                liaison: Some(
                    "Practitioner conversations about 12 to 14 March deferred until the CPS agrees.".into(),
                ),
            }],
        },
        family_plan: Some(FamilyPlan {
            how: Some("A meeting at home, followed by a letter.".into()),
            when: Some("Within a week of the decision.".into()),
            planned_date: Some(date("2016-04-19")),
            by_whom: Some("The allocated social worker and the board manager".into()),
            language: Some("English".into()),
            interpreter_needed: Some(false),
            support: None,
        }),
    }
}

pub(crate) fn answer(assessment: Assessment, evidence: &str) -> CriterionAnswer {
    CriterionAnswer {
        assessment: Some(assessment),
        evidence: Some(evidence.into()),
    }
}

pub(crate) fn all_qm2(framework: &Framework) -> BTreeMap<String, String> {
    framework
        .qm2_factors
        .iter()
        .map(|f| (f.id.clone(), format!("Considered: {}.", f.label)))
        .collect()
}

/// A complete WT2015 draft: criteria met, an SCR decided.
pub fn wt2015_draft(framework: &Framework) -> DecisionDraft {
    let mut draft = DecisionDraft::new(framework);
    draft.criteria = [
        (
            "abuse_or_neglect",
            answer(Assessment::Met, "Injuries thought non-accidental."),
        ),
        ("child_died", answer(Assessment::NotMet, "Child T survived.")),
        (
            "seriously_harmed",
            answer(Assessment::Met, "Fractures needing surgery."),
        ),
        (
            "agency_concern",
            answer(Assessment::Met, "Information was not shared."),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    draft.triggers = framework
        .mandatory_triggers
        .iter()
        .map(|t| {
            (
                t.id.clone(),
                TriggerAnswer {
                    applies: Some(false),
                    note: None,
                },
            )
        })
        .collect();
    draft.advice = Some(AdviceRecord {
        date: Some(date("2016-03-29")),
        recommendation: Some(DecisionKind::Review),
        summary: Some("The sub-group found the criteria met and recommended an SCR.".into()),
    });
    draft.qm2 = all_qm2(framework);
    draft.decision = Some(DecisionChoice {
        kind: DecisionKind::Review,
        alternative_type: None,
    });
    draft.decision_date = Some(date("2016-04-12"));
    draft.review_plan = Some(ReviewPlan {
        scope: Some("The six months before the incident; health, school, social care and police.".into()),
        methodology: Some("A systems methodology led by an independent reviewer.".into()),
        lead_reviewer: Some("An independent reviewer".into()),
        expected_completion: Some(date("2016-10-12")),
    });
    draft.rationale = Some(RATIONALE.into());
    draft.notifications = framework
        .national_notifications
        .iter()
        .filter(|n| n.on_decision.contains(&DecisionKind::Review))
        .map(|n| PlannedNotification {
            notification_id: n.id.clone(),
            recipient: n.recipient.clone(),
            planned_date: Some(date("2016-04-12")),
            note: None,
        })
        .collect();
    draft
}
