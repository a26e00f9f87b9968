//! The decision notice: what was decided, how the case got here, the criteria, the reasons in
//! full, and what follows. No national template exists; the parts are those local procedures
//! publish, with the rationale covering the Quality Marker 2 factors and the letter going to
//! every member as Quality Marker 3 asks. `sample.rs` shows a whole letter.

use scr_domain::case::{CaseSummary, ProcessStatus};
use scr_domain::decision::{Assessment, DecisionDraft};
use scr_domain::framework::{CaseEvent, CriteriaEffect, DecisionKind, Framework, Outcome};
use scr_domain::timers::{timer_status, EventDates, TimerStatus};
use scr_domain::wizard::reviewing;

use super::words::{
    date_or, decision_phrase, led, long_date, para, paragraphs, sentence, timescale, Sections, Voice,
};
use super::{Addressee, DecisionFacts};
use crate::model::Block;

pub fn body(facts: &DecisionFacts<'_>, pseudonym: &str, to: Addressee<'_>) -> Vec<Block> {
    let record = facts.decision;
    let framework = facts.framework;
    let draft = &record.decision;
    let voice = Voice::of(framework);
    let mut s = Sections::default();

    let whom = match to {
        Addressee::Board => "every member of the Board",
        Addressee::Member(_) => "you, as to every member of the Board,",
    };
    s.push(para(format!(
        "{} writing to {whom} as our procedures and Quality Marker 3 ask, to tell you what {} have \
         decided about the case of {pseudonym}, and why.",
        voice.am(),
        voice.mid(),
    )));
    if let Some(previous) = &record.supersedes {
        s.push(led(
            "This letter replaces an earlier decision notice.",
            format!(
                "It records version {} of the decision, which supersedes version {}. The reason for the \
                 change: {}",
                record.version,
                previous.version,
                sentence(&previous.reason)
            ),
        ));
    }

    s.heading("The decision");
    s.extend(decision_section(framework, draft, voice));

    s.heading(&format!("How the case reached {}", voice.object()));
    s.push(Block::Bullets {
        items: history(facts, &record.case, draft),
    });

    s.heading("The statutory criteria");
    s.extend(criteria_section(framework, draft, record.criteria_outcome));

    s.heading(&format!("The reasons for {} decision", voice.possessive()));
    s.extend(paragraphs(draft.rationale.as_deref().unwrap_or("")));
    let factors: Vec<String> = framework
        .qm2_factors
        .iter()
        .filter_map(|f| {
            let note = draft.qm2.get(&f.id)?.trim();
            (!note.is_empty()).then(|| format!("{}: {}", f.label, sentence(note)))
        })
        .collect();
    if !factors.is_empty() {
        s.push(para(format!(
            "{} weighed each of these factors:",
            voice.subject()
        )));
        s.push(Block::Bullets { items: factors });
    }

    s.heading("Other processes running alongside");
    s.extend(parallel_section(&record.case));

    s.heading("The family");
    s.push(family_paragraph(&record.case));

    s.heading("National notifications");
    s.extend(notifications_section(framework, draft));

    if let Some(contact) = &facts.board.contact {
        s.push(para(format!(
            "If you have questions about this decision, please contact {contact}."
        )));
    }
    s.blocks
}

fn decision_section(framework: &Framework, draft: &DecisionDraft, voice: Voice) -> Vec<Block> {
    let mut out = vec![para(format!(
        "{} have decided {}.",
        voice.subject(),
        decision_phrase(framework, draft)
    ))];
    if let (true, Some(plan)) = (reviewing(draft), &draft.review_plan) {
        let field = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(sentence)
        };
        if let Some(method) = field(&plan.methodology) {
            out.push(led("Methodology:", method));
        }
        if let Some(lead) = field(&plan.lead_reviewer) {
            out.push(led("Led by:", lead));
        }
        if let Some(scope) = field(&plan.scope) {
            out.push(led("Scope:", scope));
        }
        out.push(led(
            "Expected completion:",
            format!("{}.", date_or(plan.expected_completion, "not yet set")),
        ));
    }
    if let Some(justification) = draft.justification.as_deref().filter(|j| !j.trim().is_empty()) {
        out.push(led(
            "Why this departs from what the framework indicates:",
            sentence(justification),
        ));
    }
    out
}

