//! A film's shot list as broadcasters take it: each shot's timecode in and out (from the
//! film's own timecode), what it shows in the kit's languages, where and when it was filmed,
//! its credit and its restrictions; written as CSV and as PDF, and read from an editor's CSV.

mod csv_in;
mod library;
mod timecode;

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::catalog::shots::Shot;
use crate::catalog::Asset;
use crate::error::Result;

pub use csv_in::read_csv;
pub use library::{ShotsImport, TimedShot};
pub use timecode::Clock;

const TEMPLATE: &str = include_str!("../../assets/kits/shot-list.typ");
const LABELS: &str = include_str!("../../assets/kits/shot-list-labels.json");

/// The clock of the film as catalogued: its own rate and start timecode.
pub fn film_clock(a: &Asset) -> Clock {
    let video = a.video.as_ref();
    Clock::new(
        video.and_then(|v| v.fps_rational.as_deref()),
        video.and_then(|v| v.fps),
        a.timecode.as_deref().or(video.and_then(|v| v.timecode.as_deref())),
    )
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShotList {
    /// The file the timecodes refer to.
    pub file: String,
    pub clock: Clock,
    pub length_ms: i64,
    pub languages: Vec<String>,
    /// The film's headline in each language it has one.
    pub titles: Vec<(String, String)>,
    pub rows: Vec<Row>,
}

/// A shot with the film's own place, date, credit and restrictions where it has none.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub start_ms: i64,
    pub end_ms: i64,
    pub description: BTreeMap<String, String>,
    pub location: Option<String>,
    pub date: Option<String>,
    pub credit: Option<String>,
    pub restrictions: Option<String>,
}

impl ShotList {
    /// The list of film `a` in `languages`, timed by `clock` (the delivered file's). A film
    /// with no shot list is one shot, the whole film, described by its caption.
    pub fn new(a: &Asset, shots: &[Shot], languages: &[String], clock: Clock, file: String) -> ShotList {
        let length_ms = a.duration_s.map_or(0, |d| (d * 1000.0).round() as i64);
        let whole;
        let shots = if shots.is_empty() {
            let description = languages
                .iter()
                .filter_map(|l| a.captions.get(l).or_else(|| a.headlines.get(l)).map(|t| (l.clone(), t.clone())))
                .collect();
            whole = [Shot { start_ms: 0, end_ms: length_ms.max(1), description, ..Shot::default() }];
            &whole[..]
        } else {
            shots
        };
        let place: Vec<&str> = [&a.location, &a.city, &a.province].into_iter().flatten().map(String::as_str).collect();
        let place = Some(place.join(", ")).filter(|p| !p.is_empty());
        let date = a.captured_at.as_deref().map(|d| d.chars().take(10).collect::<String>());
        let credit = a.credit.clone().or_else(|| a.creator.clone());
        let rows = shots
            .iter()
            .map(|s| Row {
                start_ms: s.start_ms,
                end_ms: s.end_ms,
                description: s
                    .description
                    .iter()
                    .filter(|(l, _)| languages.contains(l))
                    .map(|(l, t)| (l.clone(), t.clone()))
                    .collect(),
                location: s.location.clone().or_else(|| place.clone()),
                date: s.date.clone().or_else(|| date.clone()),
                credit: s.credit.clone().or_else(|| credit.clone()),
                restrictions: s.restrictions.clone().or_else(|| a.usage_terms.clone()),
            })
            .collect();
        let titles = languages.iter().filter_map(|l| a.headlines.get(l).map(|h| (l.clone(), h.clone()))).collect();
        ShotList { file, clock, length_ms, languages: languages.to_vec(), titles, rows }
    }

