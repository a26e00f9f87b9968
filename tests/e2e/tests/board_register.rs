//! The board register in the real window: import a Windows-1252 CSV through the preview (a bad
//! row is listed by line and left out), see the members, change one, export the register, and
//! open the settings. Every screen passes axe; screenshots go to the output folder.

use std::path::Path;
use std::process::Command;

use fantoccini::Locator;
use scr_e2e::{app_binary, AppWindow, Launch, Result};

const BOARD: &str = "Northshire Safeguarding Children Board";

fn init_archive(data_dir: &Path, key_file: &Path, home: &Path) -> Result<()> {
    let status = Command::new(app_binary())
        .args(["init", "--board-name", BOARD, "--recovery-key-out"])
        .arg(key_file)
        .arg("--data-dir")
        .arg(data_dir)
        .env("HOME", home)
        .status()?;
    assert!(status.success(), "scr-desk init failed");
    Ok(())
}

/// What Excel writes on an English Windows machine: Windows-1252, semicolons (a European
/// list separator), CRLF; one quoted cell spans two lines; line 6 (Tomasz) has a bad email address.
fn members_csv() -> Vec<u8> {
    let text = "Name;E-mail;Organisation;Job title;Start date\r\n\
        Siobhán Ní Bhriain;siobhan.nibhriain@northshire-icb.example;Health / ICB;Designated Nurse;01/04/2024\r\n\
        Zoë Lloyd;zoe.lloyd@northshire.police.example;Police;\"Detective Chief Inspector,\r\nPublic Protection\";02/05/2024\r\n\
        Amira Haddad;amira.haddad@northshire.gov.example;Local authority children's services;Director of Children's Services;01/09/2023\r\n\
        Tomasz Nowak;tomasz.nowak@probation;Probation;Head of Probation Delivery Unit;15/01/2024\r\n\
        Grace Okafor;grace.okafor@schools.example;Education (schools and colleges);Head Teacher;01/09/2024\r\n\r\n";
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 test text"))
        .collect()
}

async fn settle(app: &AppWindow, heading: &str, name: &str) -> Result<()> {
    app.wait_for_heading(heading).await?;
    app.record_screen(name, &format!("register-{}.png", name.replace(' ', "-")))
        .await
}

#[tokio::test]
async fn import_see_change_and_export_the_register_in_the_window() -> Result<()> {
    let temp = tempfile::tempdir()?;
    let home = temp.path().join("home");
    std::fs::create_dir_all(&home)?;
    let data_dir = temp.path().join("data");
    init_archive(&data_dir, &temp.path().join("key.txt"), &home)?;
    let csv = temp.path().join("Board members.csv");
    std::fs::write(&csv, members_csv())?;

    let mut launch = Launch::new(&data_dir);
    launch.env.push(("HOME".into(), home.display().to_string()));
    let app = AppWindow::launch(&launch).await?;
    app.wait_for_heading(BOARD).await?;

    app.click_id("nav-members").await?;
    settle(&app, "Board members", "empty").await?;
    assert!(app
        .text_of("#register-empty")
        .await?
        .contains("nobody in the register"));

    app.click_id("import-members").await?;
    settle(&app, "Import members from a spreadsheet", "import choose").await?;
    app.type_into("import-file", &csv.display().to_string()).await?;
    app.click_id("preview-import").await?;
    settle(&app, "Check the import", "import preview").await?;
    assert!(app
        .text_of("#import-format")
        .await?
        .contains("Windows-1252, separated by semicolons"));
    let problems = app.text_of("#import-problems tbody").await?;
    assert!(problems.contains("found “tomasz.nowak@probation”"), "{problems}");
    let problem_line = app.text_of("#import-problems tbody tr td").await?;
    assert_eq!(
        problem_line.trim(),
        "6",
        "the bad row is on line 6 (a quoted cell spans lines 3 and 4)"
    );

    app.click_id("leave-out-problems").await?;
    app.wait_for(Locator::Id("import-excluded")).await?;
    assert_eq!(app.text_of("#import-excluded").await?.trim(), "Left out: line 6.");
    app.assert_no_axe_violations("the preview with a row left out")
        .await?;
    let additions = app.text_of("#import-additions").await?;
    for name in ["Siobhán Ní Bhriain", "Zoë Lloyd", "Amira Haddad", "Grace Okafor"] {
        assert!(additions.contains(name), "{name} missing from {additions}");
    }
    app.click_id("confirm-import").await?;
    settle(&app, "Import complete", "import done").await?;
    assert_eq!(
        app.text_of("#import-result").await?.trim(),
        "4 members added, 0 updated"
    );

    app.click_id("import-see-register").await?;
    settle(&app, "Board members", "list").await?;
    let table = app.text_of("#register-table").await?;
    assert!(
        table.contains("Siobhán Ní Bhriain") && table.contains("Zoë Lloyd"),
        "{table}"
    );
    assert!(!table.contains("Tomasz Nowak"), "{table}");

    // Change Zoë's role from the start of 2026.
    let change = app
        .wait_for(Locator::XPath(
            "//tr[td//span[text()='Zoë Lloyd']]//a[starts-with(@id, 'change-member-')]",
        ))
        .await?;
    change.click().await?;
    settle(&app, "Change Zoë Lloyd’s details", "member form").await?;
    let role = app.wait_for(Locator::Id("member-role")).await?;
    role.clear().await?;
    role.send_keys("Detective Superintendent").await?;
    app.type_into("member-effective-from", "01/01/2026").await?;
    app.click_id("save-member").await?;
    app.wait_for_heading("Board members").await?;
    assert_eq!(
        app.text_of("#member-notice .govuk-notification-banner__heading")
            .await?
            .trim(),
        "Zoë Lloyd’s details were saved"
    );
    assert!(app
        .text_of("#register-table")
        .await?
        .contains("Detective Superintendent"));

    // The register as it stood on 31 December 2025 still has the old role.
    app.wait_for(Locator::Css("#register-at-details summary"))
        .await?
        .click()
        .await?;
    app.type_into("register-at", "31/12/2025").await?;
    app.click_id("show-register-at").await?;
    app.wait_for(Locator::XPath("//h2[text()='The register on 31 December 2025']"))
        .await?;
    let then = app.text_of("#register-table").await?;
    assert!(then.contains("Detective Chief Inspector,"), "{then}");
    assert!(!then.contains("Detective Superintendent"), "{then}");

    app.click_id("export-csv").await?;
    let path = app.text_of("#export-path").await?;
    let exported = std::fs::read(path.trim())?;
    assert!(exported.starts_with(b"\xEF\xBB\xBFName,Role"));
    assert!(String::from_utf8(exported)?.contains("Detective Chief Inspector"));
    assert!(
        Path::new(path.trim()).starts_with(&home),
        "{path} is not under the test's home"
    );
    settle(&app, "Board members", "exported").await?;

    app.click_id("nav-settings").await?;
    settle(&app, "Settings", "settings").await?;
    app.close().await?;
    Ok(())
}
