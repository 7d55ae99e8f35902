//! Loading at unlock: every record read, opened, decoded and (reflections) indexed, on all
//! cores, then handed to the domain that owns its kind. Unlock time is dominated by this.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Utc;
use zeroize::Zeroizing;

use super::upkeep::BackupLog;
use super::DamagedRecord;
use crate::cores;
use crate::desk::{Desk, SuperviseeNote};
use crate::error::Result;
use crate::hours::{Hours, Provider, SupervisionSession, Training};
use crate::journal::records::ImportLog;
use crate::journal::{index_reflection, Batch, DocId, Journal, Reflection, SearchIndex, BULK_FROM};
use crate::portfolio::{Portfolio, PortfolioItem};
use crate::profile::{Profile, Role};
use crate::provided::{Provided, ProvidedSession};
use crate::record::{decode, kinds, RecordCodec, RecordOpener};
use crate::settings::Settings;
use crate::share::stored::ShareRecord;
use crate::share::Sharing;
use crate::store::{RecordReader, RecordRef, Store};

/// What one stored record other than a reflection turned into.
enum Loaded {
    Profile(Profile),
    Settings(Settings),
    Session(Box<SupervisionSession>),
    Provider(Box<Provider>),
    Training(Box<Training>),
    PortfolioItem(Box<PortfolioItem>),
    Provided(Box<ProvidedSession>),
    Note(Box<SuperviseeNote>),
    Share(ShareRecord),
    ImportLog(ImportLog),
    BackupLog(BackupLog),
    /// A kind this version does not know (written by a newer one): kept, untouched.
    Other,
    Damaged(DamagedRecord),
}

fn damaged(row: &RecordRef<'_>) -> DamagedRecord {
    DamagedRecord {
        id: row.id.to_owned(),
        kind: row.kind.to_owned(),
    }
}

/// Opens and decodes a record other than a reflection, by its kind.
fn load_other(opener: &mut RecordOpener<'_>, row: &RecordRef<'_>) -> Loaded {
    let loaded = match row.kind {
        kinds::PROFILE => opener.open(row).map(Loaded::Profile),
        kinds::SETTINGS => opener.open(row).map(Loaded::Settings),
        kinds::SESSION => opener.open(row).map(|s| Loaded::Session(Box::new(s))),
        kinds::PROVIDER => opener.open(row).map(|p| Loaded::Provider(Box::new(p))),
        kinds::TRAINING => opener.open(row).map(|t| Loaded::Training(Box::new(t))),
        kinds::PORTFOLIO_ITEM => opener.open(row).map(|i| Loaded::PortfolioItem(Box::new(i))),
        kinds::PROVIDED_SESSION => opener.open(row).map(|s| Loaded::Provided(Box::new(s))),
        kinds::SUPERVISEE_NOTE => opener.open(row).map(|n| Loaded::Note(Box::new(n))),
        kinds::IMPORT_LOG => opener.open(row).map(Loaded::ImportLog),
        kinds::BACKUP_LOG => opener.open(row).map(Loaded::BackupLog),
        k if ShareRecord::is_share_kind(k) => ShareRecord::open(opener, row).map(Loaded::Share),
        // A kind this version does not know (written by a newer one) is kept as it is,
        // but it must still open: a row relabelled with an unknown kind is damaged.
        _ => opener.opens(row).then_some(Loaded::Other),
    };
    loaded.unwrap_or_else(|| Loaded::Damaged(damaged(row)))
}

/// What one unlock worker produced from one range of ids, each list in id order: the
/// reflections, every other record, and a search index over the reflections whose
/// document ids are positions in `docs` (offset when merged).
#[derive(Default)]
struct Part {
    docs: Vec<Option<Reflection>>,
    /// Each reflection's id and position in `docs`.
    ids: Vec<(String, DocId)>,
    others: Vec<Loaded>,
    index: SearchIndex,
}

