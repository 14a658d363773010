//! What a build writes, gathered from the catalog in one pass before anything is written: the
//! kit's items as the preflight let them through, each with its texts in the kit's languages.
//! Its digest names the partial build, so a build resumed after the kit or an item changed
//! starts afresh instead of mixing old and new.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::catalog::shots::Shot;
use crate::catalog::{Asset, Kind};
use crate::error::Result;
use crate::kits::names;
use crate::kits::preflight::Entry;
use crate::kits::profile::Profile;
use crate::kits::store::{Kit, KitRef};
use crate::library::Library;
use crate::reportage::Reportage;
use crate::subtitles::Cue;

#[derive(Debug, Clone, Serialize)]
pub struct Content {
    pub kit: Kit,
    pub kit_uid: String,
    pub profile: Profile,
    /// Every language a text goes out in: the targets, then the Vietnamese beside them.
    pub languages: Vec<String>,
    /// The delivery time the preflight judged: "now" for a kit without a later one, so it is
    /// left out of the digest (it reaches bag-info only), or no stopped build could resume.
    #[serde(skip)]
    pub at: String,
    pub assets: Vec<AssetItem>,
    pub reportages: Vec<ReportageItem>,
    /// What a site shows beyond the items (profiles with a site).
    pub site: Option<SiteData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteData {
    pub taxonomy: crate::taxonomy::Taxonomy,
    pub contacts: Vec<crate::kits::contacts::Contact>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssetItem {
    pub asset: Asset,
    /// The reportage of the kit it came with.
    pub via: Option<i64>,
    /// Its name in file names: `12-cau-hoa-an`.
    pub stem: String,
    /// The slug shared with its story (`0003-SAN-BAY-LONG-THANH`).
    pub slug: String,
    /// Subtitle cues as running text, by language (films, for profiles that want scripts).
    pub scripts: Vec<(String, String)>,
    /// Subtitle tracks by language (films, for profiles that want sidecars).
    pub subtitles: Vec<(String, Vec<Cue>)>,
    /// The film's shot list as the editor gave it (films, for profiles that want one).
    pub shots: Vec<Shot>,
    /// The library's preview of the film, its poster on a site.
    pub poster: Option<std::path::PathBuf>,
    /// In a tour library checked out without originals: the library's preview of a photo, or
    /// the proxy of a film, which its renditions are made from when the original is not at hand.
    pub preview: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportageItem {
    pub reportage: Reportage,
    pub uid: String,
    pub stem: String,
    pub slug: String,
    /// Its items that go in this kit, in order.
    pub assets: Vec<i64>,
}

impl Content {
    pub fn digest(&self) -> String {
        let mut hash = Sha256::new();
        hash.update(env!("CARGO_PKG_VERSION").as_bytes());
        hash.update(serde_json::to_vec(self).unwrap_or_default());
        crate::kits::bag::hex(&hash.finalize())
    }

    pub fn asset(&self, id: i64) -> Option<&AssetItem> {
        self.assets.iter().find(|a| a.asset.id == id)
    }

    pub fn asset_by_stem(&self, stem: &str) -> Option<&AssetItem> {
        self.assets.iter().find(|a| a.stem == stem)
    }

    /// The first target language: what a rendition's single-language fields are in.
    pub fn primary(&self) -> &str {
        self.languages.first().map(String::as_str).unwrap_or(crate::translation::SOURCE_LANGUAGE)
    }
}

/// A headline to make names and slugs from: the Vietnamese (it folds to ASCII), else any.
fn naming_text(by_lang: &std::collections::BTreeMap<String, String>) -> Option<&str> {
    by_lang.get(crate::translation::SOURCE_LANGUAGE).or_else(|| by_lang.values().next()).map(String::as_str)
}

pub fn gather(library: &Library, kit: &Kit, profile: &Profile, at: &str, contents: &[Entry]) -> Result<Content> {
    let conn = library.conn();
    let kit_uid: String = conn.query_row("SELECT uid FROM kits WHERE id = ?1", [kit.id], |r| r.get(0))?;
    let languages = crate::kits::preflight::languages(kit);
    let previews_only = library.identity()?.previews_only;
    let mut reportages = Vec::new();
    let mut assets = Vec::new();
    for entry in contents {
        let via = entry.via.as_deref().and_then(KitRef::reportage_reference);
        match entry.reference() {
            Some(KitRef::Reportage(r)) => {
                let reportage = crate::reportage::get(conn, r)?;
                let uid: String = conn.query_row("SELECT uid FROM reportages WHERE id = ?1", [r], |row| row.get(0))?;
                let text = naming_text(&reportage.headline);
                let assets_of = contents
                    .iter()
                    .filter(|e| e.via.as_deref() == Some(entry.item.as_str()))
                    .filter_map(|e| e.item.parse().ok())
                    .collect();
                reportages.push(ReportageItem {
                    stem: names::name(&format!("r{r}"), text),
                    slug: names::agency_slug(r, text),
                    reportage,
                    uid,
                    assets: assets_of,
                });
            }
            Some(KitRef::Asset(a)) => {
                let asset = library.asset(a)?;
                let own = naming_text(&asset.headlines).or(asset.filename.as_deref());
                let story = via.and_then(|r| reportages.iter().find(|x: &&ReportageItem| x.reportage.id == r));
                let slug = match story {
                    Some(s) => s.slug.clone(),
                    None => names::agency_slug(a, own),
                };
                let film = asset.kind == Kind::Video;
                let burns_in = profile.films.renditions.iter().any(|r| r.recipe.burns_in());
                let subtitles = if film && (profile.texts.scripts || burns_in || !profile.films.subtitles.is_empty()) {
                    tracks(library, a, &languages)?
                } else {
                    Vec::new()
                };
                let scripts = if film && profile.texts.scripts { scripts(&subtitles) } else { Vec::new() };
                let subtitles = if profile.films.subtitles.is_empty() && !burns_in { Vec::new() } else { subtitles };
                let shots = if film && !profile.films.shot_list.is_empty() {
                    crate::catalog::shots::load(conn, a)?
                } else {
                    Vec::new()
                };
                let stem = names::name(&a.to_string(), own);
                let preview_of = library.thumbs().path(&asset.content_hash, crate::thumbs::Variant::Preview);
                let poster = Some(preview_of.clone()).filter(|p| film && profile.site.is_some() && p.is_file());
                // On a tour with previews only, what stands in for the original: a photo's
                // preview, a film's proxy.
                let stand_in =
                    if film { crate::media::proxy_path(library.root(), &asset.content_hash) } else { preview_of };
                let preview = Some(stand_in).filter(|p| previews_only && p.is_file());
                assets.push(AssetItem { stem, slug, via, scripts, subtitles, shots, poster, preview, asset });
            }
            None => {}
        }
    }
    Ok(Content {
        kit: kit.clone(),
        kit_uid,
        profile: profile.clone(),
        languages,
        at: at.to_owned(),
        assets,
        reportages,
        site: match profile.site {
            Some(_) => {
                Some(SiteData { taxonomy: crate::taxonomy::load(conn)?, contacts: crate::kits::contacts::list(conn)? })
            }
            None => None,
        },
    })
}

/// The film's subtitle tracks in the kit's languages, those it has.
fn tracks(library: &Library, asset: i64, languages: &[String]) -> Result<Vec<(String, Vec<Cue>)>> {
    let mut out = Vec::new();
    for lang in languages {
        if let Some(track) = crate::catalog::subtitle_tracks::load(library.conn(), asset, lang)? {
            out.push((lang.clone(), track.cues));
        }
    }
    Ok(out)
}

/// Subtitles as running text, a cue a line.
fn scripts(tracks: &[(String, Vec<Cue>)]) -> Vec<(String, String)> {
    tracks
        .iter()
        .map(|(lang, cues)| {
            let text: Vec<String> = cues.iter().map(|c| c.text.replace('\n', " ")).collect();
            (lang.clone(), text.join("\n"))
        })
        .collect()
}
