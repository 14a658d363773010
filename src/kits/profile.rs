//! Kit profiles: what a kind of recipient wants (renditions, texts, metadata) and what it
//! requires of every item. Data, not code: the defaults ship in `assets/kits/profiles.json`;
//! a profile an editor saves is kept in the library and wins over a shipped one of its name.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const SHIPPED: &str = include_str!("../../assets/kits/profiles.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename = "KitProfile", deny_unknown_fields)]
pub struct Profile {
    #[serde(default)]
    pub name: String,
    /// Language → what editors call it.
    #[serde(default)]
    pub label: BTreeMap<String, String>,
    #[serde(default)]
    pub photos: Photos,
    #[serde(default)]
    pub films: Films,
    #[serde(default)]
    pub texts: Texts,
    #[serde(default)]
    pub metadata: Metadata,
    #[serde(default)]
    pub requires: Requirements,
    /// A site of the kit's pages, one per reportage and item in each of its languages.
    #[serde(default)]
    pub site: Option<Site>,
    /// Whether the Vietnamese goes beside the target language unless the kit says otherwise.
    #[serde(default)]
    pub vietnamese_beside: bool,
    /// Whether it is the shipped one, unchanged (set when read; a file's word is ignored).
    #[serde(default)]
    pub shipped: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Photos {
    pub renditions: Vec<Rendition>,
}

/// One copy of each photo: its long side in pixels (never upscaled), or a crop of an aspect
/// ratio around the photo's focus point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Rendition {
    pub name: String,
    pub long_side: u32,
    /// Width and height of a crop's aspect ratio, e.g. [4, 5].
    #[serde(default)]
    pub crop: Option<(u32, u32)>,
    #[serde(default = "quality")]
    pub quality: u8,
}

