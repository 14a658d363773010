//! An editor's shot list as CSV: a header naming the columns (`in`/`tc_in`, `out`/`tc_out`,
//! `description` for the Vietnamese and `description_XX` for language XX, `location`, `date`,
//! `credit`, `restrictions`; others, such as `shot` and `duration`, are ignored), a row a
//! shot. Times are timecodes read on the film (HH:MM:SS:FF, from its own start timecode) or
//! times into it (HH:MM:SS.mmm, MM:SS.mmm, seconds). What Mediadesk writes it reads back.

use std::collections::BTreeMap;
use std::path::Path;

use super::Clock;
use crate::catalog::shots::Shot;
use crate::error::{Error, Result};

enum Column {
    In,
    Out,
    Description(String),
    Location,
    Date,
    Credit,
    Restrictions,
}

fn column(name: &str) -> Option<Column> {
    let name = name.trim().trim_start_matches('\u{feff}').to_lowercase();
    Some(match name.as_str() {
        "in" | "tc_in" | "tc in" | "start" => Column::In,
        "out" | "tc_out" | "tc out" | "end" => Column::Out,
        "description" => Column::Description(crate::translation::SOURCE_LANGUAGE.into()),
        "location" => Column::Location,
        "date" => Column::Date,
        "credit" => Column::Credit,
        "restrictions" => Column::Restrictions,
        other => Column::Description(other.strip_prefix("description_")?.to_owned()),
    })
}

/// The shots of `bytes` (the file at `path`, named in errors), times read by `clock`.
pub fn read_csv(path: &Path, bytes: &[u8], clock: &Clock) -> Result<Vec<Shot>> {
    let bad = |line: u64, why: String| Error::InvalidInput(format!("{} line {line}: {why}", path.display()));
    let (text, _) = crate::text::decode_text(bytes).map_err(|why| bad(1, why))?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| bad(1, e.to_string()))?.clone();
    let columns: Vec<Option<Column>> = header.iter().map(column).collect();
    for (wanted, what) in [(0, "in (or tc_in)"), (1, "out (or tc_out)")] {
        let found = columns.iter().flatten().any(|c| matches!((wanted, c), (0, Column::In) | (1, Column::Out)));
        if !found {
            return Err(bad(1, format!("the header has no column {what}")));
        }
    }
    let mut shots = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| bad(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut shot = Shot { description: BTreeMap::new(), ..Shot::default() };
        let (mut start, mut end) = (None, None);
        for (value, column) in record.iter().zip(&columns) {
            let value = Some(value.to_owned()).filter(|v| !v.is_empty());
            match column {
                Some(Column::In) => {
                    start = value.as_deref().map(|v| time(v, clock)).transpose().map_err(|w| bad(line, w))?
                }
                Some(Column::Out) => {
                    end = value.as_deref().map(|v| time(v, clock)).transpose().map_err(|w| bad(line, w))?
                }
                Some(Column::Description(lang)) => {
                    if let Some(v) = value {
                        shot.description.insert(lang.clone(), v);
                    }
                }
                Some(Column::Location) => shot.location = value,
                Some(Column::Date) => shot.date = value,
                Some(Column::Credit) => shot.credit = value,
                Some(Column::Restrictions) => shot.restrictions = value,
                None => {}
            }
        }
        let (Some(s), Some(e)) = (start, end) else {
            return Err(bad(line, "a shot needs a time in and a time out".into()));
        };
        shot.start_ms = s;
        shot.end_ms = e;
        shots.push(shot);
    }
    if shots.is_empty() {
        return Err(bad(1, "it holds no shot".into()));
    }
    Ok(shots)
}

/// Milliseconds into the film of `s`: a timecode on the film's clock, else a time.
fn time(s: &str, clock: &Clock) -> std::result::Result<i64, String> {
    let parts = s.split([':', ';']).count();
    if parts == 4 {
        let ms = clock.offset_ms(s).ok_or_else(|| format!("{s:?} is not a timecode at {}", clock.rate_label()))?;
        if ms < 0 {
            return Err(format!("{s} is before the film's start timecode {}", clock.at(0)));
        }
        return Ok(ms);
    }
    let mut seconds = 0.0;
    for (i, part) in s.split(':').enumerate() {
        let v: f64 =
            part.replace(',', ".").parse().ok().filter(|v: &f64| v.is_finite() && *v >= 0.0).ok_or_else(|| {
                format!("{s:?} is neither a timecode (HH:MM:SS:FF) nor a time (HH:MM:SS.mmm or seconds)")
            })?;
        if i > 2 {
            return Err(format!("{s:?} has too many parts for a time"));
        }
        seconds = seconds * 60.0 + v;
    }
    Ok((seconds * 1000.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_timecodes_and_bad_lines() {
        let clock = Clock::new(Some("25/1"), None, Some("10:00:00:00"));
        let csv = "shot,TC_IN,tc_out,Description,description_ko,location\n\
                   1,10:00:01:00,10:00:04:12,Cầu Hóa An,화안 다리,Biên Hòa\n\
                   2,00:00:05.5,7,,,\n";
        let shots = read_csv(Path::new("s.csv"), csv.as_bytes(), &clock).expect("read");
        assert_eq!((shots[0].start_ms, shots[0].end_ms), (1000, 4480));
        assert_eq!(shots[0].description["ko"], "화안 다리");
        assert_eq!(shots[0].description["vi"], "Cầu Hóa An");
        assert_eq!(shots[0].location.as_deref(), Some("Biên Hòa"));
        assert_eq!((shots[1].start_ms, shots[1].end_ms), (5500, 7000));
        for (body, why) in [
            ("in,out\n09:59:00:00,10:00:01:00\n", "before the film's start"),
            ("in,out\nsoon,later\n", "neither a timecode"),
            ("in,description\n1,x\n", "no column out"),
            ("in,out\n1,\n", "time in and a time out"),
            ("in,out\n", "holds no shot"),
        ] {
            let e = read_csv(Path::new("s.csv"), body.as_bytes(), &clock).expect_err(body).to_string();
            assert!(e.contains("s.csv line") && e.contains(why), "{body:?}: {e}");
        }
    }
}
