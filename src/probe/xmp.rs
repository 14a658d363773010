//! XMP packets: the RDF/XML that carries multilingual captions (lang-alt) and IPTC Core.

use roxmltree::{Document, Node, ParsingOptions};

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
pub const DC: &str = "http://purl.org/dc/elements/1.1/";
pub const PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
pub const IPTC_CORE: &str = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";
pub const XMP_RIGHTS: &str = "http://ns.adobe.com/xap/1.0/rights/";
pub const XMP_BASIC: &str = "http://ns.adobe.com/xap/1.0/";
pub const EXIF: &str = "http://ns.adobe.com/exif/1.0/";
pub const EXIF_EX: &str = "http://cipa.jp/exif/1.0/";
pub const AUX: &str = "http://ns.adobe.com/exif/1.0/aux/";
pub const TIFF: &str = "http://ns.adobe.com/tiff/1.0/";
pub const IPTC_EXT: &str = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
pub const PLUS: &str = "http://ns.useplus.org/ldf/xmp/1.0/";
/// Mediadesk's own properties: what IPTC has no field for (the plan's taxonomy, territories,
/// the classification), so that another Mediadesk reading the sidecar keeps them.
pub const MEDIADESK: &str = "http://ns.mediadesk.vn/xmp/1.0/";

/// One value of a property: its text, and its `xml:lang` when it is an item of a lang-alt.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub lang: Option<String>,
    pub text: String,
}

/// Every simple, array and lang-alt property of a packet, as (namespace, name) → values.
#[derive(Debug, Default)]
pub struct Xmp {
    props: Vec<(String, String, Vec<Value>)>,
}

/// An XMP packet's text: UTF-8, or UTF-16 (either byte order; XMP allows both), told by the
/// byte-order mark or by the zeros beside the packet's first `<`.
pub(crate) fn packet_text(packet: &[u8]) -> Result<std::borrow::Cow<'_, str>, String> {
    use encoding_rs::{UTF_16BE, UTF_16LE};
    let utf16 = match packet {
        [0xFE, 0xFF, ..] | [0, b'<', ..] | [0, b' ' | b'\n' | b'\r' | b'\t', ..] => Some(UTF_16BE),
        [0xFF, 0xFE, ..] | [b'<', 0, ..] | [b' ' | b'\n' | b'\r' | b'\t', 0, ..] => Some(UTF_16LE),
        _ => None,
    };
    match utf16 {
        Some(encoding) => {
            let (text, _, errors) = encoding.decode(packet);
            if errors {
                return Err(format!("XMP in {} with broken characters", encoding.name()));
            }
            Ok(text)
        }
        None => {
            std::str::from_utf8(packet).map(std::borrow::Cow::Borrowed).map_err(|e| format!("XMP is not UTF-8: {e}"))
        }
    }
}

impl Xmp {
    pub fn parse(packet: &[u8]) -> Result<Xmp, String> {
        let text = packet_text(packet)?;
        // Writers pad packets with NULs and whitespace; some leave a BOM.
        let text = text.trim_start_matches('\u{feff}').trim_end_matches(['\0', ' ', '\n', '\r', '\t']);
        // roxmltree refuses DTDs unless asked, which keeps entity bombs out.
        let doc = Document::parse_with_options(
            text,
            ParsingOptions { allow_dtd: false, nodes_limit: 1_000_000, ..ParsingOptions::default() },
        )
        .map_err(|e| format!("XMP is not well-formed: {e}"))?;
        let mut xmp = Xmp::default();
        // The top-level descriptions: one nested in a property is a struct's value, not the
        // photo's (Lightroom's looks carry a name and a version of their own).
        let top = |n: &Node| n.parent().is_some_and(|p| p.has_tag_name((RDF, "RDF")));
        for description in doc.descendants().filter(|n| n.has_tag_name((RDF, "Description")) && top(n)) {
            for attr in description.attributes() {
                if let Some(ns) = attr.namespace() {
                    if ns != RDF && ns != XML {
                        xmp.push(ns, attr.name(), vec![Value { lang: None, text: attr.value().to_owned() }]);
                    }
                }
            }
            for prop in description.children().filter(Node::is_element) {
                let Some(ns) = prop.tag_name().namespace() else { continue };
                xmp.push(ns, prop.tag_name().name(), values(prop));
                // Fields of structs (LocationShown, Licensor): as "Struct.Field".
                for (field_ns, field, value) in struct_fields(prop) {
                    if field_ns == ns {
                        xmp.push(ns, &format!("{}.{field}", prop.tag_name().name()), vec![value]);
                    }
                }
            }
        }
        Ok(xmp)
    }

    pub fn is_empty(&self) -> bool {
        self.props.is_empty()
    }

    fn push(&mut self, ns: &str, name: &str, values: Vec<Value>) {
        let values: Vec<Value> = values.into_iter().filter(|v| !v.text.trim().is_empty()).collect();
        if !values.is_empty() {
            self.props.push((ns.to_owned(), name.to_owned(), values));
        }
    }

    /// All values of a property (items of an array, or languages of a lang-alt).
    pub fn all(&self, ns: &str, name: &str) -> &[Value] {
        self.props.iter().find(|(n, p, _)| n == ns && p == name).map(|(_, _, v)| v.as_slice()).unwrap_or_default()
    }

