//! Metadata templates, Photo Mechanic's stationery pads: a named set of field values with
//! variables (`{date}`, `{year}`, `{city}`, `{filename}`, `{creator}`, `{seq}`), applied at
//! ingest, to a selection or to a search result. A template fills empty fields only, or
//! overwrites them, as its author chose.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::fields::{AssetEdit, Edit, Label, Localized, Release, SourceType};
use super::Asset;
use crate::error::{Error, Result};
use crate::taxonomy::Facet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Only fields the asset has no value in.
    Fill,
    Overwrite,
}

/// A template as stored: its mode and its fields (field → value, as the JSON file has them).
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Template {
    pub name: String,
    pub mode: Mode,
    pub fields: BTreeMap<String, serde_json::Value>,
}

pub const VARIABLES: [&str; 6] = ["date", "year", "city", "filename", "creator", "seq"];

const TEXT_FIELDS: [&str; 13] = [
    "headline",
    "title",
    "usage_terms",
    "creator",
    "credit",
    "copyright",
    "city",
    "province",
    "location",
    "country",
    "source",
    "licensor",
    "instructions",
];
const OTHER_FIELDS: [&str; 13] = [
    "caption",
    "keywords",
    "add_keywords",
    "web_statement",
    "source_type",
    "model_release",
    "property_release",
    "territories",
    "rights_expire",
    "themes",
    "audiences",
    "lead_units",
    "channels",
];

fn known_fields() -> String {
    let mut all: Vec<&str> = TEXT_FIELDS.iter().chain(OTHER_FIELDS.iter()).copied().collect();
    all.extend(["rating", "label"]);
    format!("{} (headline, title, usage_terms and caption also as NAME:LANG)", all.join(", "))
}

