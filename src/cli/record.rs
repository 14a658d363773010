//! `mediadesk edit` (one asset, a list, or a search result, in one change), `template …` and
//! `codes …`: the editorial record of assets.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use mediadesk::catalog::{AssetEdit, Classification, Edit, Label, Localized, Release, SearchQuery, SourceType};
use mediadesk::taxonomy::Facet;
use mediadesk::Library;

use crate::print_json;

/// The plan's taxonomy an asset or a reportage carries; each list given replaces the old one.
#[derive(Args)]
pub struct FacetArgs {
    /// The plan's themes, by number (repeat; "" clears)
    #[arg(long = "theme", value_name = "N")]
    pub themes: Vec<String>,
    /// Audiences, by id or label (repeat; "" clears)
    #[arg(long = "audience", value_name = "A")]
    pub audiences: Vec<String>,
    /// Lead units, by id or name (repeat; "" clears)
    #[arg(long = "lead-unit", value_name = "U")]
    pub lead_units: Vec<String>,
    /// Channels, by id or label (repeat; "" clears)
    #[arg(long = "channel", value_name = "C")]
    pub channels: Vec<String>,
}

impl FacetArgs {
    /// Each list given, by facet; values left empty ("") clear it.
    pub fn given(self) -> Vec<(Facet, Vec<String>)> {
        [
            (Facet::Theme, self.themes),
            (Facet::Audience, self.audiences),
            (Facet::LeadUnit, self.lead_units),
            (Facet::Channel, self.channels),
        ]
        .into_iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(facet, values)| (facet, values.into_iter().filter(|v| !v.trim().is_empty()).collect()))
        .collect()
    }
}

#[derive(Args)]
pub struct EditFields {
    /// The headline: TEXT (the Vietnamese source) or LANG=TEXT; repeat for more languages
    #[arg(long = "headline", value_name = "[LANG=]TEXT")]
    headlines: Vec<String>,
    /// The title (IPTC Title, the slug): TEXT or LANG=TEXT
    #[arg(long = "title", value_name = "[LANG=]TEXT")]
    titles: Vec<String>,
    /// A caption as LANG=TEXT (vi=…, en=…); repeat for more languages; LANG= removes one
    #[arg(long = "caption", value_name = "LANG=TEXT")]
    captions: Vec<String>,
    /// All keywords, separated by commas or semicolons
    #[arg(long)]
    keywords: Option<String>,
    /// Add keywords, keeping the others (repeat, or separate by commas)
    #[arg(long = "add-keyword", value_name = "K")]
    add_keywords: Vec<String>,
    /// Remove keywords, keeping the others
    #[arg(long = "remove-keyword", value_name = "K")]
    remove_keywords: Vec<String>,
    #[arg(long)]
    creator: Option<String>,
    #[arg(long)]
    credit: Option<String>,
    #[arg(long)]
    copyright: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    province: Option<String>,
    /// The place within the city (sublocation)
    #[arg(long)]
    location: Option<String>,
    #[arg(long)]
    country: Option<String>,
    #[command(flatten)]
    facets: FacetArgs,
    /// Usage terms: TEXT or LANG=TEXT
    #[arg(long = "usage-terms", value_name = "[LANG=]TEXT")]
    usage_terms: Vec<String>,
    /// Where it may be published: ISO 3166 codes (VN,KR,JP) or worldwide; "" clears
    #[arg(long)]
    territories: Option<String>,
    /// The last day the rights hold (YYYY-MM-DD); "" clears
    #[arg(long)]
    rights_expire: Option<String>,
    /// Who is in the picture, by name ("Nguyễn Văn A; Trần Thị B"); "" clears
    #[arg(long)]
    persons: Option<String>,
    /// Where the subject is, across and down from the top left as fractions (0.3,0.6); "" clears
    #[arg(long)]
    focus: Option<String>,
    /// none, not_applicable, unlimited or limited
    #[arg(long)]
    model_release: Option<String>,
    #[arg(long)]
    property_release: Option<String>,
    /// staff, agency, contributor or handout
    #[arg(long)]
    source_type: Option<String>,
    /// Who it comes from (IPTC Source)
    #[arg(long)]
    source: Option<String>,
    #[arg(long)]
    licensor: Option<String>,
    /// A web page stating the rights (https://…)
    #[arg(long)]
    web_statement: Option<String>,
    /// IPTC Instructions: restrictions for whoever publishes it
    #[arg(long)]
    instructions: Option<String>,
    #[arg(long)]
    classification: Option<Classification>,
    /// Not to be published before: YYYY-MM-DD[THH:MM] (local time) or RFC 3339
    #[arg(long)]
    embargo: Option<String>,
    /// Stars, 0 to 5
    #[arg(long)]
    rating: Option<u8>,
    /// red, yellow, green, blue, purple, or none
    #[arg(long)]
    label: Option<String>,
}