/// What a kit carries of each film: renditions, and subtitle sidecars per language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Films {
    #[serde(default)]
    pub renditions: Vec<FilmRendition>,
    /// Sidecar formats for each language's subtitles: `srt`, `ebu-tt-d`.
    #[serde(default)]
    pub subtitles: Vec<String>,
    /// Each film's shot list, in these formats: `csv`, `pdf`.
    #[serde(default)]
    pub shot_list: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct FilmRendition {
    pub name: String,
    pub recipe: FilmRecipe,
    /// The platform's longest clip, in seconds: a longer film is cut there (and the preflight
    /// warns).
    #[serde(default)]
    pub max_seconds: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum FilmRecipe {
    /// MP4, H.264 High 1080p25 (50 kept), AAC 48 kHz stereo at EBU R128 loudness.
    Broadcast,
    /// The original file, byte for byte.
    Original,
    /// YouTube: 1920×1080, the whole picture fitted, subtitles as SubRip beside it.
    Youtube,
    /// 9:16 reels (TikTok, YouTube Shorts, Facebook, Zalo), 1080×1920, cropped around the
    /// focus point, the subtitles burned in.
    Vertical,
    /// 1:1 feeds, 1080×1080, cropped and subtitled as `vertical`.
    Square,
    /// 4:5 feeds, 1080×1350, cropped and subtitled as `vertical`.
    Portrait,
}

impl FilmRecipe {
    /// The frame a made copy has (none for the original).
    pub fn frame(self) -> Option<(u32, u32)> {
        match self {
            FilmRecipe::Broadcast | FilmRecipe::Youtube => Some((1920, 1080)),
            FilmRecipe::Vertical => Some((1080, 1920)),
            FilmRecipe::Square => Some((1080, 1080)),
            FilmRecipe::Portrait => Some((1080, 1350)),
            FilmRecipe::Original => None,
        }
    }

    /// Whether the picture is cropped around the focus point and the subtitles burned in.
    pub fn burns_in(self) -> bool {
        matches!(self, FilmRecipe::Vertical | FilmRecipe::Square | FilmRecipe::Portrait)
    }
}

/// The kit's pages: for a laptop with no network, or for the province's web server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub kind: SiteKind,
    /// Where a web site is served from (`https://…/`): its sitemap and its pages' canonical
    /// and alternate links are absolute.
    #[serde(default)]
    pub base_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum SiteKind {
    /// Opens from a USB stick by double-click (`file://`): relative links, no script, the
    /// photos' full size to download.
    Offline,
    /// For a web server: large images and thumbnails, an image sitemap, hreflang links.
    Web,
}

pub const SIDECAR_FORMATS: [&str; 3] = ["srt", "vtt", "ebu-tt-d"];
pub const SHOT_LIST_FORMATS: [&str; 2] = ["csv", "pdf"];

fn quality() -> u8 {
    90
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// The reportage's article, in these formats: `txt`, `md`, `docx`.
    #[serde(default)]
    pub article: Vec<String>,
    /// A captions file (one entry a photo, in each language).
    #[serde(default)]
    pub captions: bool,
    /// Hashtags under each caption (the keywords and the plan's themes).
    #[serde(default)]
    pub hashtags: bool,
    /// Alt text for each picture, per language.
    #[serde(default)]
    pub alt_text: bool,
    /// Scripts (the films' subtitles as running text).
    #[serde(default)]
    pub scripts: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// Keywords written into the copies.
    #[serde(default)]
    pub keywords: bool,
    /// One agency slug (NNNN-SUBJECT-SUBJECT, at most 49 characters) shared by the kit's items.
    #[serde(default)]
    pub slug: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// Fields each item must have in each target language: `caption`, `headline`, `credit`.
    #[serde(default)]
    pub fields: Vec<String>,
    /// Parts that must be approved in each target language other than Vietnamese.
    #[serde(default)]
    pub translations: Vec<crate::translation::Part>,
    /// Pictures naming people need a model release.
    #[serde(default)]
    pub model_release_for_people: bool,
    /// Films need subtitles in each target language, passing this subtitle profile's checks.
    #[serde(default)]
    pub subtitles: Option<String>,
}

const FIELDS: [&str; 3] = ["caption", "headline", "credit"];
const ARTICLE_FORMATS: [&str; 3] = ["txt", "md", "docx"];

impl Profile {
    /// Reads and checks a profile; an unknown field or value is named.
    pub fn parse(name: &str, json: &str) -> Result<Profile> {
        let bad = |why: String| Error::InvalidInput(format!("profile {name:?}: {why}"));
        let mut profile: Profile = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
        profile.shipped = false;
        if profile.name.is_empty() {
            profile.name = name.to_owned();
        }
        if profile.name != name {
            return Err(bad(format!("it names itself {:?}", profile.name)));
        }
        profile.check().map_err(bad)?;
        Ok(profile)
    }

    fn check(&self) -> std::result::Result<(), String> {
        let safe =
            |s: &str| !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !safe(&self.name) {
            return Err("a profile's name is letters, digits and hyphens (at most 40)".into());
        }
        let mut names = std::collections::BTreeSet::new();
        for r in &self.photos.renditions {
            if !safe(&r.name) || !names.insert(r.name.as_str()) {
                return Err(format!("rendition {:?}: a unique name of letters, digits and hyphens", r.name));
            }
            if !(16..=20_000).contains(&r.long_side) {
                return Err(format!("rendition {:?}: long_side from 16 to 20000 pixels", r.name));
            }
            if r.crop.is_some_and(|(w, h)| w == 0 || h == 0 || w > 100 || h > 100) {
                return Err(format!("rendition {:?}: a crop is an aspect ratio such as [4, 5]", r.name));
            }
            if !(30..=100).contains(&r.quality) {
                return Err(format!("rendition {:?}: quality from 30 to 100", r.name));
            }
        }
        // A photo's and a film's copies go to their own folders: the names need only differ
        // within each.
        let mut names = std::collections::BTreeSet::new();
        for r in &self.films.renditions {
            if !safe(&r.name) || !names.insert(r.name.as_str()) {
                return Err(format!("rendition {:?}: a unique name of letters, digits and hyphens", r.name));
            }
            if r.max_seconds == Some(0) {
                return Err(format!("rendition {:?}: max_seconds is at least 1", r.name));
            }
        }
        if let Some(f) = self.films.subtitles.iter().find(|f| !SIDECAR_FORMATS.contains(&f.as_str())) {
            return Err(format!("no subtitle sidecar format {f:?}: {}", SIDECAR_FORMATS.join(", ")));
        }
        if let Some(f) = self.films.shot_list.iter().find(|f| !SHOT_LIST_FORMATS.contains(&f.as_str())) {
            return Err(format!("no shot list format {f:?}: {}", SHOT_LIST_FORMATS.join(", ")));
        }
        if let Some(site) = &self.site {
            match (&site.base_url, site.kind) {
                (None, SiteKind::Web) => return Err("a web site needs its base_url (https://…/)".into()),
                (Some(u), _) if !(u.starts_with("https://") || u.starts_with("http://")) || !u.ends_with('/') => {
                    return Err(format!("site base_url {u:?}: an address such as https://example.org/press/"))
                }
                _ => {}
            }
        }
        if let Some(f) = self.texts.article.iter().find(|f| !ARTICLE_FORMATS.contains(&f.as_str())) {
            return Err(format!("no article format {f:?}: {}", ARTICLE_FORMATS.join(", ")));
        }
        if let Some(f) = self.requires.fields.iter().find(|f| !FIELDS.contains(&f.as_str())) {
            return Err(format!("cannot require {f:?}: {}", FIELDS.join(", ")));
        }
        Ok(())
    }

    /// Whether it asks for a field.
    pub fn requires_field(&self, field: &str) -> bool {
        self.requires.fields.iter().any(|f| f == field)
    }
}

fn shipped() -> Vec<Profile> {
    let all: Vec<serde_json::Value> = serde_json::from_str(SHIPPED).expect("the shipped profiles are JSON");
    all.into_iter()
        .map(|v| {
            let name = v["name"].as_str().unwrap_or_default().to_owned();
            let mut p = Profile::parse(&name, &v.to_string()).expect("the shipped profiles are valid");
            p.shipped = true;
            p
        })
        .collect()
}

/// Every profile: the shipped ones (or the library's version of them), then the library's own.
pub fn list(conn: &Connection) -> Result<Vec<Profile>> {
    let mut saved: BTreeMap<String, Profile> = BTreeMap::new();
    let mut stmt = conn.prepare_cached("SELECT name, body FROM kit_profiles ORDER BY name")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (name, body) = row?;
        saved.insert(name.clone(), Profile::parse(&name, &body)?);
    }
    let mut all: Vec<Profile> = shipped().into_iter().map(|p| saved.remove(&p.name).unwrap_or(p)).collect();
    all.extend(saved.into_values());
    Ok(all)
}

