//! The home page's first page, kept in the archive from one opening to the next
//! (`scr_archive`'s kept_home.rs), so that the first screen on a large archive does not wait for
//! every case to be read: the archive removes it on any change, and it is read back only for the
//! same app version, day and rules as it was worked out for.

use scr_archive::Archive;

use crate::{Desk, DeskError, HomeView};

impl Desk {
    /// The home page's first page: as kept, when nothing it depends on has changed since it was
    /// worked out; otherwise worked out afresh and kept.
    pub(crate) fn home_first_page(&self, archive: &mut Archive) -> Result<HomeView, DeskError> {
        let Some(worked_out_for) = self.home_worked_out_for() else {
            return self.home_of(archive, 1);
        };
        let kept = archive.kept_home(&worked_out_for)?;
        // A kept page this version cannot read is worked out again, like one never kept.
        if let Some(home) = kept.and_then(|json| serde_json::from_str(&json).ok()) {
            return Ok(home);
        }
        let home = self.home_of(archive, 1)?;
        if let Ok(json) = serde_json::to_string(&home) {
            // Not kept (say, the disk is full): the next opening works it out again, nothing is lost.
            let _ = archive.keep_home(&worked_out_for, &json);
        }
        Ok(home)
    }

    /// What a kept home page must have been worked out for to be shown: this version of the app
    /// (its rules and calendar), the desk's today and the board's own rule files.
    pub(crate) fn home_worked_out_for(&self) -> Option<String> {
        let rules = self.rules.fingerprint()?;
        Some(format!(
            "scr-desk {} on {} with rules {rules}",
            crate::VERSION,
            self.today()
        ))
    }
}
