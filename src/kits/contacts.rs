//! The press office's contacts, kept in the library and handed to delegations as vCards.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::library::Library;

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Contact {
    pub id: i64,
    pub uid: String,
    pub name: String,
    pub organisation: Option<String>,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    /// Languages the contact speaks.
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(default)]
pub struct NewContact {
    pub name: String,
    pub organisation: Option<String>,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub languages: Vec<String>,
}

fn cleaned(s: &Option<String>) -> Option<String> {
    s.as_deref().map(crate::text::clean).filter(|s| !s.is_empty())
}

impl NewContact {
    fn check(&self) -> Result<NewContact> {
        let bad = |why: &str| Error::InvalidInput(format!("contact {:?}: {why}", self.name));
        let name = crate::text::clean(&self.name);
        if name.is_empty() {
            return Err(bad("a contact needs a name"));
        }
        let email = cleaned(&self.email);
        if email.as_deref().is_some_and(|e| !e.contains('@') || e.contains(char::is_whitespace)) {
            return Err(bad("an e-mail address is name@domain"));
        }
        let phone = cleaned(&self.phone);
        if phone.as_deref().is_some_and(|p| !p.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))) {
            return Err(bad("a phone number is digits, spaces, + - ( ) and dots"));
        }
        let url = cleaned(&self.url);
        if url.as_deref().is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://"))) {
            return Err(bad("a web address starts with https://"));
        }
        let mut languages = Vec::new();
        for l in &self.languages {
            let tag = crate::catalog::fields::language_tag(l)?;
            if !languages.contains(&tag) {
                languages.push(tag);
            }
        }
        Ok(NewContact {
            name,
            organisation: cleaned(&self.organisation),
            title: cleaned(&self.title),
            email,
            phone,
            url,
            languages,
        })
    }
}

pub fn list(conn: &Connection) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, uid, name, organisation, title, email, phone, url, languages FROM contacts ORDER BY name, id",
    )?;
    let rows = stmt.query_map([], |r| {
        let languages: String = r.get(8)?;
        Ok(Contact {
            id: r.get(0)?,
            uid: r.get(1)?,
            name: r.get(2)?,
            organisation: r.get(3)?,
            title: r.get(4)?,
            email: r.get(5)?,
            phone: r.get(6)?,
            url: r.get(7)?,
            languages: serde_json::from_str(&languages).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Library {
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        list(self.conn())
    }

    pub fn add_contact(&mut self, new: &NewContact, actor: &str) -> Result<Contact> {
        let c = new.check()?;
        let now = self.now();
        let id = self.in_safe_write(actor, |tx| {
            tx.execute(
                "INSERT INTO contacts (name, organisation, title, email, phone, url, languages, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    c.name,
                    c.organisation,
                    c.title,
                    c.email,
                    c.phone,
                    c.url,
                    serde_json::to_string(&c.languages).unwrap_or_else(|_| "[]".into()),
                    now
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.contacts()?.into_iter().find(|c| c.id == id).ok_or_else(|| Error::NotFound(format!("contact {id}")))
    }

    pub fn remove_contact(&mut self, id: i64, actor: &str) -> Result<()> {
        let removed = self.in_safe_write(actor, |tx| Ok(tx.execute("DELETE FROM contacts WHERE id = ?1", [id])?))?;
        if removed == 0 {
            return Err(Error::NotFound(format!("no contact {id}")));
        }
        Ok(())
    }
}
