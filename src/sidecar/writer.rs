//! An asset's record as an XMP packet for a sidecar: IPTC Core and Extension, Dublin Core,
//! XMP Rights, PLUS, and Mediadesk's own properties (the plan's taxonomy, territories, the
//! classification). Properties other tools keep in a sidecar this one replaces (Lightroom's
//! develop settings, say) are carried over untouched.

use std::collections::BTreeMap;

use xmp_writer::{CustomNamespace, LangId, Namespace, XmpWriter};

use crate::catalog::Asset;
use crate::error::{Error, Result};
use crate::probe::xmp::{DC, IPTC_CORE, IPTC_EXT, MEDIADESK, PHOTOSHOP, PLUS, XMP_BASIC, XMP_RIGHTS};
use crate::translation::SOURCE_LANGUAGE;

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const XML: &str = "http://www.w3.org/XML/1998/namespace";

pub(crate) fn custom(prefix: &'static str, url: &'static str) -> Namespace<'static> {
    Namespace::Custom(Box::new(CustomNamespace::new(prefix, prefix, url)))
}

/// The properties this writer owns: an existing sidecar's values of these give way.
const OWNED: &[(&str, &str)] = &[
    (DC, "title"),
    (DC, "description"),
    (DC, "subject"),
    (DC, "creator"),
    (DC, "rights"),
    (PHOTOSHOP, "Headline"),
    (PHOTOSHOP, "Credit"),
    (PHOTOSHOP, "Source"),
    (PHOTOSHOP, "City"),
    (PHOTOSHOP, "State"),
    (PHOTOSHOP, "Country"),
    (PHOTOSHOP, "Instructions"),
    (PHOTOSHOP, "DateCreated"),
    (IPTC_CORE, "Location"),
    (IPTC_EXT, "PersonInImage"),
    (XMP_RIGHTS, "UsageTerms"),
    (XMP_RIGHTS, "WebStatement"),
    (XMP_BASIC, "Rating"),
    (XMP_BASIC, "Label"),
    (PLUS, "ModelReleaseStatus"),
    (PLUS, "PropertyReleaseStatus"),
    (PLUS, "Licensor"),
];

/// A lang-alt with the source language's text as x-default, then every language.
fn lang_alt<'a>(writer: &mut XmpWriter<'a>, name: &'a str, ns: Namespace<'a>, by_lang: &'a BTreeMap<String, String>) {
    if by_lang.is_empty() {
        return;
    }
    let default = by_lang.get(SOURCE_LANGUAGE).or_else(|| by_lang.values().next());
    let items = default
        .map(|d| (None, d.as_str()))
        .into_iter()
        .chain(by_lang.iter().map(|(lang, text)| (Some(LangId(lang.as_str())), text.as_str())));
    writer.element(name, ns).language_alternative(items);
}

pub(crate) fn text<'a>(writer: &mut XmpWriter<'a>, name: &'a str, ns: Namespace<'a>, value: &'a Option<String>) {
    if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
        writer.element(name, ns).value(v);
    }
}

fn bag<'a>(writer: &mut XmpWriter<'a>, name: &'a str, ns: Namespace<'a>, values: &'a [String]) {
    if !values.is_empty() {
        writer.element(name, ns).unordered_array(values.iter().map(String::as_str));
    }
}

