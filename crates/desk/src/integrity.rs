//! The integrity check as the app and scripts show it.

use scr_domain::text::sentence_case;
use serde::Serialize;
use ts_rs::TS;

use scr_archive::CheckReport;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IntegrityReport {
    pub clean: bool,
    /// One sentence for people.
    pub summary: String,
    pub audit_events: u32,
    /// The first audit event where the chain breaks, if it does.
    pub first_broken_event: Option<u32>,
    pub problems: Vec<String>,
}

impl From<&CheckReport> for IntegrityReport {
    fn from(report: &CheckReport) -> IntegrityReport {
        let mut problems: Vec<String> = report
            .cipher_problems
            .iter()
            .chain(&report.database_problems)
            .cloned()
            .collect();
        if let Some(link) = &report.audit_break {
            problems.push(format!("audit event {}: {}", link.seq, link.reason));
        }
        problems.extend(report.tampered_rows.iter().map(ToString::to_string));
        IntegrityReport {
            clean: report.is_clean(),
            summary: sentence_case(&report.summary()),
            audit_events: u32::try_from(report.audit_events).unwrap_or(u32::MAX),
            first_broken_event: report
                .audit_break
                .as_ref()
                .and_then(|link| u32::try_from(link.seq).ok()),
            problems,
        }
    }
}
