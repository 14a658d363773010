//! The preflight: every reason an item of a kit may not go yet, with its fix. The hard rules
//! are the gate's (classification, embargo, territory, rights expiry, releases); the soft ones
//! (translations, subtitles, required fields) are the profile's, and an editor may accept one
//! for an item with a reason.

use rusqlite::Connection;
use serde::Serialize;

use super::profile::{FilmRecipe, Profile};
use super::store::{Kit, KitRef};
use crate::catalog::Kind;
use crate::error::Result;
use crate::gate::{self, Delivery, Finding, Rule};
use crate::translation::{self, Part, SOURCE_LANGUAGE};

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Preflight {
    pub kit: i64,
    /// The version a build would make.
    pub version: u32,
    /// The time embargoes and rights were judged at (RFC 3339).
    pub at: String,
    pub ok: bool,
    pub blockers: Vec<Finding>,
    pub warnings: Vec<Finding>,
    /// Soft findings an editor accepted, each with the reason.
    pub accepted: Vec<Finding>,
    /// What would go: each item, and the reportage of the kit it came with.
    pub contents: Vec<Entry>,
}

/// One thing that goes in the kit.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename = "KitEntry")]
pub struct Entry {
    pub item: String,
    /// The reportage of the kit it came with ("r:3").
    pub via: Option<String>,
}

impl Entry {
    pub fn reference(&self) -> Option<KitRef> {
        match KitRef::reportage_reference(&self.item) {
            Some(r) => Some(KitRef::Reportage(r)),
            None => self.item.parse().ok().map(KitRef::Asset),
        }
    }
}

