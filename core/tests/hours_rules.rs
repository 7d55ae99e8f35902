//! Progress toward rule sets, computed by hand for every rule, and a property test that
//! totals are the exact sum of the sessions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use attune_core::hours::{
    evaluate, format_duration, rule_set, summarize, NotCountedReason, Period, Purpose, RscRule,
    RuleSet, SessionDraft, SessionFormat, SupervisionSession, Training, TrainingDraft,
    TrainingRule, TrainingTopic,
};
use chrono::{Datelike, Months, NaiveDate, Utc};
use proptest::prelude::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn session(
    date: NaiveDate,
    minutes: u32,
    group: bool,
    provider: &str,
    cred: Option<&str>,
) -> SupervisionSession {
    SupervisionSession {
        id: format!("{:032x}", rand_id(date, minutes, provider)),
        content: SessionDraft {
            date,
            minutes,
            format: if group {
                SessionFormat::Group
            } else {
                SessionFormat::Individual
            },
            modality: None,
            provider: provider.into(),
            credential: cred.map(str::to_owned),
            facilitated: None,
            age_focus: None,
            about_rsc_provided: false,
            note: String::new(),
            reflections: Vec::new(),
        },
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

fn rand_id(date: NaiveDate, minutes: u32, provider: &str) -> u128 {
    let mut h: u128 = u128::from(date.num_days_from_ce() as u32) << 64 | u128::from(minutes) << 32;
    for b in provider.bytes() {
        h = h.wrapping_mul(31).wrapping_add(u128::from(b));
    }
    h
}

/// `n` sessions of `minutes`, one a month from `first`.
fn monthly(
    first: &str,
    n: u32,
    minutes: u32,
    provider: &str,
    cred: &str,
) -> Vec<SupervisionSession> {
    (0..n)
        .map(|i| {
            session(
                day(first) + Months::new(i),
                minutes,
                false,
                provider,
                Some(cred),
            )
        })
        .collect()
}

/// The IFS rules without their training part, to look at RSC alone.
fn ifs() -> RuleSet {
    RuleSet {
        training: None,
        ..rule_set("imh-e/ifs").unwrap().clone()
    }
}

fn run(rules: &RuleSet, sessions: &[SupervisionSession]) -> attune_core::Progress {
    let refs: Vec<&SupervisionSession> = sessions.iter().collect();
    evaluate(rules, &refs, &[], &[], Period::ALL, day("2026-06-01"))
}

/// A rule set with only the RSC total and no other condition.
fn plain(required_minutes: u32) -> RuleSet {
    RuleSet {
        id: "test/plain".into(),
        name: "Plain".into(),
        purpose: Purpose::Application,
        source: "https://example.org".into(),
        read: None,
        effective: day("2024-01-01"),
        note: String::new(),
        rsc: RscRule {
            required_minutes,
            window_min_months: None,
            window_max_months: None,
            calendar_year: false,
            allowed_credentials: Vec::new(),
            peer_allowed: false,
            max_sources: None,
            majority_from_one: false,
            group_weight: 1.0,
            group_cap_minutes: None,
            about_rsc_provided_minutes: 0,
            age_focus: None,
        },
        training: None,
        renewal: None,
    }
}

#[test]
fn total_shortfall_in_hours_and_minutes() {
    // A: 13 × 60 min monthly over 12 months; B: 9 × 30 min. 780 + 270 = 1050 = 17 h 30 min.
    let mut s = monthly("2024-01-10", 13, 60, "Ana Ruiz", "IMHS");
    s.extend(monthly("2024-02-20", 9, 30, "Ben Ode", "IFRS"));
    let p = run(&ifs(), &s);
    assert!(!p.met);
    assert_eq!(p.counted_minutes, 1050);
    assert_eq!(p.individual_minutes, 1050);
    assert_eq!(p.required_minutes, 1440);
    assert_eq!(
        p.shortfalls,
        vec!["6 h 30 min more needed (24 h of RSC required; 17 h 30 min count)"]
    );
    let w = p.window.unwrap();
    assert_eq!(
        (w.from, w.to, w.months),
        (day("2024-01-10"), day("2025-01-10"), 12)
    );
    assert_eq!(p.providers[0].provider, "Ana Ruiz");
    assert_eq!(p.providers[0].minutes, 780);
    assert_eq!(p.providers[0].share_percent, 74); // 780 / 1050 = 74.3 %
    assert_eq!(p.providers[1].share_percent, 25); // 270 / 1050 = 25.7 %
    assert!(p.not_counted.is_empty());
}

#[test]
fn hours_must_span_the_minimum_window() {
    // 24 weekly hours from 1 January: the last on 10 June, 5 months later.
    let s: Vec<_> = (0..24)
        .map(|i| {
            session(
                day("2024-01-01") + chrono::Days::new(7 * i),
                60,
                false,
                "Ana",
                Some("IMHS"),
            )
        })
        .collect();
    let p = run(&ifs(), &s);
    assert_eq!(p.counted_minutes, 1440);
    assert!(!p.met);
    assert_eq!(p.window.unwrap().months, 5);
    assert_eq!(p.shortfalls.len(), 1);
    assert!(
        p.shortfalls[0].starts_with(
            "your counted sessions so far run over 5 months; they must run over at least 12 months"
        ),
        "{:?}",
        p.shortfalls
    );
}

#[test]
fn the_majority_must_come_from_one_provider() {
    // 12 h from each of two providers: half is not a majority.
    let mut s = monthly("2024-01-10", 12, 60, "Ana", "IMHS");
    s.extend(monthly("2024-02-10", 12, 60, "Ben", "IMHM-C"));
    let p = run(&ifs(), &s);
    assert_eq!(p.counted_minutes, 1440);
    assert!(!p.met);
    assert_eq!(
        p.shortfalls,
        vec!["more than 12 h must come from one provider (the majority rule); the most from one so far is 12 h"]
    );
    // One more hour from Ana makes her the majority (13 h of 24 required).
    s.push(session(day("2025-01-05"), 60, false, "Ana", Some("IMHS")));
    let p = run(&ifs(), &s);
    assert!(p.met, "{:?}", p.shortfalls);
    assert!(p.shortfalls.is_empty());
}

/// A first-timer with a few sessions, all with one supervisor in one month: what is short is
/// the total and the span, said as such; nothing reads as if one provider were a failure.
#[test]
fn a_beginning_all_from_one_provider_is_not_worded_as_a_failure() {
    let s: Vec<_> = (0..3)
        .map(|i| {
            session(
                day("2024-01-03") + chrono::Days::new(7 * i),
                60,
                false,
                "Ana",
                Some("IMHS"),
            )
        })
        .collect();
    let p = run(&ifs(), &s);
    assert!(!p.met);
    assert_eq!(
        p.shortfalls,
        vec![
            "21 h more needed (24 h of RSC required; 3 h count)",
            "your counted sessions so far all fall within one month; they must run over at least 12 months (from the first to one at least 12 months later)",
            "all your counted hours come from one provider, as the majority rule asks; more than 12 h from them are needed",
        ]
    );
}

#[test]
fn at_most_two_sources_count() {
    let mut s = monthly("2024-01-10", 14, 60, "Ana", "IMHS");
    s.extend(monthly("2024-01-11", 8, 60, "Ben", "IMHS"));
    s.extend(monthly("2024-01-12", 6, 60, "Cleo", "IMHS"));
    let p = run(&ifs(), &s);
    assert_eq!(p.counted_minutes, 22 * 60);
    assert_eq!(
        p.shortfalls,
        vec!["2 h more needed (24 h of RSC required; 22 h count)"]
    );
    let cleo = p.providers.iter().find(|x| x.provider == "Cleo").unwrap();
    assert!(!cleo.counted);
    assert_eq!(cleo.minutes, 360);
    assert_eq!(p.not_counted.len(), 1);
    assert_eq!(p.not_counted[0].reason, NotCountedReason::TooManySources);
    assert_eq!(
        (p.not_counted[0].minutes, p.not_counted[0].sessions),
        (360, 6)
    );
}

#[test]
fn a_peer_group_never_counts_even_where_any_provider_does() {
    let rules = plain(600);
    let s = vec![
        session(day("2024-01-10"), 120, true, "Peers", None),
        session(day("2024-01-11"), 60, false, "Someone", None),
        session(day("2024-01-12"), 90, true, "Dana", Some("IMHS")),
    ];
    let p = run(&rules, &s);
    assert_eq!(p.counted_minutes, 150);
    assert_eq!(p.group_minutes, 90);
    assert_eq!(p.individual_minutes, 60);
    assert_eq!(p.not_counted.len(), 1);
    assert_eq!(p.not_counted[0].reason, NotCountedReason::PeerGroup);
    assert_eq!(p.not_counted[0].minutes, 120);
    assert!(p.not_counted[0].text.contains("peer consultation"));
    assert_eq!(
        p.shortfalls,
        vec!["7 h 30 min more needed (10 h of RSC required; 2 h 30 min count)"]
    );
}

#[test]
fn only_accepted_credentials_count() {
    let mentor = rule_set("imh-e/imhm-c").unwrap();
    let mut s = monthly("2024-01-10", 13, 60, "Ana", "IMHS");
    s.push(session(day("2024-03-01"), 45, false, "Unknown", None));
    s.extend(monthly("2024-01-15", 13, 120, "Mo", "IMHM-C"));
    let p = run(mentor, &s);
    assert_eq!(p.counted_minutes, 13 * 120);
    let reasons: Vec<_> = p
        .not_counted
        .iter()
        .map(|n| (n.reason, n.minutes))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (NotCountedReason::NoCredential, 45),
            (NotCountedReason::CredentialNotAccepted, 780)
        ]
    );
    assert!(p.not_counted[1].text.contains("only from IMHM-C"));
}

