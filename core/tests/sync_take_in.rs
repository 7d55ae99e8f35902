//! What a device shows after merging another device's changes is what an unlock of the same
//! vault shows: the merge takes its changes in without reading every record back (the
//! reflections it holds go to the journal, a few as saves do, many as one bulk part of the
//! search index; the other domains are read again only when one of their records changed),
//! and a property test checks it against a lock and unlock after every merge, over random
//! adds (one, a few, more than the bulk threshold, or enough to be decoded while the merge
//! saves them, at once), edits, deletes, sessions,
//! training and settings on two devices.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use attune_core::hours::{TrainingDraft, TrainingTopic};
use attune_core::journal::ReflectionFilter;
use attune_core::{Unlock, Vault};
use common::hours::{day, session};
use common::{draft, new_vault, PASS};
use proptest::prelude::*;

/// Words the reflections are written from; each add also brings words of its own, so that
/// merges grow the vocabulary.
const WORDS: [&str; 8] = [
    "bath", "sleep", "feeding", "rupture", "repair", "holding", "crying", "calm",
];

#[derive(Debug, Clone)]
enum Action {
    /// Device `dev` writes `n` reflections at once.
    Add { dev: usize, n: usize },
    /// Device `dev` edits its `pick`-th reflection (by id).
    Edit { dev: usize, pick: usize },
    /// Device `dev` deletes its `pick`-th reflection.
    Delete { dev: usize, pick: usize },
    /// Device `dev` logs a supervision session, or deletes its `pick`-th one.
    Session { dev: usize, pick: Option<usize> },
    /// Device `dev` logs training.
    Training { dev: usize },
    /// Device `dev` changes a setting.
    Settings { dev: usize, minutes: u32 },
    /// Device `dev` mirrors and merges; checked against an unlock of the same vault.
    Sync { dev: usize },
}

fn action() -> impl Strategy<Value = Action> {
    let dev = 0..2usize;
    prop_oneof![
        3 => (dev.clone(), prop_oneof![Just(1usize), Just(3), Just(70), Just(300)])
            .prop_map(|(dev, n)| Action::Add { dev, n }),
        2 => (dev.clone(), 0..40usize).prop_map(|(dev, pick)| Action::Edit { dev, pick }),
        1 => (dev.clone(), 0..40usize).prop_map(|(dev, pick)| Action::Delete { dev, pick }),
        1 => (dev.clone(), proptest::option::of(0..5usize))
            .prop_map(|(dev, pick)| Action::Session { dev, pick }),
        1 => dev.clone().prop_map(|dev| Action::Training { dev }),
        1 => (dev.clone(), 5..60u32).prop_map(|(dev, minutes)| Action::Settings { dev, minutes }),
        4 => dev.prop_map(|dev| Action::Sync { dev }),
    ]
}

/// Everything the window shows of a vault, in an order that does not depend on how it was
/// built: reflections, what searches find, tags and families, hours, settings, profile,
/// damaged records.
fn shown(v: &Vault) -> Vec<String> {
    let all = ReflectionFilter::default();
    let mut out: Vec<String> = v
        .journal()
        .list(&all)
        .iter()
        .map(|r| format!("{r:?}"))
        .collect();
    out.sort();
    for word in WORDS.iter().chain(&["w1", "w2", "w3", "ed", "no-such"]) {
        let mut hits: Vec<&str> = v
            .journal()
            .search(word, &all)
            .iter()
            .map(|h| h.reflection.id.as_str())
            .collect();
        hits.sort_unstable();
        out.push(format!("search {word}: {hits:?}"));
    }
    out.push(format!("tags {:?}", v.journal().tags()));
    out.push(format!("families {:?}", v.journal().families()));
    out.extend(sorted_debug(v.hours().sessions()));
    out.extend(sorted_debug(v.hours().training()));
    out.extend(sorted_debug(v.hours().providers()));
    out.push(format!("settings {:?}", v.settings()));
    out.push(format!("profile {:?}", v.profile()));
    out.push(format!("damaged {:?}", v.damaged()));
    out
}

/// Each item as `{:?}`, sorted (the order a domain keeps is not the point).
fn sorted_debug<T: std::fmt::Debug>(items: &[T]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
    out.sort();
    out
}

fn ids(v: &Vault) -> Vec<String> {
    let mut ids: Vec<String> = v
        .journal()
        .list(&ReflectionFilter::default())
        .iter()
        .map(|r| r.id.clone())
        .collect();
    ids.sort();
    ids
}

