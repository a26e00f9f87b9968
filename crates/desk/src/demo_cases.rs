//! The demonstration board's other cases, each at another stage after a notification, so that a
//! first look shows every state the desk knows: a decision due in a few days; a review whose
//! letters went out with acknowledgements still awaited; a review past its expected completion
//! with an update owed (Quality Marker 8); a review completed and published, its outcome notice
//! sent (Quality Marker 3). ("Child T", finalised with its letters not yet sent, is in demo.rs.)
//!
//! Each case is given its past through the chair's own operations (open, decide, issue, export,
//! confirm, acknowledge, record milestones), each run on the day it happened ([`Desk::as_on`]),
//! counted back from the desk's today: nothing on the board is overdue by more than a few weeks.
//! Every name is invented; the restricted details never reach a letter (the guard refuses them).

use chrono::{Days, Months, NaiveDate};

use scr_domain::case::{
    Address, CaseSummary, FamilyMember, ParallelProcess, ParallelProcessKind, ParallelProcesses,
    ProcessStatus, RestrictedAnnex,
};
use scr_domain::decision::{AdviceRecord, Assessment, CriterionAnswer, DecisionDraft};
use scr_domain::delivery::DeliveryAction;
use scr_domain::example;
use scr_domain::framework::{CaseEvent, DecisionKind};
use scr_domain::notices::{LetterContent, OutcomeDetails, UpdateDetails};
use scr_domain::register::dates::long_date;

use crate::cases::NewCase;
use crate::demo::QM2_NOTES;
use crate::letters_from_decisions::LetterRequest;
use crate::{AcknowledgementInput, Addressing, Desk, DeskError, MilestoneInput};

/// Where the letters exported for the board's secure mail go, inside the demonstration's folder.
pub(crate) const DEMO_EXPORTS: &str = "demonstration secure mail";

