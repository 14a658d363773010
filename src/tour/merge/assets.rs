//! An asset both sides hold, merged field by field: every field of its record (captions and
//! localized texts in every language either side has), its subtitle tracks and its shot list.

use rusqlite::Connection;
use serde_json::Value;

use super::three_way::{self, Merged};
use super::Run;
use crate::catalog::edits::{self, current};
use crate::catalog::fields::{Edit, Localized};
use crate::catalog::Classification;
use crate::error::{Error, Result};
use crate::taxonomy::Facet;

/// The fields of a record a merge compares, each as an edit that would set it.
fn fixed() -> Vec<Edit> {
    let mut all = vec![
        Edit::Headline { value: None },
        Edit::Title { value: None },
        Edit::Keywords { value: Vec::new() },
        Edit::Creator { value: None },
        Edit::Credit { value: None },
        Edit::Copyright { value: None },
        Edit::City { value: None },
        Edit::Province { value: None },
        Edit::Location { value: None },
        Edit::Country { value: None },
        Edit::UsageTerms { value: None },
        Edit::Source { value: None },
        Edit::SourceType { value: None },
        Edit::Licensor { value: None },
        Edit::WebStatement { value: None },
        Edit::Instructions { value: None },
        Edit::ModelRelease { value: None },
        Edit::PropertyRelease { value: None },
        Edit::Territories { value: Vec::new() },
        Edit::RightsExpire { value: None },
        Edit::Persons { value: Vec::new() },
        Edit::Focus { value: None },
        Edit::Classification { value: Classification::Public },
        Edit::EmbargoUntil { value: None },
        Edit::Rating { value: 0 },
        Edit::Label { value: None },
    ];
    all.extend(Facet::ALL.map(|facet| Edit::Facet { facet, value: Vec::new() }));
    all
}

/// The per-language fields any side has for the asset.
fn languages(sides: &[(&Connection, i64)]) -> Result<Vec<Edit>> {
    let mut out: Vec<Edit> = Vec::new();
    for (conn, id) in sides {
        let captions = conn
            .prepare_cached("SELECT lang FROM captions WHERE asset_id = ?1 ORDER BY lang")?
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(captions.into_iter().map(|lang| Edit::Caption { lang, value: None }));
        let texts = conn
            .prepare_cached("SELECT field, lang FROM asset_texts WHERE asset_id = ?1 ORDER BY field, lang")?
            .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (field, lang) in texts {
            let name = match field.as_str() {
                "headline" => Localized::Headline,
                "title" => Localized::Title,
                _ => Localized::UsageTerms,
            };
            out.push(Edit::Localized { name, lang, value: None });
        }
    }
    let mut seen = Vec::new();
    out.retain(|e| {
        let field = e.field();
        !seen.contains(&field) && {
            seen.push(field);
            true
        }
    });
    Ok(out)
}

/// `template`'s field set to `value`.
pub(crate) fn with_value(template: &Edit, value: Value) -> Result<Edit> {
    let mut json = serde_json::to_value(template).map_err(|e| Error::InvalidInput(e.to_string()))?;
    json["value"] = value;
    serde_json::from_value(json)
        .map_err(|e| Error::InvalidInput(format!("{} cannot take that value: {e}", template.field())))
}

/// The edit that sets the field the conflict list names (`caption:en`, `themes`, `rating`).
pub(crate) fn template(field: &str) -> Result<Edit> {
    if let Some(lang) = field.strip_prefix("caption:") {
        return Ok(Edit::Caption { lang: lang.into(), value: None });
    }
    if let Some(facet) = Facet::ALL.into_iter().find(|f| f.plural() == field) {
        return Ok(Edit::Facet { facet, value: Vec::new() });
    }
    fixed()
        .into_iter()
        .find(|e| e.field() == field)
        .or_else(|| {
            let (name, lang) = field.split_once(':')?;
            let name = [Localized::Headline, Localized::Title, Localized::UsageTerms]
                .into_iter()
                .find(|n| n.code() == name)?;
            Some(Edit::Localized { name, lang: lang.into(), value: None })
        })
        .ok_or_else(|| Error::InvalidInput(format!("an asset has no field {field:?}")))
}

/// Whether the field holds a list, merged by element.
pub(crate) fn is_list(edit: &Edit) -> bool {
    matches!(edit, Edit::Keywords { .. } | Edit::Persons { .. } | Edit::Facet { .. })
}

fn as_list(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

pub(super) fn merge(run: &mut Run, home: i64, tour: i64, base: Option<i64>) -> Result<()> {
    let mut sides = vec![(run.home, home), (run.tour, tour)];
    if let Some(b) = base {
        sides.push((run.base, b));
    }
    let item = home.to_string();
    for t in fixed().into_iter().chain(languages(&sides)?) {
        let ours = current(run.home, home, &t)?.value();
        let theirs = current(run.tour, tour, &t)?.value();
        let before = base.map(|b| current(run.base, b, &t)).transpose()?.map(|e| e.value());
        let merged = match &t {
            // Raised on either side, it stays raised: nothing a merge does lowers it.
            Edit::Classification { .. } => {
                let level = |v: &Value| v.as_str().and_then(|s| s.parse::<Classification>().ok());
                if level(&theirs) > level(&ours) {
                    Merged::Take(theirs.clone())
                } else {
                    Merged::Ours
                }
            }
            t if is_list(t) => three_way::list(before.as_ref().map(as_list), as_list(&ours), as_list(&theirs)),
            _ => three_way::scalar(before.as_ref(), &ours, &theirs),
        };
        match merged {
            Merged::Ours => {}
            Merged::Take(value) => {
                let edit = with_value(&t, value)?;
                let change = run.change()?;
                if edits::merged(run.home, change, home, &edit, run.merger(), run.now)? {
                    run.updated.insert(item.clone());
                }
            }
            Merged::Conflict | Merged::Partly(_) => {
                let field = t.field();
                let ours_by = edits::last_edit(run.home, home, &field)?;
                let theirs_by = edits::last_edit(run.tour, tour, &field)?;
                let ours = match merged {
                    Merged::Partly(value) => {
                        let edit = with_value(&t, value.clone())?;
                        let change = run.change()?;
                        edits::merged(run.home, change, home, &edit, run.merger(), run.now)?;
                        run.updated.insert(item.clone());
                        value
                    }
                    _ => ours,
                };
                run.conflict(&item, &field, ours, theirs, ours_by, theirs_by);
            }
        }
    }
    super::film::merge(run, home, tour, base)
}
