//! What each page shows, in one language: the values its template is given.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::{json, Value};

use super::text::{body_html, size, texts, Say};
use super::{jsonld, vcard, Files, Layout};
use crate::catalog::Kind;
use crate::error::{Error, Result};
use crate::kits::build::content::{AssetItem, Content, ReportageItem};
use crate::kits::build::ninjs::FileRef;
use crate::translation::SOURCE_LANGUAGE;

const LABELS: &str = include_str!("../../../../assets/kits/site/labels.json");

fn all_labels() -> &'static Value {
    static PARSED: OnceLock<Value> = OnceLock::new();
    PARSED.get_or_init(|| serde_json::from_str(LABELS).expect("the site's labels are JSON"))
}

/// The labels of `lang` and the language they are in: its own, its script's, else English.
fn labels(lang: &str) -> (String, &'static Value) {
    let all = all_labels();
    let base = lang.split('-').next().unwrap_or(lang);
    let chinese = match lang {
        "zh-TW" | "zh-HK" | "zh-MO" => Some("zh-Hant"),
        _ if base == "zh" => Some("zh-Hans"),
        _ => None,
    };
    for candidate in [Some(lang), chinese, Some(base)].into_iter().flatten() {
        if let Some(l) = all.get(candidate).filter(|_| candidate != "province") {
            return (candidate.to_owned(), l);
        }
    }
    ("en".to_owned(), &all["en"])
}

/// A language's own name (한국어, Tiếng Việt), else its tag.
pub fn autonym(lang: &str) -> String {
    match labels(lang) {
        (l, v) if l == lang => v["language"].as_str().unwrap_or(lang).to_owned(),
        _ => lang.to_owned(),
    }
}

/// Where a film's poster frame goes in the payload.
pub fn poster_path(item: &AssetItem) -> Option<String> {
    (item.asset.kind == Kind::Video && item.poster.is_some()).then(|| format!("films/{}-poster.jpg", item.stem))
}

/// A file the downloads page lists.
pub struct Download {
    pub path: String,
    pub size: u64,
}

/// Every file of the payload but the site's own pages, by path.
pub fn downloads(data: &Path) -> Result<Vec<Download>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(data).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::InvalidInput(format!("listing {}: {e}", data.display())))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path().strip_prefix(data).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        if path.starts_with("site/") || path == "index.html" || path == "sitemap.xml" {
            continue;
        }
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(Download { path, size });
    }
    Ok(out)
}

/// Pages in one language.
pub struct Ctx<'a> {
    pub c: &'a Content,
    pub layout: &'a Layout<'a>,
    pub files: &'a Files,
    pub lang: &'a str,
    /// The labels' language (English where the kit's language has none).
    llang: String,
    l: &'static Value,
    beside: bool,
}

/// An image as a page shows it.
fn picture(f: &FileRef, src: String) -> Value {
    json!({"src": src, "width": f.width, "height": f.height})
}

