//! PDF documents laid out by typst from a template and its data: shaping, line breaking in
//! every script (CJK included), and the fonts embedded and subset. The fonts are the machine's
//! (Noto covers Vietnamese and CJK); a document needing a family the machine lacks is refused
//! with the family named, rather than drawn with missing glyphs.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, Smart, Str, Value};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use crate::error::{Error, Result};

/// Where a missing font family can be had.
const FONT_PACKAGES: &str = "Debian and Ubuntu: fonts-noto-core fonts-noto-cjk";

fn fonts() -> &'static FontStore {
    static FONTS: OnceLock<FontStore> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut store = FontStore::new();
        store.extend(typst_kit::fonts::system());
        store
    })
}

struct Doc {
    library: LazyHash<Library>,
    main: Source,
}

impl World for Doc {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        fonts().book()
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    // Templates read their data from `sys.inputs`, never from files.
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().font(index)
    }
    // No dates from the clock: the same data makes the same bytes.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Lays out `template` with `data` (read by the template as
/// `json(bytes(sys.inputs.data))`) and writes the PDF. `ident` names the document stably, so
/// the same data makes the same bytes; `families` are the fonts it must find.
pub fn render(template: &str, data: &serde_json::Value, ident: &str, families: &[&str]) -> Result<Vec<u8>> {
    let missing: Vec<&str> =
        families.iter().copied().filter(|f| !fonts().book().contains_family(&f.to_lowercase())).collect();
    if !missing.is_empty() {
        return Err(Error::InvalidInput(format!(
            "no font {} on this machine, needed for the PDF ({FONT_PACKAGES})",
            missing.join(", ")
        )));
    }
    let inputs: Dict = [(Str::from("data"), Value::Str(Str::from(data.to_string())))].into_iter().collect();
    let doc = Doc {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        main: Source::detached(template),
    };
    let compiled = typst::compile::<PagedDocument>(&doc);
    let layout = compiled.output.map_err(|e| failed(e.iter(), &doc.main))?;
    if let Some(w) = compiled.warnings.iter().find(|w| w.message.contains("font")) {
        return Err(Error::InvalidInput(format!("the PDF cannot be drawn: {} ({FONT_PACKAGES})", w.message)));
    }
    let options = typst_pdf::PdfOptions { ident: Smart::Custom(ident.to_owned()), ..Default::default() };
    typst_pdf::pdf(&layout, &options).map_err(|e| failed(e.iter(), &doc.main))
}

/// The errors, each with the template's line it points at.
fn failed<'a>(diagnostics: impl Iterator<Item = &'a SourceDiagnostic>, template: &Source) -> Error {
    let messages: Vec<String> = diagnostics
        .filter(|d| d.severity == Severity::Error)
        .map(|d| match span_start(template, d.span) {
            Some(start) => {
                let line = template.text()[..start].matches('\n').count() + 1;
                format!("{} (template line {line})", d.message)
            }
            None => d.message.to_string(),
        })
        .collect();
    Error::InvalidInput(format!("the PDF cannot be laid out: {}", messages.join("; ")))
}

/// Where in the template a diagnostic points, as a byte offset.
fn span_start(template: &Source, span: typst::syntax::DiagSpan) -> Option<usize> {
    match span.get() {
        typst::syntax::DiagSpanKind::Number { num, sub_range, .. } => template.range(num, sub_range).map(|r| r.start),
        typst::syntax::DiagSpanKind::Range { range, .. } => Some(range.start),
        typst::syntax::DiagSpanKind::Detached => None,
    }
}
