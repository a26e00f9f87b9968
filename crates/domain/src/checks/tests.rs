//! Every check, provoked and then fixed, on complete WT2015 and LCSPR fixtures.

use super::*;
use crate::case::{FamilyPlan, ParallelProcess, ParallelProcessKind, ProcessStatus};
use crate::decision::{
    AdviceRecord, Assessment, CriterionAnswer, DecisionChoice, PlannedNotification, ReviewPlan, SignOff,
    TriggerAnswer,
};
use crate::framework::{DecisionKind, FrameworkRegistry};

pub(crate) use crate::example::{all_qm2, annex, answer, case, date as d, wt2015_draft, RATIONALE};

/// A complete LCSPR draft: a serious child safeguarding case, factors met, an LCSPR decided,
/// all three partners signed off.
pub(crate) fn lcspr_draft(framework: &Framework) -> DecisionDraft {
    let mut draft = DecisionDraft::new(framework);
    draft.criteria = framework
        .criteria
        .iter()
        .map(|c| {
            let assessment = if c.id == "child_died" {
                Assessment::NotMet
            } else {
                Assessment::Met
            };
            (c.id.clone(), answer(assessment, "Set out in the rapid review."))
        })
        .collect();
    draft.advice = Some(AdviceRecord {
        date: Some(d("2026-03-20")),
        recommendation: Some(DecisionKind::Review),
        summary: Some("The rapid review recommended a local review.".into()),
    });
    draft.qm2 = all_qm2(framework);
    draft.decision = Some(DecisionChoice {
        kind: DecisionKind::Review,
        alternative_type: None,
    });
    draft.decision_date = Some(d("2026-03-23"));
    draft.review_plan = Some(ReviewPlan {
        scope: Some("The year before the incident.".into()),
        methodology: Some("Appreciative inquiry with practitioners.".into()),
        lead_reviewer: Some("An independent reviewer".into()),
        expected_completion: Some(d("2026-09-01")),
    });
    draft.rationale = Some(RATIONALE.into());
    draft.notifications = vec![PlannedNotification {
        notification_id: "panel_rapid_review".into(),
        recipient: "Child Safeguarding Practice Review Panel".into(),
        planned_date: Some(d("2026-03-23")),
        note: None,
    }];
    draft.signoffs = framework
        .decision_maker
        .roles
        .iter()
        .map(|r| SignOff {
            role: r.id.clone(),
            name: format!("Partner for {}", r.id),
            date: Some(d("2026-03-23")),
        })
        .collect();
    draft
}

pub(crate) fn lcspr_case() -> CaseSummary {
    CaseSummary {
        incident_date: Some(d("2026-02-27")),
        notification_date: Some(d("2026-03-02")),
        referral_date: Some(d("2026-03-02")),
        ..case()
    }
}

fn codes(findings: &[Finding]) -> Vec<(FindingCode, bool)> {
    findings.iter().map(|f| (f.code, f.blocks)).collect()
}

fn wt2015() -> Framework {
    FrameworkRegistry::with_builtins()
        .latest("wt2015-scr")
        .unwrap()
        .clone()
}

fn wt2018() -> Framework {
    FrameworkRegistry::with_builtins()
        .latest("wt2018-lcspr")
        .unwrap()
        .clone()
}

/// Runs the checks, asserting that exactly `expected` findings appear (code, blocks).
fn expect(
    draft: &DecisionDraft,
    case: &CaseSummary,
    framework: &Framework,
    expected: &[(FindingCode, bool)],
) -> Vec<Finding> {
    let findings = check(draft, case, framework, &annex());
    assert_eq!(codes(&findings), expected, "{findings:#?}");
    findings
}

#[test]
fn the_complete_fixtures_have_no_findings() {
    let f = wt2015();
    expect(&wt2015_draft(&f), &case(), &f, &[]);
    for id in ["wt2018-lcspr", "wt2023-lcspr"] {
        let f = FrameworkRegistry::with_builtins().latest(id).unwrap().clone();
        expect(&lcspr_draft(&f), &lcspr_case(), &f, &[]);
    }
}

