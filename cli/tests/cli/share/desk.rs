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

#[test]
fn an_attestation_of_sessions_already_attested_says_so() {
    let (p, s) = pair();
    hours(&p, "2026-01-12", "60", "Lucía Pérez");
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
    deliver(&bundle, &s);
    let first = s.file("first.attune-attest");
    s.ok(&["attest", "--for", "Robin Hale", "--out", &first]);
    // A second attestation of the same session, as a second device of the supervisor's (or
    // an Attune that kept no record of what it signed) could make.
    let second = s.file("second.attune-attest");
    {
        let mut v =
            attune_core::Vault::unlock(&s.dir, attune_core::Unlock::Passphrase(PASS)).unwrap();
        let (bytes, _) = v
            .sharing_mut()
            .attest("Robin Hale", attune_core::hours::Period::ALL)
            .unwrap();
        v.lock().unwrap();
        std::fs::write(&second, bytes).unwrap();
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
