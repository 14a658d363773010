//! Writing assets, their files and their search rows. Callers hold the transaction.

use rusqlite::{params, Connection, OptionalExtension};

use super::{Classification, Kind};
use crate::error::Result;
use crate::probe::{MediaInfo, PhotoInfo};
use crate::text::fold;

/// Bumped when readers learn to read more; assets read by an older reader are read again.
pub const META_VERSION: i64 = 3;

/// A file's content and what it says about itself, ready to be catalogued.
pub struct Content<'a> {
    pub kind: Kind,
    pub hash: &'a str,
    pub size: u64,
    pub format: &'a str,
    /// Why only metadata could be catalogued (pixels not decodable), if so.
    pub support_note: Option<String>,
    pub info: &'a PhotoInfo,
    /// What libav read from a film or sound file.
    pub media: Option<&'a MediaInfo>,
}

impl<'a> Content<'a> {
    /// A fully readable JPEG photo: what tests and benchmarks catalogue by the thousand.
    pub fn photo(hash: &'a str, size: u64, info: &'a PhotoInfo) -> Self {
        Content { kind: Kind::Photo, hash, size, format: "jpeg", support_note: None, info, media: None }
    }
}

/// A file row as the catalog last saw it.
pub struct KnownFile {
    pub file_id: i64,
    pub asset_id: i64,
    pub size: u64,
    pub mtime_ns: i64,
    /// When its XMP sidecar was last read with it (`None`: it had none).
    pub sidecar_mtime_ns: Option<i64>,
    /// Worth reading again although unchanged: read by an older reader, or a film or sound
    /// catalogued without pictures (its decoder crashed, hung or failed).
    pub stale: bool,
}

/// Assets worth reading again whatever their files say (usually none).
const STALE: &str = "a.meta_version < ?9 OR (a.kind IN ('video', 'audio') AND a.support = 'metadata_only')";

fn known_of(r: &rusqlite::Row) -> rusqlite::Result<(Vec<u8>, KnownFile)> {
    Ok((
        r.get(0)?,
        KnownFile {
            file_id: r.get(1)?,
            asset_id: r.get(2)?,
            size: r.get(3)?,
            mtime_ns: r.get(4)?,
            sidecar_mtime_ns: r.get(5)?,
            stale: r.get(6)?,
        },
    ))
}

pub fn known_file(conn: &Connection, os_path: &[u8]) -> Result<Option<KnownFile>> {
    let sql = format!(
        "SELECT f.os_path, f.id, f.asset_id, f.size, f.mtime_ns, f.sidecar_mtime_ns, {STALE}
         FROM files f JOIN assets a ON a.id = f.asset_id WHERE f.os_path = ?1"
    )
    .replace("?9", "?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt.query_row(params![os_path, META_VERSION], known_of).optional()?.map(|(_, k)| k))
}

/// Every file the catalog knows below the folder `dir` (its path's bytes), by path: one range
/// of the path index read in order, instead of a look-up a file (a re-ingest of 10,000 files).
/// Stale assets are few and found apart, so the files are read without joining each to its asset.
pub fn known_files_under(conn: &Connection, dir: &[u8]) -> Result<rustc_hash::FxHashMap<Vec<u8>, KnownFile>> {
    let mut from = dir.to_vec();
    if from.last() != Some(&b'/') {
        from.push(b'/');
    }
    // Paths below the folder sort between "dir/" and "dir0" ('0' follows '/').
    let mut to = from.clone();
    if let Some(last) = to.last_mut() {
        *last = b'0';
    }
    let stale: rustc_hash::FxHashSet<i64> = conn
        .prepare_cached(&format!("SELECT a.id FROM assets a WHERE {}", STALE.replace("?9", "?1")))?
        .query_map([META_VERSION], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT os_path, id, asset_id, size, mtime_ns, sidecar_mtime_ns, 0 FROM files WHERE os_path >= ?1 AND os_path < ?2",
    )?;
    let rows = stmt.query_map([from, to], known_of)?;
    rows.map(|row| {
        let (path, mut known) = row?;
        known.stale = stale.contains(&known.asset_id);
        Ok((path, known))
    })
    .collect()
}

pub fn asset_by_hash(conn: &Connection, hash: &str) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM assets WHERE content_hash = ?1")?;
    Ok(stmt.query_row([hash], |r| r.get(0)).optional()?)
}

