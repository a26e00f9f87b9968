//! Distribution in the real window: a case whose letters are issued, the board's mail server
//! (the local test SMTP server), "Send the letters" with the progress bar running to the end,
//! an acknowledgement recorded, and the "not yet acknowledged" list. Every screen passes axe.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use scr_desk::testing::{add_email_members, issue_circular_for, plain_settings, TestBoard};
use scr_desk::NewCase;
use scr_e2e::{AppWindow, Launch, Result};
use scr_mail::test_server::{ServerTls, TestSmtpServer};

const BOARD: &str = "Anytown Safeguarding Children Board";

#[tokio::test]
async fn send_a_decisions_letters_watch_the_progress_and_record_an_acknowledgement() -> Result<()> {
    let server = TestSmtpServer::start(ServerTls::None);
    // Slow enough to see the bar move.
    server.control(r#"{"delay": 0.2}"#);
    let board = TestBoard::new();
    let (case_id, reference) = {
        let desk = board.desk();
        add_email_members(&desk, 3);
        let case = desk.open_case(NewCase {
            summary: scr_domain::example::case(),
            annex: scr_domain::example::annex(),
        })?;
        issue_circular_for(&desk, &case.reference);
        desk.save_mail_settings(plain_settings(server.port))?;
        (case.id, case.reference)
    };
    let mut launch = Launch::new(&board.dir);
    launch
        .env
        .push(("HOME".into(), board.temp.path().display().to_string()));
    let app = AppWindow::launch(&launch).await?;
    app.wait_for_heading(BOARD).await?;

    app.click_id("nav-settings").await?;
    app.click_id("open-mail-settings").await?;
    app.wait_for_heading("Mail server and reminders").await?;
    // The form fills in once the saved settings arrive.
    let host = app.wait_for(Locator::Id("mail-host")).await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while host.prop("value").await?.as_deref() != Some("127.0.0.1") {
        assert!(Instant::now() < deadline, "the saved mail server never showed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.record_screen("the mail settings", "mail-settings.png")
        .await?;

    app.click_id("nav-cases").await?;
    app.click_id(&format!("case-link-{case_id}")).await?;
    app.click_id("open-distribution").await?;
    app.wait_for_heading("Send the letters").await?;
    app.wait_for(Locator::Id("missed-list")).await?;
    assert_eq!(
        list_items(&app, "#missed-list li").await?,
        ["Member 01", "Member 02", "Member 03"]
    );
    app.record_screen("the Distribution page before sending", "distribution-before.png")
        .await?;

    app.click_id("send-letters").await?;
    app.wait_for(Locator::Id("send-progress")).await?;
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut saw_running = false;
    loop {
        let status = app.text_of("#send-status").await?;
        if status.contains("Sending") {
            saw_running = true;
        }
        if status.contains("Finished") {
            break;
        }
        assert!(Instant::now() < deadline, "the progress bar never finished");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(saw_running, "the bar was never seen running");
    let bar = app.wait_for(Locator::Id("send-progress")).await?;
    assert_eq!(bar.attr("value").await?, bar.attr("max").await?);
    assert_eq!(server.received().len(), 3);
    assert!(
        app.client.find(Locator::Id("missed")).await.is_err(),
        "nobody is missed now"
    );
    app.record_screen("the Distribution page after sending", "distribution-sent.png")
        .await?;

    // Member 01 acknowledges by email reply.
    app.type_into("ack-date", "4 March 2026").await?;
    app.click_id("record-acknowledgement").await?;
    let notice = app.text_of("#distribution-notice").await?;
    assert!(notice.contains("Member 01"), "{notice}");
    app.wait_for(Locator::Id("not-acknowledged")).await?;
    assert_eq!(
        list_items(&app, "#not-acknowledged li").await?,
        ["Member 02", "Member 03"]
    );
    assert!(app.text_of("#told-table").await?.contains("4 March 2026"));
    app.record_screen(
        "the Distribution page with an acknowledgement",
        "distribution-acknowledged.png",
    )
    .await?;
    app.close().await?;

    let view = board.desk().distribution(&reference)?;
    assert_eq!(view.not_acknowledged, ["Member 02", "Member 03"]);
    Ok(())
}

async fn list_items(app: &AppWindow, css: &str) -> Result<Vec<String>> {
    let mut texts = Vec::new();
    for item in app.client.find_all(Locator::Css(css)).await? {
        texts.push(item.text().await?.trim().to_owned());
    }
    Ok(texts)
}
