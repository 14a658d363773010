//! Code replacements, as Photo Mechanic has them: `=dn=` typed in any text field becomes
//! "Đồng Nai" as the field is saved. The table lives in the library, shared by the CLI and
//! the app.

use std::collections::HashMap;

use rusqlite::{params, Connection};
use serde::Serialize;

use super::fields::Edit;
use crate::error::{Error, Result};

/// Codes are written between two of these.
pub const DELIMITER: char = '=';

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct CodeReplacement {
    /// As typed, delimiters included: `=dn=`.
    pub code: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Codes(HashMap<String, String>);

impl Codes {
    pub fn load(conn: &Connection) -> Result<Codes> {
        let mut stmt = conn.prepare_cached("SELECT code, text FROM code_replacements")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(Codes(rows.collect::<rusqlite::Result<_>>()?))
    }

    /// `text` with every known `=code=` replaced; unknown ones are left as typed.
    pub fn expand_text(&self, text: &str) -> String {
        if self.0.is_empty() || !text.contains(DELIMITER) {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(DELIMITER) {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let replaced = after.find(DELIMITER).and_then(|end| {
                let code = &after[..end];
                let valid = !code.is_empty() && !code.contains(char::is_whitespace);
                valid.then(|| self.0.get(code).map(|t| (t, end))).flatten()
            });
            match replaced {
                Some((replacement, end)) => {
                    out.push_str(replacement);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push(DELIMITER);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    pub fn expand(&self, edit: &mut Edit) {
        for text in edit.texts_mut() {
            *text = self.expand_text(text);
        }
    }
}

/// The code without its delimiters, checked: letters and digits only.
fn bare(code: &str) -> Result<String> {
    let bare = code.trim().trim_matches(DELIMITER).to_lowercase();
    if bare.is_empty() || !bare.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
        return Err(Error::InvalidInput(format!(
            "a code is letters and digits between {DELIMITER} signs, like =dn=, not {code:?}"
        )));
    }
    Ok(bare)
}

/// Sets a code's text; an empty text removes the code.
pub fn set(conn: &Connection, code: &str, text: &str) -> Result<()> {
    let code = bare(code)?;
    let text = crate::text::clean(text);
    if text.is_empty() {
        conn.execute("DELETE FROM code_replacements WHERE code = ?1", [code])?;
    } else {
        conn.execute("INSERT OR REPLACE INTO code_replacements (code, text) VALUES (?1, ?2)", params![code, text])?;
    }
    Ok(())
}

pub fn list(conn: &Connection) -> Result<Vec<CodeReplacement>> {
    let mut stmt = conn.prepare("SELECT code, text FROM code_replacements ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(CodeReplacement { code: format!("{DELIMITER}{}{DELIMITER}", r.get::<_, String>(0)?), text: r.get(1)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_expand_and_the_rest_is_left_as_typed() {
        let conn = crate::db::open_in_memory().expect("catalog");
        set(&conn, "=dn=", "Đồng Nai").expect("dn");
        set(&conn, "bh", "Biên Hòa").expect("bh");
        assert!(set(&conn, "= =", "x").is_err());
        let codes = Codes::load(&conn).expect("load");
        assert_eq!(codes.expand_text("Cầu =bh=, =dn="), "Cầu Biên Hòa, Đồng Nai");
        assert_eq!(codes.expand_text("a = b, =zz= and x=y"), "a = b, =zz= and x=y");
        assert_eq!(codes.expand_text("==dn=="), "=Đồng Nai=");
        let mut edit = Edit::Keywords { value: vec!["=dn=".into(), "OCOP".into()] };
        codes.expand(&mut edit);
        assert_eq!(edit, Edit::Keywords { value: vec!["Đồng Nai".into(), "OCOP".into()] });
        set(&conn, "=dn=", "").expect("remove");
        assert_eq!(list(&conn).expect("list").len(), 1);
    }
}
