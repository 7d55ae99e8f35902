//! Progress toward a rule set: which minutes count, within the best window, from which
//! providers, and what is still missing, said in plain words.
//!
//! Order of the rules, as an application reviewer applies them:
//! 1. only sessions by accepted providers count (a group with no credentialed provider,
//!    i.e. peer consultation, never does);
//! 2. only sessions inside one window of at most `window_max_months` count; every window
//!    starting on a session's date is tried and the best kept (met first, then the smallest
//!    shortfall, then the most minutes, then the most recent);
//! 3. within it, only the `max_sources` providers with the most minutes count;
//! 4. group minutes are weighted, then capped;
//! 5. the counted sessions must span at least `window_min_months`, more than half of the
//!    required minutes must come from one provider, and enough must be about the RSC the
//!    applicant provides.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::model::{provider_key, SessionFormat, SupervisionSession, Training, TrainingTopic};
use super::period::Period;
use super::rules::{RscRule, RuleSet};
use super::{add_months, format_duration, months_between};

/// A stretch of time: the first and last counted session and the whole months between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Window {
    /// First day.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: NaiveDate,
    /// Last day.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: NaiveDate,
    /// Whole calendar months from `from` to `to`.
    pub months: u32,
}

/// One provider's part of the counted minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProviderShare {
    /// Name as on their latest session.
    pub provider: String,
    /// Credential as on their latest session.
    pub credential: Option<String>,
    /// Their minutes in the window (group minutes weighted).
    pub minutes: u32,
    /// Of which individual.
    pub individual_minutes: u32,
    /// Of which group (weighted).
    pub group_minutes: u32,
    /// Of which about the RSC the applicant provides.
    pub about_rsc_provided_minutes: u32,
    /// Their share of the counted minutes, in whole percent (rounded down); 0 if not counted.
    pub share_percent: u32,
    /// Whether their minutes count (false: beyond the number of sources allowed).
    pub counted: bool,
}

/// Why some minutes do not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum NotCountedReason {
    /// A group with no credentialed provider: peer consultation.
    PeerGroup,
    /// The provider's credential is not recorded.
    NoCredential,
    /// The provider's credential is not one the category accepts.
    CredentialNotAccepted,
    /// Outside the best window.
    OutsideWindow,
    /// From providers beyond the number of sources allowed.
    TooManySources,
}

/// Minutes left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotCounted {
    /// Why.
    pub reason: NotCountedReason,
    /// How many minutes.
    pub minutes: u32,
    /// In how many sessions.
    pub sessions: u32,
    /// The same in plain words.
    pub text: String,
}

/// One requirement with a target: required, counted, met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Part {
    /// Minutes required.
    pub required_minutes: u32,
    /// Minutes that count.
    pub counted_minutes: u32,
    /// Whether enough count.
    pub met: bool,
}

impl Part {
    fn new(required_minutes: u32, counted_minutes: u32) -> Part {
        Part {
            required_minutes,
            counted_minutes,
            met: counted_minutes >= required_minutes,
        }
    }
}

/// Progress on in-service training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrainingProgress {
    /// All training.
    pub total: Part,
    /// Training on diversity, equity and inclusion.
    pub dei: Part,
    /// Training on providing RSC.
    pub providing_rsc: Part,
    /// Whether all three are met.
    pub met: bool,
}

/// Progress toward one rule set. The contract's fields (`id`, `met`, `required_minutes`,
/// `counted_minutes`, `shortfalls`) and the detail behind them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// The rule set's id.
    pub id: String,
    /// The rule set's name.
    pub name: String,
    /// Whether every requirement is met.
    pub met: bool,
    /// RSC minutes required.
    pub required_minutes: u32,
    /// RSC minutes that count, in the best window.
    pub counted_minutes: u32,
    /// Of which individual.
    pub individual_minutes: u32,
    /// Of which group (weighted and capped).
    pub group_minutes: u32,
    /// The counted sessions' first and last day, when any count.
    pub window: Option<Window>,
    /// The providers in the window, most minutes first.
    pub providers: Vec<ProviderShare>,
    /// Minutes about the RSC the applicant provides, when the rule set asks for them.
    pub about_rsc_provided: Option<Part>,
    /// In-service training, when the rule set asks for it.
    pub training: Option<TrainingProgress>,
    /// Minutes left out, and why.
    pub not_counted: Vec<NotCounted>,
    /// What is missing, in plain words; empty when met.
    pub shortfalls: Vec<String>,
}

