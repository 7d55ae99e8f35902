//! In-service training toward a rule set: each entry counts toward its one part (infant and
//! early childhood mental health, providing RSC, or DEI) and toward the total; entries dated
//! after today are planned and count toward nothing.

use chrono::NaiveDate;

use super::{Part, TrainingProgress};
use crate::hours::period::Period;
use crate::hours::rules::TrainingRule;
use crate::hours::training::{Training, TrainingTopic};

/// The minutes logged in `period` up to `today`, in all and in each part the rule names,
/// against what it requires; those after `today` apart, as planned.
pub(super) fn training_progress(
    tr: &TrainingRule,
    training: &[&Training],
    period: Period,
    today: NaiveDate,
) -> TrainingProgress {
    let mut total = 0u32;
    let (mut iecmh, mut dei, mut rsc) = (0u32, 0u32, 0u32);
    let (mut planned_minutes, mut planned_entries) = (0u32, 0u32);
    for t in training.iter().filter(|t| period.contains(t.content.date)) {
        let m = t.content.minutes;
        if t.content.date > today {
            planned_minutes = planned_minutes.saturating_add(m);
            planned_entries += 1;
            continue;
        }
        total = total.saturating_add(m);
        let part = match t.content.topic {
            TrainingTopic::Iecmh => &mut iecmh,
            TrainingTopic::Dei => &mut dei,
            TrainingTopic::ProvidingRsc => &mut rsc,
        };
        *part = part.saturating_add(m);
    }
    let total = Part::new(tr.required_minutes, total);
    let iecmh = Part::new(tr.iecmh_minutes, iecmh);
    let dei = Part::new(tr.dei_minutes, dei);
    let providing_rsc = Part::new(tr.providing_rsc_minutes, rsc);
    TrainingProgress {
        total,
        iecmh,
        dei,
        providing_rsc,
        planned_minutes,
        planned_entries,
        met: total.met && iecmh.met && dei.met && providing_rsc.met,
    }
}
