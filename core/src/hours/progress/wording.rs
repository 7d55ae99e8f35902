//! What is still missing and what does not count, in plain words.

use super::counting::{majority_of, Outcome};
use super::{to_u32, NotCounted, NotCountedReason, Part, Progress, TrainingProgress};
use crate::hours::model::AgeFocus;
use crate::hours::rules::{RscRule, RuleSet};
use crate::hours::{format_duration, months_between};

/// " by 31 December YEAR" for a calendar-year rule, else nothing.
fn due(calendar_year: bool, year: i32) -> String {
    if calendar_year {
        format!(" by 31 December {year}")
    } else {
        String::new()
    }
}

/// Shortfalls when no RSC minute counts: the whole requirement, and the part about the RSC
/// the applicant provides.
pub(super) fn rsc_shortfalls_none(out: &mut Vec<String>, r: &RscRule, year: i32) {
    out.push(format!(
        "{} more needed{} ({} of RSC required; none counts yet)",
        format_duration(r.required_minutes),
        due(r.calendar_year, year),
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

/// Shortfalls of the window kept, rule by rule: minutes, span, majority from one provider,
/// minutes about the RSC the applicant provides.
pub(super) fn rsc_shortfalls(out: &mut Vec<String>, r: &RscRule, o: &Outcome, year: i32) {
    let counted = to_u32(o.counted);
    if counted < r.required_minutes {
        out.push(format!(
            "{} more needed{} ({} of RSC required; {} count)",
            format_duration(r.required_minutes - counted),
            due(r.calendar_year, year),
            format_duration(r.required_minutes),
            format_duration(counted)
        ));
    }
    if let Some(min) = r.window_min_months {
        let span = months_between(o.first, o.last);
        if span < min {
            let so_far = match span {
                0 => "your counted sessions so far all fall within one month".to_owned(),
                1 => "your counted sessions so far run over 1 month".to_owned(),
                n => format!("your counted sessions so far run over {n} months"),
            };
            out.push(format!(
                "{so_far}; they must run over at least {min} months (from the first to one at least {min} months later)"
            ));
        }
    }
    if r.majority_from_one && o.top < majority_of(r.required_minutes) {
        // All from one is what the rule asks for: then only the total is short, and saying
        // "must come from one provider" would read as a failure it is not.
        out.push(if o.top == o.counted {
            format!(
                "all your counted hours come from one provider, as the majority rule asks; more than {} from them are needed",
                format_duration(r.required_minutes / 2)
            )
        } else {
            format!(
                "more than {} must come from one provider (the majority rule); the most from one so far is {}",
                format_duration(r.required_minutes / 2),
                format_duration(to_u32(o.top))
            )
        });
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

/// Shortfalls of in-service training: in all, on diversity, equity and inclusion, and on
/// providing RSC.
pub(super) fn training_shortfalls(
    out: &mut Vec<String>,
    t: &TrainingProgress,
    calendar_year: bool,
    year: i32,
) {
    let by = due(calendar_year, year);
    let parts: [(&str, Part); 4] = [
        ("training", t.total),
        (
            "training on infant and early childhood mental health",
            t.iecmh,
        ),
        ("training on diversity, equity and inclusion", t.dei),
        ("training on providing RSC", t.providing_rsc),
    ];
    for (what, part) in parts {
        if !part.met {
            out.push(format!(
                "{what}: {} more needed{by} ({} required; {} logged)",
                format_duration(part.required_minutes - part.counted_minutes),
                format_duration(part.required_minutes),
                format_duration(part.counted_minutes),
            ));
        }
    }
}

/// Why some minutes do not count, in a sentence that names the rule.
pub(super) fn describe(n: &NotCounted, r: &RscRule) -> String {
    let what = format!(
        "{} in {} session{}",
        format_duration(n.minutes),
        n.sessions,
        if n.sessions == 1 { "" } else { "s" }
    );
    match n.reason {
        NotCountedReason::Planned => format!(
            "{what} do not count yet: they are dated after today (planned)"
        ),
        NotCountedReason::PeerGroup => format!(
            "{what} do not count: a group not facilitated by an identified RSC provider is peer consultation, whatever credentials its members hold"
        ),
        NotCountedReason::OtherAgeFocus => format!(
            "{what} do not count: they are about ages {}, and this category counts RSC about ages {}",
            r.age_focus.map_or("", |f| other_focus(f).as_str()),
            r.age_focus.map_or("", AgeFocus::as_str)
        ),
        NotCountedReason::NoCredential => format!(
            "{what} do not count: the provider's credential is not recorded (this category accepts {})",
            r.allowed_credentials.join(", ")
        ),
        NotCountedReason::CredentialNotAccepted => format!(
            "{what} do not count: this category accepts RSC only from {}",
            r.allowed_credentials.join(", ")
        ),
        NotCountedReason::NotYetEndorsed => format!(
            "{what} do not count: they took place before the provider's endorsement, as the dates of their credentials say"
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

fn other_focus(f: AgeFocus) -> AgeFocus {
    match f {
        AgeFocus::Infant => AgeFocus::EarlyChildhood,
        AgeFocus::EarlyChildhood => AgeFocus::Infant,
    }
}

/// What a reviewer may question although `met` does not depend on it: sources beyond those
/// allowed (left out, but an application listing them may be turned back), counted sessions
/// with no age focus, training dated after today.
pub(super) fn cautions(p: &mut Progress, r: &RscRule) {
    let beyond: Vec<&str> = p
        .providers
        .iter()
        .filter(|s| !s.counted)
        .map(|s| s.provider.as_str())
        .collect();
    if let (false, Some(max)) = (beyond.is_empty(), r.max_sources) {
        let minutes: u32 = p
            .providers
            .iter()
            .filter(|s| !s.counted)
            .map(|s| s.minutes)
            .fold(0, u32::saturating_add);
        p.cautions.push(format!(
            "more sources than allowed: this category accepts RSC from at most {max} provider{}; {} ({}) {} left out of the count, and an application listing {} may be questioned",
            if max == 1 { "" } else { "s" },
            beyond.join(", "),
            format_duration(minutes),
            if beyond.len() == 1 { "is" } else { "are" },
            if beyond.len() == 1 { "them" } else { "all of them" },
        ));
    }
    if p.unmarked_focus_sessions > 0 {
        p.cautions.push(format!(
            "{} in {} counted session{} {} no age focus (0-3 or 3-6) recorded; they count here, but a reviewer will ask which ages they were about",
            format_duration(p.unmarked_focus_minutes),
            p.unmarked_focus_sessions,
            if p.unmarked_focus_sessions == 1 { "" } else { "s" },
            if p.unmarked_focus_sessions == 1 { "has" } else { "have" },
        ));
    }
    if let Some(t) = p.training.as_ref().filter(|t| t.planned_entries > 0) {
        p.cautions.push(format!(
            "{} of training in {} entr{} dated after today {} planned and not counted yet",
            format_duration(t.planned_minutes),
            t.planned_entries,
            if t.planned_entries == 1 { "y" } else { "ies" },
            if t.planned_entries == 1 { "is" } else { "are" },
        ));
    }
}

/// What Attune checked, naming the page it read the rules from.
pub(super) fn verdict(rules: &RuleSet, met: bool) -> String {
    let what = if rules.training.is_some() {
        "RSC and training hours"
    } else {
        "RSC hours"
    };
    let how = if met { "meet" } else { "do not yet meet" };
    // No date here: the window shows dates in the user's locale, and says from when the
    // figures apply beside the source already.
    format!(
        "Your {what} {how} the requirement as Attune reads {}",
        rules.source
    )
}

/// The parts of an application Attune does not look at.
pub(super) fn not_checked() -> Vec<String> {
    [
        "degree",
        "work experience",
        "references",
        "exam",
        "membership and Code of Ethics",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}