/// A session that may count.
struct Item {
    date: NaiveDate,
    minutes: u32,
    group: bool,
    about: bool,
    track: usize,
}

/// One provider's sessions among the items, and running sums over the current window.
struct Track {
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

/// How good one window is, and what it counts.
#[derive(Clone)]
struct Outcome {
    /// Track indices that count, most minutes first.
    chosen: Vec<usize>,
    /// Track indices in the window beyond `max_sources`.
    dropped: Vec<usize>,
    counted: u64,
    individual: u64,
    group: u64,
    about: u64,
    top: u64,
    first: NaiveDate,
    last: NaiveDate,
    deficit: u64,
    span_ok: bool,
    met: bool,
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

fn weighted(minutes: u64, weight: f64) -> u64 {
    if weight >= 1.0 {
        minutes
    } else {
        // Rounded down: never count more than the rule allows.
        (minutes as f64 * weight).floor() as u64
    }
}

fn to_u32(m: u64) -> u32 {
    u32::try_from(m).unwrap_or(u32::MAX)
}

/// More than half: the smallest whole number of minutes that is a majority of `required`.
fn majority_of(required: u32) -> u64 {
    u64::from(required) / 2 + 1
}

/// Whether a session with this credential (and format) can count under `rsc`: `None` if
/// it can, else why not.
fn refusal(rsc: &RscRule, credential: Option<&str>, group: bool) -> Option<NotCountedReason> {
    let allowed = &rsc.allowed_credentials;
    match credential {
        None if group => Some(NotCountedReason::PeerGroup),
        None if !allowed.is_empty() => Some(NotCountedReason::NoCredential),
        None => None,
        Some(c) if allowed.is_empty() || allowed.iter().any(|a| a == c) => None,
        Some(_) => Some(NotCountedReason::CredentialNotAccepted),
    }
}

fn judge(tracks: &[Track], items: &[Item], rules: &RuleSet) -> Option<Outcome> {
    let r = &rules.rsc;
    let w = r.group_weight;
    let eff = |t: &Track| t.individual + weighted(t.group, w);
    let mut active: Vec<usize> = (0..tracks.len())
        .filter(|&i| tracks[i].hi > tracks[i].lo)
        .collect();
    if active.is_empty() {
        return None;
    }
    active.sort_by(|&a, &b| {
        eff(&tracks[b])
            .cmp(&eff(&tracks[a]))
            .then_with(|| tracks[a].name.cmp(&tracks[b].name))
    });
    let keep = r.max_sources.map_or(active.len(), |n| n as usize);
    let dropped = active.split_off(keep.min(active.len()));
    let chosen = active;
    let individual: u64 = chosen.iter().map(|&i| tracks[i].individual).sum();
    let mut group: u64 = chosen.iter().map(|&i| weighted(tracks[i].group, w)).sum();
    if let Some(cap) = r.group_cap_minutes {
        group = group.min(u64::from(cap));
    }
    let counted = individual + group;
    let about: u64 = chosen
        .iter()
        .map(|&i| tracks[i].about_individual + weighted(tracks[i].about_group, w))
        .sum::<u64>()
        .min(counted);
    let top = eff(&tracks[chosen[0]]).min(counted);
    let first = chosen
        .iter()
        .map(|&i| items[tracks[i].items[tracks[i].lo]].date)
        .min()?;
    let last = chosen
        .iter()
        .map(|&i| items[tracks[i].items[tracks[i].hi - 1]].date)
        .max()?;
    let required = u64::from(r.required_minutes);
    let mut deficit = required.saturating_sub(counted);
    deficit += u64::from(r.about_rsc_provided_minutes).saturating_sub(about);
    if r.majority_from_one {
        deficit += majority_of(r.required_minutes).saturating_sub(top);
    }
    let span_ok = r
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

/// Weighs the sessions and training of `period` against `rules`. `today` picks the year
/// of a calendar-year rule when the period has no end.
pub fn evaluate(
    rules: &RuleSet,
    sessions: &[&SupervisionSession],
    training: &[&Training],
    period: Period,
    today: NaiveDate,
) -> Progress {
    let r = &rules.rsc;
    let year = period.to.unwrap_or(today).year();
    let year_period = |calendar_year: bool| -> Period {
        if !calendar_year {
            return period;
        }
        let (jan1, dec31) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        );
        Period {
            from: match (period.from, jan1) {
                (Some(f), Some(j)) => Some(f.max(j)),
                (f, j) => f.or(j),
            },
            to: match (period.to, dec31) {
                (Some(t), Some(d)) => Some(t.min(d)),
                (t, d) => t.or(d),
            },
        }
    };
    let rsc_period = year_period(r.calendar_year);

    // 1. Which sessions may count at all.
    let mut not_counted: Vec<NotCounted> = Vec::new();
    let mut skip = |reason: NotCountedReason, minutes: u32| match not_counted
        .iter_mut()
        .find(|n| n.reason == reason)
    {
        Some(n) => {
            n.minutes = n.minutes.saturating_add(minutes);
            n.sessions += 1;
        }
        None => not_counted.push(NotCounted {
            reason,
            minutes,
            sessions: 1,
            text: String::new(),
        }),
    };
    let mut tracks: Vec<Track> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut ordered: Vec<&SupervisionSession> = sessions
        .iter()
        .copied()
        .filter(|s| rsc_period.contains(s.content.date))
        .collect();
    ordered.sort_by_key(|s| s.content.date);
    for s in ordered {
        let c = &s.content;
        let group = c.format == SessionFormat::Group;
        if let Some(reason) = refusal(r, c.credential.as_deref(), group) {
            skip(reason, c.minutes);
            continue;
        }
        let key = provider_key(&c.provider);
        let track = match keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                keys.push(key);
                tracks.push(Track {
                    name: c.provider.clone(),
                    credential: c.credential.clone(),
                    latest: c.date,
                    items: Vec::new(),
                    lo: 0,
                    hi: 0,
                    individual: 0,
                    group: 0,
                    about_individual: 0,
                    about_group: 0,
                });
                tracks.len() - 1
            }
        };
        let t = &mut tracks[track];
        if c.date >= t.latest {
            t.latest = c.date;
            t.name.clone_from(&c.provider);
            if c.credential.is_some() {
                t.credential.clone_from(&c.credential);
            }
        }
        t.items.push(items.len());
        items.push(Item {
            date: c.date,
            minutes: c.minutes,
            group,
            about: c.about_rsc_provided,
            track,
        });
    }

