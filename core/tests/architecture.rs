//! The house rules of the source tree, checked on every test run (docs/architecture.md says
//! why each exists):
//! - at every level of each crate's module tree, the rooms under one parent form a one-way
//!   graph: no two sibling modules `use` each other, directly or round a circle;
//! - `impl Vault` appears only in `core/src/vault/`: each domain writes its own records;
//! - no source file is over 600 lines unless its first lines say why.
//!
//! The module graph comes from reading the sources: every `use` tree and every path that
//! starts with `crate::`, `super::`, `self::` or a child module's name, outside `#[cfg(test)]`
//! modules and comments. A use of a module's own ancestor or descendant is a room using its
//! own parts, not an arrow between rooms.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Files longer than this need a reason in their first lines.
const MAX_LINES: usize = 600;
/// What such a reason starts with, in the first 20 lines.
const LONG_BECAUSE: &str = "Longer than 600 lines because";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("core sits in the workspace")
        .to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a source file under `src` (`journal/mod.rs` → `journal`).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_owned());
    }
    parts
}

/// The source without test modules (from a `#[cfg(test)]` that opens a `mod`).
fn without_tests(text: &str) -> &str {
    let lines: Vec<&str> = text.lines().collect();
    let mut offset = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.trim() == "#[cfg(test)]" {
            let next = lines[i + 1..]
                .iter()
                .map(|l| l.trim())
                .find(|l| !l.starts_with("#["));
            if next.is_some_and(|l| {
                l.starts_with("mod ") || l.contains(") mod ") || l.starts_with("pub mod ")
            }) {
                return &text[..offset];
            }
        }
        offset += line.len() + 1;
    }
    text
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Path,
    Punct(char),
}

/// Identifiers, `::` and punctuation; comments, strings and char literals skipped.
fn tokens(text: &str) -> Vec<Token> {
    let b: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && b.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (b.get(i + 1) == Some(&'"') || b.get(i + 1) == Some(&'#')) {
            // A raw string r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(Token::Ident("r".into()));
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{..}') or a lifetime ('a).
            if b.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < b.len() && b[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(b[start..i].iter().collect()));
        } else if c == ':' && b.get(i + 1) == Some(&':') {
            out.push(Token::Path);
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

/// Expands a use tree starting at `t[*i]` into full paths, up to its end (`;`, `,` or `}`
/// at its own level).
fn use_tree(t: &[Token], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        match t.get(*i) {
            Some(Token::Ident(s)) if s == "as" => {
                *i += 2;
            }
            Some(Token::Ident(s)) => {
                path.push(s.clone());
                *i += 1;
            }
            Some(Token::Path) => *i += 1,
            Some(Token::Punct('*')) => *i += 1,
            Some(Token::Punct('{')) => {
                *i += 1;
                loop {
                    use_tree(t, i, path.clone(), out);
                    match t.get(*i) {
                        Some(Token::Punct(',')) => *i += 1,
                        Some(Token::Punct('}')) => {
                            *i += 1;
                            break;
                        }
                        _ => break,
                    }
                    if t.get(*i) == Some(&Token::Punct('}')) {
                        *i += 1;
                        break;
                    }
                }
                return;
            }
            _ => {
                if path.last().is_some_and(|s| s == "self") {
                    path.pop();
                }
                out.push(path);
                return;
            }
        }
    }
}

