//! The hard rules of a delivery: what may never leave, whoever asks. Classification, embargo at
//! the delivery time, territory, rights expiry and releases. No override exists for any of
//! them; the kit's preflight reports them and its build asks again as it writes each file.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::standing::{self, Standing};
use crate::catalog::{Classification, Release};
use crate::error::{Error, Result};

/// Why an item may not go (or may go only once someone accepts it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename = "KitRule", rename_all = "snake_case")]
pub enum Rule {
    /// Mật, Tối mật, Tuyệt mật: a state secret.
    Classified,
    /// Internal material (a draft, not cleared).
    Internal,
    Embargo,
    Territory,
    RightsExpired,
    Release,
    /// A required text not approved in a target language.
    Translation,
    Subtitles,
    MissingField,
    /// The kit has nothing in it.
    Empty,
    /// A file the profile's renditions cannot be made from.
    Unrenderable,
    /// A reportage not yet approved (a warning only).
    Status,
    /// A film longer than a platform takes: cut at its longest (a warning only).
    Length,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::Classified => "classified",
            Rule::Internal => "internal",
            Rule::Embargo => "embargo",
            Rule::Territory => "territory",
            Rule::RightsExpired => "rights_expired",
            Rule::Release => "release",
            Rule::Translation => "translation",
            Rule::Subtitles => "subtitles",
            Rule::MissingField => "missing_field",
            Rule::Empty => "empty",
            Rule::Unrenderable => "unrenderable",
            Rule::Status => "status",
            Rule::Length => "length",
        }
    }

    pub fn parse(s: &str) -> Result<Rule> {
        const ALL: [Rule; 13] = [
            Rule::Classified,
            Rule::Internal,
            Rule::Embargo,
            Rule::Territory,
            Rule::RightsExpired,
            Rule::Release,
            Rule::Translation,
            Rule::Subtitles,
            Rule::MissingField,
            Rule::Empty,
            Rule::Unrenderable,
            Rule::Status,
            Rule::Length,
        ];
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        ALL.into_iter().find(|r| r.code() == s).ok_or_else(|| {
            Error::InvalidInput(format!(
                "no rule {s:?}: {}",
                ALL.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ")
            ))
        })
    }

    /// Hard rules have no override: the item stays until its record changes.
    pub fn is_hard(self) -> bool {
        !matches!(self, Rule::Translation | Rule::Subtitles | Rule::MissingField | Rule::Status)
    }
}

/// One finding of a preflight: the item ("12", or "r:3" for a reportage), the rule, why, and
/// what would clear it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename = "KitFinding")]
pub struct Finding {
    pub item: String,
    pub rule: Rule,
    pub reason: String,
    pub fix: String,
    /// The reportage of the kit the item came in with, when it came in with one.
    pub via: Option<String>,
    /// The language and the field a text finding is about, for the app to open them.
    pub lang: Option<String>,
    pub field: Option<String>,
    /// An accepted soft finding: who accepted it, and why.
    pub accepted: Option<String>,
}

impl Finding {
    pub fn new(item: &str, rule: Rule, reason: String, fix: impl Into<String>) -> Finding {
        Finding {
            item: item.to_owned(),
            rule,
            reason,
            fix: fix.into(),
            via: None,
            lang: None,
            field: None,
            accepted: None,
        }
    }

    pub fn about(mut self, lang: Option<&str>, field: &str) -> Finding {
        self.lang = lang.map(str::to_owned);
        self.field = Some(field.to_owned());
        self
    }
}

/// Where and when material goes.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// When the recipient gets it (RFC 3339): embargoes and rights are judged then.
    pub at: String,
    /// The recipient's country (ISO 3166-1 alpha-2), when known.
    pub country: Option<String>,
    /// Whether pictures naming people need a model release (social and web profiles).
    pub release_for_people: bool,
}