/// Reads, decrypts, decodes and indexes the records whose id is in `[from, to)`. `expect`
/// is about how many words the range holds (known from the worker's previous range; 0 if
/// none). Returns the part and how many words it held.
fn load_range(
    reader: &RecordReader,
    opener: &mut RecordOpener<'_>,
    from: Option<&str>,
    to: Option<&str>,
    expect: usize,
) -> Result<(Part, usize)> {
    let mut part = Part::default();
    part.index.reserve_bulk(expect);
    reader.visit(from, to, |row| {
        if row.kind == kinds::REFLECTION {
            match opener.open::<Reflection>(&row) {
                Some(r) => {
                    // A vault holds far fewer than 4 billion records.
                    let doc = part.docs.len() as DocId;
                    index_reflection(&mut part.index, doc, &r, false);
                    part.ids.push((r.id.clone(), doc));
                    part.docs.push(Some(r));
                }
                None => part.others.push(Loaded::Damaged(damaged(&row))),
            }
        } else {
            part.others.push(load_other(opener, &row));
        }
    })?;
    let words = part.index.bulk_occurrences();
    // Sorting the postings by word here keeps that work on the worker threads.
    part.index.seal();
    Ok((part, words))
}

/// Reads, decrypts, decodes and indexes every record on all cores. The id space is cut into
/// ranges (ids are random, so the ranges hold about as many records each), several per
/// core, and each worker, with its own read-only connection, takes the next range not yet
/// taken until none is left. A worker slowed by other work on the machine thus takes fewer
/// ranges instead of holding up the others. Parts come back in id order.
fn load_parts(store: &Store, codec: &RecordCodec) -> Result<Vec<Part>> {
    let threads = cores::threads();
    let chunks = if threads == 1 { 1 } else { threads * 8 };
    // Range boundaries on the first two hex digits of the id; ids that are not hex (the
    // profile, the settings) sort after them and fall into the last range.
    let bounds: Vec<String> = (1..chunks)
        .map(|i| format!("{:02x}", i * 256 / chunks))
        .collect();
    let range = |i: usize| -> (Option<&str>, Option<&str>) {
        let from = i
            .checked_sub(1)
            .and_then(|j| bounds.get(j))
            .map(String::as_str);
        (from, bounds.get(i).map(String::as_str))
    };
    // Connections may move between threads but not be shared: open them all here.
    let readers = (0..threads)
        .map(|_| store.reader())
        .collect::<Result<Vec<_>>>()?;
    let next = AtomicUsize::new(0);
    let done = std::thread::scope(|s| {
        let handles: Vec<_> = readers
            .into_iter()
            .map(|reader| {
                let (next, range) = (&next, &range);
                s.spawn(move || -> Result<Vec<(usize, Part)>> {
                    let mut opener = codec.opener()?;
                    let mut parts = Vec::new();
                    let mut expect = 0;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= chunks {
                            return Ok(parts);
                        }
                        let (from, to) = range(i);
                        match load_range(&reader, &mut opener, from, to, expect) {
                            Ok((part, words)) => {
                                // Ranges hold about as many records each; a little more.
                                expect = words + words / 8;
                                parts.push((i, part));
                            }
                            Err(e) => {
                                // No point in the others going on.
                                next.store(chunks, Ordering::Relaxed);
                                return Err(e);
                            }
                        }
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            // A panic in a worker is a bug; surface it rather than lose records silently.
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect::<Result<Vec<_>>>()
    })?;
    let mut parts: Vec<(usize, Part)> = done.into_iter().flatten().collect();
    parts.sort_unstable_by_key(|&(i, _)| i);
    Ok(parts.into_iter().map(|(_, part)| part).collect())
}

/// A merged segment's reflections, decoded while its transaction was being written: a
/// few as they are (to be indexed one by one), many decoded and indexed in batches on all
/// cores. What is never taken in is overwritten in memory when dropped.
#[derive(Default)]
pub(super) struct Decoded {
    pub few: Vec<Reflection>,
    pub batches: Vec<Batch>,
    /// The ids of those that did not decode.
    pub damaged: Vec<String>,
}

impl Drop for Decoded {
    fn drop(&mut self) {
        for r in &mut self.few {
            r.zeroize_text();
        }
    }
}

/// Decodes the reflections among the records a merge puts (id, kind, JSON); from
/// [`BULK_FROM`] of them on, indexes them too, one batch per core.
pub(super) fn decode_merged(puts: &[(String, String, Zeroizing<String>)]) -> Decoded {
    let items: Vec<(&str, &str)> = puts
        .iter()
        .filter(|(_, kind, _)| kind == kinds::REFLECTION)
        .map(|(id, _, json)| (id.as_str(), json.as_str()))
        .collect();
    let decode_run = |run: &[(&str, &str)]| {
        let mut reflections = Vec::with_capacity(run.len());
        let mut damaged = Vec::new();
        for &(id, json) in run {
            match decode::<Reflection>(id, json) {
                Some(r) => reflections.push(r),
                None => damaged.push(id.to_owned()),
            }
        }
        (reflections, damaged)
    };
    let mut decoded = Decoded::default();
    if items.len() < BULK_FROM {
        (decoded.few, decoded.damaged) = decode_run(&items);
        return decoded;
    }
    for (batch, damaged) in cores::in_runs(&items, 1, |run| {
        let (reflections, damaged) = decode_run(run);
        (Batch::new(reflections), damaged)
    }) {
        decoded.batches.push(batch);
        decoded.damaged.extend(damaged);
    }
    decoded
}

/// Every domain but the journal's reflections, as built from the records other than
/// reflections.
pub(super) struct Others {
    pub profile: Profile,
    pub settings: Settings,
    /// What was imported from other journals (kept by the journal).
    pub import_log: Option<ImportLog>,
    pub hours: Hours,
    pub portfolio: Portfolio,
    pub provided: Provided,
    pub desk: Desk,
    pub sharing: Sharing,
    pub backup_log: BackupLog,
    /// Those of them that did not open.
    pub damaged: Vec<DamagedRecord>,
}

/// Builds every domain but the journal's reflections from what their records turned into.
fn gather(loaded: impl IntoIterator<Item = Loaded>) -> Others {
    let mut profile = None;
    let mut settings = None;
    let mut damaged = Vec::new();
    let (mut sessions, mut providers, mut training) = (Vec::new(), Vec::new(), Vec::new());
    let mut shared = Vec::new();
    let mut portfolio = Vec::new();
    let mut provided = Vec::new();
    let mut notes = Vec::new();
    let mut import_log = None;
    let mut backup_log = BackupLog::default();
    for loaded in loaded {
        match loaded {
            Loaded::Profile(p) => profile = Some(p),
            Loaded::Settings(s) => settings = Some(s),
            Loaded::Session(s) => sessions.push(*s),
            Loaded::Provider(p) => providers.push(*p),
            Loaded::Training(t) => training.push(*t),
            Loaded::PortfolioItem(i) => portfolio.push(*i),
            Loaded::Provided(s) => provided.push(*s),
            Loaded::Note(n) => notes.push(*n),
            Loaded::Share(r) => shared.push(r),
            Loaded::ImportLog(l) => import_log = Some(l),
            Loaded::BackupLog(l) => backup_log = l,
            Loaded::Other => {}
            Loaded::Damaged(d) => damaged.push(d),
        }
    }
    let mut hours = Hours::build(sessions, providers, training);
    let sharing = Sharing::build(shared);
    hours.set_attested(sharing.attested_marks());
    Others {
        profile: profile.unwrap_or(Profile {
            name: String::new(),
            role: Role::Practitioner,
            created_at: Utc::now(),
            provider_spellings: Vec::new(),
        }),
        settings: settings.unwrap_or_default(),
        import_log,
        hours,
        portfolio: Portfolio::build(portfolio),
        provided: Provided::build(provided),
        desk: Desk::build(notes),
        sharing,
        backup_log,
        damaged,
    }
}

/// Loads every record but the reflections (on this connection, which may be writing: what
/// a merge changed besides the journal is read back this way; the reflections' rows are
/// passed over without reading their content).
pub(super) fn load_others(store: &Store, codec: &RecordCodec) -> Result<Others> {
    let mut opener = codec.opener()?;
    let mut loaded = Vec::new();
    store.visit_except(kinds::REFLECTION, |row| {
        loaded.push(load_other(&mut opener, &row));
    })?;
    Ok(gather(loaded))
}

/// Loads every record of the vault and builds what each domain keeps in memory: the
/// journal (with the log of what was imported), and every other domain.
pub(super) fn load(store: &Store, codec: &RecordCodec) -> Result<(Journal, Others)> {
    let mut docs: Vec<Option<Reflection>> = Vec::new();
    let mut indexes = Vec::new();
    let mut ids = Vec::new();
    let mut others = Vec::new();
    for part in load_parts(store, codec)? {
        let offset = docs.len() as DocId;
        indexes.push((part.index, offset));
        ids.extend(part.ids.into_iter().map(|(id, doc)| (id, doc + offset)));
        docs.extend(part.docs);
        others.extend(part.others);
    }
    let mut journal = Journal::build(docs, indexes, ids);
    let mut others = gather(others);
    if let Some(log) = others.import_log.take() {
        journal.set_import_log(log);
    }
    Ok((journal, others))
}
