//! The PDF's requirement section: the verdict naming the source Attune read, what counts,
//! each provider's share, what is still needed, what does not count, what to check, and
//! what Attune does not check.

use super::typeset::{col, Align, Layout, BODY, SMALL};
use crate::hours::format_hmm;
use crate::hours::progress::Progress;
use crate::hours::rules::RuleSet;

/// Progress toward the rule set: where its figures come from, what counts, each
/// provider's share, what is still needed and what does not count.
pub(super) fn requirement(l: &mut Layout, p: &Progress, rules: Option<&RuleSet>) {
    l.heading(&format!("Requirement: {}", p.name));
    if let Some(r) = rules {
        l.paragraph(
            &format!(
                "Rule set {} (effective {}), from {}. {}",
                r.id, r.effective, r.source, r.note
            ),
            SMALL,
            false,
            0.0,
        );
        l.down(3.0);
    }
    l.paragraph(&format!("{}.", p.verdict), BODY, true, 0.0);
    l.down(3.0);
    l.pair(
        "RSC counted",
        &format!(
            "{} of {} required",
            format_hmm(p.counted_minutes),
            format_hmm(p.required_minutes)
        ),
    );
    l.pair(
        "Of which individual / group",
        &format!(
            "{} / {}",
            format_hmm(p.individual_minutes),
            format_hmm(p.group_minutes)
        ),
    );
    if let Some(w) = &p.window {
        l.pair(
            "Counted sessions span",
            &format!(
                "{} to {} ({} month{})",
                w.from,
                w.to,
                w.months,
                if w.months == 1 { "" } else { "s" }
            ),
        );
    }
    if let Some(a) = &p.about_rsc_provided {
        l.pair(
            "About the RSC I provide",
            &format!(
                "{} of {} required",
                format_hmm(a.counted_minutes),
                format_hmm(a.required_minutes)
            ),
        );
    }
    if let Some(t) = &p.training {
        let parts = [
            ("In-service training", t.total),
            ("  on infant/early childhood MH", t.iecmh),
            ("  on providing RSC", t.providing_rsc),
            ("  on diversity, equity, inclusion", t.dei),
        ];
        for (i, (what, part)) in parts.into_iter().enumerate() {
            if i == 0 || part.required_minutes > 0 {
                l.pair(
                    what,
                    &format!(
                        "{} of {} required",
                        format_hmm(part.counted_minutes),
                        format_hmm(part.required_minutes)
                    ),
                );
            }
        }
    }
    if !p.providers.is_empty() {
        l.down(4.0);
        provider_shares(l, p);
    }
    if !p.shortfalls.is_empty() {
        l.down(4.0);
        l.paragraph("Still needed:", BODY, true, 0.0);
        for f in &p.shortfalls {
            l.paragraph(&format!("• {f}"), BODY, false, 10.0);
        }
    }
    if !p.not_counted.is_empty() {
        l.down(4.0);
        l.paragraph("Not counted:", BODY, true, 0.0);
        for n in &p.not_counted {
            l.paragraph(&format!("• {}", n.text), BODY, false, 10.0);
        }
    }
    if !p.cautions.is_empty() {
        l.down(4.0);
        l.paragraph("To check before applying:", BODY, true, 0.0);
        for c in &p.cautions {
            l.paragraph(&format!("• {c}"), BODY, false, 10.0);
        }
    }
    l.down(4.0);
    l.paragraph(
        &format!("Not checked by Attune: {}.", p.not_checked.join(", ")),
        SMALL,
        false,
        0.0,
    );
}

/// Each provider's share of the counted minutes, or "not counted".
fn provider_shares(l: &mut Layout, p: &Progress) {
    let cols = [
        col("Provider", 165.0, Align::Left),
        col("Credential", 70.0, Align::Left),
        col("Share", 60.0, Align::Right),
        col("Individual", 65.0, Align::Right),
        col("Group", 65.0, Align::Right),
        col("Counted", 70.0, Align::Right),
    ];
    let rows: Vec<Vec<String>> = p
        .providers
        .iter()
        .map(|x| {
            vec![
                x.provider.clone(),
                x.credential.clone().unwrap_or_else(|| "—".into()),
                if x.counted {
                    format!("{} %", x.share_percent)
                } else {
                    "not counted".into()
                },
                format_hmm(x.individual_minutes),
                format_hmm(x.group_minutes),
                format_hmm(x.minutes),
            ]
        })
        .collect();
    l.table(&cols, &rows, None, BODY);
}