fn classification_finding(item: &str, standing: &Standing, what: &str) -> Option<Finding> {
    let level = standing.classification;
    if level == Classification::Public {
        return None;
    }
    let from = standing.classified_by.as_ref().map(|by| format!(", as {by} is")).unwrap_or_default();
    let (rule, fix) = if level.is_state_secret() {
        (Rule::Classified, "drop it from the kit: a state secret never leaves; it belongs on an isolated machine")
    } else {
        (Rule::Internal, "drop it from the kit, or clear it as public (an editor, in its record)")
    };
    let reason = format!("{what} {item} is {} ({}){from}", level.label_vi(), level.code());
    Some(Finding::new(item, rule, reason, fix))
}

fn embargo_finding(item: &str, standing: &Standing, what: &str, at: &str) -> Option<Finding> {
    let until = standing.embargo_until.as_deref().filter(|_| standing.embargoed_at(at))?;
    let from = standing.embargoed_by.as_ref().map(|by| format!(" (set on {by})")).unwrap_or_default();
    Some(Finding::new(
        item,
        Rule::Embargo,
        format!("{what} {item} is under embargo until {until}{from}; the kit is delivered at {at}"),
        "deliver it after the embargo, or drop it from the kit",
    ))
}

/// The hard findings for reportage `id` (its texts go out only when it is public and free).
pub fn reportage(conn: &Connection, id: i64, delivery: &Delivery) -> Result<Vec<Finding>> {
    let standing = standing::reportage(conn, id)?;
    let item = format!("r:{id}");
    Ok(classification_finding(&item, &standing, "reportage")
        .into_iter()
        .chain(embargo_finding(&item, &standing, "reportage", &delivery.at))
        .collect())
}

struct Rights {
    territories: Vec<String>,
    rights_expire: Option<String>,
    model_release: Option<String>,
    persons: Vec<String>,
}

fn rights(conn: &Connection, id: i64) -> Result<Rights> {
    let list = |s: Option<String>| s.and_then(|s| serde_json::from_str::<Vec<String>>(&s).ok()).unwrap_or_default();
    conn.prepare_cached("SELECT territories, rights_expire, model_release, persons FROM assets WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(Rights {
                territories: list(r.get(0)?),
                rights_expire: r.get(1)?,
                model_release: r.get(2)?,
                persons: list(r.get(3)?),
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no asset has id {id}")))
}

/// The hard findings for asset `id`.
pub fn asset(conn: &Connection, id: i64, delivery: &Delivery) -> Result<Vec<Finding>> {
    let item = id.to_string();
    let standing = standing::asset(conn, id)?;
    let mut found: Vec<Finding> = classification_finding(&item, &standing, "asset")
        .into_iter()
        .chain(embargo_finding(&item, &standing, "asset", &delivery.at))
        .collect();
    let rights = rights(conn, id)?;
    let worldwide = rights.territories.iter().any(|t| t == "worldwide");
    if !rights.territories.is_empty() && !worldwide {
        let allowed = rights.territories.join(", ");
        match delivery.country.as_deref() {
            Some(country) if rights.territories.iter().any(|t| t == country) => {}
            Some(country) => found.push(Finding::new(
                &item,
                Rule::Territory,
                format!("asset {item} may be published only in {allowed}, not in {country}"),
                "drop it from the kit, or record wider territories if the rights allow them",
            )),
            None => found.push(Finding::new(
                &item,
                Rule::Territory,
                format!("asset {item} may be published only in {allowed}, and the kit names no country"),
                "give the kit the recipient's country",
            )),
        }
    }
    if let Some(expire) = &rights.rights_expire {
        // Valid through the day it names; the delivery's own date decides.
        if delivery.at.get(..10).is_some_and(|day| day > expire.as_str()) {
            found.push(Finding::new(
                &item,
                Rule::RightsExpired,
                format!("the rights to asset {item} expired on {expire}, before the delivery at {}", delivery.at),
                "drop it from the kit, or record renewed rights",
            ));
        }
    }
    let released = matches!(
        rights.model_release.as_deref().and_then(|r| Release::parse(r).ok()),
        Some(Release::Unlimited | Release::Limited)
    );
    if delivery.release_for_people && !rights.persons.is_empty() && !released {
        found.push(Finding::new(
            &item,
            Rule::Release,
            format!(
                "asset {item} names {} and has no model release; this profile needs one for pictures of people",
                rights.persons.join(", ")
            ),
            "record the model release, or drop it from the kit",
        ));
    }
    Ok(found)
}
