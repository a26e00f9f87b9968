//! Finalising a decision: a complete draft becomes an immutable record with a canonical
//! serialisation and its SHA-256 content hash. A change is a new version that names the version
//! it supersedes (by number and hash) and the reason; both stay in the archive.
//!
//! The canonical serialisation is compact JSON of [`DecisionRecord`]: fields in declaration
//! order, maps sorted by key, no floating-point numbers, so the same record always gives the
//! same bytes, struct fields named in snake_case (see `snake_fields`) even where the type
//! crosses the IPC boundary in camelCase. It is part of the archive format: changing
//! [`DecisionRecord`] or anything in it needs a new [`CANONICAL_FORMAT`]. These types stay in
//! Rust: the UI is shown what the desk makes of them, never the record itself.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::annex_scan::AnnexSource;
use crate::calendar::WorkingCalendar;
use crate::case::CaseSummary;
use crate::checks::{blocking, check_with_calendar, Finding};
use crate::decision::DecisionDraft;
use crate::framework::{Framework, Outcome};
use crate::{DomainError, FieldProblem};

mod outline;
mod snake_fields;

pub use outline::DecisionOutline;

/// Names the shape of [`DecisionRecord`]; stored inside every canonical serialisation.
pub const CANONICAL_FORMAT: &str = "scr-desk/decision/1";

/// What was decided, as finalised: the board-facing case, the draft, and what the checks said.
/// Never contains the restricted annex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub format: String,
    /// 1 for the first finalised decision on a case, then 2, 3... for each amendment.
    pub version: u32,
    pub framework_id: String,
    pub framework_version: String,
    pub criteria_outcome: Outcome,
    pub case: CaseSummary,
    pub decision: DecisionDraft,
    /// The warnings that stood when the decision was finalised (none of them blocking), so the
    /// letter can show them, e.g. a justified departure from the framework.
    pub warnings: Vec<Finding>,
    pub supersedes: Option<Supersedes>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supersedes {
    pub version: u32,
    /// The content hash of the version superseded: its identity.
    pub content_hash: String,
    /// Why the decision was changed, as the decision-maker stated it.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalisedDecision {
    pub record: DecisionRecord,
    /// The exact text that was hashed.
    pub canonical: String,
    /// SHA-256 of `canonical`, in lower-case hex.
    pub content_hash: String,
}

impl FinalisedDecision {
    /// Finalises a draft as version 1, using the England calendar. Refused with
    /// [`DomainError::NotFinalisable`] while any finding blocks.
    pub fn finalise(
        draft: &DecisionDraft,
        case: &CaseSummary,
        framework: &Framework,
        annex: &impl AnnexSource,
    ) -> Result<FinalisedDecision, DomainError> {
        Self::build(draft, case, framework, annex, &WorkingCalendar::england(), None)
    }

    /// As [`FinalisedDecision::finalise`], with the board's calendar.
    pub fn finalise_with_calendar(
        draft: &DecisionDraft,
        case: &CaseSummary,
        framework: &Framework,
        annex: &impl AnnexSource,
        calendar: &WorkingCalendar,
    ) -> Result<FinalisedDecision, DomainError> {
        Self::build(draft, case, framework, annex, calendar, None)
    }

    /// A new version that supersedes this one. The reason must be given (it goes to the board
    /// in the update letter, so it is checked for restricted-annex details too).
    pub fn amend(
        &self,
        draft: &DecisionDraft,
        case: &CaseSummary,
        framework: &Framework,
        annex: &impl AnnexSource,
        calendar: &WorkingCalendar,
        reason: &str,
    ) -> Result<FinalisedDecision, DomainError> {
        let reason = reason.trim();
        let problem = if reason.is_empty() {
            Some("Say why the decision is being changed".to_owned())
        } else {
            let found = annex.scanner().find(reason);
            (!found.is_empty()).then(|| {
                let kinds: Vec<&str> = found.iter().map(|d| d.description()).collect();
                format!(
                    "The reason includes {} from the restricted annex; use the pseudonym instead",
                    kinds.join(", ")
                )
            })
        };
        if let Some(message) = problem {
            return Err(DomainError::Invalid {
                summary: "The reason for the change needs correcting".to_owned(),
                problems: vec![FieldProblem {
                    field: "amendment_reason",
                    message,
                }],
            });
        }
        let supersedes = Supersedes {
            version: self.record.version,
            content_hash: self.content_hash.clone(),
            reason: reason.to_owned(),
        };
        Self::build(draft, case, framework, annex, calendar, Some(supersedes))
    }

