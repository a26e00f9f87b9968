//! The board's identity, as the archive keeps it.

use rusqlite::OptionalExtension;
use scr_domain::board::BoardProfile;

use crate::audit::AuditAction;
use crate::{Archive, ArchiveError};

impl Archive {
    pub fn board_profile(&self) -> Result<Option<BoardProfile>, ArchiveError> {
        Ok(self
            .conn
            .query_row("SELECT name, area FROM board_profile WHERE id = 1", [], |row| {
                Ok(BoardProfile {
                    name: row.get(0)?,
                    area: row.get(1)?,
                })
            })
            .optional()?)
    }

    pub fn save_board_profile(&mut self, profile: &BoardProfile) -> Result<(), ArchiveError> {
        self.write(AuditAction::BoardProfileSaved, "board", profile, |tx| {
            tx.execute(
                "INSERT INTO board_profile (id, name, area, updated_at)
                 VALUES (1, ?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, area = excluded.area,
                                                updated_at = excluded.updated_at",
                (&profile.name, &profile.area),
            )?;
            Ok(())
        })
    }
}
