//! What hostile data cannot do through the command line: escape sequences stored in a vault
//! (an older version took them, and others' comments and names arrive in bundles) are shown
//! as text, never sent to the terminal raw; control characters are refused at input; input
//! that never ends is refused at a cap; what Attune writes is its owner's alone.

use std::path::{Path, PathBuf};

use crate::run::{assert_one_error, attune, Run};

const PASS: &str = "a calm evening passphrase";

/// A copy of the committed vault whose reflection, provider, session and training hold
/// escape sequences (ESC, OSC 52 clipboard writes, BEL, the C1 CSI U+009B, NEL U+0085),
/// made by a version that did not refuse them.
fn vault_with_controls() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    std::fs::create_dir(&dir).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/controls-vault");
    std::fs::copy(fixture.join("attune.vault"), dir.join("attune.vault")).unwrap();
    (tmp, dir)
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--vault", dir.to_str().unwrap(), "--passphrase-stdin"]);
    attune(&all, &format!("{PASS}\n"), None)
}

/// No control character but tab and line ends, and no C1 control, in `text`.
fn assert_no_controls(args: &[&str], text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || ('\u{80}'..='\u{9f}').contains(&c)
        })
        .collect();
    assert!(bad.is_empty(), "{args:?} printed {bad:?} raw: {text:?}");
}

#[test]
fn escape_sequences_in_stored_data_are_shown_as_text() {
    let (_tmp, dir) = vault_with_controls();
    let listed = run(&dir, &["entry", "list", "--json"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let list: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_owned();
    for args in [
        vec!["entry", "list"],
        vec!["entry", "show", &id],
        vec!["search", "bath"],
        vec!["hours", "list"],
        vec!["hours", "summary"],
        vec!["hours", "summary", "--format", "csv"],
        vec!["provider", "list"],
        vec!["training", "list"],
    ] {
        let r = run(&dir, &args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert_no_controls(&args, &r.stdout);
        assert_no_controls(&args, &r.stderr);
    }
    let shown = run(&dir, &["entry", "show", &id]).stdout;
    assert!(
        shown.contains("Bath \\u001b]52;c;SGVsbG8=\\u0007time \\u009b31mred"),
        "{shown}"
    );
    // In JSON, the escapes are JSON's own: valid, and the same text as stored.
    for args in [
        vec!["entry", "list", "--json"],
        vec!["entry", "show", &id, "--json"],
        vec!["hours", "list", "--json"],
        vec!["hours", "summary", "--format", "json"],
        vec!["provider", "list", "--json"],
        vec!["training", "list", "--json"],
    ] {
        let r = run(&dir, &args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert_no_controls(&args, &r.stdout);
        let v: serde_json::Value = serde_json::from_str(&r.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", r.stdout));
        if args[0] == "entry" {
            let r = if v.is_array() { &v[0] } else { &v };
            assert_eq!(r["title"], "Bath \x1b]52;c;SGVsbG8=\x07time \u{9b}31mred");
        }
    }
}

#[test]
fn control_characters_are_refused_at_input_naming_the_field() {
    let (_tmp, dir) = vault_with_controls();
    let d = dir.to_str().unwrap();
    let entry = |json: &str| {
        let args = [
            "entry",
            "add",
            "--json",
            "-",
            "--vault",
            d,
            "--passphrase-stdin",
        ];
        (args, attune(&args, &format!("{PASS}\n{json}"), None))
    };
    let (args, r) =
        entry(r#"{"kind":"note","date":"2025-01-02","title":"a\u001b]52;c;SGk=\u0007b"}"#);
    assert_one_error(&args, &r, "title");
    let (args, r) = entry(r#"{"kind":"note","date":"2025-01-02","title":"t","self":"x\u009b2J"}"#);
    assert_one_error(&args, &r, "self");
    let (args, r) = entry(r#"{"kind":"note","date":"2025-01-02","title":"t","tags":["a\u0007"]}"#);
    assert_one_error(&args, &r, "tags");
    // Tabs and line breaks are text where text has lines.
    let (args, r) =
        entry(r#"{"kind":"note","date":"2025-01-02","title":"t","self":"one\n\ttwo\r\nthree"}"#);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    for (provider, note, needle) in [
        ("An\x1b[2Ja", "", "--provider"),
        ("Ana", "x\u{9b}y", "--note"),
    ] {
        let args = [
            "hours",
            "add",
            "--date",
            "2025-01-10",
            "--minutes",
            "60",
            "--format",
            "group",
            "--provider",
            provider,
            "--note",
            note,
        ];
        assert_one_error(&args, &run(&dir, &args), needle);
    }
    let args = [
        "training",
        "add",
        "--date",
        "2025-01-10",
        "--minutes",
        "60",
        "--title",
        "T\x1b]0;x\x07",
    ];
    assert_one_error(&args, &run(&dir, &args), "--title");
}

#[cfg(unix)]
#[test]
fn input_that_never_ends_is_refused_at_a_cap() {
    let (_tmp, dir) = vault_with_controls();
    let d = dir.to_str().unwrap();
    let args = [
        "entry",
        "add",
        "--json",
        "/dev/zero",
        "--vault",
        d,
        "--passphrase-stdin",
    ];
    assert_one_error(
        &args,
        &attune(&args, &format!("{PASS}\n"), None),
        "too large",
    );
    let args = [
        "hours",
        "import",
        "/dev/zero",
        "--vault",
        d,
        "--passphrase-stdin",
    ];
    assert_one_error(
        &args,
        &attune(&args, &format!("{PASS}\n"), None),
        "too large",
    );
    // Standard input is read up to a cap too, not into all the memory there is.
    let args = [
        "entry",
        "add",
        "--json",
        "-",
        "--vault",
        d,
        "--passphrase-stdin",
    ];
    let huge = format!("{PASS}\n{}", " ".repeat(5 << 20));
    assert_one_error(
        &args,
        &attune(&args, &huge, None),
        "standard input: too large",
    );
}

#[cfg(unix)]
#[test]
fn what_attune_writes_is_its_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let d = dir.to_str().unwrap();
    let r = attune(
        &["init", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\n"),
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(mode(&dir), 0o700);
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
    let out = tmp.path().join("hours.csv");
    let r = run(
        &dir,
        &[
            "hours",
            "summary",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(mode(&out), 0o600);
}
