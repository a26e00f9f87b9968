//! The chair's home in the real window: the demonstration board (living in the present) lists
//! what needs doing; following the "Tell the …" link by keyboard lands on the case's
//! milestones with that milestone's form open; recording it makes the item go from the home
//! page; the Quality Marker 3 report shows its charts, and its "Save as PDF (signed)" button
//! writes a signed PDF into the Documents folder that the app's verifier accepts. Every screen
//! passes axe; screenshots of each.

use std::path::Path;
use std::process::Command;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Locator;
use scr_e2e::{app_binary, output_dir, remove_keyring_entry, screenshot_dir, AppWindow, Launch, Result};
use serde_json::Value;

#[tokio::test]
async fn the_home_page_leads_to_what_needs_doing_and_the_report_shows_its_charts() -> Result<()> {
    let temp = tempfile::tempdir()?;
    let data_dir = temp.path().join("data");
    let status = Command::new(app_binary())
        .args(["demo", "--data-dir"])
        .arg(&data_dir)
        .status()?;
    assert!(status.success(), "scr-desk demo failed");
    // A home of its own, so that the report is saved where the test can find it (and nowhere else).
    let home = temp.path().join("home");
    std::fs::create_dir_all(&home)?;
    let result = journey(&data_dir, &home).await;
    if result.is_ok() {
        // The report the button saved: signed, and checked by the app's verifier against the board.
        let folder = home.join("SCR Decision Desk reports");
        let saved: Vec<_> = std::fs::read_dir(&folder)?.collect::<std::io::Result<_>>()?;
        assert_eq!(saved.len(), 1, "one report saved in {}", folder.display());
        let output = Command::new(app_binary())
            .arg("verify")
            .arg(saved[0].path())
            .args(["--data-dir"])
            .arg(&data_dir)
            .output()?;
        assert!(
            output.status.success(),
            "the saved report does not verify: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
    remove_keyring_entry(&data_dir);
    result
}

/// Focuses the element and presses Enter, as a keyboard user activates a link or button.
async fn activate(app: &AppWindow, id: &str) -> Result<()> {
    app.wait_for(Locator::Id(id)).await?;
    app.client
        .execute(
            "document.getElementById(arguments[0]).focus();",
            vec![Value::String(id.into())],
        )
        .await?;
    let enter: char = Key::Enter.into();
    app.client
        .perform_actions(
            KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: enter })
                .then(KeyAction::Up { value: enter }),
        )
        .await?;
    Ok(())
}

/// The titles of the home page's obligations, in order.
async fn obligation_titles(app: &AppWindow) -> Result<Vec<(String, String)>> {
    let listed = app
        .client
        .execute(
            "return [...document.querySelectorAll('#obligations li > a')].map(a => [a.id, a.firstChild.textContent.trim()]);",
            vec![],
        )
        .await?;
    Ok(listed
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    (
                        row[0].as_str().unwrap_or_default().to_owned(),
                        row[1].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default())
}

async fn journey(data_dir: &Path, home: &Path) -> Result<()> {
    let mut launch = Launch::new(data_dir);
    let home_text = home.to_string_lossy().into_owned();
    launch.env.push(("HOME".into(), home_text.clone()));
    launch
        .env
        .push(("XDG_CONFIG_HOME".into(), format!("{home_text}/.config")));
    let app = AppWindow::launch(&launch).await?;
    let shots = output_dir().join("home");

    app.wait_for(Locator::Id("obligations")).await?;
    let before = obligation_titles(&app).await?;
    let (link, title) = before
        .iter()
        .find(|(_, title)| title.starts_with("Tell the"))
        .cloned()
        .ok_or_else(|| format!("no national notification owed on the demo board: {before:?}"))?;
    assert!(
        before.iter().any(|(_, title)| title.contains("Send")),
        "the demo's letters are issued but not sent: {before:?}"
    );
    app.assert_no_axe_violations("the home page with what needs doing")
        .await?;
    app.screenshot(&shots.join("1-home.png")).await?;
    // The README's picture is this page; the test command leaves the committed one alone.
    if std::env::var_os("SCR_DESK_SCREENSHOT_DIR").is_some() {
        app.screenshot(&screenshot_dir().join("screenshot.png")).await?;
    }

    // The link lands on the case's milestones with that milestone's form open and focused.
    activate(&app, &link).await?;
    app.wait_for(Locator::Id("milestone-form")).await?;
    let today = today_in_the_window(&app).await?;
    for (part, value) in ["day", "month", "year"].iter().zip(today.iter()) {
        app.type_into(&format!("milestone-date-{part}"), value).await?;
    }
    app.assert_no_axe_violations("the milestone form").await?;
    app.screenshot(&shots.join("2-milestone-form.png")).await?;
    activate(&app, "milestone-save").await?;
    app.wait_for(Locator::Id("milestone-notice")).await?;
    app.assert_no_axe_violations("the milestones after recording one")
        .await?;
    app.screenshot(&shots.join("3-milestone-recorded.png")).await?;

    // Back home, that item has gone; the others are still there.
    activate(&app, "nav-board").await?;
    app.wait_for(Locator::Id("year-title")).await?;
    let after = obligation_titles(&app).await?;
    assert!(
        !after.iter().any(|(_, t)| *t == title),
        "{title} is still listed: {after:?}"
    );
    assert_eq!(after.len(), before.len() - 1, "{before:?} then {after:?}");

    // The report for the year to today, with its charts drawn.
    activate(&app, "open-reports").await?;
    app.wait_for(Locator::Id("report-figures")).await?;
    app.wait_for(Locator::Css("svg.app-chart")).await?;
    let charts = app.client.find_all(Locator::Css("svg.app-chart")).await?;
    assert!(!charts.is_empty());
    // Each chart has a text alternative naming the demo's case.
    assert!(app
        .text_of("#chart-decisions-desc")
        .await?
        .contains("working days"));
    app.assert_no_axe_violations("the QM3 report").await?;
    app.screenshot(&shots.join("4-report.png")).await?;

    // Saved as a signed PDF into the Documents folder (or the home folder when it has none).
    activate(&app, "report-save-pdf").await?;
    app.wait_for(Locator::Id("report-saved")).await?;
    assert!(app
        .text_of("#report-saved")
        .await?
        .contains("SCR Decision Desk reports"));
    app.assert_no_axe_violations("the QM3 report saved").await?;
    app.screenshot(&shots.join("5-report-saved.png")).await?;
    app.close().await
}

/// Today's date in the window, as the day, month and year a chair types into the date boxes.
async fn today_in_the_window(app: &AppWindow) -> Result<[String; 3]> {
    let value = app
        .client
        .execute(
            "const d = new Date(); return [String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())];",
            vec![],
        )
        .await?;
    let part = |i: usize| value[i].as_str().unwrap_or_default().to_owned();
    Ok([part(0), part(1), part(2)])
}
