//! The vocabulary table: an index's words interned to dense ids in an open-addressing table.

use std::fmt;
use std::hash::BuildHasher;

use zeroize::Zeroize;

/// A word's id in one index's vocabulary (dense, in order of first sight).
pub(super) type TermId = u32;

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xD6E8_FEB8_6659_FD93;

/// Multiplies and folds the 128-bit product: a cheap, well-mixing step.
#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

/// Little-endian load of the first 8 bytes of `b` (which has at least 8).
#[inline]
fn load8(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    if let Some(s) = b.get(..8) {
        a.copy_from_slice(s);
    }
    u64::from_le_bytes(a)
}

/// Little-endian load of the first 4 bytes of `b` (which has at least 4).
#[inline]
fn load4(b: &[u8]) -> u64 {
    let mut a = [0u8; 4];
    if let Some(s) = b.get(..4) {
        a.copy_from_slice(s);
    }
    u64::from(u32::from_le_bytes(a))
}

/// A word's key in the vocabulary table. Words of up to 16 bytes (nearly all) are held in
/// the key itself, read with overlapping loads so that `(len, lo, hi)` determines the bytes
/// and comparing two keys compares the words, without looking anywhere else. A longer word
/// has its 128-bit hash as `lo, hi`, and is compared with the stored word as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    lo: u64,
    hi: u64,
    len: usize,
}

/// Words up to this long are held inline in their [`Key`].
const INLINE: usize = 16;

impl Key {
    #[inline]
    fn new(seed: u64, w: &[u8]) -> Key {
        let len = w.len();
        let (lo, hi) = match len {
            0 => (0, 0),
            1..=3 => {
                let (a, b, c) = (w[0], w[len / 2], w[len - 1]);
                (u64::from(a) | u64::from(b) << 8 | u64::from(c) << 16, 0)
            }
            4..=7 => (load4(w) | load4(&w[len - 4..]) << 32, 0),
            8..=INLINE => (load8(w), load8(&w[len - 8..])),
            _ => {
                let mut h1 = seed ^ K2;
                let mut h2 = seed ^ K1;
                let mut chunks = w.chunks_exact(8);
                for c in &mut chunks {
                    let v = load8(c);
                    h1 = mix(h1 ^ v, K1);
                    h2 = mix(h2 ^ v, K2);
                }
                let v = load8(&w[len - 8..]);
                (mix(h1 ^ v, K1), mix(h2 ^ v, K2))
            }
        };
        Key { lo, hi, len }
    }

    /// The table position hash.
    #[inline]
    fn hash(&self, seed: u64) -> u64 {
        mix(self.lo ^ seed, self.hi ^ K1 ^ self.len as u64)
    }
}

/// One slot of the vocabulary table: a word's key and its id + 1 (0: empty).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    lo: u64,
    hi: u64,
    len: u32,
    id_plus_one: u32,
}

/// The words of an index, interned to dense ids: the words one after another in one string,
/// and an open-addressing hash table (linear probing) whose slots hold each word's [`Key`],
/// so that a lookup touches one slot, and nothing else for a word of up to 16 bytes.
/// Overwritten when dropped (the words are fragments of reflections).
pub(super) struct Vocab {
    /// Every word, one after another.
    text: String,
    /// Where each word is in `text`, by id.
    spans: Vec<(usize, usize)>,
    /// The table: a power of two long, at most half full.
    slots: Vec<Slot>,
    /// Random per vocabulary, so that no text can be written to collide on purpose.
    seed: u64,
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab {
            text: String::new(),
            spans: Vec::new(),
            slots: Vec::new(),
            seed: std::collections::hash_map::RandomState::new().hash_one(0x5EED_u64),
        }
    }
}

impl fmt::Debug for Vocab {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the words themselves.
        f.debug_struct("Vocab")
            .field("words", &self.spans.len())
            .finish_non_exhaustive()
    }
}

impl Drop for Vocab {
    fn drop(&mut self) {
        self.clear();
    }
}

impl Vocab {
    #[inline]
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The word with id `id` (empty if there is none).
    #[inline]
    pub(super) fn word(&self, id: TermId) -> &str {
        self.spans
            .get(id as usize)
            .and_then(|&(s, e)| self.text.get(s..e))
            .unwrap_or_default()
    }