#[test]
fn an_empty_draft_lists_every_gap_in_page_order() {
    let f = wt2015();
    let findings = check(&DecisionDraft::new(&f), &CaseSummary::default(), &f, &annex());
    let pages: Vec<WizardPage> = findings.iter().map(|f| f.location.page).collect();
    let mut sorted = pages.clone();
    sorted.sort();
    assert_eq!(pages, sorted, "findings are in wizard order");
    for code in [
        FindingCode::CaseReferenceMissing,
        FindingCode::CriterionUnassessed,
        FindingCode::TriggerUnanswered,
        FindingCode::SubgroupMissing,
        FindingCode::Qm2Unaddressed,
        FindingCode::ParallelUnrecorded,
        FindingCode::FamilyPlanMissing,
        FindingCode::DecisionMissing,
        FindingCode::RationaleMissing,
    ] {
        assert!(findings.iter().any(|f| f.code == code && f.blocks), "{code:?}");
    }
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.code == FindingCode::Qm2Unaddressed)
            .count(),
        8
    );
}

#[test]
fn case_details_missing() {
    let f = wt2015();
    let draft = wt2015_draft(&f);
    let mut c = case();
    c.reference = None;
    c.pseudonym = Some("  ".into());
    c.incident_date = None;
    c.referral_date = None;
    c.referring_agency = None;
    c.summary = None;
    expect(
        &draft,
        &c,
        &f,
        &[
            (FindingCode::CaseReferenceMissing, true),
            (FindingCode::CasePseudonymMissing, true),
            (FindingCode::CaseIncidentDateMissing, true),
            (FindingCode::CaseReferralDateMissing, false),
            (FindingCode::CaseReferringAgencyMissing, false),
            (FindingCode::CaseSummaryMissing, true),
        ],
    );
    let mut c = case();
    c.notification_date = None;
    expect(
        &draft,
        &c,
        &f,
        &[(FindingCode::CaseNotificationDateMissing, true)],
    );
    expect(&draft, &case(), &f, &[]);
}

#[test]
fn dates_out_of_order() {
    let f = wt2015();
    let mut c = case();
    c.notification_date = Some(d("2016-03-13"));
    expect(&wt2015_draft(&f), &c, &f, &[(FindingCode::DatesOutOfOrder, true)]);
    let mut draft = wt2015_draft(&f);
    draft.decision_date = Some(d("2016-03-28"));
    let findings = expect(
        &draft,
        &case(),
        &f,
        &[
            (FindingCode::DatesOutOfOrder, true),
            (FindingCode::ReviewCompletionBeyondTimescale, false),
        ],
    );
    assert!(findings[0].message.contains("advice"));
    assert_eq!(findings[0].location.page, WizardPage::Decision);
    draft.decision_date = Some(d("2016-04-12"));
    expect(&draft, &case(), &f, &[]);
}

#[test]
fn framework_mismatch() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.framework_version = "0.9".into();
    expect(&draft, &case(), &f, &[(FindingCode::FrameworkMismatch, true)]);
}

#[test]
fn criteria_unassessed_and_without_evidence() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.criteria.remove("agency_concern");
    let findings = expect(&draft, &case(), &f, &[(FindingCode::CriterionUnassessed, true)]);
    assert_eq!(findings[0].location.item.as_deref(), Some("agency_concern"));
    assert_eq!(findings[0].location.page, WizardPage::Criterion);
    draft.criteria.insert(
        "agency_concern".into(),
        CriterionAnswer {
            assessment: Some(Assessment::NotKnown),
            evidence: Some(" ".into()),
        },
    );
    let findings = expect(&draft, &case(), &f, &[(FindingCode::CriterionNoEvidence, true)]);
    assert!(findings[0].message.contains("not known"));
    draft.criteria.get_mut("agency_concern").unwrap().evidence = Some("Chronologies awaited.".into());
    expect(&draft, &case(), &f, &[]);
}

#[test]
fn non_mandatory_criteria_are_advisory() {
    let f = wt2018();
    let mut draft = lcspr_draft(&f);
    draft.criteria.remove("guidance_several_areas");
    let findings = expect(
        &draft,
        &lcspr_case(),
        &f,
        &[(FindingCode::CriterionUnassessed, false)],
    );
    assert!(findings[0].message.contains("not required"));
    // Assessed without evidence, it blocks like any other.
    draft.criteria.insert(
        "guidance_several_areas".into(),
        CriterionAnswer {
            assessment: Some(Assessment::NotMet),
            evidence: None,
        },
    );
    expect(
        &draft,
        &lcspr_case(),
        &f,
        &[(FindingCode::CriterionNoEvidence, true)],
    );
}

