//! Signing and verification in the real window: the chair sets up signing on the Signing page,
//! a letter is signed and recorded through the desk (as the decision wizard's issue does),
//! and the "Verify a letter" page says the letter is genuine, and that a changed copy is not.
//! Every screen passes axe.

use std::path::Path;

use fantoccini::Locator;
use scr_desk::scr_letters::sample;
use scr_e2e::{init_archive, remove_keyring_entry, AppWindow, Launch, Result};

const BOARD: &str = "Anytown Safeguarding Children Board";

/// Signs the sample letter with the chair's key from the archive and records it, as the decision
/// wizard will for a finalised decision; the app is closed meanwhile.
fn issue_letter(data_dir: &Path) -> Result<Vec<u8>> {
    let desk = scr_desk::Desk::with_system_keyring(data_dir.to_owned(), "e2e");
    let fingerprint = desk
        .signing_status()?
        .board_certificate
        .ok_or("no board certificate")?
        .fingerprint_grouped;
    let mut document = sample::anytown_child_t();
    document.verification_note =
        scr_desk::scr_letters::standard_verification_note(&["Dr Jane Smith"], &fingerprint);
    let issued = scr_desk::testing::sign_documents(
        &desk,
        &[scr_desk::LetterToIssue {
            document,
            kind: scr_desk::LetterKind::DecisionNotice,
            recipient: scr_desk::Recipient::Circular,
        }],
        &[],
    )?;
    Ok(desk.issued_letter_pdf(issued[0].id)?)
}

async fn check_letter(app: &AppWindow, path: &Path) -> Result<()> {
    let input = app.wait_for(Locator::Id("letter-file")).await?;
    input.send_keys(&path.display().to_string()).await?;
    app.click_id("verify-letter").await?;
    Ok(())
}

#[tokio::test]
async fn the_chair_sets_up_signing_and_a_signed_letter_is_verified_in_the_window() -> Result<()> {
    let temp = tempfile::tempdir()?;
    let data_dir = temp.path().join("data");
    init_archive(&data_dir, &temp.path().join("recovery-key.txt"), BOARD)?;
    let result = journey(temp.path(), &data_dir).await;
    remove_keyring_entry(&data_dir);
    result
}

async fn journey(temp: &Path, data_dir: &Path) -> Result<()> {
    let mut launch = Launch::new(data_dir);
    launch.env.push(("HOME".into(), temp.display().to_string()));

    // 1. Set up signing on the Signing page.
    let app = AppWindow::launch(&launch).await?;
    app.wait_for_heading(BOARD).await?;
    app.click_id("nav-signing").await?;
    app.wait_for_heading("Signing").await?;
    let name = app.wait_for(Locator::Id("chair-name")).await?;
    app.assert_no_axe_violations("the Signing page before set-up")
        .await?;
    app.click_id("set-up-signing").await?;
    app.wait_for(Locator::Css(".govuk-error-summary")).await?;
    assert!(app
        .text_of("#chair-name-error")
        .await?
        .contains("Enter the chair"));
    app.assert_no_axe_violations("the Signing page with an error")
        .await?;
    name.send_keys("Dr Jane Smith").await?;
    app.click_id("set-up-signing").await?;
    let fingerprint = app.text_of("#board-fingerprint").await?;
    assert_eq!(fingerprint.split_whitespace().count(), 16, "{fingerprint}");
    assert!(app.text_of("#signers").await?.contains("Dr Jane Smith"));
    app.click_id("export-certificate").await?;
    let saved = app.text_of("#certificate-path").await?;
    assert!(Path::new(saved.trim()).exists(), "{saved:?} is not on disk");
    app.record_screen("the Signing page once set up", "signing.png")
        .await?;
    app.close().await?;

    // 2. A letter signed with the chair's stored key and recorded as issued.
    let pdf = issue_letter(data_dir)?;
    let letter = temp.join("SCR-2016-004 decision notice.pdf");
    std::fs::write(&letter, &pdf)?;
    let mut changed = pdf.clone();
    let at = changed.len() / 3;
    changed[at] ^= 0x01;
    let tampered = temp.join("changed.pdf");
    std::fs::write(&tampered, &changed)?;

    // 3. Verify both in the window.
    let app = AppWindow::launch(&launch).await?;
    app.wait_for_heading(BOARD).await?;
    app.click_id("nav-verify").await?;
    app.wait_for_heading("Verify a letter").await?;
    app.assert_no_axe_violations("the Verify a letter page").await?;

    check_letter(&app, &letter).await?;
    let panel = app.text_of("#verify-result").await?;
    assert!(panel.contains("This letter is genuine"), "{panel}");
    let signer = app.text_of("#signature-1-signer").await?;
    assert_eq!(signer.trim(), "Dr Jane Smith, Independent Chair");
    let record = app.text_of("#verify-archive").await?;
    assert!(record.contains("Matches letter SCR-2016-004"), "{record}");
    app.record_screen("a genuine letter's result", "verify-genuine.png")
        .await?;

    check_letter(&app, &tampered).await?;
    app.wait_for(Locator::Css(".govuk-error-summary")).await?;
    let summary = app.text_of(".govuk-error-summary").await?;
    assert!(summary.contains("changed since it was signed"), "{summary}");
    assert_eq!(app.text_of("#verify-intact").await?.trim(), "No");
    assert!(app
        .text_of("#verify-archive")
        .await?
        .contains("No letter with exactly these contents"));
    app.record_screen("a changed letter's result", "verify-changed.png")
        .await?;
    app.close().await?;
    Ok(())
}
