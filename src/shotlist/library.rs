//! A film's shot list in the library: read, replaced from an editor's CSV or the app, and
//! written out on the film's own timecode.

use std::path::Path;

use serde::Serialize;

use super::{film_clock, read_csv, ShotList};
use crate::catalog::shots::{self, Shot};
use crate::catalog::{Asset, Kind};
use crate::error::{Error, Result};
use crate::library::Library;

/// A shot list is text: anything larger is not one.
const MAX_CSV_BYTES: u64 = 8 * 1024 * 1024;

/// What replacing a film's shot list did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ShotsImport {
    pub asset: i64,
    pub shots: usize,
    pub replaced: usize,
}

/// A shot as lists show it: with its timecodes on the film.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TimedShot {
    pub start_ms: i64,
    pub end_ms: i64,
    pub tc_in: String,
    pub tc_out: String,
    pub description: std::collections::BTreeMap<String, String>,
    pub location: Option<String>,
    pub date: Option<String>,
    pub credit: Option<String>,
    pub restrictions: Option<String>,
}

impl Library {
    /// The film's shot list, each shot with its timecodes on the film's own clock.
    pub fn shots(&self, asset: &str) -> Result<Vec<TimedShot>> {
        let film = self.shot_film(asset)?;
        let clock = film_clock(&film);
        let list = shots::load(self.conn(), film.id)?;
        Ok(list
            .into_iter()
            .map(|s| TimedShot {
                tc_in: clock.at(s.start_ms),
                tc_out: clock.at(s.end_ms),
                start_ms: s.start_ms,
                end_ms: s.end_ms,
                description: s.description,
                location: s.location,
                date: s.date,
                credit: s.credit,
                restrictions: s.restrictions,
            })
            .collect())
    }

    /// Replaces the film's shot list with the shots of a CSV file (its times read on the
    /// film's own timecode).
    pub fn import_shots(&mut self, asset: &str, file: &Path) -> Result<ShotsImport> {
        let film = self.shot_film(asset)?;
        let size = std::fs::metadata(file).map_err(|e| Error::io(file, e))?.len();
        if size > MAX_CSV_BYTES {
            return Err(Error::bad_media(file, format!("{} MB is too large for a shot list", size / 1_048_576)));
        }
        let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
        let list = read_csv(file, &bytes, &film_clock(&film))?;
        self.set_shots(&film.id.to_string(), &list).map_err(|e| match e {
            Error::InvalidInput(why) => Error::InvalidInput(format!("{}: {why}", file.display())),
            e => e,
        })
    }

    /// Replaces the film's shot list, whole (an empty list clears it).
    pub fn set_shots(&mut self, asset: &str, list: &[Shot]) -> Result<ShotsImport> {
        let film = self.shot_film(asset)?;
        let now = self.now();
        let duration_ms = film.duration_s.map(|d| (d * 1000.0).round() as i64);
        let tx = self.conn_mut().transaction()?;
        let replaced = shots::load(&tx, film.id)?.len();
        let stored = shots::replace(&tx, film.id, duration_ms, list, &now)?;
        tx.commit()?;
        Ok(ShotsImport { asset: film.id, shots: stored.len(), replaced })
    }

    /// The film's shot list in `languages` (the catalog's language when none), as CSV or PDF,
    /// timed on the film's own timecode.
    pub fn shot_list(&self, asset: &str, languages: &[String], format: &str) -> Result<Vec<u8>> {
        let film = self.shot_film(asset)?;
        let list = shots::load(self.conn(), film.id)?;
        let mut langs = Vec::new();
        for l in languages {
            langs.push(crate::catalog::fields::language_tag(l)?);
        }
        if langs.is_empty() {
            langs.push(crate::translation::SOURCE_LANGUAGE.to_owned());
        }
        let file = film.filename.clone().unwrap_or_else(|| film.id.to_string());
        let list = ShotList::new(&film, &list, &langs, film_clock(&film), file);
        match format {
            "csv" => Ok(list.csv()),
            "pdf" => list.pdf(&format!("{}/shot-list", film.content_hash), "Mediadesk"),
            other => Err(Error::InvalidInput(format!("no shot list format {other:?}: csv, pdf"))),
        }
    }

    fn shot_film(&self, reference: &str) -> Result<Asset> {
        let asset = self.find_asset(reference)?;
        if asset.kind != Kind::Video {
            return Err(Error::InvalidInput(format!("asset {} is not a film: shot lists belong to films", asset.id)));
        }
        Ok(asset)
    }
}
