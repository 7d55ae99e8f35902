//! The vaults of the desk's story, made with core: a supervisor, three practitioners who
//! share with her, and what they share.

use std::path::{Path, PathBuf};

use attune_core::hours::{Period, SessionDraft, SessionFormat};
use attune_core::share::{ContactRef, Section, ShareEntry, ShareRequest};
use attune_core::{
    CreateOptions, KdfParams, ReflectionDraft, ReflectionFilter, ReflectionKind, Role, Vault,
};
use attune_e2e::built::unlock_when_free;
use chrono::{Days, Local, NaiveDate};

use super::{ANA, PASSPHRASE, TO_BRING};

fn days_ago(n: u64) -> NaiveDate {
    Local::now().date_naive() - Days::new(n)
}

fn vault(dir: &Path, name: &str, role: Role) -> Vault {
    let options = CreateOptions {
        name: Some(name.into()),
        role,
        kdf: KdfParams::MINIMUM,
    };
    Vault::create(dir, PASSPHRASE, &options).unwrap().0
}

pub(super) fn reflection(days: u64, title: &str, for_supervision: &str) -> ReflectionDraft {
    ReflectionDraft {
        kind: ReflectionKind::HomeVisit,
        date: days_ago(days),
        title: title.into(),
        family: "Rowan".into(),
        parent_infant: format!("{title}: she watched him for a long moment before reaching."),
        practitioner_parent: "She asked me to come back on the same day next week.".into(),
        tags: Vec::new(),
        supervisor_practitioner: String::new(),
        self_: "I noticed I wanted to fill the silence.".into(),
        for_supervision: for_supervision.into(),
    }
}

pub(super) fn session(days: u64, minutes: u32, provider: &str) -> SessionDraft {
    SessionDraft {
        date: days_ago(days),
        minutes,
        format: SessionFormat::Individual,
        modality: None,
        provider: provider.into(),
        credential: Some("IMHM-C".into()),
        facilitated: None,
        age_focus: None,
        about_rsc_provided: false,
        note: String::new(),
        reflections: Vec::new(),
    }
}

/// Shares every reflection in `p`'s journal and the sessions of the last 60 days with the
/// supervisor; writes the bundle to `out`.
pub(super) fn share_all(p: &mut Vault, supervisor_fp: &str, out: &Path) {
    let entries = p
        .journal()
        .list(&ReflectionFilter::default())
        .into_iter()
        .map(|r| ShareEntry {
            id: r.id.clone(),
            sections: vec![
                Section::ParentInfant,
                Section::SelfReflection,
                Section::ForSupervision,
            ],
        })
        .collect();
    let (bytes, _) = p
        .sharing_mut()
        .create_share(&ShareRequest {
            to: ContactRef::Fingerprint(supervisor_fp.to_owned()),
            entries,
            hours: Some(Period {
                from: Some(days_ago(60)),
                to: Some(days_ago(0)),
            }),
        })
        .unwrap();
    std::fs::write(out, bytes).unwrap();
}

/// The supervisor's vault and three practitioners', contacts exchanged and verified both
/// ways, each practitioner's share written to `files`. Returns the supervisor's vault, Sam's
/// vault (who shares again later), the supervisor's fingerprint and the three bundles.
pub(super) fn vaults(dir: &Path, files: &Path) -> (PathBuf, PathBuf, String, Vec<PathBuf>) {
    let s_dir = dir.join("ana");
    let mut s = vault(&s_dir, ANA, Role::Supervisor);
    let s_card = s.sharing_mut().my_card().unwrap();
    let s_fp = s_card.fingerprint().to_string();
    let people: [(&str, &str, Vec<ReflectionDraft>, Vec<SessionDraft>); 3] = [
        (
            "sam",
            "Sam Lee",
            vec![
                reflection(6, "Bath time", TO_BRING),
                reflection(2, "The long wait", ""),
            ],
            vec![
                session(30, 60, ANA),
                session(25, 45, "Dr. Lee Other"),
                session(20, 60, ANA),
                session(10, 90, ANA),
            ],
        ),
        (
            "kim",
            "Kim Park",
            vec![reflection(4, "A first visit", "")],
            vec![session(14, 60, ANA), session(7, 60, ANA)],
        ),
        (
            "jo",
            "Jo Mendes",
            vec![reflection(3, "Crying at the door", "")],
            vec![session(12, 60, ANA)],
        ),
    ];
    let mut bundles = Vec::new();
    for (stem, name, reflections, sessions) in people {
        let mut p = vault(&dir.join(stem), name, Role::Practitioner);
        let p_card = p.sharing_mut().my_card().unwrap();
        let p_fp = p_card.fingerprint().to_string();
        s.sharing_mut().add_contact(p_card).unwrap();
        s.sharing_mut().verify_contact(&p_fp).unwrap();
        p.sharing_mut().add_contact(s_card.clone()).unwrap();
        p.sharing_mut().verify_contact(&s_fp).unwrap();
        for r in reflections {
            p.journal_mut().add(r).unwrap();
        }
        for x in sessions {
            p.hours_mut().add_session(x).unwrap();
        }
        let out = files.join(format!("from {stem}.attune-share"));
        share_all(&mut p, &s_fp, &out);
        p.lock().unwrap();
        bundles.push(out);
    }
    s.lock().unwrap();
    (s_dir, dir.join("sam"), s_fp, bundles)
}

/// Sam supervises Jo too: contacts exchanged and verified, Jo shares with Sam, and Sam's
/// vault receives it.
pub(super) fn sam_supervises_jo(sam_dir: &Path, jo_dir: &Path, files: &Path) {
    let mut sam = unlock_when_free(sam_dir, PASSPHRASE).unwrap();
    let mut jo = unlock_when_free(jo_dir, PASSPHRASE).unwrap();
    let (sam_card, jo_card) = (
        sam.sharing_mut().my_card().unwrap(),
        jo.sharing_mut().my_card().unwrap(),
    );
    let (sam_fp, jo_fp) = (
        sam_card.fingerprint().to_string(),
        jo_card.fingerprint().to_string(),
    );
    sam.sharing_mut().add_contact(jo_card).unwrap();
    sam.sharing_mut().verify_contact(&jo_fp).unwrap();
    jo.sharing_mut().add_contact(sam_card).unwrap();
    jo.sharing_mut().verify_contact(&sam_fp).unwrap();
    let to_sam = files.join("from jo to sam.attune-share");
    share_all(&mut jo, &sam_fp, &to_sam);
    jo.lock().unwrap();
    sam.sharing_mut()
        .receive(&std::fs::read(&to_sam).unwrap())
        .unwrap();
    sam.lock().unwrap();
}