impl Template {
    /// Reads a template from its JSON form, checking every field name, value and variable.
    pub fn parse(name: &str, json: &str) -> Result<Template> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::InvalidInput("a template needs a name".into()));
        }
        let bad = |why: String| Error::InvalidInput(format!("template {name:?}: {why}"));
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| bad(format!("not JSON: {e}")))?;
        let serde_json::Value::Object(object) = value else {
            return Err(bad("a template is a JSON object of field → value".into()));
        };
        let mut mode = Mode::Fill;
        let mut fields = BTreeMap::new();
        for (key, value) in object {
            if key == "mode" {
                mode = serde_json::from_value(value).map_err(|_| bad("mode is \"fill\" or \"overwrite\"".into()))?;
                continue;
            }
            fields.insert(key, value);
        }
        if fields.is_empty() {
            return Err(bad("it sets no field".into()));
        }
        let template = Template { name: name.to_owned(), mode, fields };
        // Every field must make an edit; variables are checked with stand-in values.
        let stand_in = |_: &str| Some("x".to_owned());
        for (field, value) in &template.fields {
            template.edit(field, value, &stand_in).map_err(|e| bad(e.to_string()))?;
        }
        Ok(template)
    }

    /// The edit one field makes, its variables replaced by `variable`.
    fn edit(&self, field: &str, value: &serde_json::Value, variable: &dyn Fn(&str) -> Option<String>) -> Result<Edit> {
        let text = |v: &serde_json::Value| -> Result<String> {
            let raw = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => return Err(Error::InvalidInput(format!("{field} takes a text"))),
            };
            substitute(&raw, field, variable)
        };
        let list = |v: &serde_json::Value| -> Result<Vec<String>> {
            match v {
                serde_json::Value::Array(items) => items.iter().map(text).collect(),
                other => {
                    Ok(text(other)?.split([',', ';']).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect())
                }
            }
        };
        let some = |v: &serde_json::Value| text(v).map(Some);
        let (name, lang) = match field.split_once(':') {
            Some((name, lang)) => (name, Some(lang.to_owned())),
            None => (field, None),
        };
        let localized = |n: Localized| -> Result<Edit> {
            Ok(Edit::Localized { name: n, lang: lang.clone().unwrap_or_else(|| "vi".into()), value: some(value)? })
        };
        Ok(match name {
            "headline" => localized(Localized::Headline)?,
            "title" => localized(Localized::Title)?,
            "usage_terms" => localized(Localized::UsageTerms)?,
            "caption" => Edit::Caption { lang: lang.unwrap_or_else(|| "vi".into()), value: some(value)? },
            _ if lang.is_some() => {
                return Err(Error::InvalidInput(format!("{name} has no languages: {field:?}")));
            }
            "keywords" => Edit::Keywords { value: list(value)? },
            "add_keywords" => Edit::AddKeywords { value: list(value)? },
            "creator" => Edit::Creator { value: some(value)? },
            "credit" => Edit::Credit { value: some(value)? },
            "copyright" => Edit::Copyright { value: some(value)? },
            "city" => Edit::City { value: some(value)? },
            "province" => Edit::Province { value: some(value)? },
            "location" => Edit::Location { value: some(value)? },
            "country" => Edit::Country { value: some(value)? },
            "source" => Edit::Source { value: some(value)? },
            "licensor" => Edit::Licensor { value: some(value)? },
            "instructions" => Edit::Instructions { value: some(value)? },
            "web_statement" => Edit::WebStatement { value: some(value)? },
            "rights_expire" => Edit::RightsExpire { value: some(value)? },
            "territories" => Edit::Territories { value: list(value)? },
            "source_type" => Edit::SourceType { value: Some(SourceType::parse(&text(value)?)?) },
            "model_release" => Edit::ModelRelease { value: Some(Release::parse(&text(value)?)?) },
            "property_release" => Edit::PropertyRelease { value: Some(Release::parse(&text(value)?)?) },
            "themes" => Edit::Facet { facet: Facet::Theme, value: list(value)? },
            "audiences" => Edit::Facet { facet: Facet::Audience, value: list(value)? },
            "lead_units" => Edit::Facet { facet: Facet::LeadUnit, value: list(value)? },
            "channels" => Edit::Facet { facet: Facet::Channel, value: list(value)? },
            "rating" => Edit::Rating {
                value: text(value)?
                    .trim()
                    .parse()
                    .map_err(|_| Error::InvalidInput("rating takes a number of stars, 0 to 5".into()))?,
            },
            "label" => Edit::Label { value: Some(Label::parse(&text(value)?)?) },
            "classification" | "embargo" | "embargo_until" => {
                return Err(Error::InvalidInput(format!(
                    "a template cannot set {name}: an editor sets it, item by item, and the audit log records why"
                )))
            }
            other => {
                return Err(Error::InvalidInput(format!("unknown field {other:?}; a template sets {}", known_fields())))
            }
        })
    }

    /// The edits the template makes to `assets` (in order: `{seq}` counts from 1). A variable
    /// an asset has no value for refuses the whole application, naming both.
    pub fn edits_for(&self, assets: &[Asset]) -> Result<Vec<AssetEdit>> {
        let mut edits = Vec::new();
        for (seq, asset) in assets.iter().enumerate() {
            let variable = |name: &str| -> Option<String> {
                match name {
                    "date" => asset.captured_at.as_ref().and_then(|d| d.get(0..10)).map(str::to_owned),
                    "year" => asset.captured_at.as_ref().and_then(|d| d.get(0..4)).map(str::to_owned),
                    "city" => asset.city.clone(),
                    "filename" => asset.filename.clone(),
                    "creator" => asset.creator.clone(),
                    "seq" => Some((seq + 1).to_string()),
                    _ => None,
                }
            };
            for (field, value) in &self.fields {
                // A field already filled is left alone before its variables are even asked for.
                let probe = self.edit(field, value, &|_| Some(String::new()))?;
                if self.mode == Mode::Fill && has_value(asset, &probe) {
                    continue;
                }
                let edit = self
                    .edit(field, value, &variable)
                    .map_err(|e| Error::InvalidInput(format!("template {:?} on asset {}: {e}", self.name, asset.id)))?;
                edits.push(AssetEdit { asset: asset.id, edit });
            }
        }
        Ok(edits)
    }
}