/// "LANG=TEXT" when what comes before `=` is a language tag, else TEXT in the source language.
fn language_and_text(value: &str) -> (Option<&str>, &str) {
    match value.split_once('=') {
        Some((lang, text)) if mediadesk::catalog::fields::language_tag(lang).is_ok() && !lang.contains(' ') => {
            (Some(lang), text)
        }
        _ => (None, value),
    }
}

fn optional(value: &str) -> Option<String> {
    (!value.trim().is_empty()).then(|| value.to_owned())
}

impl EditFields {
    pub fn edits(self) -> anyhow::Result<Vec<Edit>> {
        let mut edits = Vec::new();
        for (values, name) in [
            (self.headlines, Localized::Headline),
            (self.titles, Localized::Title),
            (self.usage_terms, Localized::UsageTerms),
        ] {
            for value in values {
                let (lang, text) = language_and_text(&value);
                let lang = lang.unwrap_or(mediadesk::translation::SOURCE_LANGUAGE).to_owned();
                edits.push(Edit::Localized { name, lang, value: Some(text.to_owned()) });
            }
        }
        for (value, make) in [
            (self.creator, (|value| Edit::Creator { value }) as fn(Option<String>) -> Edit),
            (self.credit, |value| Edit::Credit { value }),
            (self.copyright, |value| Edit::Copyright { value }),
            (self.city, |value| Edit::City { value }),
            (self.province, |value| Edit::Province { value }),
            (self.location, |value| Edit::Location { value }),
            (self.country, |value| Edit::Country { value }),
            (self.embargo, |value| Edit::EmbargoUntil { value }),
            (self.rights_expire, |value| Edit::RightsExpire { value }),
            (self.source, |value| Edit::Source { value }),
            (self.licensor, |value| Edit::Licensor { value }),
            (self.web_statement, |value| Edit::WebStatement { value }),
            (self.instructions, |value| Edit::Instructions { value }),
        ] {
            if let Some(value) = value {
                edits.push(make(Some(value)));
            }
        }
        for caption in self.captions {
            let (lang, text) = caption.split_once('=').context("a caption is LANG=TEXT, e.g. vi=Cầu Hóa An")?;
            edits.push(Edit::Caption { lang: lang.to_owned(), value: Some(text.to_owned()) });
        }
        let split = |v: &str| v.split([',', ';']).map(str::to_owned).collect::<Vec<_>>();
        if let Some(keywords) = self.keywords {
            edits.push(Edit::Keywords { value: split(&keywords) });
        }
        if !self.add_keywords.is_empty() {
            edits.push(Edit::AddKeywords { value: self.add_keywords.iter().flat_map(|k| split(k)).collect() });
        }
        if !self.remove_keywords.is_empty() {
            edits.push(Edit::RemoveKeywords { value: self.remove_keywords.iter().flat_map(|k| split(k)).collect() });
        }
        edits.extend(self.facets.given().into_iter().map(|(facet, value)| Edit::Facet { facet, value }));
        if let Some(t) = self.territories {
            edits.push(Edit::Territories { value: split(&t) });
        }
        if let Some(p) = self.persons {
            edits.push(Edit::Persons { value: p.split(';').map(str::to_owned).collect() });
        }
        if let Some(f) = self.focus {
            let value = match optional(&f) {
                None => None,
                Some(f) => {
                    let parts: Vec<f64> = f
                        .split(',')
                        .map(|v| v.trim().parse::<f64>())
                        .collect::<Result<_, _>>()
                        .ok()
                        .filter(|p: &Vec<f64>| p.len() == 2)
                        .with_context(|| format!("a focus point is two fractions, across,down (0.3,0.6), not {f:?}"))?;
                    Some([parts[0], parts[1]])
                }
            };
            edits.push(Edit::Focus { value });
        }
        if let Some(r) = self.model_release {
            edits.push(Edit::ModelRelease { value: optional(&r).map(|r| Release::parse(&r)).transpose()? });
        }
        if let Some(r) = self.property_release {
            edits.push(Edit::PropertyRelease { value: optional(&r).map(|r| Release::parse(&r)).transpose()? });
        }
        if let Some(s) = self.source_type {
            edits.push(Edit::SourceType { value: optional(&s).map(|s| SourceType::parse(&s)).transpose()? });
        }
        if let Some(value) = self.classification {
            edits.push(Edit::Classification { value });
        }
        if let Some(value) = self.rating {
            edits.push(Edit::Rating { value });
        }
        if let Some(label) = self.label {
            let value = match label.trim() {
                "" | "none" => None,
                l => Some(Label::parse(l)?),
            };
            edits.push(Edit::Label { value });
        }
        anyhow::ensure!(!edits.is_empty(), "nothing to edit: name a field, e.g. --headline or --caption vi=…");
        Ok(edits)
    }
}

