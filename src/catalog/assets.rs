//! Reading assets: the full record (`show`) and the summary used by lists and search.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::{Classification, Label, Release, SourceType};
use crate::error::{Error, Result};
use crate::probe::{AudioStream, Filmstrip, MediaInfo, SubtitleStream, VideoStream};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Photo,
    Video,
    Audio,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Photo => "photo",
            Kind::Video => "video",
            Kind::Audio => "audio",
        }
    }

    pub fn parse(s: &str) -> Result<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "photo" | "image" => Ok(Kind::Photo),
            "video" | "film" => Ok(Kind::Video),
            "audio" | "sound" => Ok(Kind::Audio),
            _ => Err(Error::InvalidInput(format!("unknown kind {s:?}: use photo, video or audio"))),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, specta::Type)]
pub struct Gps {
    pub lat: f64,
    pub lon: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<f64>,
}

/// One place on disk where an asset's bytes live.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct FileInstance {
    pub path: String,
    pub size: u64,
    /// Modification time of the file when last seen, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
}

/// Everything the catalog knows of an asset.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Asset {
    pub id: i64,
    pub kind: Kind,
    pub content_hash: String,
    pub size: u64,
    pub format: String,
    /// `full`, or `metadata_only` for files whose pixels Mediadesk cannot render.
    pub support: String,
    pub support_note: Option<String>,
    /// The first file instance; `files` lists all.
    pub path: Option<String>,
    pub filename: Option<String>,
    pub files: Vec<FileInstance>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub orientation: Option<u16>,
    pub captured_at: Option<String>,
    pub camera: Option<String>,
    pub camera_make: Option<String>,
    pub camera_model: Option<String>,
    pub lens: Option<String>,
    pub gps: Option<Gps>,
    pub creator: Option<String>,
    pub credit: Option<String>,
    pub copyright: Option<String>,
    /// The headline in the source language (Vietnamese); `headlines` has every language.
    pub headline: Option<String>,
    pub headlines: BTreeMap<String, String>,
    pub title: Option<String>,
    pub titles: BTreeMap<String, String>,
    pub captions: BTreeMap<String, String>,
    pub keywords: Vec<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    /// The plan's themes (numbers), audiences, lead units and channels (ids).
    pub themes: Vec<u32>,
    pub audiences: Vec<String>,
    pub lead_units: Vec<String>,
    pub channels: Vec<String>,
    /// Rights and provenance.
    pub usage_terms: Option<String>,
    pub usage_terms_by_lang: BTreeMap<String, String>,
    /// ISO 3166-1 codes where it may be published, or `["worldwide"]`; empty when unstated.
    pub territories: Vec<String>,
    pub rights_expire: Option<String>,
    /// Who is in the picture (IPTC PersonInImage): pictures of people may need a model release.
    pub persons: Vec<String>,
    /// Where the subject is, as fractions across and down: crops are made around it.
    pub focus: Option<[f64; 2]>,
    pub model_release: Option<Release>,
    pub property_release: Option<Release>,
    pub source_type: Option<SourceType>,
    pub source: Option<String>,
    pub licensor: Option<String>,
    pub web_statement: Option<String>,
    pub instructions: Option<String>,
    /// The reportages it is an item of.
    pub reportages: Vec<i64>,
    pub classification: Classification,
    pub embargo_until: Option<String>,
    /// Stars, 0 to 5, and a colour label: the editor's, kept in the catalog.
    pub rating: u8,
    pub label: Option<Label>,
    pub added_at: String,
    pub updated_at: String,
    /// Films and sound: what libav read (absent for photos).
    pub duration_s: Option<f64>,
    pub container: Option<String>,
    pub bit_rate: Option<i64>,
    pub timecode: Option<String>,
    pub video: Option<VideoStream>,
    pub audio: Option<Vec<AudioStream>>,
    pub subtitle_tracks: Option<Vec<SubtitleStream>>,
    pub filmstrip: Option<Filmstrip>,
    pub poster_s: Option<f64>,
}

impl Asset {
    fn set_media(&mut self, media: MediaInfo) {
        self.duration_s = media.duration_s;
        self.container = Some(media.container);
        self.bit_rate = media.bit_rate;
        self.timecode = media.timecode;
        self.video = media.video;
        self.audio = Some(media.audio);
        self.subtitle_tracks = Some(media.subtitle_tracks);
        self.filmstrip = media.filmstrip;
        self.poster_s = media.poster_s;
    }
}

/// What lists and search results show of an asset.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AssetSummary {
    pub id: i64,
    pub kind: Kind,
    pub path: Option<String>,
    pub filename: Option<String>,
    pub headline: Option<String>,
    pub captions: BTreeMap<String, String>,
    pub captured_at: Option<String>,
    pub creator: Option<String>,
    pub camera: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub classification: Classification,
    pub content_hash: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<f64>,
    pub rating: u8,
    pub label: Option<Label>,
}

