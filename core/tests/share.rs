//! Sharing between two real vaults: cards, bundles, comments, attestations, and every kind
//! of bad input refused with a clear message and nothing imported.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
/// The supervisor's desk: what is new, owed and unsigned, per supervisee (issue 20).
#[path = "share/desk.rs"]
mod desk;
/// One supervisee's page: notes, the next supervision, comments, search (issue 20).
#[path = "share/desk_page.rs"]
mod desk_page;
/// Contacts that try to pass for someone else.
#[path = "share/impersonation.rs"]
mod impersonation;
/// The refusals, each a story of its own.
#[path = "share/refusals.rs"]
mod refusals;
/// Sessions logged under another spelling of the supervisor's name (issue 20).
#[path = "share/spellings.rs"]
mod spellings;

use std::path::Path;
use std::str::FromStr;

use attune_core::hours::{Period, SessionDraft, SessionFormat};
use attune_core::share::bundle::sign_manifest;
use attune_core::share::{
    AgeHeaderProblem, Attestation, ContactCard, Received, Section, ShareEntry, ShareError,
    ShareRequest,
};
use attune_core::{CreateOptions, ErrorCode, KdfParams, Role, Unlock, Vault};
use chrono::NaiveDate;
use common::{draft, snapshot, PASS};

struct Person {
    dir: tempfile::TempDir,
    vault: Vault,
}

fn person(name: &str, role: Role) -> Person {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = Vault::create(
        dir.path(),
        PASS,
        &CreateOptions {
            name: Some(name.into()),
            role,
            kdf: KdfParams::MINIMUM,
        },
    )
    .unwrap();
    Person { dir, vault }
}

impl Person {
    fn card(&mut self) -> ContactCard {
        let text = self.vault.sharing_mut().my_card().unwrap().to_text();
        ContactCard::parse(text.as_bytes()).unwrap()
    }

    /// Adds `other`'s card, verified when `verify`.
    fn knows(&mut self, other: &mut Person, verify: bool) {
        let card = other.card();
        let added = self.vault.sharing_mut().add_contact(card).unwrap();
        assert!(added.new);
        if verify {
            let fp = added.contact.card.fingerprint().to_string();
            self.vault.sharing_mut().verify_contact(&fp[..9]).unwrap();
        }
    }

    fn relock(self) -> Person {
        let Person { dir, vault } = self;
        vault.lock().unwrap();
        let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
        Person { dir, vault }
    }

    /// Age decrypts `bundle` with this vault's identity (as any age tool would).
    fn age_open(&mut self, bundle: &[u8]) -> Vec<u8> {
        let secret = self
            .vault
            .sharing_mut()
            .identity_for_interop_tests()
            .unwrap()
            .expose_age_secret_for_interop_tests();
        let id = age::x25519::Identity::from_str(&secret).unwrap();
        age::decrypt(&id, bundle).unwrap()
    }