    fn build(
        draft: &DecisionDraft,
        case: &CaseSummary,
        framework: &Framework,
        annex: &impl AnnexSource,
        calendar: &WorkingCalendar,
        supersedes: Option<Supersedes>,
    ) -> Result<FinalisedDecision, DomainError> {
        let findings = check_with_calendar(draft, case, framework, annex, calendar);
        let blocking = blocking(&findings);
        if !blocking.is_empty() {
            return Err(DomainError::NotFinalisable { blocking });
        }
        let record = DecisionRecord {
            format: CANONICAL_FORMAT.to_owned(),
            version: supersedes.as_ref().map_or(1, |s| s.version + 1),
            framework_id: framework.id.clone(),
            framework_version: framework.version.clone(),
            criteria_outcome: draft.criteria_outcome(framework),
            case: case.clone(),
            decision: draft.clone(),
            warnings: findings,
            supersedes,
        };
        Ok(Self::from_record(record))
    }

    fn from_record(record: DecisionRecord) -> FinalisedDecision {
        let canonical = canonical_json(&record);
        let content_hash = sha256_hex(&canonical);
        FinalisedDecision {
            record,
            canonical,
            content_hash,
        }
    }

    /// Reads a finalised decision back from its stored canonical text and hash, refusing it if
    /// the text does not hash to `content_hash` or is not in canonical form.
    pub fn from_canonical(canonical: &str, content_hash: &str) -> Result<FinalisedDecision, DomainError> {
        let record: DecisionRecord =
            serde_json::from_str(canonical).map_err(|error| tampered(error.to_string()))?;
        let rebuilt = Self::from_record(record);
        if rebuilt.canonical != canonical {
            return Err(tampered("the text is not in canonical form".into()));
        }
        if !rebuilt.content_hash.eq_ignore_ascii_case(content_hash) {
            return Err(tampered("the text does not match its content hash".into()));
        }
        Ok(rebuilt)
    }

    /// Whether the record, its canonical text and its hash still agree.
    pub fn verify(&self) -> bool {
        canonical_json(&self.record) == self.canonical && sha256_hex(&self.canonical) == self.content_hash
    }
}

fn tampered(reason: String) -> DomainError {
    DomainError::Invalid {
        summary: "The finalised decision could not be verified".to_owned(),
        problems: vec![FieldProblem {
            field: "canonical",
            message: reason,
        }],
    }
}