fn history(facts: &DecisionFacts<'_>, case: &CaseSummary, draft: &DecisionDraft) -> Vec<String> {
    let mut items = vec![format!(
        "Incident: {}. Notified to the Board: {}.",
        date_or(case.incident_date, "not recorded"),
        date_or(case.notification_date, "not recorded")
    )];
    if let Some(referral) = case.referral_date {
        let by = case
            .referring_agency
            .as_deref()
            .filter(|a| !a.trim().is_empty())
            .map(|a| format!(" by {}", a.trim()))
            .unwrap_or_default();
        items.push(format!(
            "Referred for consideration{by} on {}.",
            long_date(referral)
        ));
    }
    if let Some(advice) = &draft.advice {
        let recommended = match advice.recommendation {
            Some(DecisionKind::Review) => {
                format!("recommended a {}", facts.framework.terminology.review_name)
            }
            Some(DecisionKind::AlternativeReview) => "recommended a review of another kind".to_owned(),
            Some(DecisionKind::NoReview) => "recommended no review".to_owned(),
            None => "made no recommendation".to_owned(),
        };
        items.push(format!(
            "The {} considered it on {} and {recommended}.",
            facts.board.subgroup_name,
            date_or(advice.date, "a date not recorded")
        ));
    }
    if let Some(timescale_line) = decision_timescale(facts, case, draft) {
        items.push(timescale_line);
    }
    items
}

/// Whether the decision was made within the framework's timescale for it.
fn decision_timescale(
    facts: &DecisionFacts<'_>,
    case: &CaseSummary,
    draft: &DecisionDraft,
) -> Option<String> {
    let timer = facts
        .framework
        .timers
        .iter()
        .find(|t| t.end == CaseEvent::Decision)?;
    let events = EventDates::from_case(case, Some(draft));
    let decided = draft.kind();
    let on = draft.decision_date?;
    let report = timer_status(facts.calendar, timer, &events, decided, on).ok()?;
    let scale = timescale(timer);
    match report.status {
        TimerStatus::Met { due, .. } => Some(format!(
            "The decision was made on {}, within the timescale of {scale} (due {}).",
            long_date(on),
            long_date(due)
        )),
        TimerStatus::MetLate { due, calendar_days, .. } => Some(format!(
            "The decision was made on {}, {calendar_days} day{} after it was due ({}; the timescale is {scale}).",
            long_date(on),
            if calendar_days == 1 { "" } else { "s" },
            long_date(due)
        )),
        _ => None,
    }
}

fn criteria_section(framework: &Framework, draft: &DecisionDraft, outcome: Outcome) -> Vec<Block> {
    let mut out = vec![led(
        "Framework:",
        format!(
            "{} (version {}). Legal basis: {}.",
            framework.title, framework.version, framework.legal_basis
        ),
    )];
    let rows = framework
        .criteria
        .iter()
        .map(|c| {
            let answer = draft.criteria.get(&c.id);
            vec![
                c.label.clone(),
                answer
                    .and_then(|a| a.assessment)
                    .map(Assessment::label)
                    .unwrap_or("Not assessed")
                    .to_owned(),
                answer
                    .and_then(|a| a.evidence.as_deref())
                    .map(sentence)
                    .unwrap_or_default(),
            ]
        })
        .collect();
    out.push(Block::Table {
        header: vec!["Criterion".into(), "Assessment".into(), "Evidence".into()],
        rows,
        widths: vec![0.32, 0.16, 0.52],
    });
    let review = &framework.terminology.review_short_name;
    out.push(para(match (outcome, framework.criteria_effect) {
        (Outcome::Met, CriteriaEffect::Mandatory) => {
            format!("Because the criteria are met, an {review} must be held.")
        }
        (Outcome::Met, CriteriaEffect::Discretionary) => {
            format!("The criteria are met, so an {review} was considered, weighing the factors below.")
        }
        (Outcome::NotMet, _) => "The criteria are not met.".to_owned(),
        (Outcome::Undetermined, _) => "It could not be determined whether the criteria are met.".to_owned(),
    }));
    let applying: Vec<String> = framework
        .mandatory_triggers
        .iter()
        .filter(|t| draft.triggers.get(&t.id).and_then(|a| a.applies) == Some(true))
        .map(|t| {
            let note = draft
                .triggers
                .get(&t.id)
                .and_then(|a| a.note.as_deref())
                .unwrap_or("");
            format!("{} ({}). {}", t.label, t.citation, sentence(note))
                .trim()
                .to_owned()
        })
        .collect();
    if !framework.mandatory_triggers.is_empty() {
        if applying.is_empty() {
            out.push(para(
                "None of the circumstances that require a review in every case applies.",
            ));
        } else {
            out.push(para(
                "These circumstances require a review in every case, and apply here:",
            ));
            out.push(Block::Bullets { items: applying });
        }
    }
    out
}

