//! `attune export`: the journal as one JSON file or one Markdown file per reflection, read
//! back by Python (json, and the front matter's quoted values as JSON strings); a folder
//! that is not empty is refused before anything is written.

use std::path::Path;
use std::process::Command;

use crate::run::{assert_one_error, init_at, run_in, Run};

const PASS: &str = "a calm evening passphrase";

fn run(dir: &Path, args: &[&str], stdin: &str) -> Run {
    run_in(dir, args, stdin)
}

fn python(script: &str, arg: &Path) -> String {
    let out = Command::new("python3")
        .args(["-c", script, arg.to_str().unwrap()])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_journal_exports_as_json_and_as_markdown() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    init_at(&dir, PASS);
    for json in [
        r#"{"kind":"home_visit","date":"2026-03-02","title":"Bath: \"calm\"","family":"Rowan","tags":["sleep"],"parent_infant":"She held him.\r\n## Not a heading","self":"Tired 😊"}"#,
        r#"{"kind":"note","date":"2026-03-01","title":"Niño","self":"held"}"#,
    ] {
        let r = run(
            &dir,
            &["entry", "add", "--json", "-"],
            &format!("{PASS}\n{json}"),
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }

    let file = tmp.path().join("journal.json");
    let r = run(
        &dir,
        &[
            "export",
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ],
        &format!("{PASS}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("Exported 2 reflections") && r.stderr.contains("not encrypted"),
        "{}",
        r.stderr
    );
    let said = python(
        "import json, sys\nd = json.load(open(sys.argv[1], encoding='utf-8'))\nprint(d['format'], d['version'], [r['title'] for r in d['reflections']])",
        &file,
    );
    assert_eq!(said.trim(), "attune-journal 1 ['Niño', 'Bath: \"calm\"']");

    let folder = tmp.path().join("markdown");
    let r = run(
        &dir,
        &[
            "export",
            "--format",
            "markdown",
            "--out",
            folder.to_str().unwrap(),
        ],
        &format!("{PASS}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let said = python(
        r#"import json, os, sys
for n in sorted(os.listdir(sys.argv[1])):
    text = open(os.path.join(sys.argv[1], n), encoding='utf-8', newline='').read()
    front = text.split('---\n')[1]
    meta = dict(l.split(': ', 1) for l in front.splitlines())
    print(n[:11], json.loads(meta['title']), meta['kind'], json.loads(meta['tags']), len(meta['attune_id']))
"#,
        &folder,
    );
    assert_eq!(
        said,
        "2026-03-01- Niño note [] 32\n2026-03-02- Bath: \"calm\" home_visit ['sleep'] 32\n"
    );
    let body = std::fs::read_to_string(
        std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_str().unwrap().contains("bath"))
            .unwrap(),
    )
    .unwrap();
    assert!(
        body.contains("\n## Parent and baby\n\nShe held him.\r\n\\## Not a heading\n"),
        "{body}"
    );

    // A folder that is not empty is refused, before the passphrase is even asked.
    let args = [
        "export",
        "--format",
        "markdown",
        "--out",
        folder.to_str().unwrap(),
    ];
    assert_one_error(&args, &run(&dir, &args, ""), "--out");
}
