//! Reportages through the library: every change is an editor's write (on disk before it
//! returns, translations of a changed source sent back to review, the audit head kept).

use std::path::Path;

use serde::Serialize;

use super::article::{self, Article};
use super::{get, list, Reportage, ReportageChange, ReportageSummary, Role};
use crate::catalog::{AssetSummary, SearchQuery};
use crate::error::{Error, Result};
use crate::Library;

/// An asset or a reportage, as a search over both returns them.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Found {
    Asset(AssetSummary),
    Reportage(ReportageSummary),
}

/// What an article import took in.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ArticleImport {
    pub reportage: Reportage,
    pub lang: String,
    /// The format read: docx, odt, md or txt; and for plain text its encoding.
    pub format: String,
    pub encoding: Option<String>,
    /// Pictures inside the document: not imported, listed so none is lost silently.
    pub images: Vec<String>,
    /// What was left out or changed on the way (comments dropped, tracked changes accepted).
    pub notes: Vec<String>,
}

impl Library {
    pub fn new_reportage(&mut self, headline: &str, lang: &str, actor: &str) -> Result<Reportage> {
        let now = self.now();
        let id = self.in_safe_write(actor, |tx| super::create(tx, headline, lang, &now))?;
        self.reportage(id)
    }

    pub fn reportage(&self, id: i64) -> Result<Reportage> {
        get(self.conn(), id)
    }

    /// The reportage a person names: `12`, `r:12` or `r12`.
    pub fn find_reportage(&self, reference: &str) -> Result<Reportage> {
        let id = crate::translation::Item::reportage_reference(reference)
            .or_else(|| reference.trim().parse().ok())
            .ok_or_else(|| Error::NotFound(format!("no reportage {reference:?} (name one as 12 or r:12)")))?;
        self.reportage(id)
    }

    pub fn reportages(&self) -> Result<Vec<ReportageSummary>> {
        list(self.conn())
    }

    pub fn set_reportage(&mut self, id: i64, change: &ReportageChange, actor: &str) -> Result<Reportage> {
        let (now, offset) = (self.now(), self.local_offset());
        self.in_safe_write(actor, |tx| super::set(tx, id, change, offset, actor, &now))?;
        self.reportage(id)
    }

    pub fn add_to_reportage(
        &mut self,
        id: i64,
        assets: &[i64],
        role: Role,
        at: Option<u32>,
        actor: &str,
    ) -> Result<Reportage> {
        let now = self.now();
        self.in_safe_write(actor, |tx| super::add_items(tx, id, assets, role, at, &now))?;
        self.reportage(id)
    }

    pub fn set_reportage_role(&mut self, id: i64, asset: i64, role: Role, actor: &str) -> Result<Reportage> {
        let now = self.now();
        self.in_safe_write(actor, |tx| super::set_role(tx, id, asset, role, &now))?;
        self.reportage(id)
    }

    pub fn remove_from_reportage(&mut self, id: i64, asset: i64, actor: &str) -> Result<Reportage> {
        let now = self.now();
        self.in_safe_write(actor, |tx| super::remove_item(tx, id, asset, &now))?;
        self.reportage(id)
    }

    pub fn order_reportage(&mut self, id: i64, order: &[i64], actor: &str) -> Result<Reportage> {
        let now = self.now();
        self.in_safe_write(actor, |tx| super::order_items(tx, id, order, &now))?;
        self.reportage(id)
    }

    /// Reads an article (.docx, .odt, .md, .txt) into a reportage's texts in `lang`: its
    /// title or first heading the headline, its first paragraph the standfirst when asked,
    /// the rest the body as Markdown. A file that cannot be read changes nothing.
    pub fn import_article(
        &mut self,
        id: i64,
        file: &Path,
        lang: &str,
        standfirst: bool,
        actor: &str,
    ) -> Result<ArticleImport> {
        self.reportage(id)?;
        let Article { headline, standfirst: lead, body, images, notes, format, encoding } =
            article::read(file, standfirst)?;
        let change = ReportageChange {
            lang: Some(lang.to_owned()),
            headline,
            standfirst: lead,
            body: Some(body),
            ..ReportageChange::default()
        };
        let reportage = self.set_reportage(id, &change, actor)?;
        Ok(ArticleImport {
            reportage,
            lang: crate::catalog::fields::language_tag(lang)?,
            format: format.to_owned(),
            encoding,
            images,
            notes,
        })
    }

    /// Assets and reportages matching `query`: reportages first (there are few), then assets.
    pub fn search_everything(&self, query: &SearchQuery) -> Result<Vec<Found>> {
        let mut found: Vec<Found> = super::search_ids(self.conn(), query)?
            .into_iter()
            .map(|id| self.reportage(id).map(|r| Found::Reportage(r.summary())))
            .collect::<Result<_>>()?;
        let assets = if query.text.trim().is_empty() { self.list(query)? } else { self.search(query)? };
        found.extend(assets.into_iter().map(Found::Asset));
        Ok(found)
    }

    pub fn search_reportages(&self, query: &SearchQuery) -> Result<Vec<ReportageSummary>> {
        super::search_ids(self.conn(), query)?.into_iter().map(|id| self.reportage(id).map(|r| r.summary())).collect()
    }
}
