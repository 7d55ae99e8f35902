//! Day One's JSON export: the `.zip` Day One writes (each journal a `*.json` file in it,
//! photos beside) or one journal's JSON file: `{"metadata": {...}, "entries": [{"uuid",
//! "creationDate", "timeZone", "text", "tags", "starred", "photos", "location", "weather",
//! ...}]}`. Each entry becomes a note dated by its own time zone, so an evening entry keeps
//! its day; photos, places and weather are not kept.

use std::io::Read;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use super::{entry, note, tags_of, Incoming};
use crate::error::{Error, Result};
use crate::journal::records::ImportItem;

/// The largest JSON file read out of a zip: some hundred thousand entries.
const MAX_JSON_IN_ZIP: u64 = 256 * 1024 * 1024;

/// Reads a Day One export: a zip (every `*.json` in it, in name order) or one JSON file.
pub fn dayone(bytes: &[u8], today: NaiveDate) -> Result<Incoming> {
    if bytes.starts_with(b"PK\x03\x04") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| Error::invalid("file", format!("is not a readable zip ({e})")))?;
        let mut names: Vec<String> = zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .filter(|n| n.ends_with(".json") && !n.contains('/'))
            .collect();
        names.sort();
        if names.is_empty() {
            return Err(Error::invalid(
                "file",
                "holds no journal (.json) at its top level: is it a Day One export?",
            ));
        }
        let mut all = Incoming::default();
        for name in names {
            let mut file = zip.by_name(&name).map_err(|e| {
                Error::invalid(name.clone(), format!("cannot be read from the zip ({e})"))
            })?;
            if file.size() > MAX_JSON_IN_ZIP {
                return Err(Error::invalid(name, "is too large to import"));
            }
            let mut json = Vec::new();
            file.read_to_end(&mut json).map_err(|e| {
                Error::invalid(name.clone(), format!("cannot be read from the zip ({e})"))
            })?;
            let one = journal(&json, today).map_err(|e| match e {
                Error::InvalidInput {
                    field,
                    message,
                    place,
                } => Error::InvalidInput {
                    field: format!("{name}: {field}"),
                    message,
                    place,
                },
                e => e,
            })?;
            all.items.extend(one.items);
            for d in one.dropped {
                if !all.dropped.contains(&d) {
                    all.dropped.push(d);
                }
            }
        }
        return Ok(all);
    }
    journal(bytes, today)
}

