//! Search: FTS5 over folded text (see `text::fold`), with filters, fast at a million assets.
//!
//! Matches are read off the index once, newest catalogued first, up to `EXACT_ORDER_LIMIT`.
//! When that is all of them, they are filtered and ordered by capture time, newest first.
//! Ordering hundreds of thousands of matches for a very common word would take a third of a
//! second, so a broader query is filtered as it is read off the index and stops at the limit.

use rusqlite::types::Value;
use rusqlite::Connection;

use super::{summaries, AssetSummary, Classification, Kind, Label};
use crate::error::{Error, Result};
use crate::taxonomy::Facet;
use crate::text::fold;

const EXACT_ORDER_LIMIT: i64 = 5_000;
/// The longest prefix the FTS table indexes (`prefix = '1 2 3 4'` in the migration).
const INDEXED_PREFIX: usize = 4;

/// What to find: the CLI's arguments and the app's search box and filters alike.
#[derive(Debug, Clone, Default, serde::Deserialize, specta::Type)]
#[serde(default)]
pub struct SearchQuery {
    /// Words to find; the last one also matches as a prefix (type-ahead). `word*` asks for a
    /// prefix anywhere; "quoted words" for a phrase.
    pub text: String,
    pub kind: Option<Kind>,
    /// Capture date bounds, inclusive: "YYYY-MM-DD" or a full local time; empty is no bound.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Matches make or model, without regard to case.
    pub camera: Option<String>,
    pub classification: Option<Classification>,
    /// Films and sound at least / at most this long, in seconds.
    pub min_duration: Option<f64>,
    pub max_duration: Option<f64>,
    /// Upright shape: photos with their EXIF orientation, films with their rotation.
    pub orientation: Option<Orientation>,
    /// A codec of any stream ("h264", "prores", "aac", "subrip"; "avc", "hevc", "srt" too),
    /// or a photo's format ("jpeg").
    pub codec: Option<String>,
    /// At least this many stars.
    pub min_rating: Option<u8>,
    pub label: Option<Label>,
    /// The plan's taxonomy: a theme (its number), an audience, a lead unit or a channel, by id
    /// or by label.
    pub theme: Option<String>,
    pub audience: Option<String>,
    pub lead_unit: Option<String>,
    pub channel: Option<String>,
    pub sort: Sort,
    pub limit: Option<i64>,
}

/// The order of a list or of a search's results. A search matching more than
/// `EXACT_ORDER_LIMIT` assets comes newest catalogued first whatever is asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Newest capture first; assets with no capture time last.
    #[default]
    Newest,
    Oldest,
    /// By file name, A to Z.
    Name,
    /// Most stars first, then newest.
    Rating,
    /// Last catalogued first.
    Added,
}

impl Sort {
    fn order_by(self) -> &'static str {
        match self {
            Sort::Newest => "a.captured_local IS NULL, a.captured_local DESC, a.id DESC",
            Sort::Oldest => "a.captured_local IS NULL, a.captured_local ASC, a.id ASC",
            // The file name is the path after its last '/'.
            Sort::Name => {
                "(SELECT substr(f.path, length(rtrim(f.path, replace(f.path, '/', ''))) + 1) FROM files f
                  WHERE f.asset_id = a.id ORDER BY f.id LIMIT 1) COLLATE NOCASE, a.id"
            }
            Sort::Rating => "a.rating DESC, a.captured_local IS NULL, a.captured_local DESC, a.id DESC",
            Sort::Added => "a.id DESC",
        }
    }
}

impl std::str::FromStr for Sort {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase()))
            .map_err(|_| Error::InvalidInput(format!("unknown order {s:?}: use newest, oldest, name, rating or added")))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    Vertical,
    Horizontal,
    Square,
}

impl std::str::FromStr for Orientation {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vertical" | "portrait" | "dọc" | "doc" => Ok(Orientation::Vertical),
            "horizontal" | "landscape" | "ngang" => Ok(Orientation::Horizontal),
            "square" | "vuông" | "vuong" => Ok(Orientation::Square),
            _ => Err(Error::InvalidInput(format!("unknown orientation {s:?}: use vertical, horizontal or square"))),
        }
    }
}

/// Seconds from "90", "90s", "2m", "1:30" or "01:02:03".
pub fn parse_duration(s: &str) -> Result<f64> {
    let t = s.trim().to_ascii_lowercase();
    let bad = || Error::InvalidInput(format!("not a duration: {s:?} (use seconds, 2m, 1:30 or 01:02:03)"));
    let number = |x: &str| x.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0);
    if t.contains(':') {
        let mut seconds = 0.0;
        for part in t.split(':') {
            seconds = seconds * 60.0 + number(part).ok_or_else(bad)?;
        }
        return Ok(seconds);
    }
    for (suffix, scale) in [("ms", 0.001), ("s", 1.0), ("min", 60.0), ("m", 60.0), ("h", 3600.0)] {
        if let Some(value) = t.strip_suffix(suffix) {
            return number(value).map(|v| v * scale).ok_or_else(bad);
        }
    }
    number(&t).ok_or_else(bad)
}

