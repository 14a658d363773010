//! SMPTE timecode (ST 12-1): a film's start timecode and the times of its shots as
//! HH:MM:SS:FF, with drop-frame counting (HH:MM:SS;FF) at 29.97 and 59.94 fps.

/// A film's timecode: its frame rate and the timecode of its first frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    /// The exact rate as a fraction (30000/1001).
    num: i64,
    den: i64,
    /// Frames counted per timecode second (30 at 29.97).
    base: i64,
    /// Frame numbers skipped per minute, except every tenth: 2 at 29.97, 4 at 59.94, else 0.
    drop: i64,
    start: i64,
}

impl Clock {
    /// The clock of a film at `rate` ("30000/1001", "25") starting at `start` ("10:00:00:00",
    /// drop frame when written with `;`), from 00:00:00:00 when it has none or it cannot be read.
    pub fn new(rate: Option<&str>, fps: Option<f64>, start: Option<&str>) -> Clock {
        let (num, den) =
            rate.and_then(fraction).or_else(|| fps.map(|f| ((f * 1000.0).round() as i64, 1000))).unwrap_or((25, 1));
        let (num, den) = if num > 0 && den > 0 { (num, den) } else { (25, 1) };
        let base = ((num as f64 / den as f64).round() as i64).max(1);
        let fractional = num % den != 0;
        let drop_marked = start.is_some_and(|s| s.contains(';'));
        let drop = match base {
            30 if fractional && drop_marked => 2,
            60 if fractional && drop_marked => 4,
            _ => 0,
        };
        let mut clock = Clock { num, den, base, drop, start: 0 };
        clock.start = start.and_then(|s| clock.frames_of(s)).unwrap_or(0);
        clock
    }

    /// The film at a rate other than its own (a rendition converted to 25 fps): the same start,
    /// counted in the new rate's frames.
    pub fn at_rate(&self, num: i64, den: i64) -> Clock {
        if num * self.den == den * self.num {
            return *self;
        }
        let start_ms = self.start_ms();
        let mut clock = Clock::new(Some(&format!("{num}/{den}")), None, None);
        clock.start = clock.frame_at(start_ms);
        clock
    }

    /// "25 fps", "29.97 fps drop frame".
    pub fn rate_label(&self) -> String {
        let rate = if self.num % self.den == 0 {
            (self.num / self.den).to_string()
        } else {
            format!("{:.3}", self.num as f64 / self.den as f64).trim_end_matches('0').to_owned()
        };
        let drop = if self.drop > 0 { " drop frame" } else { "" };
        format!("{rate} fps{drop}")
    }

    fn start_ms(&self) -> i64 {
        // Nominal time of the start label (a timecode is a label: 10:00:00:00 means ten hours).
        let (h, m, s, f) = self.fields(self.start);
        ((h * 3600 + m * 60 + s) * 1000) + f * 1000 / self.base
    }

    /// The frame on screen `ms` milliseconds in (times are stored rounded up to the
    /// millisecond, so a frame's own start time gives that frame).
    fn frame_at(&self, ms: i64) -> i64 {
        (ms * self.num).div_euclid(self.den * 1000)
    }

    /// The timecode shown on the frame `ms` milliseconds into the film.
    pub fn at(&self, ms: i64) -> String {
        self.label(self.start + self.frame_at(ms.max(0)))
    }

    /// The length from `start_ms` to `end_ms` in frames, as timecode from 00:00:00:00 (never
    /// drop frame: a length is a count).
    pub fn duration(&self, start_ms: i64, end_ms: i64) -> String {
        let plain = Clock { drop: 0, start: 0, ..*self };
        plain.label((self.frame_at(end_ms) - self.frame_at(start_ms)).max(0))
    }

    /// Milliseconds into the film of a timecode read on it, or `None` if `s` is no timecode.
    pub fn offset_ms(&self, s: &str) -> Option<i64> {
        let frames = self.frames_of(s)? - self.start;
        Some((frames * self.den * 1000 + self.num - 1).div_euclid(self.num))
    }