fn kind_of(row: &Row, idx: &str) -> rusqlite::Result<Kind> {
    let s: String = row.get(idx)?;
    Kind::parse(&s).map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn classification_of(row: &Row) -> rusqlite::Result<Classification> {
    let s: String = row.get("classification")?;
    s.parse().map_err(|e: Error| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn label_of(row: &Row) -> rusqlite::Result<Option<Label>> {
    let s: Option<String> = row.get("label")?;
    s.map(|s| Label::parse(&s))
        .transpose()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn parsed<T: serde::de::DeserializeOwned>(row: &Row, column: &str) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = row.get(column)?;
    Ok(s.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok()))
}

fn camera(make: &Option<String>, model: &Option<String>) -> Option<String> {
    match (make, model) {
        // Models usually repeat the maker ("Canon" / "Canon EOS R6", "NIKON CORPORATION" /
        // "NIKON Z 6_2"); don't say it twice.
        (Some(make), Some(model))
            if make
                .split_whitespace()
                .next()
                .is_some_and(|brand| model.to_lowercase().starts_with(&brand.to_lowercase())) =>
        {
            Some(model.clone())
        }
        (Some(make), Some(model)) => Some(format!("{make} {model}")),
        (None, Some(model)) => Some(model.clone()),
        (Some(make), None) => Some(make.clone()),
        (None, None) => None,
    }
}

fn filename(path: &Option<String>) -> Option<String> {
    path.as_deref().and_then(|p| std::path::Path::new(p).file_name()).map(|n| n.to_string_lossy().into_owned())
}

pub(crate) fn captions(conn: &Connection, id: i64) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT lang, text FROM captions WHERE asset_id = ?1")?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn texts(conn: &Connection, id: i64, field: &str) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT lang, text FROM asset_texts WHERE asset_id = ?1 AND field = ?2")?;
    let rows = stmt.query_map(rusqlite::params![id, field], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Facet → values, each list in the catalog's order.
fn facets(conn: &Connection, id: i64) -> Result<BTreeMap<String, Vec<String>>> {
    let mut stmt = conn.prepare_cached("SELECT facet, value FROM asset_facets WHERE asset_id = ?1")?;
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (facet, value) = row?;
        out.entry(facet).or_default().push(value);
    }
    Ok(out)
}

fn keywords(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT keyword FROM keywords WHERE asset_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn files(conn: &Connection, id: i64) -> Result<Vec<FileInstance>> {
    let mut stmt = conn.prepare_cached("SELECT path, size, mtime_ns FROM files WHERE asset_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([id], |r| Ok(FileInstance { path: r.get(0)?, size: r.get(1)?, mtime_ns: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The full record of asset `id`.
pub fn get(conn: &Connection, id: i64) -> Result<Asset> {
    let mut stmt = conn.prepare_cached("SELECT * FROM assets WHERE id = ?1")?;
    let mut asset = stmt
        .query_row([id], |r| {
            let make: Option<String> = r.get("camera_make")?;
            let model: Option<String> = r.get("camera_model")?;
            let lat: Option<f64> = r.get("gps_lat")?;
            let lon: Option<f64> = r.get("gps_lon")?;
            let alt: Option<f64> = r.get("gps_alt")?;
            let mut asset = Asset {
                id: r.get("id")?,
                kind: kind_of(r, "kind")?,
                content_hash: r.get("content_hash")?,
                size: r.get("size")?,
                format: r.get("format")?,
                support: r.get("support")?,
                support_note: r.get("support_note")?,
                path: None,
                filename: None,
                files: Vec::new(),
                width: r.get("width")?,
                height: r.get("height")?,
                orientation: r.get("orientation")?,
                captured_at: r.get("captured_at")?,
                camera: camera(&make, &model),
                camera_make: make,
                camera_model: model,
                lens: r.get("lens")?,
                gps: lat.zip(lon).map(|(lat, lon)| Gps { lat, lon, alt }),
                creator: r.get("creator")?,
                credit: r.get("credit")?,
                copyright: r.get("copyright")?,
                headline: r.get("headline")?,
                headlines: BTreeMap::new(),
                title: r.get("title")?,
                titles: BTreeMap::new(),
                captions: BTreeMap::new(),
                keywords: Vec::new(),
                city: r.get("city")?,
                province: r.get("province")?,
                location: r.get("location")?,
                country: r.get("country")?,
                themes: Vec::new(),
                audiences: Vec::new(),
                lead_units: Vec::new(),
                channels: Vec::new(),
                usage_terms: r.get("usage_terms")?,
                usage_terms_by_lang: BTreeMap::new(),
                territories: r
                    .get::<_, Option<String>>("territories")?
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or_default(),
                rights_expire: r.get("rights_expire")?,
                persons: r
                    .get::<_, Option<String>>("persons")?
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or_default(),
                focus: r
                    .get::<_, Option<f64>>("focus_x")?
                    .zip(r.get::<_, Option<f64>>("focus_y")?)
                    .map(|(x, y)| [x, y]),
                model_release: parsed(r, "model_release")?,
                property_release: parsed(r, "property_release")?,
                source_type: parsed(r, "source_type")?,
                source: r.get("source")?,
                licensor: r.get("licensor")?,
                web_statement: r.get("web_statement")?,
                instructions: r.get("instructions")?,
                reportages: Vec::new(),
                classification: classification_of(r)?,
                embargo_until: r.get("embargo_until")?,
                rating: r.get("rating")?,
                label: label_of(r)?,
                added_at: r.get("added_at")?,
                updated_at: r.get("updated_at")?,
                duration_s: None,
                container: None,
                bit_rate: None,
                timecode: None,
                video: None,
                audio: None,
                subtitle_tracks: None,
                filmstrip: None,
                poster_s: None,
            };
            let media: Option<String> = r.get("media")?;
            if let Some(media) = media.and_then(|m| serde_json::from_str::<MediaInfo>(&m).ok()) {
                asset.set_media(media);
            }
            Ok(asset)
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no asset has id {id}")))?;
    asset.files = files(conn, id)?;
    asset.path = asset.files.first().map(|f| f.path.clone());
    asset.filename = filename(&asset.path);
    asset.captions = captions(conn, id)?;
    asset.keywords = keywords(conn, id)?;
    let source = crate::translation::SOURCE_LANGUAGE;
    for (field, value) in [("headline", &asset.headline), ("title", &asset.title), ("usage_terms", &asset.usage_terms)]
    {
        let mut by_lang = texts(conn, id, field)?;
        if let Some(v) = value {
            by_lang.insert(source.to_owned(), v.clone());
        }
        match field {
            "headline" => asset.headlines = by_lang,
            "title" => asset.titles = by_lang,
            _ => asset.usage_terms_by_lang = by_lang,
        }
    }
    for (facet, values) in facets(conn, id)? {
        match facet.as_str() {
            "theme" => asset.themes = values.iter().filter_map(|v| v.parse().ok()).collect(),
            "audience" => asset.audiences = values,
            "lead_unit" => asset.lead_units = values,
            _ => asset.channels = values,
        }
    }
    asset.themes.sort_unstable();
    asset.reportages = conn
        .prepare_cached("SELECT DISTINCT reportage_id FROM reportage_items WHERE asset_id = ?1 ORDER BY reportage_id")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(asset)
}

/// The summaries of assets `ids`, in that order, in one query (a search page is hundreds).
pub fn summaries(conn: &Connection, ids: &[i64]) -> Result<Vec<AssetSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.kind, a.headline, a.captured_at, a.creator, a.camera_make, a.camera_model, a.width, a.height,
                a.classification, a.content_hash, a.duration_s, a.rating, a.label,
                (SELECT path FROM files f WHERE f.asset_id = a.id ORDER BY f.id LIMIT 1) AS path,
                (SELECT json_group_object(lang, text) FROM captions c WHERE c.asset_id = a.id) AS captions
         FROM json_each(?1) AS wanted JOIN assets a ON a.id = wanted.value
         ORDER BY wanted.key",
    )?;
    let ids = serde_json::to_string(ids).unwrap_or_default();
    let rows = stmt.query_map([ids], |r| {
        let path: Option<String> = r.get("path")?;
        let captions: Option<String> = r.get("captions")?;
        Ok(AssetSummary {
            id: r.get("id")?,
            kind: kind_of(r, "kind")?,
            filename: filename(&path),
            path,
            headline: r.get("headline")?,
            captions: captions.and_then(|c| serde_json::from_str(&c).ok()).unwrap_or_default(),
            captured_at: r.get("captured_at")?,
            creator: r.get("creator")?,
            camera: camera(&r.get("camera_make")?, &r.get("camera_model")?),
            width: r.get("width")?,
            height: r.get("height")?,
            classification: classification_of(r)?,
            content_hash: r.get("content_hash")?,
            duration_s: r.get("duration_s")?,
            rating: r.get("rating")?,
            label: label_of(r)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The asset a person means by `reference`: an id, or the path of one of its files (NFC or
/// not, relative or absolute).
pub fn find(conn: &Connection, reference: &str) -> Result<Asset> {
    if let Ok(id) = reference.trim().parse::<i64>() {
        if let Ok(asset) = get(conn, id) {
            return Ok(asset);
        }
    }
    let as_given = crate::text::clean(reference);
    let absolute = std::path::absolute(reference).map(|p| crate::text::clean(&p.to_string_lossy())).unwrap_or_default();
    let canonical =
        std::fs::canonicalize(reference).map(|p| crate::text::clean(&p.to_string_lossy())).unwrap_or_default();
    let mut stmt = conn.prepare_cached("SELECT asset_id FROM files WHERE path IN (?1, ?2, ?3) LIMIT 1")?;
    let id: Option<i64> = stmt.query_row([&as_given, &absolute, &canonical], |r| r.get(0)).optional()?;
    match id {
        Some(id) => get(conn, id),
        None => Err(Error::NotFound(format!("no asset matches {reference}"))),
    }
}