/// Every path a module's source names, as written (first segment first).
fn paths(t: &[Token]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if t[i] == Token::Ident("use".into()) {
            i += 1;
            use_tree(t, &mut i, Vec::new(), &mut out);
            continue;
        }
        if let Token::Ident(first) = &t[i] {
            let after_path = i > 0 && t[i - 1] == Token::Path;
            if !after_path && t.get(i + 1) == Some(&Token::Path) {
                let mut path = vec![first.clone()];
                let mut j = i + 1;
                while t.get(j) == Some(&Token::Path) {
                    match t.get(j + 1) {
                        Some(Token::Ident(s)) => path.push(s.clone()),
                        _ => break,
                    }
                    j += 2;
                }
                out.push(path);
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The module a path written in `from` points into: the longest known module that is a
/// prefix of it, or `None` for other crates.
fn resolve(
    from: &[String],
    path: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let (mut base, rest): (Vec<String>, &[String]) = match path.first()?.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (from.to_vec(), &path[1..]),
        "super" => {
            let mut base = from.to_vec();
            let mut k = 0;
            while path.get(k).is_some_and(|s| s == "super") {
                base.pop();
                k += 1;
            }
            (base, &path[k..])
        }
        child => {
            let mut p = from.to_vec();
            p.push(child.to_owned());
            if !modules.contains(&p) {
                return None;
            }
            (from.to_vec(), path)
        }
    };
    let mut best = base.clone();
    for seg in rest {
        base.push(seg.clone());
        if modules.contains(&base) {
            best = base.clone();
        } else {
            break;
        }
    }
    Some(best)
}

/// For each parent module, the arrows between its children.
type Arrows = BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>>;
/// For each arrow (parent, from, to), the first file and path that made it.
type Reasons = BTreeMap<(Vec<String>, String, String), String>;

fn arrows(src: &Path) -> (Arrows, Reasons) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(src, f)).collect();
    let mut arrows = Arrows::new();
    let mut why = BTreeMap::new();
    for file in &files {
        let from = module_of(src, file);
        let text = std::fs::read_to_string(file).expect("readable source");
        for path in paths(&tokens(without_tests(&text))) {
            let Some(to) = resolve(&from, &path, &modules) else {
                continue;
            };
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue; // a room and its own parts
            }
            let parent = from[..common].to_vec();
            let (a, b) = (from[common].clone(), to[common].clone());
            arrows
                .entry(parent.clone())
                .or_default()
                .entry(a.clone())
                .or_default()
                .insert(b.clone());
            why.entry((parent, a, b)).or_insert_with(|| {
                format!(
                    "{} names {}",
                    file.strip_prefix(src).unwrap_or(file).display(),
                    path.join("::")
                )
            });
        }
    }
    (arrows, why)
}

/// A circle in a directed graph, if any.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_owned(), 1);
        stack.push(n.to_owned());
        for m in g.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let at = stack.iter().position(|s| s == m).unwrap_or(0);
                    let mut c = stack[at..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, g, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

fn circles(src: &Path) -> Vec<String> {
    let (arrows, why) = arrows(src);
    let mut found = Vec::new();
    for (parent, graph) in &arrows {
        if let Some(c) = circle(graph) {
            let steps: Vec<String> = c
                .windows(2)
                .map(|w| {
                    why.get(&(parent.clone(), w[0].clone(), w[1].clone()))
                        .cloned()
                        .unwrap_or_default()
                })
                .collect();
            found.push(format!(
                "in {}: {} ({})",
                if parent.is_empty() {
                    "crate".to_owned()
                } else {
                    parent.join("::")
                },
                c.join(" → "),
                steps.join("; ")
            ));
        }
    }
    found
}

/// Every crate's `src` in the workspace.
fn crate_sources() -> Vec<PathBuf> {
    let root = workspace();
    ["core/src", "cli/src", "src-tauri/src", "tests/src"]
        .iter()
        .map(|d| root.join(d))
        .filter(|d| d.is_dir())
        .collect()
}

#[test]
fn sibling_modules_never_use_each_other_round_a_circle() {
    let mut found = Vec::new();
    for src in crate_sources() {
        for c in circles(&src) {
            found.push(format!("{}: {c}", src.display()));
        }
    }
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn the_checker_sees_a_circle_between_siblings_and_none_between_a_room_and_its_parts() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    let write = |p: &str, text: &str| {
        let p = src.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n");
    write(
        "a/mod.rs",
        "mod inner;\nuse inner::X;\npub struct A;\n// use crate::c::C; (a comment)\n",
    );
    write("a/inner.rs", "use super::A;\npub struct X;\n");
    write(
        "b.rs",
        "use crate::{a::{self, inner::X as Y}};\npub struct B;\n",
    );
    write(
        "c.rs",
        "pub struct C;\nfn f() -> &'static str { \"crate::a::A\" }\n#[cfg(test)]\nmod tests { use crate::b::B; }\n",
    );
    assert!(circles(src).is_empty(), "{:?}", circles(src));
    // c → a → (inline path) b → c.
    write("c.rs", "pub struct C;\nfn f() { let _ = crate::a::A; }\n");
    write(
        "a/mod.rs",
        "mod inner;\npub struct A;\nfn g() { let _ = super::b::B; }\n",
    );
    write("b.rs", "use crate::c::C;\npub struct B;\n");
    let found = circles(src);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("in crate: "), "{}", found[0]);
    for step in [
        "a.rs names",
        "b.rs names crate::c::C",
        "c.rs names crate::a::A",
    ] {
        let step = step.replace("a.rs", "a/mod.rs");
        assert!(found[0].contains(&step), "{} lacks {step}", found[0]);
    }
}

#[test]
fn only_the_vault_implements_vault() {
    let src = workspace().join("core/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let outside: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(src.join("vault")))
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            tokens(&text)
                .windows(2)
                .any(|w| w == [Token::Ident("impl".into()), Token::Ident("Vault".into())])
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        outside.is_empty(),
        "impl Vault outside core/src/vault: {outside:?}"
    );
}

/// Source files of every kind we write by hand, outside build output and packages.
fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            if !matches!(
                name.as_str(),
                "target" | "node_modules" | "dist" | ".git" | "fixtures" | "vectors"
            ) {
                source_files(&p, out);
            }
        } else if [".rs", ".ts", ".svelte", ".sh", ".py"]
            .iter()
            .any(|x| name.ends_with(x))
        {
            out.push(p);
        }
    }
}

