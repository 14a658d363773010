//! Building a kit: the preflight asked first (nothing is written while it has blockers), the
//! gate asked again for each photo as it is rendered and for the whole kit before it is put in
//! place, then renditions, texts, ninjs and the bag, made in a folder beside the target and
//! renamed into place when complete. A build stopped at any moment (Ctrl-C, SIGKILL) leaves
//! only that partial folder, named by the digest of what it is made from: run again, it takes
//! up the renditions already made; if the kit or an item changed meanwhile, it starts afresh.
//! Every build is recorded in the delivery register, an entry of the audit chain.

mod content;
mod embed;
mod film;
mod ninjs;
mod photo;
mod site;
mod texts;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use content::AssetItem;
pub use content::Content;
use ninjs::FileRef;

use crate::catalog::{Asset, Classification, Kind};
use crate::error::{Error, Result};
use crate::gate::Delivery;
use crate::jobs::{JobCtx, Progress, Stage};
use crate::kits::bag;
use crate::kits::preflight::{self, Preflight};
use crate::kits::profile::Rendition;
use crate::library::Library;
use crate::thumbs::write_atomically;

/// A kit built and put in place.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Built {
    pub kit: i64,
    pub version: u32,
    /// The bag's folder.
    pub path: String,
    pub zip: Option<String>,
    /// Payload files and their bytes.
    pub files: u64,
    pub bytes: u64,
    pub tagmanifest_sha256: String,
    /// Renditions an earlier, interrupted run of this build had already made.
    pub reused: u64,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Built(Built),
    /// The preflight (before or during the build) found blockers: nothing was put in place.
    Blocked(Preflight),
    /// Stopped by its user: what was made is kept for the next run.
    Cancelled,
}

/// The renditions of a photo a kit carries, each once.
fn photo_renditions<'a>(c: &'a Content, a: &Asset) -> &'a [Rendition] {
    if a.kind == Kind::Photo {
        &c.profile.photos.renditions
    } else {
        &[]
    }
}

fn rendition_path(item: &AssetItem, r: &Rendition) -> String {
    format!("photos/{}-{}.jpg", item.stem, crate::kits::names::slug(&r.name, 16))
}

/// The alt text of a photo in `lang`: its title there, else the start of its caption.
pub(crate) fn alt_text(a: &Asset, lang: &str) -> Option<String> {
    let text = a.titles.get(lang).or_else(|| a.captions.get(lang))?.trim();
    let mut cut: String = text.chars().take(250).collect();
    if cut.len() < text.len() {
        if let Some(end) = cut.rfind(['.', '!', '?', ' ']) {
            cut.truncate(end);
        }
        cut.push('…');
    }
    Some(cut).filter(|t| !t.is_empty())
}