/// Replaces `{variable}`s in `raw`; `{{` and `}}` are literal braces.
fn substitute(raw: &str, field: &str, variable: &dyn Fn(&str) -> Option<String>) -> Result<String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('}') {
            return Err(Error::InvalidInput(format!("{field}: a lone }} (write }}}} for a brace)")));
        }
        let close = tail.find('}').ok_or_else(|| Error::InvalidInput(format!("{field}: {{ without its }}")))?;
        let name = tail[1..close].trim();
        if !VARIABLES.contains(&name) {
            return Err(Error::InvalidInput(format!(
                "{field}: unknown variable {{{name}}}; the variables are {}",
                VARIABLES.map(|v| format!("{{{v}}}")).join(", ")
            )));
        }
        let value = variable(name).ok_or_else(|| Error::InvalidInput(format!("{field}: no value for {{{name}}}")))?;
        out.push_str(&value);
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Whether the asset already has a value in the field `edit` sets (a fill leaves it).
fn has_value(a: &Asset, edit: &Edit) -> bool {
    let set = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    match edit {
        Edit::Headline { .. } => set(&a.headline),
        Edit::Title { .. } => set(&a.title),
        Edit::UsageTerms { .. } => set(&a.usage_terms),
        Edit::Localized { name, lang, .. } => {
            let lang = crate::probe::canonical_language(lang);
            match name {
                Localized::Headline => a.headlines.contains_key(&lang),
                Localized::Title => a.titles.contains_key(&lang),
                Localized::UsageTerms => a.usage_terms_by_lang.contains_key(&lang),
            }
        }
        Edit::Caption { lang, .. } => a.captions.contains_key(&crate::probe::canonical_language(lang)),
        Edit::Keywords { .. } => !a.keywords.is_empty(),
        Edit::AddKeywords { .. } | Edit::RemoveKeywords { .. } => false,
        Edit::Creator { .. } => set(&a.creator),
        Edit::Credit { .. } => set(&a.credit),
        Edit::Copyright { .. } => set(&a.copyright),
        Edit::City { .. } => set(&a.city),
        Edit::Province { .. } => set(&a.province),
        Edit::Location { .. } => set(&a.location),
        Edit::Country { .. } => set(&a.country),
        Edit::Source { .. } => set(&a.source),
        Edit::Licensor { .. } => set(&a.licensor),
        Edit::Instructions { .. } => set(&a.instructions),
        Edit::WebStatement { .. } => set(&a.web_statement),
        Edit::RightsExpire { .. } => set(&a.rights_expire),
        Edit::Territories { .. } => !a.territories.is_empty(),
        Edit::Persons { .. } => !a.persons.is_empty(),
        Edit::Focus { .. } => a.focus.is_some(),
        Edit::SourceType { .. } => a.source_type.is_some(),
        Edit::ModelRelease { .. } => a.model_release.is_some(),
        Edit::PropertyRelease { .. } => a.property_release.is_some(),
        Edit::Facet { facet, .. } => match facet {
            Facet::Theme => !a.themes.is_empty(),
            Facet::Audience => !a.audiences.is_empty(),
            Facet::LeadUnit => !a.lead_units.is_empty(),
            Facet::Channel => !a.channels.is_empty(),
        },
        Edit::Rating { .. } => a.rating > 0,
        Edit::Label { .. } => a.label.is_some(),
        Edit::Classification { .. } | Edit::EmbargoUntil { .. } => true,
    }
}

pub fn save(conn: &Connection, template: &Template, now: &str) -> Result<()> {
    let mut body = serde_json::Map::new();
    body.insert("mode".into(), serde_json::to_value(template.mode).unwrap_or_default());
    body.extend(template.fields.iter().map(|(k, v)| (k.clone(), v.clone())));
    conn.execute(
        "INSERT OR REPLACE INTO templates (name, body, updated_at) VALUES (?1, ?2, ?3)",
        params![template.name, serde_json::Value::Object(body).to_string(), now],
    )?;
    Ok(())
}

pub fn load(conn: &Connection, name: &str) -> Result<Template> {
    let body: Option<String> =
        conn.query_row("SELECT body FROM templates WHERE name = ?1", [name.trim()], |r| r.get(0)).optional()?;
    let body = body.ok_or_else(|| Error::NotFound(format!("no template {name:?} (see `mediadesk template list`)")))?;
    Template::parse(name, &body)
}

pub fn list(conn: &Connection) -> Result<Vec<Template>> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM templates ORDER BY name COLLATE NOCASE")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names.iter().map(|n| load(conn, n)).collect()
}

pub fn delete(conn: &Connection, name: &str) -> Result<()> {
    if conn.execute("DELETE FROM templates WHERE name = ?1", [name.trim()])? == 0 {
        return Err(Error::NotFound(format!("no template {name:?} (see `mediadesk template list`)")));
    }
    Ok(())
}

