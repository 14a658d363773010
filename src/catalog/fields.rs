//! The fields of an asset's record an editor can set, and the form the catalog keeps them in.

use serde::{Deserialize, Serialize};

use super::Classification;
use crate::error::{Error, Result};
use crate::taxonomy::Facet;
use crate::text::non_empty;

/// One field set to one value. `None` clears a text field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum Edit {
    /// The headline in the source language (Vietnamese); other languages are `Localized`.
    Headline {
        value: Option<String>,
    },
    /// The title (IPTC Title: a short name, the slug) in the source language.
    Title {
        value: Option<String>,
    },
    /// A headline, title or usage terms in a language other than the source. In the source
    /// language it is the plain field.
    Localized {
        name: Localized,
        lang: String,
        value: Option<String>,
    },
    /// The caption in one language (BCP-47: "vi", "en", "zh-Hans").
    Caption {
        lang: String,
        value: Option<String>,
    },
    Keywords {
        value: Vec<String>,
    },
    /// Keywords added to those an asset has, the others untouched (a batch edit).
    AddKeywords {
        value: Vec<String>,
    },
    /// Keywords taken away from those an asset has, the others untouched.
    RemoveKeywords {
        value: Vec<String>,
    },
    Creator {
        value: Option<String>,
    },
    Credit {
        value: Option<String>,
    },
    Copyright {
        value: Option<String>,
    },
    City {
        value: Option<String>,
    },
    Province {
        value: Option<String>,
    },
    Location {
        value: Option<String>,
    },
    Country {
        value: Option<String>,
    },
    /// Usage terms in the source language (IPTC Rights Usage Terms).
    UsageTerms {
        value: Option<String>,
    },
    /// Where the asset comes from (IPTC Source): the agency, the contributor, the handout's owner.
    Source {
        value: Option<String>,
    },
    SourceType {
        value: Option<SourceType>,
    },
    Licensor {
        value: Option<String>,
    },
    /// A web page stating the rights (XMP WebStatement): an http(s) address.
    WebStatement {
        value: Option<String>,
    },
    /// IPTC Instructions: restrictions and embargo notes for whoever publishes it.
    Instructions {
        value: Option<String>,
    },
    ModelRelease {
        value: Option<Release>,
    },
    PropertyRelease {
        value: Option<Release>,
    },
    /// Where it may be published: ISO 3166-1 alpha-2 codes, or `worldwide` alone.
    Territories {
        value: Vec<String>,
    },
    /// The last day the rights hold (YYYY-MM-DD).
    RightsExpire {
        value: Option<String>,
    },
    /// Who is in the picture, by name (IPTC Extension PersonInImage).
    Persons {
        value: Vec<String>,
    },
    /// Where the picture's subject is, as fractions of its width and height from the top
    /// left: crops are made around it (the centre when unset).
    Focus {
        value: Option<[f64; 2]>,
    },
    /// The plan's themes, audiences, lead units or channels the asset serves.
    Facet {
        facet: Facet,
        value: Vec<String>,
    },
    Classification {
        value: Classification,
    },
    /// Not to be published before this time: RFC 3339, or a local "YYYY-MM-DD[THH:MM]".
    EmbargoUntil {
        value: Option<String>,
    },
    /// Stars, 0 (none) to 5.
    Rating {
        value: u8,
    },
    Label {
        value: Option<Label>,
    },
}

/// The texts kept per language besides captions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Localized {
    Headline,
    Title,
    UsageTerms,
}

impl Localized {
    pub fn code(self) -> &'static str {
        match self {
            Localized::Headline => "headline",
            Localized::Title => "title",
            Localized::UsageTerms => "usage_terms",
        }
    }

    /// The same text in the source language.
    fn in_source(self, value: Option<String>) -> Edit {
        match self {
            Localized::Headline => Edit::Headline { value },
            Localized::Title => Edit::Title { value },
            Localized::UsageTerms => Edit::UsageTerms { value },
        }
    }
}

/// Colour labels, as Photo Mechanic and Lightroom users sort their pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    Red,
    Yellow,
    Green,
    Blue,
    Purple,
}

impl Label {
    pub fn code(self) -> &'static str {
        match self {
            Label::Red => "red",
            Label::Yellow => "yellow",
            Label::Green => "green",
            Label::Blue => "blue",
            Label::Purple => "purple",
        }
    }

    pub fn parse(s: &str) -> Result<Label> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase()))
            .map_err(|_| Error::InvalidInput(format!("unknown label {s:?}: use red, yellow, green, blue or purple")))
    }
}

/// A model or property release's status, as the PLUS vocabulary has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Release {
    None,
    NotApplicable,
    Unlimited,
    /// Limited or incomplete releases.
    Limited,
}

