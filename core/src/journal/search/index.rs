//! The inverted index: word → documents, built in bulk and merged at unlock, added to live,
//! and queried with tf-idf ranking.

use std::fmt;

use zeroize::Zeroize;

use super::fold::{fold_words, for_each_folded_word};
use super::vocab::{TermId, Vocab};

/// Position of a reflection in the journal's document table.
pub(crate) type DocId = u32;

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
    use super::super::fold::tests::{fast_words, mixed_text};
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

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(1024))]

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
