//! The text of the benchmarks' reflections, shared by the vault benchmark and the journal
//! `scripts/bench-cli.sh` compares with jrnl: deterministic, so every run has the same text.

use attune_core::{ReflectionDraft, ReflectionKind};
use chrono::NaiveDate;

/// Deterministic pseudo-random numbers, so every run indexes the same text.
pub struct Rng(u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A vocabulary of a few thousand made-up words, drawn with a skew like real prose.
pub struct Prose {
    words: Vec<String>,
    rng: Rng,
}

impl Prose {
    pub fn new() -> Self {
        const SYL: [&str; 24] = [
            "ba", "ne", "mo", "ri", "tal", "sen", "ko", "lu", "vi", "dra", "pe", "sho", "ma",
            "ter", "na", "gli", "fo", "ca", "zu", "wen", "hol", "di", "ré", "ña",
        ];
        let mut words = vec![
            "the".to_owned(),
            "baby".to_owned(),
            "mother".to_owned(),
            "held".to_owned(),
        ];
        for a in SYL {
            for b in SYL {
                words.push(format!("{a}{b}"));
                for c in ["", "ing", "ed"] {
                    words.push(format!("{a}{b}{c}s"));
                }
            }
        }
        Prose {
            words,
            rng: Rng(0x9E37_79B9_7F4A_7C15),
        }
    }

    /// About `bytes` bytes of text (whole words, a full stop now and then).
    pub fn text(&mut self, bytes: usize) -> String {
        let mut s = String::with_capacity(bytes + 16);
        while s.len() < bytes {
            // Squaring a uniform draw skews towards the common words at the front.
            let u = (self.rng.next() % 10_000) as f64 / 10_000.0;
            let i = ((u * u) * self.words.len() as f64) as usize;
            s.push_str(&self.words[i.min(self.words.len() - 1)]);
            s.push(if self.rng.next().is_multiple_of(12) {
                '.'
            } else {
                ' '
            });
        }
        s
    }

    /// A reflection of about 2 KB over four sections.
    pub fn reflection(&mut self) -> ReflectionDraft {
        ReflectionDraft {
            kind: ReflectionKind::HomeVisit,
            date: NaiveDate::from_ymd_opt(
                2026,
                1 + (self.rng.next() % 9) as u32,
                1 + (self.rng.next() % 28) as u32,
            )
            .unwrap(),
            title: self.text(40),
            family: format!("Family{}", self.rng.next() % 40),
            tags: vec![format!("tag{}", self.rng.next() % 20)],
            parent_infant: self.text(500),
            practitioner_parent: self.text(500),
            supervisor_practitioner: self.text(450),
            self_: self.text(450),
            for_supervision: self.text(60),
        }
    }
}