#[test]
fn the_best_window_of_at_most_24_months_counts() {
    // One hour a month for 37 months: any 24-month window holds 25 of them.
    let s = monthly("2022-01-15", 37, 60, "Ana", "IMHS");
    let p = run(&ifs(), &s);
    assert!(p.met, "{:?}", p.shortfalls);
    assert_eq!(p.counted_minutes, 25 * 60);
    let w = p.window.unwrap();
    // Windows that count the same: the most recent is shown.
    assert_eq!(
        (w.from, w.to, w.months),
        (day("2023-01-15"), day("2025-01-15"), 24)
    );
    assert_eq!(p.not_counted[0].reason, NotCountedReason::OutsideWindow);
    assert_eq!(p.not_counted[0].minutes, 12 * 60);
}

#[test]
fn the_window_with_more_hours_wins_over_a_later_one() {
    let mut s = monthly("2020-01-10", 13, 120, "Ana", "IMHS"); // 26 h over 12 months
    s.extend(monthly("2024-01-10", 13, 60, "Ana", "IMHS")); // 13 h, later
    let p = run(&ifs(), &s);
    assert!(p.met);
    assert_eq!(p.window.unwrap().from, day("2020-01-10"));
}

#[test]
fn group_weight_and_cap_are_configurable() {
    let mut rules = plain(1000);
    rules.rsc.group_weight = 0.5;
    rules.rsc.group_cap_minutes = Some(120);
    let s = vec![
        session(day("2024-01-10"), 600, false, "Ana", Some("IMHS")),
        session(day("2024-01-11"), 600, true, "Ana", Some("IMHS")),
    ];
    let p = run(&rules, &s);
    assert_eq!(p.group_minutes, 120); // 600 × 0.5 = 300, capped at 120
    assert_eq!(p.counted_minutes, 720);
    rules.rsc.group_cap_minutes = None;
    assert_eq!(run(&rules, &s).counted_minutes, 900);
    rules.rsc.group_weight = 1.0;
    assert_eq!(run(&rules, &s).counted_minutes, 1200);
}

