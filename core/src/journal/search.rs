//! The in-memory search index, built at unlock and never written anywhere.
//!
//! Text is folded (lower case, accents removed, so "Lucía" matches "lucia"), split into words,
//! and indexed as an inverted index. A query matches a reflection when every query word is a
//! prefix of some word in it; results are ranked by a tf-idf score in which title words weigh
//! more than body words and whole-word matches more than prefix matches.
//!
//! At unlock, each thread indexes its share of the reflections into its own partial index;
//! the partial indexes are then merged word by word (the vocabulary is far smaller than the
//! text), so building scales with cores.

use std::fmt;
use std::hash::BuildHasher;
use std::sync::LazyLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use zeroize::Zeroize;

/// Position of a reflection in the journal's document table.
pub(crate) type DocId = u32;

/// A word's id in one index's vocabulary (dense, in order of first sight).
type TermId = u32;

/// ASCII byte classes for the fast path of folding: 0 ends a word, 1 is a word byte kept as
/// is (a lower-case letter or a digit), 2 an upper-case letter.
const ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0u8;
    while b < 128 {
        table[b as usize] = if b.is_ascii_lowercase() || b.is_ascii_digit() {
            1
        } else if b.is_ascii_uppercase() {
            2
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Folds one character onto the word being built: lower case, accents removed. Returns
/// `false` when the character ends a word (it is not a letter, a digit or an accent). The
/// general path, for any character; [`fold_words`] uses it for everything not ASCII.
fn fold_char(c: char, w: &mut String) -> bool {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            w.push(c.to_ascii_lowercase());
            return true;
        }
        false
    } else if is_combining_mark(c) {
        // An accent typed as a separate code point belongs to the word it follows.
        true
    } else if c.is_alphanumeric() {
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                w.extend(d.to_lowercase());
            }
        });
        true
    } else {
        false
    }
}

/// The first character after ASCII, and the end of [`LATIN`].
const LATIN_START: u32 = 0x80;
const LATIN_END: u32 = 0x250;

/// How [`fold_char`] folds each character of U+0080..U+024F (Latin-1 Supplement, Latin
/// Extended-A and -B: the accented letters of most European languages): `None` when the
/// character ends a word, else what it appends. Computed once, by `fold_char` itself, so
/// the table gives exactly its result without decomposing each character again.
static LATIN: LazyLock<Vec<Option<Box<str>>>> = LazyLock::new(|| {
    (LATIN_START..LATIN_END)
        .map(|u| {
            let c = char::from_u32(u)?;
            let mut w = String::new();
            fold_char(c, &mut w).then(|| w.into_boxed_str())
        })
        .collect()
});

