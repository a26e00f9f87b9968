//! The register through the desk, against the real archive: adding, editing with history,
//! leaving, the register as at a past date, exports that import again, the board's settings
//! and logo; and every change in the audit chain.

mod common;

use chrono::NaiveDate;
use common::{member, TestDesk};
use scr_desk::{ErrorCode, ExportFormat};
use scr_domain::board::BoardSettings;
use scr_domain::register::MemberStatus;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Each member on a register: name, role and status.
fn roles(register: &scr_desk::RegisterView) -> Vec<(&str, &str, MemberStatus)> {
    register
        .entries
        .iter()
        .map(|e| (e.details.name.as_str(), e.details.role.as_str(), e.status))
        .collect()
}

#[test]
fn add_edit_and_leave_keep_the_history_and_the_register_as_it_was() {
    let desk = TestDesk::new();
    let zoe = desk
        .desk
        .add_member(member("Zoë Lloyd", "zoe@police.example"))
        .expect("add");
    let amira = desk
        .desk
        .add_member(member("Amira Haddad", "amira@la.example"))
        .expect("add");

    // A duplicate address (in another case) is refused, naming the field and the member.
    let error = desk
        .desk
        .add_member(member("Z. Lloyd", "ZOE@police.example"))
        .expect_err("duplicate");
    assert_eq!(error.code(), ErrorCode::MemberInvalid);
    let json = serde_json::to_value(scr_desk::ipc::IpcError::from(&error)).expect("json");
    assert_eq!(json["details"]["fields"][0]["field"], "email");
    assert!(json["details"]["fields"][0]["message"]
        .as_str()
        .expect("message")
        .starts_with("Zoë Lloyd already has"));

    // Zoë is promoted from 1 January 2025; Amira leaves on 30 June 2025.
    let mut promoted = member("Zoë Lloyd", "zoe@police.example");
    promoted.role = "Detective Superintendent".into();
    desk.desk
        .edit_member(zoe.id, promoted, "01/01/2025")
        .expect("edit");
    desk.desk.leave_member(amira.id, "30 June 2025").expect("leave");
    // Saving unchanged details records nothing.
    let (versions, events) = desk.counts();
    let mut same = member("Zoë Lloyd", "zoe@police.example");
    same.role = "Detective Superintendent".into();
    desk.desk.edit_member(zoe.id, same, "").expect("no change");
    assert_eq!(desk.counts(), (versions, events));

    assert_eq!(
        roles(&desk.desk.register_at(Some(ymd(2024, 12, 31))).expect("register")),
        [
            (
                "Amira Haddad",
                "Designated Safeguarding Lead",
                MemberStatus::Active
            ),
            ("Zoë Lloyd", "Designated Safeguarding Lead", MemberStatus::Active),
        ]
    );
    assert_eq!(
        roles(&desk.desk.register_at(Some(ymd(2025, 7, 1))).expect("register")),
        [
            ("Amira Haddad", "Designated Safeguarding Lead", MemberStatus::Left),
            ("Zoë Lloyd", "Detective Superintendent", MemberStatus::Active),
        ]
    );
    let before_anyone = desk.desk.register_at(Some(ymd(2020, 1, 1))).expect("register");
    assert!(before_anyone
        .entries
        .iter()
        .all(|e| e.status == MemberStatus::NotStarted));

    let record = desk.desk.member(zoe.id).expect("member");
    assert_eq!(record.history.len(), 2);
    assert_eq!(record.history[1].effective_from, ymd(2025, 1, 1));
    assert_eq!(
        desk.desk.member(999).expect_err("none").code(),
        ErrorCode::MemberNotFound
    );

    let error = desk
        .desk
        .leave_member(zoe.id, "01/01/2020")
        .expect_err("before the start");
    assert_eq!(error.code(), ErrorCode::MemberInvalid);

    let actions = desk.actions();
    assert_eq!(
        &actions[actions.len() - 4..],
        ["member.added", "member.added", "member.updated", "member.left"]
    );
    assert!(desk.archive().check().expect("check").is_clean());
}

