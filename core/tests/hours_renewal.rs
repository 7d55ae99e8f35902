//! Renewal as the associations write it: each test names the rule and quotes the source line
//! it encodes (the sources are in assets/requirements/associations.toml and renewal-*.toml).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use attune_core::hours::{
    association, associations, parse_associations, renewal, renewal_period, renewal_year_of,
    rule_sets, NotCountedReason, RenewalChoice, RenewalProgress, RenewalStatus, RuleSet,
    SupervisionSession, Training,
};
use chrono::{Months, NaiveDate};
use serde_json::json;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A session built the way records are read back (fields not named take their defaults).
fn session(
    date: NaiveDate,
    minutes: u32,
    group: bool,
    provider: &str,
    cred: Option<&str>,
) -> SupervisionSession {
    serde_json::from_value(json!({
        "id": format!("s{date}{minutes}{provider}"),
        "date": date,
        "minutes": minutes,
        "format": if group { "group" } else { "individual" },
        "provider": provider,
        "credential": cred,
        "about_rsc_provided": false,
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
    }))
    .unwrap()
}

/// `n` individual sessions of `minutes`, one a month from `first`.
fn monthly(
    first: &str,
    n: u32,
    minutes: u32,
    provider: &str,
    cred: &str,
) -> Vec<SupervisionSession> {
    (0..n)
        .map(|i| {
            session(
                day(first) + Months::new(i),
                minutes,
                false,
                provider,
                Some(cred),
            )
        })
        .collect()
}

fn training(date: &str, minutes: u32, topics: &[&str]) -> Training {
    serde_json::from_value(json!({
        "id": format!("t{date}{minutes}"),
        "date": date,
        "minutes": minutes,
        "title": "Course",
        "topics": topics,
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
    }))
    .unwrap()
}

fn choice(
    association: &str,
    category: &str,
    provides_rsc: bool,
    endorsed_on: Option<&str>,
) -> RenewalChoice {
    RenewalChoice {
        association: association.into(),
        category: category.into(),
        provides_rsc,
        endorsed_on: endorsed_on.map(day),
    }
}

fn run(
    c: &RenewalChoice,
    year: Option<i32>,
    sessions: &[SupervisionSession],
    training: &[Training],
    today: &str,
) -> RenewalProgress {
    let s: Vec<&SupervisionSession> = sessions.iter().collect();
    let t: Vec<&Training> = training.iter().collect();
    renewal(c, year, &s, &t, &[], day(today)).unwrap()
}

/// 15 h of training in the year before `due`, 1 h of it on DEI and 3 h on providing RSC.
fn a_years_training(year: i32) -> Vec<Training> {
    vec![
        training(&format!("{year}-03-01"), 11 * 60, &[]),
        training(&format!("{year}-04-01"), 60, &["dei"]),
        training(&format!("{year}-05-01"), 3 * 60, &["providing-rsc"]),
    ]
}

/// PA-AIMH and MI-AIMH: "If you are a provider of RSC, at least 3 hours of the 15 hours
/// required need to be about the provision of RSC"; MI-AIMH's RSC guidelines: an IMHS who
/// provides RSC to others renews with RSC from a Level IV-Clinical (IMHM-C).
#[test]
fn an_imhs_who_provides_rsc_needs_3_hours_on_providing_rsc_and_an_imhm_c() {
    let c = choice("massaimh", "IMHS", true, Some("2020-05-01"));
    // 12 h from an IMHS over the year, and 15 h of training, none on providing RSC.
    let s = monthly("2025-01-15", 12, 60, "Ana", "IMHS");
    let t = vec![
        training("2025-03-01", 14 * 60, &[]),
        training("2025-04-01", 60, &["dei"]),
    ];
    let r = run(&c, Some(2025), &s, &t, "2026-03-01");
    assert_eq!(r.rules, "renewal/imhs-provides-rsc");
    let p = r.progress.unwrap();
    assert!(!p.met);
    assert_eq!(
        p.counted_minutes, 0,
        "an IMHS does not count for one who provides RSC"
    );
    assert!(p
        .not_counted
        .iter()
        .any(|n| n.reason == NotCountedReason::CredentialNotAccepted && n.minutes == 720));
    assert!(!p.training.as_ref().unwrap().providing_rsc.met);
    // With an IMHM-C and 3 h on providing RSC, it is met.
    let s = monthly("2025-01-15", 12, 60, "Mo", "IMHM-C");
    let p = run(&c, Some(2025), &s, &a_years_training(2025), "2026-03-01")
        .progress
        .unwrap();
    assert!(p.met, "{:?}", p.shortfalls);
    // The same IMHS who does not provide RSC renews under the general rule set.
    let plain = choice("massaimh", "IMHS", false, Some("2020-05-01"));
    let s = monthly("2025-01-15", 12, 60, "Ana", "IMHS");
    let t = vec![
        training("2025-03-01", 14 * 60, &[]),
        training("2025-04-01", 60, &["dei"]),
    ];
    let r = run(&plain, Some(2025), &s, &t, "2026-03-01");
    assert_eq!(r.rules, "renewal/annual");
    assert!(r.progress.unwrap().met);
}