#[test]
fn mandatory_triggers() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.triggers.remove("death_in_custody");
    expect(&draft, &case(), &f, &[(FindingCode::TriggerUnanswered, true)]);
    draft.triggers.insert(
        "death_in_custody".into(),
        TriggerAnswer {
            applies: Some(true),
            note: None,
        },
    );
    expect(&draft, &case(), &f, &[(FindingCode::TriggerNoNote, true)]);
    draft.triggers.get_mut("death_in_custody").unwrap().note = Some("Died on remand.".into());
    expect(&draft, &case(), &f, &[]);
}

#[test]
fn subgroup_missing_and_incomplete() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.advice = None;
    let findings = expect(&draft, &case(), &f, &[(FindingCode::SubgroupMissing, true)]);
    assert!(findings[0].message.contains("SCR sub-group"));
    draft.advice = Some(AdviceRecord::default());
    expect(
        &draft,
        &case(),
        &f,
        &[
            (FindingCode::SubgroupIncomplete, true),
            (FindingCode::SubgroupIncomplete, true),
            (FindingCode::SubgroupIncomplete, true),
        ],
    );
    draft.advice = wt2015_draft(&f).advice;
    expect(&draft, &case(), &f, &[]);
}

#[test]
fn qm2_factors_must_each_be_addressed() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.qm2.insert("public_trust".into(), "   ".into());
    draft.qm2.remove("resources");
    let findings = expect(
        &draft,
        &case(),
        &f,
        &[
            (FindingCode::Qm2Unaddressed, true),
            (FindingCode::Qm2Unaddressed, true),
        ],
    );
    assert_eq!(findings[0].location.item.as_deref(), Some("resources"));
    assert_eq!(findings[1].location.item.as_deref(), Some("public_trust"));
    draft.qm2 = all_qm2(&f);
    expect(&draft, &case(), &f, &[]);
}

#[test]
fn parallel_processes() {
    let f = wt2015();
    let draft = wt2015_draft(&f);
    let mut c = case();
    c.parallel_processes.items.clear();
    expect(&draft, &c, &f, &[(FindingCode::ParallelUnrecorded, true)]);
    c.parallel_processes.none_known = true;
    expect(&draft, &c, &f, &[]);
    c.parallel_processes.items.push(ParallelProcess {
        kind: ParallelProcessKind::FamilyCourt,
        status: ProcessStatus::Expected,
        description: None,
        liaison: None,
    });
    let findings = expect(&draft, &c, &f, &[(FindingCode::ParallelLiaisonMissing, true)]);
    assert_eq!(findings[0].location.item.as_deref(), Some("0"));
    c.parallel_processes.items[0].liaison = Some("Through the local authority's legal team.".into());
    expect(&draft, &c, &f, &[]);
    // A child's death: an inquest is expected.
    let mut died = wt2015_draft(&f);
    died.criteria
        .insert("child_died".into(), answer(Assessment::Met, "Child T died."));
    expect(&died, &c, &f, &[(FindingCode::ParallelInquestExpected, false)]);
    c.parallel_processes.items.push(ParallelProcess {
        kind: ParallelProcessKind::CoronersInquest,
        status: ProcessStatus::Expected,
        description: None,
        liaison: Some("Through the coroner's officer.".into()),
    });
    expect(&died, &c, &f, &[]);
}

#[test]
fn family_plan() {
    let f = wt2015();
    let draft = wt2015_draft(&f);
    let mut c = case();
    c.family_plan = None;
    expect(&draft, &c, &f, &[(FindingCode::FamilyPlanMissing, true)]);
    c.family_plan = Some(FamilyPlan {
        when: None,
        planned_date: Some(d("2016-04-20")),
        ..FamilyPlan::default()
    });
    let findings = expect(
        &draft,
        &c,
        &f,
        &[
            (FindingCode::FamilyPlanIncomplete, true),
            (FindingCode::FamilyPlanIncomplete, true),
            (FindingCode::FamilyPlanIncomplete, true),
        ],
    );
    let fields: Vec<&str> = findings.iter().map(|f| f.location.field.as_str()).collect();
    assert_eq!(fields, ["how", "by_whom", "language"]);
    c.family_plan = case().family_plan;
    expect(&draft, &c, &f, &[]);
}

