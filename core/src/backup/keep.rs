//! Which backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months that
//! have one, every backup taken before a change (migration, import, restore, passphrase
//! change) for 30 days, and always the newest. A backup that does not read whole is never
//! counted, and never deleted here: the person decides.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{DateTime, Datelike, Duration, Utc};

use super::BackupEntry;

/// How many of each period to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeepPolicy {
    /// Days with a backup, newest first, whose newest backup is kept.
    pub daily: usize,
    /// ISO weeks likewise.
    pub weekly: usize,
    /// Calendar months likewise.
    pub monthly: usize,
    /// Days a backup taken before a change is kept.
    pub before_change_days: i64,
}

impl Default for KeepPolicy {
    fn default() -> Self {
        KeepPolicy {
            daily: 7,
            weekly: 4,
            monthly: 12,
            before_change_days: 30,
        }
    }
}

/// The backups of `entries` (as [`super::list`] gives them) that `policy` does not keep on
/// `now`, oldest first.
pub fn to_delete(entries: &[BackupEntry], now: DateTime<Utc>, policy: KeepPolicy) -> Vec<PathBuf> {
    let mut good: Vec<(&BackupEntry, DateTime<Utc>)> = entries
        .iter()
        .filter_map(|e| e.manifest.as_ref().map(|m| (e, m.created_at)))
        .collect();
    good.sort_by_key(|g| std::cmp::Reverse(g.1));
    let mut keep: BTreeSet<usize> = BTreeSet::new();
    if !good.is_empty() {
        keep.insert(0);
    }
    let mut by = |count: usize, period: &dyn Fn(DateTime<Utc>) -> (i32, u32)| {
        let mut seen = BTreeSet::new();
        for (i, (_, at)) in good.iter().enumerate() {
            if seen.len() >= count {
                break;
            }
            if seen.insert(period(*at)) {
                keep.insert(i);
            }
        }
    };
    by(policy.daily, &|at| (at.year(), at.ordinal()));
    by(policy.weekly, &|at| {
        let w = at.iso_week();
        (w.year(), w.week())
    });
    by(policy.monthly, &|at| (at.year(), at.month()));
    for (i, (e, at)) in good.iter().enumerate() {
        let before_change = e
            .manifest
            .as_ref()
            .is_some_and(|m| m.reason.is_before_change());
        if before_change && now - *at <= Duration::days(policy.before_change_days) {
            keep.insert(i);
        }
    }
    let mut out: Vec<PathBuf> = good
        .iter()
        .enumerate()
        .filter(|(i, _)| !keep.contains(i))
        .map(|(_, (e, _))| e.path.clone())
        .collect();
    out.reverse();
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::backup::{BackupReason, Manifest, BACKUP_FORMAT};

    fn entry(at: &str, reason: BackupReason) -> BackupEntry {
        let created_at = DateTime::parse_from_rfc3339(at)
            .unwrap()
            .with_timezone(&Utc);
        BackupEntry {
            path: PathBuf::from(format!("{at}-{}", reason.as_str())),
            bytes: 1,
            manifest: Some(Manifest {
                format: BACKUP_FORMAT,
                vault_id: String::new(),
                vault_format: 2,
                created_at,
                reason,
                records: Default::default(),
                image_sha256: String::new(),
                slots: Vec::new(),
                app_version: String::new(),
            }),
            problem: None,
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-02T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn seven_days_four_weeks_twelve_months() {
        // One backup a day (two on each day) for 400 days.
        let mut all = Vec::new();
        for d in 0..400 {
            for h in [9, 18] {
                let at = now() - Duration::days(d) - Duration::hours(12 - h);
                all.push(entry(&at.to_rfc3339(), BackupReason::Lock));
            }
        }
        let gone: BTreeSet<PathBuf> = to_delete(&all, now(), KeepPolicy::default())
            .into_iter()
            .collect();
        let kept: Vec<&BackupEntry> = all.iter().filter(|e| !gone.contains(&e.path)).collect();
        // 7 days, plus the weeks and months beyond them: at most 7 + 4 + 12, at least 12.
        assert!(kept.len() >= 12 && kept.len() <= 23, "{}", kept.len());
        let newest = all
            .iter()
            .max_by_key(|e| e.manifest.as_ref().unwrap().created_at)
            .unwrap();
        assert!(!gone.contains(&newest.path), "the newest is always kept");
        // Of today's two, only the later one is kept.
        assert_eq!(
            kept.iter()
                .filter(
                    |e| e.manifest.as_ref().unwrap().created_at.date_naive() == now().date_naive()
                )
                .count(),
            1
        );
    }

    #[test]
    fn before_a_change_kept_thirty_days_and_damaged_never_touched() {
        let mut all = vec![
            entry("2026-11-30T10:00:00Z", BackupReason::BeforeImport),
            entry("2026-11-30T09:00:00Z", BackupReason::BeforeRestore),
            entry("2026-10-01T09:00:00Z", BackupReason::BeforeImport),
            entry("2026-10-01T10:00:00Z", BackupReason::Manual),
            entry("2026-12-02T10:00:00Z", BackupReason::Lock),
        ];
        all.push(BackupEntry {
            path: PathBuf::from("damaged"),
            bytes: 3,
            manifest: None,
            problem: Some("cut short".into()),
        });
        let gone = to_delete(
            &all,
            now(),
            KeepPolicy {
                daily: 1,
                weekly: 0,
                monthly: 0,
                before_change_days: 30,
            },
        );
        assert_eq!(
            gone,
            [
                PathBuf::from("2026-10-01T09:00:00Z-before-import"),
                PathBuf::from("2026-10-01T10:00:00Z-manual")
            ]
        );
    }
}