    fn age_recipient(&mut self) -> String {
        self.vault
            .sharing_mut()
            .my_card()
            .unwrap()
            .age_recipient()
            .to_owned()
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn session(date: &str, minutes: u32, provider: &str) -> SessionDraft {
    SessionDraft {
        date: day(date),
        minutes,
        format: SessionFormat::Individual,
        modality: None,
        provider: provider.into(),
        credential: Some("IMHM-C".into()),
        facilitated: None,
        age_focus: None,
        about_rsc_provided: false,
        note: "a private reminder".into(),
        reflections: Vec::new(),
    }
}

fn encrypt(recipient: &str, plain: &[u8]) -> Vec<u8> {
    let r = age::x25519::Recipient::from_str(recipient).unwrap();
    age::encrypt(&r, plain).unwrap()
}

/// A practitioner and a supervisor who know and have verified each other; the
/// practitioner has one reflection and three sessions (two with the supervisor).
fn pair() -> (Person, Person, String) {
    let mut p = person("Robin Hale", Role::Practitioner);
    let mut s = person("Lucía Pérez", Role::Supervisor);
    p.knows(&mut s, true);
    s.knows(&mut p, true);
    let mut d = draft("Bath time", "The baby looked for her mother's face.");
    d.self_ = "I felt rushed.".into();
    d.for_supervision = "Why did I hurry?".into();
    let r = p.vault.journal_mut().add(d).unwrap();
    p.vault
        .hours_mut()
        .add_session(session("2026-01-12", 60, "lucía  pérez"))
        .unwrap();
    p.vault
        .hours_mut()
        .add_session(session("2026-02-09", 90, "Lucía Pérez"))
        .unwrap();
    p.vault
        .hours_mut()
        .add_session(session("2026-02-10", 45, "Sam Other"))
        .unwrap();
    (p, s, r.id)
}

fn share_all(p: &mut Person, id: &str) -> Vec<u8> {
    let req = ShareRequest {
        to: "Lucía Pérez".into(),
        entries: vec![ShareEntry {
            id: id.into(),
            sections: vec![Section::ParentInfant, Section::SelfReflection],
        }],
        hours: Some(Period {
            from: Some(day("2026-01-01")),
            to: Some(day("2026-03-31")),
        }),
    };
    let preview =
        attune_core::share::preview(p.vault.sharing(), p.vault.journal(), p.vault.hours(), &req)
            .unwrap();
    assert_eq!(preview.reflections().len(), 1);
    assert_eq!(preview.sessions().len(), 3);
    let (bytes, out) = p.vault.sharing_mut().create_share(&req).unwrap();
    assert_eq!(out, preview);
    bytes
}

/// The code a refusal whose message mentions `needle` must carry: the window branches on it.
fn code_for(needle: &str) -> ErrorCode {
    match needle {
        "encrypted for someone else" | "forwarded" | "for another practitioner" => {
            ErrorCode::ShareNotForMe
        }
        "is not one of your contacts" => ErrorCode::ShareSenderUnknown,
        "you have not verified" => ErrorCode::ShareSenderUnverified,
        "signature does not match" => ErrorCode::ShareBadSignature,
        "format version 2" => ErrorCode::ShareVersion,
        "replayed" => ErrorCode::ShareReplayed,
        "truncated"
        | "extended"
        | "after its end"
        | "encryption header is not one Attune writes" => ErrorCode::ShareDamaged,
        "was made on" => ErrorCode::ShareStale,
        other => panic!("no code known for a refusal about {other:?}"),
    }
}

/// Receives `bytes` in `who`, expecting a refusal mentioning `needle` (with its code) and
/// no change on disk.
fn refused(who: &mut Person, bytes: &[u8], needle: &str) {
    let before = snapshot(who.dir.path());
    let err = who
        .vault
        .sharing_mut()
        .receive(bytes)
        .expect_err("should be refused");
    assert_eq!(err.code(), code_for(needle), "{needle}: {err}");
    let e = err.to_string();
    assert!(e.contains(needle), "want {needle:?} in {e:?}");
    assert!(
        e.contains("othing was imported") || e.contains("nothing was imported"),
        "{e}"
    );
    assert_eq!(
        before,
        snapshot(who.dir.path()),
        "{needle}: the vault changed"
    );
}

#[test]
fn the_whole_round_trip() {
    let (mut p, mut s, rid) = pair();
    let bundle = share_all(&mut p, &rid);
    let got = s.vault.sharing_mut().receive(&bundle).unwrap();
    assert_eq!(
        got,
        Received::Bundle {
            from: "Robin Hale".into(),
            bundle_id: match &got {
                Received::Bundle { bundle_id, .. } => bundle_id.clone(),
                _ => unreachable!(),
            },
            reflections: 1,
            sessions: 3,
            comments: 0,
            comments_skipped: 0,
            already_received: false,
        }
    );
    // Only the chosen sections travelled; the session note did not.
    let mut s = s.relock();
    // What was received is sealed like everything else: no plaintext on disk.
    for (path, bytes) in snapshot(s.dir.path()) {
        for word in [&b"mother's face"[..], b"Bath time", b"Robin Hale"] {
            assert!(
                !bytes.windows(word.len()).any(|w| w == word),
                "{} holds {:?} in the clear",
                path.display(),
                String::from_utf8_lossy(word)
            );
        }
    }
    let shared = s.vault.sharing().shared_reflections();
    assert_eq!(shared.len(), 1);
    let item = &shared[0].reflection;
    assert_eq!(item.title, "Bath time");
    assert_eq!(
        item.sections.keys().copied().collect::<Vec<_>>(),
        vec![Section::ParentInfant, Section::SelfReflection]
    );
    assert!(!format!("{:?}", s.vault.sharing().shared_sessions()).contains("private reminder"));
    let shared_id = shared[0].id.clone();

    // The supervisor comments and replies; the practitioner sees it beside the reflection.
    s.vault
        .sharing_mut()
        .add_comment(&shared_id[..6], "What did the hurry feel like?")
        .unwrap();
    let (reply, ids) = s
        .vault
        .sharing_mut()
        .create_reply("robin hale", false)
        .unwrap();
    s.vault.sharing_mut().mark_comments_sent(&ids).unwrap();
    assert!(
        s.vault
            .sharing_mut()
            .create_reply("Robin Hale", false)
            .is_err(),
        "nothing new to send"
    );
    let got = p.vault.sharing_mut().receive(&reply).unwrap();
    assert!(
        matches!(got, Received::Bundle { comments: 1, .. }),
        "{got:?}"
    );
    let mut p = p.relock();
    let comments = p.vault.sharing().comments_on_mine(&rid);
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].author_name, "Lucía Pérez");
    // It came back new: marked in the journal list and in what came back, until opened.
    assert!(comments[0].unread, "a comment just received is new");
    assert!(
        s.vault.sharing().comments().iter().all(|c| !c.unread),
        "my own comments are never new to me"
    );
    let back = attune_core::views::comments_back(&p.vault);
    assert_eq!(back.len(), 1, "{back:?}");
    assert_eq!(
        (
            back[0].reflection_id.as_str(),
            back[0].comments,
            back[0].unread
        ),
        (rid.as_str(), 1, 1)
    );
    assert_eq!(back[0].authors, vec!["Lucía Pérez".to_owned()]);
    let unread_in_list = |p: &Person| {
        attune_core::views::journal_page(
            &p.vault,
            &attune_core::views::JournalQuery {
                query: String::new(),
                filter: Default::default(),
                limit: 50,
            },
        )
        .items
        .into_iter()
        .map(|i| (i.id, i.unread_comments))
        .filter(|(_, n)| *n > 0)
        .collect::<Vec<_>>()
    };
    assert_eq!(unread_in_list(&p), vec![(rid.clone(), 1)]);
    assert_eq!(p.vault.sharing_mut().mark_comments_read(&rid).unwrap(), 1);
    let mut p = p.relock();
    assert!(
        !p.vault.sharing().comments_on_mine(&rid)[0].unread,
        "seen is kept"
    );
    assert!(unread_in_list(&p).is_empty());
    assert_eq!(attune_core::views::comments_back(&p.vault)[0].unread, 0);
    assert_eq!(p.vault.sharing_mut().mark_comments_read(&rid).unwrap(), 0);
    // The same reply again: recognised, nothing added.
    let again = p.vault.sharing_mut().receive(&reply).unwrap();
    assert!(matches!(
        again,
        Received::Bundle {
            already_received: true,
            ..
        }
    ));
    assert_eq!(p.vault.sharing().comments_on_mine(&rid).len(), 1);
    assert!(
        !p.vault.sharing().comments_on_mine(&rid)[0].unread,
        "receiving it again does not make it new"
    );

