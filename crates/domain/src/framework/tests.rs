//! Tests of framework files: the built-in ones, and the mistakes a board's own file can make.

use super::*;
use crate::DomainError;

fn builtin(id: &str) -> Framework {
    FrameworkRegistry::with_builtins()
        .latest(id)
        .expect("built in")
        .clone()
}

fn invalid(result: Result<Framework, DomainError>) -> (String, Option<usize>, Option<usize>, String) {
    match result {
        Err(DomainError::FrameworkInvalid {
            file,
            line,
            column,
            reason,
        }) => (file, line, column, reason),
        other => panic!("expected FrameworkInvalid, got {other:?}"),
    }
}

/// Criteria answered (by id), the rest unanswered.
type Answers<'a> = &'a [(&'a str, Option<bool>)];

fn answers<'a>(pairs: &'a [(&'a str, Option<bool>)]) -> impl Fn(&str) -> Option<bool> + 'a {
    move |id| pairs.iter().find(|(k, _)| *k == id).and_then(|(_, v)| *v)
}

#[test]
fn the_builtin_frameworks_load() {
    let registry = FrameworkRegistry::with_builtins();
    let ids: Vec<(String, String)> = registry
        .frameworks()
        .map(|f| (f.id.clone(), f.version.clone()))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("wt2015-scr".to_owned(), "1.0".to_owned()),
            ("wt2018-lcspr".to_owned(), "1.0".to_owned()),
            ("wt2023-lcspr".to_owned(), "1.0".to_owned()),
        ]
    );
    assert_eq!(registry.default_framework().id, "wt2015-scr");
    let wt2015 = registry.default_framework();
    assert_eq!(wt2015.criteria_effect, CriteriaEffect::Mandatory);
    assert_eq!(wt2015.decision_maker.model, DecisionMakerKind::Single);
    assert_eq!(wt2015.terminology.review_name, "Serious Case Review");
    assert_eq!(wt2015.mandatory_triggers.len(), 3);
    assert_eq!(wt2015.qm2_factors.len(), 8);
    for id in ["wt2018-lcspr", "wt2023-lcspr"] {
        let lcspr = registry.latest(id).unwrap();
        assert_eq!(lcspr.criteria_effect, CriteriaEffect::Discretionary);
        assert_eq!(lcspr.decision_maker.model, DecisionMakerKind::Joint);
        assert_eq!(lcspr.decision_maker.roles.len(), 3);
        assert_eq!(
            lcspr.terminology.national_body,
            "Child Safeguarding Practice Review Panel"
        );
        assert!(lcspr.alternative_review_type("local_learning_review").is_some());
        assert!(lcspr.review_indicated.is_some());
        let rapid = lcspr.timer("decision_due").unwrap();
        assert_eq!((rapid.length, rapid.unit), (15, TimerUnit::WorkingDays));
        let advance = lcspr.timer("advance_copy_to_panel").unwrap();
        assert!(advance.unverified);
        assert_eq!(advance.direction, TimerDirection::Before);
    }
}

#[test]
fn wt2015_logic_follows_regulation_5() {
    let f = builtin("wt2015-scr");
    let (yes, no) = (Some(true), Some(false));
    let cases: &[(&str, Answers, Outcome)] = &[
        (
            "abuse or neglect and a death",
            &[("abuse_or_neglect", yes), ("child_died", yes)],
            Outcome::Met,
        ),
        (
            "serious harm alone is not enough: agencies' working together must be of concern",
            &[
                ("abuse_or_neglect", yes),
                ("child_died", no),
                ("seriously_harmed", yes),
                ("agency_concern", no),
            ],
            Outcome::NotMet,
        ),
        (
            "serious harm and concern about agencies",
            &[
                ("abuse_or_neglect", yes),
                ("child_died", no),
                ("seriously_harmed", yes),
                ("agency_concern", yes),
            ],
            Outcome::Met,
        ),
        (
            "no abuse or neglect: not met whatever else",
            &[("abuse_or_neglect", no), ("child_died", yes)],
            Outcome::NotMet,
        ),
        (
            "unknown concern about agencies, child alive and harmed",
            &[
                ("abuse_or_neglect", yes),
                ("child_died", no),
                ("seriously_harmed", yes),
                ("agency_concern", None),
            ],
            Outcome::Undetermined,
        ),
        ("nothing answered", &[], Outcome::Undetermined),
    ];
    for (why, pairs, expected) in cases {
        assert_eq!(f.evaluate_with(&answers(pairs)), *expected, "{why}");
    }
}

#[test]
fn lcspr_logic_and_regulation_11() {
    for id in ["wt2018-lcspr", "wt2023-lcspr"] {
        let f = builtin(id);
        let eval = |pairs: &[(&str, Option<bool>)]| f.evaluate_with(&answers(pairs));
        assert_eq!(
            eval(&[("abuse_or_neglect", Some(true)), ("seriously_harmed", Some(true))]),
            Outcome::Met
        );
        assert_eq!(
            eval(&[
                ("abuse_or_neglect", Some(true)),
                ("child_died", Some(false)),
                ("seriously_harmed", Some(false)),
            ]),
            Outcome::NotMet
        );
        assert_eq!(eval(&[("abuse_or_neglect", Some(true))]), Outcome::Undetermined);
        let indicated = |pairs: &[(&str, Option<bool>)]| f.review_indicated_with(&answers(pairs));
        assert_eq!(
            indicated(&[("reg11_recurrent_themes", Some(true))]),
            Some(Outcome::Met)
        );
        assert_eq!(
            indicated(&[
                ("reg11_improvements", Some(false)),
                ("reg11_recurrent_themes", Some(false)),
                ("reg11_agencies_together", Some(false)),
                ("reg11_panel_suggested", Some(false)),
            ]),
            Some(Outcome::NotMet)
        );
        assert_eq!(indicated(&[]), Some(Outcome::Undetermined));
    }
}

const WT2015: &str = BUILTIN_FRAMEWORKS[0].1;

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let text = WT2015.replacen("title = \"Working", "title = Working", 1);
    let (file, line, column, reason) = invalid(Framework::from_toml_str("board-own.toml", &text));
    assert_eq!(file, "board-own.toml");
    let expected_line = text
        .lines()
        .position(|l| l.starts_with("title = Working"))
        .unwrap()
        + 1;
    assert_eq!(line, Some(expected_line));
    assert_eq!(column, Some(9));
    assert!(!reason.is_empty());
}

#[test]
fn an_unknown_criterion_in_the_logic_names_its_line() {
    let text = WT2015.replacen(
        "{ criterion = \"child_died\" }",
        "{ criterion = \"child_dead\" }",
        1,
    );
    let (_, line, _, reason) = invalid(Framework::from_toml_str("x.toml", &text));
    let expected = text.lines().position(|l| l.contains("\"child_dead\"")).unwrap() + 1;
    assert_eq!(line, Some(expected));
    assert!(reason.contains("child_dead"), "{reason}");
    assert!(reason.contains("not one of the [[criteria]]"), "{reason}");
}

#[test]
fn a_duplicate_id_names_the_second_line() {
    let text = WT2015.replacen("id = \"child_died\"", "id = \"abuse_or_neglect\"", 1);
    let (_, line, _, reason) = invalid(Framework::from_toml_str("x.toml", &text));
    let second = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "id = \"abuse_or_neglect\"")
        .map(|(i, _)| i + 1)
        .nth(1)
        .unwrap();
    assert_eq!(line, Some(second));
    assert!(
        reason.contains("duplicate id \"abuse_or_neglect\" in [[criteria]]"),
        "{reason}"
    );
}