impl<'a> Ctx<'a> {
    pub fn new(c: &'a Content, layout: &'a Layout<'a>, files: &'a Files, lang: &'a str) -> Ctx<'a> {
        let (llang, l) = labels(lang);
        let beside = c.kit.vietnamese_beside && lang != SOURCE_LANGUAGE;
        Ctx { c, layout, files, lang, llang, l, beside }
    }

    fn label(&self, key: &str) -> String {
        self.l[key].as_str().unwrap_or(key).to_owned()
    }

    fn path(&self, page: &str) -> String {
        self.layout.path(self.lang, page)
    }

    /// Every page of this language: (template, page name, its values).
    pub fn pages(&self, downloads: &[Download]) -> Result<Vec<(&'static str, String, Value)>> {
        let mut out = vec![("home.html", "index".to_owned(), self.home())];
        for r in &self.c.reportages {
            out.push(("reportage.html", r.stem.clone(), self.reportage(r)));
        }
        for item in &self.c.assets {
            out.push(("item.html", item.stem.clone(), self.item(item)));
        }
        out.push(("facts.html", "facts".into(), self.facts()));
        out.push(("contacts.html", "contacts".into(), self.contacts()));
        out.push(("downloads.html", "downloads".into(), self.downloads(downloads)));
        Ok(out)
    }

    /// The values every page has: its language, title, navigation, language switch, JSON-LD.
    fn base(&self, page: &str, title: &str, ld: Value, own: Value) -> Value {
        let from = self.path(page);
        let link = |to: &str| Layout::link(&from, to);
        let switch: Vec<Value> = self
            .c
            .languages
            .iter()
            .map(|l| {
                json!({"lang": l, "name": autonym(l), "current": l == self.lang,
                       "href": link(&self.layout.path(l, page))})
            })
            .collect();
        let mut alternates: Vec<Value> = Vec::new();
        if let Some(x_default) = self.layout.absolute(&self.layout.path(&self.layout.primary, page)) {
            for l in &self.c.languages {
                alternates.push(json!({"lang": l, "href": self.layout.absolute(&self.layout.path(l, page))}));
            }
            alternates.push(json!({"lang": "x-default", "href": x_default}));
        }
        let kit = &self.c.kit;
        let kit_title = kit.title.as_deref().map(|t| Say::untagged(t, self.lang));
        let mut footer = vec![Say::untagged(&kit.recipient, self.lang)];
        footer.extend(kit.outlet.as_deref().map(|o| Say::untagged(o, self.lang)));
        // Not the kit's number or version: the same items make the same pages in any kit.
        footer.push(Say::new("en", "Mediadesk"));
        let la = if self.llang == self.lang { String::new() } else { format!(" lang=\"{}\"", self.llang) };
        let mut value = json!({
            "lang": self.lang,
            "title": title,
            "la": la,
            "llang": self.llang,
            "l": self.l,
            "root": link(""),
            "links": {
                "home": link(&self.path("index")),
                "facts": link(&self.path("facts")),
                "contacts": link(&self.path("contacts")),
                "downloads": link(&self.path("downloads")),
            },
            "switch": switch,
            "alternates": alternates,
            "canonical": self.layout.absolute(&from),
            "kit_title": kit_title,
            "footer": footer,
            "jsonld": jsonld::script(&ld),
        });
        if let (Some(map), Value::Object(own)) = (value.as_object_mut(), own) {
            map.extend(own);
        }
        value
    }

    /// A payload path as this page's element or its JSON-LD names it: relative to the page
    /// offline, absolute on the web.
    pub fn url(&self, page: &str, path: &str) -> String {
        self.layout.absolute(path).unwrap_or_else(|| Layout::link(&self.path(page), path))
    }

    fn photo_files(&self, item: &AssetItem) -> Vec<&'a FileRef> {
        let mut photos: Vec<&FileRef> = self
            .files
            .get(&item.asset.id)
            .map(|f| f.iter().filter(|f| f.content_type == "image/jpeg").collect())
            .unwrap_or_default();
        photos.sort_by_key(|f| std::cmp::Reverse(f.width.unwrap_or(0).max(f.height.unwrap_or(0))));
        photos
    }

    /// A photo's (largest, shown, thumbnail): shown is the smallest at least 1000 pixels long.
    pub fn photo_set(&self, item: &AssetItem) -> Option<(&'a FileRef, &'a FileRef, &'a FileRef)> {
        let photos = self.photo_files(item);
        let (full, thumb) = (*photos.first()?, *photos.last()?);
        let long = |f: &FileRef| f.width.unwrap_or(0).max(f.height.unwrap_or(0));
        let shown = photos.iter().rev().find(|f| long(f) >= 1000).copied().unwrap_or(full);
        Some((full, shown, thumb))
    }