/// MI-AIMH: "the (minimum) 12 hours of RS/C should be over the course of at least 6-months,
/// but not more than 12-months"; due "By January 31st of each year".
#[test]
fn mi_aimh_wants_the_12_hours_spread_over_at_least_6_months() {
    let c = choice("mi-aimh", "IFS", false, Some("2019-05-01"));
    let t = a_years_training(2025);
    // 12 h, all in March 2025.
    let bunched: Vec<SupervisionSession> = (1..=12)
        .map(|d| {
            session(
                day(&format!("2025-03-{:02}", d * 2)),
                60,
                false,
                "Ana",
                Some("IFRS"),
            )
        })
        .collect();
    let r = run(&c, Some(2026), &bunched, &t, "2026-03-01");
    assert_eq!((r.from, r.due), (day("2025-02-01"), day("2026-01-31")));
    let p = r.progress.unwrap();
    assert_eq!(p.counted_minutes, 720);
    assert!(!p.met, "12 h in one month is not met");
    assert!(
        p.shortfalls.iter().any(|s| s.contains("at least 6 months")),
        "{:?}",
        p.shortfalls
    );
    // 2 h a month from March to August: 6 months from the first to the last.
    let spread = monthly("2025-03-05", 7, 120, "Ana", "IFRS");
    let p = run(&c, Some(2026), &spread[..6], &t, "2026-03-01")
        .progress
        .unwrap();
    assert!(!p.met, "5 months from the first to the last is short of 6");
    let p = run(&c, Some(2026), &spread, &t, "2026-03-01")
        .progress
        .unwrap();
    assert!(p.met, "{:?}", p.shortfalls);
    // The same sessions for a MassAIMH endorsee: no spread rule.
    let mass = choice("massaimh", "IFS", false, Some("2019-05-01"));
    let p = run(&mass, Some(2025), &bunched, &t, "2026-03-01")
        .progress
        .unwrap();
    assert!(p.met, "{:?}", p.shortfalls);
}

/// First3Years: "submit their Endorsement renewal every 3 years by December 31st. The next
/// renewal year is 2027 ... 45 clock hours ... If you are providing RS/C 9 of these clock
/// hours must be on the provision of RS/C ... Receive 36 clock hours of qualified RS/C"
/// from an IMHM-C or ERS.
#[test]
fn first3years_counts_36_rsc_45_training_and_9_on_providing_rsc_over_three_years() {
    let c = choice("first3years", "IMHS", true, Some("2018-05-01"));
    let r = run(&c, None, &[], &[], "2026-03-01");
    assert_eq!(r.year, 2027, "the current renewal is the one due in 2027");
    assert_eq!((r.from, r.due), (day("2025-01-01"), day("2027-12-31")));
    assert_eq!(r.cycle_years, 3);
    assert_eq!(r.earlier_year, Some(2024));
    assert_eq!(r.rules, "renewal/first3years-provides-rsc");
    // 36 h from an ERS, one a month over the three years; 45 h of training, 9 on providing RSC.
    let s = monthly("2025-01-10", 36, 60, "Eve", "ERS");
    let t = vec![
        training("2025-06-01", 20 * 60, &[]),
        training("2026-06-01", 16 * 60, &[]),
        training("2027-06-01", 9 * 60, &["providing-rsc"]),
    ];
    let p = run(&c, Some(2027), &s, &t, "2027-12-31").progress.unwrap();
    assert_eq!(p.counted_minutes, 36 * 60);
    assert!(p.met, "{:?}", p.shortfalls);
    // 8 h on providing RSC is one short; 35 h of RSC is one short.
    let mut t8 = t.clone();
    t8[2] = training("2027-06-01", 8 * 60, &["providing-rsc"]);
    t8.push(training("2027-07-01", 60, &[]));
    assert!(
        !run(&c, Some(2027), &s, &t8, "2027-12-31")
            .progress
            .unwrap()
            .met
    );
    assert!(
        !run(&c, Some(2027), &s[1..], &t, "2027-12-31")
            .progress
            .unwrap()
            .met
    );
    // A year with no renewal due is refused, naming the cycle.
    let s0: Vec<&SupervisionSession> = Vec::new();
    let e = renewal(&c, Some(2026), &s0, &[], &[], day("2026-03-01")).unwrap_err();
    assert!(e.to_string().contains("every 3 years"), "{e}");
}

