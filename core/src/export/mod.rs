//! The journal as the person's own files (`docs/formats/journal-export.md`): one Markdown
//! file per reflection with flat front matter, or one JSON file. Both read back into the
//! same reflections ([`read_markdown`], [`read_json`]), so that leaving Attune, or coming
//! back, loses nothing. Exports are plaintext by nature; writing them is the shells' part.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Place, Result};
use crate::journal::{parse_date, Reflection, ReflectionDraft, ReflectionKind};
use crate::share::Section;

/// What the JSON export calls itself.
pub const JSON_FORMAT: &str = "attune-journal";
/// The JSON export's version.
pub const JSON_VERSION: u32 = 1;

/// The JSON export: every reflection, as the reflection JSON of the command line plus its id
/// and times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalJson {
    /// [`JSON_FORMAT`].
    pub format: String,
    /// [`JSON_VERSION`].
    pub version: u32,
    /// When it was written.
    pub exported_at: DateTime<Utc>,
    /// Every reflection, oldest first.
    pub reflections: Vec<Reflection>,
}

/// The JSON export of `reflections`.
pub fn to_json(reflections: &[&Reflection], exported_at: DateTime<Utc>) -> Result<Vec<u8>> {
    let doc = JournalJson {
        format: JSON_FORMAT.to_owned(),
        version: JSON_VERSION,
        exported_at,
        reflections: reflections.iter().map(|r| (*r).clone()).collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc)
        .map_err(|e| Error::Internal(format!("journal JSON: {e}")))?;
    out.push(b'\n');
    Ok(out)
}

/// Reads a JSON export: its reflections, each checked as a new one would be. Errors name
/// the reflection by its place in the list.
pub fn read_json(bytes: &[u8], today: NaiveDate) -> Result<Vec<Reflection>> {
    let doc: JournalJson = serde_json::from_slice(bytes)
        .map_err(|e| Error::invalid("file", format!("is not an Attune journal export ({e})")))?;
    if doc.format != JSON_FORMAT {
        return Err(Error::invalid(
            "format",
            format!("is {:?}, not {JSON_FORMAT:?}", doc.format),
        ));
    }
    if doc.version > JSON_VERSION {
        return Err(Error::invalid(
            "version",
            format!(
                "{} is newer than this Attune reads ({JSON_VERSION})",
                doc.version
            ),
        ));
    }
    doc.reflections
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            r.content = r.content.validated(today).map_err(|e| in_entry(e, i))?;
            Ok(r)
        })
        .collect()
}

/// Re-labels a field error with the reflection's place in the list.
fn in_entry(e: Error, i: usize) -> Error {
    match e {
        Error::InvalidInput { field, message, .. } => Error::invalid_at(
            Place::Entry {
                kind: "reflection",
                number: i as u64 + 1,
            },
            field,
            message,
        ),
        e => e,
    }
}

/// One Markdown file of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownFile {
    /// Its name: `YYYY-MM-DD-title-words-<first 8 of the id>.md`, unique in an export.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// A string as front matter writes it: a double-quoted scalar (JSON's string syntax, which
