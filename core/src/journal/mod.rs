//! Reflections held in memory after unlock: listing, filtering and search.

mod model;
pub mod records;
mod search;
mod snippet;

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use model::{
    check_not_before_earliest_year, parse_date, today, Reflection, ReflectionDraft, ReflectionKind,
    EARLIEST_YEAR, MAX_DRAFT_JSON_BYTES, MAX_FIELD_BYTES, MAX_TAGS,
};
pub use search::{fold, for_each_folded_word};
pub(crate) use search::{DocId, SearchIndex};
pub use snippet::{excerpt, highlight, QueryWords, Segment};

use crate::error::Result;
use crate::record::ids::resolve_id;

/// Which reflections to show. Every field narrows; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReflectionFilter {
    /// Only this kind.
    pub kind: Option<ReflectionKind>,
    /// Only reflections with this tag (case- and accent-insensitive).
    pub tag: Option<String>,
    /// Only this family pseudonym (case- and accent-insensitive).
    pub family: Option<String>,
    /// Only dates on or after this day.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub from: Option<NaiveDate>,
    /// Only dates on or before this day.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub to: Option<NaiveDate>,
}

/// A filter with its text parts folded once, so matching does not allocate per reflection.
struct PreparedFilter<'a> {
    filter: &'a ReflectionFilter,
    tag: Option<String>,
    family: Option<String>,
}

impl<'a> PreparedFilter<'a> {
    fn new(filter: &'a ReflectionFilter) -> Self {
        PreparedFilter {
            filter,
            tag: filter.tag.as_deref().map(fold).filter(|t| !t.is_empty()),
            family: filter.family.as_deref().map(fold).filter(|t| !t.is_empty()),
        }
    }

    fn matches(&self, r: &Reflection) -> bool {
        let c = &r.content;
        let f = self.filter;
        f.kind.is_none_or(|k| k == c.kind)
            && f.from.is_none_or(|d| c.date >= d)
            && f.to.is_none_or(|d| c.date <= d)
            && self
                .family
                .as_ref()
                .is_none_or(|fam| fold(&c.family) == *fam)
            && self
                .tag
                .as_ref()
                .is_none_or(|tag| c.tags.iter().any(|t| fold(t) == *tag))
    }
}

/// A search result: the reflection and how well it matched.
#[derive(Debug, Clone, Copy)]
pub struct SearchHit<'a> {
    /// The matching reflection.
    pub reflection: &'a Reflection,
    /// Relevance; higher is better. Only meaningful within one result list.
    pub score: f32,
}

/// Indexes the words of a reflection, title words weighing most. `live` keeps the sorted
/// vocabulary current (saves after unlock); bulk indexing at unlock sorts it once at the end.
pub(crate) fn index_reflection(index: &mut SearchIndex, doc: DocId, r: &Reflection, live: bool) {
    let c = &r.content;
    let fields = [(&c.title, 3.0), (&c.family, 2.0)]
        .into_iter()
        .chain(c.tags.iter().map(|t| (t, 2.0)))
        .chain(
            [
                &c.parent_infant,
                &c.practitioner_parent,
                &c.supervisor_practitioner,
                &c.self_,
                &c.for_supervision,
            ]
            .into_iter()
            .map(|t| (t, 1.0)),
        );
    for (text, weight) in fields {
        if live {
            index.add_text_live(doc, text, weight);
        } else {
            index.add_text(doc, text, weight);
        }
    }
}

/// From how many reflections merged at once it pays to index them in batches
/// ([`Journal::upsert_batches`]) rather than one by one ([`Journal::upsert`]).
pub(crate) const BULK_FROM: usize = 64;

/// Reflections indexed together apart from the journal (each worker of a merge indexes
/// its own), to be added to it at once by [`Journal::upsert_batches`].
#[derive(Debug)]
pub(crate) struct Batch {
    reflections: Vec<Reflection>,
    index: SearchIndex,
}

impl Batch {
    /// Indexes `reflections` in bulk (local document ids from 0) and seals the index.
    pub(crate) fn new(reflections: Vec<Reflection>) -> Batch {
        let mut index = SearchIndex::default();
        for (i, r) in reflections.iter().enumerate() {
            // A batch holds far fewer than 4 billion reflections.
            index_reflection(&mut index, i as DocId, r, false);
        }
        index.seal();
        Batch { reflections, index }
    }

    /// The ids of its reflections.
    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> {
        self.reflections.iter().map(|r| r.id.as_str())
    }
}

impl Drop for Batch {
    /// Overwrites the reflections and indexed words of a batch never taken in (a merge
    /// whose transaction failed); one taken in leaves nothing behind.
    fn drop(&mut self) {
        for r in &mut self.reflections {
            r.zeroize_text();
        }
        self.index.zeroize_words();
    }
}

/// Every reflection of an unlocked vault, and the search index over them.
#[derive(Debug, Default)]
pub struct Journal {
    /// What was imported from other journals (the keys of their entries).
    imported: records::ImportLog,
    docs: Vec<Option<Reflection>>,
    /// Document id by reflection id. Ids are random, so a fast hash is enough (built for
    /// every reflection at unlock).
    by_id: FxHashMap<String, DocId>,
    index: SearchIndex,
}

impl Journal {
    /// Builds the journal at unlock from a document table (a reflection's document id is
    /// its position), partial search indexes over runs of it, each with the document id
    /// its local ids start at, and each reflection's id with its document id (copied by
    /// the unlock workers, so that this runs no allocation per reflection).
    pub(crate) fn build(
        docs: Vec<Option<Reflection>>,
        parts: Vec<(SearchIndex, DocId)>,
        ids: Vec<(String, DocId)>,
    ) -> Journal {
        let mut by_id = FxHashMap::with_capacity_and_hasher(ids.len(), Default::default());
        by_id.extend(ids);
        let index = SearchIndex::merged(parts);
        Journal {
            imported: records::ImportLog::default(),
            docs,
            by_id,
            index,
        }
    }