fn codec_name(codec: &str) -> String {
    let c = codec.trim().to_ascii_lowercase();
    match c.as_str() {
        "avc" | "h.264" | "x264" => "h264".into(),
        "h.265" | "h265" | "x265" => "hevc".into(),
        "srt" => "subrip".into(),
        "jpg" => "jpeg".into(),
        _ => c,
    }
}

/// The assets matching `query`, best first.
///
/// The last word is also a prefix (type-ahead). Prefixes up to `INDEXED_PREFIX` letters have
/// their own index; a longer one makes FTS5 merge the lists of every word it starts, which for
/// a common word costs tens of milliseconds. So for a long last word the words as typed are
/// tried first: when they alone match broadly, that is the answer.
pub fn search(conn: &Connection, query: &SearchQuery) -> Result<Vec<AssetSummary>> {
    summaries(conn, &search_ids(conn, query)?)
}

/// The ids `search` would summarise: what a grid of 100,000 asks for before the summaries
/// of the rows it shows.
pub fn search_ids(conn: &Connection, query: &SearchQuery) -> Result<Vec<i64>> {
    let (Some(exact), Some(typed)) = (match_expression(&query.text, false), match_expression(&query.text, true)) else {
        return list_ids(conn, query);
    };
    let last_word_len = fold(&query.text)
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .map_or(0, |w| w.chars().count());
    let mut fts = typed;
    let mut matches = Vec::new();
    if last_word_len > INDEXED_PREFIX && exact != fts {
        matches = first_matches(conn, &exact)?;
        if matches.len() as i64 > EXACT_ORDER_LIMIT {
            fts = exact;
        } else {
            matches.clear();
        }
    }
    if matches.is_empty() {
        matches = first_matches(conn, &fts)?;
    }

    let (filters, mut args) = filters(conn, query)?;
    let sql = if matches.len() as i64 <= EXACT_ORDER_LIMIT {
        args.insert(0, Value::Text(serde_json::to_string(&matches).unwrap_or_default()));
        format!(
            "SELECT a.id FROM assets a WHERE a.id IN (SELECT value FROM json_each(?)) {filters} ORDER BY {} LIMIT ?",
            query.sort.order_by()
        )
    } else {
        args.insert(0, Value::Text(fts));
        format!("SELECT a.id FROM search JOIN assets a ON a.id = search.rowid WHERE search MATCH ? {filters} ORDER BY search.rowid DESC LIMIT ?")
    };
    args.push(Value::Integer(query.limit.unwrap_or(200).max(0)));
    ids(conn, &sql, args)
}

/// The ids matching an FTS expression, newest catalogued first, one more than the exact-order limit at most.
fn first_matches(conn: &Connection, fts: &str) -> Result<Vec<i64>> {
    ids(
        conn,
        "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
        vec![Value::Text(fts.to_owned()), Value::Integer(EXACT_ORDER_LIMIT + 1)],
    )
}

/// Every asset matching the filters of `query` (its text ignored), in its order.
pub fn list(conn: &Connection, query: &SearchQuery) -> Result<Vec<AssetSummary>> {
    summaries(conn, &list_ids(conn, query)?)
}

fn list_ids(conn: &Connection, query: &SearchQuery) -> Result<Vec<i64>> {
    let (filters, mut args) = filters(conn, query)?;
    args.push(Value::Integer(query.limit.unwrap_or(-1)));
    let sql = format!("SELECT a.id FROM assets a WHERE 1 {filters} ORDER BY {} LIMIT ?", query.sort.order_by());
    ids(conn, &sql, args)
}

fn ids(conn: &Connection, sql: &str, args: Vec<Value>) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The taxonomy filters of `query`, each resolved to the id items carry.
pub fn facet_filters(conn: &Connection, query: &SearchQuery) -> Result<Vec<(Facet, String)>> {
    let mut out = Vec::new();
    for (facet, wanted) in [
        (Facet::Theme, &query.theme),
        (Facet::Audience, &query.audience),
        (Facet::LeadUnit, &query.lead_unit),
        (Facet::Channel, &query.channel),
    ] {
        if let Some(wanted) = wanted.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
            out.push((facet, crate::taxonomy::resolve(conn, facet.list(), wanted)?));
        }
    }
    Ok(out)
}

/// The FTS5 expression for what a person typed (the last word also a prefix), if anything
/// searchable is left.
pub fn typed_expression(text: &str) -> Option<String> {
    match_expression(text, true)
}

