//! Which RSC minutes count: sessions by accepted providers, inside the best window, from no
//! more providers than allowed, group minutes weighted and capped. Rules 1 to 5 of
//! [`super`], applied to one window at a time.

use chrono::NaiveDate;

use super::{to_u32, LeftOut, NotCountedReason, ProviderShare};
use crate::hours::credentials::{ProviderBook, SessionCredential};
use crate::hours::model::{provider_key, SessionDraft, SessionFormat, SupervisionSession};
use crate::hours::period::Period;
use crate::hours::rules::RscRule;
use crate::hours::{add_months, months_between};

/// A session that may count.
pub(super) struct Item {
    /// Its place in the sessions given to [`accepted_sessions`].
    index: usize,
    date: NaiveDate,
    minutes: u32,
    group: bool,
    about: bool,
    /// No age focus recorded.
    unmarked: bool,
    /// Index of its provider's [`Track`].
    track: usize,
}

/// One provider's sessions among the items, and running sums over the current window.
pub(super) struct Track {
    /// [`provider_key`] of the name: how sessions find their provider.
    key: String,
    name: String,
    credential: Option<String>,
    latest: NaiveDate,
    /// Indices into the items, in date order; `lo..hi` are in the window.
    items: Vec<usize>,
    lo: usize,
    hi: usize,
    individual: u64,
    group: u64,
    about_individual: u64,
    about_group: u64,
}

impl Track {
    fn new(key: String, name: String, credential: Option<String>, date: NaiveDate) -> Track {
        Track {
            key,
            name,
            credential,
            latest: date,
            items: Vec::new(),
            lo: 0,
            hi: 0,
            individual: 0,
            group: 0,
            about_individual: 0,
            about_group: 0,
        }
    }

    /// Takes the next item of this provider into the window.
    fn enter(&mut self, it: &Item) {
        self.hi += 1;
        let m = u64::from(it.minutes);
        match (it.group, it.about) {
            (false, false) => self.individual += m,
            (false, true) => {
                self.individual += m;
                self.about_individual += m;
            }
            (true, false) => self.group += m,
            (true, true) => {
                self.group += m;
                self.about_group += m;
            }
        }
    }

    /// Lets the first item of this provider in the window go.
    fn leave(&mut self, it: &Item) {
        self.lo += 1;
        let m = u64::from(it.minutes);
        if it.group {
            self.group -= m;
            if it.about {
                self.about_group -= m;
            }
        } else {
            self.individual -= m;
            if it.about {
                self.about_individual -= m;
            }
        }
    }

    /// Minutes in the window, group minutes weighted.
    fn minutes(&self, weight: f64) -> u64 {
        self.individual + weighted(self.group, weight)
    }

    /// Minutes in the window about the RSC the applicant provides, group minutes weighted.
    fn about_minutes(&self, weight: f64) -> u64 {
        self.about_individual + weighted(self.about_group, weight)
    }
}

/// How good one window is, and what it counts.
#[derive(Clone)]
pub(super) struct Outcome {
    /// Track indices that count, most minutes first.
    chosen: Vec<usize>,
    /// Track indices in the window beyond `max_sources`.
    dropped: Vec<usize>,
    pub(super) counted: u64,
    pub(super) individual: u64,
    pub(super) group: u64,
    pub(super) about: u64,
    /// The minutes of the provider with the most.
    pub(super) top: u64,
    pub(super) first: NaiveDate,
    pub(super) last: NaiveDate,
    deficit: u64,
    span_ok: bool,
    pub(super) met: bool,
}

impl Outcome {
    /// Met first, then the smallest shortfall, then a long enough span, then more minutes.
    /// Equal windows: the later one wins (the caller passes windows in date order).
    fn better_or_equal(&self, other: &Outcome) -> bool {
        (
            self.met,
            std::cmp::Reverse(self.deficit),
            self.span_ok,
            self.counted,
        ) >= (
            other.met,
            std::cmp::Reverse(other.deficit),
            other.span_ok,
            other.counted,
        )
    }
}

/// The window kept: what it counts, and the items `start..end` that fall in it.
pub(super) struct BestWindow {
    pub(super) outcome: Outcome,
    start: usize,
    end: usize,
}

