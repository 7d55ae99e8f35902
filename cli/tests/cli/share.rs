//! Sharing with the real binary: a practitioner and a supervisor, each with a vault, through
//! the whole round trip; refusals that change nothing; and a bundle's outer layer opened
//! with the `rage` CLI.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{assert_one_error, attune, snapshot, Run};

/// The supervisor's desk (issue 20).
mod desk;
mod impersonation;

const PASS: &str = "a calm evening passphrase";

/// One person's vault in a temp dir.
struct Person {
    tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Person {
    fn new(name: &str, role: &str) -> Person {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        let p = Person { tmp, dir };
        let r = attune(
            &[
                "init",
                "--name",
                name,
                "--role",
                role,
                "--vault",
                p.d(),
                "--passphrase-stdin",
            ],
            &format!("{PASS}\n"),
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        p
    }

    fn d(&self) -> &str {
        self.dir.to_str().unwrap()
    }

    fn file(&self, name: &str) -> String {
        self.tmp.path().join(name).to_str().unwrap().to_owned()
    }

    fn run_with(&self, args: &[&str], stdin_after: &str) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--vault", self.d(), "--passphrase-stdin"]);
        attune(&all, &format!("{PASS}\n{stdin_after}"), None)
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, "")
    }

    fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        r.stdout
    }

    fn ok_json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
    }

    /// A command that must fail with one `error:` line naming `needle`, changing nothing
    /// in the vault and writing no `--out` file.
    fn fails(&self, args: &[&str], needle: &str) {
        let before = snapshot(&self.dir);
        let files_before = self.names();
        assert_one_error(args, &self.run(args), needle);
        assert_eq!(before, snapshot(&self.dir), "{args:?}: the vault changed");
        assert_eq!(files_before, self.names(), "{args:?}: a file was written");
    }

    /// The names of the files beside the vault (where `--out` files go).
    fn names(&self) -> Vec<std::ffi::OsString> {
        let mut v: Vec<_> = std::fs::read_dir(self.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    }

    /// My card, written to a file by `identity show --out`.
    fn card_file(&self) -> String {
        let path = self.file("me.attune-card");
        self.ok(&["identity", "show", "--out", &path]);
        path
    }

    fn fingerprint(&self) -> String {
        let out = self.ok(&["identity", "show"]);
        out.lines()
            .find_map(|l| l.strip_prefix("Your fingerprint: "))
            .unwrap()
            .to_owned()
    }
}

fn entry(p: &Person, json: &str) -> String {
    let r = p.run_with(&["entry", "add", "--json", "-"], json);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout.trim().to_owned()
}

fn hours(p: &Person, date: &str, minutes: &str, provider: &str) -> String {
    p.ok(&[
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
        "--note",
        "private reminder",
    ])
    .trim()
    .to_owned()
}

/// Where `rage` is: on the PATH, or where `cargo install` puts it. The test command
/// installs it; a missing rage fails this test rather than skipping it.
fn rage() -> PathBuf {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("rage"))
            .find(|p| p.is_file())
    });
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    on_path
        .or_else(|| cargo_home.map(|c| c.join("bin/rage")).filter(|p| p.is_file()))
        .expect("the rage CLI is not installed; scripts/test.sh installs it (cargo install rage --locked)")
}

