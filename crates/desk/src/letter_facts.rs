//! What the verifier found about a letter lasting and being read, in words for the Verify page
//! and `scr-desk verify`: its archival format (PDF/A), whether a screen reader can follow it
//! (tagged, PDF/UA), each signature's timestamp, and whether it carries its own validation data.

use serde::Serialize;
use ts_rs::TS;

use scr_letters::{DocumentFacts, TimestampReport};

/// A signature's timestamp from a timestamp authority (RFC 3161).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimestampCheck {
    /// The authority, by its certificate's name.
    pub authority: Option<String>,
    /// RFC 3339 UTC.
    pub at: Option<String>,
    /// "12 April 2016 at 15:03 BST".
    pub at_display: Option<String>,
    /// The token is for this signature and the authority's signature on it verifies.
    pub holds: bool,
    /// The authority's certificate chains to the CA certificate in the board's settings.
    pub trusted: bool,
}

/// The letter as an archival, accessible document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentCheck {
    /// "PDF/A-2a", when the letter claims an archival format.
    pub pdfa: Option<String>,
    /// "PDF/UA-1", when the letter claims to be accessible.
    pub pdfua: Option<String>,
    /// It has a structure tree: a screen reader follows its reading order, headings and table.
    pub tagged: bool,
    /// It carries the certificates and a revocation list for checking it offline (PAdES B-LT).
    pub long_term_validation: bool,
    /// The revocation list it carries is signed by a certificate the check trusted.
    pub revocation_list_trusted: bool,
    /// One sentence each, for people.
    pub summary: Vec<String>,
}

pub(crate) fn timestamp_check(t: &TimestampReport) -> TimestampCheck {
    TimestampCheck {
        authority: t.authority.clone(),
        at: t.time.map(|t| t.to_rfc3339()),
        at_display: t.time.map(|t| {
            let (local, zone) = t.uk_local();
            format!("{} at {} {zone}", local.long_date(), local.hour_minute())
        }),
        holds: t.imprint_matches && t.signature_valid,
        trusted: t.trusted,
    }
}

pub(crate) fn document_check(d: &DocumentFacts, timestamps: &[Option<TimestampCheck>]) -> DocumentCheck {
    let pdfa = d.pdfa.as_ref().map(|level| {
        let (part, conformance) = level.split_at(level.len().min(1));
        format!("PDF/A-{part}{}", conformance.to_ascii_lowercase())
    });
    let pdfua = d.pdfua.as_ref().map(|part| format!("PDF/UA-{part}"));
    let data = d.validation_data.clone().unwrap_or_default();
    let long_term_validation = d.validation_data.is_some()
        && data.certificates > 0
        && data.revocation_lists + data.ocsp_responses > 0;
    let mut summary = vec![match &pdfa {
        Some(level) => format!("Archival format: {level} (ISO 19005), for keeping for decades."),
        None => "Archival format: none claimed (not PDF/A).".to_owned(),
    }];
    summary.push(match (d.tagged, &pdfua) {
        (true, Some(ua)) => format!("Accessible: tagged for screen readers, and claims {ua} (ISO 14289)."),
        (true, None) => "Accessible: tagged for screen readers.".to_owned(),
        (false, _) => "Accessible: not tagged, so a screen reader has to guess the reading order.".to_owned(),
    });
    let stamped: Vec<&TimestampCheck> = timestamps.iter().flatten().collect();
    summary.push(if stamped.is_empty() {
        "Timestamp: none; the signing time is the signer's own clock.".to_owned()
    } else {
        let who: Vec<String> = stamped
            .iter()
            .map(|t| {
                format!(
                    "{} on {}{}",
                    t.authority.as_deref().unwrap_or("an unnamed authority"),
                    t.at_display.as_deref().unwrap_or("an unreadable date"),
                    match (t.holds, t.trusted) {
                        (false, _) => " (it does NOT hold)",
                        (true, true) => " (trusted)",
                        (true, false) => " (not checked against a trusted authority certificate)",
                    }
                )
            })
            .collect();
        format!("Timestamped by {}.", who.join("; "))
    });
    summary.push(if long_term_validation {
        format!(
            "Long-term validation data: {} certificates and {} revocation list(s){}; it can be checked offline.",
            data.certificates,
            data.revocation_lists,
            if data.revocation_list_from_trusted {
                " from the board's authority"
            } else {
                ""
            }
        )
    } else {
        "Long-term validation data: none; checking it later may need the board's certificate and an online check."
            .to_owned()
    });
    DocumentCheck {
        pdfa,
        pdfua,
        tagged: d.tagged,
        long_term_validation,
        revocation_list_trusted: data.revocation_list_from_trusted,
        summary,
    }
}
