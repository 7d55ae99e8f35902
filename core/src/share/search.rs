//! Finding words in what others shared with me, as the journal's search does in my own
//! reflections: every word of the query must start a word of the reflection (case and
//! accents ignored), in its title, family pseudonym or any section shared.

use super::model::{SharedReflection, Sharing};
use crate::journal::for_each_folded_word;

impl Sharing {
    /// The reflections shared with me that match every word of `query`, in the order of
    /// [`Sharing::shared_reflections`]. A query without words matches nothing.
    pub fn search_shared(&self, query: &str) -> Vec<&SharedReflection> {
        let mut wanted: Vec<String> = Vec::new();
        for_each_folded_word(query, |w| wanted.push(w.to_owned()));
        if wanted.is_empty() {
            return Vec::new();
        }
        self.shared_reflections()
            .into_iter()
            .filter(|r| {
                let x = &r.reflection;
                let mut words: Vec<String> = Vec::new();
                for text in [&x.title, &x.family].into_iter().chain(x.sections.values()) {
                    for_each_folded_word(text, |w| words.push(w.to_owned()));
                }
                wanted
                    .iter()
                    .all(|q| words.iter().any(|w| w.starts_with(q.as_str())))
            })
            .collect()
    }
}
