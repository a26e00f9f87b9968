//! The list of every type that crosses to the UI, from which `ui/src/generated/` is written
//! (and checked by `tests/typescript_bindings.rs`).

use scr_domain::binding;

use super::{ErrorAction, ErrorDetails, FieldError, IpcError};
use crate::ErrorCode;

/// Every type the UI sees, as `(file name, TypeScript)`, for `ui/src/generated/`.
pub fn typescript_bindings() -> Result<Vec<(String, String)>, ts_rs::ExportError> {
    use scr_domain::register::{self, import};
    let cfg = ts_rs::Config::new();
    let mut bindings = vec![
        binding::<crate::AppStatus>(&cfg)?,
        binding::<crate::BoardProfile>(&cfg)?,
        binding::<ErrorCode>(&cfg)?,
        binding::<ErrorDetails>(&cfg)?,
        binding::<FieldError>(&cfg)?,
        binding::<ErrorAction>(&cfg)?,
        binding::<IpcError>(&cfg)?,
        binding::<crate::IssuedRecoveryKey>(&cfg)?,
        binding::<crate::PassphraseKept>(&cfg)?,
        binding::<crate::IntegrityReport>(&cfg)?,
        binding::<crate::BackupMade>(&cfg)?,
        binding::<crate::CaseView>(&cfg)?,
        binding::<crate::AnnexOverrideView>(&cfg)?,
        binding::<crate::BoardTextWarning>(&cfg)?,
        binding::<crate::CaseListEntry>(&cfg)?,
        binding::<crate::DecisionVersion>(&cfg)?,
        binding::<crate::NewCase>(&cfg)?,
        binding::<crate::SigningSetupInput>(&cfg)?,
        binding::<crate::SigningStatus>(&cfg)?,
        binding::<crate::CertificateSummary>(&cfg)?,
        binding::<crate::SignerSummary>(&cfg)?,
        binding::<crate::CertificateExported>(&cfg)?,
        binding::<crate::LetterVerification>(&cfg)?,
        binding::<crate::SignatureCheck>(&cfg)?,
        binding::<crate::TrustSource>(&cfg)?,
        binding::<crate::IssuedLetterSummary>(&cfg)?,
        // letters about a decision
        binding::<crate::LetterRequest>(&cfg)?,
        binding::<crate::LetterPreview>(&cfg)?,
        binding::<crate::CaseLetter>(&cfg)?,
        binding::<crate::LetterSaved>(&cfg)?,
        binding::<crate::DemoCreated>(&cfg)?,
        // the board register
        binding::<crate::RegisterView>(&cfg)?,
        binding::<crate::MemberRecord>(&cfg)?,
        binding::<crate::FileUpload>(&cfg)?,
        binding::<crate::ImportPreviewView>(&cfg)?,
        binding::<crate::ImportDone>(&cfg)?,
        binding::<crate::ExportFormat>(&cfg)?,
        binding::<crate::RegisterExported>(&cfg)?,
        binding::<crate::SettingsView>(&cfg)?,
        binding::<crate::LogoView>(&cfg)?,
        binding::<register::RegisterEntry>(&cfg)?,
        binding::<register::MemberStatus>(&cfg)?,
        binding::<register::Member>(&cfg)?,
        binding::<register::MemberDetails>(&cfg)?,
        binding::<register::MemberInput>(&cfg)?,
        binding::<register::MemberVersion>(&cfg)?,
        binding::<register::Voting>(&cfg)?,
        binding::<register::Channel>(&cfg)?,
        binding::<import::ImportPreview>(&cfg)?,
        binding::<import::ColumnMapping>(&cfg)?,
        binding::<import::ImportField>(&cfg)?,
        binding::<import::ImportAddition>(&cfg)?,
        binding::<import::ImportUpdate>(&cfg)?,
        binding::<import::ImportUnchanged>(&cfg)?,
        binding::<import::ImportProblem>(&cfg)?,
        binding::<import::FieldChange>(&cfg)?,
        binding::<scr_domain::board::BoardSettings>(&cfg)?,
        binding::<scr_domain::framework::FrameworkSummary>(&cfg)?,
        binding::<crate::FrameworksView>(&cfg)?,
        binding::<crate::FolderFileProblem>(&cfg)?,
        binding::<crate::NextDeadline>(&cfg)?,
        // Distribution
        binding::<crate::MailSettingsView>(&cfg)?,
        binding::<crate::MailSettingsInput>(&cfg)?,
        binding::<crate::TestMessageSent>(&cfg)?,
        binding::<crate::DistributionView>(&cfg)?,
        binding::<crate::ToldRow>(&cfg)?,
        binding::<crate::DeliveryView>(&cfg)?,
        binding::<crate::BatchProgress>(&cfg)?,
        binding::<crate::SendReport>(&cfg)?,
        binding::<crate::PlannedLetter>(&cfg)?,
        binding::<crate::ExportDone>(&cfg)?,
        binding::<crate::ReminderReport>(&cfg)?,
        binding::<crate::AcknowledgementInput>(&cfg)?,
        // Trusted timestamps
        binding::<crate::TimestampSettingsView>(&cfg)?,
        binding::<crate::TimestampSettingsInput>(&cfg)?,
        binding::<crate::TimestampCheck>(&cfg)?,
        binding::<crate::DocumentCheck>(&cfg)?,
        // After the decision
        binding::<crate::MilestonesView>(&cfg)?,
        binding::<crate::MilestoneSlotView>(&cfg)?,
        binding::<crate::MilestoneChange>(&cfg)?,
        binding::<crate::MilestoneInput>(&cfg)?,
        binding::<crate::MilestoneCorrection>(&cfg)?,
        binding::<crate::HomeView>(&cfg)?,
        binding::<crate::FirstScreen>(&cfg)?,
        binding::<crate::Qm3Exported>(&cfg)?,
        binding::<crate::Qm3Format>(&cfg)?,
        // Records governance
        binding::<crate::RetentionOverview>(&cfg)?,
        binding::<crate::HoldView>(&cfg)?,
        binding::<crate::CaseRetentionView>(&cfg)?,
        binding::<crate::DisposalPreview>(&cfg)?,
        binding::<crate::HoldInput>(&cfg)?,
        binding::<crate::LiftHoldInput>(&cfg)?,
        binding::<crate::DisposalInput>(&cfg)?,
        binding::<crate::KeepLongerInput>(&cfg)?,
        binding::<scr_domain::retention::RetentionSchedule>(&cfg)?,
        binding::<scr_domain::retention::RetentionRule>(&cfg)?,
        binding::<scr_domain::retention::RetentionPeriod>(&cfg)?,
        binding::<scr_domain::retention::RecordClass>(&cfg)?,
        binding::<scr_domain::retention::RetentionEvent>(&cfg)?,
        binding::<scr_domain::retention::EndAction>(&cfg)?,
        binding::<scr_domain::retention::DueItem>(&cfg)?,
        binding::<scr_domain::retention::BackupDue>(&cfg)?,
        binding::<scr_domain::retention::BackupFile>(&cfg)?,
        binding::<scr_domain::retention::ClassStatus>(&cfg)?,
        binding::<scr_domain::retention::RetentionState>(&cfg)?,
        binding::<scr_domain::retention::certificate::DisposalCertificate>(&cfg)?,
        binding::<scr_domain::retention::certificate::RuleApplied>(&cfg)?,
        binding::<scr_domain::retention::certificate::Authorisation>(&cfg)?,
        binding::<scr_domain::retention::certificate::SecondPerson>(&cfg)?,
        binding::<scr_domain::retention::certificate::RemovedRows>(&cfg)?,
        binding::<scr_domain::retention::certificate::LetterFingerprint>(&cfg)?,
        binding::<scr_domain::retention::certificate::DecisionFingerprint>(&cfg)?,
        binding::<scr_domain::retention::certificate::BackupBefore>(&cfg)?,
    ];
    // The domain's types (frameworks, cases, drafts, findings, timers) sit beside ours.
    for (file, text) in scr_domain::typescript_bindings()? {
        if !bindings.iter().any(|(existing, _)| *existing == file) {
            bindings.push((file, text));
        }
    }
    Ok(bindings)
}
