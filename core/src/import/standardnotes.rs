//! Standard Notes' decrypted backup (protocol 004): `{"version": "004", "items": [...]}`
//! where notes are `{"uuid", "content_type": "Note", "created_at", "content": {"title",
//! "text", "trashed"?}}` and tags are `{"content_type": "Tag", "content": {"title",
//! "references": [{"uuid", "content_type": "Note"}]}}`. Each note not in the trash becomes a
//! note with its tags; everything else (editors, settings, themes) is not kept.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use super::{bare_tag, entry, note, Incoming};
use crate::error::{Error, Result};
use crate::journal::records::ImportItem;

/// Reads a decrypted Standard Notes backup.
pub fn standard_notes(bytes: &[u8], today: NaiveDate) -> Result<Incoming> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| Error::invalid("file", format!("is not JSON ({e})")))?;
    let items = doc.get("items").and_then(Value::as_array).ok_or_else(|| {
        Error::invalid("items", "is missing: this is not a Standard Notes backup")
    })?;
    // Tags name the notes they hold.
    let mut tags: HashMap<&str, Vec<String>> = HashMap::new();
    for it in items {
        if it.get("content_type").and_then(Value::as_str) != Some("Tag") {
            continue;
        }
        let Some(content) = it.get("content").filter(|c| c.is_object()) else {
            continue;
        };
        let title = content.get("title").and_then(Value::as_str).unwrap_or("");
        for r in content
            .get("references")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(uuid) = r.get("uuid").and_then(Value::as_str) {
                tags.entry(uuid).or_default().push(bare_tag(title));
            }
        }
    }
    let mut out = Incoming::default();
    let (mut trashed, mut other) = (0, 0);
    for (i, it) in items.iter().enumerate() {
        if it.get("content_type").and_then(Value::as_str) != Some("Note") {
            if it.get("content_type").and_then(Value::as_str) != Some("Tag") {
                other += 1;
            }
            continue;
        }
        let place = entry(i);
        let content = match it.get("content") {
            Some(c @ Value::Object(_)) => c,
            Some(Value::String(_)) => {
                return Err(Error::invalid_at(
                    place,
                    "content",
                    "is encrypted: make a decrypted backup in Standard Notes (Preferences, Backups) and import that",
                ))
            }
            _ => return Err(Error::invalid_at(place, "content", "is missing")),
        };
        if content.get("trashed").and_then(Value::as_bool) == Some(true) {
            trashed += 1;
            continue;
        }
        let uuid = it
            .get("uuid")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid_at(place, "uuid", "is missing"))?;
        let created = it
            .get("created_at")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid_at(place, "created_at", "is missing"))?;
        let at: DateTime<Utc> = DateTime::parse_from_rfc3339(created)
            .map_err(|_| {
                Error::invalid_at(
                    place,
                    "created_at",
                    format!("{created:?} is not a date and time"),
                )
            })?
            .with_timezone(&Utc);
        let text = |k: &str| -> Result<String> {
            match content.get(k) {
                None | Some(Value::Null) => Ok(String::new()),
                Some(Value::String(s)) => Ok(s.clone()),
                Some(_) => Err(Error::invalid_at(place, k, "must be a text")),
            }
        };
        let mut draft = note(at.date_naive());
        draft.title = text("title")?;
        draft.self_ = text("text")?;
        draft.tags = tags.get(uuid).cloned().unwrap_or_default();
        out.items.push(ImportItem {
            key: format!("standardnotes:{uuid}"),
            draft: draft.validated(today).map_err(|e| e.placed(place))?,
            attune_id: None,
            saved: None,
        });
    }
    out.dropped
        .push("the time of day; notes are dated by UTC".into());
    if trashed > 0 {
        out.dropped.push(format!(
            "{trashed} note{} in the trash",
            if trashed == 1 { "" } else { "s" }
        ));
    }
    if other > 0 {
        out.dropped.push(format!(
            "{other} item{} that are not notes (editors, settings, themes)",
            if other == 1 { "" } else { "s" }
        ));
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn notes_come_with_their_tags_and_the_trash_stays_out() {
        let file = br#"{"version": "004", "items": [
          {"uuid": "n1", "content_type": "Note", "created_at": "2024-05-01T21:30:00.000Z", "content": {"title": "After the visit", "text": "Long day.\nShe held him.", "references": []}},
          {"uuid": "n2", "content_type": "Note", "created_at": "2024-05-03T08:00:00.000Z", "content": {"title": "Old", "text": "x", "trashed": true}},
          {"uuid": "t1", "content_type": "Tag", "created_at": "2024-05-01T21:30:00.000Z", "content": {"title": "work", "references": [{"uuid": "n1", "content_type": "Note"}]}},
          {"uuid": "c1", "content_type": "SN|Component", "created_at": "2024-05-01T21:30:00.000Z", "content": {}}
        ]}"#;
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let got = standard_notes(file, today).unwrap();
        assert_eq!(got.items.len(), 1);
        let n = &got.items[0];
        assert_eq!(
            (n.draft.title.as_str(), n.draft.self_.as_str()),
            ("After the visit", "Long day.\nShe held him.")
        );
        assert_eq!(n.draft.tags, ["work"]);
        assert_eq!(n.key, "standardnotes:n1");
        assert_eq!(got.dropped[1], "1 note in the trash");
        let e = standard_notes(
            br#"{"items": [{"uuid": "n", "content_type": "Note", "content": "004:abc"}]}"#,
            today,
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with("entry 1: content: is encrypted"),
            "{e}"
        );
    }
}
