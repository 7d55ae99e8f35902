//! The in-memory search index, built at unlock and never written anywhere.
//!
//! Text is folded (lower case, accents removed, so "Lucía" matches "lucia"), split into words,
//! and indexed as an inverted index. A query matches a reflection when every query word is a
//! prefix of some word in it; results are ranked by a tf-idf score in which title words weigh
//! more than body words and whole-word matches more than prefix matches.

use std::collections::HashMap;
use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Position of a reflection in the journal's document table.
pub(crate) type DocId = u32;

/// Folds `text` into lower-case, accent-free words, appending them to `out` and reporting each
/// word's byte range in `out`.
pub fn fold_words(text: &str, out: &mut String, mut word: impl FnMut(Range<usize>)) {
    let mut start: Option<usize> = None;
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                start.get_or_insert(out.len());
                out.push(c.to_ascii_lowercase());
                continue;
            }
        } else if is_combining_mark(c) {
            // An accent typed as a separate code point belongs to the word it follows.
            continue;
        } else if c.is_alphanumeric() {
            start.get_or_insert(out.len());
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            });
            continue;
        }
        if let Some(s) = start.take() {
            word(s..out.len());
            out.push(' ');
        }
    }
    if let Some(s) = start.take() {
        word(s..out.len());
        out.push(' ');
    }
}

/// Folds `text` into one string of words separated by single spaces (for comparisons and for
/// the UI's highlighting).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_words(text, &mut out, |_| {});
    out.truncate(out.trim_end().len());
    out
}

/// The folded, weighted words of one document, ready to be merged into the index. Built off
/// the index so that documents can be prepared on several threads.
#[derive(Debug, Default)]
pub(crate) struct DocTerms {
    buf: String,
    terms: Vec<(Range<u32>, f32)>,
}

impl DocTerms {
    /// Adds a field's words with a weight.
    pub(crate) fn add(&mut self, text: &str, weight: f32) {
        let terms = &mut self.terms;
        fold_words(text, &mut self.buf, |r| {
            // Documents are far below 4 GiB: fields are capped at 256 KiB.
            let r = (r.start as u32)..(r.end as u32);
            terms.push((r, weight));
        });
    }

    /// Sorts and merges repeated words, summing their weights.
    fn merged(mut self) -> (String, Vec<(Range<u32>, f32)>) {
        let buf = &self.buf;
        let word = |r: &Range<u32>| &buf[r.start as usize..r.end as usize];
        self.terms
            .sort_unstable_by(|a, b| word(&a.0).cmp(word(&b.0)));
        let mut merged: Vec<(Range<u32>, f32)> = Vec::with_capacity(self.terms.len());
        for (r, w) in self.terms.drain(..) {
            match merged.last_mut() {
                Some((last, lw)) if word(last) == word(&r) => *lw += w,
                _ => merged.push((r, w)),
            }
        }
        (self.buf, merged)
    }
}

/// The inverted index: word → the documents that contain it, with a weight.
#[derive(Debug, Default)]
pub(crate) struct SearchIndex {
    postings: HashMap<Box<str>, Vec<(DocId, f32)>>,
    /// Every indexed word, sorted, for prefix ranges.
    sorted: Vec<Box<str>>,
    /// Whether `sorted` is missing words added in bulk.
    unsorted: bool,
}

impl SearchIndex {
    /// Adds a document. In bulk mode (`bulk = true`) new words are sorted later by
    /// [`SearchIndex::finish_bulk`].
    pub(crate) fn add(&mut self, doc: DocId, terms: DocTerms, bulk: bool) {
        let (buf, merged) = terms.merged();
        for (r, w) in merged {
            let word = &buf[r.start as usize..r.end as usize];
            if let Some(list) = self.postings.get_mut(word) {
                list.push((doc, w));
                continue;
            }
            let key: Box<str> = word.into();
            if bulk {
                self.sorted.push(key.clone());
                self.unsorted = true;
            } else {
                let at = self.sorted.partition_point(|t| **t < *word);
                self.sorted.insert(at, key.clone());
            }
            self.postings.insert(key, vec![(doc, w)]);
        }
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

    /// Sorts the words added in bulk.
    pub(crate) fn finish_bulk(&mut self) {
        if self.unsorted {
            self.sorted.sort_unstable();
            self.unsorted = false;
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
        let mut folded = String::new();
        let mut words: Vec<Range<usize>> = Vec::new();
        fold_words(query, &mut folded, |r| words.push(r));
        let mut qwords: Vec<&str> = words.iter().map(|r| &folded[r.clone()]).collect();
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
            for term in self.sorted[start..].iter().take_while(|t| t.starts_with(q)) {
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

    fn doc(texts: &[(&str, f32)]) -> DocTerms {
        let mut t = DocTerms::default();
        for (text, w) in texts {
            t.add(text, *w);
        }
        t
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
        let mut idx = SearchIndex::default();
        idx.add(0, doc(&[("Mother held the baby", 1.0)]), true);
        idx.add(1, doc(&[("Father and baby", 1.0)]), true);
        idx.add(2, doc(&[("Lucía cried", 1.0)]), true);
        idx.finish_bulk();
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
        let mut idx = SearchIndex::default();
        idx.add(0, doc(&[("sleeping routine", 1.0)]), false);
        idx.add(1, doc(&[("sleep", 3.0)]), false);
        idx.add(2, doc(&[("sleep", 1.0)]), false);
        let mut hits = idx.search("sleep", 3, |_| true);
        hits.sort_by(|a, b| b.1.total_cmp(&a.1));
        let order: Vec<u32> = hits.iter().map(|h| h.0).collect();
        assert_eq!(order, vec![1, 2, 0]);
    }

    #[test]
    fn incremental_adds_keep_prefix_order() {
        let mut idx = SearchIndex::default();
        idx.add(0, doc(&[("zebra", 1.0)]), false);
        idx.add(1, doc(&[("apple", 1.0)]), false);
        idx.add(2, doc(&[("apricot", 1.0)]), false);
        assert_eq!(idx.search("ap", 3, |_| true).len(), 2);
        assert_eq!(idx.search("z", 3, |_| true).len(), 1);
    }
}