/// YAML reads the same).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// A section's text as the file holds it: a line that starts with `#` (after any `\`) gets
/// one more `\` in front, so that no text is read back as a heading; reading takes it off.
fn escape(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            if line.trim_start_matches('\\').starts_with('#') {
                format!("\\{line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn unescape(line: &str) -> &str {
    match line.strip_prefix('\\') {
        Some(rest) if rest.trim_start_matches('\\').starts_with('#') => rest,
        _ => line,
    }
}

/// A few words of the title for the file name: lower-case letters and digits, hyphens.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The text of a section of `r`.
fn section_text(r: &ReflectionDraft, s: Section) -> &str {
    match s {
        Section::ParentInfant => &r.parent_infant,
        Section::PractitionerParent => &r.practitioner_parent,
        Section::SupervisorPractitioner => &r.supervisor_practitioner,
        Section::SelfReflection => &r.self_,
        Section::ForSupervision => &r.for_supervision,
    }
}

fn section_text_mut(r: &mut ReflectionDraft, s: Section) -> &mut String {
    match s {
        Section::ParentInfant => &mut r.parent_infant,
        Section::PractitionerParent => &mut r.practitioner_parent,
        Section::SupervisorPractitioner => &mut r.supervisor_practitioner,
        Section::SelfReflection => &mut r.self_,
        Section::ForSupervision => &mut r.for_supervision,
    }
}

/// One reflection as a Markdown file.
pub fn to_markdown(r: &Reflection) -> MarkdownFile {
    let c = &r.content;
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", quoted(&c.title)));
    text.push_str(&format!("date: {}\n", c.date.format("%Y-%m-%d")));
    text.push_str(&format!("kind: {}\n", c.kind.as_str()));
    text.push_str(&format!("family: {}\n", quoted(&c.family)));
    let tags: Vec<String> = c.tags.iter().map(|t| quoted(t)).collect();
    text.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    text.push_str(&format!("attune_id: {}\n", r.id));
    text.push_str("---\n");
    for s in Section::ALL {
        let body = section_text(c, s);
        if body.is_empty() {
            continue;
        }
        text.push_str(&format!("\n## {}\n\n{}\n", s.label(), escape(body)));
    }
    let mut name = c.date.format("%Y-%m-%d").to_string();
    let words = slug(&c.title);
    if !words.is_empty() {
        name.push('-');
        name.push_str(&words);
    }
    name.push('-');
    name.push_str(r.id.get(..8).unwrap_or(&r.id));
    name.push_str(".md");
    MarkdownFile { name, text }
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// One Markdown file per reflection, into a folder.
    Markdown,
    /// One JSON file.
    Json,
}

/// Writes the export of `reflections` (oldest first: by date, then id) to `out`: a JSON
/// file, or a folder (made, owner-only) of Markdown files. Every file goes through a
/// temporary file beside it, synced and renamed, readable by its owner alone. Returns how
/// many reflections were written.
pub fn write_export(
    out: &std::path::Path,
    form: Form,
    mut reflections: Vec<&Reflection>,
) -> Result<usize> {
    use crate::files::{make_private_dir, write_atomic, Readers};
    reflections.sort_by(|a, b| (a.content.date, &a.id).cmp(&(b.content.date, &b.id)));
    match form {
        Form::Json => write_atomic(
            out,
            &to_json(&reflections, Utc::now())?,
            "the journal export",
            Readers::Owner,
        )?,
        Form::Markdown => {
            make_private_dir(out)?;
            for r in &reflections {
                let f = to_markdown(r);
                write_atomic(
                    &out.join(&f.name),
                    f.text.as_bytes(),
                    "a reflection",
                    Readers::Owner,
                )?;
            }
        }
    }
    Ok(reflections.len())
}

/// A Markdown file of an export read back: the reflection's id (`attune_id`) and content.
/// Errors name the line.
pub fn read_markdown(text: &str, today: NaiveDate) -> Result<(Option<String>, ReflectionDraft)> {
    let bad = |line: usize, field: &str, message: &str| {
        Error::invalid_at(Place::line(line as u64 + 1), field, message.to_owned())
    };
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.first().map(|l| l.trim_end_matches('\r')) != Some("---") {
        return Err(bad(
            0,
            "",
            "the file does not start with front matter (---)",
        ));
    }
    let end = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end_matches('\r') == "---")
        .map(|p| p + 1)
        .ok_or_else(|| bad(0, "", "the front matter has no closing ---"))?;
    let mut draft = ReflectionDraft {
        kind: ReflectionKind::Note,
        date: today,
        title: String::new(),
        family: String::new(),
        tags: Vec::new(),
        parent_infant: String::new(),
        practitioner_parent: String::new(),
        supervisor_practitioner: String::new(),
        self_: String::new(),
        for_supervision: String::new(),
    };
    let mut id = None;
    let mut dated = false;
    for (i, raw) in lines.iter().enumerate().take(end).skip(1) {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(bad(i, "", "is not `key: value`"));
        };
        let (key, value) = (key.trim(), value.trim());
        let string = |v: &str| -> Result<String> {
            if v.starts_with('"') {
                serde_json::from_str(v).map_err(|_| bad(i, key, "is not a well-formed quoted text"))
            } else {
                Ok(v.to_owned())
            }
        };
        match key {
            "title" => draft.title = string(value)?,
            "family" => draft.family = string(value)?,
            "date" => {
                draft.date = parse_date("date", value).map_err(|e| match e {
                    Error::InvalidInput { message, .. } => bad(i, "date", &message),
                    e => e,
                })?;
                dated = true;
            }
            "kind" => {
                draft.kind = ReflectionKind::parse(value)
                    .map_err(|_| bad(i, "kind", "is not home_visit, supervision or note"))?
            }
            "tags" => {
                draft.tags = serde_json::from_str(value)
                    .map_err(|_| bad(i, "tags", "is not a list such as [\"sleep\", \"feeding\"]"))?
            }
            "attune_id" => id = Some(value.to_owned()),
            // Other keys (from other tools) are kept out, not refused.
            _ => {}
        }
    }
    if !dated {
        return Err(bad(0, "date", "is missing from the front matter"));
    }
    // The body: sections under their headings.
    let mut current: Option<Section> = None;
    let mut buf: Vec<&str> = Vec::new();
    let flush = |draft: &mut ReflectionDraft, s: Option<Section>, buf: &mut Vec<&str>| {
        if let Some(s) = s {
            let text: Vec<&str> = buf.iter().map(|l| unescape(l)).collect();
            *section_text_mut(draft, s) = text.join("\n").trim().to_owned();
        }
        buf.clear();
    };
    for (i, raw) in lines.iter().enumerate().skip(end + 1) {
        let line = raw.trim_end_matches('\r');
        if let Some(heading) = line.strip_prefix("## ") {
            let Some(s) = Section::ALL
                .into_iter()
                .find(|s| s.label() == heading.trim())
            else {
                return Err(bad(
                    i,
                    "",
                    "is a heading that is not one of a reflection's sections",
                ));
            };
            flush(&mut draft, current, &mut buf);
            current = Some(s);
        } else if current.is_some() {
            buf.push(raw);
        } else if !line.trim().is_empty() {
            return Err(bad(i, "", "has text before the first section heading"));
        }
    }
    flush(&mut draft, current, &mut buf);
    Ok((id, draft.validated(today)?))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn reflection(title: &str, body: &str) -> Reflection {
        let at = DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        Reflection {
            id: "0123456789abcdef0123456789abcdef".into(),
            content: ReflectionDraft {
                kind: ReflectionKind::HomeVisit,
                date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
                title: title.into(),
                family: "Rowan \"R\"".into(),
                tags: vec!["sleep".into(), "naps: short".into()],
                parent_infant: body.into(),
                practitioner_parent: String::new(),
                supervisor_practitioner: "## not a heading\n\\# nor this".into(),
                self_: "ok".into(),
                for_supervision: String::new(),
            },
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn markdown_reads_back_as_written() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let r = reflection(
            "Bath time: a \"calm\" one",
            "Line one\r\nline two 😊\n\n# Not a heading",
        );
        let f = to_markdown(&r);
        assert_eq!(f.name, "2026-03-02-bath-time-a-calm-one-01234567.md");
        assert!(f.text.starts_with("---\ntitle: \"Bath time: a \\\"calm\\\" one\"\ndate: 2026-03-02\nkind: home_visit\n"), "{}", f.text);
        assert!(f
            .text
            .contains("\n## Parent and baby\n\nLine one\r\nline two 😊\n\n\\# Not a heading\n"));
        let (id, back) = read_markdown(&f.text, today).unwrap();
        assert_eq!(id.as_deref(), Some(r.id.as_str()));
        assert_eq!(back, r.content);
    }

    #[test]
    fn bad_markdown_is_named_by_line() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let e = read_markdown("---\ntitle: x\ndate: 2026-13-01\n---\n", today).unwrap_err();
        assert!(e.to_string().starts_with("line 3: date:"), "{e}");
        let e =
            read_markdown("---\ndate: 2026-01-01\n---\n\n## Elsewhere\n\nx\n", today).unwrap_err();
        assert!(e.to_string().starts_with("line 5:"), "{e}");
        assert!(read_markdown("no front matter", today).is_err());
    }

    #[test]
    fn json_reads_back_as_written() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let r = reflection("One", "body");
        let bytes = to_json(&[&r], r.created_at).unwrap();
        assert_eq!(read_json(&bytes, today).unwrap(), vec![r]);
        let e = read_json(br#"{"format":"other","version":1,"exported_at":"2026-01-01T00:00:00Z","reflections":[]}"#, today).unwrap_err();
        assert!(e.to_string().contains("format"), "{e}");
    }
}