/// Group weight: what `minutes` of group RSC count as.
fn weighted(minutes: u64, weight: f64) -> u64 {
    if weight >= 1.0 {
        minutes
    } else {
        // Rounded down: never count more than the rule allows.
        (minutes as f64 * weight).floor() as u64
    }
}

/// More than half: the smallest whole number of minutes that is a majority of `required`.
pub(super) fn majority_of(required: u32) -> u64 {
    u64::from(required) / 2 + 1
}

/// Rule 1, accepted sessions: whether a session can count under `rsc` on `today`: `None` if
/// it can, else why not. A session dated after today is planned; a group not led by an
/// identified RSC provider is peer consultation, whatever credential is typed; a session
/// about the other age group counts only for the other Endorsement.
fn refusal(
    rsc: &RscRule,
    c: &SessionDraft,
    held: &SessionCredential<'_>,
    today: NaiveDate,
) -> Option<NotCountedReason> {
    if c.date > today {
        return Some(NotCountedReason::Planned);
    }
    if let (Some(want), Some(got)) = (rsc.age_focus, c.age_focus) {
        if want != got {
            return Some(NotCountedReason::OtherAgeFocus);
        }
    }
    // A group not led by an identified RSC provider is peer consultation: it counts only
    // where the rule set allows peer consultation, and then whatever credentials are typed.
    let group = c.format == SessionFormat::Group;
    if group && !c.facilitated_group() {
        return (!rsc.peer_allowed).then_some(NotCountedReason::PeerGroup);
    }
    // Before the provider was endorsed (every dated credential of theirs begins later).
    if held.not_yet {
        return Some(NotCountedReason::NotYetEndorsed);
    }
    let allowed = &rsc.allowed_credentials;
    match held.credential {
        None if group && !rsc.peer_allowed => Some(NotCountedReason::PeerGroup),
        None if group => None,
        None if !allowed.is_empty() => Some(NotCountedReason::NoCredential),
        None => None,
        Some(cr) if allowed.is_empty() || allowed.iter().any(|a| a == cr) => None,
        Some(_) => Some(NotCountedReason::CredentialNotAccepted),
    }
}

/// Rule 1, accepted providers: the sessions of `period` whose provider `rsc` accepts, under
/// the credential the provider held on the session's day (`book`, see
/// [`crate::hours::credentials`]), as items in date order with one track per provider; the
/// others are handed to `refused` (their place in `sessions`, why, their minutes).
pub(super) fn accepted_sessions(
    rsc: &RscRule,
    sessions: &[&SupervisionSession],
    book: &ProviderBook<'_>,
    period: Period,
    today: NaiveDate,
    mut refused: impl FnMut(usize, NotCountedReason, u32),
) -> (Vec<Track>, Vec<Item>) {
    let mut tracks: Vec<Track> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut ordered: Vec<(usize, &SupervisionSession)> = sessions
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, s)| period.contains(s.content.date))
        .collect();
    ordered.sort_by_key(|(_, s)| s.content.date);
    for (index, s) in ordered {
        let c = &s.content;
        let group = c.format == SessionFormat::Group;
        let key = provider_key(&c.provider);
        let held = book.session_credential_by_key(&key, c.date, c.credential.as_deref());
        if let Some(reason) = refusal(rsc, c, &held, today) {
            refused(index, reason, c.minutes);
            continue;
        }
        let credential = held.credential.map(str::to_owned);
        let track = match tracks.iter().position(|t| t.key == key) {
            Some(i) => i,
            None => {
                tracks.push(Track::new(
                    key,
                    c.provider.clone(),
                    credential.clone(),
                    c.date,
                ));
                tracks.len() - 1
            }
        };
        let t = &mut tracks[track];
        // The name and credential a provider is shown with are those of their latest session.
        if c.date >= t.latest {
            t.latest = c.date;
            t.name.clone_from(&c.provider);
            if credential.is_some() {
                t.credential = credential;
            }
        }
        t.items.push(items.len());
        items.push(Item {
            index,
            date: c.date,
            minutes: c.minutes,
            group,
            about: c.about_rsc_provided,
            unmarked: c.age_focus.is_none(),
            track,
        });
    }
    (tracks, items)
}