/// MassAIMH: "If you submitted your Endorsement Application in 2023, you do NOT need to
/// submit training, Reflective Supervision/Consultation (RS/C) hours until 12/31/2024."
#[test]
fn the_first_year_after_endorsement_is_exempt() {
    let c = choice("massaimh", "IMHS", false, Some("2023-06-15"));
    let r = run(&c, Some(2023), &[], &[], "2024-03-01");
    assert_eq!(r.status, RenewalStatus::FirstYearExempt);
    assert!(r.progress.is_none());
    assert_eq!(
        r.earlier_year, None,
        "nothing to look at before the endorsement"
    );
    assert_eq!(r.later_year, Some(2024));
    let r = run(&c, Some(2024), &[], &[], "2024-03-01");
    assert_eq!(r.status, RenewalStatus::Due);
    assert!(!r.progress.unwrap().met);
    assert_eq!(
        r.later_year, None,
        "2024 is the current renewal on 1 March 2024"
    );
    let r = run(&c, Some(2022), &[], &[], "2024-03-01");
    assert_eq!(r.status, RenewalStatus::BeforeEndorsement);
    // An association that does not say so (ITMHCA) asks for the hours in the first year.
    let az = choice("itmhca", "IMHS", false, Some("2023-06-15"));
    assert_eq!(
        run(&az, Some(2023), &[], &[], "2024-03-01").status,
        RenewalStatus::Due
    );
}

/// PA-AIMH: "If you have been endorsed as a Mental Health Mentor-Clinical for 3+ years,
/// then you will only need 10 clock hours of RS/C for renewal; peer supervision or
/// collaborative consultation may be used at this point."
#[test]
fn an_imhm_c_after_three_years_needs_10_hours_and_peer_consultation_counts() {
    let peers: Vec<SupervisionSession> = (0..10)
        .map(|i| {
            session(
                day("2025-01-20") + Months::new(i),
                60,
                true,
                "Peer group",
                None,
            )
        })
        .collect();
    let t = a_years_training(2025);
    let early = choice("massaimh", "IMHM-C", true, Some("2023-06-01"));
    let r = run(&early, Some(2025), &peers, &t, "2026-03-01");
    assert_eq!(r.rules, "renewal/imhm-c");
    assert!(
        !r.progress.unwrap().met,
        "in the first three years peers do not count"
    );
    let later = choice("massaimh", "IMHM-C", true, Some("2021-06-01"));
    let r = run(&later, Some(2025), &peers, &t, "2026-03-01");
    assert_eq!(r.rules, "renewal/imhm-c-after-3-years");
    let p = r.progress.unwrap();
    assert_eq!((p.required_minutes, p.counted_minutes), (600, 600));
    assert!(p.met, "{:?}", p.shortfalls);
    // Without an endorsement date Attune cannot tell: the stricter rule applies.
    let unknown = choice("massaimh", "IMHM-C", true, None);
    assert_eq!(
        run(&unknown, Some(2025), &peers, &t, "2026-03-01").rules,
        "renewal/imhm-c"
    );
}

/// The due date decides which renewal a day counts toward: MI-AIMH "By January 31st",
/// ITMHCA "by December 15th", AAIMH WA "by 30 June", MassAIMH "by 12/31".
#[test]
fn a_day_counts_toward_the_first_renewal_due_on_or_after_it() {
    let year_of = |a: &str, d: &str| renewal_year_of(association(a).unwrap(), day(d));
    assert_eq!(
        year_of("mi-aimh", "2027-01-20"),
        2027,
        "20 January counts for 31 January"
    );
    assert_eq!(year_of("mi-aimh", "2027-01-31"), 2027);
    assert_eq!(year_of("mi-aimh", "2027-02-01"), 2028);
    assert_eq!(year_of("massaimh", "2027-01-20"), 2027);
    assert_eq!(year_of("massaimh", "2027-12-31"), 2027);
    assert_eq!(
        year_of("itmhca", "2027-12-16"),
        2028,
        "after 15 December: next year's"
    );
    assert_eq!(year_of("aaimh-wa", "2027-06-30"), 2027);
    assert_eq!(year_of("aaimh-wa", "2027-07-01"), 2028);
    assert_eq!(year_of("first3years", "2025-01-01"), 2027);
    assert_eq!(year_of("first3years", "2024-12-31"), 2024);
    let period = |a: &str, y: i32| renewal_period(association(a).unwrap(), y).unwrap();
    assert_eq!(
        period("aaimh-wa", 2027),
        (day("2026-07-01"), day("2027-06-30"))
    );
    assert_eq!(
        period("itmhca", 2027),
        (day("2026-12-16"), day("2027-12-15"))
    );
    // A session on 20 January 2027 counts for MI-AIMH's renewal due 31 January 2027 only.
    let c = choice("mi-aimh", "IFA", false, None);
    let t = vec![training("2027-01-20", 15 * 60, &["dei"])];
    assert!(
        run(&c, Some(2027), &[], &t, "2027-03-01")
            .progress
            .unwrap()
            .met
    );
    assert!(
        !run(&c, Some(2028), &[], &t, "2027-03-01")
            .progress
            .unwrap()
            .met
    );
}