/// One invented case: what the board sees, and the details kept in the restricted annex.
struct Story {
    pseudonym: &'static str,
    summary: &'static str,
    /// The rationale, in the chair's words (Quality Marker 2: full and explicit).
    rationale: &'static str,
    given_names: &'static str,
    family_name: &'static str,
    street: &'static str,
    parent: &'static str,
    died: bool,
    /// What runs alongside the review, and how the board works with it.
    process: (ParallelProcessKind, ProcessStatus, &'static str),
    /// Days before today it was notified; the incident was three days before that.
    notified_days_ago: u64,
    /// Days from the notification to the decision (within the month Working Together 2015 allows).
    decided_after: u64,
}

const DUE_SOON: Story = Story {
    pseudonym: "Child M",
    summary:
        "Child M, aged four, was found at home with a burn that the hospital thought was not accidental.",
    rationale: "",
    given_names: "Marnie",
    family_name: "Quarrington",
    street: "22 Foundry Row",
    parent: "Rhiannon Quarrington",
    died: false,
    process: (
        ParallelProcessKind::PoliceInvestigation,
        ProcessStatus::UnderWay,
        "The police are investigating; the board will agree timings with them.",
    ),
    notified_days_ago: 26,
    decided_after: 31,
};

const ACKNOWLEDGEMENTS_OWED: Story = Story {
    pseudonym: "Child R",
    summary: "Child R, aged nine, was seriously harmed by a family friend who was known to two agencies.",
    rationale: "I have decided to commission a Serious Case Review. The criteria are met: abuse is known, Child R \
was seriously harmed, and the police and the school each held concerns that were not brought together. The \
learning about how agencies share what they know about adults around a child is considerable and has not been \
reviewed here before. Resources are available within the board's budget. Practitioners will be supported by their \
agencies; the family will be told first and offered the chance to contribute. The criminal trial comes first and \
we will agree timings with the police. There is no media interest, and public trust is served by learning openly.",
    given_names: "Ravindra",
    family_name: "Ollerenshaw",
    street: "5 Tanyard Court",
    parent: "Priya Ollerenshaw",
    died: false,
    process: (
        ParallelProcessKind::PoliceInvestigation,
        ProcessStatus::UnderWay,
        "A criminal trial is expected; the board will agree timings with the police.",
    ),
    notified_days_ago: 63,
    decided_after: 27,
};

const UPDATE_OWED: Story = Story {
    pseudonym: "Child K",
    summary: "Child K, aged fifteen, was seriously harmed while missing from a children's home out of the area.",
    rationale: "I have decided to commission a Serious Case Review. The criteria are met: neglect is suspected, \
Child K was seriously harmed while missing, and there is cause for concern about how the placing authority, the \
home and the police worked together when the child went missing. The likely learning about children placed out \
of the area is significant for this board and its neighbours. Resources are available, shared with the placing \
authority's board. Practitioners will be supported; the family and Child K will be offered the chance to \
contribute. The police investigation has ended. There is some local interest, which has not weighed on the \
decision; public trust requires that we learn openly.",
    given_names: "Kestrel",
    family_name: "Abernethy",
    street: "31 Weaver's Lane",
    parent: "Morven Abernethy",
    died: false,
    process: (
        ParallelProcessKind::PoliceInvestigation,
        ProcessStatus::Concluded,
        "The police investigation has ended.",
    ),
    notified_days_ago: 212,
    decided_after: 17,
};

const COMPLETED: Story = Story {
    pseudonym: "Child P",
    summary: "Child P, aged two months, died after an unexplained collapse at home; neglect was a factor.",
    rationale: "I have decided to commission a Serious Case Review. The criteria are met: neglect is known to \
have been a factor, Child P died, and there is cause for concern about how the midwifery, health visiting and \
adult mental health services shared what they knew in the weeks after the birth. The learning about safe sleep \
advice and parents' mental health is considerable and echoes national reviews. Resources are available within the \
board's budget. Practitioners will be supported; the family will be told first and offered the chance to \
contribute. The coroner's inquest runs alongside and we will keep the coroner informed. There is no media \
interest; public trust requires that we learn openly.",
    given_names: "Perpetua",
    family_name: "Strathearn",
    street: "9 Kiln Yard",
    parent: "Ottilie Strathearn",
    died: true,
    process: (
        ParallelProcessKind::CoronersInquest,
        ProcessStatus::UnderWay,
        "The coroner's inquest runs alongside; the board keeps the coroner informed.",
    ),
    notified_days_ago: 326,
    decided_after: 26,
};

fn days_before(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn summary_of(story: &Story, today: NaiveDate) -> CaseSummary {
    let notified = days_before(today, story.notified_days_ago);
    let mut summary = example::case();
    summary.reference = None;
    summary.pseudonym = Some(story.pseudonym.into());
    summary.summary = Some(story.summary.into());
    summary.incident_date = notified.checked_sub_days(Days::new(3));
    summary.notification_date = Some(notified);
    summary.referral_date = notified.succ_opt();
    let (kind, status, liaison) = story.process;
    summary.parallel_processes = ParallelProcesses {
        none_known: false,
        items: vec![ParallelProcess {
            kind,
            status,
            description: Some(kind.label().to_owned()),
            liaison: Some(liaison.into()),
        }],
    };
    if let Some(plan) = summary.family_plan.as_mut() {
        // "Within a week of the decision."
        plan.planned_date = notified.checked_add_days(Days::new(story.decided_after + 7));
    }
    summary
}

fn annex_of(story: &Story) -> RestrictedAnnex {
    RestrictedAnnex {
        child_given_names: Some(story.given_names.into()),
        child_family_name: Some(story.family_name.into()),
        child_other_names: Vec::new(),
        date_of_birth: None,
        address: Some(Address {
            lines: vec![story.street.into()],
            town: Some("Anytown".into()),
            postcode: None,
        }),
        family_members: vec![FamilyMember {
            name: Some(story.parent.into()),
            relationship: Some("parent".into()),
            date_of_birth: None,
            notes: None,
        }],
        notes: None,
    }
}

/// The example decision (an SCR) told in this story's words, decided on `decided`.
fn draft_of(story: &Story, mut draft: DecisionDraft, decided: NaiveDate) -> DecisionDraft {
    for (criterion, answer) in &mut draft.criteria {
        *answer = CriterionAnswer {
            assessment: Some(if criterion == "child_died" && !story.died {
                Assessment::NotMet
            } else {
                Assessment::Met
            }),
            evidence: Some(format!(
                "See the notification and the sub-group's summary on {}.",
                story.pseudonym
            )),
        };
    }
    draft.advice = Some(AdviceRecord {
        date: decided.checked_sub_days(Days::new(7)),
        recommendation: Some(DecisionKind::Review),
        summary: Some("The sub-group found the criteria met and recommended an SCR.".into()),
    });
    for (factor, note) in QM2_NOTES {
        draft.qm2.insert(factor.to_owned(), note.to_owned());
    }
    draft.decision_date = Some(decided);
    if let Some(plan) = draft.review_plan.as_mut() {
        plan.expected_completion = decided.checked_add_months(Months::new(6));
    }
    for notification in &mut draft.notifications {
        notification.planned_date = Some(decided);
    }
    draft.rationale = Some(story.rationale.into());
    draft
}

impl Desk {
    /// Every case but Child T, oldest first; returns their ids.
    pub(crate) fn seed_demo_cases(&self, today: NaiveDate) -> Result<Vec<i64>, DeskError> {
        let ago = |days| days_before(today, days);
        let completed = self.demo_decided(&COMPLETED, today)?;
        let notice = self.demo_decision_notice(completed)?;
        self.demo_told(completed, notice, Acknowledged::All)?;
        self.demo_milestone(completed, CaseEvent::ReviewStart, ago(280))?;
        // Past its expected completion, the board wrote of the delay (Quality Marker 8).
        self.demo_letter(completed, delay(ago(60)), ago(112))?;
        self.demo_told(completed, ago(112), Acknowledged::All)?;
        self.demo_milestone(completed, CaseEvent::ReviewCompleted, ago(45))?;
        self.demo_milestone(completed, CaseEvent::Publication, ago(30))?;
        self.demo_letter(completed, outcome(ago(45), ago(30)), ago(28))?;
        self.demo_told(completed, ago(28), Acknowledged::All)?;

        let update_owed = self.demo_decided(&UPDATE_OWED, today)?;
        let notice = self.demo_decision_notice(update_owed)?;
        self.demo_told(update_owed, notice, Acknowledged::All)?;
        self.demo_milestone(update_owed, CaseEvent::ReviewStart, ago(170))?;

        let acknowledging = self.demo_decided(&ACKNOWLEDGEMENTS_OWED, today)?;
        let notice = self.demo_decision_notice(acknowledging)?;
        self.demo_told(acknowledging, notice, Acknowledged::EveryOther)?;
        self.demo_milestone(acknowledging, CaseEvent::ReviewStart, ago(20))?;

        let due_soon = self.demo_undecided(&DUE_SOON, today)?;
        Ok(vec![completed, update_owed, acknowledging, due_soon])
    }

    /// Opens the story's case the day after its notification.
    fn demo_opened(&self, story: &Story, today: NaiveDate) -> Result<i64, DeskError> {
        let opened = days_before(today, story.notified_days_ago - 1);
        self.as_on(opened, || {
            Ok(self
                .open_case(NewCase {
                    summary: summary_of(story, today),
                    annex: annex_of(story),
                })?
                .id)
        })
    }

    /// A case notified lately: its criteria answered and the sub-group's advice in, the decision
    /// itself still to make (due a month after the notification).
    fn demo_undecided(&self, story: &Story, today: NaiveDate) -> Result<i64, DeskError> {
        let case_id = self.demo_opened(story, today)?;
        let advised = days_before(today, 5);
        self.as_on(advised, || {
            let case = self.case_view(case_id)?;
            let framework = self.framework(&case.draft.framework_id, &case.draft.framework_version)?;
            let mut draft = draft_of(story, example::wt2015_draft(&framework), advised);
            draft.decision = None;
            draft.decision_date = None;
            draft.review_plan = None;
            draft.rationale = None;
            draft.notifications.clear();
            draft.advice = draft.advice.map(|advice| AdviceRecord {
                date: Some(advised),
                ..advice
            });
            self.save_draft(case_id, draft)?;
            Ok(case_id)
        })
    }

    /// A case decided (an SCR) as its story says, both national notifications sent the next day.
    fn demo_decided(&self, story: &Story, today: NaiveDate) -> Result<i64, DeskError> {
        let case_id = self.demo_opened(story, today)?;
        let decided = days_before(today, story.notified_days_ago - story.decided_after);
        self.as_on(decided, || {
            let case = self.case_view(case_id)?;
            let framework = self.framework(&case.draft.framework_id, &case.draft.framework_version)?;
            self.save_draft(
                case_id,
                draft_of(story, example::wt2015_draft(&framework), decided),
            )?;
            self.finalise_decision(case_id)
        })?;
        let notified = decided.succ_opt().unwrap_or(decided);
        for body in ["panel_review", "ofsted_review"] {
            self.as_on(notified, || {
                self.record_milestone(
                    case_id,
                    MilestoneInput {
                        event: CaseEvent::NationalNotificationSent,
                        notification_id: Some(body.into()),
                        date: notified,
                    },
                )
            })?;
        }
        Ok(case_id)
    }

    fn demo_milestone(&self, case_id: i64, event: CaseEvent, on: NaiveDate) -> Result<(), DeskError> {
        self.as_on(on, || {
            self.record_milestone(
                case_id,
                MilestoneInput {
                    event,
                    notification_id: None,
                    date: on,
                },
            )
        })?;
        Ok(())
    }

    /// Issues a circular letter on `on`.
    fn demo_letter(&self, case_id: i64, content: LetterContent, on: NaiveDate) -> Result<(), DeskError> {
        self.as_on(on, || {
            self.issue_letters(&LetterRequest {
                case_id,
                decision_version: None,
                content,
                addressing: Addressing::Circular,
                signer_ids: Vec::new(),
            })
        })?;
        Ok(())
    }

    /// Issues the decision notice two days after the decision; returns that day.
    fn demo_decision_notice(&self, case_id: i64) -> Result<NaiveDate, DeskError> {
        let case = self.case_view(case_id)?;
        let decided = case.draft.decision_date.unwrap_or_else(|| self.today());
        let issued = decided.checked_add_days(Days::new(2)).unwrap_or(decided);
        self.demo_letter(case_id, LetterContent::DecisionNotice, issued)?;
        Ok(issued)
    }

    /// The letter issued on `issued` exported for the board's secure mail the next day, each
    /// member's copy confirmed delivered the day after, and acknowledgements recorded over the
    /// following days by those who gave them.
    fn demo_told(
        &self,
        case_id: i64,
        issued: NaiveDate,
        acknowledged: Acknowledged,
    ) -> Result<(), DeskError> {
        let reference = self.case_view(case_id)?.reference;
        let sent = issued.succ_opt().unwrap_or(issued);
        let folder = self.data_dir().join(DEMO_EXPORTS);
        self.as_on(sent, || {
            std::fs::create_dir_all(&folder).map_err(|source| DeskError::FileNotWritten {
                path: folder.clone(),
                source,
            })?;
            self.export_for_secure_mail(&reference, Some(&folder))
        })?;
        let confirmed = sent.succ_opt().unwrap_or(sent);
        let members = self.as_on(confirmed, || {
            let waiting: Vec<(i64, i64)> = self
                .distribution(&reference)?
                .deliveries
                .into_iter()
                .filter(|d| d.actions.contains(&DeliveryAction::ConfirmSent))
                .map(|d| (d.id, d.member_id))
                .collect();
            for (id, _) in &waiting {
                self.confirm_delivery_sent(*id, "Received through the council's secure mail")?;
            }
            Ok(waiting.into_iter().map(|(_, member)| member).collect::<Vec<_>>())
        })?;
        let today = self.today();
        for (n, member_id) in members.into_iter().enumerate() {
            if acknowledged == Acknowledged::EveryOther && n % 2 == 1 {
                continue;
            }
            let on = confirmed
                .checked_add_days(Days::new(1 + (n as u64 % 4)))
                .unwrap_or(confirmed)
                .min(today);
            self.as_on(on, || {
                self.record_acknowledgement(AcknowledgementInput {
                    reference: reference.clone(),
                    member_id,
                    date: on.to_string(),
                    how: "Email reply".into(),
                })
            })?;
        }
        Ok(())
    }

    /// "SCR-2026-002 Child R: decided 1 November 2026; owed: Chase acknowledgements (due …)", for
    /// the CLI and the first-run screen.
    pub(crate) fn demo_case_line(&self, case_id: i64) -> Result<String, DeskError> {
        let case = self.case_view(case_id)?;
        let pseudonym = case.summary.pseudonym.clone().unwrap_or_default();
        let owed: Vec<String> = self
            .case_obligations(case_id)?
            .into_iter()
            .map(|o| format!("{} (due {})", o.title, long_date(o.due)))
            .collect();
        let stage = match case.draft.decision_date.filter(|_| !case.decisions.is_empty()) {
            Some(decided) => format!("decided {}", long_date(decided)),
            None => "not yet decided".to_owned(),
        };
        Ok(if owed.is_empty() {
            format!("{} {pseudonym}: {stage}; nothing owed", case.reference)
        } else {
            format!(
                "{} {pseudonym}: {stage}; owed: {}",
                case.reference,
                owed.join(", ")
            )
        })
    }
}

/// Who acknowledged a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Acknowledged {
    All,
    /// Every other member: the rest are still to be chased.
    EveryOther,
}

fn delay(revised: NaiveDate) -> LetterContent {
    LetterContent::Update(UpdateDetails {
        what_changed: "The review will be completed later than planned.".into(),
        reason: "The coroner's inquest was adjourned, and the reviewer is waiting to read its findings."
            .into(),
        revised_completion: Some(revised),
        next_steps: "The reviewer will meet practitioners again once the inquest has concluded.".into(),
    })
}

fn outcome(completed: NaiveDate, published: NaiveDate) -> LetterContent {
    LetterContent::OutcomeNotice(OutcomeDetails {
        completed_on: Some(completed),
        published: Some(true),
        publication: format!("on the Board's website, {}", long_date(published)),
        not_published_reason: String::new(),
        board_response:
            "The board accepted all six recommendations; its action plan is checked at each meeting.".into(),
        next_steps: "Member agencies report their progress to the board in six months.".into(),
    })
}
