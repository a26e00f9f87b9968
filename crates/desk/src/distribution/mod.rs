//! Distribution: the board's mail settings, sending a decision's letters with a delivery log
//! that survives crashes, secure export, acknowledgements, reminders and "who was told".
//!
//! Crash safety: every (letter, member) pair is queued before anything is sent; each message is
//! marked `sending` in its own committed transaction before the SMTP call, and `sent` or `failed`
//! after it. A row still `sending` when a batch starts (the app died mid-call) may or may not
//! have reached the member, and SMTP cannot be asked; it becomes `uncertain`, is reported, and
//! is never sent again unless the user confirms it went or explicitly asks for it to go again
//! (both audited). So a crash costs at most one member an explicit decision, never a duplicate.

mod batch;
mod by_member;
mod follow_up;
mod letters_of;
mod settings;
mod views;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

pub(crate) use settings::DEFAULT_REMINDER_WORKING_DAYS;
pub use settings::{MailSettingsInput, MailSettingsView, TestMessageSent};
pub use views::{
    AcknowledgementInput, BatchProgress, DeliveryView, DistributionView, ExportDone, PlannedLetter,
    ReminderReport, SendReport, ToldRow,
};

/// What the desk knows of batches running in this process: progress for the UI to poll, and a
/// flag to stop between two messages.
#[derive(Debug, Default)]
pub struct Control {
    progress: Mutex<HashMap<String, BatchProgress>>,
    cancel: AtomicBool,
}

impl Control {
    pub(crate) fn progress(&self, reference: &str) -> Option<BatchProgress> {
        self.progress.lock().ok()?.get(reference).cloned()
    }

    fn update(&self, progress: &BatchProgress) {
        if let Ok(mut map) = self.progress.lock() {
            map.insert(progress.reference.clone(), progress.clone());
        }
    }

    /// Claims the reference for a new batch; false when one is running already.
    fn begin(&self, reference: &str, total: usize) -> bool {
        let Ok(mut map) = self.progress.lock() else {
            return false;
        };
        if map.get(reference).is_some_and(|p| p.running) {
            return false;
        }
        self.cancel.store(false, Ordering::SeqCst);
        map.insert(reference.to_owned(), BatchProgress::start(reference, total));
        true
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }

    pub(crate) fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }
}
