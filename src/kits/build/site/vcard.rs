//! The press office's contacts as vCard 4 (RFC 6350), a file each and one with them all.

use vcard4::{Uri, VcardBuilder};

use crate::kits::contacts::Contact;

pub const ALL: &str = "contacts/contacts.vcf";

pub fn path(c: &Contact) -> String {
    format!("contacts/{}.vcf", crate::kits::names::name(&format!("c{}", c.id), Some(&c.name)))
}

/// The contact's UID as a URN of its catalog uid (32 hex digits as a UUID).
fn urn(uid: &str) -> Option<Uri> {
    if uid.len() != 32 || !uid.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let uuid = format!("{}-{}-{}-{}-{}", &uid[..8], &uid[8..12], &uid[12..16], &uid[16..20], &uid[20..]);
    format!("urn:uuid:{uuid}").parse().ok()
}

pub fn card(c: &Contact) -> String {
    let mut b = VcardBuilder::new(c.name.clone());
    if let Some(o) = &c.organisation {
        b = b.org(vec![o.clone()]);
    }
    if let Some(t) = &c.title {
        b = b.title(t.clone());
    }
    if let Some(e) = &c.email {
        b = b.email(e.clone());
    }
    if let Some(p) = &c.phone {
        b = b.telephone(p.clone());
    }
    if let Some(u) = c.url.as_deref().and_then(|u| u.parse::<Uri>().ok()) {
        b = b.url(u);
    }
    for l in &c.languages {
        b = b.lang(l.clone());
    }
    if let Some(u) = urn(&c.uid) {
        b = b.uid(u);
    }
    b.finish().to_string()
}
