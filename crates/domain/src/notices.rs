//! What the board is told after the decision notice: an **update** when the review is delayed or
//! changed (Quality Marker 8), and the **outcome** when it ends. The decision notice needs nothing
//! beyond the finalised decision; these two need a few facts the chair writes at the time.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DomainError, FieldProblem};

/// Which letter to write about a finalised decision, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LetterContent {
    DecisionNotice,
    Update(UpdateDetails),
    OutcomeNotice(OutcomeDetails),
}

/// A delay or a change to the review (QM8).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct UpdateDetails {
    /// What has changed or been delayed, in a sentence or two.
    #[serde(alias = "what_changed")]
    pub what_changed: String,
    /// Why.
    pub reason: String,
    /// The review's new expected completion date, when it moved.
    #[serde(alias = "revised_completion")]
    pub revised_completion: Option<NaiveDate>,
    /// What happens next, and anything asked of member agencies.
    #[serde(alias = "next_steps")]
    pub next_steps: String,
}

/// The review has ended.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct OutcomeDetails {
    /// When the board accepted the final report (or the review otherwise ended).
    #[serde(alias = "completed_on")]
    pub completed_on: Option<NaiveDate>,
    /// Whether the report is published.
    pub published: Option<bool>,
    /// When and where, if published ("on the Board's website, 3 May 2017").
    pub publication: String,
    /// Why not, if not published.
    #[serde(alias = "not_published_reason")]
    pub not_published_reason: String,
    /// The board's response: its action plan, and how progress will be checked.
    #[serde(alias = "board_response")]
    pub board_response: String,
    #[serde(alias = "next_steps")]
    pub next_steps: String,
}

/// Every text field of the content, for the restricted-annex scan before a letter is made.
impl LetterContent {
    pub fn texts(&self) -> Vec<&str> {
        match self {
            LetterContent::DecisionNotice => Vec::new(),
            LetterContent::Update(u) => vec![&u.what_changed, &u.reason, &u.next_steps],
            LetterContent::OutcomeNotice(o) => vec![
                &o.publication,
                &o.not_published_reason,
                &o.board_response,
                &o.next_steps,
            ],
        }
    }

    /// Trims what was typed and checks that the letter has what it must say.
    pub fn validated(&self) -> Result<LetterContent, DomainError> {
        let mut problems = Vec::new();
        let content = match self {
            LetterContent::DecisionNotice => LetterContent::DecisionNotice,
            LetterContent::Update(u) => {
                let u = UpdateDetails {
                    what_changed: u.what_changed.trim().to_owned(),
                    reason: u.reason.trim().to_owned(),
                    revised_completion: u.revised_completion,
                    next_steps: u.next_steps.trim().to_owned(),
                };
                required(
                    &mut problems,
                    "what_changed",
                    &u.what_changed,
                    "what has changed or been delayed",
                );
                required(&mut problems, "reason", &u.reason, "why it has changed");
                LetterContent::Update(u)
            }
            LetterContent::OutcomeNotice(o) => {
                let o = OutcomeDetails {
                    completed_on: o.completed_on,
                    published: o.published,
                    publication: o.publication.trim().to_owned(),
                    not_published_reason: o.not_published_reason.trim().to_owned(),
                    board_response: o.board_response.trim().to_owned(),
                    next_steps: o.next_steps.trim().to_owned(),
                };
                if o.completed_on.is_none() {
                    problems.push(FieldProblem {
                        field: "completed_on",
                        message: "Enter the date the review ended".to_owned(),
                    });
                }
                match o.published {
                    None => problems.push(FieldProblem {
                        field: "published",
                        message: "Select whether the report is published".to_owned(),
                    }),
                    Some(true) => required(
                        &mut problems,
                        "publication",
                        &o.publication,
                        "when and where the report is published",
                    ),
                    Some(false) => required(
                        &mut problems,
                        "not_published_reason",
                        &o.not_published_reason,
                        "why the report is not published",
                    ),
                }
                required(
                    &mut problems,
                    "board_response",
                    &o.board_response,
                    "the Board's response",
                );
                LetterContent::OutcomeNotice(o)
            }
        };
        if problems.is_empty() {
            Ok(content)
        } else {
            Err(DomainError::Invalid {
                summary: "The letter needs more detail".to_owned(),
                problems,
            })
        }
    }
}

fn required(problems: &mut Vec<FieldProblem>, field: &'static str, value: &str, what: &str) {
    if value.is_empty() {
        problems.push(FieldProblem {
            field,
            message: format!("Enter {what}"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(content: LetterContent) -> Vec<&'static str> {
        match content.validated() {
            Err(DomainError::Invalid { problems, .. }) => problems.iter().map(|p| p.field).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn a_decision_notice_needs_nothing_more() {
        assert_eq!(
            LetterContent::DecisionNotice.validated(),
            Ok(LetterContent::DecisionNotice)
        );
    }

    #[test]
    fn an_update_needs_what_changed_and_why() {
        assert_eq!(
            fields(LetterContent::Update(UpdateDetails {
                what_changed: "  ".into(),
                ..UpdateDetails::default()
            })),
            vec!["what_changed", "reason"]
        );
        let ok = LetterContent::Update(UpdateDetails {
            what_changed: " The review will finish later. ".into(),
            reason: "The police asked us to wait.".into(),
            ..UpdateDetails::default()
        })
        .validated()
        .expect("complete");
        assert_eq!(ok.texts()[0], "The review will finish later.");
    }

    #[test]
    fn an_outcome_needs_the_publication_fact_that_matches_the_choice() {
        assert_eq!(
            fields(LetterContent::OutcomeNotice(OutcomeDetails::default())),
            vec!["completed_on", "published", "board_response"]
        );
        let base = OutcomeDetails {
            completed_on: NaiveDate::from_ymd_opt(2017, 5, 3),
            board_response: "An action plan.".into(),
            ..OutcomeDetails::default()
        };
        assert_eq!(
            fields(LetterContent::OutcomeNotice(OutcomeDetails {
                published: Some(true),
                ..base.clone()
            })),
            vec!["publication"]
        );
        assert_eq!(
            fields(LetterContent::OutcomeNotice(OutcomeDetails {
                published: Some(false),
                ..base
            })),
            vec!["not_published_reason"]
        );
    }

    #[test]
    fn content_files_in_snake_case_still_read() {
        // `letters issue --content FILE.json` files written before the names became camelCase.
        let update: LetterContent = serde_json::from_str(
            r#"{"kind":"update","what_changed":"Delayed","reason":"Inquest",
                "revised_completion":"2017-01-31","next_steps":"Nothing asked"}"#,
        )
        .unwrap();
        let LetterContent::Update(details) = update else {
            panic!("{update:?}")
        };
        assert_eq!(details.what_changed, "Delayed");
        assert_eq!(details.revised_completion, NaiveDate::from_ymd_opt(2017, 1, 31));
        assert_eq!(details.next_steps, "Nothing asked");
        let outcome: LetterContent = serde_json::from_str(
            r#"{"kind":"outcome_notice","completed_on":"2017-05-03","published":false,
                "not_published_reason":"Siblings","board_response":"A plan","next_steps":"Audit"}"#,
        )
        .unwrap();
        let LetterContent::OutcomeNotice(details) = outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(details.completed_on, NaiveDate::from_ymd_opt(2017, 5, 3));
        assert_eq!(details.not_published_reason, "Siblings");
        assert_eq!(details.board_response, "A plan");
        assert_eq!(details.next_steps, "Audit");
    }
}
