//! `hours summary --renewal-year`: one renewal's days and rule set, for the association and
//! category given (the CLI has no Settings screen; the options stand in for it).

use super::Vault;

fn add(v: &Vault, date: &str, minutes: &str, credential: &str) {
    v.ok(&[
        "hours",
        "add",
        "--date",
        date,
        "--minutes",
        minutes,
        "--format",
        "individual",
        "--provider",
        "Mo Reyes",
        "--credential",
        credential,
    ]);
}

#[test]
fn summary_for_a_renewal_year_counts_that_renewals_days_against_its_rule() {
    let v = Vault::new();
    // MI-AIMH, due 31 January: 12 h from an IMHM-C, one a month from February 2024.
    for m in 0..12 {
        let date = format!("{}-{:02}-10", 2024 + (m + 1) / 12, (m + 1) % 12 + 1);
        add(&v, &date, "60", "IMHM-C");
    }
    // 20 January 2025 counts toward the renewal due 31 January 2025.
    v.ok(&[
        "training",
        "add",
        "--date",
        "2025-01-20",
        "--minutes",
        "900",
        "--title",
        "Course",
        "--dei",
    ]);
    let base = [
        "hours",
        "summary",
        "--association",
        "mi-aimh",
        "--category",
        "IFS",
        "--endorsed-on",
        "2019-06-01",
        "--provides-rsc",
        "no",
    ];
    let with = |extra: &[&'static str]| -> Vec<&str> {
        let mut a: Vec<&str> = base.to_vec();
        a.extend_from_slice(extra);
        a
    };
    let j = v.ok_json(&with(&["--renewal-year", "2025", "--format", "json"]));
    assert_eq!(j["renewal"]["year"], 2025);
    assert_eq!(j["renewal"]["from"], "2024-02-01");
    assert_eq!(j["renewal"]["due"], "2025-01-31");
    assert_eq!(j["renewal"]["rules"], "renewal/annual");
    assert_eq!(j["renewal"]["earlier_year"], 2024);
    assert!(j["renewal"].get("progress").is_none(), "{}", j["renewal"]);
    assert_eq!(
        (&j["from"], &j["to"]),
        (&j["renewal"]["from"], &j["renewal"]["due"])
    );
    assert_eq!(j["total_minutes"], 720);
    assert_eq!(j["requirement"]["id"], "renewal/annual");
    assert_eq!(j["requirement"]["counted_minutes"], 720);
    assert_eq!(j["requirement"]["met"], true, "{}", j["requirement"]);
    // The renewal before counts none of it.
    let j = v.ok_json(&with(&["--renewal-year", "2024", "--format", "json"]));
    assert_eq!(j["total_minutes"], 0);
    assert_eq!(j["requirement"]["met"], false);
    // Text names the renewal, its days and the way to the one before.
    let text = v.ok(&with(&["--renewal-year", "2025"]));
    assert!(
        text.starts_with("Renewal 2025 with Michigan Association"),
        "{text}"
    );
    assert!(
        text.contains("due 2025-01-31; counts 2024-02-01 to 2025-01-31"),
        "{text}"
    );
    assert!(text.contains("earlier: --renewal-year 2024"), "{text}");
    // First3Years renews every three years: 2026 has no renewal.
    let mut tx: Vec<&str> = with(&["--renewal-year", "2026"]);
    tx[3] = "first3years";
    v.fails(&tx, "every 3 years");
}

#[test]
fn renewal_year_options_are_checked_before_the_vault_opens() {
    let v = Vault::new();
    v.fails(
        &["hours", "summary", "--renewal-year", "soon"],
        "--renewal-year",
    );
    v.fails(
        &["hours", "summary", "--renewal-year", "current"],
        "--association",
    );
    v.fails(
        &[
            "hours",
            "summary",
            "--renewal-year",
            "current",
            "--association",
            "atlantis",
        ],
        "--association",
    );
    v.fails(
        &[
            "hours",
            "summary",
            "--renewal-year",
            "current",
            "--association",
            "massaimh",
            "--category",
            "WIZARD",
        ],
        "--category",
    );
    v.fails(
        &[
            "hours",
            "summary",
            "--renewal-year",
            "2025",
            "--rules",
            "imh-e/ifs",
        ],
        "--rules",
    );
    v.fails(
        &[
            "hours",
            "summary",
            "--renewal-year",
            "2025",
            "--from",
            "2025-01-01",
        ],
        "--from",
    );
    v.fails(
        &["hours", "summary", "--association", "massaimh"],
        "--renewal-year",
    );
}

#[test]
fn rules_list_shows_whom_each_renewal_is_for_and_each_associations_calendar() {
    let r = crate::run::attune(&["rules", "list"], "", None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in [
        "renewal/imhs-provides-rsc",
        "for IMHS, ECMHS who provide RSC",
        "for IMHM-C, ECMHM-C, after 3 years endorsed",
        "imh-e/ifa",
        "RSC: none required",
        "mi-aimh",
        "due by 31 January, every year; the first year after endorsement exempt; RSC over 6 to 12 months",
        "due by 15 December",
        "due by 30 June",
        "due by 31 December, every 3 years",
    ] {
        assert!(r.stdout.contains(needle), "{needle:?} not in:\n{}", r.stdout);
    }
}
