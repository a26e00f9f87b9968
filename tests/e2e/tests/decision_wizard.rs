//! The chair's decision in the real window, by keyboard: open a case (Child T, the fictional
//! WT2015 case of `scr_domain::example`), answer every wizard page with Tab, arrows, Space,
//! Enter and typing, close the app midway and carry on from the draft, meet the blocking checks
//! (a criterion without evidence, the child's name in the rationale), fix them, finalise, then
//! amend with a reason. Every screen passes axe and is photographed, in order.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Locator;
use scr_domain::example::RATIONALE;
use scr_e2e::{init_archive, output_dir, AppWindow, Launch, Result};
use serde_json::Value;

const QM2_FACTORS: [&str; 8] = [
    "likely_learning",
    "previous_learning",
    "resources",
    "impact_on_practitioners",
    "impact_on_family",
    "other_processes",
    "political_media_interest",
    "public_trust",
];

/// Drives the window by keyboard, and records each screen.
struct Chair {
    app: AppWindow,
    shots: usize,
    /// The screenshots' folder inside the e2e output directory.
    folder: &'static str,
}

/// WebKitWebDriver now and then answers a command with an empty "unknown error" while the
/// machine is busy; such a command did nothing, so it is sent again (up to three times).
async fn again<T, F, Fut>(what: &str, mut command: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = std::result::Result<T, fantoccini::error::CmdError>>,
{
    let mut tries = 0;
    loop {
        match command().await {
            Ok(value) => return Ok(value),
            Err(error) if error.is_unknown_error() && tries < 3 => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            Err(error) => return Err(format!("{what}: {error}").into()),
        }
    }
}

impl Chair {
    /// Starts the app on `launch` and waits for the board's home page.
    async fn start(launch: &Launch, folder: &'static str) -> Result<Chair> {
        let chair = Chair {
            app: AppWindow::launch(launch).await?,
            shots: 0,
            folder,
        };
        chair
            .app
            .wait_for_heading("Anytown Safeguarding Children Board")
            .await?;
        Ok(chair)
    }

    async fn run_keys(&self, actions: KeyActions) -> Result<()> {
        again("keys", || self.app.client.perform_actions(actions.clone())).await
    }

    async fn keys(&self, keys: &[char]) -> Result<()> {
        let mut actions = KeyActions::new("keyboard".into());
        for &key in keys {
            actions = actions
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key });
        }
        self.run_keys(actions).await
    }

    async fn press(&self, key: Key) -> Result<()> {
        self.keys(&[key.into()]).await
    }

    async fn exec(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        again(script, || self.app.client.execute(script, args.clone())).await
    }

    async fn active_id(&self) -> Result<String> {
        let id = self
            .exec(
                "return document.activeElement ? document.activeElement.id : '';",
                vec![],
            )
            .await?;
        Ok(id.as_str().unwrap_or_default().to_owned())
    }

    /// Presses Tab (or Shift+Tab, for an element above the focus) until the element with `id`
    /// has focus: proves it is reachable by keyboard.
    async fn tab_to(&self, id: &str) -> Result<()> {
        for _ in 0..80 {
            let place = self
                .exec(
                    r#"const t = document.getElementById(arguments[0]);
                       const a = document.activeElement;
                       if (!t) return 'missing';
                       if (a === t) return 'here';
                       if (!a || a === document.body) return 'after';
                       return (a.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_PRECEDING) ? 'before' : 'after';"#,
                    vec![Value::String(id.into())],
                )
                .await?;
            match place.as_str() {
                Some("here") => return Ok(()),
                Some("before") => self.shift_tab().await?,
                Some("after") => self.press(Key::Tab).await?,
                _ => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        Err(format!(
            "Tab never reached #{id}; focus is on #{}",
            self.active_id().await?
        )
        .into())
    }

    async fn shift_tab(&self) -> Result<()> {
        let shift: char = Key::Shift.into();
        let tab: char = Key::Tab.into();
        self.run_keys(
            KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: shift })
                .then(KeyAction::Down { value: tab })
                .then(KeyAction::Up { value: tab })
                .then(KeyAction::Up { value: shift }),
        )
        .await
    }

    /// Presses Tab until the focus satisfies `found`; returns the focused element's id.
    async fn tab_until(&self, found: impl Fn(&str) -> bool, what: &str) -> Result<String> {
        for _ in 0..80 {
            let active = self.active_id().await?;
            if found(&active) {
                return Ok(active);
            }
            self.press(Key::Tab).await?;
        }
        Err(format!(
            "Tab never reached {what}; focus is on #{}",
            self.active_id().await?
        )
        .into())
    }

    /// Types into the focused box, replacing what it held (Ctrl+A, Backspace, the text).
    async fn type_text(&self, text: &str) -> Result<()> {
        let control: char = Key::Control.into();
        let backspace: char = Key::Backspace.into();
        self.run_keys(
            KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: control })
                .then(KeyAction::Down { value: 'a' })
                .then(KeyAction::Up { value: 'a' })
                .then(KeyAction::Up { value: control })
                .then(KeyAction::Down { value: backspace })
                .then(KeyAction::Up { value: backspace }),
        )
        .await?;
        if !text.is_empty() {
            let field = again("the focused box", || self.app.client.active_element()).await?;
            again("typing", || field.send_keys(text)).await?;
        }
        Ok(())
    }

    async fn fill(&self, id: &str, text: &str) -> Result<()> {
        self.tab_to(id).await?;
        self.type_text(text)
            .await
            .map_err(|error| format!("filling #{id}: {error}").into())
    }

    /// A GOV.UK date input: day, month and year boxes, Tab between them.
    async fn fill_date(&self, id: &str, iso: &str) -> Result<()> {
        let parts: Vec<&str> = iso.split('-').collect();
        self.fill(&format!("{id}-day"), parts[2]).await?;
        self.fill(&format!("{id}-month"), parts[1]).await?;
        self.fill(&format!("{id}-year"), parts[0]).await
    }

    /// Tabs into a radio group, moves to `value` with the arrow keys, and selects it with Space.
    async fn choose(&self, prefix: &str, value: &str, values: &[&str]) -> Result<()> {
        let target = format!("{prefix}-{value}");
        let start = format!("{prefix}-");
        let mut active = self.tab_until(|a| a.starts_with(&start), prefix).await?;
        let want = values
            .iter()
            .position(|v| *v == value)
            .ok_or("unknown radio value")?;
        for _ in 0..values.len() {
            if active == target {
                break;
            }
            let now = values
                .iter()
                .position(|v| format!("{prefix}-{v}") == active)
                .ok_or("focus left the radio group")?;
            self.press(if now < want { Key::Down } else { Key::Up }).await?;
            active = self.active_id().await?;
        }
        assert_eq!(active, target, "arrow keys did not reach {target}");
        self.press(Key::Space).await?;
        assert!(self.checked(&target).await?, "{target} is not selected");
        Ok(())
    }

    async fn checked(&self, id: &str) -> Result<bool> {
        let value = self
            .exec(
                "const e = document.getElementById(arguments[0]); return !!(e && e.checked);",
                vec![Value::String(id.into())],
            )
            .await?;
        Ok(value.as_bool().unwrap_or(false))
    }

    async fn value_of(&self, id: &str) -> Result<String> {
        let value = self
            .exec(
                "const e = document.getElementById(arguments[0]); return e ? e.value : null;",
                vec![Value::String(id.into())],
            )
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Activates a link or button by keyboard.
    async fn activate(&self, id: &str) -> Result<()> {
        self.tab_to(id).await?;
        self.press(Key::Enter)
            .await
            .map_err(|error| format!("pressing Enter on #{id}: {error}").into())
    }

    /// Waits until the element with `id` has focus: the new screen is up and announced.
    async fn arrive(&self, id: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if self.active_id().await? == id {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "#{id} never took focus; focus is on #{} under heading {:?}",
                    self.active_id().await?,
                    self.app.text_of("main h1").await.unwrap_or_default()
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Axe on the screen as it is, then its picture, numbered in the order of the journey.
    async fn record(&mut self, name: &str) -> Result<()> {
        self.app.assert_no_axe_violations(name).await?;
        self.shots += 1;
        let file = output_dir()
            .join(self.folder)
            .join(format!("{:02}-{name}.png", self.shots));
        let mut tries = 0;
        loop {
            match self.app.screenshot(&file).await {
                Ok(()) => return Ok(()),
                Err(_) if tries < 3 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(error) => return Err(format!("screenshot of {name}: {error}").into()),
            }
        }
    }

    async fn text(&self, css: &str) -> Result<String> {
        self.app.text_of(css).await
    }

    async fn count(&self, css: &str) -> Result<usize> {
        let value = self
            .exec(
                "return document.querySelectorAll(arguments[0]).length;",
                vec![Value::String(css.into())],
            )
            .await?;
        Ok(value.as_u64().unwrap_or(0) as usize)
    }

    /// Continue: saves the page and moves to `next`, whose heading takes focus.
    async fn next(&mut self, next: &str) -> Result<()> {
        self.activate("wizard-continue").await?;
        self.arrive(next).await
    }

    /// The id of the link (in the check page's lists) for the finding with `code`.
    async fn finding_link(&self, code: &str) -> Result<String> {
        let id = self
            .exec(
                "const e = document.querySelector(`[data-code=\"${arguments[0]}\"]`); return e ? e.id : null;",
                vec![Value::String(code.into())],
            )
            .await?;
        Ok(id
            .as_str()
            .ok_or(format!("no finding {code} on the page"))?
            .to_owned())
    }

    /// Waits for an element that appears once a screen has loaded its data.
    async fn loaded(&self, id: &str) -> Result<()> {
        self.app.wait_for(Locator::Id(id)).await.map(|_| ())
    }

    /// The check page, with its answers loaded.
    async fn at_check_page(&self) -> Result<()> {
        self.arrive("check-answers-title").await?;
        self.loaded("answers-case").await
    }

    /// The case page, with the case loaded.
    async fn at_case_page(&self) -> Result<()> {
        self.arrive("case-title").await?;
        self.loaded("decision-status").await
    }
}

fn criterion(id: &str) -> String {
    format!("wizard-criterion-{id}")
}

fn factor(id: &str) -> String {
    format!("wizard-qm2-factor-{id}")
}

const ASSESSMENTS: [&str; 3] = ["met", "not_met", "not_known"];

#[tokio::test]
async fn a_decision_is_made_by_keyboard_survives_a_restart_is_checked_finalised_and_amended() -> Result<()> {
    let temp = tempfile::tempdir()?;
    let data_dir = temp.path().join("data");
    init_archive(
        &data_dir,
        &temp.path().join("recovery-key.txt"),
        "Anytown Safeguarding Children Board",
    )?;
    // Folders of the app's own for its cache, settings, state and temporary files, searched at
    // the end for what was typed about the child.
    let launch = Launch::new(&data_dir).with_private_folders(&temp.path().join("home"))?;

    let mut chair = Chair::start(&launch, "decision-wizard").await?;

    // The cases list, from the service navigation.
    chair.activate("nav-cases").await?;
    chair.arrive("cases-title").await?;
    chair.loaded("cases-empty").await?;
    assert!(chair.text("#cases-empty").await?.contains("no cases yet"));
    chair.record("cases-empty").await?;

    // Open a case: what the board is told, and the restricted details kept apart.
    chair.activate("open-new-case").await?;
    chair.arrive("new-case-title").await?;
    chair.record("open-a-case").await?;
    chair.fill("case-pseudonym", "Child T").await?;
    chair.fill_date("case-incident-date", "2016-03-14").await?;
    chair.fill_date("case-notification-date", "2016-03-17").await?;
    chair.fill_date("case-referral-date", "2016-03-18").await?;
    chair
        .fill("case-referring-agency", "Children's social care")
        .await?;
    chair
        .fill(
            "case-summary",
            "Child T, aged one, was admitted to hospital with injuries thought to be non-accidental.",
        )
        .await?;
    chair.fill("annex-given-names", "Tyler").await?;
    chair.fill("annex-family-name", "Blackwood").await?;
    chair.fill_date("annex-dob", "2014-06-09").await?;
    chair.fill("annex-address", "7 Mill Lane").await?;
    chair.fill("annex-town", "Anytown").await?;
    chair.fill("annex-postcode", "AN1 4XY").await?;
    chair.activate("annex-add-family").await?;
    chair.arrive("annex-family-0-name").await?;
    chair.type_text("Dana Blackwood").await?;
    chair.fill("annex-family-0-relationship", "mother").await?;
    chair.record("open-a-case-filled").await?;
    chair.activate("open-case").await?;

    // The case page: the timers (the decision was due a month after notification, in 2016,
    // so it is overdue), the decision as a draft, and the restricted details on request only.
    chair.at_case_page().await?;
    let reference = chair.text("#case-title").await?;
    assert!(reference.ends_with(": Child T"), "{reference}");
    assert!(chair.text("#decision-status").await?.contains("Draft"));
    assert!(chair
        .text("#timer-overdue-decision_due")
        .await?
        .contains("17 April 2016"));
    assert_eq!(chair.count("#annex").await?, 0);
    chair.record("case").await?;
    chair.activate("show-annex").await?;
    chair.arrive("annex-title").await?;
    assert!(chair.text("#annex-name").await?.contains("Tyler Blackwood"));
    chair.record("case-restricted-details").await?;

    // The wizard opens where the answers stop: the case details are complete, so the first criterion.
    chair.activate("continue-decision").await?;
    chair.arrive(&criterion("abuse_or_neglect")).await?;
    // Back (Shift+Tab from the heading), to see the case details page; Back saves too.
    chair.activate("wizard-back").await?;
    chair.arrive("wizard-case-details").await?;
    assert_eq!(chair.value_of("case-pseudonym").await?, "Child T");
    chair.record("wizard-case-details").await?;
    chair.next(&criterion("abuse_or_neglect")).await?;

    // The criteria: met / not met / not known with the evidence. The last is left without
    // evidence on purpose: the check page must stop it.
    let criteria = [
        ("abuse_or_neglect", "met", "Injuries thought non-accidental."),
        ("child_died", "not_met", "Child T survived."),
        ("seriously_harmed", "met", "Fractures needing surgery."),
        ("agency_concern", "met", ""),
    ];
    for (index, (id, assessment, evidence)) in criteria.iter().enumerate() {
        chair
            .choose("criterion-assessment", assessment, &ASSESSMENTS)
            .await?;
        if !evidence.is_empty() {
            chair.fill("criterion-evidence", evidence).await?;
        }
        chair.record(&format!("wizard-criterion-{id}")).await?;
        let next = criteria
            .get(index + 1)
            .map(|(id, _, _)| criterion(id))
            .unwrap_or_else(|| "wizard-trigger-death_in_custody".into());
        chair.next(&next).await?;
    }

    // The mandatory triggers: none applies.
    let triggers = [
        "death_in_custody",
        "death_in_secure_setting",
        "death_detained_mental_health",
    ];
    for (index, id) in triggers.iter().enumerate() {
        chair.choose("trigger-applies", "no", &["yes", "no"]).await?;
        chair.record(&format!("wizard-trigger-{id}")).await?;
        let next = triggers
            .get(index + 1)
            .map(|id| format!("wizard-trigger-{id}"))
            .unwrap_or_else(|| "wizard-advice".into());
        chair.next(&next).await?;
    }

    // The sub-group's recommendation.
    chair.fill_date("advice-date", "2016-03-29").await?;
    chair
        .choose(
            "advice-recommendation",
            "review",
            &["review", "alternative_review", "no_review"],
        )
        .await?;
    chair
        .fill(
            "advice-summary",
            "The sub-group found the criteria met and recommended an SCR.",
        )
        .await?;
    chair.record("wizard-advice").await?;
    chair.next(&factor(QM2_FACTORS[0])).await?;

    // The first half of the QM2 factors, then the app is closed.
    for (index, id) in QM2_FACTORS[..4].iter().enumerate() {
        chair.fill("qm2-note", &format!("Considered: {id}.")).await?;
        chair.record(&format!("wizard-factor-{id}")).await?;
        chair.next(&factor(QM2_FACTORS[index + 1])).await?;
    }
    chair.app.close().await?;

    // A fresh start: the draft is all there, and the wizard resumes at the first page with a
    // missing answer, the criterion left without evidence.
    chair.app = AppWindow::launch(&launch).await?;
    chair
        .app
        .wait_for_heading("Anytown Safeguarding Children Board")
        .await?;
    chair.activate("nav-cases").await?;
    chair.arrive("cases-title").await?;
    chair.loaded("cases-table").await?;
    assert_eq!(chair.count("#cases-table tbody tr").await?, 1);
    chair.record("cases-after-restart").await?;
    let link = chair
        .exec(
            "return document.querySelector('#cases-table tbody a').id;",
            vec![],
        )
        .await?;
    chair.activate(link.as_str().ok_or("no case link")?).await?;
    chair.at_case_page().await?;
    chair.activate("continue-decision").await?;
    chair.arrive(&criterion("agency_concern")).await?;
    assert!(chair.checked("criterion-assessment-met").await?);
    assert_eq!(chair.value_of("criterion-evidence").await?, "");
    chair.record("wizard-resumed-after-restart").await?;

    // On through the pages answered before the restart, their answers intact.
    chair.next("wizard-trigger-death_in_custody").await?;
    assert!(chair.checked("trigger-applies-no").await?);
    for id in &triggers[1..] {
        chair.next(&format!("wizard-trigger-{id}")).await?;
    }
    chair.next("wizard-advice").await?;
    assert_eq!(chair.value_of("advice-date-year").await?, "2016");
    for id in &QM2_FACTORS[..4] {
        chair.next(&factor(id)).await?;
        assert_eq!(chair.value_of("qm2-note").await?, format!("Considered: {id}."));
    }
    chair.next(&factor(QM2_FACTORS[4])).await?;
    for (index, id) in QM2_FACTORS[4..].iter().enumerate() {
        chair.fill("qm2-note", &format!("Considered: {id}.")).await?;
        chair.record(&format!("wizard-factor-{id}")).await?;
        let next = QM2_FACTORS
            .get(index + 5)
            .map(|id| factor(id))
            .unwrap_or_else(|| "wizard-parallel-processes".into());
        chair.next(&next).await?;
    }

    // Parallel processes (QM9): the police investigation and the liaison planned.
    chair.activate("parallel-add").await?;
    chair.arrive("parallel-0-kind").await?;
    chair
        .fill(
            "parallel-0-description",
            "A police investigation into the injuries.",
        )
        .await?;
    chair
        .fill(
            "parallel-0-liaison",
            "Practitioner conversations about 12 to 14 March deferred until the CPS agrees.",
        )
        .await?;
    chair.record("wizard-parallel-processes").await?;
    chair.next("wizard-family").await?;

    // The family (QM4).
    chair
        .fill("family-how", "A meeting at home, followed by a letter.")
        .await?;
    chair
        .fill("family-when", "Within a week of the decision.")
        .await?;
    chair.fill_date("family-planned-date", "2016-04-19").await?;
    chair
        .fill(
            "family-by-whom",
            "The allocated social worker and the board manager",
        )
        .await?;
    chair.fill("family-language", "English").await?;
    chair.choose("family-interpreter", "no", &["yes", "no"]).await?;
    chair.record("wizard-family").await?;
    chair.next("wizard-decision").await?;

    // The decision: an SCR, and so its plan and the national notifications follow.
    chair
        .choose(
            "decision-kind",
            "review",
            &["review", "alternative_review", "no_review"],
        )
        .await?;
    chair.fill_date("decision-date", "2016-04-12").await?;
    chair.record("wizard-decision").await?;
    chair.next("wizard-review-plan").await?;

    chair
        .fill(
            "review-scope",
            "The six months before the incident; health, school, social care and police.",
        )
        .await?;
    chair
        .fill(
            "review-methodology",
            "A systems methodology led by an independent reviewer.",
        )
        .await?;
    chair
        .fill("review-lead-reviewer", "An independent reviewer")
        .await?;
    chair
        .fill_date("review-expected-completion", "2016-10-12")
        .await?;
    chair.record("wizard-review-plan").await?;
    chair.next("wizard-rationale").await?;

    // The rationale, with the child's given name slipped in: the check must block it.
    chair
        .fill(
            "rationale",
            &format!("{RATIONALE} Tyler's family have been told."),
        )
        .await?;
    let count = chair.text("#rationale-word-count").await?;
    assert!(count.contains("Long enough"), "{count}");
    chair.record("wizard-rationale").await?;
    chair.next("wizard-notifications").await?;

    for id in ["panel_review", "ofsted_review"] {
        chair
            .fill_date(&format!("notification-{id}-date"), "2016-04-12")
            .await?;
    }
    chair.record("wizard-notifications").await?;
    chair.next("check-answers-title").await?;
    chair.loaded("answers-case").await?;

    // Check your answers: the two gaps block, each with a link to fix it.
    assert!(chair.text("#answers-case").await?.contains("Child T"));
    let criterion_gap = chair.finding_link("criterion.no_evidence").await?;
    // The findings come in the order of the wizard's pages.
    assert_eq!(criterion_gap, "fix-0");
    assert_eq!(chair.finding_link("annex.leak").await?, "fix-1");
    assert_eq!(chair.count("#blocking-findings li").await?, 2);
    let blocking = chair.text("#blocking-findings").await?;
    assert!(
        !blocking.contains("Tyler"),
        "a finding repeats the annex: {blocking}"
    );
    chair.record("check-answers-blocked").await?;

    // Finalising anyway is refused by the backend: the list of things to fix says so and takes focus.
    chair.activate("finalise-decision").await?;
    chair.arrive("blocking-findings").await?;
    let refusal = chair.text("#blocking-findings").await?;
    assert!(
        refusal.contains("cannot be finalised until") && refusal.contains("restricted annex"),
        "{refusal}"
    );
    chair.record("check-answers-finalise-refused").await?;

    // Fix the criterion: its link opens the page, and Continue comes back here.
    chair.activate(&criterion_gap).await?;
    chair.arrive(&criterion("agency_concern")).await?;
    chair
        .fill("criterion-evidence", "Information was not shared.")
        .await?;
    chair.record("wizard-fix-criterion").await?;
    chair.next("check-answers-title").await?;
    chair.loaded("answers-case").await?;
    assert_eq!(chair.count("#blocking-findings li").await?, 1);
    assert_eq!(chair.finding_link("annex.leak").await?, "fix-0");

    // Fix the rationale.
    chair.activate("fix-0").await?;
    chair.arrive("wizard-rationale").await?;
    chair.fill("rationale", RATIONALE).await?;
    chair.record("wizard-fix-rationale").await?;
    chair.next("check-answers-title").await?;
    chair.loaded("answers-case").await?;
    assert_eq!(chair.count("#blocking-findings").await?, 0);
    chair.record("check-answers-ready").await?;

    // Finalise: version 1, with its content hash.
    chair.activate("finalise-decision").await?;
    chair.arrive("finalised-title").await?;
    assert_eq!(chair.text("#finalised-version").await?.trim(), "1");
    let hash = chair.text("#finalised-hash").await?;
    assert_eq!(hash.trim().len(), 64, "{hash}");
    chair.record("decision-finalised").await?;

    chair.activate("back-to-case").await?;
    chair.at_case_page().await?;
    assert!(chair
        .text("#decision-status")
        .await?
        .contains("Version 1 is the decision"));
    chair.record("case-finalised").await?;

    // Amend: the reason first (an empty one is refused), then the answers, then finalise.
    chair.activate("amend-decision").await?;
    chair.arrive("amend-reason-title").await?;
    chair.record("amend-reason").await?;
    chair.activate("amend-continue").await?;
    chair.arrive("error-summary").await?;
    chair.record("amend-reason-missing").await?;
    chair
        .fill(
            "amend-reason",
            "The police have shared new information about the agencies' contact with Child T.",
        )
        .await?;
    chair.activate("amend-continue").await?;
    chair.at_check_page().await?;
    assert!(chair
        .text("#answers-amendment")
        .await?
        .contains("new information"));

    // Change one answer through its Change link.
    let change = chair
        .exec(
            "return [...document.querySelectorAll('#answers-factors a')].find(a => a.textContent.includes('Resources')).id;",
            vec![],
        )
        .await?;
    chair
        .activate(change.as_str().ok_or("no Change link for Resources")?)
        .await?;
    chair.arrive(&factor("resources")).await?;
    chair
        .fill(
            "qm2-note",
            "Considered: resources. The police information widens the review; the board has agreed the extra cost.",
        )
        .await?;
    chair.next("check-answers-title").await?;
    chair.loaded("answers-case").await?;
    assert!(chair.text("#answers-factors").await?.contains("extra cost"));
    chair.record("check-answers-amendment").await?;

    chair.activate("finalise-decision").await?;
    chair.arrive("finalised-title").await?;
    assert_eq!(chair.text("#finalised-version").await?.trim(), "2");
    assert!(chair.text("#finalised-reason").await?.contains("new information"));
    assert_ne!(chair.text("#finalised-hash").await?, hash);
    chair.record("amendment-finalised").await?;

    chair.activate("back-to-case").await?;
    chair.at_case_page().await?;
    assert!(chair
        .text("#decision-status")
        .await?
        .contains("Version 2 is the decision"));
    chair.record("case-amended").await?;

    chair.app.close().await?;
    // Nothing of the child or the case in plain text: not in the archive's folder (encrypted),
    // nor in the cache, settings, state or temporary files of the app and its WebKit processes.
    scr_e2e::assert_not_on_disk(temp.path(), &scr_e2e::child_t_case_data())?;
    Ok(())
}

const WT2015: &str = include_str!("../../../crates/domain/frameworks/wt2015-scr.toml");

/// Puts the board's framework files in the data folder: a good one, and one whose `length` is
/// text on a known line. Returns that line.
fn board_framework_files(data_dir: &Path) -> Result<usize> {
    let folder = data_dir.join("frameworks");
    std::fs::create_dir_all(&folder)?;
    let own = WT2015
        .replacen("id = \"wt2015-scr\"", "id = \"anytown-local\"", 1)
        .replacen(
            "title = \"Working Together to Safeguard Children 2015: Serious Case Review\"",
            "title = \"Anytown local review framework\"",
            1,
        );
    std::fs::write(folder.join("anytown.toml"), &own)?;
    let broken = own
        .replacen("id = \"anytown-local\"", "id = \"anytown-broken\"", 1)
        .replacen("length = 1\n", "length = \"one month\"\n", 1);
    let line = broken
        .lines()
        .position(|l| l == "length = \"one month\"")
        .ok_or("the broken line")?
        + 1;
    std::fs::write(folder.join("broken.toml"), broken)?;
    Ok(line)
}

#[tokio::test]
async fn a_bad_framework_file_is_shown_the_annex_is_changed_by_keyboard_and_the_dashboard_warns() -> Result<()>
{
    let temp = tempfile::tempdir()?;
    let data_dir = temp.path().join("data");
    std::fs::create_dir_all(&data_dir)?;
    let line = board_framework_files(&data_dir)?;
    init_archive(
        &data_dir,
        &temp.path().join("recovery-key.txt"),
        "Anytown Safeguarding Children Board",
    )?;
    let mut chair = Chair::start(&Launch::new(&data_dir), "board-rules").await?;

    // The app started; the cases page names the refused file, its line and the reason.
    chair.activate("nav-cases").await?;
    chair.arrive("cases-title").await?;
    chair.loaded("framework-problems").await?;
    let problem = chair.text("#framework-problems").await?;
    assert!(
        problem.contains(&format!("broken.toml, line {line}")),
        "{problem}"
    );
    assert!(problem.contains("expected u32"), "{problem}");
    chair.record("cases-framework-problem").await?;

    // The new-case form warns too, offers the board's good file, and opens the case under the
    // built-in framework chosen by default.
    chair.activate("open-new-case").await?;
    chair.arrive("new-case-title").await?;
    chair.loaded("framework-problems").await?;
    let form = chair.text("main").await?;
    assert!(
        form.contains("Anytown local review framework (the board’s own framework)"),
        "{form}"
    );
    chair.record("open-a-case-framework-problem").await?;
    chair.fill("case-pseudonym", "Child R").await?;
    chair.fill_date("case-notification-date", "2016-03-17").await?;
    chair.activate("open-case").await?;
    chair.at_case_page().await?;
    let page = chair.text("main").await?;
    assert!(
        page.contains("Framework: Working Together to Safeguard Children 2015"),
        "{page}"
    );

    // The restricted details, changed by keyboard after the case was opened.
    chair.activate("show-annex").await?;
    chair.arrive("annex-title").await?;
    chair.activate("change-annex").await?;
    chair.arrive("annex-edit-title").await?;
    chair.record("annex-change-form").await?;
    chair.fill("annex-given-names", "Riley").await?;
    chair.fill("annex-family-name", "Marsh").await?;
    chair.fill_date("annex-dob", "2015-02-01").await?;
    chair.activate("annex-add-family").await?;
    chair.arrive("annex-family-0-name").await?;
    chair.type_text("Grace Okafor").await?;
    chair.fill("annex-family-0-relationship", "grandmother").await?;
    chair.record("annex-change-filled").await?;
    chair.activate("save-annex").await?;
    chair.arrive("annex-saved").await?;
    assert!(chair.text("#annex-name").await?.contains("Riley Marsh"));
    assert!(chair.text("#annex").await?.contains("Grace Okafor (grandmother)"));
    chair.record("annex-changed").await?;

    // The dashboard: the decision was due a month after 17 March 2016, long gone.
    chair.activate("case-back").await?;
    chair.arrive("cases-title").await?;
    chair.loaded("cases-table").await?;
    let warning = chair.text("#missed-deadlines").await?;
    assert!(warning.contains("1 case has a missed deadline"), "{warning}");
    let deadline = chair.text("#cases-table tbody td:nth-child(4)").await?;
    assert!(
        deadline.contains("17 April 2016") && deadline.contains("Overdue by"),
        "{deadline}"
    );
    assert_eq!(chair.count("#cases-table .govuk-tag--red").await?, 1);
    // The warning and the table together in the picture, below the framework notice.
    chair
        .exec(
            "document.getElementById('cases-title').scrollIntoView({ block: 'start' }); return null;",
            vec![],
        )
        .await?;
    chair.record("dashboard-overdue").await?;

    // A closure day for the board's office, added on the settings page by keyboard.
    chair.activate("nav-settings").await?;
    chair.arrive("settings-title").await?;
    chair.loaded("closure-days-none").await?;
    chair.fill_date("closure-date", "2026-12-29").await?;
    chair
        .fill("closure-name", "Office closed between Christmas and New Year")
        .await?;
    chair.activate("add-closure").await?;
    chair.arrive("settings-saved").await?;
    let days = chair.text("#closure-days").await?;
    assert!(
        days.contains("29 December 2026") && days.contains("Office closed between Christmas"),
        "{days}"
    );
    chair
        .exec(
            "document.getElementById('closure-days-title').scrollIntoView({ block: 'start' }); return null;",
            vec![],
        )
        .await?;
    chair.record("settings-closure-day").await?;
    chair.app.close().await?;
    Ok(())
}
