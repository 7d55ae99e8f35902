//! Property tests: round-trips and the search invariant over arbitrary inputs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use attune_core::crypto::keys::SecretKey;
use attune_core::journal::fold;
use attune_core::{ReflectionDraft, ReflectionFilter, ReflectionKind, Unlock, Vault};
use chrono::NaiveDate;
use proptest::prelude::*;

fn kind() -> impl Strategy<Value = ReflectionKind> {
    prop_oneof![
        Just(ReflectionKind::HomeVisit),
        Just(ReflectionKind::Supervision),
        Just(ReflectionKind::Note)
    ]
}

fn draft() -> impl Strategy<Value = ReflectionDraft> {
    (
        kind(),
        0u32..2000,
        "\\PC{0,40}",
        "[A-Za-zÀ-ÿ]{0,12}",
        proptest::collection::vec("[a-zé]{1,8}", 0..4),
        "\\PC{0,200}",
        "\\PC{0,200}",
    )
        .prop_map(
            |(kind, day, title, family, tags, body, self_)| ReflectionDraft {
                kind,
                date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(day.into()),
                title: format!("t {title}"),
                family,
                tags,
                parent_infant: body,
                practitioner_parent: String::new(),
                supervisor_practitioner: String::new(),
                self_,
                for_supervision: String::new(),
            },
        )
}

/// Failing cases are kept beside this file (cargo runs tests from the package root).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/props.proptest-regressions",
            ),
        )),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn seal_open_round_trip(plain in proptest::collection::vec(any::<u8>(), 0..4096),
                            aad in proptest::collection::vec(any::<u8>(), 0..64)) {
        let key = SecretKey::random().unwrap();
        let sealed = key.seal(&aad, &plain).unwrap();
        let opened = key.open(&aad, &sealed).unwrap();
        prop_assert_eq!(opened.as_slice(), plain.as_slice());
    }

    #[test]
    fn draft_json_round_trip(d in draft()) {
        let today = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        let d = d.validated(today).unwrap();
        let json = serde_json::to_string(&d).unwrap();
        prop_assert_eq!(ReflectionDraft::from_json(&json, today).unwrap(), d);
    }

    #[test]
    fn folding_is_idempotent(s in "\\PC{0,80}") {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone());
    }
}

proptest! {
    #![proptest_config(config(8))]

    /// Saved reflections come back identical after lock and unlock, and each is found by
    /// every word of its title.
    #[test]
    fn saved_reflections_survive_unlock_and_are_found(drafts in proptest::collection::vec(draft(), 1..12)) {
        let (dir, mut vault, _) = common::new_vault();
        let saved = vault.journal_mut().add_many(drafts).unwrap();
        vault.lock().unwrap();
        let vault = Vault::unlock(dir.path(), Unlock::Passphrase(common::PASS)).unwrap();
        prop_assert_eq!(vault.journal().len(), saved.len());
        for r in &saved {
            prop_assert_eq!(vault.journal().get(&r.id).unwrap(), r);
            for word in fold(&r.content.title).split(' ').filter(|w| !w.is_empty()) {
                let hits = vault.journal().search(word, &ReflectionFilter::default());
                prop_assert!(hits.iter().any(|h| h.reflection.id == r.id), "{word:?} does not find {:?}", r.content.title);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any name a card accepts survives its text form exactly (and the signature with it);
    /// one changed byte of the text never yields a different valid card.
    #[test]
    fn contact_cards_round_trip(name in "\\PC{1,60}", flip in any::<proptest::sample::Index>()) {
        use attune_core::share::{ContactCard, Identity};
        let id = Identity::from_test_seed(1).unwrap();
        if let Ok(card) = ContactCard::create(&id, &name, attune_core::Role::Supervisor) {
            let text = card.to_text();
            prop_assert_eq!(ContactCard::parse(text.as_bytes()).unwrap(), card.clone());
            let mut bytes = text.into_bytes();
            let i = flip.index(bytes.len());
            bytes[i] ^= 0x01;
            if let Ok(other) = ContactCard::parse(&bytes) {
                // Only white space around values may change without changing the card.
                prop_assert_eq!(other, card);
            }
        }
    }
}