    // The supervisor attests only the sessions she provided.
    let (attest, a) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    assert_eq!(a.sessions.len(), 2);
    assert_eq!(a.totals.minutes, 150);
    let checked = Attestation::verify(&attest).unwrap();
    assert_eq!(checked.supervisor.name(), "Lucía Pérez");
    let got = p.vault.sharing_mut().receive(&attest).unwrap();
    assert!(
        matches!(
            got,
            Received::Attestation {
                sessions: 2,
                matched: 2,
                already_received: false,
                ..
            }
        ),
        "{got:?}"
    );
    let p = p.relock();
    let attested: Vec<(u32, bool)> = p
        .vault
        .hours()
        .sessions()
        .iter()
        .map(|x| {
            (
                x.content.minutes,
                p.vault.hours().attestation(&x.id).is_attested(),
            )
        })
        .collect();
    assert_eq!(attested, vec![(60, true), (90, true), (45, false)]);
    let mut p = p;
    // An edited session is no longer what was signed for.
    let first = p.vault.hours().sessions()[0].clone();
    let mut changed = first.content.clone();
    changed.minutes = 75;
    p.vault
        .hours_mut()
        .update_session(&first.id, changed)
        .unwrap();
    assert!(!p.vault.hours().attestation(&first.id).is_attested());
    // Deleting the reflection deletes the comments on it.
    p.vault.delete_reflection(&rid).unwrap();
    assert!(p.vault.sharing().comments_on_mine(&rid).is_empty());
    assert!(p.vault.sharing().comments().is_empty());
    // The same attestation twice is a no-op.
    assert!(matches!(
        p.vault.sharing_mut().receive(&attest).unwrap(),
        Received::Attestation {
            already_received: true,
            ..
        }
    ));
}

