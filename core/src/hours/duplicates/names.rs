//! Providers' names folded for comparison, and when two are similar: the rules by which
//! [`super`] takes two sessions of a day for the same one logged twice.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Titles and honorifics written before a name, folded ("Dr." is `dr`).
const TITLES: [&str; 9] = [
    "dr",
    "doctor",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
];

/// Degrees and licences written after a comma ("Lucía Pérez, PhD, LCSW"), folded, beyond
/// those written in capitals (`LCSW`, `IMH-E®`), which are all taken for post-nominals.
const POST_NOMINALS: [&str; 14] = [
    "phd", "psyd", "edd", "md", "ma", "ms", "msw", "med", "mph", "msc", "bsc", "jr", "sr", "esq",
];

/// A word's folded tokens: compatibility-decomposed (NFKD), marks stripped (`é` is `e`),
/// lower case; apostrophes dropped (`O’Brien` is `obrien`), other punctuation a break
/// (`Smith-Jones` is `smith jones`, `L.` is `l`).
fn fold_into(text: &str, tokens: &mut Vec<String>) {
    let mut current = String::new();
    for c in text.nfkd() {
        if is_combining_mark(c) || matches!(c, '\'' | '’' | 'ʼ' | '`' | '´') {
            continue;
        }
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
}

fn folded(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    fold_into(text, &mut tokens);
    tokens
}

/// Whether a word after a comma is a degree or licence: a known one, or written in
/// capitals (at least two letters, none lower case: `LCSW`, `IMHM-C`, `IMH-E®`).
fn is_post_nominal(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase());
    capitals || folded(word).concat().is_empty() || POST_NOMINALS.contains(&&*folded(word).concat())
}

/// A segment's tokens with the titles in front of it dropped ("Dr. Prof. Lucía" is `lucia`).
fn without_titles(segment: &str) -> Vec<String> {
    let tokens = folded(segment);
    let titles = tokens
        .iter()
        .take_while(|t| TITLES.contains(&t.as_str()))
        .count();
    tokens[titles..].to_vec()
}

/// A provider's name folded for comparison: case, accents, punctuation, titles before the
/// name and degrees after a comma set aside, and a surname written first ("Pérez, Lucía")
/// put last. A name that folds to nothing ("Dr.") keeps all its tokens.
pub fn name_tokens(name: &str) -> Vec<String> {
    let mut segments = name.split(',');
    let first = segments.next().unwrap_or_default();
    // "Pérez, Lucía, PhD": what is not a degree after a comma comes before the first part.
    let mut tokens: Vec<String> = Vec::new();
    for segment in segments {
        if !segment.split_whitespace().all(is_post_nominal) {
            tokens.extend(without_titles(segment));
        }
    }
    tokens.extend(without_titles(first));
    if tokens.is_empty() {
        folded(name)
    } else {
        tokens
    }
}

/// Whether two folded tokens may name the same: equal, or one an initial of the other
/// (`l` and `lucia`).
fn compatible(a: &str, b: &str) -> bool {
    let initial = |short: &str, long: &str| short.chars().count() == 1 && long.starts_with(short);
    a == b || initial(a, b) || initial(b, a)
}

/// Whether two providers' names are the same or similar: equal once folded ([`name_tokens`]),
/// or word for word compatible where one has an initial for the other's word ("L. Pérez" and
/// "Lucía Pérez", "Sam S." and "Sam Supervisor"), a middle initial present in one only
/// ("Lucía M. Pérez"), with at least one whole word in common (so "A. Pérez" and "B. Pérez"
/// are not similar, nor "J. S." and "Jane Smith").
pub fn similar_names(a: &str, b: &str) -> bool {
    similar_tokens(&name_tokens(a), &name_tokens(b))
}