impl Release {
    pub fn code(self) -> &'static str {
        match self {
            Release::None => "none",
            Release::NotApplicable => "not_applicable",
            Release::Unlimited => "unlimited",
            Release::Limited => "limited",
        }
    }

    /// The PLUS vocabulary's code: `MR-UMR`, `PR-NAP`, … (`model` or property release).
    pub fn plus_code(self, model: bool) -> String {
        let (prefix, unlimited, limited) = if model { ("MR", "UMR", "LMR") } else { ("PR", "UPR", "LPR") };
        let tail = match self {
            Release::None => "NON",
            Release::NotApplicable => "NAP",
            Release::Unlimited => unlimited,
            Release::Limited => limited,
        };
        format!("{prefix}-{tail}")
    }

    /// The codes, the PLUS codes or URIs, and their English names.
    pub fn parse(s: &str) -> Result<Release> {
        let s = s.trim().to_ascii_lowercase();
        let s = s.rsplit('/').next().unwrap_or(&s).replace([' ', '-'], "_");
        Ok(match s.as_str() {
            "none" | "mr_non" | "pr_non" => Release::None,
            "not_applicable" | "n/a" | "na" | "mr_nap" | "pr_nap" => Release::NotApplicable,
            "unlimited" | "mr_umr" | "pr_upr" | "unlimited_model_releases" | "unlimited_property_releases" => {
                Release::Unlimited
            }
            "limited"
            | "incomplete"
            | "mr_lmr"
            | "pr_lpr"
            | "limited_or_incomplete_model_releases"
            | "limited_or_incomplete_property_releases" => Release::Limited,
            _ => {
                return Err(Error::InvalidInput(format!(
                    "unknown release status {s:?}: use none, not_applicable, unlimited or limited"
                )))
            }
        })
    }
}

/// Who made the asset, as far as its rights go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    Staff,
    Agency,
    Contributor,
    Handout,
}

impl SourceType {
    pub fn parse(s: &str) -> Result<SourceType> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase())).map_err(|_| {
            Error::InvalidInput(format!("unknown source type {s:?}: use staff, agency, contributor or handout"))
        })
    }
}

/// An edit of one asset, as a batch (a rating given to a selection) carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AssetEdit {
    pub asset: i64,
    pub edit: Edit,
}

impl Edit {
    /// The field it sets, as the history names it.
    pub fn field(&self) -> String {
        match self {
            Edit::Caption { lang, .. } => format!("caption:{lang}"),
            Edit::Localized { name, lang, .. } => format!("{}:{lang}", name.code()),
            Edit::AddKeywords { .. } | Edit::RemoveKeywords { .. } => "keywords".into(),
            Edit::Facet { facet, .. } => facet.plural().into(),
            other => serde_json::to_value(other)
                .ok()
                .and_then(|v| v.get("field").and_then(|f| f.as_str()).map(str::to_owned))
                .unwrap_or_default(),
        }
    }

