//! A range of days, the one thing summaries, progress and exports all filter by.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A range of days, both ends included; `None` leaves that end open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Period {
    /// First day included.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub from: Option<NaiveDate>,
    /// Last day included.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub to: Option<NaiveDate>,
}

impl Period {
    /// Every day.
    pub const ALL: Period = Period {
        from: None,
        to: None,
    };

    /// Whether `date` falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }
}