fn filters(conn: &Connection, query: &SearchQuery) -> Result<(String, Vec<Value>)> {
    let mut sql = String::new();
    let mut args = Vec::new();
    for (facet, value) in facet_filters(conn, query)? {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM asset_facets f WHERE f.asset_id = a.id AND f.facet = ? AND f.value = ?)",
        );
        args.extend([Value::Text(facet.code().into()), Value::Text(value)]);
    }
    if let Some(kind) = query.kind {
        sql.push_str(" AND a.kind = ?");
        args.push(Value::Text(kind.code().into()));
    }
    let given = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    if let Some(from) = given(&query.from) {
        sql.push_str(" AND a.captured_local >= ?");
        args.push(Value::Text(date_bound(&from)?));
    }
    if let Some(to) = given(&query.to) {
        // A date alone means the whole day: anything before the next day.
        let bound = date_bound(&to)?;
        if bound.len() == 10 {
            sql.push_str(" AND a.captured_local < ?");
            args.push(Value::Text(next_day(&bound)?));
        } else {
            sql.push_str(" AND a.captured_local <= ?");
            args.push(Value::Text(bound));
        }
    }
    if let Some(camera) = given(&query.camera) {
        sql.push_str(
            " AND (a.camera_model LIKE ? OR a.camera_make LIKE ? OR (a.camera_make || ' ' || a.camera_model) LIKE ?)",
        );
        let pattern = format!("%{}%", camera.trim().replace(['%', '_'], ""));
        args.extend([Value::Text(pattern.clone()), Value::Text(pattern.clone()), Value::Text(pattern)]);
    }
    if let Some(classification) = query.classification {
        sql.push_str(" AND a.classification = ?");
        args.push(Value::Text(classification.code().into()));
    }
    if let Some(min) = query.min_duration {
        sql.push_str(" AND a.duration_s >= ?");
        args.push(Value::Real(min));
    }
    if let Some(max) = query.max_duration {
        sql.push_str(" AND a.duration_s <= ?");
        args.push(Value::Real(max));
    }
    if let Some(orientation) = query.orientation {
        const SHOWN_W: &str = "(CASE WHEN a.orientation IN (5, 6, 7, 8) THEN a.height ELSE a.width END)";
        const SHOWN_H: &str = "(CASE WHEN a.orientation IN (5, 6, 7, 8) THEN a.width ELSE a.height END)";
        let op = match orientation {
            Orientation::Vertical => "<",
            Orientation::Horizontal => ">",
            Orientation::Square => "=",
        };
        sql.push_str(&format!(" AND {SHOWN_W} {op} {SHOWN_H}"));
    }
    if let Some(stars) = query.min_rating {
        sql.push_str(" AND a.rating >= ?");
        args.push(Value::Integer(stars.into()));
    }
    if let Some(label) = query.label {
        sql.push_str(" AND a.label = ?");
        args.push(Value::Text(label.code().into()));
    }
    if let Some(codec) = given(&query.codec) {
        sql.push_str(
            " AND (EXISTS (SELECT 1 FROM media_streams s WHERE s.asset_id = a.id AND s.codec = ?) OR a.format = ?)",
        );
        let name = codec_name(&codec);
        args.extend([Value::Text(name.clone()), Value::Text(name)]);
    }
    Ok((sql, args))
}

fn date_bound(s: &str) -> Result<String> {
    let s = s.trim();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.get(0..10).unwrap_or(s), &format)
        .map_err(|_| Error::InvalidInput(format!("not a date: {s:?} (use YYYY-MM-DD)")))?;
    Ok(s.replace(' ', "T"))
}

fn next_day(date: &str) -> Result<String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let day = time::Date::parse(date, &format).map_err(|_| Error::InvalidInput(format!("not a date: {date:?}")))?;
    let next = day.next_day().ok_or_else(|| Error::InvalidInput(format!("no day after {date}")))?;
    Ok(next.format(&format).unwrap_or_default())
}