#[test]
fn decision_missing_undated_or_without_a_type() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.decision = None;
    expect(&draft, &case(), &f, &[(FindingCode::DecisionMissing, true)]);
    draft.decision = wt2015_draft(&f).decision;
    draft.decision_date = None;
    expect(&draft, &case(), &f, &[(FindingCode::DecisionDateMissing, true)]);

    // An alternative review when the criteria are not met.
    let mut alt = wt2015_draft(&f);
    alt.criteria.insert(
        "agency_concern".into(),
        answer(Assessment::NotMet, "Good sharing."),
    );
    alt.decision = Some(DecisionChoice {
        kind: DecisionKind::AlternativeReview,
        alternative_type: None,
    });
    alt.advice.as_mut().unwrap().recommendation = Some(DecisionKind::AlternativeReview);
    expect(
        &alt,
        &case(),
        &f,
        &[(FindingCode::DecisionAlternativeTypeMissing, true)],
    );
    alt.decision.as_mut().unwrap().alternative_type = Some("local_learning_review".into());
    expect(
        &alt,
        &case(),
        &f,
        &[(FindingCode::DecisionAlternativeTypeUnknown, true)],
    );
    alt.decision.as_mut().unwrap().alternative_type = Some("learning_review".into());
    expect(&alt, &case(), &f, &[]);
}

#[test]
fn wt2015_no_review_when_criteria_are_met_blocks_until_justified_and_then_warns() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.decision = Some(DecisionChoice {
        kind: DecisionKind::NoReview,
        alternative_type: None,
    });
    draft.advice.as_mut().unwrap().recommendation = Some(DecisionKind::NoReview);
    draft.review_plan = None;
    draft.notifications = vec![PlannedNotification {
        notification_id: "panel_no_review".into(),
        recipient: "National Panel".into(),
        planned_date: Some(d("2016-04-20")),
        note: None,
    }];
    let findings = expect(
        &draft,
        &case(),
        &f,
        &[(FindingCode::DecisionContradictsFramework, true)],
    );
    assert!(findings[0]
        .message
        .contains("must be held when the criteria are met"));
    assert_eq!(findings[0].location.field, "justification");
    draft.justification = Some("Too short to count.".into());
    expect(
        &draft,
        &case(),
        &f,
        &[(FindingCode::DecisionContradictsFramework, true)],
    );
    draft.justification = Some(
        "A national review of the same hospital's practice began last month and covers exactly these \
         agencies and this period; holding a second review now would duplicate it, and the Panel has \
         agreed that the national review will report to this board."
            .into(),
    );
    let findings = expect(
        &draft,
        &case(),
        &f,
        &[(FindingCode::DecisionContradictsFramework, false)],
    );
    assert!(findings[0].message.contains("warning stays"));
}

#[test]
fn wt2015_a_mandatory_trigger_obliges_a_review_whatever_the_criteria() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.criteria.insert(
        "abuse_or_neglect".into(),
        answer(Assessment::NotMet, "None found."),
    );
    draft.triggers.insert(
        "death_in_secure_setting".into(),
        TriggerAnswer {
            applies: Some(true),
            note: Some("Died in a secure children's home.".into()),
        },
    );
    draft.decision = Some(DecisionChoice {
        kind: DecisionKind::AlternativeReview,
        alternative_type: Some("learning_review".into()),
    });
    draft.advice.as_mut().unwrap().recommendation = Some(DecisionKind::AlternativeReview);
    let findings = expect(
        &draft,
        &case(),
        &f,
        &[(FindingCode::DecisionContradictsFramework, true)],
    );
    assert!(findings[0].message.contains("mandatory trigger"));
    draft.decision = wt2015_draft(&f).decision;
    draft.advice.as_mut().unwrap().recommendation = Some(DecisionKind::Review);
    expect(&draft, &case(), &f, &[]);
}

#[test]
fn wt2015_undetermined_criteria_with_no_review_warns() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.criteria.insert(
        "agency_concern".into(),
        answer(Assessment::NotKnown, "Chronologies awaited."),
    );
    draft.decision = Some(DecisionChoice {
        kind: DecisionKind::NoReview,
        alternative_type: None,
    });
    draft.advice.as_mut().unwrap().recommendation = Some(DecisionKind::NoReview);
    draft.notifications = vec![PlannedNotification {
        notification_id: "panel_no_review".into(),
        recipient: "National Panel".into(),
        planned_date: Some(d("2016-04-20")),
        note: None,
    }];
    expect(
        &draft,
        &case(),
        &f,
        &[(FindingCode::DecisionCriteriaUndetermined, false)],
    );
    // Criteria not met and no review: consistent.
    draft.criteria.insert(
        "agency_concern".into(),
        answer(Assessment::NotMet, "Agencies worked well together."),
    );
    expect(&draft, &case(), &f, &[]);
}

