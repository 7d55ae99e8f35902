//! The supervisor's desk through IPC (issue 20): the unlock says the role, the desk's rows,
//! one person's page, marks, search, comments changed while unsent, private notes, the list
//! for the next supervision, and what signing refuses before any dialog opens.

use std::path::Path;

use attune_core::hours::{Period, SessionDraft, SessionFormat};
use attune_core::share::{ContactRef, Section, ShareEntry, ShareRequest};
use attune_core::{CreateOptions, KdfParams, ReflectionDraft, Role, Unlock, Vault};
use serde_json::json;

use crate::{app, code, invoke, window, PASSPHRASE};

fn vault(dir: &Path, name: &str, role: Role) -> Vault {
    let options = CreateOptions {
        name: Some(name.into()),
        role,
        kdf: KdfParams::MINIMUM,
    };
    Vault::create(dir, PASSPHRASE, &options).unwrap().0
}

/// A supervisor's vault that received a practitioner's reflection and two sessions naming
/// her; returns the practitioner's fingerprint.
fn supervisor_with_a_share(s_dir: &Path, p_dir: &Path) -> String {
    let mut s = vault(s_dir, "Ana Ruiz", Role::Supervisor);
    let mut p = vault(p_dir, "Sam Lee", Role::Practitioner);
    let (s_card, p_card) = (
        s.sharing_mut().my_card().unwrap(),
        p.sharing_mut().my_card().unwrap(),
    );
    let (s_fp, p_fp) = (
        s_card.fingerprint().to_string(),
        p_card.fingerprint().to_string(),
    );
    s.sharing_mut().add_contact(p_card).unwrap();
    s.sharing_mut().verify_contact(&p_fp).unwrap();
    p.sharing_mut().add_contact(s_card).unwrap();
    p.sharing_mut().verify_contact(&s_fp).unwrap();
    let draft: ReflectionDraft = serde_json::from_value(json!({
        "kind": "home_visit", "date": "2026-03-02", "title": "Bath time", "family": "Rowan",
        "tags": [], "parent_infant": "", "practitioner_parent": "",
        "supervisor_practitioner": "", "self": "I felt rushed.",
        "for_supervision": "Staying with her silence"
    }))
    .unwrap();
    let r = p.journal_mut().add(draft).unwrap();
    for day in ["2026-03-03", "2026-03-10"] {
        p.hours_mut()
            .add_session(SessionDraft {
                date: day.parse().unwrap(),
                minutes: 60,
                format: SessionFormat::Individual,
                modality: None,
                provider: "Ana Ruiz".into(),
                credential: None,
                facilitated: None,
                age_focus: None,
                about_rsc_provided: false,
                note: String::new(),
                reflections: Vec::new(),
            })
            .unwrap();
    }
    let (bundle, _) = p
        .sharing_mut()
        .create_share(&ShareRequest {
            to: ContactRef::Fingerprint(s_fp),
            entries: vec![ShareEntry {
                id: r.id,
                sections: vec![Section::SelfReflection, Section::ForSupervision],
            }],
            hours: Some(Period {
                from: Some("2026-03-01".parse().unwrap()),
                to: Some("2026-03-31".parse().unwrap()),
            }),
        })
        .unwrap();
    p.lock().unwrap();
    s.sharing_mut().receive(&bundle).unwrap();
    s.lock().unwrap();
    p_fp
}

