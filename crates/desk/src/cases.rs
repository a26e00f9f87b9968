//! Cases and the decision wizard's use cases: open a case, save each page, see what is missing,
//! finalise, amend. The restricted annex is read only through [`Desk::read_annex`] (audited).

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use scr_archive::{Archive, CaseRecord};
use scr_domain::annex_scan::{AnnexScanner, AnnexTerm};
use scr_domain::calendar::WorkingCalendar;
use scr_domain::case::{CaseSummary, RestrictedAnnex, DEFAULT_REFERENCE_PATTERN};
use scr_domain::checks::{check_with_calendar, Finding};
use scr_domain::decision::DecisionDraft;
use scr_domain::finalise::FinalisedDecision;
use scr_domain::framework::TimerUnit;
use scr_domain::framework::{DecisionKind, Framework, FrameworkRegistry, FrameworkSummary};
use scr_domain::milestones::Milestone;
use scr_domain::timers::{EventDates, TimerReport, TimerStatus};
use scr_domain::wizard::{notifications_for, wizard_pages, PageRef, RationaleRule, RATIONALE_RULE};
use scr_domain::DomainError;

use crate::case_facts::CaseReadings;
use crate::folder_file::FolderFileProblem;
use crate::frameworks::load_board_frameworks;
use crate::{Desk, DeskError};

/// A case as the wizard and the case page show it: what the board sees, the draft, what is
/// still missing, and the clocks that are running.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseView {
    #[ts(type = "number")]
    pub id: i64,
    pub reference: String,
    pub summary: CaseSummary,
    pub draft: DecisionDraft,
    pub framework: FrameworkSummary,
    pub findings: Vec<Finding>,
    /// True when no finding blocks finalising.
    pub finalisable: bool,
    pub timers: Vec<TimerReport>,
    pub decisions: Vec<DecisionVersion>,
    /// The wizard's pages for this framework and the decision as drafted, in order.
    pub pages: Vec<PageRef>,
    /// What the rationale must have to be full and explicit.
    pub rationale_rule: RationaleRule,
    /// The ids of the national notifications the decision as drafted calls for.
    pub notifications_due: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionVersion {
    pub version: u32,
    pub content_hash: String,
    pub amendment_reason: Option<String>,
}

/// One line of the cases list and dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseListEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub reference: String,
    pub pseudonym: String,
    pub decision_version: Option<u32>,
    pub updated_at: String,
    /// The earliest deadline still open (a missed one first); none when every clock has stopped.
    pub next_deadline: Option<NextDeadline>,
}

/// A running or missed timer, as the cases dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NextDeadline {
    pub label: String,
    pub due: NaiveDate,
    pub unit: TimerUnit,
    /// Days left until it is due (0 on the day), or days since it was missed when `overdue`.
    #[ts(type = "number")]
    pub calendar_days: i64,
    #[ts(type = "number")]
    pub working_days: i64,
    pub overdue: bool,
}

impl NextDeadline {
    fn of(timers: &[TimerReport]) -> Option<NextDeadline> {
        timers
            .iter()
            .filter_map(|timer| {
                let (due, calendar_days, working_days, overdue) = match timer.status {
                    TimerStatus::Running {
                        due,
                        calendar_days,
                        working_days,
                    } => (due, calendar_days, working_days, false),
                    TimerStatus::Overdue {
                        due,
                        calendar_days,
                        working_days,
                    } => (due, calendar_days, working_days, true),
                    _ => return None,
                };
                Some(NextDeadline {
                    label: timer.label.clone(),
                    due,
                    unit: timer.unit,
                    calendar_days,
                    working_days,
                    overdue,
                })
            })
            .min_by_key(|deadline| deadline.due)
    }
}

/// What opening a case needs: the board-facing summary and the restricted annex.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NewCase {
    pub summary: CaseSummary,
    pub annex: RestrictedAnnex,
}

/// The frameworks and calendar a desk decides with.
pub(crate) struct Rules {
    pub registry: FrameworkRegistry,
    pub calendar: WorkingCalendar,
    /// The board's framework files that were refused (see [`crate::frameworks`]).
    pub framework_problems: Vec<FolderFileProblem>,
    /// The retention schedule in force.
    pub retention: crate::retention::LoadedSchedule,
    /// What the rules are, as one hash (see [`Rules::fingerprint`]); worked out when first asked.
    fingerprint: std::sync::OnceLock<Option<String>>,
}

impl Rules {
    /// England's calendar, the built-in frameworks and the board's own from `data_dir`.
    pub(crate) fn england(data_dir: &Path) -> Rules {
        let mut registry = FrameworkRegistry::with_builtins();
        let framework_problems = load_board_frameworks(&mut registry, data_dir);
        Rules {
            registry,
            calendar: WorkingCalendar::england(),
            framework_problems,
            retention: crate::retention::load_schedule(data_dir),
            fingerprint: Default::default(),
        }
    }

