//! What both shells display, built once in core (`attune_core::views`), on real vaults: the
//! journal page, the hours log, contacts, the share preview, what others shared with me,
//! comments and attestations.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use attune_core::hours::{AttestationStatus, Period, SessionDraft, SessionFormat};
use attune_core::journal::QueryWords;
use attune_core::share::{ContactCard, Section, ShareEntry, ShareRequest};
use attune_core::views::{
    self, short_id, AttestationView, ContactOrder, JournalQuery, ReceivedFile, ReflectionSummary,
    SessionQuery,
};
use attune_core::{CreateOptions, KdfParams, ReflectionFilter, Role, Vault};
use chrono::NaiveDate;
use common::{draft, new_vault, PASS};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn query(words: &str, limit: u32) -> JournalQuery {
    JournalQuery {
        query: words.into(),
        filter: ReflectionFilter::default(),
        limit,
    }
}

#[test]
fn the_journal_page_lists_or_searches_marks_the_words_and_counts_them_all() {
    let (_dir, mut vault, _) = new_vault();
    for (i, (title, body)) in [
        (
            "Bath time",
            "The baby looked for her mother's face at bath time.",
        ),
        ("Naps", "Sleep came late; the bath was skipped."),
        ("Feeding", "A calm feed, then play."),
    ]
    .into_iter()
    .enumerate()
    {
        let mut d = draft(title, body);
        d.date = day("2026-03-01") + chrono::Days::new(i as u64);
        if i == 2 {
            d.tags = vec!["feeding".into(), "sleep".into()];
        }
        vault.journal_mut().add(d).unwrap();
    }

    // No words: every reflection, newest first, at most `limit`, and how many in all.
    let page = views::journal_page(&vault, &query("", 2));
    assert_eq!(page.total, 3);
    let titles: Vec<String> = page.items.iter().map(|i| i.title_text()).collect();
    assert_eq!(titles, ["Feeding", "Naps"]);
    assert!(page.items.iter().all(|i| !i.excerpt.is_empty()));
    // Words of punctuation only are no words: the list again.
    assert_eq!(views::journal_page(&vault, &query(" !? ", 10)).total, 3);

    // A search: its hits, with the searched word marked in the title and the excerpt.
    let page = views::journal_page(&vault, &query("bath", 10));
    assert_eq!(page.total, 2);
    let first = page
        .items
        .iter()
        .find(|i| i.title_text() == "Bath time")
        .unwrap();
    assert!(first.title.iter().any(|s| s.mark && s.text == "Bath"));
    assert!(first.excerpt.iter().any(|s| s.mark && s.text == "bath"));

    // The command line's lines: the same summary, no excerpt, nothing marked.
    let r = vault.journal().resolve(&first.id).unwrap();
    let line = ReflectionSummary::of(r, &QueryWords::default(), 0);
    assert!(line.excerpt.is_empty());
    assert!(line.title.iter().all(|s| !s.mark));
    assert_eq!(
        (line.id.as_str(), line.date),
        (first.id.as_str(), first.date)
    );
    assert_eq!(short_id(&line.id).len(), 8);

    // The facets: every tag and family in use, most used first.
    let facets = views::journal_facets(&vault);
    let tags: Vec<(&str, usize)> = facets
        .tags
        .iter()
        .map(|f| (f.name.as_str(), f.count))
        .collect();
    assert_eq!(tags[0], ("sleep", 3));
    assert!(tags.contains(&("feeding", 1)));
    assert_eq!(facets.families.len(), 1);
    assert_eq!(facets.families[0].count, 3);
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

#[test]
fn the_hours_log_is_newest_first_with_exact_totals() {
    let (_dir, mut vault, _) = new_vault();
    for (date, minutes) in [("2026-01-05", 60), ("2026-02-02", 90), ("2026-03-02", 45)] {
        vault
            .hours_mut()
            .add_session(session(date, minutes, "Lucía Pérez"))
            .unwrap();
    }
    let log = views::hours_log(
        &vault,
        &SessionQuery {
            period: Period {
                from: Some(day("2026-02-01")),
                to: None,
            },
            limit: 1,
        },
    );
    assert_eq!((log.total, log.total_minutes), (2, 135));
    assert_eq!(log.sessions.len(), 1);
    assert_eq!(log.sessions[0].session.content.minutes, 45);
    assert_eq!(log.sessions[0].attestation, AttestationStatus::NotAttested);
    assert_eq!(log.providers.len(), 1);
    assert_eq!(log.last.unwrap().date, day("2026-03-02"));
}

fn person(dir: &Path, name: &str, role: Role) -> Vault {
    let options = CreateOptions {
        name: Some(name.into()),
        role,
        kdf: KdfParams::MINIMUM,
    };
    Vault::create(dir, PASS, &options).unwrap().0
}

fn card_of(vault: &mut Vault) -> ContactCard {
    let text = views::my_identity(vault).unwrap().card;
    ContactCard::parse(text.as_bytes()).unwrap()
}

#[test]
fn sharing_shows_the_same_in_both_vaults_as_both_shells_build_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut p = person(&tmp.path().join("p"), "Robin Hale", Role::Practitioner);
    let mut s = person(&tmp.path().join("s"), "Lucía Pérez", Role::Supervisor);
    let mut b = person(&tmp.path().join("b"), "ben Okafor", Role::Supervisor);

    // My identity: name, role, fingerprint and a card that parses back to me.
    let me = views::my_identity(&mut p).unwrap();
    assert_eq!(
        (me.name.as_str(), me.role),
        ("Robin Hale", Role::Practitioner)
    );
    assert_eq!(
        ContactCard::parse(me.card.as_bytes())
            .unwrap()
            .fingerprint()
            .to_string(),
        me.fingerprint
    );

    // Contacts: the window's list by name (case ignored), the command line's as added.
    let (s_card, b_card) = (card_of(&mut s), card_of(&mut b));
    let added = views::AddedContactView::of(&p.sharing_mut().add_contact(s_card).unwrap());
    assert!(added.new && !added.contact.verified);
    p.sharing_mut().add_contact(b_card).unwrap();
    let by_name: Vec<String> = views::contacts(&p, ContactOrder::ByName)
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(by_name, ["ben Okafor", "Lucía Pérez"]);
    let as_added: Vec<String> = views::contacts(&p, ContactOrder::Added)
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(as_added, ["Lucía Pérez", "ben Okafor"]);
    p.sharing_mut()
        .verify_contact(&added.contact.fingerprint)
        .unwrap();
    let p_card = card_of(&mut p);
    s.sharing_mut().add_contact(p_card).unwrap();
    s.sharing_mut().verify_contact("Robin Hale").unwrap();

    // The preview: only the chosen sections, the sessions with their minutes, and core's
    // findings with the vault's names to avoid.
    let mut d = draft("Bath time", "Call Maya's mum on 555-123-4567.");
    d.self_ = "I felt rushed.".into();
    d.for_supervision = "Why did I hurry?".into();
    let rid = p.journal_mut().add(d).unwrap().id;
    p.hours_mut()
        .add_session(session("2026-01-12", 60, "lucía  pérez"))
        .unwrap();
    p.hours_mut()
        .add_session(session("2026-02-10", 45, "Sam Other"))
        .unwrap();
    let mut settings = p.settings().clone();
    settings.names_to_avoid = vec!["Maya".into()];
    p.save_settings(settings).unwrap();
    let req = ShareRequest {
        to: "Lucía Pérez".into(),
        entries: vec![ShareEntry {
            id: rid.clone(),
            sections: vec![Section::ParentInfant, Section::SelfReflection],
        }],
        hours: Some(Period {
            from: Some(day("2026-01-01")),
            to: Some(day("2026-03-31")),
        }),
    };
    let preview = views::share_preview(&p, &req).unwrap();
    assert_eq!(preview.to, "Lucía Pérez");
    let sections: Vec<Section> = preview.reflections[0]
        .sections
        .iter()
        .map(|s| s.section)
        .collect();
    assert_eq!(sections, [Section::ParentInfant, Section::SelfReflection]);
    assert_eq!(
        preview.reflections[0].sections[0].heading,
        Section::ParentInfant.heading()
    );
    let hours = preview.hours.as_ref().unwrap();
    assert_eq!((hours.sessions.len(), hours.minutes), (2, 105));
    let kinds: Vec<&str> = preview
        .findings
        .iter()
        .map(|f| f.hint.kind.as_str())
        .collect();
    assert_eq!(kinds, ["name", "phone"]);
    // The share itself carries what the preview showed.
    let (bundle, out) = p.sharing_mut().create_share(&req).unwrap();
    let sent = views::SharePreview::of(out, Vec::new());
    assert_eq!(sent.reflections[0].id, preview.reflections[0].id);
    assert_eq!(sent.hours.unwrap().minutes, 105);

    // Shared with me: one group for the practitioner, the sessions naming me marked, my
    // comments only, and how many are not sent yet. Building it writes nothing.
    let got = ReceivedFile::from(s.sharing_mut().receive(&bundle).unwrap());
    assert!(matches!(
        got,
        ReceivedFile::Bundle {
            reflections: 1,
            sessions: 2,
            already_received: false,
            ..
        }
    ));
    let people = views::shared_with_me(&s);
    assert_eq!(people.len(), 1);
    let robin = &people[0];
    assert_eq!((robin.name.as_str(), robin.verified), ("Robin Hale", true));
    let shared_id = robin.reflections[0].shared_id.clone();
    assert_eq!(robin.reflections[0].reflection.id, rid);
    let names_me: Vec<bool> = robin.sessions.iter().map(|x| x.names_me).collect();
    assert_eq!(names_me, [true, false]);
    assert!(robin.sessions.iter().all(|x| x.shared_id.len() >= 8));
    s.sharing_mut()
        .add_comment(&shared_id, "What did the hurry feel like?")
        .unwrap();
    let people = views::shared_with_me(&s);
    assert_eq!(people[0].unsent_comments, 1);
    assert_eq!(people[0].reflections[0].comments[0].author, "Lucía Pérez");
    // The session's record id stays out of the window's JSON, as before.
    let json = serde_json::to_value(&people[0].sessions[0]).unwrap();
    assert!(json.get("shared_id").is_none(), "{json}");

    // The reply brings the comment to the practitioner's reflection.
    let (reply, ids) = s.sharing_mut().create_reply("Robin Hale", false).unwrap();
    s.sharing_mut().mark_comments_sent(&ids).unwrap();
    assert_eq!(views::shared_with_me(&s)[0].unsent_comments, 0);
    p.sharing_mut().receive(&reply).unwrap();
    let on_mine = views::comments_on_mine(&p, &rid);
    assert_eq!(on_mine.len(), 1);
    assert_eq!(on_mine[0].text, "What did the hurry feel like?");

    // An attestation, as both shells describe it.
    let (_, a) = s.sharing_mut().attest("Robin Hale", Period::ALL).unwrap();
    let shown = AttestationView::of(&a, Path::new("robin.attune-attest"));
    assert_eq!(shown.signer, "Lucía Pérez");
    assert_eq!(shown.signer_role, Role::Supervisor);
    assert_eq!((shown.sessions, shown.minutes), (1, 60));
    assert_eq!(shown.path, "robin.attune-attest");
    let json = serde_json::to_value(&shown).unwrap();
    for kept_out in ["signer_role", "about_rsc_provided_minutes", "id"] {
        assert!(json.get(kept_out).is_none(), "{kept_out} in {json}");
    }
}
