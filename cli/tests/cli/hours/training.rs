//! Rule sets, training, providers, and help on every hours command.

use super::Vault;
use crate::run::attune;

#[test]
fn rules_training_and_providers() {
    // Rule sets need no vault.
    let r = attune(&["rules", "list"], "", None);
    assert_eq!(r.code, 0, "{}", r.stderr);
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
        assert!(r.stdout.contains(id), "{id} not listed");
    }
    assert!(r.stdout.contains("source: https://"));
    let r = attune(&["rules", "list", "--json"], "", None);
    let sets: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let mentor = sets
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "imh-e/imhm-c")
        .unwrap();
    assert_eq!(mentor["rsc"]["required_minutes"], 3000);
    assert_eq!(mentor["rsc"]["about_rsc_provided_minutes"], 1500);

    let v = Vault::new();
    let id = v.ok(&[
        "training",
        "add",
        "--date",
        "2025-03-01",
        "--minutes",
        "180",
        "--title",
        "Equity in home visiting",
        "--organiser",
        "MI-AIMH",
        "--dei",
    ]);
    assert_eq!(id.trim().len(), 32);
    v.ok(&[
        "training",
        "add",
        "--date",
        "2025-04-01",
        "--minutes",
        "900",
        "--title",
        "Providing RSC",
        "--providing-rsc",
    ]);
    let list = v.ok_json(&["training", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["title"], "Equity in home visiting");
    assert_eq!(list[0]["topic"], "dei");
    assert_eq!(list[1]["topic"], "providing-rsc");
    let table = v.ok(&["training", "list"]);
    assert!(
        table.contains("3:00  Equity in home visiting (MI-AIMH) [dei]"),
        "{table}"
    );
    let s = v.ok_json(&[
        "hours",
        "summary",
        "--rules",
        "renewal/annual",
        "--to",
        "2025-12-31",
        "--format",
        "json",
    ]);
    let t = &s["requirement"]["training"];
    assert_eq!(t["total"]["counted_minutes"], 1080);
    assert_eq!(t["met"], true);
    v.ok(&["training", "delete", id.trim()]);
    assert_eq!(
        v.ok_json(&["training", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Providers: set details that the PDF prints.
    v.ok(&[
        "provider",
        "set",
        "Lucía Pérez",
        "--credential",
        "imhm-c",
        "--endorsement-number",
        "12345",
    ]);
    v.ok(&[
        "hours",
        "add",
        "--date",
        "2025-01-10",
        "--minutes",
        "60",
        "--format",
        "individual",
        "--provider",
        "LUCÍA PÉREZ",
    ]);
    assert_eq!(v.sessions()[0]["credential"], "IMHM-C");
    v.ok(&["provider", "set", "lucía pérez", "--association", "MI-AIMH"]);
    let p = v.ok_json(&["provider", "list", "--json"]);
    let p = p.as_array().unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0]["name"], "Lucía Pérez");
    assert_eq!(p[0]["endorsement_number"], "12345");
    assert_eq!(p[0]["association"], "MI-AIMH");
}

#[test]
fn help_on_every_hours_command() {
    for args in [
        vec!["hours", "--help"],
        vec!["hours", "add", "--help"],
        vec!["hours", "import", "--help"],
        vec!["hours", "list", "--help"],
        vec!["hours", "summary", "--help"],
        vec!["hours", "delete", "--help"],
        vec!["training", "add", "--help"],
        vec!["training", "list", "--help"],
        vec!["training", "delete", "--help"],
        vec!["provider", "list", "--help"],
        vec!["provider", "set", "--help"],
        vec!["rules", "list", "--help"],
    ] {
        let r = attune(&args, "", None);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(r.stdout.contains("Usage:"), "{args:?}: {}", r.stdout);
    }
}
