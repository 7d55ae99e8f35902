//! Identity, contacts, share bundles, what others shared, comments and attestations.

use serde_json::{json, Value};
use std::path::Path;
use tauri::test::MockRuntime;
use tauri::WebviewWindow;

use crate::{app, code, created, invoke, session, window, PASSPHRASE};

/// The supervisor's vault, made with core beside the app's: her card as text.
fn supervisor(dir: &Path) -> String {
    let options = attune_core::CreateOptions {
        name: Some("Ana Ruiz".into()),
        role: attune_core::Role::Supervisor,
        ..Default::default()
    };
    let (mut vault, _) = attune_core::Vault::create(dir, PASSPHRASE, &options).unwrap();
    let card = vault.sharing_mut().my_card().unwrap().to_text();
    vault.lock().unwrap();
    card
}

#[test]
fn sharing_through_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let (p_dir, s_dir) = (
        tmp.path().join("practitioner"),
        tmp.path().join("supervisor"),
    );
    let s_card = supervisor(&s_dir);
    let p_app = app(&p_dir);
    let main = window(&p_app, "main");
    assert_eq!(code(invoke(&main, "my_identity", json!({}))), "locked");
    created(&main);

    // No name yet: a fingerprint but no card to give; a name makes the card.
    let me = invoke(&main, "my_identity", json!({})).unwrap();
    assert_eq!(me["name"], "");
    assert_eq!(me["card"], "");
    assert_eq!(me["role"], "practitioner");
    let fingerprint = me["fingerprint"].as_str().unwrap().to_owned();
    assert_eq!(fingerprint.split(' ').count(), 8, "{fingerprint}");
    let error = invoke(&main, "set_my_name", json!({"name": "   "})).unwrap_err();
    assert_eq!(error["code"], "invalid_input");
    assert!(error["message"].as_str().unwrap().starts_with("name:"));
    let me = invoke(&main, "set_my_name", json!({"name": "Sam Lee"})).unwrap();
    assert_eq!(me["name"], "Sam Lee");
    assert_eq!(me["fingerprint"], fingerprint.as_str());
    let my_card = me["card"].as_str().unwrap().to_owned();
    assert!(my_card.contains("BEGIN ATTUNE CONTACT CARD"), "{my_card}");
    assert_eq!(me["provider_spellings"], json!([]));

    // Other spellings of my name on sessions I sign: kept cleaned, my own name dropped; a
    // bad one is refused on its field and nothing changes.
    let me = invoke(
        &main,
        "set_provider_spellings",
        json!({"spellings": ["  S.  Lee ", "", "sam lee", "Dr. Sam Lee"]}),
    )
    .unwrap();
    assert_eq!(me["provider_spellings"], json!(["S. Lee", "Dr. Sam Lee"]));
    let error = invoke(
        &main,
        "set_provider_spellings",
        json!({"spellings": ["S\u{202E}L"]}),
    )
    .unwrap_err();
    assert_eq!(error["code"], "invalid_input");
    assert_eq!(error["field"], "spellings", "{error}");
    let me = invoke(&main, "my_identity", json!({})).unwrap();
    assert_eq!(me["provider_spellings"], json!(["S. Lee", "Dr. Sam Lee"]));

    // Her card, pasted with the e-mail around it: a contact, not verified yet.
    let pasted = format!("Hi Sam, here is my card:\n\n{s_card}\n\nBest, Ana");
    let added = invoke(&main, "add_contact", json!({"text": pasted})).unwrap();
    assert_eq!(added["new"], true);
    assert_eq!(added["contact"]["name"], "Ana Ruiz");
    assert_eq!(added["contact"]["role"], "supervisor");
    assert_eq!(added["contact"]["verified"], false);
    let ana = added["contact"]["fingerprint"].as_str().unwrap().to_owned();
    let again = invoke(&main, "add_contact", json!({"text": s_card})).unwrap();
    assert_eq!(again["new"], false);
    // My own card, and text that is no card, are refused with what is wrong.
    let own = invoke(&main, "add_contact", json!({"text": my_card})).unwrap_err();
    assert!(
        own["message"].as_str().unwrap().contains("your own card"),
        "{own}"
    );
    let junk = invoke(&main, "add_contact", json!({"text": "hello"})).unwrap_err();
    assert_eq!(junk["code"], "share_damaged", "{junk}");
    let contacts = invoke(&main, "list_contacts", json!({})).unwrap();
    assert_eq!(contacts.as_array().unwrap().len(), 1);

    // Something to share: a reflection and two sessions with her.
    let r = invoke(
        &main,
        "save_reflection",
        json!({"request": {"draft": {
            "kind": "home_visit", "date": "2026-03-02", "title": "Bath time", "family": "Rowan",
            "tags": [], "parent_infant": "She held him close.",
            "practitioner_parent": "Call me on 555-867-5309.", "supervisor_practitioner": "",
            "self": "Tired.", "for_supervision": ""
        }}}),
    )
    .unwrap();
    let rid = r["id"].as_str().unwrap().to_owned();
    for (date, minutes) in [("2026-03-03", 60), ("2026-03-17", 90)] {
        invoke(
            &main,
            "save_session",
            json!({"request": {"draft": session(date, minutes, "individual", "Ana Ruiz")}}),
        )
        .unwrap();
    }
    let selection = |sections: Value, hours: Value| {
        json!({"selection": {
            "fingerprint": ana, "entries": [{"id": rid, "sections": sections}], "hours": hours
        }})
    };
    let march = json!({"from": "2026-03-01", "to": "2026-03-31"});

    // Not before her fingerprint is confirmed.
    let unverified = invoke(&main, "preview_share", selection(json!([]), Value::Null));
    let unverified = unverified.unwrap_err();
    assert!(
        unverified["message"]
            .as_str()
            .unwrap()
            .contains("not verified"),
        "{unverified}"
    );
    let verified = invoke(&main, "verify_contact", json!({"fingerprint": ana})).unwrap();
    assert_eq!(verified["verified"], true);

    // The preview holds exactly the chosen sections and the period's sessions.
    let preview = invoke(
        &main,
        "preview_share",
        selection(
            json!(["parent_infant", "practitioner_parent"]),
            march.clone(),
        ),
    )
    .unwrap();
    assert_eq!(preview["to"], "Ana Ruiz");
    assert_eq!(preview["short_fingerprint"], &ana[..9]);
    let sections = &preview["reflections"][0]["sections"];
    assert_eq!(sections.as_array().unwrap().len(), 2, "{sections}");
    assert_eq!(sections[0]["section"], "parent_infant");
    assert_eq!(sections[0]["heading"], "Parent and infant");
    assert_eq!(sections[1]["text"], "Call me on 555-867-5309.");
    // Core's de-identification check of what would leave, offsets into the section's text.
    assert_eq!(
        preview["findings"],
        json!([{
            "reflection_id": rid, "reflection": "Bath time", "section": "practitioner_parent",
            "where": "You and the parent", "kind": "phone", "start": 11, "end": 23,
            "text": "555-867-5309", "key": "5558675309", "date": null
        }])
    );
    assert!(!preview.to_string().contains("Tired."));
    assert_eq!(preview["hours"]["minutes"], 150);
    assert_eq!(preview["hours"]["sessions"].as_array().unwrap().len(), 2);
    assert!(preview["hours"]["sessions"][0].get("note").is_none());
    // Every section: only those with text.
    let all = invoke(&main, "preview_share", selection(json!([]), Value::Null)).unwrap();
    assert_eq!(
        all["reflections"][0]["sections"].as_array().unwrap().len(),
        3
    );
    // Bad selections say what is wrong.
    for (bad, words) in [
        (
            selection(json!(["for_supervision"]), Value::Null),
            "no text in the sections chosen",
        ),
        (
            selection(json!([]), json!({"from": "2026-03-31", "to": "2026-03-01"})),
            "ends",
        ),
        (
            json!({"selection": {"fingerprint": ana, "entries": [], "hours": null}}),
            "nothing to share",
        ),
        (
            json!({"selection": {"fingerprint": "nobody", "entries": [{"id": rid, "sections": []}], "hours": null}}),
            "no contact",
        ),
    ] {
        let e = invoke(&main, "preview_share", bad).unwrap_err();
        assert!(
            e["message"].as_str().unwrap().contains(words),
            "{words}: {e}"
        );
    }
    let unknown = invoke(
        &main,
        "preview_share",
        selection(json!(["nonsense"]), Value::Null),
    )
    .unwrap_err();
    assert!(unknown.to_string().contains("unknown variant"), "{unknown}");
    assert!(invoke(&main, "reflection_comments", json!({"id": rid}))
        .unwrap()
        .as_array()
        .unwrap()
        .is_empty());

    // The bundle itself (the window saves it through a dialog; here core makes it) goes to
    // the supervisor, whose window lists it under my name and takes her comment.
    invoke(&main, "lock_vault", json!({})).unwrap();
    let mut p =
        attune_core::Vault::unlock(&p_dir, attune_core::Unlock::Passphrase(PASSPHRASE)).unwrap();
    let request: attune_core::share::ShareRequest = serde_json::from_value(json!({
        "to": {"fingerprint": ana}, "entries": [{"id": rid, "sections": ["parent_infant"]}], "hours": march
    }))
    .unwrap();
    let (bundle, _) = p.sharing_mut().create_share(&request).unwrap();
    p.lock().unwrap();

    let s_app = app(&s_dir);
    let s_main = window(&s_app, "main");
    let unlock = |w: &WebviewWindow<MockRuntime>| {
        invoke(
            w,
            "unlock_vault",
            json!({"request": {"method": "passphrase", "secret": PASSPHRASE}}),
        )
        .unwrap();
    };
    // Receiving goes through a dialog in the window; here core receives while the window
    // is locked, as another process would.
    let receive_in = |dir: &Path, bytes: &[u8]| {
        let mut v =
            attune_core::Vault::unlock(dir, attune_core::Unlock::Passphrase(PASSPHRASE)).unwrap();
        let got = v.sharing_mut().receive(bytes);
        v.lock().unwrap();
        got
    };
    unlock(&s_main);
    invoke(&s_main, "add_contact", json!({"text": my_card})).unwrap();
    invoke(&s_main, "lock_vault", json!({})).unwrap();
    // From a contact not verified yet, the bundle is refused with its own code.
    let refused = receive_in(&s_dir, &bundle).unwrap_err();
    assert_eq!(
        refused.code(),
        attune_core::ErrorCode::ShareSenderUnverified
    );
    unlock(&s_main);
    invoke(
        &s_main,
        "verify_contact",
        json!({"fingerprint": fingerprint}),
    )
    .unwrap();
    invoke(&s_main, "lock_vault", json!({})).unwrap();
    receive_in(&s_dir, &bundle).unwrap();
    unlock(&s_main);

    let shared = invoke(&s_main, "shared_with_me", json!({})).unwrap();
    let people = shared.as_array().unwrap();
    assert_eq!(people.len(), 1);
    let sam = &people[0];
    assert_eq!(sam["name"], "Sam Lee");
    assert_eq!(sam["fingerprint"], fingerprint.as_str());
    assert_eq!(sam["verified"], true);
    assert_eq!(sam["unsent_comments"], 0);
    let shared_reflection = &sam["reflections"][0];
    assert_eq!(shared_reflection["reflection"]["title"], "Bath time");
    assert_eq!(
        shared_reflection["reflection"]["sections"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(sam["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(sam["sessions"][0]["names_me"], true);
    assert_eq!(sam["sessions"][0]["date"], "2026-03-03");
    let shared_id = shared_reflection["shared_id"].as_str().unwrap().to_owned();
    let comment = |text: &str| {
        invoke(
            &s_main,
            "add_comment",
            json!({"request": {"shared_id": shared_id, "text": text}}),
        )
    };
    assert!(comment("  ").unwrap_err()["message"]
        .as_str()
        .unwrap()
        .starts_with("comment:"));
    let written = comment("What did holding him stir in you?").unwrap();
    assert_eq!(written["author"], "Ana Ruiz");
    assert_eq!(written["sent"], false);
    let shared = invoke(&s_main, "shared_with_me", json!({})).unwrap();
    assert_eq!(shared[0]["unsent_comments"], 1);
    assert_eq!(
        shared[0]["reflections"][0]["comments"][0]["text"],
        "What did holding him stir in you?"
    );

    // Her reply (saved through a dialog in the window) reaches the practitioner, whose
    // window shows the comment beside the reflection.
    invoke(&s_main, "lock_vault", json!({})).unwrap();
    let mut s =
        attune_core::Vault::unlock(&s_dir, attune_core::Unlock::Passphrase(PASSPHRASE)).unwrap();
    let (reply, _) = s.sharing_mut().create_reply(&fingerprint, false).unwrap();
    s.lock().unwrap();
    receive_in(&p_dir, &reply).unwrap();
    unlock(&main);
    let comments = invoke(&main, "reflection_comments", json!({"id": rid})).unwrap();
    assert_eq!(comments[0]["author"], "Ana Ruiz");
    assert_eq!(comments[0]["text"], "What did holding him stir in you?");

    invoke(&main, "lock_vault", json!({})).unwrap();
    for cmd in ["list_contacts", "shared_with_me", "my_identity"] {
        assert_eq!(code(invoke(&main, cmd, json!({}))), "locked", "{cmd}");
    }
}

/// Issue 14 (M2, L7): the window names a contact by whole fingerprint, as its own argument,
/// never by a text that could be a name; a card named as a fingerprint, or with hidden
/// characters, is refused; names are shown with the short fingerprint beside them.
#[test]
fn the_window_names_contacts_by_fingerprint_and_no_card_can_pose_as_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (p_dir, s_dir, m_dir) = (
        tmp.path().join("practitioner"),
        tmp.path().join("supervisor"),
        tmp.path().join("mallory"),
    );
    let s_card = supervisor(&s_dir);
    let p_app = app(&p_dir);
    let main = window(&p_app, "main");
    created(&main);
    invoke(&main, "set_my_name", json!({"name": "Sam Lee"})).unwrap();
    let added = invoke(&main, "add_contact", json!({"text": s_card})).unwrap();
    let ana = added["contact"]["fingerprint"].as_str().unwrap().to_owned();
    assert_eq!(added["contact"]["short_fingerprint"], &ana[..9]);

    // Mallory's card, named as Ana's fingerprint (whole and short) or with hidden
    // characters: refused, naming the field.
    let (mut m, _) =
        attune_core::Vault::create(&m_dir, PASSPHRASE, &attune_core::CreateOptions::default())
            .unwrap();
    for name in [
        ana.as_str(),
        &ana[..9],
        "Ana\u{202E}ziuR",
        "Ana\u{200B} Ruiz",
    ] {
        let mut sharing = m.sharing_mut();
        let identity = sharing.identity_for_interop_tests().unwrap();
        let card = attune_core::share::ContactCard::signed_with_any_name_for_tests(
            identity,
            name,
            attune_core::Role::Supervisor,
        )
        .unwrap();
        let e = invoke(&main, "add_contact", json!({"text": card.to_text()})).unwrap_err();
        assert_eq!(e["code"], "invalid_input", "{name:?}: {e}");
        assert_eq!(e["field"], "card name", "{name:?}: {e}");
    }
    m.lock().unwrap();
    let contacts = invoke(&main, "list_contacts", json!({})).unwrap();
    assert_eq!(contacts.as_array().unwrap().len(), 1);

    // Verified and shared with by whole fingerprint only: a prefix or a name is no
    // fingerprint, and the old `to` argument is gone.
    for not_whole in [&ana[..9], "Ana Ruiz"] {
        let e = invoke(&main, "verify_contact", json!({"fingerprint": not_whole})).unwrap_err();
        assert_eq!(e["code"], "not_found", "{not_whole}: {e}");
    }
    invoke(&main, "verify_contact", json!({"fingerprint": ana})).unwrap();
    let r = invoke(
        &main,
        "save_reflection",
        json!({"request": {"draft": {
            "kind": "home_visit", "date": "2026-03-02", "title": "Bath time", "family": "M.",
            "tags": [], "parent_infant": "The baby looked for her face.",
            "practitioner_parent": "", "supervisor_practitioner": "",
            "self": "", "for_supervision": ""
        }}}),
    )
    .unwrap();
    let rid = r["id"].as_str().unwrap().to_owned();
    let entries = json!([{"id": rid, "sections": []}]);
    let preview = invoke(
        &main,
        "preview_share",
        json!({"selection": {"fingerprint": ana, "entries": entries, "hours": null}}),
    )
    .unwrap();
    assert_eq!(preview["to"], "Ana Ruiz");
    assert_eq!(preview["short_fingerprint"], &ana[..9]);
    let by_name = invoke(
        &main,
        "preview_share",
        json!({"selection": {"to": "Ana Ruiz", "entries": entries, "hours": null}}),
    )
    .unwrap_err();
    assert!(by_name.to_string().contains("fingerprint"), "{by_name}");

    // The vault owner's name goes by the same rule.
    for name in ["Sam\u{202E}eeL", &ana[..9]] {
        let e = invoke(&main, "set_my_name", json!({"name": name})).unwrap_err();
        assert_eq!(e["field"], "name", "{name:?}: {e}");
    }
}