    /// The `assets` column a single-valued field lives in.
    pub(crate) fn column(&self) -> Option<&'static str> {
        Some(match self {
            Edit::Headline { .. } => "headline",
            Edit::Title { .. } => "title",
            Edit::Creator { .. } => "creator",
            Edit::Credit { .. } => "credit",
            Edit::Copyright { .. } => "copyright",
            Edit::City { .. } => "city",
            Edit::Province { .. } => "province",
            Edit::Location { .. } => "location",
            Edit::Country { .. } => "country",
            Edit::UsageTerms { .. } => "usage_terms",
            Edit::Source { .. } => "source",
            Edit::SourceType { .. } => "source_type",
            Edit::Licensor { .. } => "licensor",
            Edit::WebStatement { .. } => "web_statement",
            Edit::Instructions { .. } => "instructions",
            Edit::ModelRelease { .. } => "model_release",
            Edit::PropertyRelease { .. } => "property_release",
            Edit::RightsExpire { .. } => "rights_expire",
            Edit::Classification { .. } => "classification",
            Edit::EmbargoUntil { .. } => "embargo_until",
            Edit::Rating { .. } => "rating",
            Edit::Label { .. } => "label",
            _ => return None,
        })
    }

    /// The audit log's action for a change of this field, if it is one the log keeps:
    /// classification, embargo, and rights.
    pub(crate) fn audited_as(&self) -> Option<&'static str> {
        match self {
            Edit::Classification { .. } => Some("classification"),
            Edit::EmbargoUntil { .. } => Some("embargo"),
            Edit::Credit { .. }
            | Edit::Copyright { .. }
            | Edit::UsageTerms { .. }
            | Edit::Localized { name: Localized::UsageTerms, .. }
            | Edit::Source { .. }
            | Edit::SourceType { .. }
            | Edit::Licensor { .. }
            | Edit::WebStatement { .. }
            | Edit::Instructions { .. }
            | Edit::ModelRelease { .. }
            | Edit::PropertyRelease { .. }
            | Edit::Territories { .. }
            | Edit::RightsExpire { .. } => Some("rights"),
            _ => None,
        }
    }

    /// The value it sets, as JSON (for the audit log and the history).
    pub(crate) fn value(&self) -> serde_json::Value {
        serde_json::to_value(self).ok().and_then(|v| v.get("value").cloned()).unwrap_or_default()
    }

    /// Fields the file itself (or its sidecar) also says: re-reading it must not undo the
    /// editor's word. Classification and embargo are the catalog's alone.
    pub(crate) fn is_embedded(&self) -> bool {
        !matches!(self, Edit::Classification { .. } | Edit::EmbargoUntil { .. } | Edit::Focus { .. })
    }

    /// Every text the edit carries, for code replacements (`=dn=` → Đồng Nai) as it is saved.
    pub(crate) fn texts_mut(&mut self) -> Vec<&mut String> {
        match self {
            Edit::Keywords { value }
            | Edit::AddKeywords { value }
            | Edit::RemoveKeywords { value }
            | Edit::Persons { value } => value.iter_mut().collect(),
            Edit::Localized { value, .. } | Edit::Caption { value, .. } => value.iter_mut().collect(),
            other => other.text_value_mut().into_iter().flat_map(|v| v.iter_mut()).collect(),
        }
    }

    /// The same edit in the form the catalog stores: NFC, trimmed, checked. Facets are
    /// resolved against the taxonomy later, with the catalog at hand.
    pub(crate) fn normalised(self, offset: time::UtcOffset) -> Result<Edit> {
        let text = |v: Option<String>| v.as_deref().and_then(non_empty);
        Ok(match self {
            Edit::Localized { name, lang, value } => {
                let lang = language_tag(&lang)?;
                if lang == crate::translation::SOURCE_LANGUAGE {
                    return name.in_source(value).normalised(offset);
                }
                Edit::Localized { name, lang, value: text(value) }
            }
            Edit::Caption { lang, value } => Edit::Caption { lang: language_tag(&lang)?, value: text(value) },
            Edit::Keywords { value } => Edit::Keywords { value: distinct(value) },
            Edit::AddKeywords { value } => Edit::AddKeywords { value: distinct(value) },
            Edit::RemoveKeywords { value } => Edit::RemoveKeywords { value: distinct(value) },
            Edit::EmbargoUntil { value } => {
                Edit::EmbargoUntil { value: text(value).map(|v| embargo_time(&v, offset)).transpose()? }
            }
            Edit::RightsExpire { value } => Edit::RightsExpire { value: text(value).map(|d| date(&d)).transpose()? },
            Edit::WebStatement { value } => {
                Edit::WebStatement { value: text(value).map(|u| web_address(&u)).transpose()? }
            }
            Edit::Territories { value } => Edit::Territories { value: territories(&value)? },
            Edit::Persons { value } => Edit::Persons { value: distinct(value) },
            Edit::Focus { value: Some([x, y]) } if !((0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)) => {
                return Err(Error::InvalidInput(format!(
                    "a focus point is two fractions from 0 to 1 (across, down), not {x},{y}"
                )))
            }
            Edit::Rating { value } if value > 5 => {
                return Err(Error::InvalidInput(format!("a rating is 0 to 5 stars, not {value}")))
            }
            mut other => {
                if let Some(value) = other.text_value_mut() {
                    *value = text(value.take());
                }
                other
            }
        })
    }

    fn text_value_mut(&mut self) -> Option<&mut Option<String>> {
        match self {
            Edit::Headline { value }
            | Edit::Title { value }
            | Edit::Creator { value }
            | Edit::Credit { value }
            | Edit::Copyright { value }
            | Edit::City { value }
            | Edit::Province { value }
            | Edit::Location { value }
            | Edit::Country { value }
            | Edit::UsageTerms { value }
            | Edit::Source { value }
            | Edit::Licensor { value }
            | Edit::Instructions { value } => Some(value),
            _ => None,
        }
    }
}