    /// The list as CSV, UTF-8 with a byte-order mark (so spreadsheets read Vietnamese and CJK
    /// right); `read_csv` takes it back.
    pub fn csv(&self) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        let mut header = vec!["shot".to_owned(), "tc_in".into(), "tc_out".into(), "duration".into()];
        header.extend(self.languages.iter().map(|l| format!("description_{l}")));
        header.extend(["location", "date", "credit", "restrictions"].map(String::from));
        // Writing to memory cannot fail.
        let _ = w.write_record(&header);
        for (i, r) in self.rows.iter().enumerate() {
            let mut record = vec![
                (i + 1).to_string(),
                self.clock.at(r.start_ms),
                self.clock.at(r.end_ms),
                self.clock.duration(r.start_ms, r.end_ms),
            ];
            record.extend(self.languages.iter().map(|l| r.description.get(l).cloned().unwrap_or_default()));
            for field in [&r.location, &r.date, &r.credit, &r.restrictions] {
                record.push(field.clone().unwrap_or_default());
            }
            let _ = w.write_record(&record);
        }
        w.into_inner().unwrap_or_default()
    }

    /// The list as PDF, its fonts embedded. `ident` names the document stably (the same list
    /// makes the same bytes); `footer` says whose it is.
    pub fn pdf(&self, ident: &str, footer: &str) -> Result<Vec<u8>> {
        let labels: Value = serde_json::from_str(LABELS).unwrap_or_default();
        let mut families = vec!["Noto Sans"];
        let language = |tag: &str| {
            let (args, family) = text_args(tag);
            json!({"tag": tag, "text": args, "labels": labels_for(&labels, tag), "family": family})
        };
        let languages: Vec<Value> = self.languages.iter().map(|l| language(l)).collect();
        for l in &languages {
            if let Some(f) = l["family"].as_str() {
                families.push(f);
            }
        }
        let titles: Vec<Value> =
            self.titles.iter().map(|(l, h)| json!({"text": text_args(l).0, "headline": h})).collect();
        let shots: Vec<Value> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "n": i + 1,
                    "tc_in": self.clock.at(r.start_ms),
                    "tc_out": self.clock.at(r.end_ms),
                    "duration": self.clock.duration(r.start_ms, r.end_ms),
                    "description": r.description,
                    "location": r.location, "date": r.date, "credit": r.credit, "restrictions": r.restrictions,
                })
            })
            .collect();
        let title = self.titles.first().map(|(_, h)| h.as_str()).unwrap_or(&self.file);
        let data = json!({
            "title": title,
            "footer": footer,
            "languages": languages,
            "source": {"text": text_args(crate::translation::SOURCE_LANGUAGE).0},
            "titles": titles,
            "film": {
                "file": self.file,
                "start": self.clock.at(0),
                "length": self.clock.duration(0, self.length_ms),
                "rate": self.clock.rate_label(),
            },
            "shots": shots,
        });
        crate::pdf::render(TEMPLATE, &data, ident, &families)
    }
}

/// typst's text settings for a passage in `tag`: its language and region (CJK punctuation and
/// line breaking follow them) and fonts, Noto Sans then the CJK face drawn for that language.
fn text_args(tag: &str) -> (Value, Option<&'static str>) {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("vi").to_lowercase();
    let rest: Vec<String> = parts.map(str::to_owned).collect();
    let face = crate::text::noto_face(tag);
    let family = (face != "Noto Sans").then_some(face);
    let region = match face {
        "Noto Sans CJK TC" => Some("TW".to_owned()),
        "Noto Sans CJK SC" => Some("CN".to_owned()),
        _ => rest.iter().find(|p| p.len() == 2).map(|p| p.to_uppercase()),
    };
    let fonts: Vec<&str> = ["Noto Sans"].into_iter().chain(family).collect();
    let mut args = json!({"lang": lang, "font": fonts});
    if let Some(r) = region {
        args["region"] = json!(r);
    }
    (args, family)
}

/// The labels in `tag`, else in its language, else in English.
fn labels_for(labels: &Value, tag: &str) -> Value {
    let lang = tag.split('-').next().unwrap_or_default().to_lowercase();
    let traditional = crate::text::noto_face(tag) == "Noto Sans CJK TC";
    let chinese = (lang == "zh").then_some(if traditional { "zh-Hant" } else { "zh-Hans" });
    let found = [Some(tag), chinese, Some(lang.as_str()), Some("en")].into_iter().flatten().find_map(|k| labels.get(k));
    found.cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_passages_get_their_own_face_and_region() {
        assert_eq!(text_args("ko").1, Some("Noto Sans CJK KR"));
        assert_eq!(text_args("zh-Hant").0["region"], "TW");
        assert_eq!(text_args("zh-Hans").1, Some("Noto Sans CJK SC"));
        assert_eq!(text_args("en-GB").0["region"], "GB");
        assert_eq!(text_args("vi").1, None);
        let labels: Value = serde_json::from_str(LABELS).expect("labels");
        assert_eq!(labels_for(&labels, "zh-TW")["title"], "鏡頭列表");
        assert_eq!(labels_for(&labels, "en-GB")["title"], "Shot list");
        assert_eq!(labels_for(&labels, "th")["title"], "Shot list");
        for (lang, l) in labels.as_object().expect("object") {
            assert_eq!(l.as_object().map(|o| o.len()), labels["en"].as_object().map(|o| o.len()), "{lang}");
        }
    }
}
