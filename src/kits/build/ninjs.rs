//! IPTC ninjs 3.1: one object per item and language (the standard's way with multilingual
//! items), all of an item's languages sharing its `uri`, a URN that stays the same in every
//! build: `urn:mediadesk:asset:<content hash>`, `urn:mediadesk:reportage:<uid>`. Renditions
//! are listed with `href` as a reference relative to the ninjs file, so the kit works wherever
//! it is unpacked: the one place the schema's `format: uri` (an annotation in Draft 2020-12)
//! is not met by an absolute URI. No private fields: the schema forbids them.

use serde_json::{json, Map, Value};

use super::content::{AssetItem, Content, ReportageItem};
use crate::catalog::Kind;

pub const SCHEMA_URI: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#";

/// A file of the kit a ninjs object lists.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRef {
    pub name: String,
    /// Under `data/`.
    pub path: String,
    pub content_type: String,
    pub size: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Where a ninjs object of `stem` in `lang` is written, under `data/`.
pub fn path(lang: &str, stem: &str) -> String {
    format!("ninjs/{}/{stem}.json", crate::kits::names::slug(lang, 16))
}

pub fn asset_uri(content_hash: &str) -> String {
    format!("urn:mediadesk:asset:{content_hash}")
}

fn renditions(files: &[FileRef]) -> Value {
    Value::Array(
        files
            .iter()
            .map(|f| {
                let mut r = Map::new();
                r.insert("name".into(), json!(f.name));
                r.insert("href".into(), json!(format!("../../{}", f.path)));
                r.insert("contentType".into(), json!(f.content_type));
                r.insert("sizeInBytes".into(), json!(f.size));
                if let (Some(w), Some(h)) = (f.width, f.height) {
                    r.insert("width".into(), json!(w));
                    r.insert("height".into(), json!(h));
                }
                Value::Object(r)
            })
            .collect(),
    )
}

fn text_list(role: &str, value: Option<&String>) -> Option<Value> {
    value.filter(|v| !v.trim().is_empty()).map(|v| json!([{ "role": role, "contentType": "text/plain", "value": v }]))
}

fn put(object: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        object.insert(key.into(), v);
    }
}

fn string(value: Option<&String>) -> Option<Value> {
    value.filter(|v| !v.trim().is_empty()).map(|v| json!(v))
}

fn common(uri: String, kind: &str, lang: &str, c: &Content) -> Map<String, Value> {
    let mut o = Map::new();
    o.insert("uri".into(), json!(uri));
    o.insert("standard".into(), json!({ "name": "ninjs", "version": "3.1", "schema": SCHEMA_URI }));
    o.insert("type".into(), json!(kind));
    o.insert("representationType".into(), json!("full"));
    o.insert("pubStatus".into(), json!("usable"));
    o.insert("language".into(), json!(lang));
    o.insert("profile".into(), json!(c.profile.name));
    o
}

