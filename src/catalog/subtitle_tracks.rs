//! The `subtitle_tracks` and `subtitle_profiles` tables: a film's track per language, and the
//! limits editors set per profile and language.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::subtitles::{Cue, Profile};

/// A track as stored.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct SubtitleTrack {
    pub lang: String,
    pub origin: String,
    pub format: String,
    pub encoding: String,
    pub cues: Vec<Cue>,
    pub content_hash: String,
    pub imported_at: String,
    pub actor: String,
}

/// What a list of tracks shows.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TrackSummary {
    pub lang: String,
    pub origin: String,
    pub format: String,
    pub encoding: String,
    pub cue_count: i64,
    pub imported_at: String,
}

/// The hash a track's content is known by: its cues, not the file they came in.
pub fn content_hash(cues: &[Cue]) -> String {
    let mut hasher = blake3::Hasher::new();
    for cue in cues {
        hasher.update(&cue.start_ms.to_le_bytes());
        hasher.update(&cue.end_ms.to_le_bytes());
        hasher.update(cue.text.as_bytes());
        hasher.update(&[0]);
    }
    hasher.finalize().to_hex().to_string()
}

/// Stores a track in place of the asset's track in that language; returns the hash of the
/// track it replaced (`None` when there was none).
pub fn save(conn: &Connection, asset_id: i64, track: &SubtitleTrack) -> Result<Option<String>> {
    let before: Option<String> = conn
        .query_row(
            "SELECT content_hash FROM subtitle_tracks WHERE asset_id = ?1 AND lang = ?2",
            params![asset_id, track.lang],
            |r| r.get(0),
        )
        .optional()?;
    let cues = serde_json::to_string(&track.cues).map_err(|e| Error::InvalidInput(e.to_string()))?;
    conn.execute(
        "INSERT OR REPLACE INTO subtitle_tracks
             (asset_id, lang, origin, format, encoding, cues, cue_count, content_hash, imported_at, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            asset_id,
            track.lang,
            track.origin,
            track.format,
            track.encoding,
            cues,
            track.cues.len() as i64,
            track.content_hash,
            track.imported_at,
            track.actor
        ],
    )?;
    Ok(before)
}

pub fn load(conn: &Connection, asset_id: i64, lang: &str) -> Result<Option<SubtitleTrack>> {
    let row = conn
        .query_row(
            "SELECT lang, origin, format, encoding, cues, content_hash, imported_at, actor
             FROM subtitle_tracks WHERE asset_id = ?1 AND lang = ?2 COLLATE NOCASE",
            params![asset_id, lang],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            },
        )
        .optional()?;
    let Some((lang, origin, format, encoding, cues, content_hash, imported_at, actor)) = row else { return Ok(None) };
    let cues: Vec<Cue> = serde_json::from_str(&cues).map_err(|e| Error::InvalidInput(format!("stored cues: {e}")))?;
    Ok(Some(SubtitleTrack { lang, origin, format, encoding, cues, content_hash, imported_at, actor }))
}

pub fn list(conn: &Connection, asset_id: i64) -> Result<Vec<TrackSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT lang, origin, format, encoding, cue_count, imported_at FROM subtitle_tracks
         WHERE asset_id = ?1 ORDER BY lang",
    )?;
    let rows = stmt.query_map([asset_id], |r| {
        Ok(TrackSummary {
            lang: r.get(0)?,
            origin: r.get(1)?,
            format: r.get(2)?,
            encoding: r.get(3)?,
            cue_count: r.get(4)?,
            imported_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The profile `name` for `lang`: the editors' own for that language, else for its base
/// language ("zh" for "zh-Hant"), else for any language, else the built-in one.
pub fn profile(conn: &Connection, name: &str, lang: &str) -> Result<Profile> {
    let base = crate::subtitles::base_language(lang);
    for key in [lang, base.as_str(), "*"] {
        let stored: Option<String> = conn
            .query_row(
                "SELECT settings FROM subtitle_profiles WHERE name = ?1 AND lang = ?2 COLLATE NOCASE",
                params![name, key],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(settings) = stored {
            let mut profile: Profile = serde_json::from_str(&settings)
                .map_err(|e| Error::InvalidInput(format!("stored profile {name}: {e}")))?;
            profile.lang = lang.to_owned();
            return Ok(profile);
        }
    }
    Profile::built_in(name, lang).ok_or_else(|| {
        Error::NotFound(format!(
            "no subtitle profile {name:?} (built in: netflix, broadcast; or one made with `subs profile`)"
        ))
    })
}

/// Stores an editor's profile for `profile.lang` ("*" for any language).
pub fn save_profile(conn: &Connection, profile: &Profile) -> Result<()> {
    let settings = serde_json::to_string(profile).map_err(|e| Error::InvalidInput(e.to_string()))?;
    conn.execute(
        "INSERT OR REPLACE INTO subtitle_profiles (name, lang, settings) VALUES (?1, ?2, ?3)",
        params![profile.name, profile.lang, settings],
    )?;
    Ok(())
}

/// The profiles editors have stored.
pub fn saved_profiles(conn: &Connection) -> Result<Vec<Profile>> {
    let mut stmt = conn.prepare("SELECT settings FROM subtitle_profiles ORDER BY name, lang")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for settings in rows {
        out.push(serde_json::from_str(&settings?).map_err(|e| Error::InvalidInput(format!("stored profile: {e}")))?);
    }
    Ok(out)
}