/// IFA/ECFA and the Mentor - Policy and Research/Faculty categories renew with training
/// only: "12 clock hours/year of RS/C is required for [Family Specialist, Family Reflective
/// Supervisor, Mental Health Specialist, and Mental Health Mentor-Clinical]".
#[test]
fn training_only_categories_renew_without_rsc() {
    for cat in ["IFA", "ECFA", "IMHM-P", "IMHM-R/F"] {
        let c = choice("pa-aimh", cat, false, Some("2019-01-01"));
        let r = run(&c, Some(2026), &[], &a_years_training(2025), "2026-03-01");
        assert_eq!(r.rules, "renewal/training-only", "{cat}");
        let p = r.progress.unwrap();
        assert_eq!(p.required_minutes, 0);
        assert!(p.met, "{cat}: {:?}", p.shortfalls);
    }
    let ifrs_tx = choice("first3years", "IFRS", true, None);
    let s0: Vec<&SupervisionSession> = Vec::new();
    let e = renewal(&ifrs_tx, None, &s0, &[], &[], day("2026-03-01")).unwrap_err();
    assert!(e.to_string().contains("no renewal rule for IFRS"), "{e}");
}

/// Every shipped rule set and association loads, and every `source` is an https address
/// with a path (a site's home page does not show which rule it backs), read on a known day.
#[test]
fn every_shipped_file_loads_and_every_source_is_https_with_a_path() {
    let sets: &[RuleSet] = rule_sets().unwrap();
    assert!(sets.len() >= 22, "{}", sets.len());
    for s in sets {
        let rest = s
            .source
            .strip_prefix("https://")
            .unwrap_or_else(|| panic!("{}", s.id));
        let (_, path) = rest
            .split_once('/')
            .unwrap_or_else(|| panic!("{}: no path", s.id));
        assert!(!path.trim_matches('/').is_empty(), "{}: no path", s.id);
        assert!(s.read.is_some(), "{}: the day the source was read", s.id);
        if s.id.starts_with("renewal/") {
            assert!(s.renewal.is_some(), "{}: whom it applies to", s.id);
        }
    }
    for id in ["imh-e/ifa", "ecmh-e/ecfa", "imh-e/imhm-p", "imh-e/imhm-rf"] {
        assert!(sets.iter().any(|s| s.id == id), "{id} missing");
    }
    let ifs = sets.iter().find(|s| s.id == "imh-e/ifs").unwrap();
    assert!(ifs.note.contains("50 or more"), "{}", ifs.note);
    assert!(!ifs.note.contains("50 to 75"));
    for a in associations().unwrap() {
        let rest = a.source.strip_prefix("https://").unwrap();
        assert!(
            rest.split_once('/').is_some_and(|(_, p)| !p.is_empty()),
            "{}",
            a.id
        );
    }
    let due: Vec<(&str, u32, u32)> = associations()
        .unwrap()
        .iter()
        .map(|a| (a.id.as_str(), a.due_month, a.due_day))
        .collect();
    for want in [
        ("massaimh", 12, 31),
        ("mi-aimh", 1, 31),
        ("pa-aimh", 1, 31),
        ("itmhca", 12, 15),
        ("aaimh-wa", 6, 30),
        ("first3years", 12, 31),
    ] {
        assert!(due.contains(&want), "{want:?}");
    }
}

/// A bad associations file names the association and the field.
#[test]
fn bad_association_files_name_the_association_and_field() {
    let good = r#"
[[association]]
id = "x-aimh"
name = "X"
source = "https://x.org/renewal"
read = "2026-12-02"
due_month = 1
due_day = 31
"#;
    assert_eq!(
        parse_associations("a.toml", good).unwrap()[0].cycle_years,
        1
    );
    for (from, to, field) in [
        ("due_day = 31", "due_day = 30\ndue_month = 2", "due_month"),
        ("due_month = 1", "due_month = 2", "x-aimh: due_day"),
        (
            "due_day = 31",
            "due_day = 31\ncycle_years = 3",
            "x-aimh: cycle_due_year",
        ),
        (
            "source = \"https://x.org/renewal\"",
            "source = \"https://x.org/\"",
            "x-aimh: source",
        ),
        (
            "due_day = 31",
            "due_day = 31\nrsc_min_spread_months = 13",
            "rsc_min_spread_months",
        ),
        ("read = \"2026-12-02\"", "", "read"),
    ] {
        assert!(good.contains(from), "{from}");
        let e = parse_associations("a.toml", &good.replacen(from, to, 1)).unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("a.toml: "), "{text}");
        assert!(text.contains(field), "{to}: {text}");
    }
}