impl crate::Library {
    /// Checks and keeps a template (replacing one of the same name).
    pub fn save_template(&mut self, name: &str, json: &str) -> Result<Template> {
        let template = Template::parse(name, json)?;
        let now = self.now();
        self.in_safe_write("", |tx| save(tx, &template, &now))?;
        Ok(template)
    }

    pub fn templates(&self) -> Result<Vec<Template>> {
        list(self.conn())
    }

    pub fn delete_template(&mut self, name: &str) -> Result<()> {
        self.in_safe_write("", |tx| delete(tx, name))
    }

    /// Applies template `name` to `ids` (in that order, for `{seq}`) as one undoable change.
    pub fn apply_template(&mut self, name: &str, ids: &[i64], actor: &str) -> Result<Option<i64>> {
        let template = load(self.conn(), name)?;
        let assets: Vec<Asset> = ids.iter().map(|&id| self.asset(id)).collect::<Result<_>>()?;
        let edits = template.edits_for(&assets)?;
        self.edit(&edits, None, actor)
    }

    pub fn set_code(&mut self, code: &str, text: &str) -> Result<()> {
        self.in_safe_write("", |tx| super::codes::set(tx, code, text))
    }

    pub fn codes(&self) -> Result<Vec<super::codes::CodeReplacement>> {
        super::codes::list(self.conn())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_checked_when_saved() {
        let ok = r#"{"mode": "overwrite", "credit": "Báo Đồng Nai", "copyright": "© {year} Báo Đồng Nai",
                     "usage_terms:en": "Editorial use only", "themes": [4], "keywords": "OCOP; =dn="}"#;
        let t = Template::parse("Báo", ok).expect("valid");
        assert_eq!(t.mode, Mode::Overwrite);
        assert_eq!(t.fields.len(), 5);
        for (json, needle) in [
            (r#"{"credits": "x"}"#, "unknown field \"credits\""),
            (r#"{"copyright": "© {yr}"}"#, "unknown variable {yr}"),
            (r#"{"copyright": "© {year"}"#, "without its }"),
            (r#"{"classification": "public"}"#, "cannot set classification"),
            (r#"{"mode": "merge", "credit": "x"}"#, "mode is"),
            (r#"{"source_type": "friend"}"#, "unknown source type"),
            (r#"{"credit:en": "x"}"#, "has no languages"),
            (r#"[1, 2]"#, "JSON object"),
            (r#"{"credit": "x""#, "not JSON"),
        ] {
            let err = Template::parse("t", json).expect_err(json).to_string();
            assert!(err.contains(needle), "{json}: {err}");
        }
    }

    #[test]
    fn variables_are_filled_from_each_asset() {
        use crate::catalog::write::{add_file, insert_asset, Seen};
        use crate::catalog::{get, Classification, Content};
        let t = Template::parse("t", r#"{"title": "{date}-{seq} {filename}", "credit": "{{Báo}} {creator}"}"#)
            .expect("valid");
        let conn = crate::db::open_in_memory().expect("catalog");
        let mut info = crate::probe::PhotoInfo {
            captured: crate::probe::CaptureTime::from_iso("2026-11-30T08:00:00+07:00"),
            ..Default::default()
        };
        let hash = "ab".repeat(32);
        let id = insert_asset(&conn, &Content::photo(&hash, 1, &info), Classification::Internal, "t0").expect("insert");
        add_file(&conn, id, &Seen::plain(b"/x/IMG_1.jpg", "/x/IMG_1.jpg", 1, 0), "t0").expect("file");
        let err = t.edits_for(&[get(&conn, id).expect("get")]).expect_err("no creator").to_string();
        assert!(err.contains(&format!("asset {id}")) && err.contains("{creator}"), "{err}");
        info.creator = Some("Minh".into());
        crate::catalog::write::write_embedded(&conn, id, &Content::photo(&hash, 1, &info), "t1").expect("reread");
        let edits = t.edits_for(&[get(&conn, id).expect("get")]).expect("edits");
        let values: Vec<serde_json::Value> = edits.iter().map(|e| e.edit.value()).collect();
        assert_eq!(values, [serde_json::json!("{Báo} Minh"), serde_json::json!("2026-11-30-1 IMG_1.jpg")]);
    }
}
