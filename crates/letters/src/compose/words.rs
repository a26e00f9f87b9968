//! Small pieces of wording shared by every kind of letter.

use chrono::NaiveDate;
use scr_domain::decision::DecisionDraft;
use scr_domain::framework::{DecisionKind, DecisionMakerKind, Framework, Timer, TimerUnit};

use crate::model::Block;

/// "12 April 2016", as letters write dates.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A date if known, else the words given.
pub fn date_or(date: Option<NaiveDate>, otherwise: &str) -> String {
    date.map(long_date).unwrap_or_else(|| otherwise.to_owned())
}

/// "1 month", "15 working days", "14 days".
pub fn timescale(timer: &Timer) -> String {
    let n = timer.length;
    let plural = if n == 1 { "" } else { "s" };
    match timer.unit {
        TimerUnit::Months => format!("{n} month{plural}"),
        TimerUnit::WorkingDays => format!("{n} working day{plural}"),
        TimerUnit::CalendarDays => format!("{n} day{plural}"),
    }
}

/// Who speaks: the chair ("I") or the safeguarding partners jointly ("we").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voice {
    joint: bool,
}

impl Voice {
    pub fn of(framework: &Framework) -> Voice {
        Voice {
            joint: framework.decision_maker.model == DecisionMakerKind::Joint,
        }
    }

    /// "I" or "We", to start a sentence.
    pub fn subject(self) -> &'static str {
        if self.joint {
            "We"
        } else {
            "I"
        }
    }

    /// "I" or "we", within a sentence.
    pub fn mid(self) -> &'static str {
        if self.joint {
            "we"
        } else {
            "I"
        }
    }

    /// "I am" or "We are".
    pub fn am(self) -> &'static str {
        if self.joint {
            "We are"
        } else {
            "I am"
        }
    }

    /// "my" or "our".
    pub fn possessive(self) -> &'static str {
        if self.joint {
            "our"
        } else {
            "my"
        }
    }

    /// "me" or "us".
    pub fn object(self) -> &'static str {
        if self.joint {
            "us"
        } else {
            "me"
        }
    }
}

/// The decision in a few words, for the update and outcome letters: "to commission a Serious
/// Case Review".
pub fn decision_phrase(framework: &Framework, draft: &DecisionDraft) -> String {
    let review = &framework.terminology.review_name;
    match draft
        .decision
        .as_ref()
        .map(|d| (d.kind, d.alternative_type.as_deref()))
    {
        Some((DecisionKind::Review, _)) => format!("to commission a {review}"),
        Some((DecisionKind::AlternativeReview, alternative)) => {
            let label = alternative
                .and_then(|id| framework.alternative_review_type(id))
                .map(|t| t.label.to_lowercase())
                .unwrap_or_else(|| "review of another kind".to_owned());
            format!("not to commission a {review}, but to hold a {label}")
        }
        Some((DecisionKind::NoReview, _)) => format!("not to commission a {review} or any other review"),
        None => "on the case".to_owned(),
    }
}

/// A paragraph of plain text.
pub fn para(text: impl Into<String>) -> Block {
    Block::Paragraph {
        lead: None,
        text: text.into(),
    }
}

/// A paragraph with a bold lead-in: "Scope: ...".
pub fn led(lead: &str, text: impl Into<String>) -> Block {
    Block::Paragraph {
        lead: Some(lead.to_owned()),
        text: text.into(),
    }
}

/// Text as typed by the chair: one paragraph per blank-line-separated block.
pub fn paragraphs(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(para)
        .collect()
}

/// Appends a full stop unless the sentence already ends with punctuation.
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    match text.chars().last() {
        Some('.' | '!' | '?' | ':' | ')' | '”' | '"') | None => text.to_owned(),
        Some(_) => format!("{text}."),
    }
}

/// Numbers headings in order: "1. The decision", "2. ...".
#[derive(Debug, Default)]
pub struct Sections {
    count: usize,
    pub blocks: Vec<Block>,
}

impl Sections {
    pub fn heading(&mut self, text: &str) {
        self.count += 1;
        self.blocks.push(Block::Heading {
            text: format!("{}. {text}", self.count),
        });
    }

    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    pub fn extend(&mut self, blocks: impl IntoIterator<Item = Block>) {
        self.blocks.extend(blocks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_letters_write_them() {
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2016, 4, 2).unwrap()),
            "2 April 2016"
        );
        assert_eq!(date_or(None, "not yet known"), "not yet known");
    }

    #[test]
    fn sentences_get_one_full_stop() {
        assert_eq!(sentence("Done"), "Done.");
        assert_eq!(sentence("Done. "), "Done.");
        assert_eq!(sentence("Really?"), "Really?");
    }

    #[test]
    fn typed_text_keeps_its_paragraphs_but_not_its_line_breaks() {
        let blocks = paragraphs("One line\nwrapped.\n\n\nTwo.\n\n  ");
        assert_eq!(blocks, vec![para("One line wrapped."), para("Two.")]);
    }

    #[test]
    fn sections_number_their_headings() {
        let mut s = Sections::default();
        s.heading("First");
        s.push(para("x"));
        s.heading("Second");
        assert_eq!(
            s.blocks[2],
            Block::Heading {
                text: "2. Second".into()
            }
        );
    }
}