/// Rule 2, the window: every window of at most `window_max_months` that starts on a
/// session's date is judged and the best kept; with no maximum, the one window holding
/// every item. `None` when no item may count. Leaves `tracks` holding some window's sums.
pub(super) fn best_window(
    rsc: &RscRule,
    tracks: &mut [Track],
    items: &[Item],
) -> Option<BestWindow> {
    let Some(max) = rsc.window_max_months else {
        for it in items {
            tracks[it.track].enter(it);
        }
        return judge(tracks, items, rsc).map(|outcome| BestWindow {
            outcome,
            start: 0,
            end: items.len(),
        });
    };
    let mut best: Option<BestWindow> = None;
    let (mut b, mut e) = (0, 0);
    for s in 0..items.len() {
        if s > 0 && items[s].date == items[s - 1].date {
            continue;
        }
        let end = add_months(items[s].date, max);
        while e < items.len() && items[e].date <= end {
            tracks[items[e].track].enter(&items[e]);
            e += 1;
        }
        while b < s {
            tracks[items[b].track].leave(&items[b]);
            b += 1;
        }
        if let Some(o) = judge(tracks, items, rsc) {
            if best.as_ref().is_none_or(|x| o.better_or_equal(&x.outcome)) {
                best = Some(BestWindow {
                    outcome: o,
                    start: s,
                    end: e,
                });
            }
        }
    }
    best
}

/// Rules 3 to 5 on the window `tracks` now hold: what counts in it and how far it falls
/// short. `None` when no item is in it.
fn judge(tracks: &[Track], items: &[Item], rsc: &RscRule) -> Option<Outcome> {
    let (chosen, dropped) = sources(tracks, rsc)?;
    let individual: u64 = chosen.iter().map(|&i| tracks[i].individual).sum();
    let group = group_minutes(tracks, &chosen, rsc);
    let counted = individual + group;
    let about: u64 = chosen
        .iter()
        .map(|&i| tracks[i].about_minutes(rsc.group_weight))
        .sum::<u64>()
        .min(counted);
    let top = tracks[chosen[0]].minutes(rsc.group_weight).min(counted);
    let (first, last) = span(tracks, items, &chosen)?;
    let deficit = deficit(rsc, counted, about, top);
    let span_ok = rsc
        .window_min_months
        .is_none_or(|m| months_between(first, last) >= m);
    Some(Outcome {
        chosen,
        dropped,
        counted,
        individual,
        group,
        about,
        top,
        first,
        last,
        deficit,
        span_ok,
        met: deficit == 0 && span_ok,
    })
}

/// Rule 3, number of sources: the providers in the window, most minutes first (then by
/// name), as those that count (`max_sources` of them) and those beyond. `None` when the
/// window is empty.
fn sources(tracks: &[Track], rsc: &RscRule) -> Option<(Vec<usize>, Vec<usize>)> {
    let w = rsc.group_weight;
    let mut active: Vec<usize> = (0..tracks.len())
        .filter(|&i| tracks[i].hi > tracks[i].lo)
        .collect();
    if active.is_empty() {
        return None;
    }
    active.sort_by(|&a, &b| {
        tracks[b]
            .minutes(w)
            .cmp(&tracks[a].minutes(w))
            .then_with(|| tracks[a].name.cmp(&tracks[b].name))
    });
    let keep = rsc.max_sources.map_or(active.len(), |n| n as usize);
    let dropped = active.split_off(keep.min(active.len()));
    Some((active, dropped))
}

/// Rule 4, group weight and cap: the counted providers' group minutes, each provider's
/// weighted (rounded down), then capped at `group_cap_minutes`.
fn group_minutes(tracks: &[Track], chosen: &[usize], rsc: &RscRule) -> u64 {
    let group: u64 = chosen
        .iter()
        .map(|&i| weighted(tracks[i].group, rsc.group_weight))
        .sum();
    match rsc.group_cap_minutes {
        Some(cap) => group.min(u64::from(cap)),
        None => group,
    }
}

/// Rule 5, span: the first and last day of the counted providers' sessions in the window.
fn span(tracks: &[Track], items: &[Item], chosen: &[usize]) -> Option<(NaiveDate, NaiveDate)> {
    let first = chosen
        .iter()
        .map(|&i| items[tracks[i].items[tracks[i].lo]].date)
        .min()?;
    let last = chosen
        .iter()
        .map(|&i| items[tracks[i].items[tracks[i].hi - 1]].date)
        .max()?;
    Some((first, last))
}

