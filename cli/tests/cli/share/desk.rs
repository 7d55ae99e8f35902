//! The supervisor's desk through the real binary (issue 20): `supervisees`, `shared list
//! --from`, `shared mark`, private notes, sessions signed once, and what the practitioner
//! is told when an attestation covers sessions an earlier one already covered.

use super::*;

/// A practitioner and a supervisor who have exchanged and verified cards.
fn pair() -> (Person, Person) {
    let p = Person::new("Robin Hale", "practitioner");
    let s = Person::new("Lucía Pérez", "supervisor");
    p.ok(&["contact", "add", &s.card_file()]);
    p.ok(&["contact", "verify", "Lucía Pérez"]);
    let r = s.run_with(&["contact", "add", "-"], &p.ok(&["identity", "show"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    s.ok(&["contact", "verify", "Robin Hale"]);
    (p, s)
}

/// Copies `file` (written beside the sender's vault) beside `to`'s, and receives it there.
fn deliver(file: &str, to: &Person) -> String {
    let name = Path::new(file).file_name().unwrap().to_str().unwrap();
    let copy = to.file(name);
    std::fs::copy(file, &copy).unwrap();
    to.ok(&["receive", &copy])
}

/// Shares `p`'s sessions of January 2026 with Lucía Pérez and receives them in `s`.
fn share_january(p: &Person, s: &Person) {
    let bundle = p.file("hours.attune-share");
    p.ok(&[
        "share",
        "--to",
        "Lucía Pérez",
        "--hours-from",
        "2026-01-01",
        "--hours-to",
        "2026-01-31",
        "--out",
        &bundle,
    ]);
    deliver(&bundle, s);
}

#[test]
fn an_attestation_of_sessions_already_attested_says_so() {
    let (p, s) = pair();
    hours(&p, "2026-01-12", "60", "Lucía Pérez");
    share_january(&p, &s);
    // Two attestations of the same session, as two devices of the supervisor's (or an
    // Attune that kept no record of what it signed) could make.
    let (first, second) = (
        s.file("first.attune-attest"),
        s.file("second.attune-attest"),
    );
    {
        let mut v =
            attune_core::Vault::unlock(&s.dir, attune_core::Unlock::Passphrase(PASS)).unwrap();
        for file in [&first, &second] {
            let (bytes, _) = v
                .sharing_mut()
                .attest("Robin Hale", attune_core::hours::Period::ALL)
                .unwrap();
            std::fs::write(file, bytes).unwrap();
        }
        v.lock().unwrap();
    }
    let got = deliver(&first, &p);
    assert!(got.contains("1 session signed for; 1 match"), "{got}");
    let got = deliver(&second, &p);
    assert!(
        got.contains("1 session signed for; 0 match your log")
            && got.contains(
                "1 already attested by an earlier attestation, unchanged; it stays attested."
            ),
        "{got}"
    );
    assert!(!got.contains("no longer match"), "{got}");
    let list = p.ok_json(&["hours", "list", "--json"]);
    assert_eq!(list[0]["verified"], true);
}

/// The supervisor's one row for `name`, from `supervisees --json`.
fn desk_row(s: &Person, name: &str) -> serde_json::Value {
    let rows = s.ok_json(&["supervisees", "--json"]);
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no row for {name}: {rows}"))
        .clone()
}

/// (new, unsent, unanswered, unsigned_sessions) of a row.
fn counts(r: &serde_json::Value) -> [u64; 4] {
    ["new", "unsent", "unanswered", "unsigned_sessions"].map(|k| r[k].as_u64().unwrap())
}

fn share_to_lucia(p: &Person, entries: &str, out: &str) {
    p.ok(&[
        "share",
        "--to",
        "Lucía Pérez",
        "--entries",
        entries,
        "--hours-from",
        "2026-01-01",
        "--hours-to",
        "2026-12-31",
        "--out",
        out,
    ]);
}

#[test]
fn the_supervisors_desk_from_receive_to_signature() {
    let (p, s) = pair();
    let rid = entry(
        &p,
        r#"{"kind":"home_visit","date":"2026-03-02","title":"Bath time","family":"Rowan",
            "self":"I felt rushed.","for_supervision":"Why did I hurry?"}"#,
    );
    hours(&p, "2026-01-12", "60", "Lucía Pérez");
    hours(&p, "2026-02-09", "90", "lucía  pérez");
    hours(&p, "2026-02-10", "45", "Sam Other");
    let err = s.run(&["supervisees"]);
    assert_eq!(err.code, 0, "{}", err.stderr);
    assert!(err.stderr.contains("No supervisees yet"), "{}", err.stderr);
    let first = p.file("first.attune-share");
    share_to_lucia(&p, &rid[..8], &first);
    deliver(&first, &s);

    let row = desk_row(&s, "Robin Hale");
    assert_eq!(row["fingerprint"], p.fingerprint().as_str());
    assert_eq!(counts(&row), [1, 0, 1, 2]);
    assert_eq!(row["last_attested"], serde_json::Value::Null);
    assert_eq!(row["last_supervision"], "2026-02-09");
    let text = s.ok(&["supervisees"]);
    assert!(
        text.contains("new 1  unsent 0  unanswered 1  unsigned sessions 2  last attested -  last supervision 2026-02-09"),
        "{text}"
    );

    // One person's reflections: new until shown.
    let new = s.ok_json(&["shared", "list", "--from", "Robin Hale", "--new", "--json"]);
    assert_eq!(new.as_array().unwrap().len(), 1, "{new}");
    assert_eq!(new[0]["new"], true);
    assert_eq!(new[0]["title"], "Bath time");
    let shared_id = new[0]["id"].as_str().unwrap().to_owned();
    assert!(s.ok(&["shared", "list"]).contains("Bath time  [new]"));
    s.ok(&["shared", "show", &shared_id[..6]]);
    let new = s.ok_json(&["shared", "list", "--from", "Robin Hale", "--new", "--json"]);
    assert_eq!(new, serde_json::json!([]));
    assert_eq!(counts(&desk_row(&s, "Robin Hale")), [0, 0, 1, 2]);
    let found = s.ok_json(&["shared", "list", "--search", "HURR rushed", "--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["id"], shared_id.as_str());
    let none = s.ok_json(&["shared", "list", "--search", "elephant", "--json"]);
    assert_eq!(none, serde_json::json!([]));
    let marked = s.ok(&["shared", "mark", &shared_id[..6], "--new"]);
    assert!(marked.contains("Bath time  new"), "{marked}");
    s.ok(&["shared", "mark", &shared_id[..6], "--seen"]);

    // A comment owed (edited, and a second one deleted, before sending), then sent.
    let cid = s.ok(&["comment", &shared_id[..6], "What did the hurry?"]);
    let cid = cid.trim();
    let extra = s.ok(&["comment", &shared_id[..6], "Too hasty."]);
    s.ok(&["comment", &extra.trim()[..8], "--delete"]);
    s.ok(&[
        "comment",
        &cid[..8],
        "--edit",
        "What did the hurry feel like?",
    ]);
    let shown = s.ok_json(&["shared", "show", &shared_id, "--json"]);
    assert_eq!(shown["comments"].as_array().unwrap().len(), 1, "{shown}");
    assert_eq!(
        shown["comments"][0]["text"],
        "What did the hurry feel like?"
    );
    assert_eq!(counts(&desk_row(&s, "Robin Hale")), [0, 1, 0, 2]);
    s.ok(&[
        "reply",
        "--to",
        "Robin Hale",
        "--out",
        &s.file("reply.attune-share"),
    ]);
    assert_eq!(counts(&desk_row(&s, "Robin Hale")), [0, 0, 0, 2]);
    s.fails(&["comment", &cid[..8], "--delete"], "sent already");

    // Signed: nothing waits, and nothing is offered again.
    let attest = s.file("robin.attune-attest");
    s.ok(&["attest", "--for", "Robin Hale", "--out", &attest]);
    let a = attune_core::share::Attestation::verify(&std::fs::read(&attest).unwrap()).unwrap();
    let row = desk_row(&s, "Robin Hale");
    assert_eq!(counts(&row), [0, 0, 0, 0]);
    assert_eq!(row["last_attested"], a.issued_at.date_naive().to_string());
    s.fails(
        &[
            "attest",
            "--for",
            "Robin Hale",
            "--out",
            &s.file("again.attune-attest"),
        ],
        "signed already",
    );
    let sessions = s.ok_json(&["shared", "list", "--from", "Robin Hale", "--json"]);
    let signed: Vec<&serde_json::Value> = sessions
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "session")
        .map(|i| &i["signed"])
        .collect();
    assert_eq!(signed.len(), 3);
    assert_eq!(signed[0]["status"], "signed");
    assert_eq!(signed[0]["attestation_id"], a.id.as_str());
    assert_eq!(signed[2]["status"], "unsigned", "Sam Other's is not hers");

    // Shared again unchanged: nothing new. A new session: only it waits, and it is ticked.
    let again = p.file("again.attune-share");
    share_to_lucia(&p, &rid, &again);
    deliver(&again, &s);
    assert_eq!(counts(&desk_row(&s, "Robin Hale")), [0, 0, 0, 0]);
    hours(&p, "2026-03-09", "50", "Lucía Pérez");
    let third = p.file("third.attune-share");
    share_to_lucia(&p, &rid, &third);
    deliver(&third, &s);
    assert_eq!(counts(&desk_row(&s, "Robin Hale")), [0, 0, 0, 1]);
    let items = s.ok_json(&["shared", "list", "--from", "Robin Hale", "--json"]);
    let march = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["date"] == "2026-03-09")
        .unwrap();
    assert_eq!(march["signed"]["status"], "unsigned");
    let march_id = march["id"].as_str().unwrap().to_owned();
    let sam_id = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["date"] == "2026-02-10")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    s.fails(
        &[
            "attest",
            "--for",
            "Robin Hale",
            "--sessions",
            &sam_id[..8],
            "--out",
            &s.file("sam.attune-attest"),
        ],
        "--sessions: session",
    );
    let out = s.ok(&[
        "attest",
        "--for",
        "Robin Hale",
        "--sessions",
        &march_id[..8],
        "--out",
        &s.file("march.attune-attest"),
    ]);
    assert!(out.contains("Attested 1 session(s)"), "{out}");
    assert_eq!(counts(&desk_row(&s, "Robin Hale")), [0, 0, 0, 0]);
    assert!(s.ok(&["shared", "list"]).contains(&format!(
        "[signed {}, attestation {}]",
        a.issued_at.date_naive(),
        &a.id[..8]
    )));

    // The attestations signed, newest first, and one written again exactly as signed.
    let issued = s.ok_json(&["attestations", "list", "--for", "Robin Hale", "--json"]);
    let issued = issued.as_array().unwrap();
    assert_eq!(issued.len(), 2);
    assert_eq!(issued[1]["id"], a.id.as_str());
    assert_eq!(issued[1]["sessions"], 2);
    assert_eq!(issued[1]["name"], "Robin Hale");
    assert_eq!(issued[0]["from"], "2026-03-09");
    let lost = s.file("lost.attune-attest");
    s.ok(&["attestations", "save", &a.id[..8], "--out", &lost]);
    assert_eq!(
        std::fs::read(&lost).unwrap(),
        std::fs::read(&attest).unwrap()
    );

    // The signed sessions fill the RSC provided.
    let provided = s.ok_json(&["hours", "provided", "--json"]);
    assert_eq!(provided["totals"]["sessions"], 3, "{provided}");
    assert_eq!(provided["totals"]["minutes"], 200);
    assert_eq!(provided["sessions"][0]["date"], "2026-03-09");
    assert_eq!(provided["sessions"][0]["supervisees"][0], "Robin Hale");
    let csv = s.ok(&["hours", "provided", "--csv"]);
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("date,minutes,format,supervisees,attestations")
    );
    assert!(
        lines
            .next()
            .is_some_and(|l| l.starts_with("2026-03-09,50,individual,Robin Hale,")),
        "{csv}"
    );
    assert_eq!(csv.matches("\r\n").count(), 4, "{csv}");
    let text = s.ok(&[
        "hours",
        "provided",
        "--from",
        "2026-02-01",
        "--to",
        "2026-02-28",
    ]);
    assert!(
        text.contains("Provided (signed): 1:30 h in 1 session to 1 supervisee"),
        "{text}"
    );
}

