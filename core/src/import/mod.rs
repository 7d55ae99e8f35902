//! Entries of other journals as reflections to import (`docs/formats/journal-import.md`):
//! jrnl's JSON export, a folder of Markdown files with front matter (Obsidian, Joplin, and
//! Attune's own Markdown export), and Attune's own JSON export. Each entry gets a key from
//! its source (its uuid, else a digest of it), so that importing the same file again adds
//! nothing ([`crate::journal::records::JournalRecords::import`]). Reading is all or nothing:
//! the first bad entry stops it, named by its place and field.

mod dayone;
mod standardnotes;

pub use dayone::dayone as read_day_one;
pub use standardnotes::standard_notes as read_standard_notes;

use chrono::NaiveDate;
use ring::digest::{digest, SHA256};
use serde_json::Value;

use crate::error::{Error, Place, Result};
use crate::export::{read_json, read_markdown};
use crate::journal::records::ImportItem;
use crate::journal::{parse_date, ReflectionDraft, ReflectionKind};

/// Where entries come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `jrnl --export json`.
    Jrnl,
    /// Day One's JSON export (the zip, or one journal's JSON file).
    DayOne,
    /// A decrypted Standard Notes backup (protocol 004).
    StandardNotes,
    /// A folder of `*.md` files with front matter (or one such file).
    Markdown,
    /// Attune's own JSON export.
    AttuneJson,
}

impl Source {
    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Jrnl => "jrnl",
            Source::DayOne => "dayone",
            Source::StandardNotes => "standardnotes",
            Source::Markdown => "markdown",
            Source::AttuneJson => "json",
        }
    }

    /// Parses [`Source::as_str`].
    pub fn parse(s: &str) -> Result<Source> {
        Source::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = Source::ALL.iter().map(|x| x.as_str()).collect();
                Error::invalid(
                    "--from",
                    format!("{s:?} is not one of {}", names.join(", ")),
                )
            })
    }

    /// Every source, in the order a choice offers them.
    pub const ALL: [Source; 5] = [
        Source::Jrnl,
        Source::DayOne,
        Source::StandardNotes,
        Source::Markdown,
        Source::AttuneJson,
    ];
}

/// The entries of a file or folder, and what of them is not kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incoming {
    /// The entries, in the source's order.
    pub items: Vec<ImportItem>,
    /// What the source holds that reflections do not, in words ("starred marks on 3
    /// entries"), for the preview.
    pub dropped: Vec<String>,
}

fn hex_digest(bytes: &[u8]) -> String {
    crate::record::hlc::hex(digest(&SHA256, bytes).as_ref())
}

fn entry(number: usize) -> Place {
    Place::Entry {
        kind: "entry",
        number: number as u64 + 1,
    }
}

/// An empty reflection of kind "note" on `date`, to fill.
fn note(date: NaiveDate) -> ReflectionDraft {
    ReflectionDraft {
        kind: ReflectionKind::Note,
        date,
        title: String::new(),
        family: String::new(),
        tags: Vec::new(),
        parent_infant: String::new(),
        practitioner_parent: String::new(),
        supervisor_practitioner: String::new(),
        self_: String::new(),
        for_supervision: String::new(),
    }
}

/// A tag as other journals write it, without its mark: `@work` and `#work` are `work`.
fn bare_tag(tag: &str) -> String {
    tag.trim().trim_start_matches(['@', '#']).to_owned()
}

/// The `tags` of an entry of a JSON export, without their marks: none when absent.
fn tags_of(e: &Value, place: Place) -> Result<Vec<String>> {
    match e.get("tags") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|t| {
                t.as_str()
                    .map(bare_tag)
                    .ok_or_else(|| Error::invalid_at(place, "tags", "must be a list of texts"))
            })
            .collect(),
        Some(_) => Err(Error::invalid_at(place, "tags", "must be a list of texts")),
    }
}

/// Reads `jrnl --export json`: `{"tags": {...}, "entries": [{"title", "body", "date",
/// "time", "tags", "starred", "uuid"?}]}`. Each entry becomes a note: its title, its body
/// in "Yourself", its date and tags (without `@`). Starred marks and times are not kept.
pub fn jrnl(bytes: &[u8], today: NaiveDate) -> Result<Incoming> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| Error::invalid("file", format!("is not JSON ({e})")))?;
    let entries = doc
        .get("entries")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::invalid("entries", "is missing: this is not a jrnl JSON export"))?;
    let mut out = Incoming::default();
    let mut starred = 0;
    for (i, e) in entries.iter().enumerate() {
        let place = entry(i);
        let text = |field: &str, required: bool| -> Result<String> {
            match e.get(field) {
                Some(Value::String(s)) => Ok(s.clone()),
                None | Some(Value::Null) if !required => Ok(String::new()),
                None | Some(Value::Null) => Err(Error::invalid_at(place, field, "is missing")),
                Some(_) => Err(Error::invalid_at(place, field, "must be a text")),
            }
        };
        let date_text = text("date", true)?;
        let date = parse_date("date", &date_text).map_err(|e| e.placed(place))?;
        let mut draft = note(date);
        draft.title = text("title", false)?;
        draft.self_ = text("body", false)?;
        draft.tags = tags_of(e, place)?;
        if e.get("starred").and_then(Value::as_bool) == Some(true) {
            starred += 1;
        }
        let draft = draft.validated(today).map_err(|e| e.placed(place))?;
        let key = match e.get("uuid").and_then(Value::as_str) {
            Some(uuid) => format!("jrnl:{uuid}"),
            None => {
                let time = text("time", false)?;
                let whole = format!("{date_text}\n{time}\n{}\n{}", draft.title, draft.self_);
                format!("jrnl:{}", hex_digest(whole.as_bytes()))
            }
        };
        out.items.push(ImportItem {
            key,
            draft,
            attune_id: None,
            saved: None,
        });
    }
    if starred > 0 {
        out.dropped.push(format!(
            "starred marks ({starred} entr{})",
            if starred == 1 { "y" } else { "ies" }
        ));
    }
    out.dropped.push("the time of day of each entry".into());
    Ok(out)
}