#[test]
fn a_timer_with_an_unknown_start_event_names_its_line() {
    let text = WT2015.replacen("start = \"notification\"", "start = \"notifcation\"", 1);
    let (_, line, _, reason) = invalid(Framework::from_toml_str("x.toml", &text));
    let expected = text.lines().position(|l| l.contains("\"notifcation\"")).unwrap() + 1;
    assert_eq!(line, Some(expected));
    assert!(reason.contains("notifcation"), "{reason}");
}

#[test]
fn other_semantic_errors_are_explained() {
    let cases: Vec<(String, &str)> = vec![
        (
            WT2015.replacen(
                "deadline_timer = \"panel_notification_no_review\"",
                "deadline_timer = \"nope\"",
                1,
            ),
            "not one of the [[timers]]",
        ),
        (WT2015.replacen("length = 14", "length = 0", 1), "length 0"),
        (
            WT2015.replacen("kind = \"no_review\"", "kind = \"review\"", 1),
            "listed twice",
        ),
        (
            WT2015.replacen("model = \"single\"", "model = \"joint\"", 1),
            "two or more roles",
        ),
        (
            WT2015.replacen("id = \"wt2015-scr\"", "id = \"WT 2015\"", 1),
            "lower-case",
        ),
        (
            WT2015.replacen("unit = \"months\"", "unit = \"fortnights\"", 1),
            "fortnights",
        ),
        (
            WT2015.replacen("citation = \"SI 2006/90 reg. 5(2)(a)\"\n", "", 1),
            "citation",
        ),
        (
            WT2015.replacen(
                "label = \"Resources\"",
                "label = \"Resources\"\ncolour = \"red\"",
                1,
            ),
            "colour",
        ),
    ];
    for (text, expected) in cases {
        let (_, line, _, reason) = invalid(Framework::from_toml_str("x.toml", &text));
        assert!(reason.contains(expected), "expected {expected:?} in {reason:?}");
        assert!(line.is_some(), "no line for {reason:?}");
    }
}

