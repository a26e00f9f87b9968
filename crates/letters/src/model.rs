//! What a decision letter is made of. The desk fills these from the archive; the renderer prints
//! exactly what is here and nothing else.

use serde::{Deserialize, Serialize};

use crate::report::Chart;

/// The board's letterhead, printed at the top of the first page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Letterhead {
    /// "Anytown Safeguarding Children Board"
    pub board_name: String,
    /// Postal address, one line each.
    #[serde(default)]
    pub address_lines: Vec<String>,
    /// A PNG or JPEG logo, printed at the top right (at most 22 mm high).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_hex")]
    pub logo: Option<Vec<u8>>,
}

/// A block of the letter's body, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A numbered or plain heading, e.g. "1. The decision". Never left alone at a page foot.
    Heading { text: String },
    /// A paragraph; `lead`, when given, is printed in bold before the text on the same line.
    Paragraph {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lead: Option<String>,
        text: String,
    },
    /// A bulleted list, one item per entry.
    Bullets { items: Vec<String> },
    /// A table with a header row; every cell wraps. `widths` are relative column widths
    /// (empty: equal widths).
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        #[serde(default)]
        widths: Vec<f32>,
    },
    /// A bar chart drawn as vector graphics, with its text alternative (reports).
    Chart(Chart),
}

/// Someone who signs the letter: their typed name and role appear under the signature block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    pub name: String,
    /// "Independent Chair"
    pub role: String,
}

/// Everything printed in a decision letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterDocument {
    pub letterhead: Letterhead,
    /// Protective marking, e.g. "OFFICIAL-SENSITIVE", printed at the top and foot of every page.
    pub protective_marking: String,
    /// "SCR-2016-004"
    pub reference: String,
    /// The date as displayed, e.g. "12 April 2016".
    pub date: String,
    /// The addressee block, one line each: "To: all members of Anytown Safeguarding Children
    /// Board", or a named member's name, role and agency.
    pub addressee: Vec<String>,
    /// "Decision on a Serious Case Review: Child T"
    pub title: String,
    /// "Dear colleagues,"
    pub salutation: String,
    pub body: Vec<Block>,
    /// "Yours sincerely,"
    pub closing: String,
    /// One or more signatories; each gets a signature block (joint sign-off: several).
    pub signatories: Vec<Signatory>,
    /// The distribution list: a sentence such as "all 12 members of the Board in post on 12 April
    /// 2016:" followed by the recipients ("Name, Agency").
    pub distribution: Distribution,
    /// The "How to check this letter is genuine" note.
    pub verification_note: String,
    pub metadata: LetterMetadata,
}

impl LetterDocument {
    /// Every piece of text this letter prints, in no particular order (the renderer adds only
    /// page furniture: "Our reference:", "Date:", "Page N of M", "Distribution:", "How to check
    /// this letter is genuine:", bullets and separators).
    pub fn printed_text(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![
            &self.letterhead.board_name,
            &self.protective_marking,
            &self.reference,
            &self.date,
            &self.title,
            &self.salutation,
            &self.closing,
            &self.distribution.intro,
            &self.verification_note,
        ];
        out.extend(self.letterhead.address_lines.iter().map(String::as_str));
        out.extend(self.addressee.iter().map(String::as_str));
        out.extend(self.distribution.recipients.iter().map(String::as_str));
        for s in &self.signatories {
            out.push(&s.name);
            out.push(&s.role);
        }
        for b in &self.body {
            match b {
                Block::Heading { text } => out.push(text),
                Block::Paragraph { lead, text } => {
                    out.extend(lead.as_deref());
                    out.push(text);
                }
                Block::Bullets { items } => out.extend(items.iter().map(String::as_str)),
                Block::Table { header, rows, .. } => {
                    out.extend(header.iter().map(String::as_str));
                    out.extend(rows.iter().flatten().map(String::as_str));
                }
                Block::Chart(chart) => out.extend(chart.printed_text()),
            }
        }
        out
    }
}

/// The standard "How to check this letter is genuine" note, naming the signers and the board
/// certificate's fingerprint (give it [`crate::Fingerprint::grouped`]).
pub fn standard_verification_note(signers: &[&str], board_fingerprint_grouped: &str) -> String {
    let who = match signers {
        [] => "the Board".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    };
    format!(
        "open this letter in Adobe Acrobat Reader (or any PDF reader that shows signatures) and look at \
         the signature panel: it should say that the document has not been modified since it was signed \
         by {who}. The signature must chain to the Board’s certificate, whose SHA-256 fingerprint is \
         {board_fingerprint_grouped}. You can also check the letter with SCR Decision Desk: “Verify a letter”."
    )
}

/// The note of a letter the desk issues: the standard note, then what proves when it was signed
/// (PAdES B-T with a timestamp authority's token, B-B with the signer's clock only) and that it
/// carries its own validation data (B-LT).
pub fn verification_note(
    signers: &[&str],
    board_fingerprint_grouped: &str,
    timestamped_by: Option<&str>,
) -> String {
    let when = match timestamped_by {
        Some(authority) => format!(
            "Each signature also carries a timestamp from {authority}, an independent timestamp authority,              which proves when it was made."
        ),
        None => "The signing time is the signer’s own clock: no timestamp authority vouches for it.".to_string(),
    };
    format!(
        "{} {when} The letter carries the certificates and the revocation list needed to check it in years          to come without going online.",
        standard_verification_note(signers, board_fingerprint_grouped)
    )
}

/// Who received the letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distribution {
    pub intro: String,
    pub recipients: Vec<String>,
}

/// The PDF's document information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterMetadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// BCP 47 language tag written as the catalog's `/Lang`; "en-GB" unless you have a reason.
    #[serde(default = "default_lang")]
    pub language: String,
}

fn default_lang() -> String {
    "en-GB".to_string()
}

mod opt_hex {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(bytes) => s.serialize_some(&hex::encode(bytes)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        let v: Option<String> = Option::deserialize(d)?;
        v.map(|h| hex::decode(h).map_err(serde::de::Error::custom))
            .transpose()
    }
}
