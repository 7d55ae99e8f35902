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
//!
//! Three parts, one job each: `fold` turns text into folded words, `vocab` interns words to
//! dense ids, and `index` is the inverted index over those ids (building, merging, querying).

mod fold;
mod index;
mod vocab;

pub use fold::{fold, for_each_folded_word};
pub(crate) use index::{DocId, SearchIndex};