impl Library {
    /// Builds kit `id` into a folder under `out` (and a ZIP of it with `zip`), or says why not.
    pub fn build_kit(&mut self, id: i64, out: &Path, zip: bool, actor: &str, ctx: &JobCtx) -> Result<Outcome> {
        let kit = self.kit(id)?;
        let profile = self.kit_profile(&kit.profile)?;
        let at = self.delivery_time(&kit);
        let check = preflight::run(self, &kit, &profile, &at)?;
        if !check.ok {
            return Ok(Outcome::Blocked(check));
        }
        let content = content::gather(self, &kit, &profile, &at, &check.contents)?;
        let plan = content.digest();
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        let out = out.canonicalize().map_err(|e| Error::io(out, e))?;
        let name = crate::kits::names::name(&format!("kit-{id}-v{}", kit.version), Some(&kit.recipient));
        let dest = out.join(&name);
        let partial = out.join(format!(".{name}.partial-{}", &plan[..16]));
        let mut reused = 0;
        if dest.exists() {
            // An earlier run put it in place and was stopped before recording it.
            if bag_info_value(&dest, "Kit-Plan").as_deref() != Some(plan.as_str()) {
                return Err(Error::InvalidInput(format!(
                    "{} already exists and is not this build of kit {id}: move it away or build into another folder",
                    dest.display()
                )));
            }
        } else {
            clear_stale_partials(&out, &name, &partial)?;
            let delivery = Delivery {
                at: at.clone(),
                country: kit.country.clone(),
                release_for_people: profile.requires.model_release_for_people,
            };
            match self.render_all(&content, &partial, &delivery, ctx)? {
                Rendered::Done(n) => reused = n,
                Rendered::Cancelled => return Ok(Outcome::Cancelled),
                Rendered::Refused => {
                    remove_dir(&partial)?;
                    return Ok(Outcome::Blocked(preflight::run(self, &kit, &profile, &at)?));
                }
            }
            ctx.report(&Progress { stage: Stage::Packing, done: 0, total: 1, current: None });
            let files = write_texts(&content, &partial.join("data"))?;
            site::write(&content, &partial.join("data"), &files)?;
            bag::write(&partial, &bag_info(&content, &plan, &self.now()))?;
            // The last word before anything is visible: a classification raised, an embargo
            // set or an item added while the photos were rendering stops the build here.
            let last = preflight::run(self, &self.kit(id)?, &profile, &at)?;
            if !last.ok || last.contents != check.contents {
                remove_dir(&partial)?;
                return Ok(Outcome::Blocked(last));
            }
            sync_dir(&partial)?;
            std::fs::rename(&partial, &dest).map_err(|e| Error::io(&dest, e))?;
            sync_dir(&out)?;
        }
        let written = bag::read_written(&dest)?;
        let zip_path = if zip {
            let target = out.join(format!("{name}.zip"));
            if !target.exists() {
                bag::zip(&dest, &target)?;
            }
            Some(target)
        } else {
            None
        };
        ctx.report(&Progress { stage: Stage::Finishing, done: 1, total: 1, current: None });
        let built = Built {
            kit: id,
            version: kit.version,
            path: dest.display().to_string(),
            zip: zip_path.map(|p| p.display().to_string()),
            files: written.files,
            bytes: written.bytes,
            tagmanifest_sha256: written.tagmanifest_sha256,
            reused,
        };
        self.record_delivery(&content, &built, actor)?;
        Ok(Outcome::Built(built))
    }

    fn render_all(&self, c: &Content, partial: &Path, delivery: &Delivery, ctx: &JobCtx) -> Result<Rendered> {
        let photos: Vec<&AssetItem> = c.assets.iter().filter(|a| !photo_renditions(c, &a.asset).is_empty()).collect();
        let total = photos.len() as u64;
        let data = partial.join("data");
        std::fs::create_dir_all(data.join("photos")).map_err(|e| Error::io(&data, e))?;
        let mut done = 0;
        let mut reused = 0;
        ctx.report(&Progress { stage: Stage::Rendering, done, total, current: None });
        // In small batches: the gate is asked for each batch just before it is written, and a
        // Ctrl-C is heard within one.
        for batch in photos.chunks(rayon::current_num_threads().max(1) * 2) {
            if ctx.cancel.is_cancelled() {
                return Ok(Rendered::Cancelled);
            }
            for item in batch {
                if !crate::gate::delivery::asset(self.conn(), item.asset.id, delivery)?.is_empty() {
                    return Ok(Rendered::Refused);
                }
            }
            let results: Vec<Result<bool>> = batch.par_iter().map(|item| render_photo(c, item, &data)).collect();
            for (item, result) in batch.iter().zip(results) {
                reused += u64::from(result?);
                done += 1;
                let current = item.asset.path.as_ref().map(PathBuf::from);
                ctx.report(&Progress { stage: Stage::Rendering, done, total, current });
            }
        }
        // Films one at a time, each reporting its own progress (a transcode takes both cores).
        for item in c.assets.iter().filter(|a| a.asset.kind == Kind::Video) {
            if ctx.cancel.is_cancelled() {
                return Ok(Rendered::Cancelled);
            }
            if !crate::gate::delivery::asset(self.conn(), item.asset.id, delivery)?.is_empty() {
                return Ok(Rendered::Refused);
            }
            if film::renditions(c, &item.asset).is_empty() && item.subtitles.is_empty() {
                continue;
            }
            std::fs::create_dir_all(data.join("films")).map_err(|e| Error::io(&data, e))?;
            film::sidecars(c, item, &data)?;
            film::shot_lists(c, item, &data)?;
            match film::render(c, item, &data, ctx) {
                Ok(all_there) => reused += u64::from(all_there && !film::renditions(c, &item.asset).is_empty()),
                Err(Error::Cancelled) => return Ok(Rendered::Cancelled),
                Err(e) => return Err(e),
            }
        }
        Ok(Rendered::Done(reused))
    }

