//! Progress toward a rule set: which minutes count, within the best window, from which
//! providers, and what is still missing, said in plain words.
//!
//! Order of the rules, as an application reviewer applies them:
//! 1. only sessions dated up to today, by accepted providers and about the category's ages
//!    count (a session dated after today is planned; a group not led by an identified RSC
//!    provider, i.e. peer consultation, never counts);
//! 2. only sessions inside one window of at most `window_max_months` count; every window
//!    starting on a session's date is tried and the best kept (met first, then the smallest
//!    shortfall, then a long enough span, then the most minutes, then the most recent);
//! 3. within it, only the `max_sources` providers with the most minutes count;
//! 4. group minutes are weighted, then capped;
//! 5. the counted sessions must span at least `window_min_months`, more than half of the
//!    required minutes must come from one provider, and enough must be about the RSC the
//!    applicant provides.
//!
//! A rule set with `calendar_year` counts only the year the renewal is due in. In-service
//! training, when asked for, is summed apart from RSC, each entry in its one part.
//!
//! [`evaluate`] runs these steps in turn; [`counting`] holds rules 1 to 5, [`wording`] says
//! what falls short and what is left out.

mod counting;
mod renewal;
mod training;
mod wording;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use self::counting::{
    accepted_sessions, best_window, leave_out_beyond, provider_shares, recount, unmarked_focus,
    window_lots, BestWindow, Track,
};
use self::training::training_progress;
use super::credentials::ProviderBook;
use super::model::SupervisionSession;
use super::months_between;
use super::period::Period;
use super::providers::Provider;
use super::rules::{RscRule, RuleSet};
use super::training::Training;

pub use self::renewal::{
    renewal, renewal_period, renewal_rule_set, renewal_year_of, RenewalChoice, RenewalProgress,
    RenewalStatus,
};

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
    /// Dated after today: planned, not yet taken place.
    Planned,
    /// A group not led by an identified RSC provider: peer consultation.
    PeerGroup,
    /// The provider's credential is not recorded.
    NoCredential,
    /// The provider's credential is not one the category accepts.
    CredentialNotAccepted,
    /// About the other age group (0-3 or 3-6) than the category's.
    OtherAgeFocus,
    /// Before the provider was endorsed: every credential of theirs starts later.
    NotYetEndorsed,
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
    /// Training on infant or early childhood mental health (the general part).
    pub iecmh: Part,
    /// Training on diversity, equity and inclusion.
    pub dei: Part,
    /// Training on providing RSC.
    pub providing_rsc: Part,
    /// Minutes of training dated after today: planned, not counted.
    pub planned_minutes: u32,
    /// In how many entries.
    pub planned_entries: u32,
    /// Whether the total and every part are met.
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
    /// What a reviewer may question although it does not change `met`: a source beyond
    /// those allowed, counted sessions with no age focus, planned training. Plain words.
    pub cautions: Vec<String>,
    /// Of the counted minutes, those of sessions with no age focus recorded (they count for
    /// both 0-3 and 3-6); 0 when the rule set has no focus.
    pub unmarked_focus_minutes: u32,
    /// In how many counted sessions.
    pub unmarked_focus_sessions: u32,
    /// What Attune checked, in one sentence naming the source: "Your RSC and training hours
    /// meet the requirement as Attune reads <source>" or that they do not yet.
    pub verdict: String,
    /// The parts of an application Attune does not check (degree, work experience, ...).
    pub not_checked: Vec<String>,
}

/// Minutes summed in u64 back to the u32 of the report (saturating, never reached in practice).
fn to_u32(m: u64) -> u32 {
    u32::try_from(m).unwrap_or(u32::MAX)
}

