//! A contact card's text form: the armoured lines people paste into an e-mail or a chat,
//! written by [`ContactCard::to_text`] and read back, checked, by [`ContactCard::parse`].
//! The format is documented in `docs/formats/contact-card.md`.

use super::{role_str, ContactCard, CARD_BEGIN, CARD_END, CARD_VERSION, MAX_CARD_TEXT_BYTES};
use crate::error::{Error, Result};
use crate::person_name::check_person_name;
use crate::share::{hex, unhex, ShareError};

impl ContactCard {
    /// The pasteable text form.
    pub fn to_text(&self) -> String {
        let sig = hex(&self.signature);
        format!(
            "{CARD_BEGIN}\nVersion: {CARD_VERSION}\nName: {}\nRole: {}\nSigning-Key: {}\nAge-Recipient: {}\nSignature: {}\n {}\n{CARD_END}\n",
            self.name,
            role_str(self.role),
            hex(&self.signing_key),
            self.age_recipient,
            &sig[..64],
            &sig[64..],
        )
    }

    /// Parses a card's text form, possibly with other text around it (an e-mail); checks
    /// the self-signature. Says what is wrong when it is not a valid card.
    pub fn parse(text: &[u8]) -> Result<ContactCard> {
        if text.len() > MAX_CARD_TEXT_BYTES {
            return Err(Error::invalid(
                "contact card",
                format!(
                    "longer than {}; is it the right file?",
                    crate::files::size_in_words(MAX_CARD_TEXT_BYTES as u64)
                ),
            ));
        }
        let text = std::str::from_utf8(text)
            .map_err(|_| Error::invalid("contact card", "is not UTF-8 text"))?;
        let Some(begin) = text.find(CARD_BEGIN) else {
            return Err(ShareError::NotAttune("contact card (no BEGIN line)").into());
        };
        let after = &text[begin + CARD_BEGIN.len()..];
        let (body, ended) = match after.find(CARD_END) {
            Some(end) => (&after[..end], true),
            None => (after, false),
        };
        // (key, value) pairs; a line starting with white space continues the value above.
        let mut fields: Vec<(String, String)> = Vec::new();
        for line in body_lines(body) {
            if line.trim().is_empty() {
                continue;
            }
            if line.starts_with([' ', '\t']) {
                let last = fields.last_mut().ok_or_else(|| {
                    Error::invalid("contact card", "a continued line has nothing above it")
                })?;
                last.1.push_str(line.trim());
                continue;
            }
            let (k, v) = line.split_once(':').ok_or_else(|| {
                Error::invalid(
                    "contact card",
                    format!(
                        "{:?} is not a `Field: value` line",
                        crate::hours::shorten(line)
                    ),
                )
            })?;
            let k = k.trim().to_ascii_lowercase();
            if fields.iter().any(|(x, _)| *x == k) {
                return Err(Error::invalid("contact card", format!("{k} appears twice")));
            }
            fields.push((k, v.trim().to_owned()));
        }
        if !ended {
            return Err(ShareError::Truncated("contact card (no END line)").into());
        }
        let get = |k: &str| -> Result<&str> {
            fields
                .iter()
                .find(|(x, _)| x == k)
                .map(|(_, v)| v.as_str())
                .ok_or_else(|| Error::invalid("contact card", format!("{k} is missing")))
        };
        if let Some((k, _)) = fields.iter().find(|(k, _)| {
            !matches!(
                k.as_str(),
                "version" | "name" | "role" | "signing-key" | "age-recipient" | "signature"
            )
        }) {
            return Err(Error::invalid(
                "contact card",
                format!("unknown field {:?}", crate::hours::shorten(k)),
            ));
        }
        let version = get("version")?;
        if version != "1" {
            return Err(ShareError::UnknownVersion {
                newest: 1,
                what: "contact card",
                found: crate::hours::shorten(version),
            }
            .into());
        }
        let signing_key = unhex::<32>(get("signing-key")?).ok_or_else(|| {
            Error::invalid(
                "contact card Signing-Key",
                "is not 64 lower-case hex digits",
            )
        })?;
        // Folded over two lines when written; wherever the fold went, the white space left
        // is not part of it.
        let signature: String = get("signature")?.split_whitespace().collect();
        let signature = unhex::<64>(&signature).ok_or_else(|| {
            Error::invalid("contact card Signature", "is not 128 lower-case hex digits")
        })?;
        Self::checked(
            check_person_name,
            get("name")?,
            get("role")?,
            signing_key,
            get("age-recipient")?,
            signature,
        )
    }
}

/// The field labels as [`ContactCard::to_text`] writes them, each starting a line.
const LABELS: [&str; 6] = [
    "Version:",
    "Name:",
    "Role:",
    "Signing-Key:",
    "Age-Recipient:",
    "Signature:",
];