    /// The frame count of a label: HH:MM:SS:FF (or ;FF, .FF for drop frame).
    fn frames_of(&self, s: &str) -> Option<i64> {
        let parts: Vec<&str> = s.trim().split([':', ';', '.']).collect();
        let [h, m, sec, f] = parts.as_slice() else { return None };
        let n = |x: &str| x.parse::<i64>().ok().filter(|v| *v >= 0 && x.len() <= 2);
        let (h, m, sec, f) = (n(h)?, n(m)?, n(sec)?, n(f)?);
        if m > 59 || sec > 59 || f >= self.base || h > 23 {
            return None;
        }
        let minutes = h * 60 + m;
        Some((h * 3600 + m * 60 + sec) * self.base + f - self.drop * (minutes - minutes / 10))
    }

    fn fields(&self, frames: i64) -> (i64, i64, i64, i64) {
        let mut frames = frames.rem_euclid(24 * 3600 * self.base - self.drop * 24 * 54);
        if self.drop > 0 {
            let per_ten = self.base * 600 - self.drop * 9;
            let per_minute = self.base * 60 - self.drop;
            let (tens, rest) = (frames / per_ten, frames % per_ten);
            frames += self.drop * 9 * tens;
            if rest > self.drop {
                frames += self.drop * ((rest - self.drop) / per_minute);
            }
        }
        let b = self.base;
        (frames / (b * 3600) % 24, frames / (b * 60) % 60, frames / b % 60, frames % b)
    }

    fn label(&self, frames: i64) -> String {
        let (h, m, s, f) = self.fields(frames);
        let sep = if self.drop > 0 { ';' } else { ':' };
        format!("{h:02}:{m:02}:{s:02}{sep}{f:02}")
    }
}

fn fraction(s: &str) -> Option<(i64, i64)> {
    match s.split_once('/') {
        Some((n, d)) => Some((n.trim().parse().ok()?, d.trim().parse().ok()?)),
        None => Some((s.trim().parse().ok()?, 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pal_counts_25_frames_a_second_from_the_films_start() {
        let c = Clock::new(Some("25/1"), None, Some("10:00:00:00"));
        assert_eq!(c.at(0), "10:00:00:00");
        assert_eq!(c.at(4480), "10:00:04:12");
        assert_eq!(c.at(3_600_000), "11:00:00:00");
        assert_eq!(c.offset_ms("10:00:04:12"), Some(4480));
        assert_eq!(c.duration(0, 61_040), "00:01:01:01");
        assert_eq!(c.duration(3_500, 8_000), "00:00:04:13", "frames 87 to 200");
        assert_eq!(c.offset_ms("10:00:04:25"), None, "frame 25 does not exist at 25 fps");
        assert_eq!(c.rate_label(), "25 fps");
        assert_eq!(Clock::new(None, Some(23.976), None).rate_label(), "23.976 fps");
    }

    #[test]
    fn drop_frame_skips_two_labels_a_minute_but_every_tenth() {
        let c = Clock::new(Some("30000/1001"), None, Some("00:00:00;00"));
        let ms = |frames: i64| (frames * 1001 + 29) / 30;
        assert_eq!(c.at(ms(1799)), "00:00:59;29");
        assert_eq!(c.at(ms(1800)), "00:01:00;02");
        assert_eq!(c.at(ms(17_982)), "00:10:00;00");
        assert_eq!(c.at(ms(107_892)), "01:00:00;00");
        assert_eq!(c.offset_ms("00:01:00;02").map(|m| c.frame_at(m)), Some(1800));
        assert_eq!(c.rate_label(), "29.97 fps drop frame");
        // Without a drop-frame start the same rate counts every label.
        assert_eq!(Clock::new(Some("30000/1001"), None, None).at(ms(1800)), "00:01:00:00");
    }

    #[test]
    fn a_rendition_at_another_rate_keeps_the_start() {
        let c = Clock::new(Some("30000/1001"), None, Some("01:00:00;00")).at_rate(25, 1);
        assert_eq!(c.at(0), "01:00:00:00");
        assert_eq!(c.at(1000), "01:00:01:00");
    }

    #[test]
    fn garbage_is_no_timecode() {
        let c = Clock::new(None, Some(25.0), Some("noon"));
        assert_eq!(c.at(0), "00:00:00:00");
        for s in ["", "1:2:3", "00:61:00:00", "aa:bb:cc:dd", "00:00:00:00:00", "-1:00:00:00"] {
            assert_eq!(c.offset_ms(s), None, "{s}");
        }
    }
}