    fn record_delivery(&mut self, c: &Content, built: &Built, actor: &str) -> Result<()> {
        let kit = &c.kit;
        let items: Vec<String> = kit.items.iter().map(|i| i.item.clone()).collect();
        let detail = serde_json::json!({
            "kit": kit.id,
            "version": built.version,
            "recipient": kit.recipient,
            "outlet": kit.outlet,
            "country": kit.country,
            "channel": kit.channel,
            "profile": kit.profile,
            "languages": c.languages,
            "items": items,
            "contents": c.assets.iter().map(|a| a.asset.id.to_string())
                .chain(c.reportages.iter().map(|r| format!("r:{}", r.reportage.id))).collect::<Vec<_>>(),
            "tagmanifest_sha256": built.tagmanifest_sha256,
            "path": built.path,
            "zip": built.zip,
            "files": built.files,
            "bytes": built.bytes,
            "delivery_at": c.at,
        });
        let now = self.now();
        let (id, version) = (kit.id, built.version);
        self.in_safe_write(actor, |tx| {
            let recorded: u32 = tx.query_row("SELECT built_versions FROM kits WHERE id = ?1", [id], |r| r.get(0))?;
            if recorded >= version {
                return Ok(());
            }
            tx.execute("UPDATE kits SET built_versions = ?2 WHERE id = ?1", rusqlite::params![id, version])?;
            crate::audit::append(tx, &now, actor, "delivery", crate::audit::Subject::Library, &detail)?;
            Ok(())
        })
    }
}

enum Rendered {
    Done(u64),
    Cancelled,
    Refused,
}

/// The original's bytes, from the first of its files that still holds what was catalogued.
fn original(a: &Asset) -> Result<(PathBuf, Vec<u8>)> {
    let mut why = String::from("it has no file");
    for f in &a.files {
        let path = PathBuf::from(&f.path);
        match std::fs::read(&path) {
            Ok(bytes) if blake3::hash(&bytes).to_hex().as_str() == a.content_hash => return Ok((path, bytes)),
            Ok(_) => why = format!("{} has changed since it was catalogued (ingest it again)", path.display()),
            Err(e) => why = format!("{} cannot be read: {e}", path.display()),
        }
    }
    Err(Error::bad_media(
        a.path.clone().unwrap_or_default(),
        format!("asset {}'s original is not at hand: {why}", a.id),
    ))
}

/// Renders every rendition of one photo not already there; true if all were.
fn render_photo(c: &Content, item: &AssetItem, data: &Path) -> Result<bool> {
    let renditions = photo_renditions(c, &item.asset);
    let missing: Vec<&Rendition> =
        renditions.iter().filter(|r| !data.join(rendition_path(item, r)).is_file()).collect();
    if missing.is_empty() {
        return Ok(true);
    }
    let a = &item.asset;
    // In a tour library checked out without originals, the library's preview stands in (it
    // is upright already, and the renditions are no larger than it).
    let (path, bytes, orientation, (w, h)) = match (original(a), &item.preview) {
        (Ok((path, bytes)), _) => {
            let (w, h) = (a.width.unwrap_or(0), a.height.unwrap_or(0));
            let upright = matches!(a.orientation, Some(5..=8));
            (path, bytes, a.orientation.unwrap_or(1), if upright { (h, w) } else { (w, h) })
        }
        (Err(_), Some(preview)) => {
            let bytes = std::fs::read(preview).map_err(|e| Error::io(preview, e))?;
            let size = image::image_dimensions(preview).map_err(|e| Error::bad_media(preview, e.to_string()))?;
            (preview.clone(), bytes, 1, size)
        }
        (Err(e), None) => return Err(e),
    };
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let format = crate::probe::sniff(&bytes, &extension)
        .ok_or_else(|| Error::bad_media(&path, "not a picture Mediadesk can render"))?;
    // Decoded for every rendition, not only the missing ones: a resumed build must shrink from
    // the same source size as an uninterrupted one, or its pixels differ.
    let need = photo::needed_long_side(renditions, w, h);
    let source = photo::source(&path, &bytes, format, orientation, need)?;
    drop(bytes);
    let meta = photo_meta(c, item);
    let icc = photo::srgb_icc();
    for r in missing {
        let pixels = photo::render(&path, &source, r, a.focus)?;
        let jpeg = crate::thumbs::encode_jpeg(&pixels, i32::from(r.quality.clamp(1, 100)))
            .map_err(|e| Error::bad_media(&path, format!("JPEG encoding: {e}")))?;
        let jpeg = embed::embed(jpeg, &meta, icc).map_err(|e| Error::bad_media(&path, e))?;
        write_atomically(&data.join(rendition_path(item, r)), &jpeg)?;
    }
    Ok(false)
}