#[test]
fn contacts_resolve_by_name_or_fingerprint_and_own_card_is_refused() {
    let mut p = person("Robin Hale", Role::Practitioner);
    let mut s = person("Lucía Pérez", Role::Supervisor);
    p.knows(&mut s, false);
    let fp = s.card().fingerprint().to_string();
    assert_eq!(
        p.vault
            .sharing()
            .resolve_contact("LUCÍA  pérez")
            .unwrap()
            .card
            .fingerprint()
            .to_string(),
        fp
    );
    assert!(p
        .vault
        .sharing()
        .resolve_contact(fp[..9].to_lowercase())
        .is_ok());
    assert!(p.vault.sharing().resolve_contact("Nobody").is_err());
    let own = p.card();
    assert!(p
        .vault
        .sharing_mut()
        .add_contact(own)
        .unwrap_err()
        .to_string()
        .contains("your own card"));
    // Adding the same card again keeps the verification.
    p.vault.sharing_mut().verify_contact("Lucía Pérez").unwrap();
    let again = p.vault.sharing_mut().add_contact(s.card()).unwrap();
    assert!(!again.new && again.contact.verified);
}

#[test]
fn an_old_vault_gets_an_identity_on_first_use() {
    // The committed v1 fixture predates sharing: it has no identity record.
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v1");
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    let mut v = Vault::unlock(tmp.path(), Unlock::Passphrase("fixture passphrase v1")).unwrap();
    assert!(v.damaged().is_empty());
    // Receiving does not make one: a refused file leaves the old vault exactly as it was.
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all(&mut p, &rid))
        .unwrap();
    let (attest, _) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    let before = snapshot(tmp.path());
    let bundle = share_all(&mut p, &rid);
    for file in [&bundle, &attest] {
        let e = v.sharing_mut().receive(file).unwrap_err().to_string();
        assert!(
            e.contains("someone else") || e.contains("another practitioner"),
            "{e}"
        );
    }
    assert_eq!(before, snapshot(tmp.path()));
    let card = v.sharing_mut().my_card().unwrap();
    assert_eq!(card.name(), "Fixture Practitioner");
    let fp = card.fingerprint();
    v.lock().unwrap();
    let mut v = Vault::unlock(tmp.path(), Unlock::Passphrase("fixture passphrase v1")).unwrap();
    assert_eq!(
        v.sharing_mut().my_fingerprint().unwrap(),
        fp,
        "the identity is kept"
    );
}