    /// The log of what was imported, as loaded at unlock.
    pub(crate) fn set_import_log(&mut self, log: records::ImportLog) {
        self.imported = log;
    }

    /// Whether an entry of another journal, by its key ([`records::ImportItem::key`]), was
    /// imported before.
    pub fn was_imported(&self, key: &str) -> bool {
        self.imported.keys.contains(key)
    }

    /// Adds or replaces a reflection (after it was saved).
    pub(crate) fn upsert(&mut self, r: Reflection) {
        // More than 4 billion saves in one session is not a case we serve.
        let doc = self.docs.len() as DocId;
        index_reflection(&mut self.index, doc, &r, true);
        self.push_doc(r);
    }

    /// Puts `r` at the end of the document table (its document id is the table's length),
    /// in place of its earlier version, whose text is overwritten.
    fn push_doc(&mut self, r: Reflection) {
        // More than 4 billion saves in one session is not a case we serve.
        let doc = self.docs.len() as DocId;
        if let Some(old) = self.by_id.insert(r.id.clone(), doc) {
            if let Some(mut old) = self.docs.get_mut(old as usize).and_then(Option::take) {
                old.zeroize_text();
            }
        }
        self.docs.push(Some(r));
    }

    /// Adds or replaces many reflections at once (merged from another device), indexed
    /// apart in batches: each batch's index becomes one more part of the journal's, as at
    /// unlock (indexing them one by one keeps the sorted vocabulary current at every new
    /// word, which costs its length each time).
    pub(crate) fn upsert_batches(&mut self, batches: Vec<Batch>) {
        let mut parts = vec![(std::mem::take(&mut self.index), 0)];
        let mut reflections = Vec::new();
        for mut batch in batches {
            // More than 4 billion reflections is not a case we serve.
            let offset = (self.docs.len() + reflections.len()) as DocId;
            parts.push((std::mem::take(&mut batch.index), offset));
            reflections.append(&mut batch.reflections);
        }
        self.index = SearchIndex::merged(parts);
        for r in reflections {
            self.push_doc(r);
        }
    }

    /// Forgets a reflection (after it was deleted), overwriting its text in memory.
    pub(crate) fn forget(&mut self, id: &str) {
        let Some(doc) = self.by_id.remove(id) else {
            return;
        };
        if let Some(mut r) = self.docs.get_mut(doc as usize).and_then(Option::take) {
            r.zeroize_text();
        }
    }

    /// Number of reflections.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether there are no reflections.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The reflection with exactly this id.
    pub fn get(&self, id: &str) -> Option<&Reflection> {
        let doc = *self.by_id.get(id)?;
        self.docs.get(doc as usize)?.as_ref()
    }

    /// The reflection whose id is `id` or starts with `id` (at least 4 characters), as typed
    /// on the command line.
    pub fn resolve(&self, id: &str) -> Result<&Reflection> {
        resolve_id(
            "reflection",
            id,
            |id| self.get(id),
            self.live().map(|r| (r.id.as_str(), r)),
        )
    }

    fn live(&self) -> impl Iterator<Item = &Reflection> {
        self.docs.iter().flatten()
    }

    /// Reflections passing `filter`, newest date first (then most recently saved first).
    pub fn list(&self, filter: &ReflectionFilter) -> Vec<&Reflection> {
        let f = PreparedFilter::new(filter);
        let mut out: Vec<&Reflection> = self.live().filter(|r| f.matches(r)).collect();
        out.sort_by(|a, b| {
            b.content
                .date
                .cmp(&a.content.date)
                .then(b.updated_at.cmp(&a.updated_at))
        });
        out
    }

    /// Reflections matching every word of `query` (as word prefixes, ignoring case and
    /// accents) and `filter`, best first; ties go to the newer date.
    pub fn search(&self, query: &str, filter: &ReflectionFilter) -> Vec<SearchHit<'_>> {
        let f = PreparedFilter::new(filter);
        let found = self.index.search(query, self.docs.len(), |d| {
            self.docs
                .get(d as usize)
                .and_then(Option::as_ref)
                .is_some_and(|r| f.matches(r))
        });
        let mut hits: Vec<SearchHit<'_>> = found
            .into_iter()
            .filter_map(|(d, score)| {
                let reflection = self.docs.get(d as usize)?.as_ref()?;
                Some(SearchHit { reflection, score })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.reflection.content.date.cmp(&a.reflection.content.date))
        });
        hits
    }

    /// Every tag in use with how many reflections carry it, most used first.
    pub fn tags(&self) -> Vec<(String, usize)> {
        count_values(
            self.live()
                .flat_map(|r| r.content.tags.iter().map(String::as_str)),
        )
    }

    /// Every family pseudonym in use with its count, most used first.
    pub fn families(&self) -> Vec<(String, usize)> {
        count_values(
            self.live()
                .map(|r| r.content.family.as_str())
                .filter(|f| !f.is_empty()),
        )
    }
}

fn count_values<'a>(values: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> =
        counts.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

impl Drop for Journal {
    /// Overwrites every decrypted reflection and indexed word when the vault is locked.
    fn drop(&mut self) {
        for r in self.docs.iter_mut().flatten() {
            r.zeroize_text();
        }
        self.index.zeroize_words();
    }
}