/// The files of an asset: (file id, path bytes).
pub fn files_of(conn: &Connection, asset_id: i64) -> Result<Vec<(i64, Vec<u8>)>> {
    let mut stmt = conn.prepare_cached("SELECT id, os_path FROM files WHERE asset_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([asset_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_asset(conn: &Connection, content: &Content, classification: Classification, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO assets (kind, content_hash, size, format, classification, meta_version, added_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![
        content.kind.code(),
        content.hash,
        content.size,
        content.format,
        classification.code(),
        META_VERSION,
        now
    ])?;
    let id = conn.last_insert_rowid();
    write_embedded(conn, id, content, now)?;
    Ok(id)
}

/// Replaces what the file says about itself; editorial state (classification, embargo) stays.
/// Callers then record the file (`add_file`, `update_file`), which rebuilds the search row
/// once, with the file name in it.
pub fn write_embedded(conn: &Connection, id: i64, content: &Content, now: &str) -> Result<()> {
    let i = content.info;
    conn.prepare_cached(
        "UPDATE assets SET kind = ?2, content_hash = ?3, size = ?4, format = ?5,
            support = ?6, support_note = ?7, width = ?8, height = ?9, orientation = ?10,
            captured_at = ?11, captured_local = ?12, camera_make = ?13, camera_model = ?14, lens = ?15,
            gps_lat = ?16, gps_lon = ?17, gps_alt = ?18, creator = ?19, credit = ?20, copyright = ?21,
            headline = ?22, title = ?23, city = ?24, province = ?25, location = ?26, country = ?27,
            usage_terms = ?28, meta_version = ?29, updated_at = ?30, duration_s = ?31, media = ?32,
            source = ?33, instructions = ?34, web_statement = ?35, licensor = ?36, model_release = ?37,
            property_release = ?38, rating = ?39, label = ?40, territories = ?41, rights_expire = ?42, source_type = ?43,
            persons = ?44
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        content.kind.code(),
        content.hash,
        content.size,
        content.format,
        if content.support_note.is_some() { "metadata_only" } else { "full" },
        content.support_note,
        i.width,
        i.height,
        i.orientation,
        i.captured.map(|c| c.to_string()),
        i.captured.map(|c| c.local()),
        i.camera_make,
        i.camera_model,
        i.lens,
        i.gps.map(|g| g.lat),
        i.gps.map(|g| g.lon),
        i.gps.and_then(|g| g.alt),
        i.creator,
        i.credit,
        i.copyright,
        i.headline,
        i.title,
        i.city,
        i.province,
        i.location,
        i.country,
        i.usage_terms,
        META_VERSION,
        now,
        content.media.and_then(|m| m.duration_s),
        content.media.map(|m| serde_json::to_string(m).unwrap_or_default()),
        i.source,
        i.instructions,
        i.web_statement,
        i.licensor,
        i.model_release.map(|r| r.code()),
        i.property_release.map(|r| r.code()),
        i.rating.unwrap_or(0),
        i.label.map(|l| l.code()),
        (!i.territories.is_empty()).then(|| serde_json::to_string(&i.territories).unwrap_or_default()),
        i.rights_expire,
        i.source_type.and_then(|t| serde_json::to_value(t).ok()?.as_str().map(str::to_owned)),
        (!i.persons.is_empty()).then(|| serde_json::to_string(&i.persons).unwrap_or_default()),
    ])?;
    write_streams(conn, id, content.media)?;
    conn.prepare_cached("DELETE FROM asset_texts WHERE asset_id = ?1")?.execute([id])?;
    let mut text =
        conn.prepare_cached("INSERT INTO asset_texts (asset_id, field, lang, text) VALUES (?1, ?2, ?3, ?4)")?;
    for (field, by_lang) in [("headline", &i.headlines), ("title", &i.titles), ("usage_terms", &i.usage_terms_by_lang)]
    {
        for (lang, t) in by_lang {
            text.execute(params![id, field, lang, t])?;
        }
    }
    conn.prepare_cached("DELETE FROM asset_facets WHERE asset_id = ?1")?.execute([id])?;
    // Only what this library's taxonomy knows (a sidecar may come from another one).
    let mut facet = conn.prepare_cached(
        "INSERT OR IGNORE INTO asset_facets (asset_id, facet, value)
         SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM taxonomy WHERE facet = ?4 AND id = ?3)",
    )?;
    for (f, value) in &i.facets {
        facet.execute(params![id, f.code(), value, f.list().code()])?;
    }
    conn.prepare_cached("DELETE FROM captions WHERE asset_id = ?1")?.execute([id])?;
    let mut caption = conn.prepare_cached("INSERT INTO captions (asset_id, lang, text) VALUES (?1, ?2, ?3)")?;
    for (lang, text) in &i.captions {
        caption.execute(params![id, lang, text])?;
    }
    conn.prepare_cached("DELETE FROM keywords WHERE asset_id = ?1")?.execute([id])?;
    let mut keyword = conn.prepare_cached("INSERT INTO keywords (asset_id, position, keyword) VALUES (?1, ?2, ?3)")?;
    for (position, k) in i.keywords.iter().enumerate() {
        keyword.execute(params![id, position as i64, k])?;
    }
    super::edits::reapply(conn, id, now)
}

