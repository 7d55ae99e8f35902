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

use rustc_hash::FxHashMap;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Position of a reflection in the journal's document table.
pub(crate) type DocId = u32;

/// Calls `word` with each folded word of `text`: lower case, accents removed, split on
/// anything that is not a letter or digit.
pub fn for_each_folded_word(text: &str, mut word: impl FnMut(&str)) {
    let mut w = String::with_capacity(32);
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                w.push(c.to_ascii_lowercase());
                continue;
            }
        } else if is_combining_mark(c) {
            // An accent typed as a separate code point belongs to the word it follows.
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
            word(&w);
            w.clear();
        }
    }
    if !w.is_empty() {
        word(&w);
    }
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

/// The inverted index: word → the documents that contain it, with a summed weight.
#[derive(Debug, Default)]
pub(crate) struct SearchIndex {
    postings: FxHashMap<Box<str>, Vec<(DocId, f32)>>,
    /// Every indexed word, sorted, for prefix ranges.
    sorted: Vec<Box<str>>,
}

impl SearchIndex {
    /// Adds one occurrence of `word` in document `doc`; returns whether the word is new.
    fn add_word(&mut self, doc: DocId, word: &str, weight: f32) -> bool {
        match self.postings.get_mut(word) {
            Some(list) => {
                match list.last_mut() {
                    Some(last) if last.0 == doc => last.1 += weight,
                    _ => list.push((doc, weight)),
                }
                false
            }
            None => {
                self.postings.insert(word.into(), vec![(doc, weight)]);
                true
            }
        }
    }

    /// Adds the words of one field of document `doc`. Documents are added in increasing
    /// `doc` order, all fields of a document together. The sorted vocabulary is built by
    /// [`SearchIndex::merged`].
    pub(crate) fn add_text(&mut self, doc: DocId, text: &str, weight: f32) {
        for_each_folded_word(text, |word| {
            self.add_word(doc, word, weight);
        });
    }

    /// Merges partial indexes, each with the document id its local ids start at, then sorts
    /// the vocabulary. Used at unlock.
    pub(crate) fn merged(parts: Vec<(SearchIndex, DocId)>) -> SearchIndex {
        let mut out = SearchIndex::default();
        for (part, offset) in parts {
            for (word, mut list) in part.postings {
                if offset != 0 {
                    for posting in &mut list {
                        posting.0 += offset;
                    }
                }
                match out.postings.get_mut(&word) {
                    Some(existing) => existing.append(&mut list),
                    None => {
                        out.postings.insert(word, list);
                    }
                }
            }
        }
        out.sorted = out.postings.keys().cloned().collect();
        out.sorted.sort_unstable();
        out
    }

    /// Adds the words of one field of a document saved after unlock, keeping the sorted
    /// vocabulary up to date.
    pub(crate) fn add_text_live(&mut self, doc: DocId, text: &str, weight: f32) {
        for_each_folded_word(text, |word| {
            if self.add_word(doc, word, weight) {
                let at = self.sorted.partition_point(|t| **t < *word);
                self.sorted.insert(at, word.into());
            }
        });
    }

    /// Overwrites every indexed word (they are fragments of reflections).
    pub(crate) fn zeroize_words(&mut self) {
        use zeroize::Zeroize;
        for (mut word, _) in self.postings.drain() {
            word.zeroize();
        }
        for word in &mut self.sorted {
            word.zeroize();
        }
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
        let n = doc_count.max(1) as f32;
        for (qi, q) in qwords.iter().enumerate() {
            let stamp = qi as u16 + 1;
            let start = self.sorted.partition_point(|t| **t < **q);
            for term in self.sorted[start..]
                .iter()
                .take_while(|t| t.starts_with(q.as_str()))
            {
                let Some(list) = self.postings.get(term) else {
                    continue;
                };
                let idf = (1.0 + n / list.len() as f32).ln();
                let exact = if **term == **q { 1.0 } else { 0.6 };
                for &(doc, w) in list {
                    let d = doc as usize;
                    if d >= doc_count {
                        continue;
                    }
                    score[d] += (1.0 + w.ln_1p()) * idf * exact;
                    // Count each query word once per document, however many words it prefixes.
                    if matched[d] == stamp - 1 {
                        matched[d] = stamp;
                    }
                }
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
