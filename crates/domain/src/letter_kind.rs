//! The closed sets of a letter: what kind it is, to whom it is addressed, and how a request
//! addresses the board. The archive stores them by these names; the app receives them as
//! TypeScript unions.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use crate::notices::LetterContent;

/// The kinds of letter: the decision notice, an update (a delay or a change), and the outcome
/// notice when the review ends ([`crate::notices`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    DecisionNotice,
    Update,
    OutcomeNotice,
}

impl LetterKind {
    pub const ALL: [LetterKind; 3] = [
        LetterKind::DecisionNotice,
        LetterKind::Update,
        LetterKind::OutcomeNotice,
    ];

    /// The stable name the archive stores and scripts read.
    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::DecisionNotice => "decision_notice",
            LetterKind::Update => "update",
            LetterKind::OutcomeNotice => "outcome_notice",
        }
    }

    pub fn parse(text: &str) -> Option<LetterKind> {
        LetterKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// The kind of the letter this content makes.
    pub fn of(content: &LetterContent) -> LetterKind {
        match content {
            LetterContent::DecisionNotice => LetterKind::DecisionNotice,
            LetterContent::Update(_) => LetterKind::Update,
            LetterContent::OutcomeNotice(_) => LetterKind::OutcomeNotice,
        }
    }

    /// For people: "Decision notice", "Update", "Outcome notice".
    pub fn label(self) -> &'static str {
        match self {
            LetterKind::DecisionNotice => "Decision notice",
            LetterKind::Update => "Update",
            LetterKind::OutcomeNotice => "Outcome notice",
        }
    }
}

/// One circular to the whole board, a personalised copy for each member, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Addressing {
    Circular,
    Personalised,
    Both,
}

impl Addressing {
    pub fn includes_circular(self) -> bool {
        matches!(self, Addressing::Circular | Addressing::Both)
    }

    pub fn includes_personal_copies(self) -> bool {
        matches!(self, Addressing::Personalised | Addressing::Both)
    }
}

/// Who a letter is addressed to. Stored, and sent to the app, as "circular" or the member's id
/// in the board register, as it always has been.
#[derive(Debug, Clone, PartialEq, Eq, Hash, TS)]
#[ts(type = "string")]
pub enum Recipient {
    /// One letter to every member of the board.
    Circular,
    /// A personalised copy for one member (their id in the board register).
    Member(i64),
}

impl Recipient {
    const CIRCULAR: &'static str = "circular";

    /// The stored name: "circular" or the member's id.
    pub fn to_stored(&self) -> String {
        match self {
            Recipient::Circular => Recipient::CIRCULAR.to_owned(),
            Recipient::Member(id) => id.to_string(),
        }
    }

    pub fn parse(text: &str) -> Option<Recipient> {
        if text == Recipient::CIRCULAR {
            return Some(Recipient::Circular);
        }
        // Only a member id as written by `to_stored`: digits, no sign or spaces.
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse().ok().map(Recipient::Member)
    }

    pub fn member(&self) -> Option<i64> {
        match self {
            Recipient::Circular => None,
            Recipient::Member(id) => Some(*id),
        }
    }
}

impl Serialize for Recipient {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_stored())
    }
}

impl<'de> Deserialize<'de> for Recipient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Recipient::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a letter's recipient: {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_recipient_reads_back_from_its_stored_name() {
        for kind in LetterKind::ALL {
            assert_eq!(LetterKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        assert_eq!(LetterKind::parse("decision notice"), None);
        for recipient in [Recipient::Circular, Recipient::Member(17)] {
            assert_eq!(Recipient::parse(&recipient.to_stored()), Some(recipient.clone()));
            let json = serde_json::to_string(&recipient).unwrap();
            assert_eq!(serde_json::from_str::<Recipient>(&json).unwrap(), recipient);
        }
        for bad in ["", "Circular", "-3", " 4", "member-17", "99999999999999999999"] {
            assert_eq!(Recipient::parse(bad), None, "{bad:?}");
        }
    }
}
