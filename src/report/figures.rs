//! The report's figures, each counted from the rows that make it up (see `rows`): the same
//! rows travel with the figures in the JSON and the workbook, so any figure can be counted
//! again by whoever reads the report.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use time::UtcOffset;

use super::rows::{local_date, Approval, MadeItem, PublishedReportage};
use crate::kits::Delivery;
use crate::taxonomy::Taxonomy;

/// A theme's share of the work.
#[derive(Debug, Clone, Default, PartialEq, Serialize, specta::Type)]
pub struct ThemeRow {
    pub theme: String,
    pub photos: u64,
    pub films: u64,
    pub film_minutes: f64,
    pub reportages: u64,
}

/// One language's translations approved in the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, specta::Type)]
pub struct LanguageRow {
    /// Items whose caption in the language was approved.
    pub captions_approved: u64,
    /// Reportages with a text (headline, standfirst, body) approved in the language.
    pub reportages_approved: u64,
    pub films_subtitled: u64,
    pub film_minutes_subtitled: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct RecipientRow {
    pub recipient: String,
    pub country: Option<String>,
    pub kits: u64,
    pub deliveries: u64,
}

/// Every figure of a period. Kits are counted once each (by their latest delivery in the
/// period); deliveries, by the month, are the register's entries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, specta::Type)]
pub struct Figures {
    pub photos: u64,
    pub films: u64,
    pub film_minutes: f64,
    pub sounds: u64,
    pub reportages_published: u64,
    /// Photos, films, sounds and reportages on each of the plan's seven themes.
    pub items_by_theme: BTreeMap<String, u64>,
    pub themes: Vec<ThemeRow>,
    pub items_by_lead_unit: BTreeMap<String, u64>,
    pub items_by_audience: BTreeMap<String, u64>,
    pub kits: u64,
    pub deliveries_count: u64,
    /// By the recipient's country (ISO 3166-1), "unknown" when the kit names none.
    pub kits_by_country: BTreeMap<String, u64>,
    pub kits_by_profile: BTreeMap<String, u64>,
    pub kits_by_language: BTreeMap<String, u64>,
    /// By the plan's channel (section IV), "unknown" when the kit names none.
    pub kits_by_channel: BTreeMap<String, u64>,
    /// By the channel's group in section IV (mass_media, new_media, events, …).
    pub kits_by_channel_group: BTreeMap<String, u64>,
    pub delegations_served: u64,
    pub languages: BTreeMap<String, LanguageRow>,
    pub deliveries_by_month: BTreeMap<String, u64>,
    pub top_recipients: Vec<RecipientRow>,
}

const UNKNOWN: &str = "unknown";
/// How many recipients the report names as the top ones.
const TOP: usize = 10;

fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
    *map.entry(key.to_owned()).or_default() += 1;
}