/// Weighs the sessions and training of `period` against `rules`, each session under the
/// credential its provider (in `providers`) held on its day. `today` picks the year of a
/// calendar-year rule when the period has no end.
pub fn evaluate(
    rules: &RuleSet,
    sessions: &[&SupervisionSession],
    training: &[&Training],
    providers: &[Provider],
    period: Period,
    today: NaiveDate,
) -> Progress {
    let r = &rules.rsc;
    let year = period.to.unwrap_or(today).year();
    let mut left_out = LeftOut::default();

    // RSC: rules 1 to 5.
    let rsc_period = counting_period(period, r.calendar_year, year);
    let book = ProviderBook::new(providers);
    let (mut tracks, items) =
        accepted_sessions(r, sessions, &book, rsc_period, today, |_, reason, m| {
            left_out.add(reason, m);
        });
    let best = best_window(r, &mut tracks, &items);

    let mut progress = nothing_counted(rules);
    let mut rsc_met = r.required_minutes == 0;
    if let Some(best) = &best {
        recount(&mut tracks, &items, best);
        leave_out_beyond(&mut left_out, &tracks, &items, best);
        count_window(&mut progress, r, &tracks, best);
        if r.age_focus.is_some() {
            let (m, n) = unmarked_focus(&tracks, &items, &best.outcome);
            (
                progress.unmarked_focus_minutes,
                progress.unmarked_focus_sessions,
            ) = (to_u32(m), n);
        }
        rsc_met = best.outcome.met;
        wording::rsc_shortfalls(&mut progress.shortfalls, r, &best.outcome, year);
    } else if r.required_minutes > 0 {
        wording::rsc_shortfalls_none(&mut progress.shortfalls, r, year);
    }
    progress.not_counted = left_out.described(r);

    // In-service training.
    let mut training_met = true;
    if let Some(tr) = &rules.training {
        let t = training_progress(
            tr,
            training,
            counting_period(period, tr.calendar_year, year),
            today,
        );
        wording::training_shortfalls(&mut progress.shortfalls, &t, tr.calendar_year, year);
        training_met = t.met;
        progress.training = Some(t);
    }
    progress.met = rsc_met && training_met;
    wording::cautions(&mut progress, r);
    progress.verdict = wording::verdict(rules, progress.met);
    progress.not_checked = wording::not_checked();
    progress
}

/// Each of `sessions` under `rules` as [`evaluate`] weighs them: `None` for a session that
/// counts, else why it does not (a session outside `period` is outside the window). Group
/// minutes of a counted session may still count only in part, weighted or capped as the
/// rule set says; [`evaluate`] has the totals.
pub fn session_lots(
    rules: &RuleSet,
    sessions: &[&SupervisionSession],
    providers: &[Provider],
    period: Period,
    today: NaiveDate,
) -> Vec<Option<NotCountedReason>> {
    let r = &rules.rsc;
    let year = period.to.unwrap_or(today).year();
    let mut lots = vec![Some(NotCountedReason::OutsideWindow); sessions.len()];
    let book = ProviderBook::new(providers);
    let rsc_period = counting_period(period, r.calendar_year, year);
    let (mut tracks, items) =
        accepted_sessions(r, sessions, &book, rsc_period, today, |i, reason, _| {
            lots[i] = Some(reason);
        });
    if let Some(best) = best_window(r, &mut tracks, &items) {
        recount(&mut tracks, &items, &best);
        window_lots(&mut lots, &tracks, &items, &best);
    }
    lots
}

/// Calendar year: the days that count, `period` itself unless the rule counts only the
/// calendar year `year`, then the part of `period` within that year.
fn counting_period(period: Period, calendar_year: bool, year: i32) -> Period {
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
}

/// The requirement before anything counts: what is required, nothing counted, not met.
fn nothing_counted(rules: &RuleSet) -> Progress {
    let r = &rules.rsc;
    Progress {
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
        cautions: Vec::new(),
        unmarked_focus_minutes: 0,
        unmarked_focus_sessions: 0,
        verdict: String::new(),
        not_checked: Vec::new(),
    }
}

/// What the window kept counts: minutes in all, individual and group, its span, each
/// provider's share, and the minutes about the RSC the applicant provides.
fn count_window(progress: &mut Progress, r: &RscRule, tracks: &[Track], best: &BestWindow) {
    let o = &best.outcome;
    progress.counted_minutes = to_u32(o.counted);
    progress.individual_minutes = to_u32(o.individual);
    progress.group_minutes = to_u32(o.group);
    progress.window = Some(Window {
        from: o.first,
        to: o.last,
        months: months_between(o.first, o.last),
    });
    progress.providers = provider_shares(tracks, o, r.group_weight);
    if let Some(p) = &mut progress.about_rsc_provided {
        *p = Part::new(p.required_minutes, to_u32(o.about));
    }
}

/// Minutes left out so far: one entry per reason, in the order first met.
#[derive(Default)]
struct LeftOut(Vec<NotCounted>);

impl LeftOut {
    /// Adds one session's minutes under `reason`.
    fn add(&mut self, reason: NotCountedReason, minutes: u32) {
        match self.0.iter_mut().find(|n| n.reason == reason) {
            Some(n) => {
                n.minutes = n.minutes.saturating_add(minutes);
                n.sessions += 1;
            }
            None => self.0.push(NotCounted {
                reason,
                minutes,
                sessions: 1,
                text: String::new(),
            }),
        }
    }

    /// The entries in plain words, in the order of the reasons.
    fn described(mut self, r: &RscRule) -> Vec<NotCounted> {
        for n in &mut self.0 {
            n.text = wording::describe(n, r);
        }
        self.0.sort_by_key(|n| n.reason as u8);
        self.0
    }
}