#[test]
fn the_desk_through_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let s_dir = tmp.path().join("ana");
    let sam = supervisor_with_a_share(&s_dir, &tmp.path().join("sam"));
    let s_app = app(&s_dir);
    let main = window(&s_app, "main");
    let opened = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"method": "passphrase", "secret": PASSPHRASE}}),
    )
    .unwrap();
    assert_eq!(opened["role"], "supervisor");
    assert_eq!(opened["supervises"], true);

    let row =
        |field: &str| invoke(&main, "supervisees", json!({})).unwrap()["rows"][0][field].clone();
    let desk = invoke(&main, "supervisees", json!({})).unwrap();
    assert_eq!(desk["role"], "supervisor");
    assert_eq!(desk["rows"].as_array().unwrap().len(), 1);
    assert_eq!(row("name"), "Sam Lee");
    assert_eq!(row("new"), 1);
    assert_eq!(row("unanswered"), 1);
    assert_eq!(row("unsigned_sessions"), 2);

    let page = || invoke(&main, "supervisee_page", json!({"fingerprint": sam})).unwrap();
    assert_eq!(
        code(invoke(
            &main,
            "supervisee_page",
            json!({"fingerprint": "AAAA BBBB"})
        )),
        "not_found"
    );
    let first = page();
    assert_eq!(first["name"], "Sam Lee");
    assert_eq!(first["reflections"][0]["new"], true);
    assert_eq!(first["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(first["sessions"][0]["signed"]["status"], "unsigned");
    assert_eq!(first["sessions"][0]["names_me"], true);
    let shared_id = first["reflections"][0]["shared_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Opening it marks it seen.
    let mark = |how: &str| {
        invoke(
            &main,
            "mark_shared",
            json!({"request": {"shared_id": shared_id, "mark": how}}),
        )
    };
    mark("seen").unwrap();
    assert_eq!(page()["reflections"][0]["new"], false);
    assert_eq!(row("new"), 0);
    assert!(mark("read").is_err(), "an unknown mark is refused");

    let search = |q: &str| {
        invoke(
            &main,
            "search_supervisee",
            json!({"fingerprint": sam, "query": q}),
        )
        .unwrap()
    };
    assert_eq!(search("silen"), json!([shared_id]));
    assert_eq!(search("zebra"), json!([]));

    // A comment changed and deleted while unsent; it shows at the top of the page.
    let written = invoke(
        &main,
        "add_comment",
        json!({"request": {"shared_id": shared_id, "text": "What did you notice?"}}),
    )
    .unwrap();
    let cid = written["id"].as_str().unwrap().to_owned();
    let edited = invoke(
        &main,
        "edit_comment",
        json!({"request": {"id": cid, "text": "What did you notice in you?"}}),
    )
    .unwrap();
    assert_eq!(edited["text"], "What did you notice in you?");
    let unsent = page()["unsent"].clone();
    assert_eq!(unsent[0]["comment"]["text"], "What did you notice in you?");
    assert_eq!(unsent[0]["title"], "Bath time");
    assert_eq!(row("unsent"), 1);
    assert_eq!(row("unanswered"), 0);
    invoke(&main, "delete_comment", json!({"id": cid})).unwrap();
    assert_eq!(page()["unsent"], json!([]));
    assert_eq!(
        code(invoke(&main, "delete_comment", json!({"id": cid}))),
        "not_found"
    );

    // A private note, and the list for the next supervision.
    let empty = invoke(
        &main,
        "add_supervisee_note",
        json!({"request": {"fingerprint": sam}}),
    )
    .unwrap_err();
    assert_eq!(empty["code"], "invalid_input");
    assert_eq!(empty["field"], "note");
    let note = invoke(
        &main,
        "add_supervisee_note",
        json!({"request": {"fingerprint": sam, "date": "2026-03-11",
               "in_me": "Hurried.", "next_time": "Ask about the silence"}}),
    )
    .unwrap();
    assert_eq!(page()["notes"][0]["next_time"], "Ask about the silence");
    let prep = invoke(&main, "prepare_supervision", json!({"fingerprint": sam})).unwrap();
    assert_eq!(prep["to_bring"][0]["text"], "Staying with her silence");
    assert_eq!(prep["my_notes"][0]["text"], "Ask about the silence");
    assert_eq!(prep["unanswered"].as_array().unwrap().len(), 1);
    invoke(&main, "delete_supervisee_note", json!({"id": note["id"]})).unwrap();
    assert_eq!(page()["notes"], json!([]));

    // Discussed: no longer unanswered.
    mark("discussed").unwrap();
    assert_eq!(row("unanswered"), 0);

    // Signing refuses nothing ticked, and an unknown session, before any dialog.
    let sign = |ids: serde_json::Value| {
        invoke(
            &main,
            "sign_sessions",
            json!({"request": {"practitioner_fingerprint": sam, "shared_ids": ids}}),
        )
        .unwrap_err()
    };
    assert_eq!(sign(json!([]))["field"], "sessions");
    assert_eq!(sign(json!(["ffffffff"]))["code"], "not_found");
    assert_eq!(
        code(invoke(
            &main,
            "save_issued_attestation",
            json!({"id": "ffffffff"})
        )),
        "not_found"
    );

    invoke(&main, "lock_vault", json!({})).unwrap();
    assert_eq!(code(invoke(&main, "supervisees", json!({}))), "locked");
    for (cmd, args) in [
        ("supervisee_page", json!({"fingerprint": sam})),
        ("prepare_supervision", json!({"fingerprint": sam})),
        (
            "search_supervisee",
            json!({"fingerprint": sam, "query": "bath"}),
        ),
        ("delete_supervisee_note", json!({"id": "ffffffff"})),
        ("delete_comment", json!({"id": "ffffffff"})),
    ] {
        assert_eq!(code(invoke(&main, cmd, args)), "locked", "{cmd}");
    }
    drop(s_app);
    // Nothing of the desk's was lost on the way.
    let v = Vault::unlock(&s_dir, Unlock::Passphrase(PASSPHRASE)).unwrap();
    assert!(v.sharing().shared_reflections()[0].discussed);
    v.lock().unwrap();
}
