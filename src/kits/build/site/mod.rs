//! The kit's site: an `index.html` and a page per reportage and item in each of the kit's
//! languages, with the Vietnamese beside, a fact sheet, the contacts as vCards and a list of
//! every file. Offline, it opens by double-click from a USB stick: relative links only, no
//! script, nothing fetched from anywhere; for the web, the same pages with canonical and
//! hreflang links and an image sitemap. Pages come from the templates in `assets/kits/site`.

mod jsonld;
mod pages;
mod sitemap;
mod text;
mod vcard;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::content::Content;
use super::ninjs::FileRef;
use crate::error::{Error, Result};
use crate::kits::profile::{Site, SiteKind};

const TEMPLATES: [(&str, &str); 8] = [
    ("macros.html", include_str!("../../../../assets/kits/site/macros.html")),
    ("base.html", include_str!("../../../../assets/kits/site/base.html")),
    ("home.html", include_str!("../../../../assets/kits/site/home.html")),
    ("reportage.html", include_str!("../../../../assets/kits/site/reportage.html")),
    ("item.html", include_str!("../../../../assets/kits/site/item.html")),
    ("facts.html", include_str!("../../../../assets/kits/site/facts.html")),
    ("contacts.html", include_str!("../../../../assets/kits/site/contacts.html")),
    ("downloads.html", include_str!("../../../../assets/kits/site/downloads.html")),
];
const CSS: &str = include_str!("../../../../assets/kits/site/site.css");

/// The files of each asset as the kit holds them, by asset id.
pub(super) type Files = BTreeMap<i64, Vec<FileRef>>;

/// Where the site lives: the folder of its pages in each language, and how a page is named.
struct Layout<'a> {
    site: &'a Site,
    primary: String,
    /// The payload folder.
    data: &'a Path,
}

impl Layout<'_> {
    /// A page's path in the payload: the primary language's home is the `index.html` that is
    /// double-clicked; every other page is under `site/<lang>/`.
    fn path(&self, lang: &str, page: &str) -> String {
        if page == "index" && lang == self.primary {
            "index.html".into()
        } else {
            format!("site/{}/{page}.html", crate::kits::names::slug(lang, 16))
        }
    }

    /// How a page at `from` reaches payload path `to`.
    fn link(from: &str, to: &str) -> String {
        let depth = from.matches('/').count();
        format!("{}{to}", "../".repeat(depth))
    }

    /// What a `<track>` loads: the WebVTT file on the web; offline, its text in a `data:`
    /// address, as Chromium and Firefox refuse a page opened from file:// the subtitles of
    /// another folder (each file is its own origin to them).
    fn track_src(&self, from: &str, path: &str) -> Result<String> {
        if self.site.kind == SiteKind::Web {
            return Ok(Self::link(from, path));
        }
        use base64::Engine;
        let file = self.data.join(path);
        let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
        Ok(format!("data:text/vtt;charset=utf-8;base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes)))
    }

    /// The address a web site's pages and images have on the server.
    fn absolute(&self, path: &str) -> Option<String> {
        match self.site.kind {
            SiteKind::Web => self.site.base_url.as_ref().map(|b| format!("{b}{path}")),
            SiteKind::Offline => None,
        }
    }
}

fn environment() -> Result<minijinja::Environment<'static>> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    // minijinja's HTML escaping also writes `/` as `&#x2f;`: valid, but addresses then read
    // badly in the source a receiver's web team looks at. Text is escaped as HTML needs.
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(s) if !value.is_safe() => out
            .write_str(&text::escape(s))
            .map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "writing a page")),
        _ => minijinja::escape_formatter(out, state, value),
    });
    for (name, source) in TEMPLATES {
        env.add_template(name, source).map_err(|e| Error::InvalidInput(format!("site template {name}: {e:#}")))?;
    }
    Ok(env)
}

fn render(env: &minijinja::Environment, template: &str, page: &impl Serialize) -> Result<String> {
    let t = env.get_template(template).map_err(|e| Error::InvalidInput(format!("site template {template}: {e:#}")))?;
    t.render(page).map_err(|e| Error::InvalidInput(format!("site template {template}: {e:#}")))
}

/// Writes the site into the payload `data`, after every other file is there (its download
/// list names them all).
pub(super) fn write(c: &Content, data: &Path, files: &Files) -> Result<()> {
    let Some(site) = &c.profile.site else {
        return Ok(());
    };
    let write = |path: &str, bytes: &[u8]| super::write_atomically(&data.join(path), bytes);
    let layout = Layout { site, primary: c.primary().to_owned(), data };
    for item in &c.assets {
        if let (Some(poster), Some(to)) = (&item.poster, pages::poster_path(item)) {
            let bytes = std::fs::read(poster).map_err(|e| Error::io(poster, e))?;
            write(&to, &bytes)?;
        }
    }
    let contacts = c.site.as_ref().map(|s| s.contacts.as_slice()).unwrap_or_default();
    for contact in contacts {
        write(&vcard::path(contact), vcard::card(contact).as_bytes())?;
    }
    if !contacts.is_empty() {
        let all: String = contacts.iter().map(vcard::card).collect();
        write(vcard::ALL, all.as_bytes())?;
    }
    let downloads = pages::downloads(data)?;
    write("site/site.css", CSS.as_bytes())?;
    let env = environment()?;
    let mut written = Vec::new();
    for lang in &c.languages {
        let ctx = pages::Ctx::new(c, &layout, files, lang);
        for (template, page, value) in ctx.pages(&downloads)? {
            let path = layout.path(lang, &page);
            write(&path, render(&env, template, &value)?.as_bytes())?;
            written.push((lang.clone(), page, path));
        }
    }
    if site.kind == SiteKind::Web {
        write("sitemap.xml", sitemap::xml(c, &layout, files, &written).as_bytes())?;
    }
    Ok(())
}