fn parallel_section(case: &CaseSummary) -> Vec<Block> {
    let processes = &case.parallel_processes;
    if processes.items.is_empty() {
        return vec![para(if processes.none_known {
            "No other process is known to be running alongside."
        } else {
            "No other process has been recorded."
        })];
    }
    let items = processes
        .items
        .iter()
        .map(|p| {
            let status = match p.status {
                ProcessStatus::Expected => "expected",
                ProcessStatus::UnderWay => "under way",
                ProcessStatus::Concluded => "concluded",
                ProcessStatus::NotKnown => "status not known",
            };
            let mut line = format!("{} ({status}).", p.kind.label());
            for part in [&p.description, &p.liaison].into_iter().flatten() {
                if !part.trim().is_empty() {
                    line.push(' ');
                    line.push_str(&sentence(part));
                }
            }
            line
        })
        .collect();
    vec![Block::Bullets { items }]
}

fn family_paragraph(case: &CaseSummary) -> Block {
    let Some(plan) = &case.family_plan else {
        return para("How the family will be told has not yet been agreed.");
    };
    let mut parts = Vec::new();
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    if let Some(by) = text(&plan.by_whom) {
        parts.push(format!("{} will tell the family", by));
    } else {
        parts.push("The family will be told".to_owned());
    }
    let mut first = parts.remove(0);
    if let Some(how) = text(&plan.how) {
        first.push_str(&format!(" ({})", how.trim_end_matches('.').to_lowercase()));
    }
    match (plan.planned_date, text(&plan.when)) {
        (Some(date), _) => first.push_str(&format!(" on or by {}", long_date(date))),
        (None, Some(when)) => first.push_str(&format!(", {}", when.trim_end_matches('.').to_lowercase())),
        (None, None) => {}
    }
    let mut sentences = vec![sentence(&first)];
    if plan.interpreter_needed == Some(true) {
        let language = text(&plan.language).unwrap_or_else(|| "their language".to_owned());
        sentences.push(format!("An interpreter for {language} will be there."));
    }
    if let Some(support) = text(&plan.support) {
        sentences.push(sentence(&support));
    }
    para(sentences.join(" "))
}

fn notifications_section(framework: &Framework, draft: &DecisionDraft) -> Vec<Block> {
    if draft.notifications.is_empty() {
        return vec![para("No national notification is required for this decision.")];
    }
    let items = draft
        .notifications
        .iter()
        .map(|n| {
            let what = framework
                .national_notifications
                .iter()
                .find(|f| f.id == n.notification_id)
                .map(|f| f.recipient.clone())
                .unwrap_or_else(|| n.recipient.clone());
            let recipient = if n.recipient.trim().is_empty() {
                what
            } else {
                n.recipient.trim().to_owned()
            };
            let when = date_or(n.planned_date, "a date not yet set");
            let note = n
                .note
                .as_deref()
                .map(sentence)
                .map(|t| format!(" {t}"))
                .unwrap_or_default();
            format!("{recipient}: on {when}.{note}")
        })
        .collect();
    vec![Block::Bullets { items }]
}