/// The lines of a card's body (the text between its BEGIN and END armour). Mail clients
/// sometimes take a card's line breaks out, joining its lines with spaces, tabs, a lone CR
/// or nothing at all: what followed BEGIN on its line starts the body, and a line holding
/// more than one field label is cut again before each label after its first. Nothing else
/// changes: every field is then read and checked as in a card that kept its lines.
fn body_lines(body: &str) -> Vec<&str> {
    let body = body.trim_start_matches([' ', '\t', '\r']);
    let mut out = Vec::new();
    for line in body.lines() {
        let start = line.len() - line.trim_start().len();
        let mut cuts: Vec<usize> = LABELS
            .iter()
            .flat_map(|label| line.match_indices(label).map(|(at, _)| at))
            .filter(|&at| at > start)
            .collect();
        if cuts.is_empty() {
            out.push(line);
            continue;
        }
        cuts.sort_unstable();
        let mut from = 0;
        for at in cuts.into_iter().chain([line.len()]) {
            out.push(line[from..at].trim());
            from = at;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Role;
    use crate::share::Identity;

    fn card() -> ContactCard {
        let id = Identity::generate().unwrap();
        ContactCard::create(&id, "  Lucía   Pérez ", Role::Supervisor).unwrap()
    }

    #[test]
    fn text_round_trip_with_email_around_it() {
        let c = card();
        assert_eq!(c.name(), "Lucía Pérez");
        let text = c.to_text();
        assert!(text.lines().all(|l| l.chars().count() < 80), "{text}");
        let pasted = format!("Hi, here is my card:\n\n{text}\nBest, L.\n");
        assert_eq!(ContactCard::parse(pasted.as_bytes()).unwrap(), c);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<ContactCard>(&json).unwrap(), c);
    }

    #[test]
    fn a_changed_name_breaks_the_signature() {
        let c = card();
        let text = c.to_text().replace("Name: Lucía Pérez", "Name: Mallory");
        match ContactCard::parse(text.as_bytes()) {
            Err(Error::Share(ShareError::BadSignature(_))) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn broken_cards_say_what_is_wrong() {
        let c = card();
        let text = c.to_text();
        let cases: Vec<(String, &str)> = vec![
            ("hello".into(), "not an Attune contact card"),
            (text.replace(CARD_END, ""), "truncated"),
            (text.replace("Version: 1", "Version: 2"), "version 2"),
            (text.replace("Role: supervisor", "Role: boss"), "card role"),
            (
                text.replace("Age-Recipient: age1", "Age-Recipient: age2"),
                "age recipient",
            ),
            (
                text.replace("Version: 1", "Version: 1\nColour: red"),
                "unknown field",
            ),
            (
                text.replace("Version: 1", "Version: 1\nName: Other"),
                "appears twice",
            ),
        ];
        for (bad, needle) in cases {
            let e = ContactCard::parse(bad.as_bytes()).unwrap_err().to_string();
            assert!(e.contains(needle), "{needle}: {e}");
        }
    }

    #[test]
    fn a_card_whose_line_breaks_were_lost_is_still_read() {
        let c = card();
        let text = c.to_text();
        let cases = [
            ("spaces", text.replace('\n', " ")),
            ("nothing", text.replace('\n', "")),
            ("CRLF", text.replace('\n', "\r\n")),
            ("CR", text.replace('\n', "\r")),
            ("tabs", text.replace('\n', "\t")),
            ("some of them", text.replacen('\n', " ", 4)),
            (
                "e-mail around it, all on one line",
                format!("Hi, here is my card: {} Best, L.", text.replace('\n', " ")),
            ),
        ];
        for (how, pasted) in cases {
            match ContactCard::parse(pasted.as_bytes()) {
                Ok(read) => assert_eq!(read, c, "{how}"),
                Err(e) => panic!("line breaks replaced by {how}: {e}\n{pasted:?}"),
            }
        }
    }

    #[test]
    fn a_card_whose_line_breaks_were_lost_is_checked_as_strictly() {
        let c = card();
        let flat = |t: &str| t.replace('\n', " ");
        let text = c.to_text();
        let renamed = flat(&text.replace("Name: Lucía Pérez", "Name: Mallory"));
        match ContactCard::parse(renamed.as_bytes()) {
            Err(Error::Share(ShareError::BadSignature(_))) => {}
            other => panic!("renamed: {other:?}"),
        }
        let sig = hex(&c.signature);
        let cases: Vec<(String, &str)> = vec![
            (flat(&text.replace(CARD_END, "")), "truncated"),
            (
                flat(&text.replace(CARD_BEGIN, "")),
                "not an Attune contact card",
            ),
            (flat(&text.replace("Version: 1", "Version: 2")), "version 2"),
            (
                flat(&text.replace("Role: supervisor", "Role: boss")),
                "card role",
            ),
            (
                flat(&text.replace("Version: 1", "Version: 1\nName: Other")),
                "appears twice",
            ),
            (
                flat(&text.replace(&format!("\n {}", &sig[64..]), "")),
                "Signature",
            ),
            (
                flat(&text.replace("Version: 1", "Version: 1\nColour: red")),
                "version",
            ),
        ];
        for (bad, needle) in cases {
            let e = ContactCard::parse(bad.as_bytes()).unwrap_err().to_string();
            assert!(e.contains(needle), "{needle}: {e}");
        }
    }
}
