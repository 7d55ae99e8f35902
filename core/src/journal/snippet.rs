//! What a search result shows: the title and a short excerpt, with the words that matched the
//! query marked. Matching follows the search index exactly (folded words, query words as
//! prefixes), so what is marked is what was found.

use serde::Serialize;

use super::model::Reflection;
use super::search::for_each_folded_word;

/// A run of displayed text; `mark` is set on words the query matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Segment {
    /// The text, exactly as written (not folded).
    pub text: String,
    /// Whether this run is a matched word.
    pub mark: bool,
}

/// The folded words of a query, ready to mark text with.
#[derive(Debug, Default)]
pub struct QueryWords(Vec<String>);

impl QueryWords {
    /// Folds and splits `query` the way the search index does.
    pub fn new(query: &str) -> Self {
        let mut words = Vec::new();
        for_each_folded_word(query, |w| words.push(w.to_owned()));
        QueryWords(words)
    }

    /// Whether the query has no words (nothing will be marked).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn matches(&self, word: &str) -> bool {
        let mut folded = String::new();
        for_each_folded_word(word, |w| folded.push_str(w));
        self.0.iter().any(|q| folded.starts_with(q.as_str()))
    }
}

/// Whether `c` belongs to a word, as the search index splits words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c))
}

/// Byte ranges of the words of `text`.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| is_word_char(c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// Splits `text` into segments, marking every word that a query word is a prefix of.
pub fn highlight(text: &str, query: &QueryWords) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    if !query.is_empty() {
        for (start, end) in words(text) {
            if query.matches(&text[start..end]) {
                if plain_from < start {
                    out.push(Segment {
                        text: text[plain_from..start].to_owned(),
                        mark: false,
                    });
                }
                out.push(Segment {
                    text: text[start..end].to_owned(),
                    mark: true,
                });
                plain_from = end;
            }
        }
    }
    if plain_from < text.len() || out.is_empty() {
        out.push(Segment {
            text: text[plain_from..].to_owned(),
            mark: false,
        });
    }
    out
}

/// The byte offset of the first character boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A short excerpt of a reflection's sections, at most about `max_chars` characters: around
/// the first word the query matched, else from the start. White space is collapsed, and "…"
/// shows where text was cut.
pub fn excerpt(r: &Reflection, query: &QueryWords, max_chars: usize) -> Vec<Segment> {
    let c = &r.content;
    let sections = [
        c.parent_infant.as_str(),
        c.practitioner_parent.as_str(),
        c.supervisor_practitioner.as_str(),
        c.self_.as_str(),
        c.for_supervision.as_str(),
    ];
    let first_match = (!query.is_empty())
        .then(|| {
            sections.iter().find_map(|s| {
                words(s)
                    .find(|&(a, b)| query.matches(&s[a..b]))
                    .map(|(a, _)| (*s, a))
            })
        })
        .flatten();
    let (text, at) = match first_match {
        Some(found) => found,
        None => match sections.iter().find(|s| !s.trim().is_empty()) {
            Some(s) => (*s, 0),
            None => return Vec::new(),
        },
    };
    // Start a little before the match, at a word boundary, so it reads in context.
    let lead = max_chars / 4;
    let mut start = floor_boundary(text, at.saturating_sub(lead * 4));
    let before: Vec<(usize, char)> = text[start..at].char_indices().collect();
    if before.len() > lead {
        start += before[before.len() - lead].0;
        if let Some(space) = text[start..at].find(char::is_whitespace) {
            start += space;
        }
    }
    let mut end = text.len();
    if let Some((i, _)) = text[start..].char_indices().nth(max_chars) {
        end = start + i;
        if let Some(space) = text[start..end].rfind(char::is_whitespace) {
            if space > max_chars / 2 {
                end = start + space;
            }
        }
    }
    let mut piece: String = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if start > 0 {
        piece.insert(0, '…');
    }
    if end < text.len() {
        piece.push('…');
    }
    highlight(&piece, query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> Vec<&str> {
        segments
            .iter()
            .filter(|s| s.mark)
            .map(|s| s.text.as_str())
            .collect()
    }

    fn joined(segments: &[Segment]) -> String {
        segments.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn marks_whole_words_the_query_prefixes_ignoring_case_and_accents() {
        let q = QueryWords::new("luc SLE");
        let text = "Lucía could not sleep; LUCIA's sleepless night, and Luke.";
        let s = highlight(text, &q);
        assert_eq!(joined(&s), text, "nothing lost or changed");
        assert_eq!(
            marked(&s),
            ["Lucía", "sleep", "LUCIA", "sleepless"],
            "not Luke"
        );
    }

    #[test]
    fn decomposed_accents_stay_inside_their_word() {
        let q = QueryWords::new("lucia");
        let text = "Luci\u{301}a slept";
        assert_eq!(marked(&highlight(text, &q)), ["Luci\u{301}a"]);
    }

    #[test]
    fn no_query_marks_nothing_and_keeps_the_text() {
        let s = highlight("a b", &QueryWords::new("  ,, "));
        assert_eq!(
            s,
            [Segment {
                text: "a b".into(),
                mark: false
            }]
        );
        assert_eq!(highlight("", &QueryWords::new("x")).len(), 1);
    }

    fn reflection(sections: [&str; 5]) -> Reflection {
        let json = serde_json::json!({
            "kind": "note", "date": "2026-01-02", "title": "t",
            "parent_infant": sections[0], "practitioner_parent": sections[1],
            "supervisor_practitioner": sections[2], "self": sections[3],
            "for_supervision": sections[4],
        });
        Reflection {
            id: "x".into(),
            content: serde_json::from_value(json).unwrap(),
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn excerpt_centres_on_the_first_match_in_section_order() {
        let long = format!(
            "{} the baby turned away {}",
            "word ".repeat(100),
            "end ".repeat(100)
        );
        let r = reflection(["", "nothing here", &long, "", "baby again"]);
        let s = excerpt(&r, &QueryWords::new("baby"), 80);
        let text = joined(&s);
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert!(text.chars().count() <= 82, "{text}");
        assert_eq!(marked(&s), ["baby"]);
    }

    #[test]
    fn excerpt_without_a_match_starts_at_the_first_section_with_text() {
        let r = reflection(["", "  First   line\n\nsecond", "", "", ""]);
        let s = excerpt(&r, &QueryWords::default(), 200);
        assert_eq!(joined(&s), "First line second");
        assert!(excerpt(&reflection(["", "", "", "", ""]), &QueryWords::default(), 9).is_empty());
    }

    #[test]
    fn excerpt_never_splits_a_character() {
        let text = "é".repeat(500);
        let r = reflection([&text, "", "", "", ""]);
        for n in [1, 2, 3, 50, 499, 500, 501] {
            let s = excerpt(&r, &QueryWords::default(), n);
            assert!(joined(&s).chars().count() <= n + 1);
        }
    }
}