/// One journal's JSON.
fn journal(bytes: &[u8], today: NaiveDate) -> Result<Incoming> {
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| Error::invalid("file", format!("is not JSON ({e})")))?;
    let entries = doc
        .get("entries")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            Error::invalid("entries", "is missing: this is not a Day One JSON export")
        })?;
    let mut out = Incoming::default();
    let (mut media, mut places, mut weather, mut starred, mut utc) = (0, 0, 0, 0, 0);
    for (i, e) in entries.iter().enumerate() {
        let place = entry(i);
        let field = |name: &str| -> Result<Option<&str>> {
            match e.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(Error::invalid_at(place, name, "must be a text")),
            }
        };
        let created = field("creationDate")?
            .ok_or_else(|| Error::invalid_at(place, "creationDate", "is missing"))?;
        let at: DateTime<Utc> = DateTime::parse_from_rfc3339(created)
            .map_err(|_| {
                Error::invalid_at(
                    place,
                    "creationDate",
                    format!("{created:?} is not a date and time such as 2024-05-01T20:30:00Z"),
                )
            })?
            .with_timezone(&Utc);
        // The day where it was written: an evening entry in California keeps its day.
        let date = match field("timeZone")?.and_then(|z| z.parse::<chrono_tz::Tz>().ok()) {
            Some(tz) => at.with_timezone(&tz).date_naive(),
            None => {
                utc += 1;
                at.date_naive()
            }
        };
        let mut draft = note(date);
        let text = field("text")?.unwrap_or("");
        let kept: Vec<&str> = text
            .split('\n')
            .filter(|l| {
                !(l.trim_start().starts_with("![](dayone-moment:")
                    || l.trim_start().starts_with("![](dayone-moment/"))
            })
            .collect();
        let mut lines = kept.into_iter();
        let first = lines.by_ref().find(|l| !l.trim().is_empty()).unwrap_or("");
        draft.title = first.trim().trim_start_matches('#').trim().to_owned();
        draft.self_ = lines.collect::<Vec<_>>().join("\n").trim().to_owned();
        draft.tags = tags_of(e, place)?;
        let has_media = ["photos", "videos", "audios", "pdfAttachments"]
            .iter()
            .any(|k| {
                e.get(*k)
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty())
            });
        if has_media {
            media += 1;
        }
        if e.get("location").is_some_and(|l| !l.is_null()) {
            places += 1;
        }
        if e.get("weather").is_some_and(|w| !w.is_null()) {
            weather += 1;
        }
        if e.get("starred").and_then(Value::as_bool) == Some(true) {
            starred += 1;
        }
        let draft = draft.validated(today).map_err(|e| e.placed(place))?;
        let key = match field("uuid")? {
            Some(uuid) => format!("dayone:{uuid}"),
            None => format!(
                "dayone:{}",
                super::hex_digest(format!("{created}\n{text}").as_bytes())
            ),
        };
        out.items.push(ImportItem {
            key,
            draft,
            attune_id: None,
            saved: None,
        });
    }
    for (n, what) in [
        (media, "photos and other media"),
        (places, "places"),
        (weather, "weather"),
        (starred, "starred marks"),
    ] {
        if n > 0 {
            out.dropped.push(format!(
                "{what} ({n} entr{})",
                if n == 1 { "y" } else { "ies" }
            ));
        }
    }
    if utc > 0 {
        out.dropped.push(format!(
            "no time zone on {utc} entr{}: dated by UTC",
            if utc == 1 { "y" } else { "ies" }
        ));
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::io::Write;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    const JOURNAL: &str = r##"{"metadata": {"version": "1.0"}, "entries": [
      {"uuid": "81F0F3CA693F484792F76359E9E2ACE8", "creationDate": "2024-05-02T04:30:00Z", "timeZone": "America/Los_Angeles",
       "text": "# After the visit\n\n![](dayone-moment://68D729369ED84A8B91B5D348E4592EFE)\n\nShe held him a long while.", "tags": ["work"], "starred": true,
       "photos": [{"identifier": "68D7"}], "location": {"localityName": "Oakland"}, "weather": {"temperatureCelsius": 16}},
      {"uuid": "A2", "creationDate": "2024-05-02T04:30:00Z", "text": "No zone"}
    ]}"##;

    #[test]
    fn an_evening_entry_keeps_its_day_and_media_are_named() {
        let got = dayone(JOURNAL.as_bytes(), today()).unwrap();
        let a = &got.items[0];
        // 04:30 UTC on 2 May is 21:30 on 1 May in California.
        assert_eq!(a.draft.date, NaiveDate::from_ymd_opt(2024, 5, 1).unwrap());
        assert_eq!(a.draft.title, "After the visit");
        assert_eq!(a.draft.self_, "She held him a long while.");
        assert_eq!(a.key, "dayone:81F0F3CA693F484792F76359E9E2ACE8");
        assert_eq!(
            got.items[1].draft.date,
            NaiveDate::from_ymd_opt(2024, 5, 2).unwrap()
        );
        assert_eq!(
            got.dropped,
            [
                "photos and other media (1 entry)",
                "places (1 entry)",
                "weather (1 entry)",
                "starred marks (1 entry)",
                "no time zone on 1 entry: dated by UTC"
            ]
        );
    }

    #[test]
    fn the_zip_reads_like_its_journal() {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let o = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            z.start_file("Journal.json", o).unwrap();
            z.write_all(JOURNAL.as_bytes()).unwrap();
            z.start_file("photos/68D7.jpeg", o).unwrap();
            z.write_all(b"\xff\xd8").unwrap();
            z.finish().unwrap();
        }
        let got = dayone(buf.get_ref(), today()).unwrap();
        assert_eq!(got.items.len(), 2);
        let e = dayone(
            br#"{"entries": [{"uuid": "x", "creationDate": "yesterday"}]}"#,
            today(),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("entry 1: creationDate: \"yesterday\" is not"),
            "{e}"
        );
    }
}