fn run(actions: Vec<Action>) -> Result<(), TestCaseError> {
    let (a_dir, mut a, _) = new_vault();
    let folder_root = tempfile::tempdir().unwrap();
    let folder = folder_root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let b_root = tempfile::tempdir().unwrap();
    let b_dir = b_root.path().join("vault");
    let b = Vault::sync_join(&b_dir, &folder, Unlock::Passphrase(PASS), "Home computer").unwrap();
    let dirs = [a_dir.path().to_path_buf(), b_dir];
    let mut devices = [Some(a), Some(b)];
    let mut written = 0usize;
    for action in actions {
        let dev = match action {
            Action::Add { dev, .. }
            | Action::Edit { dev, .. }
            | Action::Delete { dev, .. }
            | Action::Session { dev, .. }
            | Action::Training { dev }
            | Action::Settings { dev, .. }
            | Action::Sync { dev } => dev,
        };
        let v = devices[dev].as_mut().unwrap();
        match action {
            Action::Add { n, .. } => {
                let drafts = (0..n)
                    .map(|_| {
                        written += 1;
                        let w = WORDS[written % WORDS.len()];
                        let mut d = draft(
                            &format!("{w} w{}", written % 4),
                            &format!("{w} and {} new{written}", WORDS[(written / 3) % 8]),
                        );
                        d.tags = vec![WORDS[written % 3].into()];
                        d.family = ["Rowan", "Ash", "Birch"][written % 3].into();
                        d
                    })
                    .collect();
                v.journal_mut().add_many(drafts).unwrap();
            }
            Action::Edit { pick, .. } => {
                let ids = ids(v);
                if !ids.is_empty() {
                    let id = &ids[pick % ids.len()];
                    // Every edit reads differently, so that an older one shown is caught.
                    written += 1;
                    let d = draft(
                        &format!("ed {pick} v{written}"),
                        &format!("calm ed{pick} repair v{written}"),
                    );
                    v.journal_mut().update(id, d).unwrap();
                }
            }
            Action::Delete { pick, .. } => {
                let ids = ids(v);
                if !ids.is_empty() {
                    v.delete_reflection(&ids[pick % ids.len()]).unwrap();
                }
            }
            Action::Session { pick: None, .. } => {
                v.hours_mut()
                    .add_session(session("2026-02-03", 60, "Lucía Pérez", Some("IMHM-C")))
                    .unwrap();
            }
            Action::Session { pick: Some(p), .. } => {
                let mut ids: Vec<String> =
                    v.hours().sessions().iter().map(|s| s.id.clone()).collect();
                ids.sort();
                if !ids.is_empty() {
                    v.hours_mut().delete_session(&ids[p % ids.len()]).unwrap();
                }
            }
            Action::Training { .. } => {
                v.hours_mut()
                    .add_training(TrainingDraft {
                        date: day("2026-01-20"),
                        minutes: 180,
                        title: "Reflective practice".into(),
                        organiser: "MI-AIMH".into(),
                        topic: TrainingTopic::Iecmh,
                        note: String::new(),
                    })
                    .unwrap();
            }
            Action::Settings { minutes, .. } => {
                let mut s = v.settings().clone();
                s.auto_lock_minutes = minutes;
                v.save_settings(s).unwrap();
            }
            Action::Sync { .. } => {
                v.sync_now().unwrap();
                let after_merge = shown(v);
                devices[dev].take().unwrap().lock().unwrap();
                let v = Vault::unlock(&dirs[dev], Unlock::Passphrase(PASS)).unwrap();
                let unlocked = shown(&v);
                devices[dev] = Some(v);
                prop_assert_eq!(after_merge, unlocked);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn after_a_merge_the_vault_shows_what_an_unlock_shows(
        actions in proptest::collection::vec(action(), 4..18),
    ) {
        run(actions)?;
    }
}

/// The bulk path, always: a merge of more reflections than the threshold (and of enough for
/// them to be decoded while the merge saves them), onto a journal that already has
/// reflections indexed at unlock and saved since, and edits of them after.
#[test]
fn a_large_merge_is_searchable_as_after_an_unlock() {
    run(vec![
        Action::Add { dev: 1, n: 3 },
        Action::Sync { dev: 1 },
        Action::Add { dev: 0, n: 70 },
        Action::Add { dev: 1, n: 1 },
        Action::Sync { dev: 0 },
        Action::Sync { dev: 1 },
        Action::Edit { dev: 1, pick: 5 },
        Action::Add { dev: 1, n: 70 },
        Action::Sync { dev: 1 },
        Action::Add { dev: 1, n: 300 },
        Action::Edit { dev: 1, pick: 9 },
        Action::Sync { dev: 1 },
        Action::Sync { dev: 0 },
        Action::Delete { dev: 0, pick: 7 },
        Action::Sync { dev: 0 },
        Action::Sync { dev: 1 },
    ])
    .unwrap();
}

/// Several segments merged at once, naming the same reflections: each segment's version
/// replaces the one before, in the order the other device wrote them (a few, then many
/// decoded while saved, then edits and a delete after them).
#[test]
fn segments_merged_together_are_taken_in_in_order() {
    run(vec![
        Action::Add { dev: 0, n: 3 },
        Action::Sync { dev: 0 },
        Action::Edit { dev: 0, pick: 0 },
        Action::Sync { dev: 0 },
        Action::Edit { dev: 0, pick: 0 },
        Action::Sync { dev: 0 },
        Action::Add { dev: 0, n: 300 },
        Action::Sync { dev: 0 },
        Action::Edit { dev: 0, pick: 1 },
        Action::Edit { dev: 0, pick: 0 },
        Action::Sync { dev: 0 },
        Action::Delete { dev: 0, pick: 2 },
        Action::Sync { dev: 0 },
        Action::Sync { dev: 1 },
    ])
    .unwrap();
}
