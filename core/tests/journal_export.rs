//! The journal export read back: 500 generated reflections (accents, emoji, CRLF and lone
//! LF line ends, lines that look like headings, quotes and colons in titles, empty
//! sections) each come back the same from its Markdown file and from the JSON file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use attune_core::export::{read_json, read_markdown, to_json, to_markdown};
use attune_core::{Reflection, ReflectionDraft, ReflectionKind};
use chrono::{NaiveDate, TimeZone, Utc};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "the",
    "baby",
    "mother",
    "Lucía",
    "niño",
    "Zoë",
    "crèche",
    "naïve",
    "held",
    "😊",
    "🍼",
    "\"quoted\"",
    "colon:",
    "#hash",
    "## Yourself",
    "\\# escaped",
    "tab\there",
    "—",
    "…",
    "50%",
];

fn text(rng: &mut Rng, lines: bool) -> String {
    if rng.next().is_multiple_of(4) {
        return String::new();
    }
    let n = 1 + rng.next() % 40;
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push_str(if !lines {
                " "
            } else {
                match rng.next() % 8 {
                    0 => "\r\n",
                    1 => "\n",
                    2 => "\n\n",
                    3 => "\r\n\r\n",
                    _ => " ",
                }
            });
        }
        out.push_str(rng.pick(WORDS));
    }
    out.trim().to_owned()
}

fn generated(n: usize) -> Vec<Reflection> {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    while out.len() < n {
        let mut title = text(&mut rng, false);
        title = title.replace('\t', " ");
        let draft = ReflectionDraft {
            kind: ReflectionKind::ALL[(rng.next() % 3) as usize],
            date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                + chrono::Days::new(rng.next() % 2000),
            title,
            family: rng.pick(&["", "Rowan", "Ana \"A\"", "Ñ: 1"]).to_owned(),
            tags: (0..rng.next() % 4)
                .map(|_| {
                    rng.pick(&["sleep", "feeding", "naps: short", "día"])
                        .to_owned()
                })
                .collect(),
            parent_infant: text(&mut rng, true),
            practitioner_parent: text(&mut rng, true),
            supervisor_practitioner: text(&mut rng, true),
            self_: text(&mut rng, true),
            for_supervision: text(&mut rng, true),
        };
        let Ok(content) = draft.validated(today) else {
            continue;
        };
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        out.push(Reflection {
            id: format!(
                "{:032x}",
                u128::from(rng.next()) << 64 | u128::from(rng.next())
            ),
            content,
            created_at: at,
            updated_at: at,
        });
    }
    out
}

#[test]
fn five_hundred_reflections_come_back_the_same() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let all = generated(500);
    let mut names = BTreeSet::new();
    for r in &all {
        let f = to_markdown(r);
        assert!(names.insert(f.name.clone()), "two files named {}", f.name);
        let (id, back) =
            read_markdown(&f.text, today).unwrap_or_else(|e| panic!("{}: {e}\n{}", f.name, f.text));
        assert_eq!(id.as_deref(), Some(r.id.as_str()));
        assert_eq!(back, r.content, "{}", f.text);
    }
    let refs: Vec<&Reflection> = all.iter().collect();
    let bytes = to_json(&refs, Utc::now()).unwrap();
    assert_eq!(read_json(&bytes, today).unwrap(), all);
    // CRLF, empty sections and heading-like lines were all there.
    let joined: String = all.iter().map(|r| r.content.self_.as_str()).collect();
    assert!(joined.contains("\r\n") && joined.contains("## Yourself"));
    assert!(all.iter().any(|r| r.content.parent_infant.is_empty()));
}

/// The committed examples of version 1 (`tests/vectors/journal-export/`) keep reading back,
/// and today's writer still writes them byte for byte (`UPDATE_VECTORS=1` rewrites them).
#[test]
fn the_version_1_vectors_read_back_and_are_written_the_same() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/journal-export");
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let r = Reflection {
        id: "0123456789abcdef0123456789abcdef".into(),
        content: ReflectionDraft {
            kind: ReflectionKind::HomeVisit,
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            title: "Bath time: a \"calm\" one".into(),
            family: "Rowan".into(),
            tags: vec!["sleep".into(), "naps: short".into()],
            parent_infant: "She held him close.\r\nHe turned to her voice 😊".into(),
            practitioner_parent: String::new(),
            supervisor_practitioner: "## What I want to ask\n\\# and this".into(),
            self_: "Tired, and glad.".into(),
            for_supervision: String::new(),
        },
        created_at: at,
        updated_at: at,
    };
    let md = to_markdown(&r);
    let json = to_json(&[&r], at).unwrap();
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(&md.name), &md.text).unwrap();
        std::fs::write(dir.join("journal.json"), &json).unwrap();
    }
    let md_file =
        std::fs::read_to_string(dir.join("2026-03-02-bath-time-a-calm-one-01234567.md")).unwrap();
    assert_eq!(md_file, md.text);
    let (id, back) = read_markdown(&md_file, today).unwrap();
    assert_eq!((id.as_deref(), &back), (Some(r.id.as_str()), &r.content));
    let json_file = std::fs::read(dir.join("journal.json")).unwrap();
    assert_eq!(json_file, json);
    assert_eq!(read_json(&json_file, today).unwrap(), vec![r]);
}

/// A file that gives a reflection the id of another kind of record (here a supervision
/// session's) never replaces that record: the reflection gets an id of its own.
#[test]
fn an_imported_id_never_takes_another_records_place() {
    use attune_core::journal::records::ImportItem;
    let dir = tempfile::tempdir().unwrap();
    let options = attune_core::CreateOptions {
        kdf: attune_core::KdfParams::MINIMUM,
        ..Default::default()
    };
    let (mut vault, _) =
        attune_core::Vault::create(dir.path(), "an import test passphrase", &options).unwrap();
    let session = vault
        .hours_mut()
        .add_session(attune_core::hours::SessionDraft {
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            minutes: 60,
            format: attune_core::hours::SessionFormat::Individual,
            modality: None,
            provider: "Sam".into(),
            credential: None,
            facilitated: None,
            age_focus: None,
            about_rsc_provided: false,
            note: String::new(),
            reflections: Vec::new(),
        })
        .unwrap();
    let r = generated(1).remove(0);
    let item = ImportItem {
        key: "attune:x".into(),
        draft: r.content.clone(),
        attune_id: Some(session.id.clone()),
        saved: None,
    };
    let out = vault.journal_mut().import(vec![item], false).unwrap();
    assert_ne!(out.added[0].id, session.id);
    assert!(vault.hours().session(&session.id).is_some());
    vault.lock().unwrap();
}