    // 2. The best window.
    let add = |tracks: &mut [Track], it: &Item| {
        let t = &mut tracks[it.track];
        t.hi += 1;
        let m = u64::from(it.minutes);
        match (it.group, it.about) {
            (false, false) => t.individual += m,
            (false, true) => {
                t.individual += m;
                t.about_individual += m;
            }
            (true, false) => t.group += m,
            (true, true) => {
                t.group += m;
                t.about_group += m;
            }
        }
    };
    let remove = |tracks: &mut [Track], it: &Item| {
        let t = &mut tracks[it.track];
        t.lo += 1;
        let m = u64::from(it.minutes);
        if it.group {
            t.group -= m;
            if it.about {
                t.about_group -= m;
            }
        } else {
            t.individual -= m;
            if it.about {
                t.about_individual -= m;
            }
        }
    };
    let mut best: Option<(Outcome, usize, usize)> = None;
    match r.window_max_months {
        None => {
            for it in &items {
                add(&mut tracks, it);
            }
            best = judge(&tracks, &items, rules).map(|o| (o, 0, items.len()));
        }
        Some(max) => {
            let (mut b, mut e) = (0, 0);
            for s in 0..items.len() {
                if s > 0 && items[s].date == items[s - 1].date {
                    continue;
                }
                let end = add_months(items[s].date, max);
                while e < items.len() && items[e].date <= end {
                    add(&mut tracks, &items[e]);
                    e += 1;
                }
                while b < s {
                    remove(&mut tracks, &items[b]);
                    b += 1;
                }
                if let Some(o) = judge(&tracks, &items, rules) {
                    if best.as_ref().is_none_or(|(x, _, _)| o.better_or_equal(x)) {
                        best = Some((o, s, e));
                    }
                }
            }
        }
    }

