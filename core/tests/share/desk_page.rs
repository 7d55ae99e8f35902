//! One supervisee's page on the supervisor's desk (issue 20): private notes never sent, the
//! list for the next supervision, comments changed until they are sent, and search over
//! what they shared.

use attune_core::desk::NoteDraft;
use attune_core::share::SharedMark;

use super::desk::{row, share_all_with};
use super::*;

#[test]
fn private_notes_are_kept_and_never_in_a_bundle() {
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all(&mut p, &rid))
        .unwrap();
    let robin = s.vault.desk_mut().about("Robin Hale").unwrap();
    let today = attune_core::journal::today();
    let draft = NoteDraft::from_json(
        r#"{"in_me": "I wanted to rescue NOTECANARY1.",
            "parallel_process": "My hurry mirrors hers with the mother: NOTECANARY2.",
            "next_time": "Slow down: NOTECANARY3."}"#,
        robin,
        today,
    )
    .unwrap();
    assert_eq!(draft.date, today);
    let note = s.vault.desk_mut().add_note(draft).unwrap();
    assert_eq!(row(&s, "Robin Hale").notes, 1);
    // Empty, unknown fields and dates ahead are refused, naming the field.
    for (json, field) in [
        (r#"{"text": "  "}"#, "note"),
        (r#"{"feelings": "x"}"#, "note"),
        (r#"{"text": "x", "date": "2999-01-01"}"#, "date"),
    ] {
        match NoteDraft::from_json(json, robin, today) {
            Err(attune_core::Error::InvalidInput { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{json}: {other:?}"),
        }
    }
    // The supervisor's comment reply, and a share of her own, carry none of it.
    let shared_id = s.vault.sharing().shared_reflections()[0].id.clone();
    s.vault
        .sharing_mut()
        .add_comment(&shared_id, "What did the hurry feel like?")
        .unwrap();
    let (reply, _) = s
        .vault
        .sharing_mut()
        .create_reply("Robin Hale", true)
        .unwrap();
    let own = s
        .vault
        .journal_mut()
        .add(draft_of(
            "My own supervision",
            "Holding three supervisees in mind.",
        ))
        .unwrap();
    let (share, _) = s
        .vault
        .sharing_mut()
        .create_share(&ShareRequest {
            to: "Robin Hale".into(),
            entries: vec![ShareEntry {
                id: own.id.clone(),
                sections: Vec::new(),
            }],
            hours: None,
        })
        .unwrap();
    for bundle in [&reply, &share] {
        let plain = String::from_utf8(p.age_open(bundle)).unwrap();
        assert!(
            !plain.contains("NOTECANARY"),
            "a private note travelled: {plain}"
        );
        assert!(!plain.contains("rescue"), "{plain}");
    }
    // Kept sealed across a lock (no word of it readable in the vault's folder); deleted with
    // its key.
    let mut s = s.relock();
    for (path, bytes) in snapshot(s.dir.path()) {
        assert!(
            !bytes.windows(10).any(|w| w == b"NOTECANARY"),
            "{} holds a note in the clear",
            path.display()
        );
    }
    let notes = s.vault.desk().notes_about(robin);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].content.next_time, "Slow down: NOTECANARY3.");
    assert!(s.vault.desk().resolve_note(&note.id[..6]).is_ok());
    s.vault.desk_mut().delete_note(&note.id).unwrap();
    let s = s.relock();
    assert!(s.vault.desk().notes().is_empty());
    assert_eq!(row(&s, "Robin Hale").notes, 0);
}

#[test]
fn preparing_the_next_supervision_gathers_what_to_bring() {
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all_with(&mut p, &rid, 3))
        .unwrap();
    let robin = s.vault.desk_mut().about("Robin Hale").unwrap();
    let today = attune_core::journal::today();
    s.vault
        .desk_mut()
        .add_note(
            NoteDraft::from_json(r#"{"next_time":"Ask about her own pace."}"#, robin, today)
                .unwrap(),
        )
        .unwrap();
    s.vault
        .desk_mut()
        .add_note(NoteDraft::from_json(r#"{"in_me":"Tired."}"#, robin, today).unwrap())
        .unwrap();
    let prep = attune_core::desk::prepare(s.vault.sharing(), s.vault.desk(), "Robin Hale").unwrap();
    assert_eq!(prep.name, "Robin Hale");
    let texts = |items: &[attune_core::desk::PrepItem]| -> Vec<String> {
        items.iter().map(|i| i.text.clone()).collect()
    };
    assert_eq!(texts(&prep.to_bring), vec!["Why did I hurry?"]);
    assert_eq!(prep.to_bring[0].title, "Bath time");
    assert_eq!(texts(&prep.unanswered), vec!["Bath time"]);
    assert_eq!(texts(&prep.my_notes), vec!["Ask about her own pace."]);
    assert_eq!(prep.unsent_comments, 0);
    // Answered: off the unanswered list, and the comment is owed. Archived: off both.
    let shared_id = s.vault.sharing().shared_reflections()[0].id.clone();
    s.vault
        .sharing_mut()
        .add_comment(&shared_id, "Let us look at the hurry.")
        .unwrap();
    let prep = attune_core::desk::prepare(s.vault.sharing(), s.vault.desk(), "Robin Hale").unwrap();
    assert!(prep.unanswered.is_empty());
    assert_eq!(prep.unsent_comments, 1);
    s.vault
        .sharing_mut()
        .mark_shared(&shared_id, SharedMark::Archived)
        .unwrap();
    let prep = attune_core::desk::prepare(s.vault.sharing(), s.vault.desk(), "Robin Hale").unwrap();
    assert!(prep.to_bring.is_empty());
}

#[test]
fn comments_are_edited_or_deleted_until_they_are_sent() {
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all(&mut p, &rid))
        .unwrap();
    let shared_id = s.vault.sharing().shared_reflections()[0].id.clone();
    let first = s
        .vault
        .sharing_mut()
        .add_comment(&shared_id, "First thought.")
        .unwrap();
    let second = s
        .vault
        .sharing_mut()
        .add_comment(&shared_id, "A second one, too hasty.")
        .unwrap();
    let edited = s
        .vault
        .sharing_mut()
        .edit_comment(&first.id[..6], "  What did the hurry feel like?  ")
        .unwrap();
    assert_eq!(edited.text, "What did the hurry feel like?");
    assert_eq!(edited.comment_id, first.comment_id, "the same comment");
    s.vault.sharing_mut().delete_comment(&second.id).unwrap();
    let mut s = s.relock();
    assert_eq!(row(&s, "Robin Hale").unsent, 1);
    let (reply, ids) = s
        .vault
        .sharing_mut()
        .create_reply("Robin Hale", false)
        .unwrap();
    assert_eq!(ids, vec![first.id.clone()]);
    s.vault.sharing_mut().mark_comments_sent(&ids).unwrap();
    // Sent: it can no longer change.
    for e in [
        s.vault
            .sharing_mut()
            .edit_comment(&first.id, "Changed after")
            .unwrap_err(),
        s.vault.sharing_mut().delete_comment(&first.id).unwrap_err(),
    ] {
        assert!(e.to_string().contains("sent already"), "{e}");
    }
    p.vault.sharing_mut().receive(&reply).unwrap();
    let got: Vec<String> = p
        .vault
        .sharing()
        .comments_on_mine(&rid)
        .iter()
        .map(|c| c.text.clone())
        .collect();
    assert_eq!(got, vec!["What did the hurry feel like?"]);
    // Comments received are not the receiver's to change.
    let theirs = p.vault.sharing().comments_on_mine(&rid)[0].id.clone();
    let e = p
        .vault
        .sharing_mut()
        .edit_comment(&theirs, "x")
        .unwrap_err();
    assert!(e.to_string().contains("not yours"), "{e}");
}

#[test]
fn search_covers_what_others_shared() {
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all(&mut p, &rid))
        .unwrap();
    let titles = |q: &str| -> Vec<String> {
        s.vault
            .sharing()
            .search_shared(q)
            .iter()
            .map(|r| r.reflection.title.clone())
            .collect()
    };
    // Title, family and the sections shared; case and accents ignored; word starts.
    assert_eq!(titles("BATH rush"), vec!["Bath time"]);
    assert_eq!(titles("rowan mother"), vec!["Bath time"]);
    assert!(
        titles("hurry").is_empty(),
        "a section not shared is not searched"
    );
    assert!(titles("ath").is_empty(), "words match from their start");
    assert!(titles("  ").is_empty());
}

fn draft_of(title: &str, body: &str) -> attune_core::ReflectionDraft {
    let mut d = draft(title, body);
    d.kind = attune_core::ReflectionKind::Supervision;
    d.family = String::new();
    d
}

#[test]
fn the_page_the_window_shows_of_one_supervisee() {
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all(&mut p, &rid))
        .unwrap();
    let fp = row(&s, "Robin Hale").fingerprint;
    let page = attune_core::views::supervisee_page(&s.vault, &fp).unwrap();
    assert_eq!(page.name, "Robin Hale");
    assert!(page.verified);
    assert_eq!(page.reflections.len(), 1);
    assert!(page.reflections[0].new, "new until opened");
    assert_eq!(page.reflections[0].reflection.title, "Bath time");
    // The sessions, oldest first, each with whether it names me and whether it is signed.
    assert_eq!(page.sessions.len(), 3);
    assert_eq!(
        page.sessions.iter().filter(|x| x.can_sign()).count(),
        2,
        "the two naming Lucía (however spelt by case and spaces)"
    );
    assert!(page.unsent.is_empty() && page.notes.is_empty() && page.issued.is_empty());

    // My comment not sent yet shows at the top, with the reflection it is on.
    let shared_id = page.reflections[0].shared_id.clone();
    s.vault
        .sharing_mut()
        .add_comment(&shared_id, "What did her face tell you?")
        .unwrap();
    s.vault
        .sharing_mut()
        .mark_shared(&shared_id, SharedMark::Seen)
        .unwrap();
    let page = attune_core::views::supervisee_page(&s.vault, &fp).unwrap();
    assert!(!page.reflections[0].new);
    assert_eq!(page.unsent.len(), 1);
    assert_eq!(
        page.unsent[0].shared_id.as_deref(),
        Some(shared_id.as_str())
    );
    assert_eq!(page.unsent[0].title, "Bath time");
    assert_eq!(page.reflections[0].comments.len(), 1);

    // Search finds this person's reflections only; an unknown person has no page.
    assert_eq!(
        attune_core::views::search_supervisee(&s.vault, &fp, "bath"),
        [shared_id]
    );
    assert!(attune_core::views::search_supervisee(&s.vault, "AAAA BBBB", "bath").is_empty());
    assert!(attune_core::views::supervisee_page(&s.vault, "AAAA BBBB").is_err());
}