/// A photo, film or sound in `lang`, with its renditions.
pub fn asset(c: &Content, item: &AssetItem, lang: &str, files: &[FileRef], times: &Times) -> Value {
    let a = &item.asset;
    let kind = match a.kind {
        Kind::Photo => "picture",
        Kind::Video => "video",
        Kind::Audio => "audio",
    };
    let mut o = common(asset_uri(&a.content_hash), kind, lang, c);
    put(&mut o, "firstCreated", times.first_created.clone().map(Value::from));
    put(&mut o, "versionCreated", times.version_created.clone().map(Value::from));
    put(&mut o, "contentCreated", times.content_created.clone().map(Value::from));
    put(&mut o, "embargoedUntil", times.embargoed_until.clone().map(Value::from));
    put(&mut o, "slugline", Some(json!(item.slug)));
    put(&mut o, "headlines", text_list("main", a.headlines.get(lang)));
    let mut descriptions = Vec::new();
    if let Some(caption) = a.captions.get(lang).filter(|t| !t.trim().is_empty()) {
        descriptions.push(json!({ "role": "caption", "contentType": "text/plain", "value": caption }));
    }
    if c.profile.texts.alt_text {
        if let Some(alt) = super::alt_text(a, lang) {
            descriptions.push(json!({ "role": "alt-text", "contentType": "text/plain", "value": alt }));
        }
    }
    if !descriptions.is_empty() {
        o.insert("descriptions".into(), Value::Array(descriptions));
    }
    put(&mut o, "by", string(a.creator.as_ref()));
    put(&mut o, "copyrightHolder", string(a.licensor.as_ref().or(a.creator.as_ref())));
    put(&mut o, "copyrightNotice", string(a.copyright.as_ref()));
    put(&mut o, "usageTerms", string(a.usage_terms_by_lang.get(lang).or(a.usage_terms.as_ref())));
    let located: Vec<&str> = [&a.city, &a.province, &a.country].into_iter().flatten().map(String::as_str).collect();
    if !located.is_empty() {
        o.insert("located".into(), json!(located.join(", ")));
    }
    let sources: Vec<Value> = [("credit", &a.credit), ("source", &a.source)]
        .into_iter()
        .filter_map(|(role, v)| v.as_ref().filter(|v| !v.trim().is_empty()).map(|v| json!({ "name": v, "role": role })))
        .collect();
    if !sources.is_empty() {
        o.insert("infoSources".into(), Value::Array(sources));
    }
    if !a.persons.is_empty() {
        o.insert("people".into(), a.persons.iter().map(|p| json!({ "name": p, "rel": "depicted" })).collect());
    }
    if c.profile.metadata.keywords && !a.keywords.is_empty() {
        o.insert("subjects".into(), a.keywords.iter().map(|k| json!({ "name": k })).collect());
    }
    if !files.is_empty() {
        o.insert("renditions".into(), renditions(files));
    }
    Value::Object(o)
}

/// The times a ninjs object states, as RFC 3339 date-times.
#[derive(Debug, Clone, Default)]
pub struct Times {
    pub first_created: Option<String>,
    pub version_created: Option<String>,
    pub content_created: Option<String>,
    pub embargoed_until: Option<String>,
}

/// A reportage in `lang`: its article (headline, standfirst, body as text), the files of it,
/// and its items in the kit as associations.
pub fn reportage(c: &Content, item: &ReportageItem, lang: &str, files: &[FileRef], times: &Times) -> Value {
    let r = &item.reportage;
    let mut o = common(format!("urn:mediadesk:reportage:{}", item.uid), "text", lang, c);
    put(&mut o, "firstCreated", times.first_created.clone().map(Value::from));
    put(&mut o, "versionCreated", times.version_created.clone().map(Value::from));
    put(&mut o, "embargoedUntil", times.embargoed_until.clone().map(Value::from));
    put(&mut o, "slugline", Some(json!(item.slug)));
    put(&mut o, "headlines", text_list("main", r.headline.get(lang)));
    put(&mut o, "descriptions", text_list("summary", r.standfirst.get(lang)));
    if let Some(body) = r.body.get(lang).filter(|b| !b.trim().is_empty()) {
        let text = super::texts::txt(&super::texts::Article {
            lang,
            slug: None,
            headline: None,
            standfirst: None,
            body: Some(body),
            byline: None,
            dateline: None,
        });
        let words = text.split_whitespace().count();
        o.insert(
            "bodies".into(),
            json!([{ "role": "main", "contentType": "text/plain", "charCount": text.chars().count(), "wordCount": words, "value": text }]),
        );
    }
    put(&mut o, "by", string(r.byline.as_ref()));
    put(&mut o, "located", string(r.dateline.as_ref()));
    let associations: Vec<Value> = item
        .assets
        .iter()
        .filter_map(|id| c.asset(*id))
        .enumerate()
        .map(|(i, a)| {
            let kind = match a.asset.kind {
                Kind::Photo => "picture",
                Kind::Video => "video",
                Kind::Audio => "audio",
            };
            json!({ "name": format!("item-{}", i + 1), "rel": "component", "uri": asset_uri(&a.asset.content_hash), "type": kind })
        })
        .collect();
    if !associations.is_empty() {
        o.insert("associations".into(), Value::Array(associations));
    }
    if !files.is_empty() {
        o.insert("renditions".into(), renditions(files));
    }
    Value::Object(o)
}