#[test]
fn long_files_say_why_they_are_long() {
    let root = workspace();
    let mut files = Vec::new();
    source_files(&root, &mut files);
    let mut unexplained = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let lines = text.lines().count();
        let head: Vec<&str> = text.lines().take(20).collect();
        // Generated files say so at their top, and are not read by people.
        let generated = head.iter().any(|l| {
            let l = l.to_lowercase();
            l.contains("generated") && l.contains("do not edit")
        });
        if lines > MAX_LINES && !generated && !head.iter().any(|l| l.contains(LONG_BECAUSE)) {
            unexplained.push(format!(
                "{} ({lines} lines)",
                f.strip_prefix(&root).unwrap_or(f).display()
            ));
        }
    }
    assert!(
        unexplained.is_empty(),
        "files over {MAX_LINES} lines without \"{LONG_BECAUSE} …\" in their first 20 lines:\n{}",
        unexplained.join("\n")
    );
}

/// The names between `open` and the next `close` in `text`, as `pick` finds them line by line.
fn names_between(
    text: &str,
    open: &str,
    close: &str,
    pick: impl Fn(&str) -> Option<String>,
) -> BTreeSet<String> {
    let Some(start) = text.find(open) else {
        return BTreeSet::new();
    };
    let rest = &text[start + open.len()..];
    let end = rest.find(close).unwrap_or(rest.len());
    rest[..end].lines().filter_map(pick).collect()
}

#[test]
fn the_window_commands_are_the_same_in_every_list() {
    let root = workspace();
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap_or_default();
    // The app manifest (each command gets an allow-<command> permission).
    let manifest = names_between(
        &read("src-tauri/build.rs"),
        "const COMMANDS: &[&str] = &[",
        "];",
        |l| {
            l.trim()
                .strip_prefix('"')?
                .split('"')
                .next()
                .map(str::to_owned)
        },
    );
    // The commands the app registers.
    let registered = names_between(
        &read("src-tauri/src/gui/mod.rs"),
        "generate_handler![",
        "]",
        |l| {
            Some(
                l.trim()
                    .trim_end_matches(',')
                    .rsplit("::")
                    .next()?
                    .to_owned(),
            )
            .filter(|n| !n.is_empty())
        },
    );
    // The permissions the main window is granted.
    let capabilities: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> = capabilities["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| {
            p.as_str()?
                .strip_prefix("allow-")
                .map(|n| n.replace('-', "_"))
        })
        .collect();
    // The commands the UI may call, with their types.
    let called = names_between(
        &read("ui/src/lib/api.ts"),
        "type Commands = {",
        "\n};",
        |l| {
            // `  name: { args: ...; result: ... };`, possibly over several lines, indented
            // once (the `args:` and `result:` inside are indented further).
            let l = l.strip_prefix("  ").filter(|l| !l.starts_with(' '))?;
            let (name, rest) = l.split_once(':')?;
            (rest.trim_start().starts_with('{')
                && !name.is_empty()
                && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .then(|| name.to_owned())
        },
    );
    assert!(manifest.len() > 40, "found only {manifest:?} in build.rs");
    for (what, list) in [
        ("registered in src-tauri/src/gui/mod.rs", &registered),
        ("granted in src-tauri/capabilities/main.json", &granted),
        ("typed in ui/src/lib/api.ts", &called),
    ] {
        let missing: Vec<_> = manifest.difference(list).collect();
        let extra: Vec<_> = list.difference(&manifest).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "commands of src-tauri/build.rs not {what}: {missing:?}; {what} but not in build.rs: {extra:?}"
        );
    }
}
