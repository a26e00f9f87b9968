//! Creating a board's archive in one step, as `scr-desk init` does: the archive with its recovery
//! key, the board's profile, and (when the chair is named) its signing identity.

use scr_archive::RecoveryKey;
use scr_domain::board::BoardProfile;

use crate::{AppStatus, Desk, DeskError, SigningSetupInput, SigningStatus};

/// What [`Desk::init_board`] made. The archive exists whatever happened to signing, so its
/// recovery key is here to be shown even when setting up signing failed.
#[derive(Debug)]
pub struct InitOutcome {
    pub status: AppStatus,
    /// Shown once, to whoever created the board: the archive counts it as seen.
    pub recovery_key: RecoveryKey,
    pub signing: SigningOutcome,
}

/// Whether signing was set up with the new archive.
#[derive(Debug)]
pub enum SigningOutcome {
    /// No chair was named: signing is set up later (`scr-desk signing set-up`).
    NotAsked,
    SetUp(SigningStatus),
    /// The archive was created, but signing could not be set up; it can be tried again later.
    Failed(DeskError),
}

impl Desk {
    /// Creates the archive for `profile` in a folder that has none (refused otherwise), and sets
    /// up signing for `chair` when one is given.
    pub fn init_board(
        &self,
        profile: BoardProfile,
        chair: Option<SigningSetupInput>,
    ) -> Result<InitOutcome, DeskError> {
        let (status, recovery_key) = self.init(profile)?;
        let signing = match chair.map(|chair| self.set_up_signing(chair)) {
            None => SigningOutcome::NotAsked,
            Some(Ok(signing)) => SigningOutcome::SetUp(signing),
            Some(Err(error)) => SigningOutcome::Failed(error),
        };
        Ok(InitOutcome {
            status,
            recovery_key,
            signing,
        })
    }
}