#[test]
fn wt2015_an_scr_when_criteria_are_not_met_is_allowed() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.criteria.insert(
        "agency_concern".into(),
        answer(Assessment::NotMet, "Good sharing."),
    );
    expect(&draft, &case(), &f, &[]);
}

#[test]
fn lcspr_no_review_against_the_factors_blocks_until_justified_then_clears() {
    let f = wt2018();
    let mut draft = lcspr_draft(&f);
    draft.decision = Some(DecisionChoice {
        kind: DecisionKind::NoReview,
        alternative_type: None,
    });
    draft.advice.as_mut().unwrap().recommendation = Some(DecisionKind::NoReview);
    expect(
        &draft,
        &lcspr_case(),
        &f,
        &[(FindingCode::DecisionDepartsFromFactors, true)],
    );
    draft.justification = Some(
        "The learning identified by the rapid review is already being taken forward through the \
         partnership's neglect strategy and a national thematic review that covers the same agencies, \
         so a local review would add little and would draw on the same practitioners."
            .into(),
    );
    expect(&draft, &lcspr_case(), &f, &[]);
    // No factor met: no review is consistent without justification.
    let mut plain = lcspr_draft(&f);
    for id in [
        "reg11_improvements",
        "reg11_recurrent_themes",
        "reg11_agencies_together",
        "reg11_panel_suggested",
    ] {
        plain
            .criteria
            .insert(id.into(), answer(Assessment::NotMet, "Not highlighted."));
    }
    plain.decision = draft.decision.clone();
    plain.advice = draft.advice.clone();
    plain.review_plan = None;
    expect(&plain, &lcspr_case(), &f, &[]);
}

#[test]
fn decision_differs_from_advice() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.advice.as_mut().unwrap().recommendation = Some(DecisionKind::AlternativeReview);
    let findings = expect(
        &draft,
        &case(),
        &f,
        &[(FindingCode::DecisionDiffersFromAdvice, false)],
    );
    assert_eq!(findings[0].location.page, WizardPage::Rationale);
}

#[test]
fn decision_late_against_the_timer() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.decision_date = Some(d("2016-04-18"));
    let findings = expect(&draft, &case(), &f, &[(FindingCode::DecisionLate, false)]);
    assert!(
        findings[0].message.contains("17 April 2016"),
        "{}",
        findings[0].message
    );
    // LCSPR: 15 working days from Monday 2 March 2026 is Monday 23 March.
    let f = wt2018();
    let mut draft = lcspr_draft(&f);
    draft.decision_date = Some(d("2026-03-24"));
    draft.notifications[0].planned_date = Some(d("2026-03-24"));
    for s in &mut draft.signoffs {
        s.date = Some(d("2026-03-24"));
    }
    let findings = check(&draft, &lcspr_case(), &f, &annex());
    assert_eq!(
        codes(&findings),
        [
            (FindingCode::DecisionLate, false),
            (FindingCode::NotificationLate, false)
        ]
    );
    draft.notifications[0].planned_date = Some(d("2026-03-23"));
    draft.decision_date = Some(d("2026-03-23"));
    expect(&draft, &lcspr_case(), &f, &[]);
}

#[test]
fn review_plan_needed_when_reviewing() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.review_plan = None;
    expect(
        &draft,
        &case(),
        &f,
        &[
            (FindingCode::ReviewScopeMissing, true),
            (FindingCode::ReviewMethodologyMissing, true),
            (FindingCode::ReviewCompletionMissing, true),
        ],
    );
    draft.review_plan = wt2015_draft(&f).review_plan;
    draft.review_plan.as_mut().unwrap().expected_completion = Some(d("2016-10-13"));
    expect(
        &draft,
        &case(),
        &f,
        &[(FindingCode::ReviewCompletionBeyondTimescale, false)],
    );
    draft.review_plan.as_mut().unwrap().expected_completion = Some(d("2016-04-01"));
    expect(&draft, &case(), &f, &[(FindingCode::DatesOutOfOrder, true)]);
    draft.review_plan.as_mut().unwrap().expected_completion = Some(d("2016-10-12"));
    expect(&draft, &case(), &f, &[]);
}