/// Folds a character outside ASCII onto `w`, as [`fold_char`] does; through [`LATIN`] when
/// it is there.
#[inline]
fn fold_non_ascii(c: char, w: &mut String, latin: &[Option<Box<str>>]) -> bool {
    match (c as usize)
        .checked_sub(LATIN_START as usize)
        .and_then(|i| latin.get(i))
    {
        Some(Some(folded)) => {
            w.push_str(folded);
            true
        }
        Some(None) => false,
        None => fold_char(c, w),
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// For each byte of `x` (each below 0x80), the byte's high bit set iff it is at least `c`.
/// No byte carries into the next: at most 0x7f + 0x80 - `c` with `c` above 0.
#[inline]
fn bytes_at_least(x: u64, c: u8) -> u64 {
    x.wrapping_add(ONES * u64::from(0x80 - c)) & HIGHS
}

/// Classifies eight bytes at once: the high bit of each byte set where it is an ASCII
/// letter or digit, and where it is an ASCII upper-case letter.
#[inline]
fn classify8(chunk: u64) -> (u64, u64) {
    let ascii = !chunk & HIGHS;
    let x = chunk & !HIGHS;
    let between = |lo: u8, hi: u8| bytes_at_least(x, lo) & !bytes_at_least(x, hi + 1);
    let upper = between(b'A', b'Z') & ascii;
    let word = (between(b'0', b'9') | between(b'a', b'z')) & ascii | upper;
    (word, upper)
}

/// The end of the run of ASCII letters and digits starting at `i`, and whether it has an
/// upper-case letter. Eight bytes at a time while eight are left, then byte by byte.
#[inline]
fn ascii_run(bytes: &[u8], mut i: usize) -> (usize, bool) {
    let mut upper = false;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(chunk);
        let (word, up) = classify8(u64::from_le_bytes(a));
        let stop = !word & HIGHS;
        if stop == 0 {
            upper |= up != 0;
            i += 8;
            continue;
        }
        // The bytes before the first that is not a word byte (little-endian: low first).
        let k = stop.trailing_zeros() as usize / 8;
        let before = (1u64 << (k * 8)).wrapping_sub(1);
        upper |= up & before != 0;
        return (i + k, upper);
    }
    while let Some(&b) = bytes.get(i) {
        let class = ASCII_CLASS.get(usize::from(b)).copied().unwrap_or(3);
        if class == 0 || class == 3 {
            break;
        }
        upper |= class == 2;
        i += 1;
    }
    (i, upper)
}

/// Appends an ASCII run to `w`, lower-cased if it has upper-case letters.
fn push_ascii_lower(w: &mut String, run: &str, upper: bool) {
    let from = w.len();
    w.push_str(run);
    if upper {
        w[from..].make_ascii_lowercase();
    }
}

/// The folding loop behind [`for_each_folded_word`], with the caller's scratch buffer.
///
/// Fast path: most prose is ASCII, so runs of ASCII letters and digits are scanned as bytes,
/// and a word that is already lower case and ends in ASCII is passed straight from `text`
/// without copying. Any other character goes through [`fold_char`], the general path
/// (accented Latin letters through its results, tabulated), and the word it belongs to is
/// built in `w`. The result is exactly that of folding every character with [`fold_char`]
/// (property tests check it against the folding loop as it was before the fast path).
fn fold_words(text: &str, w: &mut String, word: &mut impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let latin: &[Option<Box<str>>] = &LATIN;
    let mut i = 0;
    w.clear();
    while i < n {
        let start = i;
        let (end, upper) = ascii_run(bytes, i);
        i = end;
        // `start` and `i` sit on ASCII bytes (or the end), so they are character boundaries.
        let run = text.get(start..i).unwrap_or_default();
        match bytes.get(i) {
            // The run ends at the end of the text or at an ASCII separator.
            None | Some(0..=0x7f) => {
                if !w.is_empty() {
                    push_ascii_lower(w, run, upper);
                    word(w.as_str());
                    w.clear();
                } else if upper {
                    push_ascii_lower(w, run, true);
                    word(w.as_str());
                    w.clear();
                } else if !run.is_empty() {
                    word(run);
                }
                // Step over the separator.
                i += 1;
            }
            // A character outside ASCII: the general path.
            Some(_) => {
                push_ascii_lower(w, run, upper);
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                if !fold_non_ascii(c, w, latin) && !w.is_empty() {
                    word(w.as_str());
                    w.clear();
                }
            }
        }
    }
    if !w.is_empty() {
        word(w.as_str());
        w.clear();
    }
}

/// Calls `word` with each folded word of `text`: lower case, accents removed, split on
/// anything that is not a letter or digit.
pub fn for_each_folded_word(text: &str, mut word: impl FnMut(&str)) {
    let mut w = String::new();
    fold_words(text, &mut w, &mut word);
}

/// Folds `text` into its words separated by single spaces (for comparisons and for the UI's
/// highlighting).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_folded_word(text, |w| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    });
    out
}

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
struct Vocab {
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
    fn len(&self) -> usize {
        self.spans.len()
    }