#[test]
fn private_notes_about_a_supervisee_stay_in_the_vault() {
    let (p, s) = pair();
    let rid = entry(
        &p,
        r#"{"kind":"home_visit","date":"2026-03-02","title":"Bath time","self":"I felt rushed."}"#,
    );
    hours(&p, "2026-03-02", "60", "Lucía Pérez");
    let bundle = p.file("b.attune-share");
    share_to_lucia(&p, &rid, &bundle);
    deliver(&bundle, &s);
    let r = s.run_with(
        &["note", "add", "--about", "Robin Hale", "--json", "-"],
        r#"{"date":"2026-03-03","in_me":"I wanted to hurry her too.","next_time":"Ask about the mother's pace."}"#,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let id = r.stdout.trim().to_owned();
    assert_eq!(id.len(), 32);
    let notes = s.ok_json(&["note", "list", "--about", "robin hale", "--json"]);
    assert_eq!(notes[0]["id"], id.as_str());
    assert_eq!(notes[0]["in_me"], "I wanted to hurry her too.");
    assert_eq!(notes[0]["about"].as_str().unwrap().len(), 64);
    let text = s.ok(&["note", "list", "--about", "Robin Hale"]);
    assert!(
        text.contains("What do I notice in myself?\n    I wanted to hurry her too.")
            && text.contains("What will I hold in mind next time?"),
        "{text}"
    );
    assert_eq!(desk_row(&s, "Robin Hale")["notes"], 1);
    // The list for the next supervision gathers the note and the unanswered reflection.
    let prep = s.ok(&["prepare", "--for", "Robin Hale"]);
    assert!(
        prep.contains("Not answered yet:\n  - Bath time  [2026-03-02]")
            && prep
                .contains("I will hold in mind:\n  - Ask about the mother's pace.  [2026-03-03]"),
        "{prep}"
    );
    let prep = s.ok_json(&["prepare", "--for", "Robin Hale", "--json"]);
    assert_eq!(prep["my_notes"][0]["text"], "Ask about the mother's pace.");
    s.fails(
        &["note", "add", "--about", "Nobody Here", "--json", "-"],
        "--about",
    );
    let empty = s.file("empty.json");
    std::fs::write(&empty, r#"{"text":"  "}"#).unwrap();
    s.fails(
        &["note", "add", "--about", "Robin Hale", "--json", &empty],
        "note: is empty",
    );
    // A reply carries comments, never notes: the practitioner receives only the comment.
    let shared = s.ok_json(&["shared", "list", "--json"]);
    let shared_id = shared[0]["id"].as_str().unwrap().to_owned();
    s.ok(&["comment", &shared_id[..6], "Slow is fine."]);
    let reply = s.file("reply.attune-share");
    s.ok(&["reply", "--to", "Robin Hale", "--out", &reply]);
    let got = deliver(&reply, &p);
    assert!(
        got.contains("Received from Lucía Pérez: 1 comment."),
        "{got}"
    );
    let shown = p.ok(&["entry", "show", &rid]);
    assert!(
        !shown.contains("hurry her too") && !shown.contains("mother's pace"),
        "{shown}"
    );
    s.ok(&["note", "delete", &id[..6]]);
    assert_eq!(
        s.ok_json(&["note", "list", "--about", "Robin Hale", "--json"]),
        serde_json::json!([])
    );
}

/// A practitioner logs the supervisor as "Dr. L. Pérez": nothing to sign until she says
/// that spelling is hers (`identity spellings`); then the attestation carries it, names
/// the practitioner, and the practitioner's log shows her own name on the session.
#[test]
fn sessions_under_another_spelling_are_signed_once_the_supervisor_names_it() {
    let (p, s) = pair();
    hours(&p, "2026-01-12", "60", "Dr.  L. Pérez");
    share_january(&p, &s);
    let out = s.file("spelled.attune-attest");
    let attest = ["attest", "--for", "Robin Hale", "--out", out.as_str()];
    s.fails(&attest, "they name: Dr. L. Pérez");

    let listed = s.ok(&["identity", "spellings"]);
    assert!(listed.contains("no other spelling"), "{listed}");
    let kept = s.ok(&["identity", "spellings", "Dr. L. Pérez", "L. P."]);
    assert!(kept.contains("  Dr. L. Pérez\n  L. P.\n"), "{kept}");
    assert_eq!(s.ok(&["identity", "spellings"]), kept, "kept in the vault");
    s.fails(&["identity", "spellings", "L\u{200B}P"], "spelling 1");

    s.ok(&attest);
    let v = attune(&["verify", &out], "", None);
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert!(
        v.stdout.contains("signed for:     Robin Hale ["),
        "{}",
        v.stdout
    );
    let received = deliver(&out, &p);
    assert!(received.contains('1'), "{received}");
    // Logged as "Dr. L. Pérez", shown as attested by her own name.
    let list = p.ok_json(&["hours", "list", "--json"]);
    let session = &list.as_array().unwrap()[0];
    assert_eq!(session["provider"], "Dr. L. Pérez", "{session}");
    assert_eq!(session["verified"], true, "{session}");
    assert_eq!(session["attested_by"], "Lucía Pérez", "{session}");

    let cleared = s.ok(&["identity", "spellings", "--clear"]);
    assert!(cleared.contains("no other spelling"), "{cleared}");
}
