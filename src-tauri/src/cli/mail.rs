//! `scr-desk settings smtp`, `send`, `deliveries`, `acknowledge`, `remind`, `export-letters`:
//! distribution from the command line. The SMTP password is read from standard input into the
//! OS keyring, never taken from an argument.

use std::process::ExitCode;

use scr_desk::{
    AcknowledgementInput, Desk, DeskError, DistributionView, MailSettingsInput, SendReport,
    TimestampSettingsInput,
};
use scr_domain::mail_security::MailSecurity;

use super::args::SettingsCommand;
use super::output::print_out;

pub fn settings(desk: &Desk, command: SettingsCommand, json: bool) -> Result<ExitCode, DeskError> {
    match command {
        SettingsCommand::Smtp(args) => {
            let ca_pem = ca_file_text(args.ca_file.as_deref())?;
            let password = match &args.user {
                Some(_) => super::secrets::read_line("SMTP password: ")?,
                None => Default::default(),
            };
            if args.security == MailSecurity::Plain && args.allow_plain {
                eprintln!("scr-desk: warning: without encryption, letters and the password cross the network readable.");
            }
            let view = desk.save_mail_settings(MailSettingsInput {
                host: args.host,
                port: args.port.map(|p| p.to_string()).unwrap_or_default(),
                security: args.security,
                username: args.user.unwrap_or_default(),
                password: password.to_string(),
                sender_name: args.from_name.unwrap_or_default(),
                sender_address: args.from,
                reply_to: args.reply_to.unwrap_or_default(),
                ca_pem,
                marking_in_subject: args.marking_in_subject,
                reminder_working_days: args.reminder_days.map(|d| d.to_string()).unwrap_or_default(),
                allow_plain: args.allow_plain,
            })?;
            Ok(print_out(json, &view, || {
                format!(
                    "Mail settings saved: {}:{} ({}), sending as {}{}.",
                    view.host,
                    view.port,
                    view.security.as_str(),
                    view.sender_address,
                    if view.password_saved {
                        "; password in the system keyring"
                    } else {
                        ""
                    }
                )
            }))
        }
        SettingsCommand::Tsa(args) => {
            let ca_pem = ca_file_text(args.ca_file.as_deref())?;
            let view = desk.save_timestamp_settings(TimestampSettingsInput {
                url: args.url.unwrap_or_default(),
                ca_pem,
            })?;
            Ok(print_out(json, &view, || {
                if view.configured {
                    format!(
                        "Timestamp authority saved: {} ({}). Letters: {}.",
                        view.url,
                        if view.ca_subjects.is_empty() {
                            "no CA file: its tokens are checked but not trusted by the board".to_owned()
                        } else {
                            format!("trusted through {}", view.ca_subjects.join("; "))
                        },
                        view.level
                    )
                } else {
                    format!("Timestamping is off. Letters: {}.", view.level)
                }
            }))
        }
        SettingsCommand::SmtpTest { to } => {
            let sent = desk.send_test_message(to.as_deref())?;
            Ok(print_out(json, &sent, || {
                format!(
                    "Test message sent to {} ({}): {}",
                    sent.to, sent.message_id, sent.server_reply
                )
            }))
        }
    }
}

pub fn send(desk: &Desk, reference: &str, dry_run: bool, json: bool) -> Result<ExitCode, DeskError> {
    let report = desk.send_decision(reference, dry_run)?;
    let code = print_out(json, &report, || send_text(&report));
    Ok(if report.failed > 0 || report.uncertain > 0 {
        ExitCode::FAILURE
    } else {
        code
    })
}

fn send_text(report: &SendReport) -> String {
    let mut lines: Vec<String> = report
        .letters
        .iter()
        .map(|l| {
            format!(
                "  {:<14} {} <{}> ({})",
                l.status.map_or("new", |s| s.as_str()),
                l.member_name,
                l.address,
                l.channel
            )
        })
        .collect();
    if report.dry_run {
        lines.insert(
            0,
            format!("Dry run for {}: nothing was queued or sent.", report.reference),
        );
    } else {
        lines.insert(
            0,
            format!(
                "{}: {} sent now, {} failed, {} sent before, {} uncertain, {} for secure export{}.",
                report.reference,
                report.sent,
                report.failed,
                report.already_sent,
                report.uncertain,
                report.to_export,
                if report.cancelled { " (cancelled)" } else { "" }
            ),
        );
    }
    if report.uncertain > 0 {
        lines.push(
            "Uncertain: a previous run stopped while these were with the mail server. Check with the member, \
             then confirm or resend them from the app."
                .into(),
        );
    }
    lines.join("\n")
}

