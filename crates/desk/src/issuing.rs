//! Signing an issue of letters: each letter rendered, signed by every signer in turn (each
//! signature timestamped when the board has an authority), given its validation data and
//! checked by our verifier, on a few threads at once. A timestamp authority answers in a few
//! milliseconds, and a 60-member board's letters must not wait for 60 answers one after
//! another: while one thread waits for the authority, another renders and signs.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use scr_letters::{
    add_validation_data, sign_pdf, verify, Certificate, HttpTimestamper, LetterDocument, LetterError,
    LetterRenderer, LocalSigner, SignatureRequest, SigningIdentity, UtcDateTime,
};

use scr_domain::letter_kind::LetterKind;

use crate::{DeskError, LetterToIssue};

/// At most this many letters are worked on at once: enough to hide the authority's round trips
/// on a laptop's cores without crowding it.
const MAX_THREADS: usize = 4;

/// One letter's signed bytes, or why it could not be signed.
type Signed = Result<Vec<u8>, DeskError>;

/// What every letter of one issue is signed with.
pub(crate) struct Signing<'a> {
    pub renderer: &'a LetterRenderer,
    pub identities: &'a [LocalSigner],
    pub timestamper: Option<&'a HttpTimestamper>,
    pub trusted: &'a [Certificate],
    /// The board's revocation list, and the timestamp authority's.
    pub crls: &'a [Vec<u8>],
    pub now: UtcDateTime,
}

impl Signing<'_> {
    /// Every letter signed, in the order given; the first failure stops the rest.
    pub(crate) fn sign_all(&self, letters: &[LetterToIssue]) -> Result<Vec<Vec<u8>>, DeskError> {
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let results: Mutex<Vec<Option<Signed>>> = Mutex::new((0..letters.len()).map(|_| None).collect());
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get() * 2)
            .clamp(1, MAX_THREADS)
            .min(letters.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= letters.len() || failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let result = self.sign_one(&letters[i]);
                    if result.is_err() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    if let Ok(mut slots) = results.lock() {
                        slots[i] = Some(result);
                    }
                });
            }
        });
        let slots = results.into_inner().map_err(|_| DeskError::Poisoned)?;
        // The first failure in letter order, so the error a user sees does not depend on timing.
        if let Some(Err(_)) = slots.iter().flatten().find(|r| r.is_err()) {
            let first = slots.into_iter().flatten().find_map(Result::err);
            return Err(first.unwrap_or(DeskError::Poisoned));
        }
        slots
            .into_iter()
            .map(|slot| slot.unwrap_or(Err(DeskError::Poisoned)))
            .collect()
    }

    fn sign_one(&self, letter: &LetterToIssue) -> Result<Vec<u8>, DeskError> {
        let reason = format!("{} {}", reason(letter.kind), letter.document.reference);
        self.sign_document(&letter.document, &reason)
    }

    /// One document rendered, signed by every signer in turn with `reason`, given its validation
    /// data and checked by our verifier (a letter, or a report in the letters' style).
    pub(crate) fn sign_document(
        &self,
        document: &LetterDocument,
        reason: &str,
    ) -> Result<Vec<u8>, DeskError> {
        let rendered = self.renderer.render(document, self.now)?;
        let mut pdf = rendered.pdf.clone();
        for (i, identity) in self.identities.iter().enumerate() {
            let mut request = SignatureRequest::new(rendered.slot(i)?, self.now);
            request.reason = Some(reason.to_owned());
            if let Some(tsa) = self.timestamper {
                request = request.with_timestamper(tsa);
            }
            pdf = sign_pdf(&pdf, identity as &dyn SigningIdentity, &request)?;
        }
        pdf = add_validation_data(&pdf, self.trusted, self.crls)?;
        let report = verify(&pdf, self.trusted);
        if !report.all_valid {
            let problems: Vec<String> = report
                .signatures
                .iter()
                .flat_map(|s| s.problems.clone())
                .collect();
            return Err(DeskError::Letter(LetterError::SigningFailed(format!(
                "the signed letter did not verify: {problems:?}"
            ))));
        }
        Ok(pdf)
    }
}

fn reason(kind: LetterKind) -> &'static str {
    kind.label()
}
