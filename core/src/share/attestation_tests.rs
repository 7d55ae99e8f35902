//! The unit tests of attestation.rs: signing, each refusal, every flipped byte.
use super::*;
use crate::profile::Role;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn signed() -> (Identity, Vec<u8>) {
    let id = Identity::generate().unwrap();
    let card = ContactCard::create(&id, "Lucía Pérez", Role::Supervisor).unwrap();
    let sessions = vec![
        AttestedSession {
            id: "aa01".into(),
            date: day("2026-01-12"),
            minutes: 60,
            format: SessionFormat::Individual,
            about_rsc_provided: false,
            provider: Some("Lucía Pérez".into()),
        },
        AttestedSession {
            id: "aa02".into(),
            date: day("2026-02-09"),
            minutes: 90,
            format: SessionFormat::Group,
            about_rsc_provided: true,
            provider: Some("L. Pérez".into()),
        },
    ];
    let robin = Identity::generate().unwrap();
    let practitioner = ContactCard::create(&robin, "Robin Hale", Role::Practitioner).unwrap();
    let (file, a) = Attestation::sign(&id, &card, &practitioner, Period::ALL, sessions).unwrap();
    assert_eq!(a.practitioner, practitioner.fingerprint());
    assert_eq!(a.totals.minutes, 150);
    assert_eq!(a.period.from, day("2026-01-12"));
    (id, file)
}

/// Re-signs the payload of `file` after `edit` changed its JSON: a well-signed file with
/// bad content.
fn resigned(id: &Identity, file: &[u8], edit: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let env = envelope::decode(MAGIC, WHAT, file).unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(env.payload).unwrap();
    edit(&mut v);
    Attestation::sign_payload(id, &serde_json::to_vec(&v).unwrap()).unwrap()
}

fn refused(bytes: &[u8], needle: &str) {
    let e = Attestation::verify(bytes).unwrap_err().to_string();
    assert!(e.contains(needle), "want {needle:?} in {e:?}");
}

#[test]
fn a_signed_attestation_verifies() {
    let (_, file) = signed();
    let a = Attestation::verify(&file).unwrap();
    assert_eq!(a.sessions.len(), 2);
    assert_eq!(a.totals.group_minutes, 90);
    assert_eq!(a.totals.about_rsc_provided_minutes, 90);
    assert_eq!(a.supervisor.name(), "Lucía Pérez");
    assert_eq!(a.format, 2);
    assert_eq!(a.practitioner_name.as_deref(), Some("Robin Hale"));
    assert_eq!(a.provider_of(&a.sessions[1]), "L. Pérez");
    assert!(!String::from_utf8(file).unwrap().contains("\n\n"));
}

#[test]
fn format_1_still_verifies_and_names_the_signer_as_provider() {
    let (id, file) = signed();
    let f = resigned(&id, &file, |v| {
        v["format"] = 1.into();
        v.as_object_mut().unwrap().remove("practitioner_name");
        for s in v["sessions"].as_array_mut().unwrap() {
            s.as_object_mut().unwrap().remove("provider");
        }
    });
    let a = Attestation::verify(&f).unwrap();
    assert_eq!((a.format, a.practitioner_name.as_deref()), (1, None));
    assert_eq!(a.provider_of(&a.sessions[1]), "Lucía Pérez");
}

#[test]
fn each_format_carries_exactly_its_own_fields() {
    let (id, file) = signed();
    let f = resigned(&id, &file, |v| v["format"] = 1.into());
    refused(&f, "practitioner_name: is not in format 1");
    let f = resigned(&id, &file, |v| {
        v["format"] = 1.into();
        v.as_object_mut().unwrap().remove("practitioner_name");
    });
    refused(&f, "session 1: provider: is not in format 1");
    let f = resigned(&id, &file, |v| {
        v.as_object_mut().unwrap().remove("practitioner_name");
    });
    refused(&f, "practitioner_name: is missing");
    let f = resigned(&id, &file, |v| {
        v["sessions"][1].as_object_mut().unwrap().remove("provider");
    });
    refused(&f, "session 2: provider: is missing");
    let f = resigned(&id, &file, |v| {
        v["sessions"][0]["provider"] = "Sam\u{7}".into()
    });
    refused(&f, "session 1: provider: contains U+0007");
    let f = resigned(&id, &file, |v| {
        v["practitioner_name"] = " Robin  Hale".into()
    });
    refused(&f, "practitioner_name: is not in normal form");
}

#[test]
fn negative_minutes_are_refused() {
    let (id, file) = signed();
    let f = resigned(&id, &file, |v| {
        v["sessions"][0]["minutes"] = (-60).into();
        v["totals"]["minutes"] = 30.into();
        v["totals"]["individual_minutes"] = (-60).into();
    });
    refused(&f, "session 1: minutes: -60 is not a number of minutes");
}

#[test]
fn overflowing_minutes_are_refused_not_wrapped() {
    let (id, file) = signed();
    // u32::MAX + 61 would wrap to 60 if it were ever cast.
    let f = resigned(&id, &file, |v| {
        v["sessions"][0]["minutes"] = (u64::from(u32::MAX) + 61).into();
    });
    refused(&f, "4294967356 is not a number of minutes");
    let f = resigned(&id, &file, |v| {
        v["totals"]["minutes"] = (u64::from(u32::MAX) + 151).into();
    });
    refused(&f, "totals.minutes: 4294967446 does not add up");
    let f = resigned(&id, &file, |v| {
        v["sessions"][0]["minutes"] = serde_json::json!(1e30);
    });
    refused(&f, "does not parse");
}

#[test]
fn an_end_before_the_start_is_refused() {
    let (id, file) = signed();
    let f = resigned(&id, &file, |v| {
        v["period"]["from"] = "2026-03-01".into();
        v["period"]["to"] = "2026-01-01".into();
    });
    refused(&f, "ends (2026-01-01) before it starts (2026-03-01)");
}

#[test]
fn totals_that_do_not_add_up_and_dates_outside_are_refused() {
    let (id, file) = signed();
    let f = resigned(&id, &file, |v| v["totals"]["minutes"] = 151.into());
    refused(&f, "totals.minutes: 151 does not add up");
    let f = resigned(&id, &file, |v| {
        v["sessions"][1]["date"] = "2027-01-01".into()
    });
    refused(&f, "outside the period");
    let f = resigned(&id, &file, |v| v["sessions"][1]["id"] = "aa01".into());
    refused(&f, "appears twice");
    let f = resigned(&id, &file, |v| v["format"] = 3.into());
    refused(&f, "format version 3");
}

#[test]
fn every_flipped_byte_fails() {
    let (_, file) = signed();
    for i in 0..file.len() {
        for bit in [0x01u8, 0x20, 0x80] {
            let mut f = file.clone();
            f[i] ^= bit;
            assert!(
                Attestation::verify(&f).is_err(),
                "byte {i} ^ {bit:#x} still verifies"
            );
        }
    }
}

#[test]
fn another_key_cannot_sign_for_the_supervisor() {
    let (_, file) = signed();
    let mallory = Identity::generate().unwrap();
    let f = resigned(&mallory, &file, |_| {});
    refused(&f, "signature does not match");
}