/// What goes: the kit's items in order, each reportage followed by its items (less the ones
/// dropped from this kit), each once.
pub fn contents(conn: &Connection, kit: &Kit) -> Result<Vec<Entry>> {
    let mut out: Vec<Entry> = Vec::new();
    let mut push = |item: String, via: Option<String>| {
        if !out.iter().any(|e| e.item == item) {
            out.push(Entry { item, via });
        }
    };
    for item in &kit.items {
        match (item.asset_id, item.reportage_id) {
            (Some(a), _) => push(a.to_string(), None),
            (None, Some(r)) => {
                push(format!("r:{r}"), None);
                let assets: Vec<i64> = conn
                    .prepare_cached("SELECT asset_id FROM reportage_items WHERE reportage_id = ?1 ORDER BY position")?
                    .query_map([r], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for a in assets.into_iter().filter(|a| !kit.excluded.contains(a)) {
                    push(a.to_string(), Some(format!("r:{r}")));
                }
            }
            (None, None) => {}
        }
    }
    Ok(out)
}

/// The languages every text goes out in: the targets, and the Vietnamese beside them.
pub fn languages(kit: &Kit) -> Vec<String> {
    let mut langs = kit.languages.clone();
    if kit.vietnamese_beside && !langs.iter().any(|l| l == SOURCE_LANGUAGE) {
        langs.push(SOURCE_LANGUAGE.to_owned());
    }
    langs
}

/// Runs every rule over what the kit would carry, judged at `at`.
pub fn run(library: &crate::Library, kit: &Kit, profile: &Profile, at: &str) -> Result<Preflight> {
    let conn = library.conn();
    let delivery = Delivery {
        at: at.to_owned(),
        country: kit.country.clone(),
        release_for_people: profile.requires.model_release_for_people,
    };
    let contents = contents(conn, kit)?;
    let langs = languages(kit);
    let previews_only = library.identity()?.previews_only;
    let mut hard = Vec::new();
    let mut soft = Vec::new();
    let mut warnings = Vec::new();
    if contents.is_empty() {
        hard.push(Finding::new(
            "",
            Rule::Empty,
            format!("kit {} has nothing in it", kit.id),
            "add reportages or assets",
        ));
    }
    for entry in &contents {
        let via = |mut f: Finding| {
            f.via = entry.via.clone();
            f
        };
        match entry.reference() {
            // An item held back by a hard rule is not asked for its texts: until its record
            // changes, they are beside the point.
            Some(KitRef::Asset(a)) => {
                let asset = library.asset(a)?;
                let proxy = crate::media::proxy_path(library.root(), &asset.content_hash).is_file();
                let (far, from_preview) = away_from_original(&asset, profile, previews_only, proxy);
                let refused: Vec<Finding> = gate::delivery::asset(conn, a, &delivery)?
                    .into_iter()
                    .chain(unrenderable(&asset, profile))
                    .chain(far)
                    .map(via)
                    .collect();
                if refused.is_empty() {
                    soft.extend(asset_texts(conn, &asset, profile, &langs)?.into_iter().map(via));
                    soft.extend(subtitles(library, &asset, profile, &langs)?.into_iter().map(via));
                    warnings.extend(asset_warnings(&asset, profile).into_iter().chain(from_preview).map(via));
                }
                hard.extend(refused);
            }
            Some(KitRef::Reportage(r)) => {
                let refused = gate::delivery::reportage(conn, r, &delivery)?;
                let reportage = crate::reportage::get(conn, r)?;
                if refused.is_empty() {
                    soft.extend(reportage_texts(conn, &reportage, profile, &langs)?);
                }
                hard.extend(refused);
                if !matches!(
                    reportage.status,
                    crate::reportage::ReportageStatus::Approved | crate::reportage::ReportageStatus::Published
                ) {
                    warnings.push(Finding::new(
                        &entry.item,
                        Rule::Status,
                        format!("reportage {} is {}, not yet approved", entry.item, reportage.status.code()),
                        "approve it before the kit goes",
                    ));
                }
            }
            None => {}
        }
    }
    let mut accepted = Vec::new();
    let mut blockers = hard;
    for mut finding in soft {
        match kit.acceptances.iter().find(|a| a.item == finding.item && a.rule == finding.rule) {
            Some(a) => {
                finding.accepted = Some(format!("{} ({}, {})", a.reason, a.actor, a.at));
                accepted.push(finding);
            }
            None => blockers.push(finding),
        }
    }
    Ok(Preflight {
        kit: kit.id,
        version: kit.version,
        at: at.to_owned(),
        ok: blockers.is_empty(),
        blockers,
        warnings,
        accepted,
        contents,
    })
}

fn language_name(lang: &str) -> String {
    match lang {
        "vi" => "Vietnamese".into(),
        "en" => "English".into(),
        "ko" => "Korean".into(),
        "ja" => "Japanese".into(),
        "zh-Hans" => "Simplified Chinese".into(),
        "zh-Hant" => "Traditional Chinese".into(),
        "fr" => "French".into(),
        other => other.to_owned(),
    }
}

/// The fields the profile requires, and the translations it needs approved, in each language.
fn texts_in(
    conn: &Connection,
    item: translation::Item,
    parts: &[(Part, bool)],
    profile: &Profile,
    langs: &[String],
) -> Result<Vec<Finding>> {
    let reference = item.reference();
    let what = match item {
        translation::Item::Asset(id) => format!("asset {id}"),
        translation::Item::Reportage(id) => format!("reportage r:{id}"),
    };
    let mut found = Vec::new();
    for lang in langs {
        let name = language_name(lang);
        for &(part, required) in parts {
            let text = translation::text_of(conn, item, part, lang)?.filter(|t| !t.trim().is_empty());
            let wanted = profile.requires.translations.contains(&part) && lang != SOURCE_LANGUAGE;
            let has_source = translation::text_of(conn, item, part, SOURCE_LANGUAGE)?.is_some();
            let finding = match (&text, required, wanted) {
                (None, true, _) => Some(Finding::new(
                    &reference,
                    Rule::MissingField,
                    format!("{what} has no {name} {}; the profile {} requires one", part.name(), profile.name),
                    format!("write its {name} {}", part.name()),
                )),
                (None, false, true) if has_source => Some(Finding::new(
                    &reference,
                    Rule::Translation,
                    format!("{what} has no {name} {} to go beside the Vietnamese one", part.name()),
                    format!("translate the {} into {name} and approve it", part.name()),
                )),
                (Some(_), _, true) if !translation::approved_now(conn, item, part, lang)? => {
                    let status = match translation::get(conn, item, part, lang)?.map(|t| t.status) {
                        None | Some(translation::Status::Missing) => "not yet reviewed".to_owned(),
                        Some(translation::Status::Approved) => "approved for an older Vietnamese text".to_owned(),
                        Some(other) => other.name().replace('_', " "),
                    };
                    Some(Finding::new(
                        &reference,
                        Rule::Translation,
                        format!("the {name} {} of {what} is {status}, not approved", part.name()),
                        format!("have the {name} {} reviewed and approved", part.name()),
                    ))
                }
                _ => None,
            };
            found.extend(finding.map(|f| f.about(Some(lang), part.name())));
        }
    }
    Ok(found)
}

fn asset_texts(
    conn: &Connection,
    asset: &crate::catalog::Asset,
    profile: &Profile,
    langs: &[String],
) -> Result<Vec<Finding>> {
    let item = translation::Item::Asset(asset.id);
    let parts = [
        (Part::Caption, profile.requires_field("caption")),
        (Part::Headline, profile.requires_field("headline")),
        (Part::Title, false),
    ];
    let mut found = texts_in(conn, item, &parts, profile, langs)?;
    if profile.requires_field("credit") && asset.credit.as_deref().is_none_or(|c| c.trim().is_empty()) {
        found.push(
            Finding::new(
                &item.reference(),
                Rule::MissingField,
                format!("asset {} has no credit; the profile {} requires one", asset.id, profile.name),
                "give it a credit (a template does it for many at once)",
            )
            .about(None, "credit"),
        );
    }
    Ok(found)
}

fn reportage_texts(
    conn: &Connection,
    reportage: &crate::reportage::Reportage,
    profile: &Profile,
    langs: &[String],
) -> Result<Vec<Finding>> {
    let item = translation::Item::Reportage(reportage.id);
    let article = !profile.texts.article.is_empty();
    let parts = [
        (Part::Headline, profile.requires_field("headline") || article),
        (Part::Standfirst, false),
        (Part::Body, article),
    ];
    texts_in(conn, item, &parts, profile, langs)
}

/// A film's subtitles in each target language, passing the profile's checks.
fn subtitles(
    library: &crate::Library,
    asset: &crate::catalog::Asset,
    profile: &Profile,
    langs: &[String],
) -> Result<Vec<Finding>> {
    let Some(checks) = &profile.requires.subtitles else { return Ok(Vec::new()) };
    if asset.kind != Kind::Video {
        return Ok(Vec::new());
    }
    let item = asset.id.to_string();
    let mut found = Vec::new();
    for lang in langs.iter().filter(|l| *l != SOURCE_LANGUAGE) {
        let name = language_name(lang);
        if crate::catalog::subtitle_tracks::load(library.conn(), asset.id, lang)?.is_none() {
            found.push(
                Finding::new(
                    &item,
                    Rule::Subtitles,
                    format!("film {item} has no {name} subtitles"),
                    format!("import or write its {name} subtitles (`subs import`)"),
                )
                .about(Some(lang), "subtitles"),
            );
            continue;
        }
        let report = library.check_subtitles(&item, lang, checks)?;
        if report.errors > 0 {
            let first = report.findings.iter().find(|f| f.severity == crate::subtitles::Severity::Error);
            found.push(
                Finding::new(
                    &item,
                    Rule::Subtitles,
                    format!(
                        "the {name} subtitles of film {item} fail {} of the {checks} checks{}",
                        report.errors,
                        first.map(|f| format!(" (first: {})", f.message)).unwrap_or_default()
                    ),
                    format!("fix them in the subtitle view (`subs check {item} --lang {lang} --profile {checks}`)"),
                )
                .about(Some(lang), "subtitles"),
            );
        }
        if profile.requires.translations.contains(&Part::Subtitles)
            && !translation::approved_now(library.conn(), translation::Item::Asset(asset.id), Part::Subtitles, lang)?
        {
            found.push(
                Finding::new(
                    &item,
                    Rule::Translation,
                    format!("the {name} subtitles of film {item} are not approved"),
                    format!("have the {name} subtitles reviewed and approved"),
                )
                .about(Some(lang), "subtitles"),
            );
        }
    }
    Ok(found)
}

fn unrenderable(asset: &crate::catalog::Asset, profile: &Profile) -> Vec<Finding> {
    let item = asset.id.to_string();
    let mut found = Vec::new();
    if asset.kind == Kind::Photo && asset.support != "full" && !profile.photos.renditions.is_empty() {
        found.push(Finding::new(
            &item,
            Rule::Unrenderable,
            format!(
                "photo {} ({}) cannot be rendered: {}",
                asset.id,
                asset.format,
                asset.support_note.clone().unwrap_or_else(|| "its pixels cannot be read".into())
            ),
            "drop it from the kit, or ingest a JPEG or TIFF made from it",
        ));
    }
    // A film made for the recipient needs a picture to make it from and sound to bring to
    // R128; an original passed through needs neither.
    let transcoded = profile.films.renditions.iter().any(|r| r.recipe != FilmRecipe::Original);
    let broadcast = profile.films.renditions.iter().any(|r| r.recipe == FilmRecipe::Broadcast);
    if asset.kind == Kind::Video && transcoded {
        if asset.video.is_none() {
            found.push(Finding::new(
                &item,
                Rule::Unrenderable,
                format!("film {item} has no picture stream a copy can be made from"),
                "drop it from the kit, or ingest the film again from a file that plays",
            ));
        }
        if broadcast && asset.audio.as_ref().is_none_or(Vec::is_empty) {
            found.push(Finding::new(
                &item,
                Rule::Unrenderable,
                format!("film {item} has no sound: a broadcaster's film carries stereo sound at −23 LUFS"),
                "drop it from the kit, or ingest the version with its sound",
            ));
        }
    }
    found
}

/// In a tour library checked out with previews only, an asset whose original is not on the
/// laptop: a photo is made from its preview, a film transcoded from its proxy (said as a
/// warning); a film without a proxy, or one the profile copies byte for byte, cannot be made
/// (a blocker). Elsewhere a missing original is the build's error.
fn away_from_original(
    asset: &crate::catalog::Asset,
    profile: &Profile,
    previews_only: bool,
    proxy: bool,
) -> (Option<Finding>, Option<Finding>) {
    let at_hand = asset.files.iter().any(|f| std::path::Path::new(&f.path).is_file());
    if !previews_only || at_hand {
        return (None, None);
    }
    let item = asset.id.to_string();
    let fix = "build the kit at home, from the originals";
    match asset.kind {
        Kind::Photo if !profile.photos.renditions.is_empty() => (
            None,
            Some(Finding::new(
                &item,
                Rule::Unrenderable,
                format!(
                    "photo {item}'s original is not on this laptop (the tour went with previews only): its photos are made from its {} px preview",
                    crate::thumbs::Variant::Preview.long_edge()
                ),
                fix,
            )),
        ),
        Kind::Video if !profile.films.renditions.is_empty() => {
            let copies_original = profile.films.renditions.iter().any(|r| r.recipe == FilmRecipe::Original);
            if proxy && !copies_original {
                let why = format!(
                    "film {item}'s original is not on this laptop (the tour went with previews only): its copies are made from its {} p proxy",
                    crate::media::PROXY_HEIGHT
                );
                (None, Some(Finding::new(&item, Rule::Unrenderable, why, fix)))
            } else {
                let why = if proxy {
                    format!("film {item}'s original is not on this laptop (the tour went with previews only): the profile sends it as it is")
                } else {
                    format!("film {item}'s original is not on this laptop (the tour went with previews only), nor a proxy: no copy of it can be made")
                };
                (Some(Finding::new(&item, Rule::Unrenderable, why, fix)), None)
            }
        }
        _ => (None, None),
    }
}

fn asset_warnings(asset: &crate::catalog::Asset, profile: &Profile) -> Vec<Finding> {
    let item = asset.id.to_string();
    let mut out = Vec::new();
    let length = asset.duration_s.filter(|_| asset.kind == Kind::Video).unwrap_or(0.0);
    for r in &profile.films.renditions {
        if let Some(max) = r.max_seconds.filter(|m| length > f64::from(*m)) {
            let clock = |s: f64| format!("{}:{:02}", s as u64 / 60, s as u64 % 60);
            out.push(Finding::new(
                &item,
                Rule::Length,
                format!(
                    "film {item} runs {}: its {} copy is cut at {}, the platform's longest",
                    clock(length),
                    r.name,
                    clock(f64::from(max))
                ),
                "cut a shorter version for the platform, or let the end go",
            ));
        }
    }
    if asset.territories.is_empty() {
        out.push(Finding::new(
            &item,
            Rule::Territory,
            format!("asset {item} has no territories recorded: it is taken as free to publish anywhere"),
            "record its territories (worldwide, or country codes)",
        ));
    }
    if asset.model_release == Some(crate::catalog::Release::Limited) {
        out.push(Finding::new(
            &item,
            Rule::Release,
            format!("asset {item}'s model release is limited or incomplete"),
            "check the release covers this use",
        ));
    }
    out
}
