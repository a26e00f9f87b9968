//! What an archive left open holds in memory while the app is not in use: the pages SQLite has
//! read and decrypted (up to 24 MiB on a large archive, crates/archive/src/database.rs) and the
//! finalised decisions read (`Archive::release_what_was_read`). Once the desk has not been used
//! for a while they are given back; the next use reads them again. Decrypted case data then
//! stays in memory no longer than it is in use.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::Desk;

/// When the desk was last used, and whether its memory was given back since.
#[derive(Debug)]
pub(crate) struct Usage {
    since: Instant,
    last_used_ms: AtomicU64,
    released: AtomicBool,
}

impl Default for Usage {
    fn default() -> Usage {
        Usage {
            since: Instant::now(),
            last_used_ms: AtomicU64::new(0),
            released: AtomicBool::new(false),
        }
    }
}

impl Usage {
    pub(crate) fn used(&self) {
        let now = u64::try_from(self.since.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_used_ms.store(now, Ordering::SeqCst);
        self.released.store(false, Ordering::SeqCst);
    }

    fn idle_for(&self) -> Duration {
        let last = Duration::from_millis(self.last_used_ms.load(Ordering::SeqCst));
        self.since.elapsed().saturating_sub(last)
    }
}

impl Desk {
    /// Gives back what the archive holds of what it has read once the desk has not been used
    /// for `idle` (and not again until it has been used since). Never opens the archive, and
    /// never waits for one in use. Says whether it gave anything back.
    pub fn release_memory_when_idle(&self, idle: Duration) -> bool {
        if self.usage.released.load(Ordering::SeqCst) || self.usage.idle_for() < idle {
            return false;
        }
        // Not through `lock`: looking at the archive is not a use of it.
        let Ok(slot) = self.archive.try_lock() else {
            return false;
        };
        let Some(archive) = slot.as_ref() else {
            return false;
        };
        let released = archive.release_what_was_read().is_ok();
        self.usage.released.store(released, Ordering::SeqCst);
        released
    }
}