/// The figures of the rows given. `months` are the period's, each shown even when empty.
pub(super) fn count(
    taxonomy: &Taxonomy,
    months: &[String],
    offset: UtcOffset,
    (made, published, approvals, deliveries): (&[MadeItem], &[PublishedReportage], &[Approval], &[Delivery]),
) -> Figures {
    let mut f = Figures::default();
    let mut themes: BTreeMap<String, ThemeRow> = taxonomy
        .themes
        .iter()
        .map(|t| (t.id.to_string(), ThemeRow { theme: t.id.to_string(), ..Default::default() }))
        .collect();
    for t in themes.keys() {
        f.items_by_theme.insert(t.clone(), 0);
    }
    for item in made {
        match item.kind.as_str() {
            "photo" => f.photos += 1,
            "video" => {
                f.films += 1;
                f.film_minutes += item.minutes.unwrap_or(0.0);
            }
            _ => f.sounds += 1,
        }
        for t in &item.themes {
            bump(&mut f.items_by_theme, t);
            let row = themes.entry(t.clone()).or_insert_with(|| ThemeRow { theme: t.clone(), ..Default::default() });
            match item.kind.as_str() {
                "photo" => row.photos += 1,
                "video" => {
                    row.films += 1;
                    row.film_minutes += item.minutes.unwrap_or(0.0);
                }
                _ => {}
            }
        }
        item.lead_units.iter().for_each(|u| bump(&mut f.items_by_lead_unit, u));
        item.audiences.iter().for_each(|a| bump(&mut f.items_by_audience, a));
    }
    f.reportages_published = published.len() as u64;
    for r in published {
        for t in &r.themes {
            bump(&mut f.items_by_theme, t);
            themes
                .entry(t.clone())
                .or_insert_with(|| ThemeRow { theme: t.clone(), ..Default::default() })
                .reportages += 1;
        }
        r.lead_units.iter().for_each(|u| bump(&mut f.items_by_lead_unit, u));
        r.audiences.iter().for_each(|a| bump(&mut f.items_by_audience, a));
    }
    f.themes = themes.into_values().collect();

    let mut reportages: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for a in approvals {
        let row = f.languages.entry(a.lang.clone()).or_default();
        match a.part.as_str() {
            "caption" => row.captions_approved += 1,
            "subtitles" => {
                row.films_subtitled += 1;
                row.film_minutes_subtitled += a.minutes.unwrap_or(0.0);
            }
            _ if a.item.starts_with("r:") => {
                reportages.entry(a.lang.clone()).or_default().insert(&a.item);
            }
            _ => {}
        }
    }
    for (lang, items) in reportages {
        f.languages.entry(lang).or_default().reportages_approved = items.len() as u64;
    }

    for m in months {
        f.deliveries_by_month.insert(m.clone(), 0);
    }
    f.deliveries_count = deliveries.len() as u64;
    // Each kit by its latest delivery in the period.
    let mut latest: BTreeMap<i64, &Delivery> = BTreeMap::new();
    for d in deliveries {
        bump(&mut f.deliveries_by_month, &local_date(&d.at, offset)[..7]);
        latest.insert(d.kit, d);
    }
    let groups: BTreeMap<&str, &str> =
        taxonomy.channels.iter().map(|c| (c.id.as_str(), c.group.as_deref().unwrap_or(UNKNOWN))).collect();
    let mut delegations = BTreeSet::new();
    f.kits = latest.len() as u64;
    for d in latest.values() {
        bump(&mut f.kits_by_country, d.country.as_deref().unwrap_or(UNKNOWN));
        bump(&mut f.kits_by_profile, &d.profile);
        d.languages.iter().for_each(|l| bump(&mut f.kits_by_language, l));
        let channel = d.channel.as_deref().unwrap_or(UNKNOWN);
        bump(&mut f.kits_by_channel, channel);
        bump(&mut f.kits_by_channel_group, groups.get(channel).copied().unwrap_or(UNKNOWN));
        if d.profile == "delegation" {
            delegations.insert(d.recipient.as_str());
        }
    }
    f.delegations_served = delegations.len() as u64;

    let mut recipients: BTreeMap<&str, (Option<&str>, BTreeSet<i64>, u64)> = BTreeMap::new();
    for d in deliveries {
        let r = recipients.entry(d.recipient.as_str()).or_insert((d.country.as_deref(), BTreeSet::new(), 0));
        r.1.insert(d.kit);
        r.2 += 1;
    }
    let mut top: Vec<RecipientRow> = recipients
        .into_iter()
        .map(|(recipient, (country, kits, deliveries))| RecipientRow {
            recipient: recipient.to_owned(),
            country: country.map(str::to_owned),
            kits: kits.len() as u64,
            deliveries,
        })
        .collect();
    top.sort_by(|a, b| b.deliveries.cmp(&a.deliveries).then(b.kits.cmp(&a.kits)).then(a.recipient.cmp(&b.recipient)));
    top.truncate(TOP);
    f.top_recipients = top;
    f
}

impl Figures {
    /// Whether the period holds anything at all to report.
    pub fn is_empty(&self) -> bool {
        self.photos + self.films + self.sounds + self.reportages_published + self.deliveries_count == 0
            && self.languages.is_empty()
    }
}