    pub fn film_file(&self, item: &AssetItem) -> Option<&'a FileRef> {
        self.files.get(&item.asset.id)?.iter().find(|f| f.content_type == "video/mp4")
    }

    /// The film's WebVTT tracks: (language, payload path).
    pub fn tracks(&self, item: &AssetItem) -> Vec<(String, String)> {
        let Some(files) = self.files.get(&item.asset.id) else {
            return Vec::new();
        };
        item.subtitles
            .iter()
            .map(|(l, _)| (l.clone(), crate::kits::build::film::sidecar_path(item, l, "vtt")))
            .filter(|(_, p)| files.iter().any(|f| &f.path == p))
            .collect()
    }

    fn alt(&self, item: &AssetItem) -> Say {
        let a = &item.asset;
        for l in [self.lang, SOURCE_LANGUAGE] {
            if let Some(t) = crate::kits::build::alt_text(a, l) {
                return Say::new(l, &t);
            }
        }
        Say::new(self.lang, "")
    }

    fn headline(&self, item: &AssetItem) -> Option<Say> {
        let a = &item.asset;
        texts(&a.headlines, self.lang, false)
            .into_iter()
            .next()
            .or_else(|| texts(&a.titles, self.lang, false).into_iter().next())
    }

    fn card(&self, from: &str, item: &AssetItem) -> Value {
        let page = self.path(from);
        let link = |to: &str| Layout::link(&page, to);
        let thumb = match item.asset.kind {
            Kind::Video => poster_path(item).map(|p| {
                let (w, h) = poster_size(item);
                json!({"src": link(&p), "width": w, "height": h})
            }),
            _ => self.photo_set(item).map(|(_, _, t)| picture(t, link(&t.path))),
        };
        let headline = self.headline(item).unwrap_or_else(|| Say::new("en", &item.stem));
        json!({
            "href": link(&self.path(&item.stem)),
            "kind": if item.asset.kind == Kind::Video { "video" } else { "photo" },
            "thumb": thumb,
            "alt": self.alt(item),
            "headline": headline,
            "duration": item.asset.duration_s.map(clock),
        })
    }

    fn story_items(&self, r: &ReportageItem) -> Vec<&'a AssetItem> {
        r.assets.iter().filter_map(|id| self.c.asset(*id)).collect()
    }

    fn home(&self) -> Value {
        let c = self.c;
        let reportages: Vec<Value> = c
            .reportages
            .iter()
            .map(|r| {
                let rep = &r.reportage;
                let lead = self.story_items(r).into_iter().find_map(|i| self.photo_set(i).map(|s| (i, s.1)));
                json!({
                    "href": Layout::link(&self.path("index"), &self.path(&r.stem)),
                    "headline": texts(&rep.headline, self.lang, false).into_iter().next()
                        .unwrap_or_else(|| Say::new("en", &r.stem)),
                    "standfirst": texts(&rep.standfirst, self.lang, self.beside),
                    "lead": lead.map(|(_, f)| picture(f, self.url("index", &f.path))),
                    "lead_alt": lead.map(|(i, _)| self.alt(i)),
                })
            })
            .collect();
        let loose: Vec<Value> = c.assets.iter().filter(|a| a.via.is_none()).map(|a| self.card("index", a)).collect();
        let title = c.kit.title.clone().unwrap_or_else(|| self.label("press_kit"));
        let heading = c
            .kit
            .title
            .as_deref()
            .map(|t| Say::untagged(t, self.lang))
            .unwrap_or_else(|| Say::new(&self.llang, &self.label("press_kit")));
        let ld = jsonld::home(self, &title);
        self.base(
            "index",
            &title,
            ld,
            json!({
                "heading": heading,
                "recipient": c.kit.recipient,
                // The delivery time the kit names; "now" would make each rebuild differ.
                "delivered": c.kit.deliver_at.as_deref().and_then(|t| t.get(..10)),
                "reportages": reportages,
                "items": loose,
            }),
        )
    }

    fn reportage(&self, r: &ReportageItem) -> Value {
        let rep = &r.reportage;
        let headline = texts(&rep.headline, self.lang, self.beside);
        let mut bodies = Vec::new();
        for say in texts(&rep.body, self.lang, self.beside) {
            bodies.push(json!({"lang": say.lang, "html": body_html(&say.text)}));
        }
        let byline: Vec<&str> = [rep.byline.as_deref(), rep.dateline.as_deref()].into_iter().flatten().collect();
        let items: Vec<Value> = self.story_items(r).iter().map(|i| self.card(&r.stem, i)).collect();
        let title = headline.first().map(|s| s.text.clone()).unwrap_or_else(|| r.stem.clone());
        let ld = jsonld::article(self, r);
        self.base(
            &r.stem,
            &title,
            ld,
            json!({
                "headline": headline,
                "byline": Some(byline.join(" · ")).filter(|b| !b.is_empty()).map(|b| Say::untagged(&b, SOURCE_LANGUAGE)),
                "standfirst": texts(&rep.standfirst, self.lang, self.beside),
                "bodies": bodies,
                "items": items,
            }),
        )
    }

    fn item(&self, item: &AssetItem) -> Value {
        let a = &item.asset;
        let page = item.stem.as_str();
        let link = |to: &str| Layout::link(&self.path(page), to);
        let mut headline = texts(&a.headlines, self.lang, self.beside);
        if headline.is_empty() {
            headline = texts(&a.titles, self.lang, self.beside);
        }
        let mut downloads = Vec::new();
        let pixels = |f: &FileRef| match (f.width, f.height) {
            (Some(w), Some(h)) => format!("{w}×{h} {}, {}", self.label("pixels"), size(f.size)),
            _ => size(f.size),
        };
        let photos = self.photo_set(item);
        let image = photos.map(|(full, shown, _)| {
            json!({"full": picture(full, link(&full.path)), "shown": picture(shown, link(&shown.path))})
        });
        for f in self.files.get(&a.id).into_iter().flatten() {
            let name = f.path.rsplit('/').next().unwrap_or(&f.path);
            let label = match f.content_type.as_str() {
                "image/jpeg" if photos.is_some_and(|(full, _, _)| full.path == f.path) => self.label("download_full"),
                "image/jpeg" | "video/mp4" => self.label("download"),
                _ if f.name.starts_with("subtitles-") => format!("{}: {name}", self.label("subtitles")),
                _ => name.to_owned(),
            };
            downloads.push(json!({"src": link(&f.path), "label": label, "detail": pixels(f)}));
        }
        let video = self.film_file(item).map(|f| {
            let tracks: Vec<Value> = self
                .tracks(item)
                .iter()
                .map(|(l, p)| {
                    let src = self.layout.track_src(&self.path(page), p).unwrap_or_else(|_| link(p));
                    json!({"lang": l, "src": src, "label": autonym(l)})
                })
                .collect();
            // The page's own language first: the one `default` turns on.
            let (mut mine, others): (Vec<Value>, Vec<Value>) = tracks.into_iter().partition(|t| t["lang"] == self.lang);
            mine.extend(others);
            json!({"src": link(&f.path), "width": f.width, "height": f.height,
                   "poster": poster_path(item).map(|p| link(&p)), "tracks": mine})
        });
        let mut facts = Vec::new();
        let mut fact = |key: &str, values: Vec<Value>| {
            if !values.is_empty() {
                facts.push(json!({"label": self.label(key), "values": values}));
            }
        };
        let plain =
            |t: &Option<String>| -> Vec<Value> { t.iter().map(|t| json!(Say::untagged(t, SOURCE_LANGUAGE))).collect() };
        let credit: Vec<String> = [&a.creator, &a.credit].into_iter().flatten().cloned().collect();
        fact("credit", plain(&Some(credit.join(" / ")).filter(|s| !s.is_empty())));
        fact("copyright", plain(&a.copyright));
        let mut licence: Vec<Value> =
            texts(&a.usage_terms_by_lang, self.lang, self.beside).iter().map(|s| json!(s)).collect();
        if licence.is_empty() {
            licence = plain(&a.usage_terms);
        }
        if let Some(w) = &a.web_statement {
            licence.push(json!({"lang": "en", "text": w, "href": w}));
        }
        fact("licence", licence);
        fact("taken", a.captured_at.iter().map(|t| json!(Say::new("en", t.get(..10).unwrap_or(t)))).collect());
        let place: Vec<&str> =
            [&a.location, &a.city, &a.province, &a.country].into_iter().flatten().map(String::as_str).collect();
        fact("place", plain(&Some(place.join(", ")).filter(|s| !s.is_empty())));
        let story = item.via.and_then(|id| self.c.reportages.iter().find(|r| r.reportage.id == id)).map(|r| {
            json!({"href": link(&self.path(&r.stem)),
                   "headline": texts(&r.reportage.headline, self.lang, false).into_iter().next()})
        });
        let title = headline.first().map(|s| s.text.clone()).unwrap_or_else(|| item.stem.clone());
        let ld = jsonld::item(self, item);
        self.base(
            page,
            &title,
            ld,
            json!({
                "headline": headline,
                "caption": texts(&a.captions, self.lang, self.beside),
                "alt": self.alt(item),
                "image": image,
                "video": video,
                "facts": facts,
                "downloads": downloads,
                "story": story.filter(|s| !s["headline"].is_null()),
            }),
        )
    }

    /// A taxonomy name in this page's language: Vietnamese on Vietnamese pages, English on
    /// the others (the taxonomy has those two).
    fn term(&self, vi: &str, en: &str) -> Say {
        if self.lang == SOURCE_LANGUAGE || en.trim().is_empty() {
            Say::new(SOURCE_LANGUAGE, vi)
        } else {
            Say::new("en", en)
        }
    }

    fn facts(&self) -> Value {
        let province = &all_labels()["province"];
        let mut about = Vec::new();
        let own = if self.lang == SOURCE_LANGUAGE { SOURCE_LANGUAGE } else { "en" };
        about.extend(province[own].as_str().map(|t| Say::new(own, t)));
        if self.beside || own != self.lang {
            about.extend(
                province[SOURCE_LANGUAGE]
                    .as_str()
                    .filter(|_| own != SOURCE_LANGUAGE)
                    .map(|t| Say::new(SOURCE_LANGUAGE, t)),
            );
        }
        let taxonomy = self.c.site.as_ref().map(|s| &s.taxonomy);
        let mut themes = Vec::new();
        for theme in taxonomy.map(|t| t.themes.as_slice()).unwrap_or_default() {
            let mut links: Vec<Value> = Vec::new();
            for r in self.c.reportages.iter().filter(|r| r.reportage.themes.contains(&theme.id)) {
                if let Some(h) = texts(&r.reportage.headline, self.lang, false).into_iter().next() {
                    links.push(json!({"href": Layout::link(&self.path("facts"), &self.path(&r.stem)), "headline": h}));
                }
            }
            for a in self.c.assets.iter().filter(|a| a.asset.themes.contains(&theme.id)) {
                let h = self.headline(a).unwrap_or_else(|| Say::new("en", &a.stem));
                links.push(json!({"href": Layout::link(&self.path("facts"), &self.path(&a.stem)), "headline": h}));
            }
            if links.is_empty() {
                continue;
            }
            let name = self.term(&theme.vi, &theme.en);
            let beside = (name.lang != SOURCE_LANGUAGE && self.beside).then(|| Say::new(SOURCE_LANGUAGE, &theme.vi));
            let units =
                |u: &[crate::taxonomy::Term]| -> Vec<Say> { u.iter().map(|u| self.term(&u.vi, &u.en)).collect() };
            themes.push(json!({
                "id": theme.id,
                "name": name,
                "beside": beside,
                "lead": units(&theme.lead_units),
                "coordinating": units(&theme.coordinating_units),
                "items": links,
            }));
        }
        let ld = jsonld::facts(self);
        self.base("facts", &self.label("facts"), ld, json!({"about": about, "themes": themes}))
    }

    fn contacts(&self) -> Value {
        let page = self.path("contacts");
        let contacts = self.c.site.as_ref().map(|s| s.contacts.as_slice()).unwrap_or_default();
        let list: Vec<Value> = contacts
            .iter()
            .map(|k| {
                let say = |t: &Option<String>| t.as_deref().map(|t| Say::untagged(t, SOURCE_LANGUAGE));
                json!({
                    "name": Say::untagged(&k.name, SOURCE_LANGUAGE),
                    "title": say(&k.title),
                    "organisation": say(&k.organisation),
                    "email": k.email,
                    "phone": k.phone,
                    "tel": k.phone.as_ref().map(|p| p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>()),
                    "vcard": Layout::link(&page, &vcard::path(k)),
                    "languages": k.languages.iter().map(|l| json!({"lang": l, "name": autonym(l)})).collect::<Vec<_>>(),
                })
            })
            .collect();
        let ld = jsonld::contacts(self, contacts);
        self.base(
            "contacts",
            &self.label("contacts"),
            ld,
            json!({"contacts": list, "all_vcards": Layout::link(&page, vcard::ALL)}),
        )
    }

    fn downloads(&self, files: &[Download]) -> Value {
        let page = self.path("downloads");
        let mut groups: BTreeMap<usize, (String, Vec<Value>)> = BTreeMap::new();
        for f in files {
            let top = f.path.split('/').next().unwrap_or_default();
            let (order, key) = match top {
                "photos" => (0, "photos"),
                "films" => (1, "films"),
                "texts" => (2, "reportages"),
                "contacts" => (3, "contacts"),
                _ => (4, "downloads"),
            };
            let group = groups.entry(order).or_insert_with(|| (self.label(key), Vec::new()));
            group.1.push(json!({"src": Layout::link(&page, &f.path), "name": f.path, "size": size(f.size)}));
        }
        let groups: Vec<Value> =
            groups.into_values().map(|(label, files)| json!({"label": label, "files": files})).collect();
        let ld = jsonld::page(self, "downloads", &self.label("downloads"));
        self.base("downloads", &self.label("downloads"), ld, json!({"groups": groups}))
    }
}

/// The poster's size, read from the library's preview it is copied from.
pub fn poster_size(item: &AssetItem) -> (u32, u32) {
    item.poster.as_ref().and_then(|p| image::image_dimensions(p).ok()).unwrap_or((1600, 900))
}

/// A duration as a clock: 1:05, 1:02:03.
fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}