/// The assets a batch command names: ids or paths, or every match of a search.
pub fn targets(library: &Library, assets: &[String], search: Option<&str>) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for a in assets {
        ids.push(library.find_asset(a)?.id);
    }
    if let Some(q) = search {
        let query = SearchQuery { text: q.to_owned(), limit: Some(i64::MAX), ..SearchQuery::default() };
        let found = library.search_ids(&query)?;
        anyhow::ensure!(!found.is_empty(), "the search {q:?} finds no asset");
        ids.extend(found);
    }
    anyhow::ensure!(!ids.is_empty(), "name the assets (ids or paths) or --search QUERY");
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    Ok(ids)
}

/// What a batch edit reports: the change (to undo) and the assets it touched.
#[derive(serde::Serialize)]
struct BatchOutcome {
    change: Option<i64>,
    assets: Vec<i64>,
}

pub fn edit(
    library: &mut Library,
    assets: &[String],
    search: Option<&str>,
    fields: EditFields,
    reason: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let ids = targets(library, assets, search)?;
    let fields = fields.edits()?;
    let edits: Vec<AssetEdit> =
        ids.iter().flat_map(|&asset| fields.iter().map(move |edit| AssetEdit { asset, edit: edit.clone() })).collect();
    let change = library.edit(&edits, reason, &mediadesk::library::actor())?;
    // One asset named alone prints its record, as it always has; a batch prints the change.
    if let ([one], None) = (ids.as_slice(), search) {
        let asset = library.asset(*one)?;
        if json {
            print_json(&asset)?;
        } else {
            crate::print_asset(&asset);
        }
    } else if json {
        print_json(&BatchOutcome { change, assets: ids })?;
    } else {
        match change {
            Some(c) => println!("change {c}: {} assets edited (mediadesk undo takes it back)", ids.len()),
            None => println!("nothing changed in {} assets", ids.len()),
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum Template {
    /// Save a template from a JSON file: {"mode": "fill"|"overwrite", "credit": "…", …}.
    Save { name: String, file: PathBuf },
    /// The templates kept in the library.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Apply a template to assets (ids or paths) or to a search result, as one change.
    Apply {
        name: String,
        assets: Vec<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove a template.
    Delete { name: String },
}

pub fn template(library: &mut Library, command: Template) -> anyhow::Result<ExitCode> {
    let actor = mediadesk::library::actor();
    match command {
        Template::Save { name, file } => {
            let json = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let template = library.save_template(&name, &json).with_context(|| file.display().to_string())?;
            println!("template {:?} saved: {} fields ({:?})", template.name, template.fields.len(), template.mode);
        }
        Template::List { json } => {
            let templates = library.templates()?;
            if json {
                print_json(&templates)?;
            } else {
                for t in templates {
                    let fields: Vec<&str> = t.fields.keys().map(String::as_str).collect();
                    println!("{:<24} {:<9} {}", t.name, format!("{:?}", t.mode).to_lowercase(), fields.join(", "));
                }
            }
        }
        Template::Apply { name, assets, search, json } => {
            let ids = targets(library, &assets, search.as_deref())?;
            let change = library.apply_template(&name, &ids, &actor)?;
            if json {
                print_json(&BatchOutcome { change, assets: ids })?;
            } else {
                match change {
                    Some(c) => println!("change {c}: template {name:?} applied to {} assets", ids.len()),
                    None => println!("template {name:?} changed nothing in {} assets", ids.len()),
                }
            }
        }
        Template::Delete { name } => library.delete_template(&name)?,
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum Codes {
    /// Set a code replacement: `codes set =dn= "Đồng Nai"`; an empty text removes it.
    Set { code: String, text: String },
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn codes(library: &mut Library, command: Codes) -> anyhow::Result<ExitCode> {
    match command {
        Codes::Set { code, text } => library.set_code(&code, &text)?,
        Codes::List { json } => {
            let codes = library.codes()?;
            if json {
                print_json(&codes)?;
            } else {
                for c in codes {
                    println!("{:<12} {}", c.code, c.text);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum Xmp {
    /// Write XMP sidecars beside the originals (never into them) with every field the catalog
    /// holds; prints the paths written. A state secret gets none.
    Write {
        assets: Vec<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn xmp(library: &mut Library, command: Xmp) -> anyhow::Result<ExitCode> {
    let Xmp::Write { assets, search, json } = command;
    let ids = targets(library, &assets, search.as_deref())?;
    let report = library.write_sidecars(&ids)?;
    if json {
        print_json(&report.written)?;
    } else {
        for path in &report.written {
            println!("{}", path.display());
        }
    }
    for refusal in &report.refused {
        eprintln!("mediadesk: refused: {}; {}", refusal.reason, refusal.fix);
    }
    Ok(if report.refused.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