pub fn deliveries(desk: &Desk, reference: &str, json: bool) -> Result<ExitCode, DeskError> {
    let view = desk.distribution(reference)?;
    Ok(print_out(json, &view, || deliveries_text(&view)))
}

fn deliveries_text(view: &DistributionView) -> String {
    let mut lines = Vec::new();
    if !view.missed.is_empty() {
        lines.push(format!(
            "NOT TOLD ({}): {}",
            view.missed.len(),
            view.missed.join(", ")
        ));
    }
    lines.push(format!(
        "{}: members in post on {}{}",
        view.reference,
        view.register_date,
        if view.register_date_is_decision_date {
            " (the decision date)"
        } else {
            " (today: no finalised decision)"
        }
    ));
    for row in &view.told {
        lines.push(format!(
            "  {:<14} {} <{}>{}",
            row.status.map_or("not queued", |s| s.as_str()),
            row.name,
            row.email,
            row.acknowledged_on
                .map(|d| format!(", acknowledged {d}"))
                .unwrap_or_default()
        ));
    }
    for d in &view.deliveries {
        lines.push(format!(
            "  #{} {} {} attempts={} {} {}",
            d.id,
            d.member_name,
            d.status,
            d.outcome.attempts,
            d.outcome.message_id.as_deref().unwrap_or("-"),
            d.outcome
                .server_reply
                .as_deref()
                .or(d.outcome.error.as_deref())
                .unwrap_or("")
        ));
    }
    if !view.not_acknowledged.is_empty() {
        lines.push(format!(
            "Not yet acknowledged: {}",
            view.not_acknowledged.join(", ")
        ));
    }
    lines.join("\n")
}

pub fn acknowledge(
    desk: &Desk,
    reference: &str,
    email: &str,
    date: Option<String>,
    how: Option<String>,
    json: bool,
) -> Result<ExitCode, DeskError> {
    let member_id = desk.member_id_by_email(email)?;
    let view = desk.record_acknowledgement(AcknowledgementInput {
        reference: reference.to_owned(),
        member_id,
        date: date.unwrap_or_default(),
        how: how.unwrap_or_else(|| "Recorded from the command line".into()),
    })?;
    Ok(print_out(json, &view, || {
        format!(
            "Acknowledgement recorded for {email}. Not yet acknowledged: {}",
            if view.not_acknowledged.is_empty() {
                "nobody".into()
            } else {
                view.not_acknowledged.join(", ")
            }
        )
    }))
}

pub fn remind(desk: &Desk, reference: &str, json: bool) -> Result<ExitCode, DeskError> {
    let report = desk.send_reminders(reference)?;
    let code = print_out(json, &report, || {
        format!(
            "Reminded: {}",
            if report.reminded.is_empty() {
                "nobody is due".into()
            } else {
                report.reminded.join(", ")
            }
        )
    });
    Ok(if report.failed.is_empty() {
        code
    } else {
        ExitCode::FAILURE
    })
}

pub fn export_letters(
    desk: &Desk,
    reference: &str,
    dir: &std::path::Path,
    json: bool,
) -> Result<ExitCode, DeskError> {
    let done = desk.export_for_secure_mail(reference, Some(dir))?;
    Ok(print_out(json, &done, || {
        format!(
            "{} letter(s) and index.csv written to {}",
            done.files, done.folder
        )
    }))
}

/// A CA certificate file named on the command line, as PEM text (bounded, and refused if not text).
fn ca_file_text(path: Option<&std::path::Path>) -> Result<String, DeskError> {
    let Some(path) = path else {
        return Ok(String::new());
    };
    let bytes = scr_desk::read_input_file(path, scr_desk::MAX_CERTIFICATE_FILE_BYTES)?;
    String::from_utf8(bytes).map_err(|_| DeskError::NotText {
        path: path.to_owned(),
    })
}