/// The texts of a photo's renditions, in the kit's languages.
fn photo_meta(c: &Content, item: &AssetItem) -> embed::PhotoMeta {
    let a = &item.asset;
    let by_lang = |map: &std::collections::BTreeMap<String, String>| -> Vec<(String, String)> {
        c.languages
            .iter()
            .filter_map(|l| map.get(l).filter(|t| !t.trim().is_empty()).map(|t| (l.clone(), t.clone())))
            .collect()
    };
    let primary = c.primary();
    let alt_texts = if c.profile.texts.alt_text {
        c.languages.iter().filter_map(|l| alt_text(a, l).map(|t| (l.clone(), t))).collect()
    } else {
        Vec::new()
    };
    let release = |r: Option<crate::catalog::Release>, model| {
        r.map(|r| format!("http://ns.useplus.org/ldf/vocab/{}", r.plus_code(model)))
    };
    let country_code = a
        .country
        .as_deref()
        .filter(|c| c.len() == 2 && isocountry::CountryCode::for_alpha2(&c.to_ascii_uppercase()).is_ok())
        .map(str::to_ascii_uppercase)
        .or_else(|| {
            a.country
                .as_deref()
                .filter(|c| c.to_lowercase().contains("việt nam") || c.eq_ignore_ascii_case("vietnam"))
                .map(|_| "VN".into())
        });
    embed::PhotoMeta {
        captions: by_lang(&a.captions),
        headline: a.headlines.get(primary).or(a.headlines.get(crate::translation::SOURCE_LANGUAGE)).cloned(),
        alt_texts,
        usage_terms: by_lang(&a.usage_terms_by_lang),
        creators: a.creator.iter().flat_map(|c| c.split("; ")).map(str::to_owned).collect(),
        credit: a.credit.clone(),
        source: a.source.clone(),
        copyright: a.copyright.clone(),
        city: a.city.clone(),
        province: a.province.clone(),
        country: a.country.clone(),
        country_code,
        date_created: a.captured_at.clone(),
        slug: item.slug.clone(),
        instructions: instructions(a, primary),
        keywords: if c.profile.metadata.keywords { a.keywords.clone() } else { Vec::new() },
        persons: a.persons.clone(),
        web_statement: a.web_statement.clone(),
        model_release: release(a.model_release, true),
        property_release: release(a.property_release, false),
    }
}

/// Embargo and restrictions, where the photo standard puts them.
fn instructions(a: &Asset, lang: &str) -> Option<String> {
    let vi = lang == crate::translation::SOURCE_LANGUAGE;
    let mut parts = Vec::new();
    if let Some(e) = &a.embargo_until {
        parts.push(if vi { format!("Cấm đăng trước {e}") } else { format!("Embargoed until {e}") });
    }
    let places: Vec<&str> = a.territories.iter().map(String::as_str).filter(|t| *t != "worldwide").collect();
    if !places.is_empty() {
        let list = places.join(", ");
        parts.push(if vi { format!("Chỉ đăng tại: {list}") } else { format!("For publication only in: {list}") });
    }
    if let Some(x) = &a.rights_expire {
        parts.push(if vi { format!("Quyền sử dụng hết hạn {x}") } else { format!("Rights expire {x}") });
    }
    parts.extend(a.instructions.clone());
    Some(parts.join(". ")).filter(|s| !s.is_empty())
}

fn texts_dir(lang: &str) -> String {
    format!("texts/{}", crate::kits::names::slug(lang, 16))
}

fn rfc3339(s: Option<&str>, offset: time::UtcOffset) -> Option<String> {
    s.and_then(|s| crate::catalog::fields::embargo_time(s, offset).ok())
}

