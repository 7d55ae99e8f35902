//! The journal as a list: a page of reflections matching a search and filters, each with its
//! searched words marked, and the tags and family pseudonyms the filters can offer.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::journal::{excerpt, highlight, Journal, QueryWords, Segment};
use crate::vault::Vault;
use crate::{Reflection, ReflectionFilter, ReflectionKind};

/// Longest excerpt shown under a reflection in the window's list, in characters.
const EXCERPT_CHARS: usize = 220;

/// Which reflections to list (the window's `list_reflections`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalQuery {
    /// Words to search for; empty lists every reflection, newest first.
    pub query: String,
    /// Narrows the list by kind, tag, family and dates.
    pub filter: ReflectionFilter,
    /// At most this many items come back; `total` counts them all.
    pub limit: u32,
}

/// One reflection in a list: enough to recognise it, with the searched words marked.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReflectionSummary {
    /// Its id.
    pub id: String,
    /// Home visit, supervision or note.
    pub kind: ReflectionKind,
    /// The day it is about, `YYYY-MM-DD`.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// The title, with matched words marked.
    pub title: Vec<Segment>,
    /// The family pseudonym.
    pub family: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// A short excerpt, around the first match when searching.
    pub excerpt: Vec<Segment>,
    /// Comments others sent back on it that have not been seen yet.
    pub unread_comments: usize,
}

impl ReflectionSummary {
    /// `r` as a list shows it, with the words of `query` marked, and an excerpt of about
    /// `excerpt_chars` characters; none when that is 0 (the command line prints none, and
    /// finding the first match in every reflection is work a long list would feel).
    pub fn of(r: &Reflection, query: &QueryWords, excerpt_chars: usize) -> Self {
        ReflectionSummary {
            id: r.id.clone(),
            kind: r.content.kind,
            date: r.content.date,
            title: highlight(&r.content.title, query),
            family: r.content.family.clone(),
            tags: r.content.tags.clone(),
            excerpt: if excerpt_chars == 0 {
                Vec::new()
            } else {
                excerpt(r, query, excerpt_chars)
            },
            unread_comments: 0,
        }
    }

    /// The title as written, without the marks.
    pub fn title_text(&self) -> String {
        self.title.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A page of the journal (the window's `list_reflections`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalPage {
    /// The reflections, best match (or newest) first.
    pub items: Vec<ReflectionSummary>,
    /// How many matched in all.
    pub total: usize,
}

/// A tag or family pseudonym in use, with how many reflections carry it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Facet {
    /// The tag or pseudonym.
    pub name: String,
    /// How many reflections carry it.
    pub count: usize,
}

/// What the journal's filters can offer (the window's `journal_facets`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JournalFacets {
    /// Tags in use, most used first.
    pub tags: Vec<Facet>,
    /// Family pseudonyms in use, most used first.
    pub families: Vec<Facet>,
}

/// The reflections a query finds: with no words in it, every reflection the filter lets
/// through, newest first; else the search's hits, best first.
pub fn found<'j>(
    journal: &'j Journal,
    query: &str,
    filter: &ReflectionFilter,
) -> Vec<&'j Reflection> {
    if QueryWords::new(query).is_empty() {
        journal.list(filter)
    } else {
        journal
            .search(query, filter)
            .into_iter()
            .map(|hit| hit.reflection)
            .collect()
    }
}

/// Reflections matching a search and filters, best (or newest) first, with the searched
/// words marked and an excerpt each; at most `query.limit` of them, and how many matched.
pub fn journal_page(vault: &Vault, query: &JournalQuery) -> JournalPage {
    let words = QueryWords::new(&query.query);
    let found = found(vault.journal(), &query.query, &query.filter);
    let unread = vault.sharing().unread_on_mine();
    JournalPage {
        items: found
            .iter()
            .take(query.limit as usize)
            .map(|r| ReflectionSummary {
                unread_comments: unread.get(r.id.as_str()).copied().unwrap_or(0),
                ..ReflectionSummary::of(r, &words, EXCERPT_CHARS)
            })
            .collect(),
        total: found.len(),
    }
}

/// The tags and family pseudonyms in use, most used first: for the filters, and for
/// suggestions while writing.
pub fn journal_facets(vault: &Vault) -> JournalFacets {
    let facets = |list: Vec<(String, usize)>| {
        list.into_iter()
            .map(|(name, count)| Facet { name, count })
            .collect()
    };
    let journal = vault.journal();
    JournalFacets {
        tags: facets(journal.tags()),
        families: facets(journal.families()),
    }
}