    /// The first value: the only one for a simple property, x-default for a lang-alt.
    pub fn first(&self, ns: &str, name: &str) -> Option<&str> {
        let values = self.all(ns, name);
        values.iter().find(|v| v.lang.as_deref() == Some("x-default")).or(values.first()).map(|v| v.text.as_str())
    }
}

/// Values of a property element: an rdf:Alt/Bag/Seq of rdf:li, a simple text, or a resource.
fn values(prop: Node) -> Vec<Value> {
    let container = prop
        .children()
        .find(|c| c.has_tag_name((RDF, "Alt")) || c.has_tag_name((RDF, "Bag")) || c.has_tag_name((RDF, "Seq")));
    match container {
        Some(container) => container
            .children()
            .filter(|li| li.has_tag_name((RDF, "li")))
            .map(|li| Value { lang: li.attribute((XML, "lang")).map(str::to_owned), text: text_of(li) })
            .collect(),
        None => vec![Value { lang: prop.attribute((XML, "lang")).map(str::to_owned), text: text_of(prop) }],
    }
}

/// The simple fields of a struct value: of the property itself (`rdf:parseType="Resource"`),
/// of its `rdf:Description`, or the same inside the first item of an array of structs.
fn struct_fields<'a>(prop: Node<'a, 'a>) -> Vec<(&'a str, &'a str, Value)> {
    let item = prop.descendants().find(|n| n.has_tag_name((RDF, "li"))).unwrap_or(prop);
    let holder = item.children().find(|c| c.has_tag_name((RDF, "Description"))).unwrap_or(item);
    let elements = holder.children().filter(|f| f.is_element() && f.children().all(|c| !c.is_element()));
    let elements = elements.filter_map(|f| Some((f.tag_name().namespace()?, f.tag_name().name(), text_of(f))));
    let attributes = holder.attributes().filter_map(|a| Some((a.namespace()?, a.name(), a.value().to_owned())));
    elements
        .chain(attributes)
        .filter(|(ns, _, _)| *ns != RDF && *ns != XML)
        .map(|(ns, name, text)| (ns, name, Value { lang: None, text }))
        .collect()
}

fn text_of(node: Node) -> String {
    node.children().filter(Node::is_text).filter_map(|t| t.text()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKET: &str = r#"<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>
 <rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'
   xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/' photoshop:City='Biên Hòa'>
  <dc:description><rdf:Alt>
   <rdf:li xml:lang='x-default'>Hồ Trị An</rdf:li>
   <rdf:li xml:lang='vi'>Hồ Trị An</rdf:li>
   <rdf:li xml:lang='en'>Tri An lake</rdf:li>
  </rdf:Alt></dc:description>
  <dc:subject><rdf:Bag><rdf:li>Đồng Nai</rdf:li><rdf:li>tourism</rdf:li></rdf:Bag></dc:subject>
  <photoshop:Headline>Mùa nước nổi</photoshop:Headline>
 </rdf:Description>
</rdf:RDF></x:xmpmeta>
<?xpacket end='w'?>"#;

    #[test]
    fn reads_lang_alt_bags_attributes_and_elements() {
        let xmp = Xmp::parse(PACKET.as_bytes()).expect("parse");
        let langs: Vec<_> = xmp.all(DC, "description").iter().map(|v| v.lang.clone().unwrap_or_default()).collect();
        assert_eq!(langs, ["x-default", "vi", "en"]);
        assert_eq!(xmp.first(DC, "description"), Some("Hồ Trị An"));
        assert_eq!(xmp.all(DC, "subject").len(), 2);
        assert_eq!(xmp.first(PHOTOSHOP, "City"), Some("Biên Hòa"));
        assert_eq!(xmp.first(PHOTOSHOP, "Headline"), Some("Mùa nước nổi"));
    }

    #[test]
    fn reads_utf16_packets_either_way_round_and_struct_fields() {
        let with_struct = PACKET.replace(
            "<photoshop:Headline>",
            "<Iptc4xmpExt:LocationShown xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/'><rdf:Bag>\
             <rdf:li rdf:parseType='Resource'><Iptc4xmpExt:City>Long Thành</Iptc4xmpExt:City></rdf:li></rdf:Bag>\
             </Iptc4xmpExt:LocationShown><photoshop:Headline>",
        );
        for bytes in [
            with_struct.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>(),
            with_struct.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            std::iter::once(0xFEFFu16).chain(with_struct.encode_utf16()).flat_map(u16::to_be_bytes).collect(),
        ] {
            let xmp = Xmp::parse(&bytes).expect("utf-16");
            assert_eq!(xmp.first(PHOTOSHOP, "Headline"), Some("Mùa nước nổi"));
            assert_eq!(xmp.first(DC, "description"), Some("Hồ Trị An"));
            assert_eq!(xmp.first(IPTC_EXT, "LocationShown.City"), Some("Long Thành"));
        }
    }

    #[test]
    fn refuses_entity_tricks_and_garbage() {
        let bomb = r#"<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>"#;
        assert!(Xmp::parse(bomb.as_bytes()).is_err());
        assert!(Xmp::parse(b"\xff\xfe garbage").is_err());
    }
}