    // 3. Report.
    let mut progress = Progress {
        id: rules.id.clone(),
        name: rules.name.clone(),
        met: false,
        required_minutes: r.required_minutes,
        counted_minutes: 0,
        individual_minutes: 0,
        group_minutes: 0,
        window: None,
        providers: Vec::new(),
        about_rsc_provided: (r.about_rsc_provided_minutes > 0)
            .then(|| Part::new(r.about_rsc_provided_minutes, 0)),
        training: None,
        not_counted: Vec::new(),
        shortfalls: Vec::new(),
    };
    let mut rsc_met = r.required_minutes == 0;
    if let Some((o, s, e)) = &best {
        // Recompute the chosen window's per-provider sums from scratch.
        for t in &mut tracks {
            (t.lo, t.hi) = (0, 0);
            (t.individual, t.group, t.about_individual, t.about_group) = (0, 0, 0, 0);
        }
        for it in &items[..*s] {
            tracks[it.track].lo += 1;
            tracks[it.track].hi += 1;
        }
        for it in &items[*s..*e] {
            add(&mut tracks, it);
        }
        let outside: Vec<&Item> = items[..*s].iter().chain(&items[*e..]).collect();
        for it in outside {
            skip(NotCountedReason::OutsideWindow, it.minutes);
        }
        for &i in &o.dropped {
            for &k in &tracks[i].items[tracks[i].lo..tracks[i].hi] {
                skip(NotCountedReason::TooManySources, items[k].minutes);
            }
        }
        progress.counted_minutes = to_u32(o.counted);
        progress.individual_minutes = to_u32(o.individual);
        progress.group_minutes = to_u32(o.group);
        progress.window = Some(Window {
            from: o.first,
            to: o.last,
            months: months_between(o.first, o.last),
        });
        let w = r.group_weight;
        for (&i, counted) in o
            .chosen
            .iter()
            .map(|i| (i, true))
            .chain(o.dropped.iter().map(|i| (i, false)))
        {
            let t = &tracks[i];
            let minutes = t.individual + weighted(t.group, w);
            progress.providers.push(ProviderShare {
                provider: t.name.clone(),
                credential: t.credential.clone(),
                minutes: to_u32(minutes),
                individual_minutes: to_u32(t.individual),
                group_minutes: to_u32(weighted(t.group, w)),
                about_rsc_provided_minutes: to_u32(t.about_individual + weighted(t.about_group, w)),
                share_percent: if counted && o.counted > 0 {
                    to_u32(minutes.min(o.counted) * 100 / o.counted)
                } else {
                    0
                },
                counted,
            });
        }
        if let Some(p) = &mut progress.about_rsc_provided {
            *p = Part::new(p.required_minutes, to_u32(o.about));
        }
        rsc_met = o.met;
        shortfalls_rsc(&mut progress.shortfalls, rules, o, year);
    } else if r.required_minutes > 0 {
        shortfalls_rsc_none(&mut progress.shortfalls, rules, year);
    }
    for n in &mut not_counted {
        n.text = describe(n, rules);
    }
    not_counted.sort_by_key(|n| n.reason as u8);
    progress.not_counted = not_counted;

    // 4. Training.
    let mut training_met = true;
    if let Some(tr) = &rules.training {
        let p = year_period(tr.calendar_year);
        let mut total = 0u32;
        let mut dei = 0u32;
        let mut rsc = 0u32;
        for t in training.iter().filter(|t| p.contains(t.content.date)) {
            let m = t.content.minutes;
            total = total.saturating_add(m);
            if t.content.covers(TrainingTopic::Dei) {
                dei = dei.saturating_add(m);
            }
            if t.content.covers(TrainingTopic::ProvidingRsc) {
                rsc = rsc.saturating_add(m);
            }
        }
        let tp = TrainingProgress {
            total: Part::new(tr.required_minutes, total),
            dei: Part::new(tr.dei_minutes, dei),
            providing_rsc: Part::new(tr.providing_rsc_minutes, rsc),
            met: false,
        };
        let by = if tr.calendar_year {
            format!(" by 31 December {year}")
        } else {
            String::new()
        };
        for (what, part) in [
            ("training", tp.total),
            ("training on diversity, equity and inclusion", tp.dei),
            ("training on providing RSC", tp.providing_rsc),
        ] {
            if !part.met {
                progress.shortfalls.push(format!(
                    "{what}: {} more needed{by} ({} required; {} logged)",
                    format_duration(part.required_minutes - part.counted_minutes),
                    format_duration(part.required_minutes),
                    format_duration(part.counted_minutes),
                ));
            }
        }
        training_met = tp.total.met && tp.dei.met && tp.providing_rsc.met;
        progress.training = Some(TrainingProgress {
            met: training_met,
            ..tp
        });
    }
    progress.met = rsc_met && training_met;
    progress
}