/// Turns what a person typed into an FTS5 expression of quoted, folded terms (so nothing they
/// type is taken as FTS syntax); with `type_ahead`, the last word is also a prefix. `None` when
/// nothing searchable is left.
fn match_expression(text: &str, type_ahead: bool) -> Option<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut prefix_flags: Vec<bool> = Vec::new();
    for (i, chunk) in text.split('"').enumerate() {
        let phrase = i % 2 == 1;
        let words: Vec<(String, bool)> = fold(chunk)
            .split(|c: char| !(c.is_alphanumeric() || c == '*'))
            .filter_map(|w| {
                let prefix = w.ends_with('*');
                let w = w.trim_matches('*');
                (!w.is_empty() && !w.contains('*')).then(|| (w.to_owned(), prefix))
            })
            .collect();
        if words.is_empty() {
            continue;
        }
        if phrase {
            let joined = words.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" ");
            terms.push(format!("\"{joined}\""));
            prefix_flags.push(words.last().is_some_and(|(_, p)| *p));
        } else {
            for (w, p) in words {
                terms.push(format!("\"{w}\""));
                prefix_flags.push(p);
            }
        }
    }
    // Type-ahead: the last word may still be being typed.
    if let Some(last) = prefix_flags.last_mut() {
        if type_ahead && !text.trim_end().ends_with('"') {
            *last = true;
        }
    }
    let expr: Vec<String> =
        terms.into_iter().zip(prefix_flags).map(|(t, p)| if p { format!("{t}*") } else { t }).collect();
    (!expr.is_empty()).then(|| expr.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::write::{add_file, insert_asset, Seen};
    use crate::catalog::Content;
    use crate::probe::{CaptureTime, PhotoInfo};

    /// `n` assets headlined "Đồng Nai <word>", captured on days that do not follow id order.
    fn catalog(n: usize, word: impl Fn(usize) -> String) -> Connection {
        let conn = crate::db::open_in_memory().expect("catalog");
        for i in 0..n {
            let day = 1 + (i * 7) % 28;
            let info = PhotoInfo {
                headline: Some(format!("Đồng Nai {}", word(i))),
                captured: CaptureTime::from_iso(&format!("2025-03-{day:02}T10:00:00")),
                ..Default::default()
            };
            let hash = format!("{i:064}");
            let content = Content::photo(&hash, 1, &info);
            let id = insert_asset(&conn, &content, Classification::Internal, "now").expect("insert");
            let path = format!("/photos/{i}.jpg");
            add_file(&conn, id, &Seen::plain(path.as_bytes(), &path, 1, 0), "now").expect("file");
        }
        conn
    }

    #[test]
    fn narrow_results_come_newest_capture_first_broad_ones_newest_catalogued_first() {
        let conn =
            catalog(EXACT_ORDER_LIMIT as usize + 100, |i| if i % 1000 == 0 { "thuong".into() } else { "cang".into() });
        let narrow = search(&conn, &SearchQuery { text: "thuong".into(), ..Default::default() }).expect("search");
        assert_eq!(narrow.len(), 6);
        let dates: Vec<_> = narrow.iter().map(|a| a.captured_at.clone().unwrap_or_default()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

        let broad = search(&conn, &SearchQuery { text: "dong nai".into(), limit: Some(50), ..Default::default() })
            .expect("search");
        assert_eq!(broad.len(), 50);
        assert!(broad.windows(2).all(|w| w[0].id > w[1].id));
        // Capture days are 1, 8, 15 and 22, a quarter each; filters apply while streaming.
        let query = SearchQuery {
            text: "dong".into(),
            from: Some("2025-03-22".into()),
            limit: Some(10_000),
            ..Default::default()
        };
        let filtered = search(&conn, &query).expect("search");
        assert_eq!(filtered.len(), (EXACT_ORDER_LIMIT as usize + 100) / 4);
        assert!(filtered.iter().all(|a| a.captured_at.as_deref() == Some("2025-03-22T10:00:00")));
    }

    #[test]
    fn a_long_last_word_is_still_a_prefix_when_it_matches_nothing_by_itself() {
        let conn = catalog(10, |i| format!("thuongmai{i}"));
        let hits = search(&conn, &SearchQuery { text: "thuongma".into(), ..Default::default() }).expect("search");
        assert_eq!(hits.len(), 10);
        let summary = &hits[0];
        // Day 22 holds 3 and 7; the later catalogued comes first.
        assert_eq!(summary.path.as_deref(), Some("/photos/7.jpg"));
        assert_eq!(summary.filename.as_deref(), Some("7.jpg"));
    }

    #[test]
    fn queries_are_folded_quoted_and_prefixed_last() {
        assert_eq!(match_expression("Đồng Nai", true).as_deref(), Some("\"dong\" \"nai\"*"));
        assert_eq!(match_expression("bien* hoa", true).as_deref(), Some("\"bien\"* \"hoa\"*"));
        assert_eq!(match_expression("\"ho tri an\" lake", true).as_deref(), Some("\"ho tri an\" \"lake\"*"));
        assert_eq!(match_expression("\"ho tri an\"", true).as_deref(), Some("\"ho tri an\""));
        assert_eq!(match_expression("NEAR(a b) OR -x", true).as_deref(), Some("\"near\" \"a\" \"b\" \"or\" \"x\"*"));
        assert_eq!(match_expression("  ** \" ", true).as_deref(), None);
        assert_eq!(match_expression("Đồng Nai", false).as_deref(), Some("\"dong\" \"nai\""));
        assert_eq!(match_expression("bien*", false).as_deref(), Some("\"bien\"*"));
    }
}