/// The Lightroom and Photo Mechanic form of a colour label.
fn label_name(code: &str) -> String {
    let mut c = code.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

/// The packet for `asset`, keeping what `existing` (a sidecar's text) holds besides.
pub fn packet(asset: &Asset, existing: Option<&str>) -> Result<String> {
    let (photoshop, iptc_core) = (custom("photoshop", PHOTOSHOP), custom("Iptc4xmpCore", IPTC_CORE));
    let (plus, own) = (custom("plus", PLUS), custom("mediadesk", MEDIADESK));
    let mut titles = asset.titles.clone();
    let mut rights = BTreeMap::new();
    if let Some(c) = &asset.copyright {
        rights.insert(SOURCE_LANGUAGE.to_owned(), c.clone());
    }
    if titles.is_empty() {
        if let Some(t) = &asset.title {
            titles.insert(SOURCE_LANGUAGE.to_owned(), t.clone());
        }
    }
    let creators: Vec<String> = asset.creator.iter().flat_map(|c| c.split("; ")).map(str::to_owned).collect();
    let themes: Vec<String> = asset.themes.iter().map(u32::to_string).collect();
    let release = |r: Option<crate::catalog::Release>, model: bool| {
        r.map(|r| format!("http://ns.useplus.org/ldf/vocab/{}", r.plus_code(model)))
    };
    let (model, property) = (release(asset.model_release, true), release(asset.property_release, false));
    let label = asset.label.map(|l| label_name(l.code()));
    let source_type = asset.source_type.and_then(|t| serde_json::to_value(t).ok()?.as_str().map(str::to_owned));
    let classification = Some(asset.classification.code().to_owned());

    let mut w = XmpWriter::new();
    lang_alt(&mut w, "title", Namespace::DublinCore, &titles);
    lang_alt(&mut w, "description", Namespace::DublinCore, &asset.captions);
    if !asset.keywords.is_empty() {
        w.subject(asset.keywords.iter().map(String::as_str));
    }
    if !creators.is_empty() {
        w.creator(creators.iter().map(String::as_str));
    }
    lang_alt(&mut w, "rights", Namespace::DublinCore, &rights);
    text(&mut w, "Headline", photoshop.clone(), &asset.headline);
    text(&mut w, "Credit", photoshop.clone(), &asset.credit);
    text(&mut w, "Source", photoshop.clone(), &asset.source);
    text(&mut w, "City", photoshop.clone(), &asset.city);
    text(&mut w, "State", photoshop.clone(), &asset.province);
    text(&mut w, "Country", photoshop.clone(), &asset.country);
    text(&mut w, "Instructions", photoshop.clone(), &asset.instructions);
    text(&mut w, "DateCreated", photoshop, &asset.captured_at);
    text(&mut w, "Location", iptc_core, &asset.location);
    bag(&mut w, "PersonInImage", custom("Iptc4xmpExt", IPTC_EXT), &asset.persons);
    lang_alt(&mut w, "UsageTerms", Namespace::XmpRights, &asset.usage_terms_by_lang);
    if let Some(statement) = &asset.web_statement {
        w.web_statement(statement);
    }
    if asset.rating > 0 {
        w.rating(i64::from(asset.rating));
    }
    if let Some(label) = &label {
        w.label(label);
    }
    text(&mut w, "ModelReleaseStatus", plus.clone(), &model);
    text(&mut w, "PropertyReleaseStatus", plus.clone(), &property);
    if let Some(licensor) = &asset.licensor {
        let mut seq = w.element("Licensor", plus.clone()).array(xmp_writer::RdfCollectionType::Seq);
        seq.element().obj().element("LicensorName", plus).value(licensor.as_str());
    }
    lang_alt(&mut w, "Headline", own.clone(), &asset.headlines);
    bag(&mut w, "Themes", own.clone(), &themes);
    bag(&mut w, "Audiences", own.clone(), &asset.audiences);
    bag(&mut w, "LeadUnits", own.clone(), &asset.lead_units);
    bag(&mut w, "Channels", own.clone(), &asset.channels);
    bag(&mut w, "Territories", own.clone(), &asset.territories);
    text(&mut w, "RightsExpire", own.clone(), &asset.rights_expire);
    text(&mut w, "SourceType", own.clone(), &source_type);
    text(&mut w, "EmbargoUntil", own.clone(), &asset.embargo_until);
    text(&mut w, "Classification", own, &classification);
    let mut packet = w.finish(None);
    if let Some(existing) = existing {
        packet = keep_others(packet, existing)?;
    }
    Ok(packet)
}

/// Puts into `packet` the properties of `existing` that it does not set: elements as they
/// were written, attributes with their values, and the namespaces they use.
fn keep_others(packet: String, existing: &str) -> Result<String> {
    // Parsed and sliced from the same text: the elements are copied by their ranges in it.
    let existing = existing.trim_start_matches('\u{feff}');
    let doc = roxmltree::Document::parse_with_options(
        existing,
        roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 1_000_000, ..Default::default() },
    )
    .map_err(|e| {
        Error::InvalidInput(format!("the sidecar there now is not well-formed XML ({e}); fix or remove it"))
    })?;
    let ours = |ns: &str, name: &str| ns == MEDIADESK || OWNED.contains(&(ns, name));
    let mut declarations = String::new();
    let mut attributes = String::new();
    let mut elements = String::new();
    let declared_in_packet = |prefix: &str| packet.contains(&format!("xmlns:{prefix}="));
    // The top-level descriptions only: those nested in a property (Lightroom's looks and
    // masks) travel inside the property they belong to.
    let top = |n: &roxmltree::Node| n.parent().is_some_and(|p| p.has_tag_name((RDF, "RDF")));
    for description in doc.descendants().filter(|n| n.has_tag_name((RDF, "Description")) && top(n)) {
        for ns in description.namespaces() {
            let Some(prefix) = ns.name() else { continue };
            if prefix != "rdf"
                && prefix != "x"
                && !declared_in_packet(prefix)
                && !declarations.contains(&format!(" xmlns:{prefix}="))
            {
                declarations.push_str(&format!(" xmlns:{prefix}=\"{}\"", escape(ns.uri())));
            }
        }
        for a in description.attributes() {
            let Some(ns) = a.namespace().filter(|ns| *ns != RDF && *ns != XML) else { continue };
            if ours(ns, a.name()) {
                continue;
            }
            let Some(prefix) = description.lookup_prefix(ns) else { continue };
            attributes.push_str(&format!(" {prefix}:{}=\"{}\"", a.name(), escape(a.value())));
        }
        for property in description.children().filter(roxmltree::Node::is_element) {
            let Some(ns) = property.tag_name().namespace() else { continue };
            if !ours(ns, property.tag_name().name()) {
                elements.push_str(&existing[property.range()]);
            }
        }
    }
    let opening = "<rdf:Description rdf:about=\"\"";
    let closing = "</rdf:Description>";
    let (Some(open_at), Some(close_at)) = (packet.find(opening), packet.rfind(closing)) else {
        return Ok(packet);
    };
    let mut merged = String::with_capacity(packet.len() + elements.len() + attributes.len() + declarations.len());
    merged.push_str(&packet[..open_at + opening.len()]);
    merged.push_str(&declarations);
    merged.push_str(&attributes);
    merged.push_str(&packet[open_at + opening.len()..close_at]);
    merged.push_str(&elements);
    merged.push_str(&packet[close_at..]);
    Ok(merged)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}
