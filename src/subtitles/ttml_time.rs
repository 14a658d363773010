//! TTML's timing model (TTML2 §12, after SMIL): `begin`, `end` and `dur` on `body`, `div`, `p`
//! and `span`, offset through `par` and `seq` time containers, and the implicit durations that
//! follow when they are absent. Times are absolute seconds; `f64::INFINITY` is indefinite.

use roxmltree::Node;

use super::ParseNote;

pub(super) const TTML: &str = "http://www.w3.org/ns/ttml";
const PARAMETER: &str = "http://www.w3.org/ns/ttml#parameter";

/// The rates frame ("12f", "00:00:01:12.1") and tick ("9000t") times count in, from the
/// document's `ttp:` parameters.
pub(super) struct Clock {
    frame_rate: f64,
    sub_frame_rate: f64,
    tick_rate: f64,
}

impl Clock {
    pub(super) fn of(root: Node) -> Clock {
        let number = |name: &str| {
            root.attribute((PARAMETER, name)).and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        };
        let multiplier = root
            .attribute((PARAMETER, "frameRateMultiplier"))
            .and_then(|m| m.split_once(' ').and_then(|(a, b)| Some(a.parse::<f64>().ok()? / b.parse::<f64>().ok()?)))
            .filter(|m| m.is_finite() && *m > 0.0)
            .unwrap_or(1.0);
        let positive = |v: Option<f64>| v.filter(|v| v.is_finite() && *v > 0.0);
        let declared_frame_rate = positive(number("frameRate"));
        let frame_rate = declared_frame_rate.unwrap_or(30.0) * multiplier;
        let sub_frame_rate = positive(number("subFrameRate")).unwrap_or(1.0);
        // Without a tick rate, ticks are sub-frames when a frame rate is given, else seconds.
        let tick_rate = positive(number("tickRate")).unwrap_or(if declared_frame_rate.is_some() {
            frame_rate * sub_frame_rate
        } else {
            1.0
        });
        Clock { frame_rate, sub_frame_rate, tick_rate }
    }

    /// Seconds from a clock time ("00:00:01.500", "00:00:01:12", "00:00:01:12.1") or an offset
    /// time ("1.5s", "1500ms", "36f", "90000t", "0.5m", "1h").
    pub(super) fn seconds(&self, expression: &str) -> Option<f64> {
        let e = expression.trim();
        let number = |s: &str| {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
                .then(|| s.parse::<f64>().ok())
                .flatten()
        };
        let seconds = if e.contains(':') {
            let parts: Vec<&str> = e.split(':').collect();
            let hms = |h: &str, m: &str, s: &str| Some(number(h)? * 3600.0 + number(m)? * 60.0 + number(s)?);
            match parts.as_slice() {
                [h, m, s] => hms(h, m, s)?,
                [h, m, s, frames] => {
                    let (f, sub) = frames.split_once('.').unwrap_or((frames, "0"));
                    hms(h, m, s)? + (number(f)? + number(sub)? / self.sub_frame_rate) / self.frame_rate
                }
                _ => return None,
            }
        } else {
            let split = e.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
            let value = number(&e[..split])?;
            match &e[split..] {
                "h" => value * 3600.0,
                "m" => value * 60.0,
                "s" => value,
                "ms" => value / 1000.0,
                "f" => value / self.frame_rate,
                "t" => value / self.tick_rate,
                _ => return None,
            }
        };
        (seconds.is_finite() && seconds >= 0.0).then_some(seconds)
    }
}