/// Rule 5, shortfall: the minutes missing in all, about the RSC the applicant provides,
/// and (when the majority must come from one provider) from the provider with the most.
fn deficit(rsc: &RscRule, counted: u64, about: u64, top: u64) -> u64 {
    let mut deficit = u64::from(rsc.required_minutes).saturating_sub(counted);
    deficit += u64::from(rsc.about_rsc_provided_minutes).saturating_sub(about);
    if rsc.majority_from_one {
        deficit += majority_of(rsc.required_minutes).saturating_sub(top);
    }
    deficit
}

/// Sets every track's sums to those of the window kept, counted afresh.
pub(super) fn recount(tracks: &mut [Track], items: &[Item], best: &BestWindow) {
    for t in tracks.iter_mut() {
        (t.lo, t.hi) = (0, 0);
        (t.individual, t.group, t.about_individual, t.about_group) = (0, 0, 0, 0);
    }
    for it in &items[..best.start] {
        tracks[it.track].lo += 1;
        tracks[it.track].hi += 1;
    }
    for it in &items[best.start..best.end] {
        tracks[it.track].enter(it);
    }
}

/// Rules 2 and 3 in what is left out: the sessions outside the window kept, and those of
/// providers beyond `max_sources` in it. `tracks` must hold the window's sums ([`recount`]).
pub(super) fn leave_out_beyond(
    left_out: &mut LeftOut,
    tracks: &[Track],
    items: &[Item],
    best: &BestWindow,
) {
    for it in items[..best.start].iter().chain(&items[best.end..]) {
        left_out.add(NotCountedReason::OutsideWindow, it.minutes);
    }
    for &i in &best.outcome.dropped {
        for &k in &tracks[i].items[tracks[i].lo..tracks[i].hi] {
            left_out.add(NotCountedReason::TooManySources, items[k].minutes);
        }
    }
}

/// Rules 2 and 3 session by session: `lots[i]` of each item becomes `None` (it counts) when
/// it is in the window kept and its provider is among those counted, or why not. Items left
/// alone when there is no window. `tracks` must hold the window's sums ([`recount`]).
pub(super) fn window_lots(
    lots: &mut [Option<NotCountedReason>],
    tracks: &[Track],
    items: &[Item],
    best: &BestWindow,
) {
    for it in items[..best.start].iter().chain(&items[best.end..]) {
        lots[it.index] = Some(NotCountedReason::OutsideWindow);
    }
    for (reason, list) in [
        (None, &best.outcome.chosen),
        (
            Some(NotCountedReason::TooManySources),
            &best.outcome.dropped,
        ),
    ] {
        for &i in list {
            for &k in &tracks[i].items[tracks[i].lo..tracks[i].hi] {
                lots[items[k].index] = reason;
            }
        }
    }
}

/// Each provider's part of the window kept: those that count (most minutes first), then
/// those beyond `max_sources`. `tracks` must hold the window's sums ([`recount`]).
pub(super) fn provider_shares(tracks: &[Track], o: &Outcome, weight: f64) -> Vec<ProviderShare> {
    let counted = o.chosen.iter().map(|i| (i, true));
    let beyond = o.dropped.iter().map(|i| (i, false));
    counted
        .chain(beyond)
        .map(|(&i, counts)| {
            let t = &tracks[i];
            let minutes = t.minutes(weight);
            ProviderShare {
                provider: t.name.clone(),
                credential: t.credential.clone(),
                minutes: to_u32(minutes),
                individual_minutes: to_u32(t.individual),
                group_minutes: to_u32(weighted(t.group, weight)),
                about_rsc_provided_minutes: to_u32(t.about_minutes(weight)),
                share_percent: if counts && o.counted > 0 {
                    to_u32(minutes.min(o.counted) * 100 / o.counted)
                } else {
                    0
                },
                counted: counts,
            }
        })
        .collect()
}

/// The counted sessions with no age focus recorded: their minutes (as logged) and number.
/// `tracks` must hold the window's sums ([`recount`]).
pub(super) fn unmarked_focus(tracks: &[Track], items: &[Item], o: &Outcome) -> (u64, u32) {
    let mut minutes = 0u64;
    let mut sessions = 0u32;
    for &i in &o.chosen {
        for &k in &tracks[i].items[tracks[i].lo..tracks[i].hi] {
            if items[k].unmarked {
                minutes += u64::from(items[k].minutes);
                sessions += 1;
            }
        }
    }
    (minutes, sessions)
}