fn canonical_json(record: &DecisionRecord) -> String {
    // Serialising plain structs, strings, integers, enums and BTreeMaps cannot fail.
    snake_fields::to_json(record).unwrap_or_else(|error| panic!("decision record serialises: {error}"))
}

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::tests::{annex, case, d, lcspr_case, lcspr_draft, wt2015_draft};
    use crate::checks::FindingCode;
    use crate::decision::DecisionChoice;
    use crate::framework::{DecisionKind, FrameworkRegistry};

    /// The hash of the WT2015 fixture. If this changes, so did the canonical form (or the
    /// fixture): a change of form needs a new CANONICAL_FORMAT.
    const PINNED_HASH: &str = "6c454aae8596abf1cb27c691d70839284922985ecf7ef9edd14800640ead41ac";

    fn wt2015() -> Framework {
        FrameworkRegistry::with_builtins()
            .latest("wt2015-scr")
            .unwrap()
            .clone()
    }

    #[test]
    fn a_complete_draft_finalises_with_a_stable_hash() {
        let f = wt2015();
        let first = FinalisedDecision::finalise(&wt2015_draft(&f), &case(), &f, &annex()).unwrap();
        let again = FinalisedDecision::finalise(&wt2015_draft(&f), &case(), &f, &annex()).unwrap();
        assert_eq!(first, again);
        assert_eq!(first.record.version, 1);
        assert_eq!(first.record.criteria_outcome, Outcome::Met);
        assert!(first.record.supersedes.is_none());
        assert_eq!(first.content_hash.len(), 64);
        assert!(first.verify());
        assert!(first
            .canonical
            .starts_with("{\"format\":\"scr-desk/decision/1\",\"version\":1,"));
        // The canonical form is part of the archive format: this pin fails if it changes.
        assert_eq!(first.content_hash, sha256_hex(&first.canonical));
        assert_eq!(
            first.content_hash, PINNED_HASH,
            "canonical form changed: bump CANONICAL_FORMAT"
        );
        let restored = FinalisedDecision::from_canonical(&first.canonical, &first.content_hash).unwrap();
        assert_eq!(restored, first);
    }

    #[test]
    fn an_outline_read_from_the_stored_text_is_the_outline_of_the_whole_decision() {
        let f = wt2015();
        // The example has a review plan and national notifications: every field is read.
        let draft = wt2015_draft(&f);
        let done = FinalisedDecision::finalise(&draft, &case(), &f, &annex()).unwrap();
        let outline = DecisionOutline::from_stored(&done.canonical, &done.content_hash).unwrap();
        assert_eq!(outline, DecisionOutline::of(&done));
        // Each field read from the text, none left at its default.
        assert_eq!(outline.framework_id, "wt2015-scr");
        assert_eq!(outline.kind(), Some(DecisionKind::Review));
        assert_eq!(outline.decision_date, Some(d("2016-04-12")));
        assert_eq!(outline.expected_completion, Some(d("2016-10-12")));
        assert!(!outline.notifications.is_empty());
        assert_eq!(outline.notifications, draft.notifications);
    }

    #[test]
    fn the_hash_is_sha256_in_lower_case_hex() {
        // FIPS 180-2 test vector.
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_annex_is_never_in_the_record() {
        let f = wt2015();
        let done = FinalisedDecision::finalise(&wt2015_draft(&f), &case(), &f, &annex()).unwrap();
        for secret in ["Tyler", "Blackwood", "2014-06-09", "Mill Lane", "AN1 4XY", "Dana"] {
            assert!(!done.canonical.contains(secret), "{secret}");
        }
    }

    #[test]
    fn any_change_to_the_content_changes_the_hash_and_fails_verification() {
        let f = wt2015();
        let done = FinalisedDecision::finalise(&wt2015_draft(&f), &case(), &f, &annex()).unwrap();
        let mut draft = wt2015_draft(&f);
        draft.rationale = Some(format!("{} ", draft.rationale.unwrap()));
        let other = FinalisedDecision::finalise(&draft, &case(), &f, &annex()).unwrap();
        assert_ne!(other.content_hash, done.content_hash);

        let mut forged = done.clone();
        forged.record.decision.decision_date = Some(d("2016-04-13"));
        assert!(!forged.verify());
        let tampered_text = done.canonical.replace("2016-04-12", "2016-04-13");
        assert!(FinalisedDecision::from_canonical(&tampered_text, &done.content_hash).is_err());
        let pretty = serde_json::to_string_pretty(&done.record).unwrap();
        let pretty_hash = sha256_hex(&pretty);
        assert!(FinalisedDecision::from_canonical(&pretty, &pretty_hash).is_err());
    }

    #[test]
    fn a_stored_decision_reads_back_as_its_outline_and_a_changed_text_is_refused() {
        let f = wt2015();
        let done = FinalisedDecision::finalise(&wt2015_draft(&f), &case(), &f, &annex()).unwrap();
        let read = DecisionOutline::from_stored(&done.canonical, &done.content_hash).unwrap();
        assert_eq!(read, DecisionOutline::of(&done));
        let upper = done.content_hash.to_uppercase();
        assert_eq!(
            DecisionOutline::from_stored(&done.canonical, &upper).unwrap(),
            DecisionOutline::of(&done)
        );
        let tampered_text = done.canonical.replace("2016-04-12", "2016-04-13");
        assert!(DecisionOutline::from_stored(&tampered_text, &done.content_hash).is_err());
        assert!(DecisionOutline::from_stored("{}", &sha256_hex("{}")).is_err());
    }

    #[test]
    fn an_incomplete_draft_is_refused_with_its_blocking_findings() {
        let f = wt2015();
        let mut draft = wt2015_draft(&f);
        draft.rationale = Some("Too short.".into());
        draft.qm2.remove("resources");
        match FinalisedDecision::finalise(&draft, &case(), &f, &annex()) {
            Err(DomainError::NotFinalisable { blocking }) => {
                let codes: Vec<FindingCode> = blocking.iter().map(|f| f.code).collect();
                assert_eq!(
                    codes,
                    [FindingCode::Qm2Unaddressed, FindingCode::RationaleTooShort]
                );
            }
            other => panic!("expected NotFinalisable, got {other:?}"),
        }
    }

    #[test]
    fn warnings_are_kept_in_the_record() {
        let f = wt2015();
        let mut draft = wt2015_draft(&f);
        draft.decision_date = Some(d("2016-04-18"));
        let done = FinalisedDecision::finalise(&draft, &case(), &f, &annex()).unwrap();
        let codes: Vec<FindingCode> = done.record.warnings.iter().map(|f| f.code).collect();
        assert_eq!(codes, [FindingCode::DecisionLate]);
    }

    #[test]
    fn an_amendment_supersedes_with_a_reason() {
        let f = wt2015();
        let calendar = WorkingCalendar::england();
        let first = FinalisedDecision::finalise(&wt2015_draft(&f), &case(), &f, &annex()).unwrap();
        let mut changed = wt2015_draft(&f);
        changed.decision = Some(DecisionChoice {
            kind: DecisionKind::Review,
            alternative_type: None,
        });
        changed.review_plan.as_mut().unwrap().methodology = Some("A learning together review.".into());
        for reason in ["", "   "] {
            let error = first
                .amend(&changed, &case(), &f, &annex(), &calendar, reason)
                .unwrap_err();
            assert!(
                matches!(error, DomainError::Invalid { ref problems, .. } if problems[0].field == "amendment_reason")
            );
        }
        let error = first
            .amend(&changed, &case(), &f, &annex(), &calendar, "Tyler's family asked")
            .unwrap_err();
        let DomainError::Invalid { problems, .. } = error else {
            panic!("expected Invalid")
        };
        assert!(!problems[0].message.contains("Tyler"));
        let second = first
            .amend(
                &changed,
                &case(),
                &f,
                &annex(),
                &calendar,
                "  The reviewer proposed a different methodology.  ",
            )
            .unwrap();
        assert_eq!(second.record.version, 2);
        assert_eq!(
            second.record.supersedes,
            Some(Supersedes {
                version: 1,
                content_hash: first.content_hash.clone(),
                reason: "The reviewer proposed a different methodology.".into(),
            })
        );
        assert_ne!(second.content_hash, first.content_hash);
        assert!(second.verify());
        let third = second
            .amend(&changed, &case(), &f, &annex(), &calendar, "Dates corrected.")
            .unwrap();
        assert_eq!(third.record.version, 3);
        assert_eq!(
            third.record.supersedes.as_ref().map(|s| s.content_hash.as_str()),
            Some(second.content_hash.as_str())
        );
        // An amendment is checked like a first decision.
        let mut incomplete = changed.clone();
        incomplete.rationale = None;
        assert!(matches!(
            second.amend(&incomplete, &case(), &f, &annex(), &calendar, "Why not."),
            Err(DomainError::NotFinalisable { .. })
        ));
    }

    #[test]
    fn lcspr_needs_all_three_sign_offs_to_finalise() {
        let registry = FrameworkRegistry::with_builtins();
        let f = registry.latest("wt2023-lcspr").unwrap();
        let mut draft = lcspr_draft(f);
        assert!(FinalisedDecision::finalise(&draft, &lcspr_case(), f, &annex()).is_ok());
        draft.signoffs.pop();
        match FinalisedDecision::finalise(&draft, &lcspr_case(), f, &annex()) {
            Err(DomainError::NotFinalisable { blocking }) => {
                assert_eq!(blocking.len(), 1);
                assert_eq!(blocking[0].code, FindingCode::PartnersSignoffMissing);
                assert_eq!(blocking[0].location.item.as_deref(), Some("police"));
            }
            other => panic!("expected NotFinalisable, got {other:?}"),
        }
    }
}