fn write_streams(conn: &Connection, id: i64, media: Option<&MediaInfo>) -> Result<()> {
    conn.prepare_cached("DELETE FROM media_streams WHERE asset_id = ?1")?.execute([id])?;
    let Some(media) = media else { return Ok(()) };
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO media_streams (asset_id, stream_index, kind, codec, language) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    if let Some(v) = &media.video {
        insert.execute(params![id, v.index, "video", v.codec, Option::<String>::None])?;
    }
    for a in &media.audio {
        insert.execute(params![id, a.index, "audio", a.codec, a.language])?;
    }
    for s in &media.subtitle_tracks {
        insert.execute(params![id, s.index, "subtitle", s.codec, s.language])?;
    }
    Ok(())
}

/// A file as an ingest saw it: where, how large, when last changed (and its sidecar).
pub struct Seen<'a> {
    pub os_path: &'a [u8],
    pub path: &'a str,
    pub size: u64,
    pub mtime_ns: i64,
    pub sidecar_mtime_ns: Option<i64>,
}

impl<'a> Seen<'a> {
    /// A file seen without a sidecar (tests and benchmarks).
    pub fn plain(os_path: &'a [u8], path: &'a str, size: u64, mtime_ns: i64) -> Self {
        Seen { os_path, path, size, mtime_ns, sidecar_mtime_ns: None }
    }
}

pub fn add_file(conn: &Connection, asset_id: i64, seen: &Seen, now: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO files (asset_id, os_path, path, size, mtime_ns, sidecar_mtime_ns, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![asset_id, seen.os_path, seen.path, seen.size, seen.mtime_ns, seen.sidecar_mtime_ns, now])?;
    reindex(conn, asset_id)
}

/// Points an existing file row at a new place (a move or rename) or new content.
pub fn update_file(conn: &Connection, file_id: i64, asset_id: i64, seen: &Seen) -> Result<()> {
    let old_asset: i64 = conn.query_row("SELECT asset_id FROM files WHERE id = ?1", [file_id], |r| r.get(0))?;
    conn.prepare_cached(
        "UPDATE files SET asset_id = ?2, os_path = ?3, path = ?4, size = ?5, mtime_ns = ?6, sidecar_mtime_ns = ?7
         WHERE id = ?1",
    )?
    .execute(params![
        file_id,
        asset_id,
        seen.os_path,
        seen.path,
        seen.size,
        seen.mtime_ns,
        seen.sidecar_mtime_ns
    ])?;
    reindex(conn, asset_id)?;
    if old_asset != asset_id {
        reindex(conn, old_asset)?;
    }
    Ok(())
}

/// The rights fields of an asset as text, for noticing what a re-read file changed.
fn rights_of(conn: &Connection, id: i64) -> Result<Vec<(&'static str, Option<String>)>> {
    const FIELDS: [&str; 12] = [
        "credit",
        "copyright",
        "usage_terms",
        "source",
        "licensor",
        "web_statement",
        "instructions",
        "model_release",
        "property_release",
        "territories",
        "rights_expire",
        "source_type",
    ];
    let sql = format!(
        "SELECT {}, (SELECT group_concat(lang || ': ' || text, ' | ') FROM asset_texts
                     WHERE asset_id = ?1 AND field = 'usage_terms') FROM assets WHERE id = ?1",
        FIELDS.join(", ")
    );
    let values: Vec<Option<String>> = conn.prepare_cached(&sql)?.query_row([id], |r| {
        (0..=FIELDS.len()).map(|i| r.get::<_, Option<String>>(i)).collect::<rusqlite::Result<_>>()
    })?;
    Ok(FIELDS.iter().copied().chain(std::iter::once("usage_terms:other")).zip(values).collect())
}

/// Reads an existing asset's file again (`write_embedded`), and writes to the audit log every
/// change of its rights the file (or its sidecar) brought: those changes are traced too.
pub fn reread(conn: &Connection, id: i64, content: &Content, actor: &str, now: &str) -> Result<()> {
    let before = rights_of(conn, id)?;
    write_embedded(conn, id, content, now)?;
    for ((field, from), (_, to)) in before.into_iter().zip(rights_of(conn, id)?) {
        if from != to {
            let detail = serde_json::json!({ "field": field, "from": from, "to": to, "reason": "read from the file" });
            crate::audit::append(conn, now, actor, "rights", crate::audit::Subject::Asset(id), &detail)?;
        }
    }
    Ok(())
}