    /// The id of `w` (whose key is `key`) if known, else the index of the empty slot where
    /// it would go (`usize::MAX` while the table is empty).
    #[inline]
    fn find(&self, w: &str, key: &Key) -> Result<TermId, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = key.hash(self.seed) as usize & mask;
        while let Some(slot) = self.slots.get(i) {
            if slot.id_plus_one == 0 {
                return Err(i);
            }
            if slot.lo == key.lo && slot.hi == key.hi && slot.len as usize == key.len {
                let id = slot.id_plus_one - 1;
                if key.len <= INLINE || self.word(id) == w {
                    return Ok(id);
                }
            }
            i = (i + 1) & mask;
        }
        Err(usize::MAX)
    }

    /// The id of `w`, adding it if new; and whether it is new.
    #[inline]
    pub(super) fn intern(&mut self, w: &str) -> (TermId, bool) {
        let key = Key::new(self.seed, w.as_bytes());
        let empty = match self.find(w, &key) {
            Ok(id) => return (id, false),
            Err(empty) => empty,
        };
        self.insert_new(w, &key, empty)
    }

    /// Adds a word that [`Vocab::find`] did not find.
    #[cold]
    fn insert_new(&mut self, w: &str, key: &Key, empty: usize) -> (TermId, bool) {
        // More than 4 billion distinct words, or one word of 4 GiB, do not fit in memory
        // anyway (a field holds at most 256 KiB).
        let id = self.spans.len() as TermId;
        self.push_text(w);
        if (self.spans.len() + 1) * 2 > self.slots.len() {
            self.grow();
        } else if let Some(slot) = self.slots.get_mut(empty) {
            *slot = Slot {
                lo: key.lo,
                hi: key.hi,
                len: key.len as u32,
                id_plus_one: id + 1,
            };
        }
        (id, true)
    }

    /// Appends a word to `text`. When it must grow, the old buffer is overwritten before it
    /// is freed.
    fn push_text(&mut self, w: &str) {
        if self.text.capacity() - self.text.len() < w.len() {
            let want = (self.text.capacity() * 2)
                .max(self.text.len() + w.len())
                .max(1024);
            let mut grown = String::with_capacity(want);
            grown.push_str(&self.text);
            let mut old = std::mem::replace(&mut self.text, grown);
            old.zeroize();
        }
        let start = self.text.len();
        self.text.push_str(w);
        self.spans.push((start, self.text.len()));
    }

    /// Makes the table at least twice as long as the number of words, and puts every word
    /// back (their keys are computed again from `text`).
    fn grow(&mut self) {
        let mut len = (self.slots.len() * 2).max(64);
        while len < (self.spans.len() + 1) * 2 {
            len *= 2;
        }
        let mut slots = vec![Slot::default(); len];
        let mask = len - 1;
        for id in 0..self.spans.len() as TermId {
            let key = Key::new(self.seed, self.word(id).as_bytes());
            let mut i = key.hash(self.seed) as usize & mask;
            while slots.get(i).is_some_and(|s| s.id_plus_one != 0) {
                i = (i + 1) & mask;
            }
            if let Some(slot) = slots.get_mut(i) {
                *slot = Slot {
                    lo: key.lo,
                    hi: key.hi,
                    len: key.len as u32,
                    id_plus_one: id + 1,
                };
            }
        }
        let mut old = std::mem::replace(&mut self.slots, slots);
        // The slots hold short words.
        zero_slots(&mut old);
    }

    /// Overwrites and forgets every word.
    pub(super) fn clear(&mut self) {
        self.text.zeroize();
        self.spans.clear();
        zero_slots(&mut self.slots);
        self.slots.clear();
    }
}

/// Overwrites slots (they hold short words).
fn zero_slots(slots: &mut [Slot]) {
    for s in slots.iter_mut() {
        s.lo.zeroize();
        s.hi.zeroize();
        s.len = 0;
        s.id_plus_one = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_grows_and_finds_every_word() {
        let mut v = Vocab::default();
        let words: Vec<String> = (0..50_000).map(|i| format!("w{i}x{}", i % 7)).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.intern(w), (i as TermId, true));
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.intern(w), (i as TermId, false));
            assert_eq!(v.word(i as TermId), w);
        }
        assert_eq!(v.len(), words.len());
        assert!(v.slots.len() >= 2 * words.len());
        assert_eq!(v.word(u32::MAX), "");
        v.clear();
        assert_eq!(v.len(), 0);
        assert_eq!(v.intern("again"), (0, true));
    }

    #[test]
    fn vocabulary_tells_apart_long_and_overlapping_words() {
        // Words past 16 bytes (keyed by hash, compared with the stored text), words of 9 to
        // 16 bytes (overlapping loads) and short ones, sharing beginnings and ends.
        let mut v = Vocab::default();
        let mut words = Vec::new();
        for i in 0..3_000 {
            words.push(format!("abcdefghijklmnop{i}qrstuvwxyz"));
            words.push(format!("{i}abcdefghijklmnopqrstuvwxyz"));
            words.push(format!("abcdefgh{i}"));
            words.push(format!("{i}"));
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.intern(w), (i as TermId, true), "{w}");
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.intern(w), (i as TermId, false), "{w}");
            assert_eq!(v.word(i as TermId), w);
        }
        assert_eq!(v.len(), words.len());
    }
}
