//! The report as the PDF a unit signs and sends: laid out by typst from
//! `assets/report/report.typ` with the same tables the workbook holds, fonts embedded.

use serde_json::{json, Value};

use super::tables::{labels, say, tables, Table};
use super::{Heading, Report};
use crate::error::Result;
use crate::taxonomy::Taxonomy;

const TEMPLATE: &str = include_str!("../../assets/report/report.typ");
/// Noto Serif for the text; its CJK faces for recipients' names in Korean, Japanese, Chinese.
const FONTS: [&str; 5] =
    ["Noto Serif", "Noto Serif CJK KR", "Noto Serif CJK JP", "Noto Serif CJK SC", "Noto Serif CJK TC"];
/// What an official form leaves to be filled in by hand.
const DOTS: &str = "……………";

/// The sections of the report, each with its tables by id.
const SECTIONS: [(&str, &[&str]); 8] = [
    ("s.summary", &["summary"]),
    ("s.themes", &["themes"]),
    ("s.units", &["lead_units"]),
    ("s.audiences", &["audiences"]),
    ("s.kits", &["channels", "channel_groups", "countries", "profiles", "kit_languages"]),
    ("s.languages", &["languages"]),
    ("s.months", &["months"]),
    ("s.recipients", &["recipients"]),
];

pub(super) fn render(
    report: &Report,
    taxonomy: &Taxonomy,
    lang: &str,
    heading: &Heading,
    (date, offset): (&str, time::UtcOffset),
) -> Result<Vec<u8>> {
    let all: Vec<Table> = tables(report, taxonomy, lang);
    let sections: Vec<Value> = SECTIONS
        .iter()
        .map(|(title, ids)| {
            let tables: Vec<&Table> = ids.iter().filter_map(|id| all.iter().find(|t| t.id == *id)).collect();
            json!({"title": say(lang, title, &[]), "tables": tables})
        })
        .collect();
    let (y, m, d) = (date.get(0..4).unwrap_or(""), date.get(5..7).unwrap_or(""), date.get(8..10).unwrap_or(""));
    let place = heading.place.as_deref().unwrap_or("Đồng Nai");
    let given = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| DOTS.to_owned());
    let appendix: Vec<Value> = report
        .deliveries
        .iter()
        .map(|d| {
            json!([
                super::rows::local_date(&d.at, offset),
                format!("{} v{}", d.kit, d.version),
                d.recipient,
                d.country.clone().unwrap_or_default(),
                d.profile,
                d.languages.join(", "),
                d.contents.len().to_string(),
            ])
        })
        .collect();
    let title =
        format!("{} — {}", say(lang, "title", &[]), say(lang, "year_of", &[("year", &report.year.to_string())]));
    let data = json!({
        "lang": lang,
        "title": title,
        "fonts": FONTS,
        "labels": labels(lang),
        "heading": {
            "unit": given(&heading.unit),
            "parent": given(&heading.parent),
            "number": say(lang, "number", &[("number", &given(&heading.number))]),
            "dated": say(lang, "dated", &[("place", place), ("d", d), ("m", m), ("y", y)]),
        },
        "subtitle": format!("{} — {}", say(lang, "subtitle", &[]), say(lang, "year_of", &[("year", &report.year.to_string())])),
        "period": say(lang, "period", &[("from", &day(&report.from, lang)), ("to", &day(&report.to, lang))]),
        "empty": report.empty,
        "sections": sections,
        "appendix": appendix,
    });
    let ident = format!("mediadesk-report-{}-{}-{}-{lang}", report.year, report.from, report.to);
    crate::pdf::render(TEMPLATE, &data, &ident, &FONTS)
}

/// A day as the report's language writes it: 01/06/2026 in Vietnamese, 2026-06-01 in English.
fn day(iso: &str, lang: &str) -> String {
    match (lang, iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        ("vi", Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => iso.to_owned(),
    }
}