fn due(rules: &RuleSet, year: i32) -> String {
    if rules.rsc.calendar_year {
        format!(" by 31 December {year}")
    } else {
        String::new()
    }
}

fn shortfalls_rsc_none(out: &mut Vec<String>, rules: &RuleSet, year: i32) {
    let r = &rules.rsc;
    out.push(format!(
        "{} more needed{} ({} of RSC required; none counts yet)",
        format_duration(r.required_minutes),
        due(rules, year),
        format_duration(r.required_minutes)
    ));
    if r.about_rsc_provided_minutes > 0 {
        out.push(format!(
            "{} more about the RSC you provide needed ({} required; none counts yet)",
            format_duration(r.about_rsc_provided_minutes),
            format_duration(r.about_rsc_provided_minutes)
        ));
    }
}

fn shortfalls_rsc(out: &mut Vec<String>, rules: &RuleSet, o: &Outcome, year: i32) {
    let r = &rules.rsc;
    let counted = to_u32(o.counted);
    if counted < r.required_minutes {
        out.push(format!(
            "{} more needed{} ({} of RSC required; {} count)",
            format_duration(r.required_minutes - counted),
            due(rules, year),
            format_duration(r.required_minutes),
            format_duration(counted)
        ));
    }
    if let Some(min) = r.window_min_months {
        let span = months_between(o.first, o.last);
        if span < min {
            out.push(format!(
                "your hours span {span} month{}; at least {min} are needed (counted sessions must run from one date to at least {min} months later)",
                if span == 1 { "" } else { "s" }
            ));
        }
    }
    if r.majority_from_one && o.top < majority_of(r.required_minutes) {
        out.push(format!(
            "the majority must come from one provider: more than {} from one (the most from one is {})",
            format_duration(r.required_minutes / 2),
            format_duration(to_u32(o.top))
        ));
    }
    let about = to_u32(o.about);
    if about < r.about_rsc_provided_minutes {
        out.push(format!(
            "{} more about the RSC you provide needed ({} required; {} count)",
            format_duration(r.about_rsc_provided_minutes - about),
            format_duration(r.about_rsc_provided_minutes),
            format_duration(about)
        ));
    }
}

fn describe(n: &NotCounted, rules: &RuleSet) -> String {
    let r = &rules.rsc;
    let what = format!(
        "{} in {} session{}",
        format_duration(n.minutes),
        n.sessions,
        if n.sessions == 1 { "" } else { "s" }
    );
    match n.reason {
        NotCountedReason::PeerGroup => format!(
            "{what} do not count: a group with no credentialed provider is peer consultation"
        ),
        NotCountedReason::NoCredential => format!(
            "{what} do not count: the provider's credential is not recorded (this category accepts {})",
            r.allowed_credentials.join(", ")
        ),
        NotCountedReason::CredentialNotAccepted => format!(
            "{what} do not count: this category accepts RSC only from {}",
            r.allowed_credentials.join(", ")
        ),
        NotCountedReason::OutsideWindow => format!(
            "{what} do not count: they fall outside the best {}-month window",
            r.window_max_months.unwrap_or(0)
        ),
        NotCountedReason::TooManySources => format!(
            "{what} do not count: only the {} provider{} with the most hours count",
            r.max_sources.unwrap_or(0),
            if r.max_sources == Some(1) { "" } else { "s" }
        ),
    }
}