#[test]
fn practitioner_and_supervisor_round_trip() {
    let p = Person::new("Robin Hale", "practitioner");
    let s = Person::new("Lucía Pérez", "supervisor");

    // Exchange cards: one by file, one pasted on standard input.
    let s_card = s.card_file();
    let added = p.ok(&["contact", "add", &s_card]);
    // The short fingerprint stands beside the name (issue 14: a name alone proves nothing).
    let short = s.fingerprint()[..9].to_owned();
    assert!(
        added.contains(&format!("Added Lucía Pérez [{short}] (supervisor)")),
        "{added}"
    );
    let p_card_text = p.ok(&["identity", "show"]);
    let r = s.run_with(&["contact", "add", "-"], &p_card_text);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // Not verified yet: sharing is refused, and so is receiving.
    let rid = entry(
        &p,
        r#"{"kind":"home_visit","date":"2026-03-02","title":"Bath time","family":"Rowan",
            "parent_infant":"The baby looked for her mother's face.","self":"I felt rushed.",
            "for_supervision":"Why did I hurry?"}"#,
    );
    let bundle = p.file("for-lucia.attune-share");
    p.fails(
        &[
            "share",
            "--to",
            "Lucía Pérez",
            "--entries",
            &rid,
            "--out",
            &bundle,
        ],
        "not verified yet",
    );
    // Verify by fingerprint prefix (as read aloud, with a space) and by name.
    let s_fp = s.fingerprint();
    let verified = p.ok(&["contact", "verify", &s_fp[..9].to_lowercase()]);
    assert!(verified.contains("Lucía Pérez is verified"), "{verified}");
    s.ok(&["contact", "verify", "robin hale"]);
    let contacts = p.ok_json(&["contact", "list", "--json"]);
    assert_eq!(contacts[0]["name"], "Lucía Pérez");
    assert_eq!(contacts[0]["verified"], true);
    assert_eq!(contacts[0]["fingerprint"], s_fp.as_str());

    // Share one reflection (two sections) and a period of hours.
    let h1 = hours(&p, "2026-01-12", "60", "Lucía Pérez");
    let h2 = hours(&p, "2026-02-09", "90", "lucía  pérez");
    let h3 = hours(&p, "2026-02-10", "45", "Sam Other");
    let dry = p.ok(&[
        "share",
        "--to",
        "Lucía Pérez",
        "--entries",
        &rid,
        "--sections",
        "self",
        "--dry-run",
    ]);
    assert!(
        dry.contains("would leave") && dry.contains("[self]"),
        "{dry}"
    );
    assert!(!Path::new(&bundle).exists());
    p.fails(
        &[
            "share",
            "--to",
            "Lucía Pérez",
            "--entries",
            &rid,
            "--sections",
            "feelings",
            "--out",
            &bundle,
        ],
        "--sections",
    );
    let out = p.ok(&[
        "share",
        "--to",
        "Lucía Pérez",
        "--entries",
        &rid[..8],
        "--sections",
        "parent_infant,self",
        "--hours-from",
        "2026-01-01",
        "--hours-to",
        "2026-03-31",
        "--out",
        &bundle,
    ]);
    assert!(
        out.contains("Bath time") && out.contains("[parent_infant, self]"),
        "{out}"
    );
    assert!(out.contains("3 sessions"), "{out}");
    let bytes = std::fs::read(&bundle).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));

    // The supervisor receives it; the same file again changes nothing.
    let copy = s.file("from-robin.attune-share");
    std::fs::copy(&bundle, &copy).unwrap();
    let got = s.ok(&["receive", &copy]);
    assert!(got.contains("1 reflection, 3 sessions"), "{got}");
    let before = snapshot(&s.dir);
    let again = s.ok(&["receive", &copy]);
    assert!(again.contains("Already received"), "{again}");
    assert_eq!(before, snapshot(&s.dir));

    let list = s.ok_json(&["shared", "list", "--json"]);
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 4, "{list}");
    let refl = items.iter().find(|i| i["type"] == "reflection").unwrap();
    assert_eq!(refl["from"], "Robin Hale");
    assert_eq!(refl["title"], "Bath time");
    assert_eq!(refl["date"], "2026-03-02");
    assert_eq!(refl["comments"], serde_json::json!([]));
    let shared_id = refl["id"].as_str().unwrap().to_owned();
    let shown = s.ok(&["shared", "show", &shared_id[..6]]);
    assert!(shown.contains("looked for her mother") && shown.contains("I felt rushed"));
    assert!(
        !shown.contains("Why did I hurry"),
        "a section not chosen travelled: {shown}"
    );
    assert!(!s.ok(&["shared", "list"]).contains("private reminder"));

    // Comment, reply, and the practitioner sees it beside the reflection.
    let cid = s.ok(&["comment", &shared_id[..6], "What did the hurry feel like?"]);
    assert_eq!(cid.trim().len(), 32);
    let shown = s.ok_json(&["shared", "show", &shared_id, "--json"]);
    assert_eq!(
        shown["comments"][0]["text"],
        "What did the hurry feel like?"
    );
    let reply = s.file("reply.attune-share");
    s.ok(&["reply", "--to", "Robin Hale", "--out", &reply]);
    s.fails(
        &[
            "reply",
            "--to",
            "Robin Hale",
            "--out",
            &s.file("again.attune-share"),
        ],
        "no new comments",
    );
    let reply_copy = p.file("reply.attune-share");
    std::fs::copy(&reply, &reply_copy).unwrap();
    let got = p.ok(&["receive", &reply_copy]);
    assert!(got.contains("1 comment"), "{got}");
    let entry_json = p.ok_json(&["entry", "show", &rid, "--json"]);
    assert_eq!(entry_json["title"], "Bath time");
    assert_eq!(entry_json["comments"][0]["author"], "Lucía Pérez");
    assert_eq!(
        entry_json["comments"][0]["text"],
        "What did the hurry feel like?"
    );
    let entry_text = p.ok(&["entry", "show", &rid]);
    assert!(entry_text.contains("## Comments") && entry_text.contains("hurry feel like"));

    // The supervisor attests; only her sessions are signed.
    let attest = s.file("robin.attune-attest");
    let out = s.ok(&[
        "attest",
        "--for",
        "Robin Hale",
        "--to",
        "2026-12-31",
        "--out",
        &attest,
    ]);
    assert!(
        out.contains("Attested 2 session(s)") && out.contains("2:30"),
        "{out}"
    );
    s.fails(
        &[
            "attest",
            "--for",
            "Robin Hale",
            "--from",
            "2026-03-01",
            "--out",
            &s.file("x.attune-attest"),
        ],
        "no sessions",
    );
    s.fails(
        &[
            "attest",
            "--for",
            "Robin Hale",
            "--from",
            "2026-03-01",
            "--to",
            "2026-01-01",
            "--out",
            &s.file("x.attune-attest"),
        ],
        "before --from",
    );

    // Anyone can check it, with no vault at all.
    let v = attune(&["verify", &attest], "", None);
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert!(
        v.stdout.contains(&format!(
            "signed by:      Lucía Pérez [{}] (supervisor)",
            &s_fp[..9]
        )),
        "{}",
        v.stdout
    );
    assert!(v.stdout.contains(&s_fp), "{}", v.stdout);
    // For whom: the name the practitioner's card carried, and the fingerprint's short form.
    let p_fp = p.fingerprint();
    assert!(
        v.stdout
            .contains(&format!("signed for:     Robin Hale [{}]", &p_fp[..9])),
        "{}",
        v.stdout
    );
    assert!(
        v.stdout.contains("2026-01-12 to 2026-12-31"),
        "{}",
        v.stdout
    );
    assert!(v.stdout.contains("2, 2:30 in all"), "{}", v.stdout);
    let mut flipped = std::fs::read(&attest).unwrap();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x01;
    let bad = s.file("flipped.attune-attest");
    std::fs::write(&bad, &flipped).unwrap();
    let r = attune(&["verify", &bad], "", None);
    assert_one_error(&["verify"], &r, "attestation");

    // The practitioner receives it: the two sessions with Lucía show as verified.
    let attest_copy = p.file("robin.attune-attest");
    std::fs::copy(&attest, &attest_copy).unwrap();
    let got = p.ok(&["receive", &attest_copy]);
    assert!(got.contains("2 sessions signed for; 2 match"), "{got}");
    let list = p.ok_json(&["hours", "list", "--json"]);
    let verified: Vec<(String, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["verified"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(verified, vec![(h1, true), (h2, true), (h3, false)]);
    let summary = p.ok(&["hours", "summary"]);
    assert!(summary.contains("Attested    2 of 3 sessions"), "{summary}");
    let pdf = p.file("hours.pdf");
    p.ok(&["hours", "summary", "--format", "pdf", "--out", &pdf]);
    let out = Command::new("pdftotext")
        .args(["-layout", &pdf, "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8(out.stdout).unwrap();
    // The column is narrow: the name is cut to fit.
    assert_eq!(text.matches("attested by Lucí").count(), 2, "{text}");
    assert!(text.contains("2 of 3 sessions are attested"), "{text}");
    let again = p.ok(&["receive", &attest_copy]);
    assert!(again.contains("Already received"), "{again}");

    // A forwarded or foreign file is refused with one line and nothing imported.
    let t = Person::new("Taylor Third", "supervisor");
    let t_copy = t.file("not-mine.attune-share");
    std::fs::copy(&bundle, &t_copy).unwrap();
    t.fails(&["receive", &t_copy], "encrypted for someone else");
    let junk = t.file("junk.attune-share");
    std::fs::write(&junk, b"hello").unwrap();
    t.fails(&["receive", &junk], "not an Attune");
    t.fails(&["receive", &attest_copy], "for another practitioner");
}

#[test]
fn a_dry_run_lists_what_could_identify_a_family() {
    let p = Person::new("Robin Hale", "practitioner");
    let s = Person::new("Ana Ruiz", "supervisor");
    p.ok(&["contact", "add", &s.card_file()]);
    p.ok(&["contact", "verify", "Ana Ruiz"]);
    let rid = entry(
        &p,
        r#"{"kind":"home_visit","date":"2026-03-02","title":"Bath time","family":"Rowan",
            "parent_infant":"She held him close.",
            "practitioner_parent":"Mum asked me to call 555-867-5309 before the next visit."}"#,
    );
    let dry = p.ok(&["share", "--to", "Ana Ruiz", "--entries", &rid, "--dry-run"]);
    assert!(
        dry.contains(
            "  Bath time, You and the parent: phone \"555-867-5309\" — A phone number leads straight to a family; leave it out of the reflection.\n"
        ),
        "{dry}"
    );
    assert!(
        dry.contains("\n1 detail above could identify a family.\n"),
        "{dry}"
    );
    assert!(dry.ends_with("Nothing was written (--dry-run).\n"), "{dry}");
    // A section left out is not checked: nothing is found in what would leave.
    let clean = p.ok(&[
        "share",
        "--to",
        "Ana Ruiz",
        "--entries",
        &rid,
        "--sections",
        "parent_infant",
        "--dry-run",
    ]);
    assert!(!clean.contains("555"), "{clean}");
    assert!(
        clean.contains("No phone numbers, e-mail addresses, full dates, street addresses or names to avoid were found."),
        "{clean}"
    );
}

#[test]
fn the_outer_layer_is_a_plain_age_file_rage_opens() {
    let p = Person::new("Robin Hale", "practitioner");
    let s = Person::new("Lucía Pérez", "supervisor");
    p.ok(&["contact", "add", &s.card_file()]);
    p.ok(&["contact", "verify", "Lucía Pérez"]);
    let rid = entry(
        &p,
        r#"{"kind":"note","date":"2026-03-02","title":"Interop","self":"plain text inside"}"#,
    );
    let bundle = p.file("b.attune-share");
    p.ok(&[
        "share",
        "--to",
        "Lucía Pérez",
        "--entries",
        &rid,
        "--out",
        &bundle,
    ]);

    // The recipient's age identity, exported for this test only (no command prints it).
    let secret = {
        let mut v =
            attune_core::Vault::unlock(&s.dir, attune_core::Unlock::Passphrase(PASS)).unwrap();
        let key = v
            .sharing_mut()
            .identity_for_interop_tests()
            .unwrap()
            .expose_age_secret_for_interop_tests();
        let key = key.to_string();
        v.lock().unwrap();
        key
    };
    let id_file = s.file("identity.txt");
    std::fs::write(&id_file, format!("{secret}\n")).unwrap();
    let out = Command::new(rage())
        .args(["--decrypt", "-i", &id_file, &bundle])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "rage failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plain = String::from_utf8(out.stdout).unwrap();
    let mut lines = plain.lines();
    assert_eq!(lines.next(), Some("attune-share v1"));
    let manifest: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(manifest["sender"]["name"], "Robin Hale");
    assert_eq!(
        manifest["items"][0]["sections"]["self"],
        "plain text inside"
    );
    assert_eq!(lines.next().unwrap().len(), 128, "the signature line");
    assert_eq!(lines.next(), None);

    // And someone else's identity does not open it.
    let other = Person::new("Taylor Third", "supervisor");
    let wrong = {
        let mut v =
            attune_core::Vault::unlock(&other.dir, attune_core::Unlock::Passphrase(PASS)).unwrap();
        let key = v
            .sharing_mut()
            .identity_for_interop_tests()
            .unwrap()
            .expose_age_secret_for_interop_tests()
            .to_string();
        v.lock().unwrap();
        key
    };
    std::fs::write(&id_file, format!("{wrong}\n")).unwrap();
    let out = Command::new(rage())
        .args(["--decrypt", "-i", &id_file, &bundle])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn verify_needs_no_vault_and_explains_failures() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope.attune-attest");
    let r = attune(&["verify", missing.to_str().unwrap()], "", None);
    assert_one_error(&["verify"], &r, "nope.attune-attest");
    let junk = tmp.path().join("junk.attune-attest");
    std::fs::write(&junk, "attune-attest v9\n{}\n").unwrap();
    let r = attune(&["verify", junk.to_str().unwrap()], "", None);
    assert_one_error(&["verify"], &r, "format version 9");
    for cmd in [
        "identity", "contact", "share", "receive", "shared", "comment", "reply", "attest", "verify",
    ] {
        let r = attune(&[cmd, "--help"], "", None);
        assert_eq!(r.code, 0, "{cmd} --help");
    }
}
