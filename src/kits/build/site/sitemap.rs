//! The web site's sitemap: every page in every language with its alternates (hreflang) and
//! the pictures it shows (the image sitemap extension), for the portal's search engines.

use super::pages::Ctx;
use super::text::escape;
use super::{Files, Layout};
use crate::catalog::Kind;
use crate::kits::build::content::Content;

/// `written`: (language, page, path) of every page.
pub fn xml(c: &Content, layout: &Layout, files: &Files, written: &[(String, String, String)]) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
        " xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\"",
        " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    let absolute = |path: &str| layout.absolute(path).unwrap_or_else(|| path.to_owned());
    for (lang, page, path) in written {
        let ctx = Ctx::new(c, layout, files, lang);
        out.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape(&absolute(path))));
        for l in &c.languages {
            let href = absolute(&layout.path(l, page));
            out.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape(l),
                escape(&href)
            ));
        }
        let shown: Vec<&crate::kits::build::content::AssetItem> = match c.asset_by_stem(page) {
            Some(item) => vec![item],
            None => c
                .reportages
                .iter()
                .find(|r| &r.stem == page)
                .map(|r| r.assets.iter().filter_map(|id| c.asset(*id)).collect())
                .unwrap_or_default(),
        };
        for item in shown.into_iter().filter(|i| i.asset.kind != Kind::Video) {
            if let Some((full, _, _)) = ctx.photo_set(item) {
                out.push_str(&format!(
                    "    <image:image><image:loc>{}</image:loc></image:image>\n",
                    escape(&absolute(&full.path))
                ));
            }
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