#[test]
fn rationale_missing_or_too_short() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.rationale = None;
    expect(&draft, &case(), &f, &[(FindingCode::RationaleMissing, true)]);
    // 59 words of 7 characters each: long enough in characters, one word short.
    draft.rationale = Some(vec!["reasons"; MIN_RATIONALE_WORDS - 1].join(" "));
    let findings = expect(&draft, &case(), &f, &[(FindingCode::RationaleTooShort, true)]);
    assert!(findings[0].message.contains("59 words"));
    // 60 words, but under 400 characters.
    draft.rationale = Some(vec!["why"; MIN_RATIONALE_WORDS].join(" "));
    expect(&draft, &case(), &f, &[(FindingCode::RationaleTooShort, true)]);
    draft.rationale = Some(vec!["reasons"; MIN_RATIONALE_WORDS].join(" "));
    expect(&draft, &case(), &f, &[]);
    assert!(RATIONALE.chars().count() >= MIN_RATIONALE_CHARS && word_count(RATIONALE) >= MIN_RATIONALE_WORDS);
}

#[test]
fn national_notifications() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft
        .notifications
        .retain(|n| n.notification_id != "ofsted_review");
    let findings = expect(&draft, &case(), &f, &[(FindingCode::NotificationUnplanned, true)]);
    assert!(findings[0].message.contains("Ofsted"));
    assert_eq!(findings[0].location.item.as_deref(), Some("ofsted_review"));
    draft = wt2015_draft(&f);
    draft.notifications[0].planned_date = None;
    expect(
        &draft,
        &case(),
        &f,
        &[(FindingCode::NotificationDateMissing, true)],
    );

    // No review, criteria not met: the Panel within 14 days of the decision.
    let mut no = wt2015_draft(&f);
    no.criteria.insert(
        "agency_concern".into(),
        answer(Assessment::NotMet, "Good sharing."),
    );
    no.decision = Some(DecisionChoice {
        kind: DecisionKind::NoReview,
        alternative_type: None,
    });
    no.advice.as_mut().unwrap().recommendation = Some(DecisionKind::NoReview);
    expect(&no, &case(), &f, &[(FindingCode::NotificationUnplanned, true)]);
    no.notifications = vec![PlannedNotification {
        notification_id: "panel_no_review".into(),
        recipient: "National Panel".into(),
        planned_date: Some(d("2016-04-27")),
        note: None,
    }];
    let findings = expect(&no, &case(), &f, &[(FindingCode::NotificationLate, false)]);
    assert!(
        findings[0].message.contains("26 April 2016"),
        "{}",
        findings[0].message
    );
    no.notifications[0].planned_date = Some(d("2016-04-26"));
    expect(&no, &case(), &f, &[]);
}

#[test]
fn lcspr_needs_every_partner_to_sign_off() {
    let f = wt2018();
    let mut draft = lcspr_draft(&f);
    draft.signoffs.retain(|s| s.role != "police");
    draft.signoffs[0].date = None;
    let findings = expect(
        &draft,
        &lcspr_case(),
        &f,
        &[
            (FindingCode::PartnersSignoffMissing, true),
            (FindingCode::PartnersSignoffMissing, true),
        ],
    );
    assert_eq!(findings[0].location.item.as_deref(), Some("local_authority"));
    assert_eq!(findings[1].location.item.as_deref(), Some("police"));
    expect(&lcspr_draft(&f), &lcspr_case(), &f, &[]);
    // A single chair signs the letter; no sign-offs are asked for.
    let wt = wt2015();
    assert!(wt2015_draft(&wt).signoffs.is_empty());
    expect(&wt2015_draft(&wt), &case(), &wt, &[]);
}

type Leak = Box<dyn Fn(&mut CaseSummary, &mut DecisionDraft)>;

