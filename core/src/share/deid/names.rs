//! Names to avoid: matched whole-word on a folded copy of the text (case, accents,
//! compatibility forms and invisible characters ignored), mapped back to the original offsets.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::chars::is_js_space;
use super::patterns::{is_letter_or_number, Patterns};
use super::{Candidate, HintKind};

/// Whether `c` is an invisible character that may sit inside a word (soft hyphen, zero-width
/// spaces and joiners).
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Letters that compatibility decomposition leaves alone but readers take for accented forms
/// of plain ones, and punctuation with a plain twin.
pub(super) fn special_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ħ' => "h",
        'ı' => "i",
        'ŀ' => "l",
        'ς' => "σ",
        '’' | '‘' | 'ʼ' => "'",
        '‐' | '‑' => "-",
        _ => return None,
    })
}

/// How one character compares: lower case, no accents (marks), compatibility forms
/// unfolded (full-width letters, ligatures), invisible characters dropped. Pushes zero or
/// more characters.
pub(super) fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            if is_combining_mark(l) || is_invisible(l) {
                continue;
            }
            match special_fold(l) {
                Some(s) => s.chars().for_each(&mut push),
                None => push(l),
            }
        }
    });
}

/// `text` folded ([`fold_char`]).
pub(super) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| out.push(f));
    }
    out
}

/// Whether `c` separates the words of a name: white space or a hyphen.
pub(super) fn is_name_separator(c: char) -> bool {
    c == '-' || is_js_space(c)
}

/// The words of a folded name.
pub(super) fn name_words(folded: &str) -> Vec<&str> {
    folded
        .split(is_name_separator)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The folded names to avoid as a trie of characters, where one edge per node stands for
/// "one or more separators" between words. At a place in the text the walk is deterministic
/// (words hold no separators), so every entry that matches there lies on the one path walked,
/// and the deepest is the longest: what the old single pattern of all names, longest first,
/// found.
#[derive(Debug)]
pub(super) struct NameTrie {
    nodes: Vec<TrieNode>,
}

#[derive(Debug, Default)]
pub(super) struct TrieNode {
    /// Children by character, sorted.
    next: Vec<(char, usize)>,
    /// The child after separators.
    separator: Option<usize>,
    /// Whether an entry ends here.
    ends: bool,
}

impl NameTrie {
    pub(super) fn new<S: AsRef<str>>(names: &[S]) -> NameTrie {
        let mut trie = NameTrie {
            nodes: vec![TrieNode::default()],
        };
        for name in names {
            let folded = fold(name.as_ref());
            let words = name_words(&folded);
            if words.is_empty() {
                continue;
            }
            let mut node = 0;
            for (k, word) in words.iter().enumerate() {
                if k > 0 {
                    node = trie.separator_of(node);
                }
                for c in word.chars() {
                    node = trie.child_of(node, c);
                }
            }
            if let Some(n) = trie.nodes.get_mut(node) {
                n.ends = true;
            }
        }
        trie
    }

    fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    fn new_node(&mut self) -> usize {
        self.nodes.push(TrieNode::default());
        self.nodes.len() - 1
    }

    fn separator_of(&mut self, node: usize) -> usize {
        if let Some(next) = self.nodes.get(node).and_then(|n| n.separator) {
            return next;
        }
        let next = self.new_node();
        if let Some(n) = self.nodes.get_mut(node) {
            n.separator = Some(next);
        }
        next
    }

    fn child(&self, node: usize, c: char) -> Option<usize> {
        let next = &self.nodes.get(node)?.next;
        next.binary_search_by_key(&c, |(k, _)| *k)
            .ok()
            .and_then(|i| next.get(i))
            .map(|(_, n)| *n)
    }

    fn child_of(&mut self, node: usize, c: char) -> usize {
        if let Some(next) = self.child(node, c) {
            return next;
        }
        let next = self.new_node();
        if let Some(n) = self.nodes.get_mut(node) {
            let at = n.next.partition_point(|(k, _)| *k < c);
            n.next.insert(at, (c, next));
        }
        next
    }

    /// The end of the longest entry matching `folded` from `start`, followed by neither a
    /// letter nor a number.
    fn longest_at(&self, folded: &[char], start: usize, p: &Patterns) -> Option<usize> {
        let mut node = 0;
        let mut i = start;
        let mut best = None;
        loop {
            let here = self.nodes.get(node)?;
            let next = folded.get(i).copied();
            if here.ends && next.is_none_or(|c| !is_letter_or_number(c, p)) {
                best = Some(i);
            }
            let Some(c) = next else {
                break;
            };
            if is_name_separator(c) {
                let Some(after) = here.separator else {
                    break;
                };
                while folded.get(i).is_some_and(|c| is_name_separator(*c)) {
                    i += 1;
                }
                node = after;
            } else {
                let Some(after) = self.child(node, c) else {
                    break;
                };
                i += 1;
                node = after;
            }
        }
        best
    }

    /// Every name in `text`, scanning as the old pattern `(^|[^\p{L}\p{N}])(names)` did
    /// with a global `exec`: the character before a name is consumed with it, and the next
    /// search starts where the name ended.
    pub(super) fn find(&self, text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
        if self.is_empty() {
            return;
        }
        // The folded text, and for each folded character the byte offset in `text` of the
        // character it came from (one more entry: the length of `text`).
        let mut folded: Vec<char> = Vec::with_capacity(text.len());
        let mut origin: Vec<usize> = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            fold_char(c, |f| {
                folded.push(f);
                origin.push(i);
            });
        }
        origin.push(text.len());
        let starts_a_name = |i: usize| folded.get(i).is_some_and(|c| self.child(0, *c).is_some());
        let mut push = |from: usize, to: usize| {
            let start = origin.get(from).copied().unwrap_or(text.len());
            // The start of the next folded character: takes in accents and invisible
            // characters that belong to the last letter of the name.
            let end = origin.get(to).copied().unwrap_or(text.len());
            if end > start {
                out.push(Candidate {
                    kind: HintKind::Name,
                    start,
                    end,
                    date: None,
                });
            }
        };
        let mut p_at = 0;
        while p_at < folded.len() {
            if p_at == 0 && starts_a_name(0) {
                if let Some(to) = self.longest_at(&folded, 0, p) {
                    push(0, to);
                    p_at = to;
                    continue;
                }
            }
            let after = p_at + 1;
            if starts_a_name(after)
                && folded
                    .get(p_at)
                    .is_some_and(|c| !is_letter_or_number(*c, p))
            {
                if let Some(to) = self.longest_at(&folded, after, p) {
                    push(after, to);
                    p_at = to;
                    continue;
                }
            }
            p_at += 1;
        }
    }
}
