//! Not timed itself: makes the two journals that `scripts/bench-cli.sh` times against each
//! other, from the same text as the vault benchmark (`prose`): an Attune vault of N
//! reflections made with the default key-derivation cost, and the very same reflections in
//! jrnl's plain-text format (which the script then imports into an encrypted jrnl journal).
//!
//! `cargo bench -p attune-core --bench peer_journal -- DIR [N]`, the passphrase on the first
//! line of standard input. Writes `DIR/vault/` and `DIR/jrnl.txt`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::io::{BufRead, Write};
use std::path::PathBuf;

use attune_core::{CreateOptions, ReflectionDraft, Vault};

mod prose;
use prose::Prose;

/// One reflection as a jrnl entry: the date stamp (jrnl's default `%F %r`), the title as
/// the first line, then each section as a paragraph.
fn jrnl_entry(out: &mut impl Write, r: &ReflectionDraft) -> std::io::Result<()> {
    writeln!(out, "[{} 09:00:00 AM] {}", r.date.format("%F"), r.title)?;
    for section in [
        &r.parent_infant,
        &r.practitioner_parent,
        &r.supervisor_practitioner,
        &r.self_,
        &r.for_supervision,
    ] {
        if !section.is_empty() {
            writeln!(out, "{section}")?;
        }
    }
    writeln!(out)
}

fn main() {
    // `cargo bench` adds `--bench` to the arguments.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench -p attune-core --bench peer_journal -- DIR [N]");
        std::process::exit(2);
    };
    let n: usize = args
        .get(1)
        .map_or(10_000, |n| n.parse().expect("N is a number"));
    let mut passphrase = String::new();
    std::io::stdin().lock().read_line(&mut passphrase).unwrap();
    let passphrase = passphrase.trim_end_matches(['\r', '\n']);

    let mut prose = Prose::new();
    let drafts: Vec<ReflectionDraft> = (0..n).map(|_| prose.reflection()).collect();

    std::fs::create_dir_all(&dir).unwrap();
    let mut text = std::io::BufWriter::new(std::fs::File::create(dir.join("jrnl.txt")).unwrap());
    for r in &drafts {
        jrnl_entry(&mut text, r).unwrap();
    }
    text.flush().unwrap();

    // The default options: Argon2id at its default cost, as a person's vault is made.
    let (mut vault, _) =
        Vault::create(&dir.join("vault"), passphrase, &CreateOptions::default()).unwrap();
    for chunk in drafts.chunks(5_000) {
        vault.journal_mut().add_many(chunk.to_vec()).unwrap();
    }
    vault.lock().unwrap();
    println!("made {n} reflections in {}", dir.display());
}