#[test]
fn annex_details_in_board_text_block_without_being_echoed() {
    let f = wt2015();
    let leaks: Vec<(&str, Leak, WizardPage, &str)> = vec![
        (
            "tyler",
            Box::new(|c, _| c.summary = Some("TYLER was admitted to hospital.".into())),
            WizardPage::CaseDetails,
            "summary",
        ),
        (
            "Blackwood",
            Box::new(|_, d| d.rationale = Some(format!("{RATIONALE} The Blackwood family agree."))),
            WizardPage::Rationale,
            "rationale",
        ),
        (
            "9 June 2014",
            Box::new(|_, d| {
                d.criteria.get_mut("child_died").unwrap().evidence = Some("Born 9 June 2014; alive.".into())
            }),
            WizardPage::Criterion,
            "evidence",
        ),
        (
            "09/06/2014",
            Box::new(|_, d| {
                d.qm2.insert("resources".into(), "DOB 09/06/2014".into());
            }),
            WizardPage::Qm2Factor,
            "note",
        ),
        (
            "Mill Lane",
            Box::new(|_, d| d.review_plan.as_mut().unwrap().scope = Some("Visits to 7 Mill Lane.".into())),
            WizardPage::ReviewPlan,
            "scope",
        ),
        (
            "AN1 4XY",
            Box::new(|c, _| c.family_plan.as_mut().unwrap().how = Some("Visit at an14xy".into())),
            WizardPage::Family,
            "how",
        ),
        (
            "Dana",
            Box::new(|c, _| c.parallel_processes.items[0].liaison = Some("Dana is a witness.".into())),
            WizardPage::ParallelProcesses,
            "liaison",
        ),
        (
            "Tyler",
            Box::new(|_, d| d.advice.as_mut().unwrap().summary = Some("Tyler's case.".into())),
            WizardPage::Advice,
            "summary",
        ),
        (
            "Tyler",
            Box::new(|_, d| d.justification = Some("Tyler".into())),
            WizardPage::Decision,
            "justification",
        ),
        (
            "Tyler",
            Box::new(|_, d| d.notifications[0].note = Some("About Tyler".into())),
            WizardPage::Notifications,
            "note",
        ),
        (
            "Tyler",
            Box::new(|_, d| d.review_plan.as_mut().unwrap().methodology = Some("Ask Tyler".into())),
            WizardPage::ReviewPlan,
            "methodology",
        ),
        (
            "Tyler",
            Box::new(|c, _| c.pseudonym = Some("Child Tyler".into())),
            WizardPage::CaseDetails,
            "pseudonym",
        ),
    ];
    for (secret, leak, page, field) in leaks {
        let mut c = case();
        let mut draft = wt2015_draft(&f);
        leak(&mut c, &mut draft);
        let findings = check(&draft, &c, &f, &annex());
        let leak_findings: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.code == FindingCode::AnnexLeak)
            .collect();
        assert_eq!(leak_findings.len(), 1, "{secret}: {findings:#?}");
        let finding = leak_findings[0];
        assert!(finding.blocks);
        assert_eq!(
            (finding.location.page, finding.location.field.as_str()),
            (page, field)
        );
        let lower = finding.message.to_lowercase();
        for word in secret.split(' ') {
            assert!(
                !lower.contains(&word.to_lowercase()),
                "{secret} echoed: {}",
                finding.message
            );
        }
        assert!(finding.message.contains("restricted annex"));
    }
    // Fixed: the clean fixture has no leak.
    expect(&wt2015_draft(&f), &case(), &f, &[]);
}

#[test]
fn a_leak_message_names_each_kind_found() {
    let f = wt2015();
    let mut draft = wt2015_draft(&f);
    draft.rationale = Some(format!(
        "{RATIONALE} Tyler Blackwood, born 9 June 2014, of AN1 4XY."
    ));
    let findings = expect(&draft, &case(), &f, &[(FindingCode::AnnexLeak, true)]);
    assert_eq!(
        findings[0].message,
        "The rationale includes the child's full name, the child's first name, the child's surname, \
         the child's date of birth, the child's postcode and a family member's name from the restricted \
         annex. Use the pseudonym or a role (such as \"the mother\") instead: letters go to every board member"
    );
}

#[test]
fn finding_codes_are_stable_strings() {
    assert_eq!(FindingCode::CriterionNoEvidence.as_str(), "criterion.no_evidence");
    assert_eq!(FindingCode::AnnexLeak.as_str(), "annex.leak");
    assert_eq!(
        FindingCode::PartnersSignoffMissing.as_str(),
        "partners.signoff_missing"
    );
    let finding = Finding {
        code: FindingCode::Qm2Unaddressed,
        message: "m".into(),
        location: FieldRef {
            page: WizardPage::Qm2Factor,
            item: Some("resources".into()),
            field: "note".into(),
        },
        blocks: true,
    };
    assert_eq!(
        serde_json::to_string(&finding).unwrap(),
        r#"{"code":"qm2.unaddressed","message":"m","location":{"page":"qm2_factor","item":"resources","field":"note"},"blocks":true}"#
    );
}
