//! The first journey in the real window: set the board up, restart, see it; and the keyring
//! error screen when no Secret Service can be reached.

use fantoccini::Locator;
use scr_e2e::{AppWindow, Launch, Result};

#[tokio::test]
async fn board_name_survives_a_restart_and_every_screen_passes_axe() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let launch = Launch::new(&dir.path().join("data"));

    let app = AppWindow::launch(&launch).await?;
    app.wait_for_heading("Set up your board").await?;
    app.assert_no_axe_violations("the set-up screen").await?;

    // Saving empty fields shows the error summary, and that screen passes axe too.
    app.click_id("save-board").await?;
    app.wait_for(Locator::Css(".govuk-error-summary")).await?;
    let summary = app.text_of(".govuk-error-summary").await?;
    assert!(summary.contains("Enter the board's name"), "{summary}");
    app.record_screen("the set-up screen with errors", "setup-with-errors.png")
        .await?;

    app.type_into("board-name", "Anytown Safeguarding Children Board")
        .await?;
    app.type_into("board-area", "Anytown").await?;
    app.click_id("save-board").await?;

    // Before anything else, the chair is shown the recovery key once and must confirm keeping it.
    app.wait_for_heading("Save your recovery key").await?;
    let key = app.text_of("#recovery-key").await?;
    assert_eq!(key.trim().len(), 35, "{key}");
    app.record_screen("the recovery key screen", "recovery-key.png")
        .await?;
    app.click_id("confirm-recovery-key").await?;
    app.wait_for(Locator::Css(".govuk-error-summary")).await?;
    // GOV.UK checkboxes draw the box on the label; the input itself is transparent.
    app.wait_for(Locator::Css("label[for=recovery-key-saved]"))
        .await?
        .click()
        .await?;
    app.click_id("confirm-recovery-key").await?;
    app.wait_for_heading("Anytown Safeguarding Children Board")
        .await?;
    app.close().await?;

    let app = AppWindow::launch(&launch).await?;
    app.wait_for_heading("Anytown Safeguarding Children Board")
        .await?;
    assert_eq!(
        app.text_of("#header-board-name").await?.trim(),
        "Anytown Safeguarding Children Board"
    );
    app.record_screen("the board's home screen", "board-home.png")
        .await?;
    app.close().await?;
    Ok(())
}

#[tokio::test]
async fn without_a_keyring_the_app_explains_and_offers_a_retry() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let data_dir = dir.path().join("data");
    let app = AppWindow::launch(&Launch::new(&data_dir).without_keyring()).await?;
    app.wait_for(Locator::Id("keyring-error-title")).await?;
    assert_eq!(app.text_of("#error-code").await?.trim(), "keyring.unavailable");
    let page = app.text_of("main").await?;
    assert!(page.contains("system keyring"), "{page}");
    app.wait_for(Locator::Id("retry")).await?;
    app.record_screen("the keyring error screen", "keyring-error.png")
        .await?;
    app.close().await?;
    assert!(!data_dir.exists(), "an archive was created without a keyring");
    Ok(())
}
