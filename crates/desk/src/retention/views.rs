//! What the retention pages and the command line are given: the backend decides what is due,
//! held, blocked and allowed; the pages only show it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use scr_archive::DisposalScope;
use scr_domain::retention::certificate::{
    BackupBefore, DecisionFingerprint, DisposalCertificate, LetterFingerprint, RemovedRows, SecondPerson,
};
use scr_domain::retention::{BackupDue, ClassStatus, DueItem, EndAction, RecordClass, RetentionSchedule};

use crate::folder_file::FolderFileProblem;

/// The due-for-review page: the schedule in force, what is due, the holds, past disposals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionOverview {
    pub schedule: RetentionSchedule,
    /// The board's schedule file, when it was refused (the built-in schedule is shown meanwhile).
    pub schedule_problems: Vec<FolderFileProblem>,
    /// Why nothing can be disposed of at the moment, if that is so.
    pub disposal_blocked: Option<String>,
    /// Where the board's schedule file goes.
    pub folder: String,
    pub today: NaiveDate,
    pub due: Vec<DueItem>,
    pub backups_due: Vec<BackupDue>,
    /// Holds in force on the whole archive.
    pub archive_holds: Vec<HoldView>,
    /// Holds in force on single cases.
    pub case_holds: Vec<HoldView>,
    pub second_person_required: bool,
    /// Newest first.
    pub disposals: Vec<DisposalCertificate>,
}

/// A legal hold as the pages show it: the domain's type, as the archive reads it.
pub use scr_domain::retention::hold::LegalHold as HoldView;

/// One case's retention: the holds that cover it (shown on every page of the case), each class
/// of its records under the schedule, and what was disposed of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseRetentionView {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    /// Holds in force on this case or on the whole archive.
    pub holds: Vec<HoldView>,
    pub classes: Vec<ClassStatus>,
    pub disposals: Vec<DisposalCertificate>,
}

/// The page where the chair confirms a disposal: what goes, what stays, which backups still hold
/// it, and whether anything stops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalPreview {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub class: RecordClass,
    pub class_label: String,
    pub rule: String,
    pub action: EndAction,
    /// When the period ended (or ends).
    pub due: Option<NaiveDate>,
    /// The restricted details may go before their period ends; this says they would.
    pub early: bool,
    pub removed: Vec<RemovedRows>,
    /// What stays, in words.
    pub kept: Vec<String>,
    pub letters: Vec<LetterFingerprint>,
    pub decisions: Vec<DecisionFingerprint>,
    pub backups_before: Vec<BackupBefore>,
    /// Who confirms: the chair as the board's settings name them.
    pub chair: String,
    pub second_person_required: bool,
    /// Why the disposal cannot go ahead now (a hold, not due yet, the order); None when it can.
    pub blocked: Option<String>,
}

impl DisposalPreview {
    pub(crate) fn fill_scope(&mut self, scope: DisposalScope) {
        // The confirmation names what goes; a table with nothing of this case is not news.
        self.removed = scope.removed.into_iter().filter(|rows| rows.count > 0).collect();
        self.letters = scope.letters;
        self.decisions = scope.decisions;
        self.backups_before = scope.backups_before;
    }
}

/// A hold to place: on a case, or on the whole archive.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct HoldInput {
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    pub reason: String,
    pub authority: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct LiftHoldInput {
    #[ts(type = "number")]
    pub hold_id: i64,
    pub reason: String,
}

/// The chair's confirmation of a disposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalInput {
    #[ts(type = "number")]
    pub case_id: i64,
    pub class: RecordClass,
    /// The chair ticked that they authorise it.
    pub chair_confirmed: bool,
    #[serde(default)]
    pub second_person: Option<SecondPerson>,
}

/// A review's outcome: keep the records until a later day, for a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeepLongerInput {
    #[ts(type = "number")]
    pub case_id: i64,
    pub class: RecordClass,
    /// An ISO date (the form's date boxes send one).
    pub until: String,
    pub reason: String,
}
