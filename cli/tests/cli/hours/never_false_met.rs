//! Issue 16, "Never a false met", through the real binary: the flags that record what a
//! reviewer asks (a group's facilitator, the ages, the one part of a training), planned
//! sessions, and what the summary says it checked.

use chrono::{Days, Local};

use super::Vault;

/// `n` monthly sessions from 2024-06-15 with `extra` flags, each added through the CLI.
fn add_monthly(v: &Vault, n: u32, format: &str, extra: &[&str]) {
    for i in 0..n {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 6, 15).unwrap() + chrono::Months::new(i);
        let date = date.to_string();
        let mut args = vec![
            "hours",
            "add",
            "--date",
            &date,
            "--minutes",
            "120",
            "--format",
            format,
            "--provider",
            "Ben Ode",
            "--credential",
            "IMHM-C",
        ];
        args.extend_from_slice(extra);
        v.ok(&args);
    }
}

fn requirement(v: &Vault, rules: &str) -> serde_json::Value {
    v.ok_json(&[
        "hours",
        "summary",
        "--rules",
        rules,
        "--format",
        "json",
        "--to",
        "2025-12-31",
    ])["requirement"]
        .clone()
}

fn reason_minutes(r: &serde_json::Value, reason: &str) -> Option<u64> {
    r["not_counted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["reason"] == reason)
        .map(|n| n["minutes"].as_u64().unwrap())
}

/// "Peer consultation without an identified supervisor does not count, even between
/// endorsed peers" (mi-aimh.org/endorsement/faqs/reflective-supervision-consultation/).
#[test]
fn a_group_counts_only_when_marked_facilitated() {
    let peer = Vault::new();
    add_monthly(&peer, 13, "group", &[]);
    let r = requirement(&peer, "imh-e/ifs");
    assert_eq!(r["counted_minutes"], 0);
    assert_eq!(reason_minutes(&r, "peer_group"), Some(13 * 120));
    let table = peer.ok(&["hours", "list"]);
    assert!(table.contains("peer group"), "{table}");

    let led = Vault::new();
    add_monthly(&led, 13, "group", &["--facilitated"]);
    let r = requirement(&led, "imh-e/ifs");
    assert_eq!(r["counted_minutes"], 13 * 120);
    led.fails(
        &[
            "hours",
            "add",
            "--date",
            "2025-01-10",
            "--minutes",
            "60",
            "--format",
            "individual",
            "--provider",
            "Ana",
            "--facilitated",
        ],
        "--facilitated",
    );
}

/// IMH-E® is about ages 0-3, ECMH-E® about 3-6 (the rule files' `age_focus`).
#[test]
fn age_focus_decides_which_endorsement_counts_a_session() {
    let v = Vault::new();
    add_monthly(&v, 13, "individual", &["--age-focus", "3-6"]);
    let infant = requirement(&v, "imh-e/ifs");
    assert_eq!(infant["counted_minutes"], 0);
    assert_eq!(reason_minutes(&infant, "other_age_focus"), Some(13 * 120));
    let early = requirement(&v, "ecmh-e/ecfs");
    assert_eq!(early["counted_minutes"], 13 * 120);
    assert_eq!(early["unmarked_focus_sessions"], 0);
    v.fails(
        &[
            "hours",
            "add",
            "--date",
            "2025-01-10",
            "--minutes",
            "60",
            "--format",
            "individual",
            "--provider",
            "Ana",
            "--age-focus",
            "infants",
        ],
        "--age-focus",
    );
    let table = v.ok(&["hours", "list"]);
    assert!(table.contains(" 3-6 "), "{table}");
}

/// A session logged ahead is planned: in the totals, apart, and never counted.
#[test]
fn a_session_dated_after_today_shows_as_planned() {
    let v = Vault::new();
    let ahead = (Local::now().date_naive() + Days::new(10)).to_string();
    v.ok(&[
        "hours",
        "add",
        "--date",
        &ahead,
        "--minutes",
        "60",
        "--format",
        "individual",
        "--provider",
        "Ana Ruiz",
        "--credential",
        "IMHM-C",
    ]);
    let s = v.ok_json(&[
        "hours",
        "summary",
        "--rules",
        "imh-e/ifs",
        "--format",
        "json",
    ]);
    assert_eq!(s["planned_minutes"], 60);
    assert_eq!(s["planned_sessions"], 1);
    assert_eq!(s["requirement"]["counted_minutes"], 0);
    assert_eq!(s["requirement"]["not_counted"][0]["reason"], "planned");
    let text = v.ok(&["hours", "summary", "--rules", "imh-e/ifs"]);
    assert!(
        text.contains("Planned         1:00  in 1 session dated after today (not counted)"),
        "{text}"
    );
    assert!(
        text.contains("they are dated after today (planned)"),
        "{text}"
    );
}

/// Issue 16, "say what is checked": no bare "met"; the verdict names the source, and the
/// parts of a portfolio Attune does not check are listed.
#[test]
fn the_summary_says_what_attune_checked() {
    let v = Vault::new();
    add_monthly(&v, 13, "individual", &[]);
    let text = v.ok(&[
        "hours",
        "summary",
        "--rules",
        "imh-e/ifs",
        "--to",
        "2025-12-31",
    ]);
    assert!(
        text.contains("Your RSC and training hours do not yet meet the requirement as Attune reads https://ct-aimh.org/"),
        "{text}"
    );
    assert!(
        text.contains("Not checked by Attune: degree, work experience, references, exam, membership and Code of Ethics."),
        "{text}"
    );
    assert!(
        text.contains("No age focus   26:00  in 13 sessions (counted for both 0-3 and 3-6)"),
        "{text}"
    );
}

/// "From 2024, 48 hours of in-service training: 30 [...], 15 on providing RSC, 3 on
/// diversity, equity and inclusion" (assets/requirements/imh-e-imhm-c.toml): one part per
/// training, chosen with --topic.
#[test]
fn a_training_counts_toward_the_one_part_chosen() {
    let v = Vault::new();
    let add = |date: &str, hours: u32, topic: &[&str]| {
        let minutes = (hours * 60).to_string();
        let mut args = vec![
            "training",
            "add",
            "--date",
            date,
            "--minutes",
            &minutes,
            "--title",
            "Course",
        ];
        args.extend_from_slice(topic);
        v.ok(&args);
    };
    add("2025-02-01", 25, &[]);
    add("2025-03-01", 20, &["--topic", "providing-rsc"]);
    add("2025-04-01", 3, &["--dei"]);
    let t = requirement(&v, "imh-e/imhm-c")["training"].clone();
    assert_eq!(t["total"]["counted_minutes"], 48 * 60);
    assert_eq!(t["iecmh"]["counted_minutes"], 25 * 60);
    assert_eq!(t["iecmh"]["met"], false);
    assert_eq!(t["met"], false);
    let list = v.ok_json(&["training", "list", "--json"]);
    assert_eq!(list[0]["topic"], "iecmh");
    v.fails(
        &[
            "training",
            "add",
            "--date",
            "2025-04-01",
            "--minutes",
            "60",
            "--title",
            "X",
            "--topic",
            "equity",
        ],
        "--topic",
    );
    v.fails(
        &[
            "training",
            "add",
            "--date",
            "2025-04-01",
            "--minutes",
            "60",
            "--title",
            "X",
            "--dei",
            "--providing-rsc",
        ],
        "--dei",
    );
}
