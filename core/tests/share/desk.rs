//! The supervisor's desk (issue 20): one row per supervisee with what is new, owed and
//! unsigned; the state of shared reflections; sessions already signed never offered again;
//! the RSC provided as signed; and what the practitioner is told when an attestation covers
//! a session an earlier one already covered.

use attune_core::share::{SharedMark, SignedState};

use super::*;

/// A session an earlier attestation already covered is counted as such, not as one that
/// "no longer matches": it is unchanged and still attested.
#[test]
fn an_attestation_covering_already_attested_sessions_says_so() {
    let (mut p, mut s, rid) = pair();
    let bundle = share_all(&mut p, &rid);
    s.vault.sharing_mut().receive(&bundle).unwrap();
    // Two attestations of the same sessions (as a supervisor's second device, or an older
    // Attune that kept no record of what it signed, could make).
    let (first, _) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    let (second, _) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    let got = p.vault.sharing_mut().receive(&first).unwrap();
    assert!(
        matches!(
            got,
            Received::Attestation {
                sessions: 2,
                matched: 2,
                already_attested: 0,
                ..
            }
        ),
        "{got:?}"
    );
    let got = p.vault.sharing_mut().receive(&second).unwrap();
    assert!(
        matches!(
            got,
            Received::Attestation {
                sessions: 2,
                matched: 0,
                already_attested: 2,
                already_received: false,
                ..
            }
        ),
        "{got:?}"
    );
    // The window's summary counts them among the sessions shown as attested.
    let shown = attune_core::views::ReceivedFile::from(got);
    assert!(
        matches!(
            shown,
            attune_core::views::ReceivedFile::Attestation {
                sessions: 2,
                matched: 2,
                ..
            }
        ),
        "{shown:?}"
    );
    let attested = p
        .vault
        .hours()
        .sessions()
        .iter()
        .filter(|x| p.vault.hours().attestation(&x.id).is_attested())
        .count();
    assert_eq!(attested, 2);
    // Receiving it again reports the same, and changes nothing.
    let again = p.vault.sharing_mut().receive(&second).unwrap();
    assert!(
        matches!(
            again,
            Received::Attestation {
                matched: 0,
                already_attested: 2,
                already_received: true,
                ..
            }
        ),
        "{again:?}"
    );
}

/// The supervisor's one row for `who`.
pub(super) fn row(s: &Person, who: &str) -> attune_core::desk::SuperviseeRow {
    let rows = attune_core::views::desk(&s.vault);
    rows.into_iter()
        .find(|r| r.name == who)
        .unwrap_or_else(|| panic!("no row for {who}"))
}

/// (new, unsent, unanswered, unsigned_sessions) of a row.
fn counts(r: &attune_core::desk::SuperviseeRow) -> (usize, usize, usize, usize) {
    (r.new, r.unsent, r.unanswered, r.unsigned_sessions)
}

/// Signs everything `who` sent that is not signed yet, and records it as written.
fn sign_all(s: &mut Person, who: &str) -> Vec<u8> {
    let (file, _) = s.vault.sharing_mut().attest(who, Period::ALL).unwrap();
    s.vault.sharing_mut().record_issued(&file).unwrap();
    file
}

