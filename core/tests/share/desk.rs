//! The supervisor's desk (issue 20): one row per supervisee with what is new, owed and
//! unsigned; the state of shared reflections; private notes never sent; sessions already
//! signed never offered again; and what the practitioner is told when an attestation covers
//! a session an earlier one already covered.

use super::*;

/// A session an earlier attestation already covered is counted as such, not as one that
/// "no longer matches": it is unchanged and still attested.
#[test]
fn an_attestation_covering_already_attested_sessions_says_so() {
    let (mut p, mut s, rid) = pair();
    let bundle = share_all(&mut p, &rid);
    s.vault.sharing_mut().receive(&bundle).unwrap();
    // Two attestations of the same sessions (as a supervisor's second device, or an older
    // Attune that kept no record of what it signed, could make).
    let (first, _) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    let (second, _) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    let got = p.vault.sharing_mut().receive(&first).unwrap();
    assert!(
        matches!(
            got,
            Received::Attestation {
                sessions: 2,
                matched: 2,
                already_attested: 0,
                ..
            }
        ),
        "{got:?}"
    );
    let got = p.vault.sharing_mut().receive(&second).unwrap();
    assert!(
        matches!(
            got,
            Received::Attestation {
                sessions: 2,
                matched: 0,
                already_attested: 2,
                already_received: false,
                ..
            }
        ),
        "{got:?}"
    );
    // The window's summary counts them among the sessions shown as attested.
    let shown = attune_core::views::ReceivedFile::from(got);
    assert!(
        matches!(
            shown,
            attune_core::views::ReceivedFile::Attestation {
                sessions: 2,
                matched: 2,
                ..
            }
        ),
        "{shown:?}"
    );
    let attested = p
        .vault
        .hours()
        .sessions()
        .iter()
        .filter(|x| p.vault.hours().attestation(&x.id).is_attested())
        .count();
    assert_eq!(attested, 2);
    // Receiving it again reports the same, and changes nothing.
    let again = p.vault.sharing_mut().receive(&second).unwrap();
    assert!(
        matches!(
            again,
            Received::Attestation {
                matched: 0,
                already_attested: 2,
                already_received: true,
                ..
            }
        ),
        "{again:?}"
    );
}