#[test]
fn an_export_imports_again_without_changes() {
    let desk = TestDesk::new();
    let mut grace = member("Okafor, Grace", "grace@icb.example");
    grace.phone = "+44 7700 900 982".into();
    grace.notes = "Chairs the CDOP,\nand the sub-group".into();
    desk.desk.add_member(grace).expect("add");
    desk.desk
        .add_member(member("Dafydd ap Gwŷnedd", "dafydd@education.example"))
        .expect("add");
    for (name, format) in [
        ("register.csv", ExportFormat::Csv),
        ("register.xlsx", ExportFormat::Xlsx),
    ] {
        let path = desk.temp.path().join(name);
        assert_eq!(ExportFormat::from_path(&path).expect("format"), format);
        let exported = desk.desk.export_register(&path, None).expect("export");
        assert_eq!(exported.members, 2);
        let bytes = std::fs::read(&path).expect("read");
        let view = desk.desk.preview_import(name, &bytes, &[]).expect("preview");
        assert!(view.can_import, "{name}: {:?}", view.preview.problems);
        assert_eq!(view.preview.unchanged.len(), 2, "{name}: {:?}", view.preview);
        // Never overwritten.
        assert_eq!(
            desk.desk.export_register(&path, None).expect_err("exists").code(),
            ErrorCode::FileExists
        );
    }
    let csv = std::fs::read(desk.temp.path().join("register.csv")).expect("read");
    assert!(
        csv.starts_with(b"\xEF\xBB\xBFName,Role,Agency"),
        "a BOM for Excel"
    );
    assert!(desk
        .desk
        .export_register(&desk.temp.path().join("r.pdf"), None)
        .is_err());
    let actions = desk.actions();
    assert_eq!(actions.iter().filter(|a| *a == "register.exported").count(), 2);
}

#[test]
fn an_export_as_at_a_past_date_lists_who_served_then() {
    let desk = TestDesk::new();
    let amira = desk
        .desk
        .add_member(member("Amira Haddad", "amira@la.example"))
        .expect("add");
    desk.desk
        .add_member(member("Ben Carter", "ben@schools.example"))
        .expect("add");
    desk.desk.leave_member(amira.id, "2024-12-31").expect("leave");
    let path = desk.temp.path().join("then.csv");
    desk.desk
        .export_register(&path, Some(ymd(2024, 6, 1)))
        .expect("export");
    let text = String::from_utf8(std::fs::read(&path).expect("read")).expect("utf-8");
    assert!(text.contains("Amira Haddad"), "{text}");
    let now = desk.temp.path().join("now.csv");
    desk.desk
        .export_register(&now, Some(ymd(2025, 6, 1)))
        .expect("export");
    let text = String::from_utf8(std::fs::read(&now).expect("read")).expect("utf-8");
    assert!(!text.contains("Amira Haddad"), "{text}");
    assert!(text.contains("Ben Carter"), "{text}");
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([0, 48, 120]));
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).expect("png");
    out.into_inner()
}

#[test]
fn settings_agencies_and_logo() {
    let desk = TestDesk::new();
    let view = desk.desk.board_settings().expect("settings");
    assert_eq!(view.settings, BoardSettings::default());
    assert!(view.frameworks.iter().any(|f| f.id == "wt2015-scr"));
    assert!(view.agencies.contains(&"Probation".to_owned()));

    let mut settings = view.settings.clone();
    settings.chair_email = "chair@".into();
    settings.framework_id = "no-such-framework".into();
    let error = desk
        .desk
        .save_board_settings(settings, vec!["Police".into(), "police".into()])
        .expect_err("invalid");
    assert_eq!(error.code(), ErrorCode::BoardInvalid);
    assert_eq!(
        common::error_fields(&error),
        ["chair_email", "framework_id", "agencies"]
    );

    let settings = BoardSettings {
        address_lines: vec!["Civic Centre, Market Street".into(), "Westmoor WM1 1AA".into()],
        chair_name: "Dr Helen Marsh".into(),
        chair_email: "chair@westmoor-scb.example".into(),
        framework_id: "wt2018-lcspr".into(),
        ..BoardSettings::default()
    };
    let saved = desk
        .desk
        .save_board_settings(settings.clone(), vec!["Police".into(), " Health / ICB ".into()])
        .expect("save");
    assert_eq!(saved.settings, settings);
    assert_eq!(saved.agencies, ["Police", "Health / ICB"]);

    let error = desk.desk.save_board_logo(Some(b"GIF89a")).expect_err("gif");
    assert_eq!(error.code(), ErrorCode::LogoInvalid);
    let with_logo = desk.desk.save_board_logo(Some(&png(1200, 300))).expect("logo");
    let logo = with_logo.logo.expect("logo");
    assert_eq!(
        (logo.width, logo.height, logo.media_type.as_str()),
        (600, 150, "image/png")
    );
    assert!(logo.data_url.starts_with("data:image/png;base64,iVBOR"));
    assert!(desk.desk.save_board_logo(None).expect("remove").logo.is_none());

    let actions = desk.actions();
    assert_eq!(
        &actions[actions.len() - 4..],
        [
            "board.settings_saved",
            "board.agencies_saved",
            "board.logo_saved",
            "board.logo_saved"
        ]
    );
}