/// What a timed element holds: text, line breaks and timed elements.
pub(super) enum Content<'a, 'i> {
    Text(&'a str),
    Break,
    Element(Timed<'a, 'i>),
}

/// An element with its active interval resolved, before its parent's end clips it.
pub(super) struct Timed<'a, 'i> {
    pub node: Node<'a, 'i>,
    pub begin: f64,
    pub end: f64,
    /// Text and breaks are active with the element in a `par` container; in a `seq` one their
    /// implicit duration is zero, so they are not kept.
    pub children: Vec<Content<'a, 'i>>,
}

pub(super) fn is_timed(node: &Node) -> bool {
    node.is_element()
        && node.tag_name().namespace().is_none_or(|ns| ns == TTML)
        && matches!(node.tag_name().name(), "body" | "div" | "p" | "span")
}

/// Resolves `node`'s interval and its children's. `sync` is where its times count from: its
/// parent's begin in a `par` container, the end of its previous sibling in a `seq` one. A
/// malformed time leaves the element out, with a note; its siblings go on.
pub(super) fn resolve<'a, 'i>(
    node: Node<'a, 'i>,
    sync: f64,
    clock: &Clock,
    line: &dyn Fn(Node) -> usize,
    notes: &mut Vec<ParseNote>,
) -> Option<Timed<'a, 'i>> {
    let mut attribute = |name: &str| match node.attribute(name) {
        None => Ok(None),
        Some(v) => clock.seconds(v).map(Some).ok_or_else(|| {
            notes.push(ParseNote {
                line: line(node),
                message: format!("malformed {name} time {v:?}: left out with what it holds"),
            })
        }),
    };
    let (begin_at, end_at, dur) = (attribute("begin").ok()?, attribute("end").ok()?, attribute("dur").ok()?);
    let begin = sync + begin_at.unwrap_or(0.0);
    let seq = node.attribute("timeContainer") == Some("seq");
    let mixed = matches!(node.tag_name().name(), "p" | "span");

    // The implicit end: the latest end of the children in a par container, the last one's in
    // a seq; text in a par container is indefinite.
    let (mut children, mut implicit, mut cursor) = (Vec::new(), begin, begin);
    for child in node.children() {
        if child.is_text() && mixed {
            if !seq {
                children.push(Content::Text(child.text().unwrap_or_default()));
                implicit = f64::INFINITY;
            }
        } else if is_timed(&child) {
            let Some(timed) = resolve(child, if seq { cursor } else { begin }, clock, line, notes) else { continue };
            if seq {
                cursor = timed.end;
                implicit = timed.end;
            } else {
                implicit = implicit.max(timed.end);
            }
            if timed.end > timed.begin {
                children.push(Content::Element(timed));
            }
        } else if child.is_element() && child.tag_name().name() == "br" && !seq {
            children.push(Content::Break);
            implicit = f64::INFINITY;
        }
    }
    let end = match (end_at, dur) {
        (Some(e), Some(d)) => (sync + e).min(begin + d),
        (Some(e), None) => sync + e,
        (None, Some(d)) => begin + d,
        (None, None) => implicit,
    };
    Some(Timed { node, begin, end, children })
}

impl Timed<'_, '_> {
    /// Every time inside `[from, to)` at which something under this element starts or stops.
    pub(super) fn changes(&self, from: f64, to: f64, out: &mut Vec<f64>) {
        for t in [self.begin, self.end] {
            if t > from && t < to {
                out.push(t);
            }
        }
        for child in &self.children {
            if let Content::Element(timed) = child {
                timed.changes(from, to, out);
            }
        }
    }

    pub(super) fn active_at(&self, t: f64) -> bool {
        self.begin <= t && t < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_and_offset_times_with_the_documents_rates() {
        let doc = roxmltree::Document::parse(
            r#"<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
                ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001" ttp:subFrameRate="2"/>"#,
        )
        .expect("parses");
        let clock = Clock::of(doc.root_element());
        let ms = |e: &str| clock.seconds(e).map(|s| (s * 1000.0).round() as i64);
        assert_eq!(ms("00:00:01:15"), Some(1_501));
        assert_eq!(ms("00:00:01:15.1"), Some(1_517));
        assert_eq!(ms("60t"), Some(1_001), "ticks are sub-frames without a tick rate");
        assert_eq!(ms("1.5s"), Some(1_500));
        assert_eq!(ms("0.5m"), Some(30_000));
        assert_eq!(ms("01:02:03.456"), Some(3_723_456));
        for bad in ["-1s", "1x", "1:2", "", "1:a:00", "ms"] {
            assert_eq!(ms(bad), None, "{bad}");
        }
        let plain = roxmltree::Document::parse(r#"<tt xmlns="http://www.w3.org/ns/ttml"/>"#).expect("parses");
        assert_eq!(Clock::of(plain.root_element()).seconds("3t"), Some(3.0), "one tick a second by default");
    }
}
