//! `hours add` refuses what looks like a session logged twice or a typo in its length unless a
//! flag says it is right; `hours import` lists such rows by line and imports them.

use super::Vault;

fn add<'a>(date: &'a str, minutes: &'a str, provider: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "hours",
        "add",
        "--date",
        date,
        "--minutes",
        minutes,
        "--format",
        "individual",
        "--provider",
        provider,
    ];
    args.extend(more);
    args
}

#[test]
fn a_session_the_same_day_with_a_similar_provider_is_refused_without_allow_duplicate() {
    let v = Vault::new();
    let first = v.ok(&add("2025-03-04", "60", "Lucía Pérez", &[]));
    let first = first.trim();
    // "Dr." added, accents dropped: refused, naming the other session's date and provider.
    for similar in [
        "Dr. Lucía Pérez",
        "Lucia Perez",
        "L. Pérez",
        "Lucía Pérez, PhD",
    ] {
        v.fails(
            &add("2025-03-04", "90", similar, &[]),
            "--provider: on 2025-03-04 you already logged 1 h with Lucía Pérez",
        );
    }
    let r = v.run(&add("2025-03-04", "90", "Dr. Lucía Pérez", &[]));
    assert!(
        r.stderr.contains(&format!("(session {})", &first[..8]))
            && r.stderr.contains("log it again with --allow-duplicate."),
        "{}",
        r.stderr
    );
    assert_eq!(v.sessions().len(), 1);
    // Another day, or another provider: no question.
    v.ok(&add("2025-03-05", "60", "Dr. Lucía Pérez", &[]));
    v.ok(&add("2025-03-04", "60", "Sam Okafor", &[]));
    // With the flag it is logged.
    v.ok(&add(
        "2025-03-04",
        "90",
        "Dr. Lucía Pérez",
        &["--allow-duplicate"],
    ));
    assert_eq!(v.sessions().len(), 4);
}

#[test]
fn a_session_longer_than_three_hours_is_refused_without_allow_long() {
    let v = Vault::new();
    v.ok(&add("2025-03-04", "180", "Lucía Pérez", &[]));
    v.fails(
        &add("2025-03-05", "181", "Lucía Pérez", &[]),
        "--minutes: 3 h 1 min is longer than 3 h; is the length right? Nothing was saved; if it is right, log it again with --allow-long.",
    );
    // --allow-duplicate is not --allow-long.
    v.fails(
        &add("2025-03-05", "240", "Lucía Pérez", &["--allow-duplicate"]),
        "--allow-long",
    );
    // Both at once are named in the one line, with both flags.
    v.fails(
        &add("2025-03-04", "240", "Dr. Lucía Pérez", &[]),
        "log it again with --allow-duplicate --allow-long.",
    );
    v.ok(&add("2025-03-05", "181", "Lucía Pérez", &["--allow-long"]));
    v.ok(&add(
        "2025-03-04",
        "240",
        "Dr. Lucía Pérez",
        &["--allow-long", "--allow-duplicate"],
    ));
    let minutes: Vec<u64> = v
        .sessions()
        .iter()
        .map(|s| s["minutes"].as_u64().unwrap())
        .collect();
    assert_eq!(minutes, [180, 240, 181]);
}

#[test]
fn an_import_lists_same_day_and_long_rows_by_line_and_imports_them() {
    let v = Vault::new();
    v.ok(&add("2025-03-04", "60", "Lucía Pérez", &[]));
    let csv = v.tmp("hours.csv");
    std::fs::write(
        &csv,
        "date,minutes,format,provider,credential,modality,about_rsc_provided,note\n\
         2025-03-04,90,individual,Dr. Lucía Pérez,,,no,\n\
         2025-03-06,200,group,Sam Okafor,,,no,\n\
         2025-03-07,60,group,Sam Okafor,,,no,\n",
    )
    .unwrap();
    let file = csv.to_str().unwrap();
    // The preview saves nothing and says what it would do.
    let r = v.run(&["hours", "import", file, "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "Would import 3 sessions and 2 new providers (--dry-run: nothing was saved)."
        ),
        "{}",
        r.stdout
    );
    let warnings: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{}", r.stderr);
    assert!(
        warnings[0].starts_with(
            "warning: line 2: provider: on 2025-03-04 you already logged 1 h with Lucía Pérez"
        ),
        "{}",
        warnings[0]
    );
    assert_eq!(
        warnings[1],
        "warning: line 3: minutes: 3 h 20 min is longer than 3 h; is the length right?"
    );
    assert_eq!(v.sessions().len(), 1);
    // The import itself says the same and refuses none of them.
    let r = v.run(&["hours", "import", file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Imported 3 sessions"), "{}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 2, "{}", r.stderr);
    assert_eq!(v.sessions().len(), 4);
}
