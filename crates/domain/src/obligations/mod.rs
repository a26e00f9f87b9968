//! What is owed on each case, and by when: the chair's "What needs doing". Computed from the
//! framework (its timers and national notifications), the case's milestones and the letters and
//! deliveries the archive holds, on a given day. There is no hidden clock: `today` is passed in.
//!
//! The obligations, each with its due date:
//! - a **decision** due (the framework's timer that ends on the decision);
//! - a finalised decision whose **decision notice** is not issued (told within the board's N
//!   working days, Quality Marker 3);
//! - letters issued but **not yet sent or exported** to members in post;
//! - **uncertain or failed** deliveries;
//! - **acknowledgements** overdue (the board's reminder interval passed);
//! - **national notifications** due (the framework's, with their deadline timers);
//! - an **update** owed when the expected completion passed without completion (Quality Marker 8);
//! - an **outcome notice** owed when a review is completed or published and the board has not
//!   been told (Quality Marker 3, "and outcome").

mod facts;
mod rules;
#[cfg(test)]
pub(crate) mod test_facts;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::WorkingCalendar;
use crate::framework::CaseEvent;

pub use facts::{CaseFacts, Decided, Delivery, LetterIssue, LetterKind, MemberFacts, MemberLetter, Policy};
pub use rules::obligations_of;

/// What is owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum Owed {
    /// The decision itself.
    Decision,
    /// The decision notice to every member.
    DecisionNotice,
    /// Letters issued but not yet sent or exported to so many members.
    SendLetters { letter: LetterKind, members: u32 },
    /// Deliveries that failed or may not have gone.
    DeliveryProblems { failed: u32, uncertain: u32 },
    /// Members who have not acknowledged after the reminder interval.
    Acknowledgements { members: u32 },
    /// A national notification the framework requires for this decision.
    NationalNotification {
        notification_id: String,
        recipient: String,
    },
    /// An update: the review has passed its expected completion (Quality Marker 8).
    Update { expected_completion: NaiveDate },
    /// The outcome notice: the review has ended (Quality Marker 3).
    OutcomeNotice { ended_on: NaiveDate },
}

/// Where the user acts on an obligation: the app opens exactly that place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "place", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum PlaceToAct {
    /// The decision wizard, at its first missing answer.
    Wizard,
    /// The letters page, with this kind of letter chosen.
    WriteLetters { letter: LetterKind },
    /// The case's distribution page (send, export, confirm, resend, acknowledge, remind).
    Distribution,
    /// The case's form to record this milestone.
    RecordMilestone {
        event: CaseEvent,
        notification_id: Option<String>,
    },
}

/// One thing owed on one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Obligation {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub pseudonym: String,
    pub owed: Owed,
    /// "Send the decision notice", in the imperative.
    pub title: String,
    /// "11 members have not been sent it", one sentence.
    pub detail: String,
    pub due: NaiveDate,
    pub overdue: bool,
    /// Working days left until it is due (0 on the day), or since it was due when `overdue`.
    #[ts(type = "number")]
    pub working_days: i64,
    #[ts(type = "number")]
    pub calendar_days: i64,
    pub act: PlaceToAct,
}

impl Obligation {
    /// Most urgent first: the longest overdue, then the soonest due.
    fn urgency(&self) -> (bool, i64, NaiveDate) {
        let days = if self.overdue {
            -self.calendar_days
        } else {
            self.calendar_days
        };
        (!self.overdue, days, self.due)
    }
}

/// Every case's obligations on `today`, most urgent first.
pub fn all_obligations(
    cases: &[CaseFacts<'_>],
    calendar: &WorkingCalendar,
    policy: Policy,
    today: NaiveDate,
) -> Vec<Obligation> {
    let mut all: Vec<Obligation> = cases
        .iter()
        .flat_map(|case| obligations_of(case, calendar, policy, today))
        .collect();
    all.sort_by(|a, b| {
        a.urgency()
            .cmp(&b.urgency())
            .then_with(|| a.reference.cmp(&b.reference))
    });
    all
}
