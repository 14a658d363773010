//! schema.org JSON-LD of each page: `NewsArticle` for a reportage, `ImageObject` (creator,
//! creditText, copyrightNotice, license) for a photo, `VideoObject` for a film, and what the
//! kit's other pages are. Addresses are relative to the page offline, absolute on the web.

use serde_json::{json, Value};

use super::pages::{poster_path, Ctx};
use super::text::{body_text, texts};
use crate::catalog::Kind;
use crate::kits::build::content::{AssetItem, ReportageItem};
use crate::kits::contacts::Contact;

/// The JSON as a `<script>`'s content: `<`, `>` and `&` escaped, so no text in it can end the
/// script or open markup.
pub fn script(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

fn with_context(mut v: Value) -> Value {
    if let Some(map) = v.as_object_mut() {
        map.insert("@context".into(), json!("https://schema.org"));
    }
    v
}

fn first(ctx: &Ctx, map: &std::collections::BTreeMap<String, String>) -> Option<String> {
    texts(map, ctx.lang, false).into_iter().next().map(|s| s.text)
}

fn people(names: Option<&str>) -> Vec<Value> {
    names
        .into_iter()
        .flat_map(|n| n.split("; "))
        .filter(|n| !n.trim().is_empty())
        .map(|n| json!({"@type": "Person", "name": n.trim()}))
        .collect()
}

/// What the picture's or film's licence is: the rights statement's address, else its terms.
fn license(ctx: &Ctx, item: &AssetItem) -> Value {
    let a = &item.asset;
    if let Some(w) = &a.web_statement {
        return json!(w);
    }
    let terms = first(ctx, &a.usage_terms_by_lang).or_else(|| a.usage_terms.clone());
    let text = terms
        .or_else(|| {
            let c = a.copyright.as_deref()?.trim();
            Some(if c.starts_with('©') {
                format!("{c}. All rights reserved.")
            } else {
                format!("© {c}. All rights reserved.")
            })
        })
        .unwrap_or_else(|| "All rights reserved.".into());
    json!({"@type": "CreativeWork", "name": text})
}

fn place(item: &AssetItem) -> Option<Value> {
    let a = &item.asset;
    let parts: Vec<&str> =
        [&a.location, &a.city, &a.province, &a.country].into_iter().flatten().map(String::as_str).collect();
    (!parts.is_empty()).then(|| json!({"@type": "Place", "name": parts.join(", ")}))
}

fn iso_duration(seconds: f64) -> String {
    let ms = (seconds * 1000.0).round() as u64;
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if frac > 0 {
        out.push_str(&format!("{s}.{frac:03}S"));
    } else {
        out.push_str(&format!("{s}S"));
    }
    out
}

/// A photo or film as an object of schema.org, its addresses as page `page` writes them.
pub fn media(ctx: &Ctx, page: &str, item: &AssetItem) -> Option<Value> {
    let a = &item.asset;
    let url = |path: &str| ctx.url(page, path);
    let credit: Vec<String> = [&a.creator, &a.credit].into_iter().flatten().cloned().collect();
    let mut v = json!({
        "name": ctx_headline(ctx, item),
        "caption": first(ctx, &a.captions),
        "description": first(ctx, &a.captions),
        "inLanguage": ctx.lang,
        "url": url(&ctx.layout.path(ctx.lang, &item.stem)),
        "creator": people(a.creator.as_deref().or(a.credit.as_deref())),
        "creditText": credit.join(" / "),
        "copyrightNotice": a.copyright.clone().or_else(|| a.credit.clone()),
        "license": license(ctx, item),
        "acquireLicensePage": a.web_statement,
        "dateCreated": a.captured_at,
        "contentLocation": place(item),
        "keywords": a.keywords.join(", "),
    });
    let map = v.as_object_mut()?;
    if a.kind == Kind::Video {
        let film = ctx.film_file(item)?;
        map.insert("@type".into(), json!("VideoObject"));
        map.insert("contentUrl".into(), json!(url(&film.path)));
        map.insert("encodingFormat".into(), json!("video/mp4"));
        map.insert("width".into(), json!(film.width));
        map.insert("height".into(), json!(film.height));
        map.insert("duration".into(), json!(a.duration_s.map(iso_duration)));
        map.insert("uploadDate".into(), json!(a.added_at.get(..10)));
        map.insert("thumbnailUrl".into(), json!(poster_path(item).map(|p| url(&p))));
        let captions: Vec<Value> = ctx
            .tracks(item)
            .iter()
            .map(|(l, p)| json!({"@type": "MediaObject", "contentUrl": url(p), "encodingFormat": "text/vtt", "inLanguage": l}))
            .collect();
        map.insert("caption".into(), json!(captions));
    } else {
        let (full, _, thumb) = ctx.photo_set(item)?;
        map.insert("@type".into(), json!("ImageObject"));
        map.insert("contentUrl".into(), json!(url(&full.path)));
        map.insert("thumbnailUrl".into(), json!(url(&thumb.path)));
        map.insert("encodingFormat".into(), json!("image/jpeg"));
        map.insert("width".into(), json!(full.width));
        map.insert("height".into(), json!(full.height));
    }
    map.retain(|_, v| !(v.is_null() || v == "" || v.as_array().is_some_and(Vec::is_empty)));
    Some(v)
}

fn ctx_headline(ctx: &Ctx, item: &AssetItem) -> Option<String> {
    first(ctx, &item.asset.headlines).or_else(|| first(ctx, &item.asset.titles))
}

pub fn item(ctx: &Ctx, item: &AssetItem) -> Value {
    with_context(media(ctx, &item.stem, item).unwrap_or_else(|| json!({"@type": "WebPage"})))
}

pub fn article(ctx: &Ctx, r: &ReportageItem) -> Value {
    let rep = &r.reportage;
    let items: Vec<&AssetItem> = r.assets.iter().filter_map(|id| ctx.c.asset(*id)).collect();
    let of = |kind: Kind| -> Vec<Value> {
        items
            .iter()
            .filter(|i| (i.asset.kind == Kind::Video) == (kind == Kind::Video))
            .filter_map(|i| media(ctx, &r.stem, i))
            .collect()
    };
    let mut v = json!({
        "@type": "NewsArticle",
        "headline": first(ctx, &rep.headline),
        "description": first(ctx, &rep.standfirst),
        "articleBody": first(ctx, &rep.body).map(|b| body_text(&b)),
        "inLanguage": ctx.lang,
        "author": people(rep.byline.as_deref()),
        "dateCreated": rep.created_at,
        "dateModified": rep.updated_at,
        "datePublished": ctx.c.kit.deliver_at,
        "dateline": rep.dateline,
        "image": of(Kind::Photo),
        "video": of(Kind::Video),
        "url": ctx.url(&r.stem, &ctx.layout.path(ctx.lang, &r.stem)),
        "identifier": format!("urn:mediadesk:reportage:{}", r.uid),
    });
    if let Some(map) = v.as_object_mut() {
        map.retain(|_, v| !(v.is_null() || v.as_array().is_some_and(Vec::is_empty)));
    }
    with_context(v)
}

pub fn home(ctx: &Ctx, title: &str) -> Value {
    let parts: Vec<Value> = ctx
        .c
        .reportages
        .iter()
        .map(|r| {
            json!({"@type": "NewsArticle", "headline": first(ctx, &r.reportage.headline),
                        "url": ctx.url("index", &ctx.layout.path(ctx.lang, &r.stem))})
        })
        .collect();
    with_context(json!({"@type": "CollectionPage", "name": title, "inLanguage": ctx.lang, "hasPart": parts}))
}

pub fn facts(ctx: &Ctx) -> Value {
    with_context(json!({
        "@type": "AboutPage",
        "inLanguage": ctx.lang,
        "about": {"@type": "AdministrativeArea", "name": "Đồng Nai",
                  "containedInPlace": {"@type": "Country", "name": "Việt Nam", "identifier": "VN"}},
    }))
}

pub fn contacts(ctx: &Ctx, contacts: &[Contact]) -> Value {
    let people: Vec<Value> = contacts
        .iter()
        .map(|c| {
            let mut v = json!({"@type": "Person", "name": c.name, "jobTitle": c.title, "email": c.email,
                               "telephone": c.phone, "url": c.url, "knowsLanguage": c.languages,
                               "worksFor": c.organisation.as_ref().map(|o| json!({"@type": "Organization", "name": o}))});
            if let Some(map) = v.as_object_mut() {
                map.retain(|_, v| !(v.is_null() || v.as_array().is_some_and(Vec::is_empty)));
            }
            v
        })
        .collect();
    with_context(json!({"@type": "ContactPage", "inLanguage": ctx.lang, "mainEntity": people}))
}

pub fn page(ctx: &Ctx, _page: &str, title: &str) -> Value {
    with_context(json!({"@type": "WebPage", "name": title, "inLanguage": ctx.lang}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(65.0), "PT1M5S");
        assert_eq!(iso_duration(3723.25), "PT1H2M3.250S");
        assert_eq!(iso_duration(4.0), "PT4S");
    }

    #[test]
    fn no_text_ends_the_script() {
        let s = script(&json!({"headline": "</script><b>&"}));
        assert!(!s.contains('<') && !s.contains('&'), "{s}");
        assert_eq!(serde_json::from_str::<Value>(&s).expect("JSON"), json!({"headline": "</script><b>&"}));
    }
}