/// Reads Attune's own JSON export: each reflection as it was, keyed by its id (a reflection
/// the journal already holds is skipped).
pub fn attune_json(bytes: &[u8], today: NaiveDate) -> Result<Incoming> {
    Ok(Incoming {
        items: read_json(bytes, today)?
            .into_iter()
            .map(|r| ImportItem {
                key: format!("attune:{}", r.id),
                attune_id: Some(r.id),
                draft: r.content,
                saved: Some((r.created_at, r.updated_at)),
            })
            .collect(),
        dropped: Vec::new(),
    })
}

/// Reads one Markdown file: Attune's own export (front matter with `attune_id`) as it was;
/// any other (Obsidian, Joplin: `title`, `date` or `created`, `tags`) as a note with the
/// body in "Yourself". `name` (the file's name) gives the title when there is none.
pub fn markdown_file(name: &str, text: &str, today: NaiveDate) -> Result<ImportItem> {
    if front_matter(text).iter().any(|(k, _)| *k == "attune_id") {
        let (id, draft) = read_markdown(text, today)?;
        return Ok(ImportItem {
            key: format!("attune:{}", id.clone().unwrap_or_default()),
            attune_id: id,
            draft,
            saved: None,
        });
    }
    let (front, body) = split_front(text);
    let mut date = None;
    let mut draft = note(today);
    for (i, (key, value)) in front.iter().enumerate() {
        let line = Place::line(i as u64 + 2);
        let unquoted = value.trim().trim_matches(['"', '\'']).to_owned();
        match *key {
            "title" => draft.title = unquoted,
            "date" | "created" => {
                // `2024-05-01`, `2024-05-01T09:30:00Z`, `2024-05-01 09:30`: the day.
                let day = unquoted.get(..10).unwrap_or(&unquoted);
                date = Some(parse_date(key, day).map_err(|e| e.placed(line))?);
            }
            "tags" => draft.tags = tag_list(value),
            _ => {}
        }
    }
    draft.date = date
        .or_else(|| name.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
        .ok_or_else(|| {
            Error::invalid(
                "date",
                "is missing: give the file a `date:` or `created:` line, or a name that starts with YYYY-MM-DD",
            )
        })?;
    if draft.title.is_empty() {
        draft.title = name.trim_end_matches(".md").to_owned();
    }
    draft.self_ = body.trim().to_owned();
    Ok(ImportItem {
        key: format!("markdown:{}", hex_digest(text.as_bytes())),
        draft: draft.validated(today)?,
        attune_id: None,
        saved: None,
    })
}

/// Reads every `*.md` file of a folder (sorted by name), or one file. Errors name the file.
pub fn markdown(files: &[(String, String)], today: NaiveDate) -> Result<Incoming> {
    let mut out = Incoming::default();
    for (name, text) in files {
        let item = markdown_file(name, text, today).map_err(|e| match e {
            Error::InvalidInput {
                field,
                message,
                place,
            } => Error::invalid(
                if field.is_empty() {
                    name.clone()
                } else {
                    format!("{name}: {field}")
                },
                match place {
                    Some(p) => format!("{p}: {message}"),
                    None => message,
                },
            ),
            e => e,
        })?;
        out.items.push(item);
    }
    out.dropped
        .push("front-matter keys other than title, date, created and tags".into());
    Ok(out)
}

/// The largest file read for an import: some hundred thousand entries.
pub const MAX_IMPORT_BYTES: usize = 256 * 1024 * 1024;

/// Reads what is at `path` as `source` says: a file, or for Markdown a folder of `*.md`
/// files (sorted by name) or one file. Nothing is written.
pub fn read_path(path: &std::path::Path, source: Source, today: NaiveDate) -> Result<Incoming> {
    use crate::files::read_capped;
    match source {
        Source::Jrnl => jrnl(
            &read_capped(path, MAX_IMPORT_BYTES, "the jrnl export")?,
            today,
        ),
        Source::StandardNotes => standardnotes::standard_notes(
            &read_capped(path, MAX_IMPORT_BYTES, "the Standard Notes backup")?,
            today,
        ),
        Source::DayOne => dayone::dayone(
            &read_capped(path, MAX_IMPORT_BYTES, "the Day One export")?,
            today,
        ),
        Source::AttuneJson => attune_json(
            &read_capped(path, MAX_IMPORT_BYTES, "the journal export")?,
            today,
        ),
        Source::Markdown => {
            let paths: Vec<std::path::PathBuf> = if path.is_dir() {
                let mut p: Vec<_> = std::fs::read_dir(path)?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "md") && p.is_file())
                    .collect();
                p.sort();
                p
            } else {
                vec![path.to_path_buf()]
            };
            let mut files = Vec::new();
            for p in paths {
                let bytes = read_capped(&p, MAX_IMPORT_BYTES, "a Markdown file")?;
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::invalid(name.clone(), "is not UTF-8 text"))?;
                files.push((name, text));
            }
            if files.is_empty() {
                return Err(Error::invalid(
                    "path",
                    format!("{} holds no .md file", path.display()),
                ));
            }
            markdown(&files, today)
        }
    }
}