#[test]
fn the_desk_counts_follow_receive_comment_reply_attest_and_reshare() {
    let (mut p, mut s, rid) = pair();
    assert!(attune_core::views::desk(&s.vault).is_empty(), "nobody yet");
    let bundle = share_all(&mut p, &rid);
    s.vault.sharing_mut().receive(&bundle).unwrap();
    let r = row(&s, "Robin Hale");
    // One reflection new and unanswered; two sessions name the supervisor (the third names
    // Sam Other, whom she cannot sign for).
    assert_eq!(counts(&r), (1, 0, 1, 2));
    assert_eq!(r.last_attested, None);
    assert_eq!(r.last_supervision, Some(day("2026-02-09")));
    assert!(r.verified);
    assert_eq!(r.fingerprint, p.card().fingerprint().to_string());

    // Opened: no longer new. Commented: answered, and one comment owed.
    let shared_id = s.vault.sharing().shared_reflections()[0].id.clone();
    s.vault
        .sharing_mut()
        .mark_shared(&shared_id[..6], SharedMark::Seen)
        .unwrap();
    s.vault
        .sharing_mut()
        .add_comment(&shared_id, "What did the hurry feel like?")
        .unwrap();
    assert_eq!(counts(&row(&s, "Robin Hale")), (0, 1, 0, 2));
    // Replied: nothing owed.
    let (_, ids) = s
        .vault
        .sharing_mut()
        .create_reply("Robin Hale", false)
        .unwrap();
    s.vault.sharing_mut().mark_comments_sent(&ids).unwrap();
    assert_eq!(counts(&row(&s, "Robin Hale")), (0, 0, 0, 2));

    // Signed: nothing waits for a signature, and nothing is offered again.
    let first = sign_all(&mut s, "Robin Hale");
    let a = Attestation::verify(&first).unwrap();
    let r = row(&s, "Robin Hale");
    assert_eq!(counts(&r), (0, 0, 0, 0));
    assert_eq!(r.last_attested, Some(a.issued_at.date_naive()));
    let e = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("signed already") && e.contains(&a.id[..8]),
        "{e}"
    );

    // Shared again unchanged: nothing new, nothing to sign, and the state survives a lock.
    let again = share_all(&mut p, &rid);
    s.vault.sharing_mut().receive(&again).unwrap();
    let mut s = s.relock();
    assert_eq!(counts(&row(&s, "Robin Hale")), (0, 0, 0, 0));

    // Changed, and a new session: only those are new and unsigned.
    let mut d = p.vault.journal().get(&rid).unwrap().content.clone();
    d.self_ = "I felt rushed, and then calmer.".into();
    p.vault.journal_mut().update(&rid, d).unwrap();
    p.vault
        .hours_mut()
        .add_session(session("2026-03-09", 50, "Lucía Pérez"))
        .unwrap();
    let changed = share_all_with(&mut p, &rid, 4);
    s.vault.sharing_mut().receive(&changed).unwrap();
    let r = row(&s, "Robin Hale");
    // New again; answered by the comment made before (it stays on the reflection).
    assert_eq!(counts(&r), (1, 0, 0, 1));
    assert_eq!(r.last_supervision, Some(day("2026-03-09")));
    let second = sign_all(&mut s, "Robin Hale");
    let b = Attestation::verify(&second).unwrap();
    assert_eq!(b.sessions.len(), 1, "only the new session is signed");
    assert_eq!(b.sessions[0].date, day("2026-03-09"));
    let from = p.card().fingerprint();
    let states: Vec<String> = s
        .vault
        .sharing()
        .sessions_to_sign(from, Period::ALL, &["Lucía Pérez"])
        .iter()
        .map(|x| match &x.signed {
            SignedState::Signed { attestation_id, .. } => attestation_id[..8].to_owned(),
            SignedState::Unsigned => format!("unsigned ({})", x.session.provider),
        })
        .collect();
    assert_eq!(
        states,
        vec![
            a.id[..8].to_owned(),
            a.id[..8].to_owned(),
            "unsigned (Sam Other)".to_owned(),
            b.id[..8].to_owned()
        ]
    );

    // Discussed, then archived: neither new nor waiting for an answer.
    s.vault
        .sharing_mut()
        .mark_shared(&shared_id, SharedMark::Discussed)
        .unwrap();
    assert_eq!(counts(&row(&s, "Robin Hale")), (0, 0, 0, 0));
    let archived = s
        .vault
        .sharing_mut()
        .mark_shared(&shared_id, SharedMark::Archived)
        .unwrap();
    assert!(archived.archived && archived.discussed && !archived.unread);
    let s = s.relock();
    let kept = s.vault.sharing().resolve_shared(&shared_id).unwrap();
    assert!(kept.archived && kept.discussed && !kept.unread);
}

