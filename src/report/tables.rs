//! The report's figures as labelled tables, in the report's language: what the CSV, the
//! workbook and the PDF all draw from, so their tables and charts show the same numbers.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use super::figures::Figures;
use super::Report;
use crate::taxonomy::Taxonomy;

const LABELS: &str = include_str!("../../assets/report/labels.json");

/// The report's words in `lang` (vi or en).
pub(super) fn labels(lang: &str) -> &'static BTreeMap<String, String> {
    static ALL: OnceLock<BTreeMap<String, BTreeMap<String, String>>> = OnceLock::new();
    let all = ALL.get_or_init(|| serde_json::from_str(LABELS).unwrap_or_default());
    all.get(lang).or_else(|| all.get("vi")).unwrap_or_else(|| {
        static NONE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
        NONE.get_or_init(BTreeMap::new)
    })
}

/// A word of the report, `{name}`s filled in.
pub(super) fn say(lang: &str, key: &str, fill: &[(&str, &str)]) -> String {
    let mut text = labels(lang).get(key).cloned().unwrap_or_else(|| key.to_owned());
    for (name, value) in fill {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Chart {
    None,
    Bar,
    Line,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Row {
    pub key: String,
    pub label: String,
    pub values: Vec<f64>,
    /// The same a year before, when the report has it.
    pub previous: Option<Vec<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Table {
    pub id: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// The chart drawn beside it (of its first column).
    pub chart: Chart,
}

struct Names<'a> {
    lang: &'a str,
    taxonomy: &'a Taxonomy,
}

impl Names<'_> {
    fn pick(&self, vi: &str, en: &str) -> String {
        if self.lang == "en" { en } else { vi }.to_owned()
    }
    fn theme(&self, id: &str) -> String {
        let t = self.taxonomy.themes.iter().find(|t| t.id.to_string() == id);
        t.map(|t| format!("{id}. {}", self.pick(&t.vi, &t.en))).unwrap_or_else(|| id.to_owned())
    }
    fn term(&self, list: &[crate::taxonomy::Term], id: &str) -> String {
        list.iter().find(|t| t.id == id).map(|t| self.pick(&t.vi, &t.en)).unwrap_or_else(|| self.unknown(id))
    }
    fn channel(&self, id: &str) -> String {
        let c = self.taxonomy.channels.iter().find(|c| c.id == id);
        c.map(|c| self.pick(&c.vi, &c.en)).unwrap_or_else(|| self.unknown(id))
    }
    fn unknown(&self, id: &str) -> String {
        if id == "unknown" {
            say(self.lang, "unknown", &[])
        } else {
            id.to_owned()
        }
    }
}

/// Counts by key, each labelled, the year before beside them.
fn counts(
    map: &BTreeMap<String, u64>,
    before: Option<&BTreeMap<String, u64>>,
    label: impl Fn(&str) -> String,
) -> Vec<Row> {
    let mut keys: Vec<&String> = map.keys().collect();
    if let Some(b) = before {
        keys.extend(b.keys().filter(|k| !map.contains_key(*k)));
    }
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| Row {
            key: k.clone(),
            label: label(k),
            values: vec![map.get(k).copied().unwrap_or(0) as f64],
            previous: before.map(|b| vec![b.get(k).copied().unwrap_or(0) as f64]),
        })
        .collect()
}

/// Deliveries month by month, the same month a year before beside each.
fn months(f: &Figures, p: Option<&Figures>) -> Vec<Row> {
    let month = |k: &str| k.get(5..).unwrap_or(k).to_owned();
    f.deliveries_by_month
        .iter()
        .map(|(k, v)| Row {
            key: k.clone(),
            label: k.clone(),
            values: vec![*v as f64],
            previous: p.map(|p| {
                let before = p.deliveries_by_month.iter().find(|(b, _)| month(b) == month(k)).map_or(0, |(_, n)| *n);
                vec![before as f64]
            }),
        })
        .collect()
}

fn table(id: &'static str, lang: &str, columns: &[&str], rows: Vec<Row>, chart: Chart) -> Table {
    Table {
        id,
        title: say(lang, &format!("t.{id}"), &[]),
        columns: columns.iter().map(|c| say(lang, &format!("c.{c}"), &[])).collect(),
        rows,
        chart,
    }
}

/// Every table of the report, in the order the PDF sets them out.
pub(super) fn tables(report: &Report, taxonomy: &Taxonomy, lang: &str) -> Vec<Table> {
    let names = Names { lang, taxonomy };
    let (f, p): (&Figures, Option<&Figures>) = (&report.figures, report.previous.as_ref());
    let summary_keys = [
        "photos",
        "films",
        "film_minutes",
        "sounds",
        "reportages_published",
        "kits",
        "deliveries_count",
        "delegations_served",
    ];
    let summary_value = |f: &Figures, k: &str| -> f64 {
        match k {
            "photos" => f.photos as f64,
            "films" => f.films as f64,
            "film_minutes" => (f.film_minutes * 10.0).round() / 10.0,
            "sounds" => f.sounds as f64,
            "reportages_published" => f.reportages_published as f64,
            "kits" => f.kits as f64,
            "deliveries_count" => f.deliveries_count as f64,
            _ => f.delegations_served as f64,
        }
    };
    let summary = summary_keys
        .iter()
        .map(|k| Row {
            key: (*k).to_owned(),
            label: say(lang, &format!("k.{k}"), &[]),
            values: vec![summary_value(f, k)],
            previous: p.map(|p| vec![summary_value(p, k)]),
        })
        .collect();
    let theme_rows = f
        .themes
        .iter()
        .map(|t| {
            let of = |f: &Figures| {
                let row = f.themes.iter().find(|r| r.theme == t.theme).cloned().unwrap_or_default();
                let items = f.items_by_theme.get(&t.theme).copied().unwrap_or(0);
                vec![
                    items as f64,
                    row.photos as f64,
                    row.films as f64,
                    (row.film_minutes * 10.0).round() / 10.0,
                    row.reportages as f64,
                ]
            };
            Row { key: t.theme.clone(), label: names.theme(&t.theme), values: of(f), previous: p.map(of) }
        })
        .collect();
    let mut langs: Vec<&String> =
        f.languages.keys().chain(p.map(|p| p.languages.keys()).into_iter().flatten()).collect();
    langs.sort();
    langs.dedup();
    let language_rows = langs
        .into_iter()
        .map(|l| {
            let of = |f: &Figures| {
                let r = f.languages.get(l).cloned().unwrap_or_default();
                vec![
                    r.captions_approved as f64,
                    r.reportages_approved as f64,
                    r.films_subtitled as f64,
                    (r.film_minutes_subtitled * 10.0).round() / 10.0,
                ]
            };
            Row { key: l.clone(), label: l.clone(), values: of(f), previous: p.map(of) }
        })
        .collect();
    let recipients = f
        .top_recipients
        .iter()
        .map(|r| Row {
            key: r.recipient.clone(),
            label: match &r.country {
                Some(c) => format!("{} ({c})", r.recipient),
                None => r.recipient.clone(),
            },
            values: vec![r.deliveries as f64, r.kits as f64],
            previous: None,
        })
        .collect();
    vec![
        table("summary", lang, &["count"], summary, Chart::None),
        table("themes", lang, &["items", "photos", "films", "film_minutes", "reportages"], theme_rows, Chart::Bar),
        table(
            "lead_units",
            lang,
            &["items"],
            counts(&f.items_by_lead_unit, p.map(|p| &p.items_by_lead_unit), |k| names.term(&taxonomy.units, k)),
            Chart::Bar,
        ),
        table(
            "audiences",
            lang,
            &["items"],
            counts(&f.items_by_audience, p.map(|p| &p.items_by_audience), |k| names.term(&taxonomy.audiences, k)),
            Chart::Bar,
        ),
        table(
            "channels",
            lang,
            &["kits"],
            counts(&f.kits_by_channel, p.map(|p| &p.kits_by_channel), |k| names.channel(k)),
            Chart::Bar,
        ),
        table(
            "channel_groups",
            lang,
            &["kits"],
            counts(&f.kits_by_channel_group, p.map(|p| &p.kits_by_channel_group), |k| names.unknown(k)),
            Chart::None,
        ),
        table(
            "countries",
            lang,
            &["kits"],
            counts(&f.kits_by_country, p.map(|p| &p.kits_by_country), |k| names.unknown(k)),
            Chart::Bar,
        ),
        table(
            "profiles",
            lang,
            &["kits"],
            counts(&f.kits_by_profile, p.map(|p| &p.kits_by_profile), str::to_owned),
            Chart::None,
        ),
        table(
            "kit_languages",
            lang,
            &["kits"],
            counts(&f.kits_by_language, p.map(|p| &p.kits_by_language), str::to_owned),
            Chart::Bar,
        ),
        table(
            "languages",
            lang,
            &["captions_approved", "reportages_approved", "films_subtitled", "film_minutes_subtitled"],
            language_rows,
            Chart::Bar,
        ),
        table("months", lang, &["deliveries"], months(f, p), Chart::Line),
        table("recipients", lang, &["deliveries", "kits"], recipients, Chart::None),
    ]
}
