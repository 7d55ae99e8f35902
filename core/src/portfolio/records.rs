//! Portfolio items as records: how each is sealed (an entry, like a training entry), and
//! the use cases that write them.

use chrono::Utc;

use super::{Portfolio, PortfolioItem, PortfolioItemDraft};
use crate::error::{Error, Result};
use crate::record::entry::entry_record;
use crate::record::ids::new_record_id;
use crate::record::{kinds, Records};

entry_record!(PortfolioItem, PortfolioItemDraft, kinds::PORTFOLIO_ITEM);

/// The portfolio, for writing: see [`Vault::portfolio_mut`](crate::Vault::portfolio_mut).
#[derive(Debug)]
pub struct PortfolioRecords<'v> {
    portfolio: &'v mut Portfolio,
    records: Records<'v>,
}

impl<'v> PortfolioRecords<'v> {
    /// The portfolio and where its records are written (made by the vault).
    pub(crate) fn new(portfolio: &'v mut Portfolio, records: Records<'v>) -> Self {
        PortfolioRecords { portfolio, records }
    }

    /// Validates and saves a new item; returns it.
    pub fn add(&mut self, draft: PortfolioItemDraft) -> Result<PortfolioItem> {
        let now = Utc::now();
        let item = PortfolioItem {
            id: new_record_id()?,
            content: draft.validated()?,
            created_at: now,
            updated_at: now,
        };
        self.records.put(&item)?;
        self.portfolio.upsert(item.clone());
        Ok(item)
    }

    /// Replaces an item's content (exact id).
    pub fn update(&mut self, id: &str, draft: PortfolioItemDraft) -> Result<PortfolioItem> {
        let existing = self.portfolio.item(id).ok_or_else(|| not_found(id))?;
        let item = PortfolioItem {
            id: id.to_owned(),
            content: draft.validated()?,
            created_at: existing.created_at,
            updated_at: Utc::now(),
        };
        self.records.put(&item)?;
        self.portfolio.upsert(item.clone());
        Ok(item)
    }

    /// Deletes an item (exact id) and its key.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        if self.portfolio.item(id).is_none() || !self.records.delete(kinds::PORTFOLIO_ITEM, id)? {
            return Err(not_found(id));
        }
        self.portfolio.remove(id);
        Ok(())
    }
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        kind: "portfolio item",
        id: id.to_owned(),
    }
}