/// Sets a classification outside an editor's edit (at ingest), with its audit entry.
pub fn set_classification(
    conn: &Connection,
    id: i64,
    to: Classification,
    actor: &str,
    reason: &str,
    now: &str,
) -> Result<()> {
    let from: String = conn.query_row("SELECT classification FROM assets WHERE id = ?1", [id], |r| r.get(0))?;
    conn.prepare_cached("UPDATE assets SET classification = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
        id,
        to.code(),
        now
    ])?;
    let detail = serde_json::json!({ "field": "classification", "from": from, "to": to.code(), "reason": reason });
    crate::audit::append(conn, now, actor, "classification", crate::audit::Subject::Asset(id), &detail)?;
    crate::reportage::reopen_published_with(conn, id, actor, now)
}

/// Puts an asset's embargo to `until` if that is later than the one it has, with its audit entry.
pub fn lengthen_embargo(conn: &Connection, id: i64, until: &str, actor: &str, reason: &str, now: &str) -> Result<()> {
    let from: Option<String> = conn.query_row("SELECT embargo_until FROM assets WHERE id = ?1", [id], |r| r.get(0))?;
    if from.as_deref().is_some_and(|f| !crate::reportage::is_after(until, f)) {
        return Ok(());
    }
    conn.execute("UPDATE assets SET embargo_until = ?2 WHERE id = ?1", params![id, until])?;
    let detail = serde_json::json!({ "field": "embargo_until", "from": from, "to": until, "reason": reason });
    crate::audit::append(conn, now, actor, "embargo", crate::audit::Subject::Asset(id), &detail)?;
    crate::reportage::reopen_published_with(conn, id, actor, now)
}

/// Rebuilds the search row of asset `id` from the catalog, folded for diacritic-blind search.
pub fn reindex(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM search WHERE rowid = ?1")?.execute([id])?;
    let row = conn
        .prepare_cached(
            "SELECT headline, creator, credit, location, city, province, country, title, camera_make, camera_model, lens, copyright,
                    coalesce(usage_terms, '') || ' ' || coalesce(source, '') || ' ' || coalesce(instructions, ''),
                    (SELECT group_concat(codec || ' ' || coalesce(language, ''), ' ') FROM media_streams WHERE asset_id = ?1)
             FROM assets WHERE id = ?1",
        )?
        .query_row([id], |r| {
            let col = |i: usize| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default);
            Ok([
                col(0)?, col(1)?, col(2)?, col(3)?, col(4)?, col(5)?, col(6)?, col(7)?, col(8)?, col(9)?, col(10)?, col(11)?,
                col(12)?, col(13)?,
            ])
        })
        .optional()?;
    let Some(
        [headline, creator, credit, location, city, province, country, title, make, model, lens, copyright, terms, streams],
    ) = row
    else {
        return Ok(());
    };
    let captions: Vec<String> = super::assets::captions(conn, id)?.into_values().collect();
    // Headlines, titles and usage terms in other languages are found like the source's.
    let texts: Vec<(String, String)> = conn
        .prepare_cached("SELECT field, text FROM asset_texts WHERE asset_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let translated = |field: &str| -> String {
        texts.iter().filter(|(f, _)| f == field).map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ; ")
    };
    let keywords: Vec<String> = conn
        .prepare_cached("SELECT keyword FROM keywords WHERE asset_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let filenames: Vec<String> = conn
        .prepare_cached("SELECT path FROM files WHERE asset_id = ?1")?
        .query_map([id], |r| r.get::<_, String>(0))?
        .filter_map(|p| p.ok())
        .filter_map(|p| std::path::Path::new(&p).file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    conn.prepare_cached(
        "INSERT INTO search (rowid, headline, captions, keywords, creator, place, filename, other) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        fold(&format!("{headline} ; {}", translated("headline"))),
        fold(&captions.join("\n")),
        fold(&keywords.join(" ; ")),
        fold(&format!("{creator} ; {credit}")),
        fold(&format!("{location} ; {city} ; {province} ; {country}")),
        fold(&filenames.join(" ; ")),
        fold(&format!(
            "{title} ; {} ; {make} {model} ; {lens} ; {copyright} ; {terms} ; {} ; {streams}",
            translated("title"),
            translated("usage_terms")
        )),
    ])?;
    Ok(())
}