pub fn get(conn: &Connection, name: &str) -> Result<Profile> {
    let saved: Option<String> =
        conn.query_row("SELECT body FROM kit_profiles WHERE name = ?1", [name], |r| r.get(0)).optional()?;
    if let Some(body) = saved {
        return Profile::parse(name, &body);
    }
    shipped().into_iter().find(|p| p.name == name).ok_or_else(|| {
        let names: Vec<String> = list(conn).map(|l| l.into_iter().map(|p| p.name).collect()).unwrap_or_default();
        Error::NotFound(format!("no kit profile {name:?}: {}", names.join(", ")))
    })
}

pub fn save(conn: &Connection, profile: &Profile, now: &str) -> Result<()> {
    profile.check().map_err(|why| Error::InvalidInput(format!("profile {:?}: {why}", profile.name)))?;
    let body = serde_json::to_string(&Profile { shipped: false, ..profile.clone() })
        .map_err(|e| Error::InvalidInput(e.to_string()))?;
    conn.execute(
        "INSERT INTO kit_profiles (name, body, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        params![profile.name, body, now],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_profiles_are_the_eight_the_newsroom_uses() {
        let names: Vec<String> = shipped().into_iter().map(|p| p.name).collect();
        assert_eq!(
            names,
            [
                "newspaper",
                "agency",
                "broadcaster",
                "delegation",
                "social-youtube",
                "social-vertical",
                "social-square",
                "web"
            ]
        );
    }

    #[test]
    fn a_profile_with_an_unknown_field_is_refused_naming_it() {
        let err = Profile::parse("x", r#"{"name": "x", "photos": {"renditions": [], "colour": "srgb"}}"#)
            .expect_err("refused");
        assert!(err.to_string().contains("colour"), "{err}");
        let err = Profile::parse("x", r#"{"requires": {"fields": ["byline"]}}"#).expect_err("refused");
        assert!(err.to_string().contains("byline"), "{err}");
        let err = Profile::parse("../x", "{}").expect_err("refused");
        assert!(err.to_string().contains("letters, digits"), "{err}");
    }

    #[test]
    fn a_saved_profile_wins_over_the_shipped_one() {
        let conn = crate::db::open_in_memory().expect("catalog");
        let mut p = get(&conn, "newspaper").expect("shipped");
        assert!(p.shipped);
        p.photos.renditions[0].long_side = 2400;
        save(&conn, &p, "2026-12-01T00:00:00Z").expect("save");
        let back = get(&conn, "newspaper").expect("saved");
        assert_eq!((back.photos.renditions[0].long_side, back.shipped), (2400, false));
        assert_eq!(list(&conn).expect("list").len(), 8);
    }
}
