//! The board's timestamp authority (RFC 3161): set in Settings or with `scr-desk settings tsa`,
//! checked with one request when saved, and used for every signature when letters are issued
//! (PAdES B-T); without one, letters are signed with the signer's clock only (PAdES B-B).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use scr_archive::{Archive, TimestampAuthority};
use scr_letters::identity::parse_certificates;
use scr_letters::tsa_client::TsaUrl;
use scr_letters::HttpTimestamper;

use crate::{Desk, DeskError};

/// The largest CA file accepted: a few certificates.
const MAX_CA_PEM: usize = 64 << 10;

/// The timestamp settings as the form shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimestampSettingsView {
    pub configured: bool,
    /// The authority's address, e.g. "http://timestamp.example.org/tsr".
    pub url: String,
    /// The CA certificate(s) the authority's tokens must chain to (PEM); empty: none.
    pub ca_pem: String,
    /// Who those certificates are, for people.
    pub ca_subjects: Vec<String>,
    /// What letters carry: "PAdES B-LT with a trusted timestamp" or "PAdES B-LT, no timestamp".
    pub level: String,
}

/// The timestamp settings as typed. An empty address turns timestamping off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct TimestampSettingsInput {
    pub url: String,
    pub ca_pem: String,
}

fn view(tsa: Option<TimestampAuthority>) -> TimestampSettingsView {
    let (url, ca_pem) = tsa
        .map(|t| (t.url, t.ca_pem.unwrap_or_default()))
        .unwrap_or_default();
    let ca_subjects = parse_certificates(ca_pem.as_bytes())
        .map(|certs| {
            certs
                .iter()
                .map(|c| c.tbs_certificate().subject().to_string())
                .collect()
        })
        .unwrap_or_default();
    TimestampSettingsView {
        configured: !url.is_empty(),
        level: if url.is_empty() {
            "PAdES B-LT, no timestamp (the signer's clock only)".to_owned()
        } else {
            "PAdES B-LT with a timestamp from the authority".to_owned()
        },
        url,
        ca_pem,
        ca_subjects,
    }
}

/// The configured authority, ready to use (its CA file parsed), if any.
pub(crate) fn configured_timestamper(archive: &Archive) -> Result<Option<HttpTimestamper>, DeskError> {
    match archive.timestamp_authority()? {
        Some(tsa) => {
            let roots = match &tsa.ca_pem {
                Some(pem) => parse_certificates(pem.as_bytes())?,
                None => Vec::new(),
            };
            Ok(Some(HttpTimestamper::new(&tsa.url, roots)?))
        }
        None => Ok(None),
    }
}

/// The certificates the board's timestamp authority must chain to (its CA file), for checking
/// the timestamps in letters; empty when there is none.
pub(crate) fn trusted_roots(archive: &Archive) -> Result<Vec<scr_letters::Certificate>, DeskError> {
    match archive.timestamp_authority()?.and_then(|t| t.ca_pem) {
        Some(pem) => Ok(parse_certificates(pem.as_bytes())?),
        None => Ok(Vec::new()),
    }
}

/// What a letter's "how to check" note says about time: the authority's host, when there is one.
pub(crate) fn authority_host(archive: &Archive) -> Result<Option<String>, DeskError> {
    Ok(archive
        .timestamp_authority()?
        .and_then(|t| TsaUrl::parse(&t.url).ok())
        .map(|u| u.host))
}

impl Desk {
    pub fn timestamp_settings(&self) -> Result<TimestampSettingsView, DeskError> {
        self.with_archive(|archive| Ok(view(archive.timestamp_authority()?)))
    }

    /// Checks and saves the timestamp authority: the address must be http://, the CA file must
    /// hold certificates, and the authority must answer one request with a token that passes every
    /// check (and chains to the CA file, when given) before anything is saved. An empty address
    /// turns timestamping off. Audited.
    pub fn save_timestamp_settings(
        &self,
        input: TimestampSettingsInput,
    ) -> Result<TimestampSettingsView, DeskError> {
        let url = input.url.trim().to_owned();
        let ca_pem = input.ca_pem.trim().to_owned();
        if url.is_empty() {
            return self.with_archive(|archive| {
                archive.save_timestamp_authority(None)?;
                Ok(view(None))
            });
        }
        if ca_pem.len() > MAX_CA_PEM {
            return Err(DeskError::TimestampCaTooLarge { limit: MAX_CA_PEM });
        }
        let roots = if ca_pem.is_empty() {
            Vec::new()
        } else {
            parse_certificates(ca_pem.as_bytes())?
        };
        HttpTimestamper::new(&url, roots)?.probe()?;
        let tsa = TimestampAuthority {
            url,
            ca_pem: (!ca_pem.is_empty()).then_some(ca_pem),
        };
        self.with_archive(|archive| {
            archive.save_timestamp_authority(Some(&tsa))?;
            Ok(view(Some(tsa.clone())))
        })
    }
}
