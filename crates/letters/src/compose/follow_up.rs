//! The letters that follow a decision: an update when the review is delayed or changed (QM8),
//! and the outcome notice when it ends.

use scr_domain::framework::DecisionKind;
use scr_domain::notices::{OutcomeDetails, UpdateDetails};

use super::words::{date_or, decision_phrase, led, long_date, para, paragraphs, Sections, Voice};
use super::DecisionFacts;
use crate::model::Block;

/// "On 12 April 2016 I told the Board that I had decided to commission a Serious Case Review."
fn reminder(facts: &DecisionFacts<'_>, pseudonym: &str) -> Block {
    let voice = Voice::of(facts.framework);
    let draft = &facts.decision.decision;
    let reference = facts.decision.case.reference.as_deref().unwrap_or("");
    para(format!(
        "{} writing about the case of {pseudonym} (our reference {reference}). On {}, {} told the Board \
         that {} had decided {}.",
        voice.am(),
        date_or(draft.decision_date, "the date of the decision"),
        voice.mid(),
        voice.mid(),
        decision_phrase(facts.framework, draft)
    ))
}

fn contact(facts: &DecisionFacts<'_>, s: &mut Sections) {
    if let Some(contact) = &facts.board.contact {
        s.push(para(format!(
            "If you have questions about this letter, please contact {contact}."
        )));
    }
}

pub fn update_body(facts: &DecisionFacts<'_>, pseudonym: &str, details: &UpdateDetails) -> Vec<Block> {
    let mut s = Sections::default();
    s.push(reminder(facts, pseudonym));
    s.heading("What has changed");
    s.extend(paragraphs(&details.what_changed));
    s.heading("Why");
    s.extend(paragraphs(&details.reason));
    if let Some(revised) = details.revised_completion {
        s.heading("The new timetable");
        let before = facts
            .decision
            .decision
            .review_plan
            .as_ref()
            .and_then(|p| p.expected_completion)
            .map(|d| format!(", instead of {}", long_date(d)))
            .unwrap_or_default();
        s.push(para(format!(
            "The review is now expected to be completed by {}{before}.",
            long_date(revised)
        )));
    }
    if !details.next_steps.is_empty() {
        s.heading("What happens next");
        s.extend(paragraphs(&details.next_steps));
    }
    contact(facts, &mut s);
    s.blocks
}

pub fn outcome_body(facts: &DecisionFacts<'_>, pseudonym: &str, details: &OutcomeDetails) -> Vec<Block> {
    let mut s = Sections::default();
    s.push(reminder(facts, pseudonym));
    let review = match facts.decision.decision.kind() {
        Some(DecisionKind::Review) => format!("The {}", facts.framework.terminology.review_name),
        _ => "The review".to_owned(),
    };
    s.heading("The review has ended");
    s.push(para(format!(
        "{review} of the case of {pseudonym} ended on {}.",
        date_or(details.completed_on, "a date not recorded")
    )));
    s.heading("Publication");
    match details.published {
        Some(true) => s.push(led("The report is published:", details.publication.clone())),
        Some(false) => {
            s.push(para("The report will not be published."));
            s.extend(paragraphs(&details.not_published_reason));
        }
        None => s.push(para("Whether the report will be published has not been decided.")),
    }
    s.heading("The Board’s response");
    s.extend(paragraphs(&details.board_response));
    if !details.next_steps.is_empty() {
        s.heading("What happens next");
        s.extend(paragraphs(&details.next_steps));
    }
    contact(facts, &mut s);
    s.blocks
}
