//! The period a report covers: a year, or days within it, in the newsroom's local time; and
//! the same period a year earlier, to set beside it.

use serde::Serialize;
use time::{Date, Month, UtcOffset};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, specta::Type)]
pub struct Period {
    pub year: i32,
    /// First and last day, inclusive, as `YYYY-MM-DD`.
    #[serde(serialize_with = "day")]
    #[specta(type = String)]
    pub from: Date,
    #[serde(serialize_with = "day")]
    #[specta(type = String)]
    pub to: Date,
}

fn day<S: serde::Serializer>(d: &Date, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&iso(*d))
}

pub(crate) fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn parse(text: &str) -> Result<Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.trim(), &fmt).map_err(|_| Error::InvalidInput(format!("{text:?} is not a date (YYYY-MM-DD)")))
}

impl Period {
    /// The year, or the days `from`..=`to` (either may be left to the year's ends; without a
    /// year, the year of the days named).
    pub fn new(year: Option<i32>, from: Option<&str>, to: Option<&str>) -> Result<Period> {
        let (from, to) = (from.map(parse).transpose()?, to.map(parse).transpose()?);
        let year = match year.or(from.map(Date::year)).or(to.map(Date::year)) {
            Some(y) if (1900..=9999).contains(&y) => y,
            Some(y) => return Err(Error::InvalidInput(format!("{y} is not a year a report can cover"))),
            None => return Err(Error::InvalidInput("name the year (--year Y) or the days (--from, --to)".into())),
        };
        let first =
            Date::from_calendar_date(year, Month::January, 1).map_err(|e| Error::InvalidInput(e.to_string()))?;
        let last =
            Date::from_calendar_date(year, Month::December, 31).map_err(|e| Error::InvalidInput(e.to_string()))?;
        let period = Period { year, from: from.unwrap_or(first), to: to.unwrap_or(last) };
        if period.from > period.to {
            return Err(Error::InvalidInput(format!(
                "the period runs backwards: from {} to {}",
                iso(period.from),
                iso(period.to)
            )));
        }
        Ok(period)
    }

    /// The same days a year earlier (29 February becomes the 28th).
    pub fn previous(&self) -> Period {
        let back = |d: Date| {
            Date::from_calendar_date(d.year() - 1, d.month(), d.day())
                .or_else(|_| Date::from_calendar_date(d.year() - 1, d.month(), d.day() - 1))
                .unwrap_or(d)
        };
        Period { year: self.year - 1, from: back(self.from), to: back(self.to) }
    }

    /// Local wall-clock bounds, `[from, the day after to)`, as catalogued local times read.
    pub(crate) fn local(&self) -> (String, String) {
        (iso(self.from), iso(self.to.next_day().unwrap_or(self.to)))
    }

    /// The same bounds as instants in UTC, as the catalog's RFC 3339 times are written.
    pub(crate) fn utc(&self, offset: UtcOffset) -> (String, String) {
        let instant = |d: Date| {
            let local = d.midnight().assume_offset(offset).to_offset(UtcOffset::UTC);
            local.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
        };
        (instant(self.from), instant(self.to.next_day().unwrap_or(self.to)))
    }

    /// The months the period touches, as `YYYY-MM`.
    pub(crate) fn months(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut d = self.from.replace_day(1).unwrap_or(self.from);
        while d <= self.to {
            out.push(format!("{:04}-{:02}", d.year(), u8::from(d.month())));
            let (y, m) = if d.month() == Month::December {
                (d.year() + 1, Month::January)
            } else {
                (d.year(), d.month().next())
            };
            d = match Date::from_calendar_date(y, m, 1) {
                Ok(next) => next,
                Err(_) => break,
            };
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_its_days_and_the_year_before() {
        let p = Period::new(Some(2026), None, None).expect("year");
        assert_eq!((iso(p.from), iso(p.to)), ("2026-01-01".into(), "2026-12-31".into()));
        assert_eq!(p.local(), ("2026-01-01".into(), "2027-01-01".into()));
        let hcm = UtcOffset::from_hms(7, 0, 0).expect("offset");
        assert_eq!(p.utc(hcm), ("2025-12-31T17:00:00Z".into(), "2026-12-31T17:00:00Z".into()));
        assert_eq!(p.months().len(), 12);
        let leap = Period::new(None, Some("2028-02-29"), Some("2028-03-31")).expect("days");
        assert_eq!(leap.year, 2028);
        assert_eq!(iso(leap.previous().from), "2027-02-28");
        assert_eq!(leap.months(), ["2028-02", "2028-03"]);
    }

    #[test]
    fn a_period_the_other_way_round_or_not_a_date_is_refused() {
        let e = Period::new(Some(2026), Some("2026-06-01"), Some("2026-05-01")).expect_err("backwards");
        assert!(e.to_string().contains("runs backwards"), "{e}");
        assert!(Period::new(Some(2026), Some("1/6/2026"), None).is_err());
        assert!(Period::new(None, None, None).is_err());
    }
}
