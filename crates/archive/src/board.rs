//! The board's identity, as the archive keeps it.

use rusqlite::OptionalExtension;
use scr_domain::board::{BoardProfile, BoardSettings};
use scr_domain::calendar::Holiday;

use crate::archive::{get_meta, set_meta};
use crate::audit::AuditAction;
use crate::audited_rows::AuditedTable;
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
        self.write_row(
            AuditAction::BoardProfileSaved,
            AuditedTable::BoardProfile,
            |tx, seq| {
                tx.execute(
                    "INSERT INTO board_profile (id, name, area, updated_at, audit_seq)
                 VALUES (1, ?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?3)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, area = excluded.area,
                     updated_at = excluded.updated_at, audit_seq = excluded.audit_seq",
                    (&profile.name, &profile.area, seq),
                )?;
                Ok(1)
            },
        )?;
        Ok(())
    }

    /// The board's settings, or the defaults until they are first saved.
    pub fn board_settings(&self) -> Result<BoardSettings, ArchiveError> {
        let saved = self
            .conn
            .query_row(
                "SELECT address_lines, chair_name, chair_title, chair_email, protective_marking,
                        framework_id, subgroup_name, told_within_working_days
                 FROM board_settings WHERE id = 1",
                [],
                |row| {
                    let lines: String = row.get(0)?;
                    Ok(BoardSettings {
                        address_lines: lines.lines().map(str::to_owned).collect(),
                        chair_name: row.get(1)?,
                        chair_title: row.get(2)?,
                        chair_email: row.get(3)?,
                        protective_marking: row.get(4)?,
                        framework_id: row.get(5)?,
                        subgroup_name: row.get(6)?,
                        // Not set before migration 0009: the default.
                        told_within_working_days: row
                            .get::<_, Option<u32>>(7)?
                            .unwrap_or(scr_domain::qm3::DEFAULT_TOLD_WITHIN_WORKING_DAYS),
                    })
                },
            )
            .optional()?;
        Ok(saved.unwrap_or_default())
    }

    pub fn save_board_settings(&mut self, settings: &BoardSettings) -> Result<(), ArchiveError> {
        self.write_row(
            AuditAction::BoardSettingsSaved,
            AuditedTable::BoardSettings,
            |tx, seq| {
                write_settings(tx, settings, seq)?;
                Ok(1)
            },
        )?;
        Ok(())
    }

    /// The letterhead logo as stored: (media type, bytes).
    pub fn board_logo(&self) -> Result<Option<(String, Vec<u8>)>, ArchiveError> {
        Ok(self
            .conn
            .query_row(
                "SELECT logo_media_type, logo FROM board_settings WHERE id = 1 AND logo IS NOT NULL",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// Stores (or with `None`, removes) the letterhead logo. The caller checks the image.
    pub fn save_board_logo(&mut self, logo: Option<(&str, &[u8])>) -> Result<(), ArchiveError> {
        let settings = self.board_settings()?;
        self.write_row(
            AuditAction::BoardLogoSaved,
            AuditedTable::BoardSettings,
            |tx, seq| {
                // The settings row may not exist yet: write it (with the defaults) first.
                write_settings(tx, &settings, seq)?;
                tx.execute(
                    "UPDATE board_settings SET logo = ?1, logo_media_type = ?2,
                     updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), audit_seq = ?3 WHERE id = 1",
                    (
                        logo.map(|(_, bytes)| bytes),
                        logo.map(|(media_type, _)| media_type),
                        seq,
                    ),
                )?;
                Ok(1)
            },
        )?;
        Ok(())
    }

    /// The board's own closure days, in date order. They are kept as one JSON value in
    /// `archive_meta`, which every archive already has: no schema change was needed.
    pub fn closure_days(&self) -> Result<Vec<Holiday>, ArchiveError> {
        match get_meta(&self.conn, CLOSURE_DAYS)? {
            Some(json) => {
                serde_json::from_str(&json).map_err(|error| ArchiveError::Encoding(error.to_string()))
            }
            None => Ok(Vec::new()),
        }
    }

    /// Replaces the board's closure days (sorted by date, one per date, by the caller).
    pub fn save_closure_days(&mut self, days: &[Holiday]) -> Result<(), ArchiveError> {
        let json = serde_json::to_string(days).map_err(|error| ArchiveError::Encoding(error.to_string()))?;
        self.write(AuditAction::ClosureDaysSaved, "board", &days, |tx| {
            set_meta(tx, CLOSURE_DAYS, &json)
        })
    }
}

const CLOSURE_DAYS: &str = "closure_days";

/// Writes the settings row (creating it or replacing its values) as part of a change numbered
/// `seq`.
fn write_settings(
    tx: &rusqlite::Transaction<'_>,
    settings: &BoardSettings,
    seq: i64,
) -> Result<(), ArchiveError> {
    tx.execute(
        "INSERT INTO board_settings (id, address_lines, chair_name, chair_title, chair_email,
         protective_marking, framework_id, subgroup_name, told_within_working_days,
         updated_at, audit_seq)
     VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?8)
     ON CONFLICT (id) DO UPDATE SET address_lines = excluded.address_lines,
         chair_name = excluded.chair_name, chair_title = excluded.chair_title,
         chair_email = excluded.chair_email,
         protective_marking = excluded.protective_marking,
         framework_id = excluded.framework_id, subgroup_name = excluded.subgroup_name,
         told_within_working_days = excluded.told_within_working_days,
         updated_at = excluded.updated_at, audit_seq = excluded.audit_seq",
        (
            settings.address_lines.join("\n"),
            &settings.chair_name,
            &settings.chair_title,
            &settings.chair_email,
            &settings.protective_marking,
            &settings.framework_id,
            &settings.subgroup_name,
            seq,
            settings.told_within_working_days,
        ),
    )?;
    Ok(())
}