#[test]
fn a_signature_counts_only_for_sessions_the_signer_provided() {
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all(&mut p, &rid))
        .unwrap();
    let (attest, _) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    // A supervisor's software that also signs the session given by Sam Other: verified
    // signer, valid signature, but that session is not hers to attest. In format 2 it
    // claims the session was logged under her name (it was not); in format 1 the provider
    // is her card's name.
    let sam = p.vault.hours().sessions()[2].clone();
    assert_eq!(sam.content.provider, "Sam Other");
    let text = String::from_utf8(attest).unwrap();
    let signed: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert_eq!(signed["format"], 2);
    for (format, id) in [
        (2, "ffffffffffffffffffffffffffffff02"),
        (1, "ffffffffffffffffffffffffffffff01"),
    ] {
        let mut v = signed.clone();
        v["id"] = id.into();
        let mut extra = serde_json::json!({
            "id": sam.id, "date": "2026-02-10", "minutes": 45, "format": "individual",
            "about_rsc_provided": false, "provider": "Lucía Pérez"
        });
        if format == 1 {
            v["format"] = 1.into();
            v.as_object_mut().unwrap().remove("practitioner_name");
            for x in v["sessions"].as_array_mut().unwrap() {
                x.as_object_mut().unwrap().remove("provider");
            }
            extra.as_object_mut().unwrap().remove("provider");
        }
        v["sessions"].as_array_mut().unwrap().push(extra);
        v["period"]["to"] = "2026-02-10".into();
        v["totals"]["sessions"] = 3.into();
        v["totals"]["minutes"] = 195.into();
        v["totals"]["individual_minutes"] = 195.into();
        let wide = Attestation::sign_payload(
            s.vault.sharing_mut().identity_for_interop_tests().unwrap(),
            &serde_json::to_vec(&v).unwrap(),
        )
        .unwrap();
        assert_eq!(Attestation::verify(&wide).unwrap().format, format);
        let got = p.vault.sharing_mut().receive(&wide).unwrap();
        let Received::Attestation {
            sessions: 3,
            matched,
            already_attested,
            ..
        } = got
        else {
            panic!("format {format}: {got:?}");
        };
        assert_eq!(matched + already_attested, 2, "format {format}: {got:?}");
        assert!(!p.vault.hours().attestation(&sam.id).is_attested());
    }
}

#[test]
fn a_file_is_opened_while_the_vault_is_locked_and_kept_after() {
    let (mut p, s, rid) = pair();
    let bundle = share_all(&mut p, &rid);
    // What the window does: take the receiver, let go of the vault (here: lock it, as
    // Lock or auto-lock would while the file is being decrypted), open the file without it.
    let receiver = s.vault.sharing().receiver();
    assert_eq!(format!("{receiver:?}"), "Receiver(****)");
    let Person { dir, vault } = s;
    vault.lock().unwrap();
    let opened = receiver.open(&bundle).unwrap();
    drop(receiver);
    // Unlocked again, the vault plans and keeps what was opened.
    let mut v = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    let got = v.sharing_mut().receive_opened(&opened).unwrap();
    assert!(
        matches!(got, Received::Bundle { sessions: 3, .. }),
        "{got:?}"
    );
    // A file opened by another vault's receiver is not for this one.
    let mut t = person("Taylor Third", Role::Supervisor);
    let before = snapshot(t.dir.path());
    let e = t.vault.sharing_mut().receive_opened(&opened).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ShareNotForMe, "{e}");
    assert_eq!(before, snapshot(t.dir.path()));
}
