//! The window's first screen in one answer: the archive's status and, when that leads to the
//! home page, the home page itself. The desk works it out while WebKit starts
//! ([`Desk::open_ahead`]) and keeps it: the window puts it in the page it serves when it is ready
//! by then ([`Desk::first_screen_if_ready`]), and otherwise the page asks for it
//! ([`Desk::first_screen`]).

use std::sync::MutexGuard;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use scr_archive::Archive;

use crate::{AppStatus, Desk, DeskError, HomeView};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FirstScreen {
    pub status: AppStatus,
    /// The home page's first page, when the status leads there: a board is set up and its
    /// recovery key kept. Otherwise the first-run screens come first, and this is empty.
    pub home: Option<HomeView>,
}

impl AppStatus {
    /// Whether the app opens on the home page: the board is named and the chair has confirmed
    /// keeping the recovery key (until then the app asks for it, before anything else).
    pub fn leads_home(&self) -> bool {
        self.board.is_some() && self.recovery_key_confirmed
    }
}

/// A first screen worked out ahead, for the day it was worked out on.
#[derive(Debug)]
pub(crate) struct KeptFirstScreen {
    on: NaiveDate,
    screen: FirstScreen,
}

impl KeptFirstScreen {
    /// The screen, if it was worked out `today`: a home page of another day owes other things.
    fn for_day(self, today: NaiveDate) -> Option<FirstScreen> {
        (self.on == today).then_some(self.screen)
    }
}

/// The slot for it. It is emptied whenever the archive is locked for anything else, so what
/// it holds was worked out after the last use of the archive: nothing can have changed since.
pub(crate) type KeptSlot = std::sync::Mutex<Option<KeptFirstScreen>>;

impl Desk {
    /// The first screen: opens the archive and says where the app starts. On the very first run
    /// (no archive in the folder yet) it creates the archive, which the first-run screen then
    /// sets up: the app is one of the few explicit ways to create an archive, with `init`, `demo`
    /// and `restore`. Taken from what [`Desk::open_ahead`] worked out when nothing has used the
    /// archive since, on the same day.
    pub fn first_screen(&self) -> Result<FirstScreen, DeskError> {
        let (guard, kept) = self.lock_taking_kept()?;
        drop(guard);
        match kept.and_then(|kept| kept.for_day(self.today())) {
            Some(screen) => Ok(screen),
            None => {
                self.open_or_create()?;
                self.with_archive(|archive| self.first_screen_of(archive))
            }
        }
    }

    /// Opens the archive ahead of the first screen's call and works that screen out: the window
    /// starts WebKit meanwhile, so the keyring's answer, the database's opening and the first
    /// reading of every case (most of the home page's time on a large archive,
    /// scripts/bench-after-decision.sh) are off the path to the first paint. An error is dropped
    /// here: the first screen's call meets it again and shows it.
    pub fn open_ahead(&self) {
        let _ = self.open_or_create().and_then(|()| {
            self.with_archive(|archive| {
                let screen = self.first_screen_of(archive)?;
                // Kept while the archive is still locked, so no other use can come in between.
                if let Ok(mut slot) = self.first_kept.lock() {
                    *slot = Some(KeptFirstScreen {
                        on: self.today(),
                        screen,
                    });
                }
                Ok(())
            })
        });
    }

    /// The first screen as [`Desk::open_ahead`] worked it out, if it has finished and nothing
    /// has used the archive since, on the same day; taken, so it is given once. Never waits:
    /// while the opening is still at work this is `None`, and the page asks
    /// [`Desk::first_screen`] as usual, which waits for it.
    pub fn first_screen_if_ready(&self) -> Option<FirstScreen> {
        // Held by `open_ahead` while it works; the slot is filled before it lets go.
        let _archive = self.archive.try_lock().ok()?;
        self.first_kept.lock().ok()?.take()?.for_day(self.today())
    }

    fn first_screen_of(&self, archive: &mut Archive) -> Result<FirstScreen, DeskError> {
        let status = self.status_of(archive)?;
        let home = match status.leads_home() {
            true => Some(self.home_first_page(archive)?),
            false => None,
        };
        Ok(FirstScreen { status, home })
    }

    /// Locks the archive, notes the use, and takes the kept first screen out of its slot: every
    /// use of the archive does, so a kept screen never outlives a change.
    pub(crate) fn lock_taking_kept(
        &self,
    ) -> Result<(MutexGuard<'_, Option<Archive>>, Option<KeptFirstScreen>), DeskError> {
        let guard = self.archive.lock().map_err(|_| DeskError::Poisoned)?;
        self.usage.used();
        let kept = self.first_kept.lock().map_err(|_| DeskError::Poisoned)?.take();
        Ok((guard, kept))
    }
}
