//! `attune portfolio ...`: the parts of an Endorsement® application other than hours
//! (education, work experience, reference ratings, the exam, membership, the Code of Ethics),
//! beside what the chosen category asks. Attune lists them; it never judges them.

use std::io::Write;
use std::path::Path;

use attune_core::journal::parse_date;
use attune_core::portfolio::{
    checklist, Checklist, ItemStatus, PortfolioItem, PortfolioItemDraft, PortfolioPart, RaterRole,
};
use attune_core::views::short_id;
use attune_core::Error;
use clap::{Args, Subcommand};

use crate::common::{to_json, unlock};
use crate::error::CliResult;
use crate::hours::dashed;
use crate::secrets::Secrets;

/// `attune portfolio ...`
#[derive(Debug, Subcommand)]
pub enum PortfolioCommand {
    /// What your category asks for in each part, and what you have recorded
    Checklist {
        /// A rule-set id (`attune rules list`); default: the category in your settings
        #[arg(long)]
        category: Option<String>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Record an item (a degree, a job, a reference rating, the exam …); prints its id
    Add {
        /// education, work-experience, reference, exam, membership or code-of-ethics
        #[arg(long)]
        part: String,
        /// What it is: "MSW, Wayne State University", "Sam Rivera"
        #[arg(long)]
        title: String,
        #[command(flatten)]
        fields: ItemFields,
    },
    /// Change an item (the id, or at least its first 4 characters); only the options given
    Edit {
        /// The item's id or a unique prefix of it
        id: String,
        /// A new title
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        fields: ItemFields,
    },
    /// Delete an item for good (the id, or at least its first 4 characters)
    Delete {
        /// The item's id or a unique prefix of it
        id: String,
    },
}

/// The options `add` and `edit` share.
#[derive(Debug, Args)]
pub struct ItemFields {
    /// to-do, requested or done (default for a new item: to-do)
    #[arg(long)]
    status: Option<String>,
    /// The day it was done, conferred, signed or asked for
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// A reference rating: supervisor, rsc-provider, colleague, supervisee or other
    #[arg(long)]
    rater_role: Option<String>,
    /// A reference rating: how long the rater has known you, in months
    #[arg(long)]
    known_months: Option<String>,
    /// A short reminder
    #[arg(long)]
    note: Option<String>,
}

impl ItemFields {
    /// Applies the options given to `draft`; bad values name their option.
    fn apply(self, draft: &mut PortfolioItemDraft) -> CliResult {
        if let Some(s) = self.status {
            draft.status = ItemStatus::parse("--status", &s)?;
        }
        if let Some(d) = self.date {
            draft.date = Some(parse_date("--date", &d)?);
        }
        if let Some(r) = self.rater_role {
            draft.rater_role = Some(RaterRole::parse("--rater-role", &r)?);
        }
        if let Some(m) = self.known_months {
            let months = m.trim().parse::<u32>().map_err(|_| {
                Error::invalid(
                    "--known-months",
                    format!("{:?} is not a whole number of months", m.trim()),
                )
            })?;
            draft.known_months = Some(months);
        }
        if let Some(n) = self.note {
            draft.note = n;
        }
        Ok(())
    }
}

pub(crate) fn portfolio(dir: &Path, secrets: &mut Secrets, action: PortfolioCommand) -> CliResult {
    match action {
        PortfolioCommand::Checklist { category, json } => {
            let vault = unlock(dir, secrets)?;
            let category = category.or_else(|| vault.settings().rule_set.clone());
            let list = checklist(category.as_deref(), vault.portfolio().items());
            vault.lock()?;
            let list = list.map_err(dashed)?;
            let mut out = crate::terminal::stdout();
            if json {
                writeln!(out, "{}", to_json(&list)?)?;
            } else {
                print_checklist(&mut out, &list)?;
            }
            Ok(())
        }
        PortfolioCommand::Add {
            part,
            title,
            fields,
        } => {
            let mut draft = PortfolioItemDraft {
                part: PortfolioPart::parse("--part", &part)?,
                title,
                status: ItemStatus::ToDo,
                date: None,
                rater_role: None,
                known_months: None,
                note: String::new(),
            };
            fields.apply(&mut draft)?;
            let draft = draft.validated().map_err(dashed)?;
            let mut vault = unlock(dir, secrets)?;
            let saved = vault.portfolio_mut().add(draft);
            vault.lock()?;
            writeln!(crate::terminal::stdout(), "{}", saved?.id)?;
            Ok(())
        }
        PortfolioCommand::Edit { id, title, fields } => {
            let mut vault = unlock(dir, secrets)?;
            let item = vault.portfolio().resolve(&id)?.clone();
            let mut draft = item.content.clone();
            if let Some(t) = title {
                draft.title = t;
            }
            fields.apply(&mut draft)?;
            let saved = vault
                .portfolio_mut()
                .update(&item.id, draft)
                .map_err(dashed);
            vault.lock()?;
            saved?;
            writeln!(
                crate::terminal::stderr(),
                "Changed portfolio item {}.",
                short_id(&item.id)
            )?;
            Ok(())
        }
        PortfolioCommand::Delete { id } => {
            let mut vault = unlock(dir, secrets)?;
            let id = vault.portfolio().resolve(&id)?.id.clone();
            vault.portfolio_mut().delete(&id)?;
            vault.lock()?;
            writeln!(crate::terminal::stderr(), "Deleted portfolio item {id}.")?;
            Ok(())
        }
    }
}

/// The part's heading as the checklist prints it.
fn heading(part: PortfolioPart) -> &'static str {
    match part {
        PortfolioPart::Education => "Education",
        PortfolioPart::WorkExperience => "Work experience",
        PortfolioPart::Reference => "Reference ratings",
        PortfolioPart::Exam => "Exam",
        PortfolioPart::Membership => "Membership",
        PortfolioPart::CodeOfEthics => "Code of Ethics and Endorsement® Agreement",
    }
}

fn print_checklist(out: &mut impl Write, list: &Checklist) -> CliResult {
    match &list.category_name {
        Some(name) => writeln!(out, "Portfolio checklist: {name}")?,
        None => writeln!(
            out,
            "Portfolio checklist (no category chosen: `attune portfolio checklist --category ID`)"
        )?,
    }
    writeln!(out, "{}", list.not_checked)?;
    for p in &list.parts {
        writeln!(out)?;
        writeln!(out, "{}", heading(p.part))?;
        let asked = p
            .asked
            .text
            .as_deref()
            .unwrap_or("See your association's requirements for this category.");
        writeln!(out, "  Asked: {asked}")?;
        if p.items.is_empty() {
            writeln!(out, "  Nothing recorded yet.")?;
        }
        for i in &p.items {
            print_item(out, i)?;
        }
    }
    writeln!(out)?;
    let read = list.read.map(|d| d.to_string()).unwrap_or_default();
    writeln!(out, "Sources (read {read}):")?;
    for s in &list.sources {
        writeln!(out, "  {s}")?;
    }
    Ok(())
}

fn print_item(out: &mut impl Write, i: &PortfolioItem) -> CliResult {
    let c = &i.content;
    let mut line = format!(
        "  {}  {:<9}  {}",
        short_id(&i.id),
        c.status.as_str().replace('_', "-"),
        c.title
    );
    if let Some(d) = c.date {
        line.push_str(&format!(", {d}"));
    }
    if let Some(r) = c.rater_role {
        line.push_str(&format!(", {}", r.as_str().replace('_', "-")));
    }
    if let Some(m) = c.known_months {
        line.push_str(&format!(", known {m} months"));
    }
    writeln!(out, "{line}")?;
    Ok(())
}