fn distinct(values: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values.iter().filter_map(|v| non_empty(v)) {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// A BCP-47 tag as captions are keyed: "vi", "en-GB", "zh-Hans"; lower-case language.
pub fn language_tag(lang: &str) -> Result<String> {
    let lang = lang.trim();
    let mut parts = lang.split('-');
    let primary = parts.next().unwrap_or_default();
    let valid = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !valid {
        return Err(Error::InvalidInput(format!("not a language tag: {lang:?} (use vi, en, fr, zh-Hans, …)")));
    }
    // The form captions read from files take ("zh-Hans", "en-GB"), so an edit and the file
    // name the same caption.
    Ok(crate::probe::canonical_language(lang))
}

/// An embargo time as RFC 3339; a time without an offset is the editor's local time.
pub fn embargo_time(s: &str, offset: time::UtcOffset) -> Result<String> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    let bad = || Error::InvalidInput(format!("not an embargo time: {s:?} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"));
    if let Ok(t) = time::OffsetDateTime::parse(s, &Rfc3339) {
        return t.format(&Rfc3339).map_err(|_| bad());
    }
    let s = s.replace(' ', "T");
    let local = if s.len() == 10 {
        time::Date::parse(&s, format_description!("[year]-[month]-[day]")).map(|d| d.midnight())
    } else if s.len() == 16 {
        time::PrimitiveDateTime::parse(&s, format_description!("[year]-[month]-[day]T[hour]:[minute]"))
    } else {
        time::PrimitiveDateTime::parse(&s, format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"))
    }
    .map_err(|_| bad())?;
    local.assume_offset(offset).format(&Rfc3339).map_err(|_| bad())
}

/// A calendar date, YYYY-MM-DD.
pub fn date(s: &str) -> Result<String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), format)
        .map(|d| d.format(format).unwrap_or_default())
        .map_err(|_| Error::InvalidInput(format!("not a date: {s:?} (use YYYY-MM-DD)")))
}

fn web_address(s: &str) -> Result<String> {
    let lower = s.to_ascii_lowercase();
    let host = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or_default();
    if host.is_empty() || host.starts_with('/') || s.chars().any(char::is_whitespace) {
        return Err(Error::InvalidInput(format!("not a web address: {s:?} (use https://…)")));
    }
    Ok(s.to_owned())
}

/// The territories where an asset may be published: ISO 3166-1 alpha-2 codes, upper case, in
/// the order given, or `worldwide` alone. Codes may be separated by commas or spaces.
pub fn territories(values: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for code in values.iter().flat_map(|v| v.split([',', ';', ' '])).map(str::trim).filter(|c| !c.is_empty()) {
        let code = match code.to_ascii_lowercase().as_str() {
            "worldwide" | "world" | "ww" | "*" | "all" => "worldwide".to_owned(),
            _ => {
                let upper = code.to_ascii_uppercase();
                isocountry::CountryCode::for_alpha2(&upper).map_err(|_| {
                    Error::InvalidInput(format!(
                        "not an ISO 3166-1 country code: {code:?} (use VN, KR, JP, … or worldwide)"
                    ))
                })?;
                upper
            }
        };
        if !out.contains(&code) {
            out.push(code);
        }
    }
    if out.len() > 1 && out.iter().any(|c| c == "worldwide") {
        return Err(Error::InvalidInput("territories are either worldwide or a list of countries, not both".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset() -> time::UtcOffset {
        time::UtcOffset::from_hms(7, 0, 0).expect("offset")
    }

    #[test]
    fn rights_values_take_their_standard_forms() {
        let t = |v: &[&str]| territories(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(t(&["vn, kr", "JP", "VN"]).expect("codes"), ["VN", "KR", "JP"]);
        assert_eq!(t(&["Worldwide"]).expect("ww"), ["worldwide"]);
        assert!(t(&["XX"]).is_err());
        assert!(t(&["VN", "worldwide"]).is_err());
        assert_eq!(Release::parse("Limited or Incomplete Model Releases").expect("name"), Release::Limited);
        assert_eq!(Release::parse("http://ns.useplus.org/ldf/vocab/PR-UPR").expect("uri"), Release::Unlimited);
        assert_eq!(Release::Unlimited.plus_code(true), "MR-UMR");
        let web = Edit::WebStatement { value: Some("ftp://x".into()) };
        assert!(web.normalised(offset()).is_err());
        let expire = Edit::RightsExpire { value: Some("2027-02-30".into()) };
        assert!(expire.normalised(offset()).is_err());
    }

    #[test]
    fn a_localized_text_in_the_source_language_is_the_plain_field() {
        let e = Edit::Localized { name: Localized::Headline, lang: "VI".into(), value: Some(" Sân bay ".into()) };
        assert_eq!(e.normalised(offset()).expect("vi"), Edit::Headline { value: Some("Sân bay".into()) });
        let e = Edit::Localized { name: Localized::Title, lang: "ko".into(), value: Some("공항".into()) };
        assert_eq!(e.clone().normalised(offset()).expect("ko").field(), "title:ko");
        assert_eq!(
            Edit::Source { value: Some("  ".into()) }.normalised(offset()).expect("empty"),
            Edit::Source { value: None }
        );
    }
}