/// Texts, captions and ninjs: cheap, so written afresh by every run. Answers the files of
/// each asset.
fn write_texts(c: &Content, data: &Path) -> Result<site::Files> {
    let write = |path: &str, bytes: &[u8]| write_atomically(&data.join(path), bytes);
    let offset = time::UtcOffset::UTC;
    let mut article_files: Vec<(i64, String, Vec<FileRef>)> = Vec::new();
    for r in &c.reportages {
        for lang in &c.languages {
            let rep = &r.reportage;
            let (headline, body) = (rep.headline.get(lang), rep.body.get(lang));
            if headline.is_none() && body.is_none() {
                continue;
            }
            let article = texts::Article {
                lang,
                slug: c.profile.metadata.slug.then_some(r.slug.as_str()),
                headline: headline.map(String::as_str),
                standfirst: rep.standfirst.get(lang).map(String::as_str),
                body: body.map(String::as_str),
                byline: rep.byline.as_deref(),
                dateline: rep.dateline.as_deref(),
            };
            let mut files = Vec::new();
            for format in &c.profile.texts.article {
                let (bytes, content_type) = match format.as_str() {
                    "txt" => (texts::txt(&article).into_bytes(), "text/plain; charset=utf-8"),
                    "md" => (texts::md(&article).into_bytes(), "text/markdown; charset=utf-8"),
                    "docx" => (
                        texts::docx(&article).map_err(Error::InvalidInput)?,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    ),
                    _ => continue,
                };
                let path = format!("{}/{}.{format}", texts_dir(lang), r.stem);
                write(&path, &bytes)?;
                files.push(FileRef {
                    name: format.clone(),
                    path,
                    content_type: content_type.into(),
                    size: bytes.len() as u64,
                    width: None,
                    height: None,
                });
            }
            article_files.push((rep.id, lang.clone(), files));
        }
    }
    for item in &c.assets {
        for (lang, script) in &item.scripts {
            write(&format!("{}/{}-script.txt", texts_dir(lang), item.stem), format!("{script}\n").as_bytes())?;
        }
    }
    if c.profile.texts.captions {
        for lang in &c.languages {
            let captions = captions_file(c, lang);
            if !captions.is_empty() {
                write(&format!("{}/captions.txt", texts_dir(lang)), captions.as_bytes())?;
            }
        }
    }
    let mut all = site::Files::new();
    for item in &c.assets {
        all.insert(item.asset.id, rendition_refs(c, item, data)?);
    }
    for lang in &c.languages {
        for item in &c.assets {
            let files = &all[&item.asset.id];
            let a = &item.asset;
            let times = ninjs::Times {
                first_created: rfc3339(Some(&a.added_at), offset),
                version_created: rfc3339(Some(&a.updated_at), offset),
                content_created: rfc3339(a.captured_at.as_deref(), offset),
                embargoed_until: rfc3339(a.embargo_until.as_deref(), offset),
            };
            let object = ninjs::asset(c, item, lang, files, &times);
            write(&ninjs::path(lang, &item.stem), &json_bytes(&object))?;
        }
        for r in &c.reportages {
            let files = article_files
                .iter()
                .find(|(id, l, _)| *id == r.reportage.id && l == lang)
                .map(|(_, _, f)| f.clone())
                .unwrap_or_default();
            let rep = &r.reportage;
            let times = ninjs::Times {
                first_created: rfc3339(Some(&rep.created_at), offset),
                version_created: rfc3339(Some(&rep.updated_at), offset),
                content_created: None,
                embargoed_until: rfc3339(rep.effective_embargo_until.as_deref(), offset),
            };
            write(&ninjs::path(lang, &r.stem), &json_bytes(&ninjs::reportage(c, r, lang, &files, &times)))?;
        }
    }
    Ok(all)
}

