//! The board's own closure days (office closed: e.g. the days between Christmas and New Year),
//! which working-day timers skip like bank holidays.

use chrono::NaiveDate;

use scr_domain::board::MAX_NAME_CHARS;
use scr_domain::calendar::Holiday;
use scr_domain::{DomainError, FieldProblem};

use crate::{Desk, DeskError, SettingsView};

impl Desk {
    /// Adds a closure day (or renames the one already on that date).
    pub fn add_closure_day(&self, date: NaiveDate, name: &str) -> Result<SettingsView, DeskError> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut problems = Vec::new();
        if name.is_empty() {
            problems.push(problem(
                "closure_name",
                "Enter what the closure is, for example Office closed",
            ));
        } else if name.chars().count() > MAX_NAME_CHARS {
            problems.push(problem(
                "closure_name",
                &format!("The closure's name must be {MAX_NAME_CHARS} characters or fewer"),
            ));
        }
        if let Some(reason) = self.rules.calendar.non_working_reason(date) {
            problems.push(problem(
                "closure_date",
                &format!(
                    "{} is already a non-working day ({reason}); enter a working day",
                    date.format("%-d %B %Y")
                ),
            ));
        }
        if !problems.is_empty() {
            return Err(DomainError::Invalid {
                summary: "The closure day needs correcting".to_owned(),
                problems,
            }
            .into());
        }
        self.change_closures(|days| {
            days.retain(|day| day.date != date);
            days.push(Holiday { date, name });
        })
    }

    pub fn remove_closure_day(&self, date: NaiveDate) -> Result<SettingsView, DeskError> {
        self.change_closures(|days| days.retain(|day| day.date != date))
    }

    fn change_closures(&self, change: impl FnOnce(&mut Vec<Holiday>)) -> Result<SettingsView, DeskError> {
        self.with_archive(|archive| {
            let mut days = archive.closure_days()?;
            let before = days.clone();
            change(&mut days);
            days.sort();
            if days != before {
                archive.save_closure_days(&days)?;
            }
            self.settings_view(archive)
        })
    }
}

fn problem(field: &'static str, message: &str) -> FieldProblem {
    FieldProblem {
        field,
        message: message.to_owned(),
    }
}