    /// The word with id `id` (empty if there is none).
    fn word(&self, id: TermId) -> &str {
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
    fn intern(&mut self, w: &str) -> (TermId, bool) {
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
    fn clear(&mut self) {
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

/// The term-frequency factor of a posting's summed weight `w`: `1 + ln(1 + w)`. A weight
/// is a sum of small whole field weights (title 3, tags and family 2, sections 1) in nearly
/// every case, so the factor is looked up for those instead of computed for each posting:
/// the same function of the same input, so the same score.
struct TermFrequency([f32; 64]);

impl TermFrequency {
    fn new() -> Self {
        TermFrequency(std::array::from_fn(|k| Self::compute(k as f32)))
    }

    fn compute(w: f32) -> f32 {
        1.0 + w.ln_1p()
    }

    #[inline]
    fn of(&self, w: f32) -> f32 {
        if w.fract() == 0.0 && (0.0..64.0).contains(&w) {
            if let Some(&f) = self.0.get(w as usize) {
                return f;
            }
        }
        Self::compute(w)
    }
}

/// Postings written by one run of bulk indexing: each word's list, one after another.
#[derive(Default)]
struct Part {
    /// `(document, summed weight)`, grouped by word, in document order within a word.
    postings: Vec<(DocId, f32)>,
    /// Added to the part's document ids.
    offset: DocId,
}

/// The state of bulk indexing ([`SearchIndex::add_text`]), until the index is sealed.
#[derive(Debug, Default)]
struct Bulk {
    /// Every word occurrence with its weight, in order: sorted by word only once, when the
    /// index is sealed (which also sums a document's occurrences of a word).
    flat: Vec<(TermId, f32)>,
    /// Each document and where its occurrences end in `flat`.
    docs: Vec<(DocId, usize)>,
    /// By word id: how many occurrences (at least as many as documents with the word).
    counts: Vec<usize>,
}

impl Bulk {
    /// Notes where the occurrences of document `doc` start, if it is new.
    #[inline]
    fn start(&mut self, doc: DocId) {
        match self.docs.last_mut() {
            Some(last) if last.0 == doc => {}
            Some(last) => {
                last.1 = self.flat.len();
                self.docs.push((doc, usize::MAX));
            }
            None => self.docs.push((doc, usize::MAX)),
        }
    }
}

/// The inverted index: word → the documents that contain it, with a summed weight.
///
/// Built in two ways. At unlock, [`SearchIndex::add_text`] adds documents in bulk (each
/// unlock worker into its own index), [`SearchIndex::seal`] sorts the postings by word in
/// one pass, and [`SearchIndex::merged`] joins the workers' indexes without copying their
/// postings: a word's list is its range in each part, then the documents added live.
/// After unlock, [`SearchIndex::add_text_live`] adds saved documents one at a time.
#[derive(Default)]
pub(crate) struct SearchIndex {
    vocab: Vocab,
    /// Bulk-adding state; empty once sealed.
    bulk: Bulk,
    /// Whether bulk adding is over (postings are in `parts`, `ranges` and `live`).
    sealed: bool,
    /// Postings from bulk indexing.
    parts: Vec<Part>,
    /// By word id, then part: the word's postings in that part
    /// (`ranges[id * parts.len() + part]`).
    ranges: Vec<(usize, usize)>,
    /// By word id: postings added after sealing, in document order. May be shorter than the
    /// vocabulary (a missing entry is empty).
    live: Vec<Vec<(DocId, f32)>>,
    /// Every word id, in word order, for prefix ranges.
    sorted: Vec<TermId>,
    /// Scratch for folding.
    buf: String,
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("words", &self.vocab.len())
            .field("parts", &self.parts.len())
            .field("sealed", &self.sealed)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Adds the words of one field of document `doc`. Documents are added in increasing
    /// `doc` order, all fields of a document together. The index is usable once
    /// [`SearchIndex::merged`] has sealed it and sorted its vocabulary. On an index that is
    /// already sealed this is [`SearchIndex::add_text_live`].
    pub(crate) fn add_text(&mut self, doc: DocId, text: &str, weight: f32) {
        if self.sealed {
            return self.add_text_live(doc, text, weight);
        }
        let bulk = &mut self.bulk;
        bulk.start(doc);
        let vocab = &mut self.vocab;
        let mut buf = std::mem::take(&mut self.buf);
        fold_words(text, &mut buf, &mut |word| {
            let (id, new) = vocab.intern(word);
            // Ids are dense: a new word's id is the length of `counts`.
            if new {
                bulk.counts.push(0);
            }
            if let Some(count) = bulk.counts.get_mut(id as usize) {
                *count += 1;
                bulk.flat.push((id, weight));
            }
        });
        self.buf = buf;
    }

    /// Makes room for `n` more bulk-added word occurrences (an unlock worker knows about how
    /// many from its previous range), so that the staging list does not grow by copying.
    pub(crate) fn reserve_bulk(&mut self, n: usize) {
        self.bulk.flat.reserve(n);
    }

    /// How many word occurrences were bulk-added and are not sealed yet.
    pub(crate) fn bulk_occurrences(&self) -> usize {
        self.bulk.flat.len()
    }

    /// Ends bulk adding: writes the postings grouped by word (a counting sort of the
    /// occurrences, so each list is written once, in place; a document's occurrences of a
    /// word are summed in the order they came). Does not sort the vocabulary. Unlock workers call it on their own index, so that it runs in
    /// parallel; [`SearchIndex::merged`] calls it on any index not sealed yet.
    pub(crate) fn seal(&mut self) {
        if self.sealed {
            return;
        }
        self.sealed = true;
        let bulk = std::mem::take(&mut self.bulk);
        let words = self.vocab.len();
        let mut ranges = Vec::with_capacity(words);
        let mut at = 0;
        for id in 0..words {
            let n = bulk.counts.get(id).copied().unwrap_or(0);
            ranges.push((at, at));
            at += n;
        }
        let mut postings = vec![(0, 0.0); at];
        let mut from = 0;
        for &(doc, end) in &bulk.docs {
            let end = end.min(bulk.flat.len());
            for &(id, weight) in bulk.flat.get(from..end).unwrap_or_default() {
                let Some(range) = ranges.get_mut(id as usize) else {
                    continue;
                };
                // The word's last posting so far: this document's, if it had the word.
                match range
                    .1
                    .checked_sub(1)
                    .filter(|&last| last >= range.0)
                    .and_then(|last| postings.get_mut(last))
                {
                    Some(last) if last.0 == doc => last.1 += weight,
                    _ => {
                        if let Some(p) = postings.get_mut(range.1) {
                            *p = (doc, weight);
                            range.1 += 1;
                        }
                    }
                }
            }
            from = end;
        }
        self.parts = vec![Part {
            postings,
            offset: 0,
        }];
        self.ranges = ranges;
    }

    /// Sorts the vocabulary (every word id, in word order).
    fn sort_vocabulary(&mut self) {
        let vocab = &self.vocab;
        let mut sorted: Vec<TermId> = (0..vocab.len() as TermId).collect();
        sorted.sort_unstable_by(|&a, &b| vocab.word(a).cmp(vocab.word(b)));
        self.sorted = sorted;
    }

    /// Merges partial indexes, each with the document id its local ids start at, then sorts
    /// the vocabulary. Used at unlock. The parts' postings are kept where they are; only
    /// their vocabularies are merged.
    pub(crate) fn merged(parts: Vec<(SearchIndex, DocId)>) -> SearchIndex {
        let mut out = SearchIndex {
            sealed: true,
            ..SearchIndex::default()
        };
        let mut inputs = Vec::with_capacity(parts.len());
        for (mut part, offset) in parts {
            part.seal();
            // Word ids of this part → word ids of the merged index.
            let map: Vec<TermId> = if out.vocab.len() == 0 {
                // The first vocabulary is taken as it is.
                std::mem::swap(&mut out.vocab, &mut part.vocab);
                (0..out.vocab.len() as TermId).collect()
            } else {
                (0..part.vocab.len() as TermId)
                    .map(|id| out.vocab.intern(part.vocab.word(id)).0)
                    .collect()
            };
            inputs.push((part, offset, map));
        }
        let stride: usize = inputs.iter().map(|(p, _, _)| p.parts.len()).sum();
        let words = out.vocab.len();
        out.ranges = vec![(0, 0); words * stride];
        out.live = vec![Vec::new(); words];
        let mut base = 0;
        for (mut part, offset, map) in inputs {
            let k = part.parts.len();
            for (local, &id) in map.iter().enumerate() {
                for j in 0..k {
                    if let (Some(&r), Some(slot)) = (
                        part.ranges.get(local * k + j),
                        out.ranges.get_mut(id as usize * stride + base + j),
                    ) {
                        *slot = r;
                    }
                }
                if let (Some(list), Some(out_list)) =
                    (part.live.get_mut(local), out.live.get_mut(id as usize))
                {
                    out_list.extend(list.drain(..).map(|(d, w)| (d + offset, w)));
                }
            }
            for mut p in part.parts.drain(..) {
                p.offset += offset;
                out.parts.push(p);
            }
            base += k;
        }
        out.sort_vocabulary();
        out
    }

    /// Adds the words of one field of a document saved after unlock (its id above every
    /// document indexed so far), keeping the sorted vocabulary up to date.
    pub(crate) fn add_text_live(&mut self, doc: DocId, text: &str, weight: f32) {
        if !self.sealed {
            self.seal();
            self.sort_vocabulary();
        }
        let stride = self.parts.len();
        let mut buf = std::mem::take(&mut self.buf);
        fold_words(text, &mut buf, &mut |word| {
            let (id, new) = self.vocab.intern(word);
            if new {
                self.ranges.resize(self.ranges.len() + stride, (0, 0));
                let vocab = &self.vocab;
                let at = self.sorted.partition_point(|&t| vocab.word(t) < word);
                self.sorted.insert(at, id);
            }
            if self.live.len() <= id as usize {
                self.live.resize(id as usize + 1, Vec::new());
            }
            if let Some(list) = self.live.get_mut(id as usize) {
                match list.last_mut() {
                    Some(last) if last.0 == doc => last.1 += weight,
                    _ => list.push((doc, weight)),
                }
            }
        });
        self.buf = buf;
    }

    /// How many documents have word `id`.
    fn postings_len(&self, id: TermId) -> usize {
        let stride = self.parts.len();
        let bulk: usize = (0..stride)
            .filter_map(|p| self.ranges.get(id as usize * stride + p))
            .map(|&(s, e)| e - s)
            .sum();
        bulk + self.live.get(id as usize).map_or(0, Vec::len)
    }

    /// Calls `f` with every `(document, weight)` of word `id`.
    #[inline]
    fn for_each_posting(&self, id: TermId, mut f: impl FnMut(DocId, f32)) {
        let stride = self.parts.len();
        for (p, part) in self.parts.iter().enumerate() {
            let Some(&(s, e)) = self.ranges.get(id as usize * stride + p) else {
                continue;
            };
            for &(doc, w) in part.postings.get(s..e).unwrap_or_default() {
                f(doc.saturating_add(part.offset), w);
            }
        }
        for &(doc, w) in self.live.get(id as usize).map_or(&[][..], Vec::as_slice) {
            f(doc, w);
        }
    }

    /// Overwrites every indexed word (they are fragments of reflections).
    pub(crate) fn zeroize_words(&mut self) {
        self.vocab.clear();
        self.bulk = Bulk::default();
        self.parts.clear();
        self.ranges.clear();
        self.live.clear();
        self.sorted.clear();
        self.buf.zeroize();
    }

    /// Scores every live document matching all words of `query` (as prefixes). `live` says
    /// whether a document still exists and passes the caller's filters. Returns documents
    /// with their score, unsorted.
    pub(crate) fn search(
        &self,
        query: &str,
        doc_count: usize,
        live: impl Fn(DocId) -> bool,
    ) -> Vec<(DocId, f32)> {
        let mut qwords: Vec<String> = Vec::new();
        for_each_folded_word(query, |w| qwords.push(w.to_owned()));
        qwords.sort_unstable();
        qwords.dedup();
        if qwords.is_empty() || qwords.len() > u16::MAX as usize {
            return Vec::new();
        }
        let mut score = vec![0f32; doc_count];
        let mut matched = vec![0u16; doc_count];
        let tf = TermFrequency::new();
        let n = doc_count.max(1) as f32;
        let vocab = &self.vocab;
        for (qi, q) in qwords.iter().enumerate() {
            let q = q.as_str();
            let stamp = qi as u16 + 1;
            let start = self.sorted.partition_point(|&t| vocab.word(t) < q);
            for &t in self.sorted[start..]
                .iter()
                .take_while(|&&t| vocab.word(t).starts_with(q))
            {
                let len = self.postings_len(t);
                if len == 0 {
                    continue;
                }
                let idf = (1.0 + n / len as f32).ln();
                let exact = if vocab.word(t) == q { 1.0 } else { 0.6 };
                self.for_each_posting(t, |doc, w| {
                    let d = doc as usize;
                    if d >= doc_count {
                        return;
                    }
                    score[d] += tf.of(w) * idf * exact;
                    // Count each query word once per document, however many words it prefixes.
                    if matched[d] == stamp - 1 {
                        matched[d] = stamp;
                    }
                });
            }
        }
        let all = qwords.len() as u16;
        (0..doc_count)
            .filter(|&d| matched[d] == all && live(d as DocId))
            .map(|d| (d as DocId, score[d]))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(docs: &[&[(&str, f32)]]) -> SearchIndex {
        let mut idx = SearchIndex::default();
        for (d, fields) in docs.iter().enumerate() {
            for (text, w) in *fields {
                idx.add_text(d as DocId, text, *w);
            }
        }
        SearchIndex::merged(vec![(idx, 0)])
    }

    /// Folding exactly as it was before the ASCII fast path (every character decoded and
    /// folded one by one): the reference the fast path must agree with.
    fn reference_words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut w = String::with_capacity(32);
        for c in text.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    w.push(c.to_ascii_lowercase());
                    continue;
                }
            } else if is_combining_mark(c) {
                continue;
            } else if c.is_alphanumeric() {
                decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        w.extend(d.to_lowercase());
                    }
                });
                continue;
            }
            if !w.is_empty() {
                out.push(w.clone());
                w.clear();
            }
        }
        if !w.is_empty() {
            out.push(w);
        }
        out
    }

    fn fast_words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_folded_word(text, |w| out.push(w.to_owned()));
        out
    }

    #[test]
    fn fast_path_agrees_with_reference_on_edge_cases() {
        for text in [
            "",
            " ",
            "a",
            "A",
            "ABC def GHi",
            "a\u{301}",
            "\u{301}a",
            "\u{301}",
            " \u{301} ",
            "Cafe\u{301}s CAFÉ café",
            "ABC\u{e9}DEF",
            "\u{e9}ABC",
            "x\u{200b}y",
            "İstanbul ﬁne Kelvin \u{212a} Å ß ẞ",
            "«quoted» “curly” — dash…",
            "tab\tnew\nline\r\n end",
            "mixed123Numbers 4567 ٣٤ ①②",
            "日本語のテキスト 中文",
            "Ørsted straße 12b",
            "emoji 😀 in\u{1F600}between",
            "\u{7f}\u{0}ctrl\u{1}",
            "ends with accent e\u{301}",
            "ÀÉÎÕÜ àéîõü ÇçÑñ",
        ] {
            assert_eq!(fast_words(text), reference_words(text), "{text:?}");
        }
    }

    #[test]
    fn fast_path_agrees_with_reference_on_every_ascii_byte_at_every_offset() {
        // Every ASCII byte between letters, at every position of an eight-byte chunk (the
        // fast path classifies eight bytes at a time), and in long runs with upper case.
        let ascii: String = (0u8..128).map(char::from).collect();
        for pad in 0..16 {
            let lead = "aB".repeat(pad);
            for c in ascii.chars() {
                let text = format!("{lead}x{c}Yz{c}{c}0123456789abcdefGHIJ{c}é{c}");
                assert_eq!(fast_words(&text), reference_words(&text), "{text:?}");
            }
            let text = format!("{lead}{ascii}{ascii}Ünïcödé{lead}");
            assert_eq!(fast_words(&text), reference_words(&text), "{text:?}");
        }
    }

    #[test]
    fn latin_table_matches_the_general_path() {
        for u in LATIN_START..LATIN_END {
            let c = char::from_u32(u).unwrap();
            let (mut a, mut b) = (String::new(), String::new());
            assert_eq!(
                fold_non_ascii(c, &mut a, &LATIN),
                fold_char(c, &mut b),
                "{c:?}"
            );
            assert_eq!(a, b, "{c:?}");
        }
    }

    fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            4 => "[a-z]{1,8}",
            2 => "[A-Za-z0-9]{1,8}",
            2 => "[ .,;:!?'\"()\\-\t\n]{1,2}",
            1 => "[À-ÿ]{1,2}",
            1 => "[\u{300}-\u{36f}]",
            1 => "[Α-ωа-яİıßﬁ\u{212a}Åẞ]{1,3}",
            1 => "[\u{2000}-\u{206f}\u{3000}-\u{30ff}]",
            1 => "\\PC",
            1 => any::<char>().prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(1024))]

        /// The ASCII fast path folds exactly like the general path, for any text.
        #[test]
        fn fast_path_folds_like_general_path_mixed(text in mixed_text()) {
            proptest::prop_assert_eq!(fast_words(&text), reference_words(&text));
        }

        #[test]
        fn fast_path_folds_like_general_path_any(text in "\\PC{0,80}", raw in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(fast_words(&text), reference_words(&text));
            proptest::prop_assert_eq!(fast_words(&raw), reference_words(&raw));
        }

        /// An index built in parts and merged finds the same documents with the same scores
        /// as one built whole, and as one built by live adds alone (the one-document-at-a-
        /// time path), before and after documents are added live.
        #[test]
        fn merged_parts_equal_one_index(
            docs in proptest::collection::vec(mixed_text(), 1..24),
            later in proptest::collection::vec(mixed_text(), 0..6),
            cut1 in 0usize..24,
            cut2 in 0usize..24,
        ) {
            let (cut1, cut2) = (cut1.min(docs.len()), cut2.min(docs.len()));
            let (cut1, cut2) = (cut1.min(cut2), cut1.max(cut2));
            let mut whole = SearchIndex::default();
            let mut live_only = SearchIndex::default();
            let mut parts = [
                SearchIndex::default(),
                SearchIndex::default(),
                SearchIndex::default(),
            ];
            for (d, text) in docs.iter().enumerate() {
                whole.add_text(d as DocId, text, 1.0);
                whole.add_text(d as DocId, "title words", 3.0);
                whole.add_text(d as DocId, text, 2.0);
                live_only.add_text_live(d as DocId, text, 1.0);
                live_only.add_text_live(d as DocId, "title words", 3.0);
                live_only.add_text_live(d as DocId, text, 2.0);
                let (p, local) = if d < cut1 {
                    (0, d)
                } else if d < cut2 {
                    (1, d - cut1)
                } else {
                    (2, d - cut2)
                };
                parts[p].add_text(local as DocId, text, 1.0);
                parts[p].add_text(local as DocId, "title words", 3.0);
                parts[p].add_text(local as DocId, text, 2.0);
            }
            let [a, b, c] = parts;
            // One part sealed by its worker, the others by the merge.
            let mut a = a;
            a.seal();
            let mut whole = SearchIndex::merged(vec![(whole, 0)]);
            let mut merged = SearchIndex::merged(vec![
                (a, 0),
                (b, cut1 as DocId),
                (c, cut2 as DocId),
            ]);
            for (i, text) in later.iter().enumerate() {
                let d = (docs.len() + i) as DocId;
                whole.add_text_live(d, text, 1.0);
                merged.add_text_live(d, text, 1.0);
                live_only.add_text_live(d, text, 1.0);
                live_only.add_text_live(d, "after", 2.0);
                // After sealing, add_text is a live add.
                merged.add_text(d, "after", 2.0);
                whole.add_text_live(d, "after", 2.0);
            }
            let n = docs.len() + later.len();
            for text in docs.iter().chain(&later).map(String::as_str).chain(["after", "title"]) {
                for word in fast_words(text) {
                    for end in word.char_indices().map(|(i, c)| i + c.len_utf8()) {
                        let q = &word[..end];
                        let mut x = whole.search(q, n, |_| true);
                        let mut y = merged.search(q, n, |_| true);
                        let mut z = live_only.search(q, n, |_| true);
                        x.sort_by_key(|h| h.0);
                        y.sort_by_key(|h| h.0);
                        z.sort_by_key(|h| h.0);
                        proptest::prop_assert_eq!(&x, &y);
                        proptest::prop_assert_eq!(&x, &z);
                    }
                }
            }
        }
    }

    #[test]
    fn live_adds_work_on_an_index_never_sealed() {
        // A new vault's journal starts from an empty index and only ever adds live.
        let mut idx = SearchIndex::default();
        idx.add_text_live(0, "Zebra apple", 1.0);
        idx.add_text_live(1, "apple apple", 1.0);
        assert_eq!(idx.search("apple", 2, |_| true).len(), 2);
        assert_eq!(idx.search("zeb", 2, |_| true).len(), 1);
        let mut bulk = SearchIndex::default();
        bulk.add_text(0, "zebra", 1.0);
        // Bulk adds not yet sealed are sealed by the first live add.
        bulk.add_text_live(1, "zebu", 1.0);
        assert_eq!(bulk.search("zeb", 2, |_| true).len(), 2);
        let hits = idx.search("apple", 2, |_| true);
        let doc1 = hits.iter().find(|h| h.0 == 1).map(|h| h.1);
        let doc0 = hits.iter().find(|h| h.0 == 0).map(|h| h.1);
        assert!(doc1 > doc0, "two occurrences weigh more than one");
    }

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

    #[test]
    fn term_frequency_table_gives_the_computed_value() {
        let tf = TermFrequency::new();
        let mut w = 0.0f32;
        while w < 80.0 {
            assert_eq!(tf.of(w).to_bits(), (1.0 + w.ln_1p()).to_bits(), "{w}");
            w += 0.25;
        }
        for w in [-1.0f32, -0.5, 63.0, 64.0, 1e9, f32::NAN, f32::INFINITY] {
            let (a, b) = (tf.of(w), 1.0 + w.ln_1p());
            assert!(
                a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                "{w}"
            );
        }
    }

    #[test]
    fn debug_never_shows_words() {
        let mut idx = SearchIndex::default();
        idx.add_text(0, "secretword", 1.0);
        assert!(!format!("{idx:?}").contains("secretword"));
    }

    #[test]
    fn folding_removes_case_and_accents() {
        assert_eq!(fold("Lucía ÉLAN naïve"), "lucia elan naive");
        assert_eq!(fold("Cafe\u{301}, crème-brûlée!"), "cafe creme brulee");
        assert_eq!(fold("  "), "");
        assert_eq!(fold("Ørsted straße 12b"), "ørsted straße 12b");
    }

    #[test]
    fn prefix_and_all_words_must_match() {
        let idx = index(&[
            &[("Mother held the baby", 1.0)],
            &[("Father and baby", 1.0)],
            &[("Lucía cried", 1.0)],
        ]);
        let ids = |q: &str| {
            let mut v: Vec<u32> = idx
                .search(q, 3, |_| true)
                .into_iter()
                .map(|x| x.0)
                .collect();
            v.sort();
            v
        };
        assert_eq!(ids("bab"), vec![0, 1]);
        assert_eq!(ids("BABY moth"), vec![0]);
        assert_eq!(ids("lucia"), vec![2]);
        assert_eq!(ids("LUCÍA"), vec![2]);
        assert_eq!(ids("xyz"), Vec::<u32>::new());
        assert_eq!(ids("baby xyz"), Vec::<u32>::new());
        assert_eq!(ids(""), Vec::<u32>::new());
        assert_eq!(idx.search("baby", 3, |d| d != 0).len(), 1);
    }

    #[test]
    fn ranking_prefers_title_and_whole_words() {
        let idx = index(&[
            &[("sleeping routine", 1.0)],
            &[("sleep", 3.0)],
            &[("sleep", 1.0)],
        ]);
        let mut hits = idx.search("sleep", 3, |_| true);
        hits.sort_by(|a, b| b.1.total_cmp(&a.1));
        let order: Vec<u32> = hits.iter().map(|h| h.0).collect();
        assert_eq!(order, vec![1, 2, 0]);
    }

    #[test]
    fn partial_indexes_merge_and_live_adds_keep_prefix_order() {
        let mut a = SearchIndex::default();
        a.add_text(0, "zebra apple", 1.0);
        let mut b = SearchIndex::default();
        b.add_text(0, "apple", 1.0);
        let mut idx = SearchIndex::merged(vec![(a, 0), (b, 1)]);
        assert_eq!(idx.search("apple", 2, |_| true).len(), 2);
        idx.add_text_live(2, "apricot", 1.0);
        idx.add_text_live(3, "aardvark", 1.0);
        assert_eq!(idx.search("ap", 4, |_| true).len(), 3);
        assert_eq!(idx.search("aa", 4, |_| true).len(), 1);
        assert_eq!(idx.search("z", 4, |_| true).len(), 1);
    }
}