    /// The SHA-256 of every framework a case can be decided under and the retention schedule in
    /// force: what a page worked out from the archive depends on besides the archive, the day
    /// and the app itself (whose version covers the built-in calendar). `None` if they cannot be
    /// written out, which never happens for rules that loaded.
    pub(crate) fn fingerprint(&self) -> Option<&str> {
        self.fingerprint
            .get_or_init(|| {
                let frameworks: Vec<&Framework> = self.registry.frameworks().collect();
                let text = serde_json::to_vec(&(frameworks, &self.retention.schedule)).ok()?;
                Some(hex::encode(Sha256::digest(&text)))
            })
            .as_deref()
    }

    pub(crate) fn framework_for(&self, draft: Option<&DecisionDraft>) -> Result<&Framework, DomainError> {
        match draft {
            Some(draft) if !draft.framework_id.is_empty() => {
                self.registry.get(&draft.framework_id, &draft.framework_version)
            }
            _ => Ok(self.registry.default_framework()),
        }
    }
}

impl Desk {
    pub fn frameworks(&self) -> Vec<FrameworkSummary> {
        self.rules.registry.summaries()
    }

    pub fn framework(&self, id: &str, version: &str) -> Result<Framework, DeskError> {
        Ok(self.rules.registry.get(id, version)?.clone())
    }

    /// The cases, each with its next deadline counted to the desk's today. The cases' records,
    /// latest decisions and milestones are each read in one statement, whatever their number.
    pub fn list_cases(&self, search: Option<&str>) -> Result<Vec<CaseListEntry>, DeskError> {
        self.with_archive(|archive| {
            let calendar = self.calendar(archive)?;
            let items = archive.list_cases(search)?;
            if items.is_empty() {
                return Ok(Vec::new());
            }
            let mut readings = CaseReadings::read(archive)?;
            items
                .into_iter()
                .map(|item| {
                    let case = readings.take(item.id)?;
                    let framework = self.rules.framework_for(case.record.draft.as_ref())?;
                    let timers = self.timers_from(
                        &case.record,
                        framework,
                        &calendar,
                        case.decision.and_then(|d| d.kind()),
                        &case.milestones,
                    )?;
                    Ok(CaseListEntry {
                        id: item.id,
                        reference: item.reference,
                        pseudonym: item.pseudonym,
                        decision_version: item.decision_version,
                        updated_at: item.updated_at,
                        next_deadline: NextDeadline::of(&timers),
                    })
                })
                .collect()
        })
    }

    /// Opens a case under the next reference for this year, with a fresh draft under the
    /// default framework.
    pub fn open_case(&self, new_case: NewCase) -> Result<CaseView, DeskError> {
        let year = chrono::Datelike::year(&self.today());
        let framework = self.rules.registry.default_framework();
        self.with_archive(|archive| {
            let record = archive.create_case(
                DEFAULT_REFERENCE_PATTERN,
                year,
                &new_case.summary,
                &new_case.annex,
            )?;
            archive.save_draft(record.id, &DecisionDraft::new(framework))?;
            self.view(archive, record.id)
        })
    }

    pub fn case_view(&self, id: i64) -> Result<CaseView, DeskError> {
        self.with_archive(|archive| self.view(archive, id))
    }

    pub fn save_case_summary(&self, id: i64, summary: CaseSummary) -> Result<CaseView, DeskError> {
        self.with_archive(|archive| {
            archive.update_case_summary(id, &summary)?;
            self.view(archive, id)
        })
    }

    /// Saves one wizard page's worth of answers (the whole draft) and says what is still missing.
    pub fn save_draft(&self, id: i64, draft: DecisionDraft) -> Result<CaseView, DeskError> {
        self.rules.framework_for(Some(&draft))?;
        self.with_archive(|archive| {
            archive.save_draft(id, &draft)?;
            self.view(archive, id)
        })
    }

    /// The identifying details, on demand; the archive records each reading.
    pub fn read_annex(&self, id: i64) -> Result<RestrictedAnnex, DeskError> {
        self.with_archive(|archive| Ok(archive.read_annex(id)?))
    }

    pub fn save_annex(&self, id: i64, annex: RestrictedAnnex) -> Result<CaseView, DeskError> {
        self.with_archive(|archive| {
            archive.update_annex(id, &annex)?;
            self.view(archive, id)
        })
    }

    /// Makes the draft the case's decision, version 1; refused while anything blocks.
    pub fn finalise_decision(&self, id: i64) -> Result<CaseView, DeskError> {
        self.with_archive(|archive| {
            let (record, draft, framework, annex) = self.parts(archive, id)?;
            let calendar = self.calendar(archive)?;
            if !archive.decisions(id)?.is_empty() {
                return Err(DeskError::AlreadyFinalised {
                    reference: record.reference,
                });
            }
            let finalised = FinalisedDecision::finalise_with_calendar(
                &draft,
                &record.summary,
                framework,
                &annex,
                &calendar,
            )?;
            archive.store_decision(id, &finalised)?;
            self.view(archive, id)
        })
    }

