//! Totals of logged sessions: per provider, per month, individual and group. Everything is
//! summed in whole minutes; hours exist only when shown.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::model::{provider_key, SessionFormat, SupervisionSession};
use super::period::Period;
use super::progress::Progress;

/// One provider's minutes in a summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProviderMinutes {
    /// The name as written on their most recent session.
    pub provider: String,
    /// The credential on their most recent session that has one.
    pub credential: Option<String>,
    /// All their minutes.
    pub minutes: u32,
    /// Of which individual.
    pub individual_minutes: u32,
    /// Of which group.
    pub group_minutes: u32,
    /// Number of sessions.
    pub sessions: u32,
}

/// One calendar month's minutes in a summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthMinutes {
    /// `YYYY-MM`.
    pub month: String,
    /// All minutes that month.
    pub minutes: u32,
    /// Of which individual.
    pub individual_minutes: u32,
    /// Of which group.
    pub group_minutes: u32,
}

/// What `hours summary` reports: the contract's fields (`from`, `to`, `total_minutes`,
/// `individual_minutes`, `group_minutes`, `by_provider`, `requirement`) and a few more.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HoursSummary {
    /// The first day covered: the one asked for, else the first session's date.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub from: Option<NaiveDate>,
    /// The last day covered: the one asked for, else the last session's date.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub to: Option<NaiveDate>,
    /// Number of sessions.
    pub sessions: u32,
    /// All minutes: the exact sum of the sessions' minutes.
    pub total_minutes: u32,
    /// Minutes in individual sessions.
    pub individual_minutes: u32,
    /// Minutes in group sessions.
    pub group_minutes: u32,
    /// Minutes of sessions about the RSC the applicant provides.
    pub about_rsc_provided_minutes: u32,
    /// Sessions a supervisor has attested.
    pub attested_sessions: u32,
    /// Of all minutes, those of sessions dated after today: planned, never counted toward a
    /// requirement ([`HoursSummary::count_as_of`]).
    pub planned_minutes: u32,
    /// In how many sessions.
    pub planned_sessions: u32,
    /// Of all minutes, those of sessions with no age focus (0-3 or 3-6) recorded.
    pub unmarked_focus_minutes: u32,
    /// In how many sessions.
    pub unmarked_focus_sessions: u32,
    /// Per provider, most minutes first.
    pub by_provider: Vec<ProviderMinutes>,
    /// Per calendar month, oldest first; months without sessions are left out.
    pub by_month: Vec<MonthMinutes>,
    /// Progress toward a rule set, when one was chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub requirement: Option<Progress>,
}

fn add(total: &mut u32, minutes: u32) {
    // Saturates only beyond 8,000 years of sessions.
    *total = total.saturating_add(minutes);
}

/// Sums the sessions that fall in `period`, with `attested` telling which are attested.
/// The requirement is left empty: see [`super::evaluate`].
pub fn summarize(
    sessions: &[&SupervisionSession],
    period: Period,
    attested: impl Fn(&SupervisionSession) -> bool,
) -> HoursSummary {
    let mut s = HoursSummary {
        from: period.from,
        to: period.to,
        sessions: 0,
        total_minutes: 0,
        individual_minutes: 0,
        group_minutes: 0,
        about_rsc_provided_minutes: 0,
        attested_sessions: 0,
        planned_minutes: 0,
        planned_sessions: 0,
        unmarked_focus_minutes: 0,
        unmarked_focus_sessions: 0,
        by_provider: Vec::new(),
        by_month: Vec::new(),
        requirement: None,
    };
    let mut providers: HashMap<String, (usize, NaiveDate, NaiveDate)> = HashMap::new();
    let mut months: BTreeMap<(i32, u32), MonthMinutes> = BTreeMap::new();
    let mut first: Option<NaiveDate> = None;
    let mut last: Option<NaiveDate> = None;
    for session in sessions.iter().filter(|x| period.contains(x.content.date)) {
        let c = &session.content;
        s.sessions += 1;
        first = Some(first.map_or(c.date, |f| f.min(c.date)));
        last = Some(last.map_or(c.date, |l| l.max(c.date)));
        add(&mut s.total_minutes, c.minutes);
        let group = c.format == SessionFormat::Group;
        add(
            if group {
                &mut s.group_minutes
            } else {
                &mut s.individual_minutes
            },
            c.minutes,
        );
        if c.about_rsc_provided {
            add(&mut s.about_rsc_provided_minutes, c.minutes);
        }
        if attested(session) {
            s.attested_sessions += 1;
        }
        if c.age_focus.is_none() {
            add(&mut s.unmarked_focus_minutes, c.minutes);
            s.unmarked_focus_sessions += 1;
        }

        let key = provider_key(&c.provider);
        let (i, name_date, cred_date) = providers.entry(key).or_insert_with(|| {
            s.by_provider.push(ProviderMinutes {
                provider: c.provider.clone(),
                credential: None,
                minutes: 0,
                individual_minutes: 0,
                group_minutes: 0,
                sessions: 0,
            });
            (s.by_provider.len() - 1, c.date, NaiveDate::MIN)
        });
        let p = &mut s.by_provider[*i];
        if c.date >= *name_date {
            *name_date = c.date;
            if p.provider != c.provider {
                p.provider.clone_from(&c.provider);
            }
        }
        if c.credential.is_some() && c.date >= *cred_date {
            *cred_date = c.date;
            p.credential.clone_from(&c.credential);
        }
        p.sessions += 1;
        add(&mut p.minutes, c.minutes);
        add(
            if group {
                &mut p.group_minutes
            } else {
                &mut p.individual_minutes
            },
            c.minutes,
        );

        let ym = (c.date.year(), c.date.month());
        let m = months.entry(ym).or_insert_with(|| MonthMinutes {
            month: format!("{:04}-{:02}", ym.0, ym.1),
            minutes: 0,
            individual_minutes: 0,
            group_minutes: 0,
        });
        add(&mut m.minutes, c.minutes);
        add(
            if group {
                &mut m.group_minutes
            } else {
                &mut m.individual_minutes
            },
            c.minutes,
        );
    }
    s.from = period.from.or(first);
    s.to = period.to.or(last);
    s.by_provider.sort_by(|a, b| {
        b.minutes
            .cmp(&a.minutes)
            .then_with(|| a.provider.cmp(&b.provider))
    });
    s.by_month = months.into_values().collect();
    s
}

impl HoursSummary {
    /// Notes, among the sessions of `period` already summed, those dated after `today`:
    /// planned, shown apart, never counted toward a requirement.
    pub fn count_as_of(
        &mut self,
        sessions: &[&SupervisionSession],
        period: Period,
        today: NaiveDate,
    ) {
        (self.planned_minutes, self.planned_sessions) = (0, 0);
        for c in sessions
            .iter()
            .map(|x| &x.content)
            .filter(|c| period.contains(c.date) && c.date > today)
        {
            add(&mut self.planned_minutes, c.minutes);
            self.planned_sessions += 1;
        }
    }
}