/// [`similar_names`] for names already folded.
pub(super) fn similar_tokens(a: &[String], b: &[String]) -> bool {
    if a == b {
        return true;
    }
    let (n, m) = (a.len(), b.len());
    // reach[i][j][w]: a[..i] and b[..j] paired, with (w = 1) or without a whole word equal.
    let mut reach = vec![vec![[false; 2]; m + 1]; n + 1];
    reach[0][0][0] = true;
    // A single letter between the first and the last word may be a middle initial.
    let skippable = |t: &[String], i: usize| i > 0 && i + 1 < t.len() && t[i].chars().count() == 1;
    for i in 0..=n {
        for j in 0..=m {
            for w in 0..2 {
                if !reach[i][j][w] {
                    continue;
                }
                if i < n && j < m && compatible(&a[i], &b[j]) {
                    let whole = usize::from(w == 1 || (a[i] == b[j] && a[i].chars().count() > 1));
                    reach[i + 1][j + 1][whole] = true;
                }
                if i < n && skippable(a, i) {
                    reach[i + 1][j][w] = true;
                }
                if j < m && skippable(b, j) {
                    reach[i][j + 1][w] = true;
                }
            }
        }
    }
    reach[n][m][1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_does_not_make_another_provider() {
        assert!(similar_names("lucía pérez", "LUCÍA PÉREZ"));
        assert_eq!(name_tokens("  Lucía   PÉREZ "), ["lucia", "perez"]);
    }

    #[test]
    fn accents_do_not_make_another_provider() {
        assert!(similar_names("Lucia Perez", "Lucía Pérez"));
        // Compatibility forms fold too: a ligature, a full-width letter, a decomposed accent.
        assert!(similar_names("Oﬀenbach Ruiz", "Offenbach Ruiz"));
        assert!(similar_names("Ｌucía Pérez", "Lucia Perez"));
        assert!(similar_names("Lucía Pérez", "Luci\u{301}a Pe\u{301}rez"));
    }

    #[test]
    fn punctuation_does_not_make_another_provider() {
        assert!(similar_names("Ana Smith-Jones", "Ana Smith Jones"));
        assert!(similar_names("Siobhan O’Brien", "Siobhan OBrien"));
        assert!(similar_names("Siobhan O'Brien", "siobhan o’brien"));
        assert!(similar_names("Lucía Pérez.", "Lucía Pérez"));
    }

    #[test]
    fn titles_and_honorifics_do_not_make_another_provider() {
        for titled in [
            "Dr. Lucía Pérez",
            "Dr Lucía Pérez",
            "Prof. Lucía Pérez",
            "Prof. Dr. Lucía Pérez",
            "Mr. Lucía Pérez",
            "Ms. Lucía Pérez",
            "Mrs. Lucía Pérez",
            "Mx. Lucía Pérez",
            "Doctor Lucía Pérez",
        ] {
            assert!(similar_names(titled, "Lucía Pérez"), "{titled}");
            assert_eq!(name_tokens(titled), name_tokens("Lucía Pérez"), "{titled}");
        }
        // A title alone is still a name to compare.
        assert_eq!(name_tokens("Dr."), ["dr"]);
        assert!(!similar_names("Dr.", "Lucía Pérez"));
    }

    #[test]
    fn post_nominals_after_a_comma_do_not_make_another_provider() {
        for written in [
            "Lucía Pérez, PhD",
            "Lucía Pérez, Ph.D.",
            "Lucía Pérez, LCSW",
            "Lucía Pérez, IMH-E",
            "Lucía Pérez, IMH-E®",
            "Lucía Pérez, PhD, LCSW, IMH-E®",
            "Lucía Pérez, M.Ed., IMHM-C",
            "Dr. Lucía Pérez, PhD",
        ] {
            assert_eq!(
                name_tokens(written),
                name_tokens("Lucía Pérez"),
                "{written}"
            );
        }
        // Written surname first, the name is the same one.
        assert!(similar_names("Pérez, Lucía", "Lucía Pérez"));
        assert!(similar_names("Pérez, Lucía, PhD", "Dr. Lucía Pérez"));
    }

    #[test]
    fn initials_stand_for_the_words_they_start() {
        assert!(similar_names("L. Pérez", "Lucía Pérez"));
        assert!(similar_names("Sam S.", "Sam Supervisor"));
        assert!(similar_names("Lucía M. Pérez", "Lucía Pérez"));
        assert!(similar_names("Dr. L. Pérez", "Lucía Pérez, IMHM-C"));
        // Not every pair of names that share a word or an initial.
        assert!(!similar_names("Luis Pérez", "Lucía Pérez"));
        assert!(!similar_names("A. Pérez", "B. Pérez"));
        assert!(!similar_names("M. Pérez", "Lucía Pérez"));
        assert!(!similar_names("J. S.", "Jane Smith"));
        assert!(!similar_names("Sam", "Sam Supervisor"));
        assert!(!similar_names("Sam Okafor", "Lucía Pérez"));
    }
}