fn json_bytes(value: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn rendition_refs(c: &Content, item: &AssetItem, data: &Path) -> Result<Vec<FileRef>> {
    if item.asset.kind == Kind::Video {
        return film::refs(c, item, data);
    }
    photo_renditions(c, &item.asset)
        .iter()
        .map(|r| {
            let path = rendition_path(item, r);
            let full = data.join(&path);
            let size = std::fs::metadata(&full).map_err(|e| Error::io(&full, e))?.len();
            let (w, h) = image::image_dimensions(&full)
                .map_err(|e| Error::bad_media(&full, format!("reading the rendition back: {e}")))?;
            Ok(FileRef {
                name: r.name.clone(),
                path,
                content_type: "image/jpeg".into(),
                size,
                width: Some(w),
                height: Some(h),
            })
        })
        .collect()
}

/// The captions file of `lang`: each picture or film with its file, headline, caption (the
/// Vietnamese beside it where the kit asks), hashtags, alt text and credit.
fn captions_file(c: &Content, lang: &str) -> String {
    let vi = crate::translation::SOURCE_LANGUAGE;
    let beside = c.kit.vietnamese_beside && lang != vi;
    let mut out = String::new();
    for item in &c.assets {
        let a = &item.asset;
        let file = photo_renditions(c, a)
            .first()
            .map(|r| rendition_path(item, r))
            .or_else(|| film::first_path(c, item))
            .unwrap_or_else(|| item.stem.clone());
        let mut entry = vec![file.rsplit('/').next().unwrap_or(&file).to_owned()];
        for l in std::iter::once(lang).chain(beside.then_some(vi)) {
            entry.extend(a.headlines.get(l).cloned());
            entry.extend(a.captions.get(l).cloned());
        }
        if c.profile.texts.hashtags {
            let tags = hashtags(&a.keywords);
            if !tags.is_empty() {
                entry.push(tags);
            }
        }
        if c.profile.texts.alt_text {
            entry.extend(alt_text(a, lang).map(|t| format!("Alt: {t}")));
        }
        let credit: Vec<&str> = [&a.creator, &a.credit].into_iter().flatten().map(String::as_str).collect();
        if !credit.is_empty() {
            entry.push(format!("© {}", credit.join(" / ")));
        }
        if entry.len() > 1 {
            out.push_str(&entry.join("\n"));
            out.push_str("\n\n");
        }
    }
    out
}

/// `#ĐồngNai #SânBayLongThành`: each keyword as one tag, its letters and digits kept.
fn hashtags(keywords: &[String]) -> String {
    let mut tags: Vec<String> = Vec::new();
    for k in keywords {
        let tag: String = k
            .split_whitespace()
            .map(|w| {
                let mut chars = w.chars().filter(|c| c.is_alphanumeric());
                chars.next().map(|f| f.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
            })
            .collect();
        if !tag.is_empty() && !tags.contains(&format!("#{tag}")) {
            tags.push(format!("#{tag}"));
        }
    }
    tags.join(" ")
}

fn bag_info(c: &Content, plan: &str, now: &str) -> Vec<(&'static str, String)> {
    let kit = &c.kit;
    let highest = kit.items.iter().map(|i| i.classification).max().unwrap_or(Classification::Public);
    let mut info = vec![
        ("Source-Organization", "Mediadesk, Đồng Nai".to_owned()),
        ("Bagging-Date", now.get(..10).unwrap_or(now).to_owned()),
        ("External-Identifier", format!("urn:mediadesk:kit:{}:v{}", c.kit_uid, kit.version)),
        ("External-Description", kit.title.clone().unwrap_or_else(|| format!("Press kit for {}", kit.recipient))),
        ("BagIt-Profile-Identifier", bag::PROFILE_URI.to_owned()),
        ("Kit-Identifier", kit.id.to_string()),
        ("Kit-Version", kit.version.to_string()),
        ("Kit-Profile", kit.profile.clone()),
        ("Kit-Languages", c.languages.join(", ")),
        ("Kit-Plan", plan.to_owned()),
        ("Recipient", kit.recipient.clone()),
    ];
    info.extend(kit.outlet.clone().map(|o| ("Recipient-Outlet", o)));
    info.extend(kit.country.clone().map(|o| ("Recipient-Country", o)));
    info.push(("Delivery-Date", c.at.clone()));
    info.push(("Highest-Classification", highest.code().to_owned()));
    info
}

/// A bag-info value of a bag on disk.
fn bag_info_value(bag: &Path, label: &str) -> Option<String> {
    bag::info_value(&std::fs::read_to_string(bag.join("bag-info.txt")).ok()?, label)
}

/// Removes the partial builds of this kit version other than `keep`: made from what the kit
/// no longer is.
fn clear_stale_partials(out: &Path, name: &str, keep: &Path) -> Result<()> {
    let prefix = format!(".{name}.partial-");
    for entry in std::fs::read_dir(out).map_err(|e| Error::io(out, e))?.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with(&prefix) && path != keep {
            remove_dir(&path)?;
        }
    }
    Ok(())
}

fn remove_dir(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// Flushes a folder's files and the folder itself, so a rename after it publishes complete
/// files even across a power cut.
fn sync_dir(dir: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if let Ok(f) = std::fs::File::open(entry.path()) {
            f.sync_all().map_err(|e| Error::io(entry.path(), e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_keep_vietnamese_letters_and_join_words() {
        assert_eq!(
            hashtags(&["sân bay Long Thành".into(), "OCOP".into(), "ocop!".into()]),
            "#SânBayLongThành #OCOP #Ocop"
        );
    }
}
