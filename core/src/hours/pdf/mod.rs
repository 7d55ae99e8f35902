//! The PDF summary an applicant attaches to an application or hands to a reviewer: totals,
//! per provider and per month, progress toward a rule set, every session with its
//! attestation status, and a verification section (fingerprint, signature lines).
//!
//! [`report`] says what the summary holds ([`requirement`] its progress section); [`typeset`] sets it on pages of the chosen
//! [`page`] size (fonts, line breaks, tables, page breaks) and knows nothing of hours.

mod application;
mod page;
mod report;
mod requirement;
mod typeset;

pub use self::application::{experiences_pdf, ExperiencesReport};
pub use self::page::PageSize;
pub use self::report::{summary_pdf, PdfReport};
