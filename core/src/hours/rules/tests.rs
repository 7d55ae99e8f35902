//! The shipped rule sets load, and bad files name the file and the field.

use super::*;

#[test]
fn every_shipped_file_loads_and_is_embedded() {
    let sets = rule_sets().unwrap();
    for id in [
        "imh-e/ifs",
        "imh-e/ifrs",
        "imh-e/imhs",
        "imh-e/imhm-c",
        "ecmh-e/ecfs",
        "ecmh-e/ecmhs",
        "ecmh-e/ecmhm-c",
        "renewal/annual",
    ] {
        assert!(sets.iter().any(|s| s.id == id), "{id} missing");
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/requirements");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".toml") && n != "associations.toml")
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = EMBEDDED.iter().map(|(f, _)| (*f).to_owned()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded, "assets/requirements and EMBEDDED differ");
}

/// A rule set or an association is found by its id whatever its case and spaces; an
/// unknown one is refused on its field, naming what was asked and every id there is.
#[test]
fn found_by_id_or_refused_with_the_ids_there_are() {
    assert_eq!(rule_set("  IMH-E/IFS ").unwrap().id, "imh-e/ifs");
    let first = &associations().unwrap()[0].id;
    assert_eq!(&association(&first.to_uppercase()).unwrap().id, first);
    for (e, field, asked, some_id) in [
        (
            rule_set("imh-e/wizard").unwrap_err(),
            "rules",
            "no rule set \"imh-e/wizard\"",
            "ecmh-e/ecfs",
        ),
        (
            association("Nowhere").unwrap_err(),
            "association",
            "no association \"Nowhere\"",
            first.as_str(),
        ),
    ] {
        match e {
            Error::InvalidInput {
                field: f, message, ..
            } => {
                assert_eq!(f, field);
                assert!(message.starts_with(asked), "{message}");
                let (_, listed) = message.split_once("; there are: ").unwrap();
                assert!(listed.split(", ").any(|id| id == some_id), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn published_figures() {
    let mentor = rule_set("imh-e/imhm-c").unwrap();
    assert_eq!(mentor.rsc.required_minutes, 50 * 60);
    assert_eq!(mentor.rsc.about_rsc_provided_minutes, 25 * 60);
    assert_eq!(mentor.rsc.allowed_credentials, vec!["IMHM-C"]);
    assert_eq!(mentor.rsc.window_min_months, Some(12));
    assert_eq!(mentor.rsc.window_max_months, Some(24));
    let t = mentor.training.as_ref().unwrap();
    assert_eq!(
        (t.required_minutes, t.dei_minutes, t.providing_rsc_minutes),
        (2880, 180, 900)
    );
    assert_eq!(rule_set("imh-e/ifs").unwrap().rsc.required_minutes, 24 * 60);
    assert_eq!(
        rule_set("IMH-E/IMHS").unwrap().rsc.required_minutes,
        50 * 60
    );
    let renewal = rule_set("renewal/annual").unwrap();
    assert!(renewal.rsc.calendar_year);
    assert_eq!(
        renewal.renewal.as_ref().unwrap().categories,
        ["IFS", "ECFS", "IMHS", "ECMHS"]
    );
    assert_eq!(renewal.rsc.required_minutes, 12 * 60);
    assert_eq!(renewal.training.as_ref().unwrap().required_minutes, 15 * 60);
    for s in rule_sets().unwrap() {
        assert_eq!(s.rsc.group_weight, 1.0, "{}", s.id);
        assert_eq!(s.rsc.group_cap_minutes, None, "{}", s.id);
    }
    assert!(matches!(
        rule_set("imh-e/nope"),
        Err(Error::InvalidInput { .. })
    ));
}

const GOOD: &str = r#"
id = "test/x"
name = "Test"
purpose = "application"
source = "https://example.org/rules"
effective = "2024-01-01"

[rsc]
required_minutes = 1440
window_min_months = 12
window_max_months = 24
allowed_credentials = ["IMHM-C"]
max_sources = 2
majority_from_one = true
"#;

#[test]
fn a_good_file_loads() {
    let s = RuleSet::from_toml("test-x.toml", GOOD).unwrap();
    assert_eq!(s.rsc.group_weight, 1.0);
    assert_eq!(s.training, None);
}

#[test]
fn bad_files_name_file_and_field() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "required_minutes = 1440",
            "required_minutes = \"lots\"",
            "rsc.required_minutes",
        ),
        (
            "required_minutes = 1440",
            "required_minutes = -5",
            "rsc.required_minutes",
        ),
        (
            "required_minutes = 1440",
            "required_minutes = 9999999",
            "rsc.required_minutes",
        ),
        ("required_minutes = 1440\n", "", "required_minutes"),
        (
            "max_sources = 2",
            "max_sources = 2\nmax_source = 3",
            "max_source",
        ),
        ("max_sources = 2", "max_sources = 0", "rsc.max_sources"),
        (
            "window_min_months = 12",
            "window_min_months = 30",
            "rsc.window_min_months",
        ),
        (
            "window_max_months = 24",
            "window_max_months = 0",
            "rsc.window_max_months",
        ),
        (
            "effective = \"2024-01-01\"",
            "effective = \"1 Jan 2024\"",
            "effective",
        ),
        ("effective = \"2024-01-01\"", "", "effective"),
        (
            "source = \"https://example.org/rules\"",
            "source = \"example.org\"",
            "source",
        ),
        ("id = \"test/x\"", "id = \"Test X\"", "id"),
        ("id = \"test/x\"", "id = \"test/y\"", "id"),
        ("purpose = \"application\"", "purpose = \"fun\"", "purpose"),
        ("[\"IMHM-C\"]", "[\"imhm-c\"]", "rsc.allowed_credentials"),
        (
            "majority_from_one = true",
            "majority_from_one = true\ngroup_weight = 1.5",
            "rsc.group_weight",
        ),
        (
            "majority_from_one = true",
            "majority_from_one = true\nabout_rsc_provided_minutes = 2000",
            "rsc.about_rsc_provided_minutes",
        ),
        (
            "window_max_months = 24",
            "window_max_months = 24\ncalendar_year = true",
            "rsc.calendar_year",
        ),
        ("[rsc]", "[rsc\n", "line"),
    ];
    for (from, to, field) in cases {
        assert!(GOOD.contains(from), "{from}");
        let text = GOOD.replacen(from, to, 1);
        match RuleSet::from_toml("test-x.toml", &text) {
            Err(Error::InvalidInput {
                field: f, message, ..
            }) => {
                assert!(f.starts_with("test-x.toml: "), "{to}: {f}");
                assert!(
                    f.contains(field) || message.contains(field),
                    "{to}: field {f:?} / {message:?} does not name {field}"
                );
            }
            other => panic!("{to}: {other:?}"),
        }
    }
    let with_training = format!(
        "{GOOD}\n[training]\nrequired_minutes = 60\ndei_minutes = 50\nproviding_rsc_minutes = 50\n"
    );
    let e = RuleSet::from_toml("test-x.toml", &with_training).unwrap_err();
    assert!(e.to_string().contains("training.dei_minutes"), "{e}");
}
