//! Translation status through the library: setting it (approval guarded by the checks), its
//! history, and the board.

use super::{
    history, matrix, reconcile, record, source_hash, text_of, Change, HistoryEntry, Item, Matrix, MatrixFilter, Part,
    Status, Translation, SOURCE_LANGUAGE,
};
use crate::error::{Error, Result};
use crate::subtitles::{language_tag, DEFAULT_PROFILE};
use crate::Library;

impl Library {
    /// Changes the status (and assignee, due date) of one part of an item in one language.
    /// A subtitle track is approved only when the checks find no errors in it, unless the
    /// change carries an override reason.
    pub fn set_translation(
        &mut self,
        item: &str,
        part: Part,
        lang: &str,
        change: &Change,
        actor: &str,
    ) -> Result<Translation> {
        let item = self.translation_item(item)?;
        if !part.belongs_to(item) {
            return Err(Error::InvalidInput(format!("a {} has no {} to translate", item.kind(), part.name())));
        }
        let lang = language_tag(lang)?;
        if change.status == Some(Status::Approved) {
            self.may_approve(item, part, &lang, change)?;
        }
        let source = if lang == SOURCE_LANGUAGE { None } else { source_hash(self.conn(), item, part)? };
        let now = self.now();
        let tx = self.conn_mut().transaction()?;
        let translation = record(&tx, (item, part, &lang), change, source.as_deref(), actor, &now)?;
        tx.commit()?;
        Ok(translation)
    }

    /// The item a person names: `r:N` for a reportage, else an asset's id or file path.
    pub fn translation_item(&self, reference: &str) -> Result<Item> {
        match Item::reportage_reference(reference) {
            Some(id) => {
                self.reportage(id)?;
                Ok(Item::Reportage(id))
            }
            None => Ok(Item::Asset(self.find_asset(reference)?.id)),
        }
    }

    fn may_approve(&self, item: Item, part: Part, lang: &str, change: &Change) -> Result<()> {
        let overridden = change.override_reason.as_deref().is_some_and(|r| !r.trim().is_empty());
        let asset = item.id();
        match part {
            Part::Subtitles => {
                let report = self.check_subtitles(&asset.to_string(), lang, DEFAULT_PROFILE)?;
                if report.errors > 0 && !overridden {
                    let mut rules: Vec<String> = report
                        .findings
                        .iter()
                        .filter(|f| f.severity == crate::subtitles::Severity::Error)
                        .filter_map(|f| serde_json::to_value(f.rule).ok()?.as_str().map(str::to_owned))
                        .collect();
                    rules.dedup();
                    return Err(Error::InvalidInput(format!(
                        "cannot approve the {lang} subtitles of asset {asset}: the checks find {} error(s) ({}); \
                         fix them, or record an override with a reason",
                        report.errors,
                        rules.join(", ")
                    )));
                }
            }
            _ => {
                if text_of(self.conn(), item, part, lang)?.is_none_or(|t| t.trim().is_empty()) {
                    return Err(Error::InvalidInput(format!(
                        "{} {} has no {lang} {} to approve",
                        item.kind(),
                        item.reference(),
                        part.name()
                    )));
                }
            }
        }
        Ok(())
    }

    pub fn translation_history(&self, item: &str, part: Part, lang: &str) -> Result<Vec<HistoryEntry>> {
        let item = self.translation_item(item)?;
        history(self.conn(), item, part, &language_tag(lang)?)
    }

    /// The board: items × languages. Approved translations whose source changed since are
    /// sent back to review first.
    pub fn translation_matrix(&mut self, filter: &MatrixFilter, actor: &str) -> Result<Matrix> {
        let now = self.now();
        let tx = self.conn_mut().transaction()?;
        reconcile(&tx, actor, &now)?;
        tx.commit()?;
        let mut filter = filter.clone();
        if let Some(lang) = &filter.lang {
            filter.lang = Some(language_tag(lang)?);
        }
        matrix(self.conn(), &filter)
    }
}