/// Shares the reflection and the hours of 2026 with Lucía, expecting `sessions` sessions.
pub(super) fn share_all_with(p: &mut Person, id: &str, sessions: usize) -> Vec<u8> {
    let req = ShareRequest {
        to: "Lucía Pérez".into(),
        entries: vec![ShareEntry {
            id: id.into(),
            sections: Vec::new(),
        }],
        hours: Some(Period {
            from: Some(day("2026-01-01")),
            to: Some(day("2026-12-31")),
        }),
    };
    let (bytes, out) = p.vault.sharing_mut().create_share(&req).unwrap();
    assert_eq!(out.sessions().len(), sessions);
    bytes
}

#[test]
fn sessions_are_ticked_one_by_one_and_never_signed_twice() {
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all(&mut p, &rid))
        .unwrap();
    let from = p.card().fingerprint();
    let sessions = s
        .vault
        .sharing()
        .sessions_to_sign(from, Period::ALL, &["Lucía Pérez"]);
    assert_eq!(sessions.len(), 3);
    let (jan, sam) = (&sessions[0], &sessions[2]);
    assert!(jan.can_sign() && !sam.names_me);
    let refused = |s: &mut Person, ids: &[String], needle: &str| {
        let e = s
            .vault
            .sharing_mut()
            .attest_sessions("Robin Hale", ids)
            .unwrap_err();
        assert!(
            matches!(&e, attune_core::Error::InvalidInput { field, .. } if field == "sessions"),
            "{e:?}"
        );
        assert!(e.to_string().contains(needle), "want {needle:?} in {e}");
    };
    refused(
        &mut s,
        std::slice::from_ref(&sam.shared_id),
        "names Sam Other",
    );
    refused(&mut s, &[], "tick at least one");
    let (file, a) = s
        .vault
        .sharing_mut()
        .attest_sessions("Robin Hale", &[jan.shared_id[..6].to_owned()])
        .unwrap();
    assert_eq!(a.sessions.len(), 1);
    assert_eq!(a.sessions[0].date, day("2026-01-12"));
    // Not recorded yet (the file was not written): still offered.
    assert_eq!(row(&s, "Robin Hale").unsigned_sessions, 2);
    s.vault.sharing_mut().record_issued(&file).unwrap();
    // The same file again changes nothing.
    s.vault.sharing_mut().record_issued(&file).unwrap();
    assert_eq!(s.vault.sharing().issued_attestations().len(), 1);
    assert_eq!(row(&s, "Robin Hale").unsigned_sessions, 1);
    refused(
        &mut s,
        std::slice::from_ref(&jan.shared_id),
        "signed already",
    );
    // By period, only the one left is signed.
    let (_, rest) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    assert_eq!(rest.sessions.len(), 1);
    assert_eq!(rest.sessions[0].date, day("2026-02-09"));
    // Someone else's attestation is not recorded as mine.
    let e = p.vault.sharing_mut().record_issued(&file).unwrap_err();
    assert!(e.to_string().contains("not signed by this vault"), "{e}");
}