#[test]
fn mentors_need_hours_about_the_rsc_they_provide() {
    let mentor = rule_set("imh-e/imhm-c").unwrap();
    let mut s = monthly("2024-01-10", 25, 120, "Mo", "IMHM-C"); // 50 h over 24 months
    for x in s.iter_mut().take(10) {
        x.content.about_rsc_provided = true; // 20 h about the RSC provided
    }
    let p = run(mentor, &s);
    assert_eq!(p.counted_minutes, 3000);
    assert_eq!(p.about_rsc_provided.unwrap().counted_minutes, 1200);
    assert!(!p.met);
    assert!(p.shortfalls.contains(
        &"5 h more about the RSC you provide needed (25 h required; 20 h count)".to_owned()
    ));
    // Training is required too: none logged.
    assert!(p
        .shortfalls
        .contains(&"training: 48 h more needed (48 h required; 0 min logged)".to_owned()));
}

fn training(date: &str, minutes: u32, topics: &[TrainingTopic]) -> Training {
    Training {
        id: format!("t{date}{minutes}"),
        content: TrainingDraft {
            date: day(date),
            minutes,
            title: "Course".into(),
            organiser: String::new(),
            topic: TrainingTopic::from_old_topics(topics),
            note: String::new(),
        },
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

#[test]
fn training_totals_and_parts() {
    let mentor = rule_set("imh-e/imhm-c").unwrap();
    let mut s = monthly("2024-01-10", 25, 120, "Mo", "IMHM-C");
    for x in s.iter_mut().take(13) {
        x.content.about_rsc_provided = true; // 26 h
    }
    let t = [
        training("2024-02-01", 30 * 60, &[]),
        training("2024-03-01", 120, &[TrainingTopic::Dei]),
        training("2024-04-01", 15 * 60, &[TrainingTopic::ProvidingRsc]),
    ];
    let refs: Vec<&SupervisionSession> = s.iter().collect();
    let trefs: Vec<&Training> = t.iter().collect();
    let p = evaluate(mentor, &refs, &trefs, &[], Period::ALL, day("2026-06-01"));
    let tp = p.training.clone().unwrap();
    assert_eq!(tp.total.counted_minutes, 47 * 60);
    assert_eq!(tp.dei.counted_minutes, 120);
    assert!(tp.providing_rsc.met);
    assert!(!p.met);
    assert_eq!(
        p.shortfalls,
        vec![
            "training: 1 h more needed (48 h required; 47 h logged)",
            "training on diversity, equity and inclusion: 1 h more needed (3 h required; 2 h logged)"
        ]
    );
    let more = training("2024-05-01", 60, &[TrainingTopic::Dei]);
    let mut trefs = trefs;
    trefs.push(&more);
    let p = evaluate(mentor, &refs, &trefs, &[], Period::ALL, day("2026-06-01"));
    assert!(p.met, "{:?}", p.shortfalls);
}

#[test]
fn renewal_counts_one_calendar_year() {
    let renewal = rule_set("renewal/annual").unwrap();
    let mut s = monthly("2025-06-10", 6, 60, "Ana", "IMHS"); // June–November 2025
    s.extend(monthly("2026-01-10", 5, 60, "Ana", "IMHS")); // January–May 2026
    let t = [
        training("2025-03-01", 900, &[TrainingTopic::Dei]),
        training("2026-02-01", 600, &[]),
    ];
    let refs: Vec<&SupervisionSession> = s.iter().collect();
    let trefs: Vec<&Training> = t.iter().collect();
    let p = evaluate(renewal, &refs, &trefs, &[], Period::ALL, day("2026-06-01"));
    assert_eq!(p.counted_minutes, 300);
    assert_eq!(
        p.shortfalls,
        vec![
            "7 h more needed by 31 December 2026 (12 h of RSC required; 5 h count)",
            "training: 5 h more needed by 31 December 2026 (15 h required; 10 h logged)",
            "training on diversity, equity and inclusion: 1 h more needed by 31 December 2026 (1 h required; 0 min logged)"
        ]
    );
    // The year asked for through the period's end.
    let p = evaluate(
        renewal,
        &refs,
        &trefs,
        &[],
        Period {
            from: None,
            to: Some(day("2025-12-31")),
        },
        day("2026-06-01"),
    );
    assert_eq!(p.counted_minutes, 360);
    assert!(p.training.unwrap().met);
}

#[test]
fn nothing_logged_yet() {
    let p = run(&ifs(), &[]);
    assert!(!p.met);
    assert_eq!(p.counted_minutes, 0);
    assert_eq!(p.window, None);
    assert_eq!(
        p.shortfalls[0],
        "24 h more needed (24 h of RSC required; none counts yet)"
    );
}

fn arb_session() -> impl Strategy<Value = SupervisionSession> {
    (
        0u32..2000,
        1u32..=1440,
        any::<bool>(),
        0usize..5,
        any::<bool>(),
        proptest::option::of(0usize..3),
    )
        .prop_map(|(d, minutes, group, p, about, cred)| {
            let names = ["Ana", "ana ", "Lucía Pérez", "Ben", "Cleo"];
            let creds = ["IMHS", "IMHM-C", "IFRS"];
            let mut s = session(
                day("2020-01-01") + chrono::Days::new(u64::from(d)),
                minutes,
                group,
                names[p].trim(),
                cred.map(|c| creds[c]),
            );
            s.content.about_rsc_provided = about;
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn totals_are_the_sum_of_the_sessions(sessions in proptest::collection::vec(arb_session(), 0..80)) {
        let refs: Vec<&SupervisionSession> = sessions.iter().collect();
        let sum: u64 = sessions.iter().map(|s| u64::from(s.content.minutes)).sum();
        let s = summarize(&refs, Period::ALL, |_| false);
        prop_assert_eq!(u64::from(s.total_minutes), sum);
        prop_assert_eq!(s.individual_minutes + s.group_minutes, s.total_minutes);
        prop_assert_eq!(s.by_provider.iter().map(|p| u64::from(p.minutes)).sum::<u64>(), sum);
        prop_assert_eq!(s.by_month.iter().map(|m| u64::from(m.minutes)).sum::<u64>(), sum);
        prop_assert_eq!(s.sessions as usize, sessions.len());
        // "ana " and "Ana" are one provider.
        prop_assert!(s.by_provider.len() <= 4);

        // With no condition but credentials, counted + not counted = all.
        let p = evaluate(&plain(1), &refs, &[], &[], Period::ALL, day("2030-01-01"));
        let left_out: u64 = p.not_counted.iter().map(|n| u64::from(n.minutes)).sum();
        prop_assert_eq!(u64::from(p.counted_minutes) + left_out, sum);
        prop_assert_eq!(p.individual_minutes + p.group_minutes, p.counted_minutes);

        // Under a real rule set, nothing is counted twice and nothing is invented.
        let p = evaluate(&ifs(), &refs, &[], &[], Period::ALL, day("2030-01-01"));
        let left_out: u64 = p.not_counted.iter().map(|n| u64::from(n.minutes)).sum();
        prop_assert_eq!(u64::from(p.counted_minutes) + left_out, sum);
        prop_assert_eq!(p.providers.iter().filter(|x| x.counted).map(|x| u64::from(x.minutes)).sum::<u64>(), u64::from(p.counted_minutes));
    }

    #[test]
    fn durations_read_back(m in 0u32..1_000_000) {
        let text = format_duration(m);
        let mut total = 0;
        let mut parts = text.split(' ');
        while let (Some(n), Some(unit)) = (parts.next(), parts.next()) {
            let n: u32 = n.parse().unwrap();
            total += if unit == "h" { n * 60 } else { n };
        }
        prop_assert_eq!(total, m);
    }
}

#[test]
fn training_rule_is_optional() {
    let mut r = plain(60);
    r.training = Some(TrainingRule {
        required_minutes: 60,
        iecmh_minutes: 0,
        dei_minutes: 0,
        providing_rsc_minutes: 0,
        calendar_year: false,
    });
    let p = run(
        &r,
        &[session(day("2024-01-01"), 60, false, "A", Some("IMHS"))],
    );
    assert!(!p.met);
    r.training = None;
    let p = run(
        &r,
        &[session(day("2024-01-01"), 60, false, "A", Some("IMHS"))],
    );
    assert!(p.met);
    assert_eq!(day("2024-01-01").year(), 2024);
}