    /// Supersedes the latest decision with the current draft, for the reason given.
    pub fn amend_decision(&self, id: i64, reason: &str) -> Result<CaseView, DeskError> {
        self.with_archive(|archive| {
            let (record, draft, framework, annex) = self.parts(archive, id)?;
            let calendar = self.calendar(archive)?;
            let latest = archive.decisions(id)?.pop().ok_or(DeskError::NotFinalised {
                reference: record.reference.clone(),
            })?;
            let amended = latest.amend(&draft, &record.summary, framework, &annex, &calendar, reason)?;
            archive.store_decision(id, &amended)?;
            self.view(archive, id)
        })
    }

    pub fn decisions(&self, id: i64) -> Result<Vec<FinalisedDecision>, DeskError> {
        self.with_archive(|archive| Ok(archive.decisions(id)?))
    }

    /// The annex terms that the case's board-facing text (its summary and the decision draft, as
    /// the check before finalising reads them) uses, with the annex's own wording, for the chair to
    /// judge whether one is safe in context. This shows annex content: recorded as a reading.
    pub fn restricted_terms_in_draft(&self, id: i64) -> Result<Vec<AnnexTerm>, DeskError> {
        self.with_archive(|archive| {
            let (record, draft, framework, guard) = self.parts(archive, id)?;
            archive.read_annex(id)?;
            let mut found: Vec<AnnexTerm> = Vec::new();
            for text in scr_domain::checks::board_texts(&record.summary, &draft, framework) {
                for term in guard.find_terms(text.text) {
                    if !found.iter().any(|t| t.key == term.key) {
                        found.push(term);
                    }
                }
            }
            Ok(found)
        })
    }

    fn parts<'r>(
        &'r self,
        archive: &Archive,
        id: i64,
    ) -> Result<(CaseRecord, DecisionDraft, &'r Framework, AnnexScanner), DeskError> {
        let record = archive.case(id)?;
        let framework = self.rules.framework_for(record.draft.as_ref())?;
        let draft = record
            .draft
            .clone()
            .unwrap_or_else(|| DecisionDraft::new(framework));
        // The case's overrides apply to finalising too: a common word the chair has judged safe
        // must not block the decision any more than its letters.
        let annex = crate::annex_guard::case_guard(archive, id)?;
        Ok((record, draft, framework, annex))
    }

    fn view(&self, archive: &Archive, id: i64) -> Result<CaseView, DeskError> {
        let (record, draft, framework, annex) = self.parts(archive, id)?;
        let calendar = self.calendar(archive)?;
        let findings = check_with_calendar(&draft, &record.summary, framework, &annex, &calendar);
        let finalisable = !findings.iter().any(|finding| finding.blocks);
        let decisions = archive.decisions(id)?;
        let decided = decisions.last().and_then(|latest| latest.record.decision.kind());
        let milestones = archive.milestones(record.id)?;
        let timers = self.timers_from(&record, framework, &calendar, decided, &milestones)?;
        Ok(CaseView {
            id: record.id,
            reference: record.reference,
            summary: record.summary,
            pages: wizard_pages(framework, &draft),
            rationale_rule: RATIONALE_RULE,
            notifications_due: notifications_for(framework, &draft)
                .into_iter()
                .map(|n| n.id.clone())
                .collect(),
            draft,
            framework: framework.summary(self.is_builtin(framework)),
            findings,
            finalisable,
            timers,
            decisions: decisions
                .iter()
                .map(|decision| DecisionVersion {
                    version: decision.record.version,
                    content_hash: decision.content_hash.clone(),
                    amendment_reason: decision.record.supersedes.as_ref().map(|s| s.reason.clone()),
                })
                .collect(),
        })
    }

    /// Every clock of a case on the desk's today; the kind of review the latest finalised decision
    /// chose says which apply, and the milestones recorded after it stop the timers that end on them.
    fn timers_from(
        &self,
        record: &CaseRecord,
        framework: &Framework,
        calendar: &WorkingCalendar,
        decided: Option<DecisionKind>,
        milestones: &[Milestone],
    ) -> Result<Vec<TimerReport>, DeskError> {
        let events = EventDates::from_case(&record.summary, record.draft.as_ref());
        Ok(scr_domain::milestones::timers_with_milestones(
            framework,
            calendar,
            &events,
            milestones,
            decided,
            self.today(),
        )?)
    }

    fn is_builtin(&self, framework: &Framework) -> bool {
        self.frameworks()
            .iter()
            .any(|f| f.builtin && f.id == framework.id && f.version == framework.version)
    }

    /// England's working days less the board's own closure days.
    pub(crate) fn calendar(&self, archive: &Archive) -> Result<WorkingCalendar, DeskError> {
        Ok(self.rules.calendar.clone().with_closures(archive.closure_days()?))
    }
}
