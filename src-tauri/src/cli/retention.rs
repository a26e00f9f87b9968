//! `scr-desk retention ...`: records governance from the command line. What is due
//! for review, the schedule in force, legal holds placed and released, and disposal, which shows
//! what would be destroyed and does it only when run again with `--yes`.

use std::fmt::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};

use scr_desk::{Desk, DeskError, DisposalInput, DisposalPreview, HoldInput, HoldView, LiftHoldInput};
use scr_domain::retention::certificate::{DisposalCertificate, SecondPerson};
use scr_domain::retention::RecordClass;

use super::output::print_out;

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// What has reached the end of its retention period today, with the rule that applies,
    /// and the backups due for review.
    Due,
    /// The retention schedule in force; exit code 1 when the board's own file was refused.
    Schedule,
    /// The legal holds in force and lifted, newest first.
    Holds,
    /// Place a legal hold on a case (--case) or on the whole archive (--archive).
    Hold {
        #[arg(
            long,
            value_name = "REF",
            required_unless_present = "archive",
            conflicts_with = "archive"
        )]
        case: Option<String>,
        #[arg(long)]
        archive: bool,
        /// Why, e.g. "Civil claim by the family".
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// On whose authority, e.g. "The inquiry's instruction of 1 March 2027".
        #[arg(long, value_name = "TEXT")]
        authority: String,
    },
    /// Lift a legal hold (its number from `retention holds`), with the reason.
    Release {
        #[arg(long, value_name = "N")]
        hold: i64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Dispose of one class of a case's records. Without --yes it only shows what would be
    /// destroyed and kept, and exits 1.
    Dispose(DisposeArgs),
}

#[derive(Debug, Args)]
pub struct DisposeArgs {
    #[arg(long, value_name = "REF")]
    case: String,
    /// Which records of the case, in the order they go.
    #[arg(long, value_name = "CLASS")]
    class: CaseClass,
    /// The chair confirms that they authorise the disposal.
    #[arg(long)]
    yes: bool,
    /// The second person confirming, when the board requires one.
    #[arg(long, value_name = "NAME", requires = "second_role")]
    second_name: Option<String>,
    #[arg(long, value_name = "ROLE", requires = "second_name")]
    second_role: Option<String>,
}

/// The classes of a case's records, named as the schedule file names them.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CaseClass {
    #[value(name = "restricted_annex")]
    RestrictedAnnex,
    #[value(name = "letters")]
    Letters,
    #[value(name = "delivery_log")]
    DeliveryLog,
    #[value(name = "case_record")]
    CaseRecord,
}

impl From<CaseClass> for RecordClass {
    fn from(class: CaseClass) -> RecordClass {
        match class {
            CaseClass::RestrictedAnnex => RecordClass::RestrictedAnnex,
            CaseClass::Letters => RecordClass::Letters,
            CaseClass::DeliveryLog => RecordClass::DeliveryLog,
            CaseClass::CaseRecord => RecordClass::CaseRecord,
        }
    }
}

pub fn run(desk: &Desk, command: RetentionCommand, json: bool) -> Result<ExitCode, DeskError> {
    match command {
        RetentionCommand::Due => {
            let overview = desk.retention_overview()?;
            Ok(print_out(json, &overview, || {
                let mut out = String::new();
                if overview.due.is_empty() && overview.backups_due.is_empty() {
                    let _ = write!(out, "Nothing is due for review on {}.", overview.today);
                }
                for item in &overview.due {
                    let held = if item.held {
                        " (ON HOLD: cannot be disposed of)"
                    } else {
                        ""
                    };
                    let _ = writeln!(
                        out,
                        "{} {}: {} since {} ({} days){held}\n  rule: {} [{}]",
                        item.reference,
                        item.class_label.to_lowercase(),
                        item.action.label().to_lowercase(),
                        item.due,
                        item.days_overdue,
                        item.rule,
                        item.citation
                    );
                }
                for backup in &overview.backups_due {
                    let _ = writeln!(
                        out,
                        "Backup {} (made {}): review since {}",
                        backup.backup.location, backup.backup.made_on, backup.due
                    );
                }
                out.trim_end().to_owned()
            }))
        }
        RetentionCommand::Schedule => {
            let overview = desk.retention_overview()?;
            let printed = print_out(json, &overview.schedule, || {
                let schedule = &overview.schedule;
                let mut out = format!("{} (version {})\n", schedule.title, schedule.version);
                for rule in &schedule.rules {
                    let _ = writeln!(out, "  {}: {}", rule.class.label(), rule.describe());
                }
                for problem in &overview.schedule_problems {
                    let line = problem
                        .line
                        .map(|line| format!(", line {line}"))
                        .unwrap_or_default();
                    let _ = writeln!(out, "Refused: {}{line}: {}", problem.file, problem.reason);
                }
                let _ = write!(out, "The board's own schedule goes in {}.", overview.folder);
                out
            });
            Ok(if overview.schedule_problems.is_empty() {
                printed
            } else {
                ExitCode::FAILURE
            })
        }
        RetentionCommand::Holds => {
            let holds = desk.legal_hold_history()?;
            Ok(print_out(json, &holds, || {
                if holds.is_empty() {
                    return "No legal hold has been placed.".to_owned();
                }
                holds.iter().map(hold_text).collect::<Vec<_>>().join("\n")
            }))
        }
        RetentionCommand::Hold {
            case,
            archive: _,
            reason,
            authority,
        } => {
            let case_id = case.map(|reference| desk.case_id_for(&reference)).transpose()?;
            let hold = desk.place_legal_hold(HoldInput {
                case_id,
                reason,
                authority,
            })?;
            Ok(print_out(json, &hold, || format!("Placed: {}", hold_text(&hold))))
        }
        RetentionCommand::Release { hold, reason } => {
            let hold = desk.lift_legal_hold(LiftHoldInput {
                hold_id: hold,
                reason,
            })?;
            Ok(print_out(json, &hold, || format!("Lifted: {}", hold_text(&hold))))
        }
        RetentionCommand::Dispose(args) => dispose(desk, args, json),
    }
}