#[test]
fn signed_sessions_fill_the_rsc_provided_with_one_entry_per_group() {
    let mut s = person("Lucía Pérez", Role::Supervisor);
    let mut p1 = person("Robin Hale", Role::Practitioner);
    let mut p2 = person("Kim Ode", Role::Practitioner);
    for p in [&mut p1, &mut p2] {
        p.knows(&mut s, true);
        s.knows(p, true);
        let mut group = session("2026-02-03", 90, "Lucía Pérez");
        group.format = SessionFormat::Group;
        group.facilitated = Some(true);
        p.vault.hours_mut().add_session(group).unwrap();
    }
    p1.vault
        .hours_mut()
        .add_session(session("2026-02-10", 60, "Lucía Pérez"))
        .unwrap();
    for p in [&mut p1, &mut p2] {
        s.vault
            .sharing_mut()
            .receive(&hours_of_2026_for_lucia(p))
            .unwrap();
    }
    sign_all(&mut s, "Robin Hale");
    sign_all(&mut s, "Kim Ode");
    let log = attune_core::views::provided_from_attestations(&s.vault, Period::ALL);
    let shown: Vec<(NaiveDate, u32, SessionFormat, Vec<String>)> = log
        .sessions
        .iter()
        .map(|x| (x.date, x.minutes, x.format, x.supervisees.clone()))
        .collect();
    assert_eq!(
        shown,
        vec![
            (
                day("2026-02-10"),
                60,
                SessionFormat::Individual,
                vec!["Robin Hale".to_owned()]
            ),
            (
                day("2026-02-03"),
                90,
                SessionFormat::Group,
                vec!["Robin Hale".to_owned(), "Kim Ode".to_owned()]
            ),
        ]
    );
    assert_eq!(log.sessions[1].attestations.len(), 2);
    assert_eq!(
        (
            log.totals.sessions,
            log.totals.minutes,
            log.totals.individual_minutes,
            log.totals.group_minutes,
            log.totals.supervisees
        ),
        (2, 150, 60, 90, 2)
    );
    let feb_first_week = Period {
        from: Some(day("2026-02-01")),
        to: Some(day("2026-02-07")),
    };
    let week = attune_core::views::provided_from_attestations(&s.vault, feb_first_week);
    assert_eq!((week.totals.sessions, week.totals.minutes), (1, 90));
}

/// Two groups of the same day and length (a morning and an afternoon group) are two
/// sessions provided when one supervisee sat in both: a supervisee is never merged into a
/// group session twice, and the minutes add up to both groups.
#[test]
fn two_groups_of_the_same_day_and_length_stay_two_sessions_provided() {
    let mut s = person("Lucía Pérez", Role::Supervisor);
    let mut p1 = person("Robin Hale", Role::Practitioner);
    let mut p2 = person("Kim Ode", Role::Practitioner);
    for (p, groups) in [(&mut p1, 2), (&mut p2, 1)] {
        p.knows(&mut s, true);
        s.knows(p, true);
        for _ in 0..groups {
            let mut group = session("2026-02-03", 90, "Lucía Pérez");
            group.format = SessionFormat::Group;
            p.vault.hours_mut().add_session(group).unwrap();
        }
        s.vault
            .sharing_mut()
            .receive(&hours_of_2026_for_lucia(p))
            .unwrap();
    }
    sign_all(&mut s, "Robin Hale");
    sign_all(&mut s, "Kim Ode");
    let log = attune_core::views::provided_from_attestations(&s.vault, Period::ALL);
    let mut who: Vec<Vec<String>> = log.sessions.iter().map(|x| x.supervisees.clone()).collect();
    who.sort();
    assert_eq!(
        who,
        vec![
            vec!["Robin Hale".to_owned()],
            vec!["Robin Hale".to_owned(), "Kim Ode".to_owned()],
        ]
    );
    assert_eq!(
        (
            log.totals.sessions,
            log.totals.group_minutes,
            log.totals.supervisees
        ),
        (2, 180, 2)
    );
}

/// A bundle of `p`'s sessions of 2026 for Lucía Pérez.
fn hours_of_2026_for_lucia(p: &mut Person) -> Vec<u8> {
    let request = ShareRequest {
        to: "Lucía Pérez".into(),
        entries: Vec::new(),
        hours: Some(Period {
            from: Some(day("2026-01-01")),
            to: Some(day("2026-12-31")),
        }),
    };
    p.vault.sharing_mut().create_share(&request).unwrap().0
}
