//! Letters about a decision in the real window: the first-run "Explore with a demo board",
//! the case's signed letters drawn by pdf.js, then an update written, previewed, signed and
//! issued. Every screen passes axe; screenshots of each.

use std::path::Path;

use fantoccini::Locator;
use scr_e2e::{remove_keyring_entry, AppWindow, Launch, Result};

#[tokio::test]
async fn a_new_user_explores_the_demo_board_and_issues_an_update() -> Result<()> {
    let temp = tempfile::tempdir()?;
    let data_dir = temp.path().join("data");
    let result = journey(temp.path(), &data_dir).await;
    remove_keyring_entry(&data_dir);
    result
}

/// Waits until pdf.js has drawn every page; returns how many.
async fn wait_for_pages(app: &AppWindow) -> Result<usize> {
    app.wait_for(Locator::Css("#pdf-pages[data-rendered=true]"))
        .await?;
    let pages = app.client.find_all(Locator::Css("#pdf-pages canvas")).await?;
    // A drawn page is not blank: some pixel in its upper part is dark (the letterhead).
    let inked: bool = app
        .client
        .execute(
            "const c = document.querySelector('#pdf-pages canvas');
             const d = c.getContext('2d').getImageData(0, 0, c.width, Math.floor(c.height / 4)).data;
             for (let i = 0; i < d.length; i += 4) { if (d[i] < 100 && d[i + 3] > 0) return true; }
             return false;",
            vec![],
        )
        .await?
        .as_bool()
        .unwrap_or(false);
    assert!(inked, "pdf.js drew a blank first page");
    Ok(pages.len())
}

async fn journey(temp: &Path, data_dir: &Path) -> Result<()> {
    let mut launch = Launch::new(data_dir).with_private_folders(&temp.join("home"))?;
    launch.env.push(("HOME".into(), temp.display().to_string()));
    let app = AppWindow::launch(&launch).await?;

    // 1. First run: explore the demonstration board; the recovery key is still shown once.
    app.wait_for_heading("Set up your board").await?;
    app.assert_no_axe_violations("the first-run page with the demo offer")
        .await?;
    app.start_demo_board().await?;

    // 2. The case and its twelve signed letters; the circular drawn by pdf.js.
    app.click_id("nav-cases").await?;
    app.wait_for(Locator::Css("#cases-table a"))
        .await?
        .click()
        .await?;
    app.wait_for(Locator::Id("case-letters")).await?;
    let caption = app.text_of("#case-letters caption").await?;
    assert_eq!(caption.trim(), "12 issued, newest first");
    app.record_screen("the case page with its letters", "letters-case.png")
        .await?;
    let circular = app
        .wait_for(Locator::XPath(
            "//table[@id='case-letters']//tr[td[2][normalize-space()='All members (circular)']]//button[starts-with(@id,'view-letter-')]",
        ))
        .await?;
    circular.click().await?;
    app.wait_for_heading("Decision notice to All members (circular)")
        .await?;
    let pages = wait_for_pages(&app).await?;
    assert_eq!(
        pages, 3,
        "the demonstration's decision notice runs to three pages"
    );
    app.record_screen("an issued letter drawn by pdf.js", "letters-view.png")
        .await?;
    app.click_id("back-to-case").await?;

    // 3. Write an update: a missing answer first, then preview, then sign and issue.
    app.click_id("write-letters").await?;
    app.wait_for_heading("Write to the board").await?;
    app.assert_no_axe_violations("the write-letters form").await?;
    app.wait_for(Locator::Css("label[for=letter-kind-update]"))
        .await?
        .click()
        .await?;
    app.type_into("what-changed", "The review will report in January, not October.")
        .await?;
    app.click_id("preview-letters").await?;
    app.wait_for(Locator::Css(".govuk-error-summary")).await?;
    let summary = app.text_of(".govuk-error-summary").await?;
    assert!(summary.contains("Enter why it has changed"), "{summary}");
    app.record_screen("the write-letters form with an error", "letters-error.png")
        .await?;
    app.type_into(
        "update-reason",
        "The police asked us to wait for the charging decision.",
    )
    .await?;
    app.type_into("revised-completion-day", "31").await?;
    app.type_into("revised-completion-month", "1").await?;
    app.type_into("revised-completion-year", "2017").await?;

    // 3a. A letter naming the child is refused; the chair may allow a detail judged safe in
    // context (recorded), which the page then lists by kind and can withdraw.
    let what_changed = app.wait_for(Locator::Id("what-changed")).await?;
    what_changed.clear().await?;
    what_changed
        .send_keys("Tyler’s school asked for more time.")
        .await?;
    app.click_id("preview-letters").await?;
    app.wait_for(Locator::Id("allow-section")).await?;
    let summary = app.text_of(".govuk-error-summary").await?;
    assert!(summary.contains("the child's first name"), "{summary}");
    assert!(!summary.contains("Tyler"), "{summary}");
    app.assert_no_axe_violations("a letter refused by the annex guard")
        .await?;
    app.click_id("show-terms").await?;
    app.wait_for(Locator::Css("label[for=allow-term-term-0]"))
        .await?
        .click()
        .await?;
    app.wait_for(Locator::Css("label[for=allow-confirm]"))
        .await?
        .click()
        .await?;
    app.click_id("allow-term").await?;
    app.wait_for(Locator::Id("allowed-banner")).await?;
    let listed = app.text_of("#overrides").await?;
    assert!(listed.contains("the child's first name"), "{listed}");
    assert!(!listed.contains("Tyler"), "{listed}");
    app.record_screen("a detail allowed in the case's letters", "letters-override.png")
        .await?;
    app.wait_for(Locator::Css("#overrides button"))
        .await?
        .click()
        .await?;
    app.wait_until_gone("#overrides").await?;
    let what_changed = app.wait_for(Locator::Id("what-changed")).await?;
    what_changed.clear().await?;
    what_changed
        .send_keys("The review will report in January, not October.")
        .await?;
    app.click_id("preview-letters").await?;
    app.wait_for_heading("Check the letter before it is signed")
        .await?;
    assert_eq!(app.text_of("#preview-letter-count").await?.trim(), "12");
    let pages = wait_for_pages(&app).await?;
    assert!(pages >= 1);
    app.record_screen("the letter preview", "letters-preview.png")
        .await?;
    app.click_id("issue-letters").await?;
    app.wait_for_heading("Letters issued").await?;
    let panel = app.text_of("#letters-issued").await?;
    assert!(panel.contains("12 letters signed and stored"), "{panel}");
    app.assert_no_axe_violations("the letters-issued confirmation")
        .await?;
    app.click_id("back-to-case-after").await?;
    let caption = app.text_of("#case-letters caption").await?;
    assert_eq!(caption.trim(), "24 issued, newest first");
    app.close().await?;
    // pdf.js drew letters that tell the case, and the demo's annex names the child: none of it
    // is left in plain text in the app's or WebKit's files.
    scr_e2e::assert_not_on_disk(temp, &scr_e2e::child_t_case_data())?;
    Ok(())
}
