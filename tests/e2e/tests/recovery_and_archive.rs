//! The keyring entry is gone: the app offers the recovery key, opens the archive with it, and
//! the archive page checks and backs it up. Started a second time while open, the app says the
//! archive is open in the first window and leaves it to that one. Every screen passes axe.

use std::path::Path;
use std::process::Command;

use fantoccini::Locator;
use scr_e2e::{init_archive, AppWindow, Launch, Result};

fn delete_keyring_entry(data_dir: &Path) -> Result<()> {
    let header: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data_dir.join("archive-header.json"))?)?;
    let account = header["keyring"]["account"]
        .as_str()
        .ok_or("no account in header")?;
    let status = Command::new("secret-tool")
        .args(["clear", "service", "SCR Decision Desk", "username", account])
        .status()?;
    assert!(status.success(), "secret-tool clear failed");
    Ok(())
}

#[tokio::test]
async fn a_lost_keyring_entry_is_recovered_in_the_window_then_checked_and_backed_up() -> Result<()> {
    let temp = tempfile::tempdir()?;
    let data_dir = temp.path().join("data");
    let key_file = temp.path().join("recovery-key.txt");
    init_archive(&data_dir, &key_file, "Northshire Safeguarding Children Board")?;
    let recovery_key = std::fs::read_to_string(&key_file)?
        .lines()
        .last()
        .ok_or("empty key file")?
        .to_owned();
    delete_keyring_entry(&data_dir)?;

    let mut launch = Launch::new(&data_dir);
    launch
        .env
        .push(("HOME".into(), temp.path().display().to_string()));
    let app = AppWindow::launch(&launch).await?;
    app.wait_for_heading("Your archive is locked").await?;
    assert_eq!(app.text_of("#error-code").await?.trim(), "keyring.entry_missing");
    app.record_screen("the locked screen", "locked.png").await?;

    app.click_id("use-recovery-key").await?;
    app.wait_for_heading("Open the archive with your recovery key")
        .await?;
    let input = app.wait_for(Locator::Id("recovery-key-input")).await?;
    input.send_keys("ABCDE-12345").await?;
    app.click_id("recover-archive").await?;
    app.wait_for(Locator::Css(".govuk-error-summary")).await?;
    assert!(app
        .text_of(".govuk-error-summary")
        .await?
        .contains("30 characters"));
    app.assert_no_axe_violations("the recovery form with an error")
        .await?;

    input.clear().await?;
    input.send_keys(&recovery_key.to_lowercase()).await?;
    app.click_id("recover-archive").await?;
    app.wait_for_heading("Northshire Safeguarding Children Board")
        .await?;

    app.click_id("nav-archive").await?;
    app.wait_for_heading("Your archive").await?;
    app.assert_no_axe_violations("the archive page").await?;
    app.click_id("check-archive").await?;
    let result = app.text_of("#check-result").await?;
    assert!(result.contains("intact"), "{result}");
    app.click_id("backup-archive").await?;
    let backup = app.text_of("#backup-path").await?;
    assert!(
        Path::new(backup.trim()).exists(),
        "the backup {backup:?} is not on disk"
    );
    app.record_screen("the archive page with results", "archive.png")
        .await?;
    app.close().await?;

    // The keyring holds a new entry: the next start is silent.
    let app = AppWindow::launch(&launch).await?;
    app.wait_for_heading("Northshire Safeguarding Children Board")
        .await?;

    // Started again while it is open, the app says so and leaves the archive to the first window.
    let second = AppWindow::launch(&launch).await?;
    second
        .wait_for_heading("SCR Decision Desk is already open")
        .await?;
    assert_eq!(second.text_of("#error-code").await?.trim(), "archive.in_use");
    assert!(second
        .text_of("#error-message")
        .await?
        .contains("Switch to the window that has it open"));
    second
        .record_screen("the second window's already-open page", "already-open.png")
        .await?;
    second.close().await?;
    app.click_id("nav-archive").await?;
    app.wait_for_heading("Your archive").await?;
    app.click_id("check-archive").await?;
    assert!(app.text_of("#check-result").await?.contains("intact"));
    app.close().await?;
    Ok(())
}
