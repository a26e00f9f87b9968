//! Records governance in the real window: the due-for-review page, a hold placed and
//! lifted on the whole archive and on a case (the banner on the case's pages), and the restricted
//! details disposed of with the confirmation given by keyboard. Every screen passes axe.

use std::path::Path;

use fantoccini::key::Key;
use fantoccini::Locator;
use scr_e2e::{remove_keyring_entry, AppWindow, Launch, Result};

#[tokio::test]
async fn the_chair_holds_lifts_and_disposes_of_the_restricted_details() -> Result<()> {
    let temp = tempfile::tempdir()?;
    let data_dir = temp.path().join("data");
    let result = journey(temp.path(), &data_dir).await;
    remove_keyring_entry(&data_dir);
    result
}

/// Lifts the one hold in force on the page, for a reason.
async fn lift_the_hold(app: &AppWindow, reason: &str) -> Result<()> {
    app.wait_for(Locator::Css("input[id^=lift-reason-]"))
        .await?
        .send_keys(reason)
        .await?;
    app.wait_for(Locator::Css("button[id^=lift-hold-]"))
        .await?
        .click()
        .await?;
    Ok(())
}

async fn journey(temp: &Path, data_dir: &Path) -> Result<()> {
    let mut launch = Launch::new(data_dir);
    launch.env.push(("HOME".into(), temp.display().to_string()));
    let app = AppWindow::launch(&launch).await?;

    app.wait_for_heading("Set up your board").await?;
    app.start_demo_board().await?;

    // 1. The due-for-review page: nothing due yet; a hold on the whole archive, then lifted.
    app.click_id("nav-archive").await?;
    app.click_id("open-retention").await?;
    app.wait_for_heading("Records due for review").await?;
    app.wait_for(Locator::Id("nothing-due")).await?;
    app.assert_no_axe_violations("the due-for-review page").await?;
    app.type_into(
        "archive-hold-reason",
        "Inquiry instruction not to destroy records",
    )
    .await?;
    app.type_into("archive-hold-authority", "The inquiry's chair")
        .await?;
    app.click_id("place-archive-hold").await?;
    app.wait_for(Locator::Id("holds-in-force")).await?;
    app.record_screen("the due-for-review page with a hold", "retention-due.png")
        .await?;
    lift_the_hold(&app, "Instruction lifted").await?;
    app.wait_for(Locator::Id("no-holds")).await?;

    // 2. A hold on the case shows on its pages; lifted again.
    app.click_id("nav-cases").await?;
    app.wait_for(Locator::Css("#cases-table a"))
        .await?
        .click()
        .await?;
    app.click_id("open-case-retention").await?;
    app.wait_for(Locator::Css("#case-classes")).await?;
    let title = app.text_of("#case-retention-title").await?;
    let reference = title
        .trim()
        .strip_prefix("Retention of ")
        .ok_or(format!("the case's retention page is headed {title}"))?
        .to_owned();
    app.type_into("case-hold-reason", "Civil claim by the family")
        .await?;
    app.type_into("case-hold-authority", "Council legal services")
        .await?;
    app.click_id("place-case-hold").await?;
    app.wait_for(Locator::Id("legal-hold-banner")).await?;
    app.click_id("case-retention-back").await?;
    app.wait_for(Locator::Id("case-title")).await?;
    let banner = app.text_of("#legal-hold-banner").await?;
    assert!(banner.contains("Civil claim by the family"), "{banner}");
    app.record_screen("a held case's page", "retention-held-case.png")
        .await?;
    app.click_id("open-case-retention").await?;
    app.wait_for_heading(&format!("Retention of {reference}")).await?;
    app.assert_no_axe_violations("a case's retention page").await?;
    lift_the_hold(&app, "Claim settled").await?;
    app.wait_until_gone("#legal-hold-banner").await?;

    // 3. The restricted details disposed of, confirmed by keyboard.
    app.click_id("dispose-restricted_annex").await?;
    app.wait_for_heading(&format!(
        "Dispose of the restricted details (the annex) of {reference}"
    ))
    .await?;
    let removed = app.text_of("#disposal-removed").await?;
    assert!(!removed.trim().is_empty(), "the page names what is destroyed");
    app.record_screen("the disposal confirmation", "retention-dispose.png")
        .await?;
    app.type_into("confirm-disposal", " ").await?;
    app.type_into("dispose-records", &Key::Enter.to_string()).await?;
    app.wait_for(Locator::Id("disposal-done")).await?;
    app.record_screen("the disposal's certificate", "retention-disposed.png")
        .await?;
    app.close().await
}