fn dispose(desk: &Desk, args: DisposeArgs, json: bool) -> Result<ExitCode, DeskError> {
    let class = RecordClass::from(args.class);
    let case_id = desk.case_id_for(&args.case)?;
    if !args.yes {
        let preview = desk.disposal_preview(case_id, class)?;
        print_out(json, &preview, || preview_text(&preview));
        eprintln!("scr-desk: nothing was disposed of. Run again with --yes to confirm, as the chair.");
        return Ok(ExitCode::FAILURE);
    }
    let second_person = match (args.second_name, args.second_role) {
        (Some(name), Some(role)) => Some(SecondPerson { name, role }),
        _ => None,
    };
    let certificate = desk.dispose_records(DisposalInput {
        case_id,
        class,
        chair_confirmed: true,
        second_person,
    })?;
    Ok(print_out(json, &certificate, || certificate_text(&certificate)))
}

fn hold_text(hold: &HoldView) -> String {
    let scope = hold.reference.as_deref().unwrap_or("the whole archive");
    let mut text = format!(
        "hold {} on {scope}: {} (authority: {}), placed {} by {}",
        hold.id, hold.reason, hold.authority, hold.placed_at, hold.placed_by
    );
    if let Some(lifted) = &hold.lifted_at {
        let _ = write!(
            text,
            "; lifted {lifted}: {}",
            hold.lift_reason.as_deref().unwrap_or("")
        );
    }
    text
}

fn preview_text(preview: &DisposalPreview) -> String {
    let mut out = format!(
        "Disposing of the {} of {} would DESTROY:\n",
        preview.class_label.to_lowercase(),
        preview.reference
    );
    for removed in &preview.removed {
        let _ = writeln!(out, "  {} x {}", removed.count, removed.what);
    }
    out.push_str("and keep:\n");
    for kept in &preview.kept {
        let _ = writeln!(out, "  {kept}");
    }
    let _ = writeln!(out, "Rule: {}", preview.rule);
    if preview.early {
        out.push_str("The restricted details would go before their period ends.\n");
    }
    if !preview.backups_before.is_empty() {
        let _ = writeln!(
            out,
            "{} backup(s) made before now still hold these records; the certificate lists them.",
            preview.backups_before.len()
        );
    }
    if preview.second_person_required {
        out.push_str("The board requires a second person: add --second-name and --second-role.\n");
    }
    if let Some(blocked) = &preview.blocked {
        let _ = writeln!(out, "It cannot go ahead now: {blocked}");
    }
    out.trim_end().to_owned()
}

fn certificate_text(certificate: &DisposalCertificate) -> String {
    let mut out = format!(
        "Disposal certificate {}: the {} of {} were disposed of at {}, authorised by {}",
        certificate.number,
        certificate.class_label.to_lowercase(),
        certificate.reference,
        certificate.disposed_at,
        certificate.authorised_by.chair
    );
    if let Some(second) = &certificate.authorised_by.second_person {
        let _ = write!(out, " and {} ({})", second.name, second.role);
    }
    let _ = write!(out, ".\nRule: {}", certificate.rule.rule);
    if !certificate.backups_before.is_empty() {
        out.push_str("\nBackups made before this disposal still hold the records:");
        for backup in &certificate.backups_before {
            let _ = write!(
                out,
                "\n  {} {}",
                backup.made_at,
                backup.location.as_deref().unwrap_or("(place not recorded)")
            );
        }
    }
    out
}