/// The front matter's `key: value` lines (after an opening `---`), else none.
fn front_matter(text: &str) -> Vec<(&str, &str)> {
    split_front(text).0
}

fn split_front(text: &str) -> (Vec<(&str, &str)>, &str) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (Vec::new(), text);
    };
    let mut pairs = Vec::new();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        if l == "---" {
            return (pairs, &rest[offset..]);
        }
        if let Some((k, v)) = l.split_once(':') {
            pairs.push((k.trim(), v.trim()));
        }
    }
    (Vec::new(), text)
}

/// `[a, "b"]`, `a, b` or `a` as tags.
fn tag_list(value: &str) -> Vec<String> {
    let v = value.trim().trim_start_matches('[').trim_end_matches(']');
    v.split(',')
        .map(|t| bare_tag(t.trim().trim_matches(['"', '\''])))
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    #[test]
    fn every_source_is_read_by_its_name() {
        for s in Source::ALL {
            assert_eq!(Source::parse(s.as_str()).unwrap(), s);
        }
        assert!(Source::parse("evernote")
            .unwrap_err()
            .to_string()
            .contains("jrnl, dayone, standardnotes, markdown, json"));
    }

    #[test]
    fn a_jrnl_export_becomes_notes() {
        let file = br#"{"tags": {"@work": 1}, "entries": [
            {"title": "Long day.", "body": "The visit ran late.\n\nI felt it.", "date": "2024-05-01", "time": "21:30", "tags": ["@work"], "starred": true},
            {"title": "Quiet.", "body": "", "date": "2024-05-02", "time": "08:00", "tags": [], "starred": false, "uuid": "ABC"}
        ]}"#;
        let got = jrnl(file, today()).unwrap();
        assert_eq!(got.items.len(), 2);
        let a = &got.items[0];
        assert_eq!(a.draft.title, "Long day.");
        assert_eq!(a.draft.self_, "The visit ran late.\n\nI felt it.");
        assert_eq!(a.draft.tags, ["work"]);
        assert_eq!(a.draft.kind, ReflectionKind::Note);
        assert!(a.key.starts_with("jrnl:") && a.key.len() == 5 + 64);
        assert_eq!(got.items[1].key, "jrnl:ABC");
        assert_eq!(got.dropped[0], "starred marks (1 entry)");
    }

    #[test]
    fn a_bad_jrnl_entry_is_named() {
        let e = jrnl(br#"{"entries": [{"title": "a", "body": "b", "date": "2024-05-01"}, {"title": "c", "date": "2024-02-30"}]}"#, today()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "entry 2: date: \"2024-02-30\" is not a real calendar date"
        );
        let e = jrnl(
            br#"{"entries": [{"title": 3, "date": "2024-05-01"}]}"#,
            today(),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "entry 1: title: must be a text");
        assert!(jrnl(b"{}", today())
            .unwrap_err()
            .to_string()
            .contains("not a jrnl JSON export"));
    }

    #[test]
    fn obsidian_style_markdown_becomes_a_note() {
        let text = "---\ntitle: \"After the visit\"\ncreated: 2024-05-01T21:30:00Z\ntags: [work, \"#sleep\"]\naliases: [x]\n---\n\nShe rocked him.\n";
        let item = markdown_file("whatever.md", text, today()).unwrap();
        assert_eq!(item.draft.title, "After the visit");
        assert_eq!(
            item.draft.date,
            NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()
        );
        assert_eq!(item.draft.tags, ["work", "sleep"]);
        assert_eq!(item.draft.self_, "She rocked him.");
        let plain = markdown_file("2024-06-01 Notes.md", "Just text.", today()).unwrap();
        assert_eq!(
            (
                plain.draft.title.as_str(),
                plain.draft.date.to_string().as_str()
            ),
            ("2024-06-01 Notes", "2024-06-01")
        );
        let e = markdown(&[("x.md".into(), "no date".into())], today()).unwrap_err();
        assert!(e.to_string().starts_with("x.md: date: is missing"), "{e}");
    }
}