#[test]
fn the_registry_keeps_its_builtins_after_refusing_a_bad_file() {
    let mut registry = FrameworkRegistry::with_builtins();
    let error = registry.add_toml("bad.toml", "id = [").unwrap_err();
    assert!(error.to_string().starts_with("bad.toml, line 1"), "{error}");
    assert_eq!(registry.frameworks().count(), 3);
    // The same id and version as a built-in is refused too.
    let error = registry.add_toml("copy.toml", WT2015).unwrap_err();
    assert!(error.to_string().contains("already available"), "{error}");
    assert_eq!(registry.frameworks().count(), 3);
    // A board's own version is accepted and becomes the latest.
    let own = WT2015.replacen("version = \"1.0\"", "version = \"1.10\"", 1);
    registry.add_toml("own.toml", &own).expect("accepted");
    let own9 = WT2015.replacen("version = \"1.0\"", "version = \"1.9\"", 1);
    registry.add_toml("own9.toml", &own9).expect("accepted");
    assert_eq!(registry.latest("wt2015-scr").unwrap().version, "1.10");
    assert_eq!(registry.frameworks().count(), 5);
    assert!(registry.get("wt2015-scr", "1.0").is_ok());
    assert_eq!(
        registry.summaries().iter().filter(|s| s.builtin).count(),
        3,
        "built-ins still marked"
    );
    assert!(matches!(
        registry.get("nope", "1"),
        Err(DomainError::FrameworkUnknown { .. })
    ));
}

#[test]
fn a_minimal_board_framework_loads() {
    let text = r#"
id = "board-local"
version = "1"
title = "Local practice review"
legal_basis = "Local procedure"
criteria_effect = "discretionary"

[terminology]
decision_maker = "the chair"
decision_maker_title = "Chair"
review_name = "Practice Review"
review_short_name = "PR"
national_body = "None"
notification_name = "referral"
board_name = "partnership"

[decision_maker]
model = "single"
description = "The chair decides."
roles = [{ id = "chair", label = "Chair" }]

[advice]
label = "Panel"
description = "The review panel advises."
required = false

[[criteria]]
id = "harm"
label = "Harm"
question = "Was the child harmed?"
citation = "Local procedure 1.1"

[logic]
criterion = "harm"

[[decision_options]]
kind = "review"
label = "Review"

[[decision_options]]
kind = "alternative_review"
label = "Other review"

[[decision_options]]
kind = "no_review"
label = "No review"

[[alternative_review_types]]
id = "audit"
label = "Audit"

[[qm2_factors]]
id = "learning"
label = "Learning"
prompt = "What will be learnt?"
"#;
    let f = Framework::from_toml_str("local.toml", text).expect("valid");
    assert!(f.timers.is_empty() && f.national_notifications.is_empty());
    assert_eq!(f.evaluate_with(&|_| Some(true)), Outcome::Met);
    let (_, line, _, reason) = invalid(Framework::from_toml_str(
        "local.toml",
        &text.replace("[logic]\ncriterion = \"harm\"", "[logic]\nall = []"),
    ));
    assert!(reason.contains("empty all/any"), "{reason}");
    assert!(line.is_some());
}

#[test]
fn frameworks_round_trip_through_json() {
    for f in FrameworkRegistry::with_builtins().frameworks() {
        let json = serde_json::to_string(f).unwrap();
        let back: Framework = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, f);
    }
}
