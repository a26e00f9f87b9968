//! The board's timestamp authority (RFC 3161), kept in `archive_meta` (every archive has that
//! key/value table, so no schema change was needed): its address and, optionally, the CA
//! certificate(s) its tokens must chain to.

use crate::archive::{get_meta, set_meta};
use crate::{Archive, ArchiveError, AuditAction};

const URL: &str = "timestamp_authority_url";
const CA_PEM: &str = "timestamp_authority_ca_pem";

/// The stored settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampAuthority {
    pub url: String,
    /// PEM certificates the authority must chain to; none: any authority's token is accepted
    /// once its own checks pass (and reported as not trusted by the board).
    pub ca_pem: Option<String>,
}

#[derive(serde::Serialize)]
struct Audit<'a> {
    url: Option<&'a str>,
    ca_file: bool,
}

impl Archive {
    /// The board's timestamp authority, if one is set.
    pub fn timestamp_authority(&self) -> Result<Option<TimestampAuthority>, ArchiveError> {
        let url = get_meta(&self.conn, URL)?.filter(|u| !u.is_empty());
        Ok(match url {
            Some(url) => Some(TimestampAuthority {
                url,
                ca_pem: get_meta(&self.conn, CA_PEM)?.filter(|p| !p.is_empty()),
            }),
            None => None,
        })
    }

    /// Sets (or, with `None`, removes) the timestamp authority. Audited.
    pub fn save_timestamp_authority(&mut self, tsa: Option<&TimestampAuthority>) -> Result<(), ArchiveError> {
        let audit = Audit {
            url: tsa.map(|t| t.url.as_str()),
            ca_file: tsa.is_some_and(|t| t.ca_pem.is_some()),
        };
        self.write(AuditAction::TimestampAuthoritySaved, "board", &audit, |tx| {
            set_meta(tx, URL, tsa.map_or("", |t| t.url.as_str()))?;
            set_meta(tx, CA_PEM, tsa.and_then(|t| t.ca_pem.as_deref()).unwrap_or(""))
        })
    }
}
