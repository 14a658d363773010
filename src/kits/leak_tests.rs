//! Property tests that try to get what may not go into a kit: random libraries (assets and
//! reportages with random classifications, embargoes, territories, rights and people), random
//! kits over them (items, reportages, items dropped from those), every profile. The preflight
//! must say "ok" exactly when a model of the rules, written here apart from the gate, says
//! everything in the kit may go; and what it would send must be exactly what the model sends.

use proptest::prelude::*;
use rusqlite::params;

use crate::catalog::{Classification, Content};
use crate::kits::{KitRef, NewKit};
use crate::Library;

pub(crate) const AT: &str = "2026-12-07T08:00:00Z";
/// Before, at, and after the delivery, some written in Vietnam's offset (compared as instants).
const EMBARGOES: [Option<&str>; 6] = [
    None,
    Some("2026-12-07T07:00:00Z"),
    Some("2026-12-07T14:30:00+07:00"),
    Some("2026-12-07T08:00:00Z"),
    Some("2026-12-07T15:30:00+07:00"),
    Some("2026-12-08T06:00:00+07:00"),
];
const TERRITORIES: [Option<&str>; 5] =
    [None, Some(r#"["VN"]"#), Some(r#"["KR"]"#), Some(r#"["VN","KR"]"#), Some(r#"["worldwide"]"#)];
const EXPIRES: [Option<&str>; 4] = [None, Some("2026-12-06"), Some("2026-12-07"), Some("2027-06-30")];
const COUNTRIES: [Option<&str>; 3] = [None, Some("KR"), Some("VN")];
const PROFILES: [&str; 6] = ["newspaper", "agency", "broadcaster", "delegation", "social-square", "web"];

#[derive(Debug, Clone)]
pub(crate) struct AssetModel {
    class: usize,
    embargo: usize,
    territories: usize,
    expire: usize,
    persons: bool,
    released: bool,
    /// A film (a real one, from `films()`), not a photo.
    pub(crate) film: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct ReportageModel {
    class: usize,
    embargo: usize,
    pub(crate) items: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct World {
    pub(crate) assets: Vec<AssetModel>,
    pub(crate) reportages: Vec<ReportageModel>,
    profile: usize,
    country: usize,
    /// (is a reportage, index)
    pub(crate) items: Vec<(bool, usize)>,
    removed: Vec<(bool, usize)>,
}

/// Half the time the first choice (public, no embargo, …), so that kits that may go are common.
fn mostly_first(n: usize) -> impl Strategy<Value = usize> {
    (0..2 * (n - 1)).prop_map(move |x| x.saturating_sub(n - 2).min(n - 1))
}

pub(crate) fn world() -> impl Strategy<Value = World> {
    let asset = (
        mostly_first(5),
        mostly_first(6),
        mostly_first(5),
        mostly_first(4),
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.3),
    )
        .prop_map(|(class, embargo, territories, expire, persons, released, film)| AssetModel {
            class,
            embargo,
            territories,
            expire,
            persons,
            released,
            film,
        });
    let reportage = (mostly_first(5), mostly_first(6), prop::collection::vec(0usize..8, 0..5))
        .prop_map(|(class, embargo, items)| ReportageModel { class, embargo, items });
    (
        prop::collection::vec(asset, 1..8),
        prop::collection::vec(reportage, 0..4),
        0usize..6,
        0usize..3,
        prop::collection::vec((any::<bool>(), 0usize..8), 0..4),
        prop::collection::vec((any::<bool>(), 0usize..8), 0..3),
        // Half the worlds are clean but for at most one mark: kits that may go, and near misses.
        proptest::option::of((0usize..8, 0usize..7, 0usize..6)),
        any::<bool>(),
    )
        .prop_map(|(mut assets, mut reportages, profile, country, items, removed, flaw, clean)| {
            if clean {
                clean_but(&mut assets, &mut reportages, flaw);
            }
            let n = assets.len();
            for r in &mut reportages {
                for i in &mut r.items {
                    *i %= n;
                }
                let mut seen = Vec::new();
                r.items.retain(|i| {
                    if seen.contains(i) {
                        false
                    } else {
                        seen.push(*i);
                        true
                    }
                });
            }
            let m = reportages.len();
            let refer = |list: Vec<(bool, usize)>| -> Vec<(bool, usize)> {
                list.into_iter()
                    .filter(|(is_r, _)| !is_r || m > 0)
                    .map(|(is_r, i)| (is_r, if is_r { i % m.max(1) } else { i % n }))
                    .collect()
            };
            World { assets, reportages, profile, country, items: refer(items), removed: refer(removed) }
        })
}

fn clean_but(assets: &mut [AssetModel], reportages: &mut [ReportageModel], flaw: Option<(usize, usize, usize)>) {
    for a in assets.iter_mut() {
        *a = AssetModel {
            class: 0,
            embargo: 0,
            territories: 0,
            expire: 0,
            persons: false,
            released: false,
            film: a.film,
        };
    }
    for r in reportages.iter_mut() {
        r.class = 0;
        r.embargo = 0;
    }
    let Some((which, field, value)) = flaw else { return };
    let a = &mut assets[which % assets.len()];
    match field {
        0 => a.class = value % 5,
        1 => a.embargo = value,
        2 => a.territories = value % 5,
        3 => a.expire = value % 4,
        4 => a.persons = true,
        _ if reportages.is_empty() => {}
        5 => reportages[which % reportages.len()].class = value % 5,
        _ => reportages[which % reportages.len()].embargo = value,
    }
}

fn instant(s: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).expect("time")
}

fn later(a: Option<&'static str>, b: Option<&'static str>) -> Option<&'static str> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if instant(y) > instant(x) { y } else { x }),
        (x, y) => x.or(y),
    }
}

impl World {
    fn containing(&self, a: usize) -> impl Iterator<Item = &ReportageModel> {
        self.reportages.iter().filter(move |r| r.items.contains(&a))
    }

    fn asset_class(&self, a: usize) -> Classification {
        let own = Classification::ALL[self.assets[a].class];
        self.containing(a).map(|r| Classification::ALL[r.class]).filter(|c| c.is_state_secret()).fold(own, Ord::max)
    }

    fn asset_embargo(&self, a: usize) -> Option<&'static str> {
        self.containing(a).fold(EMBARGOES[self.assets[a].embargo], |e, r| later(e, EMBARGOES[r.embargo]))
    }

    fn free(embargo: Option<&str>) -> bool {
        embargo.is_none_or(|e| instant(e) <= instant(AT))
    }

    fn asset_may_go(&self, a: usize) -> bool {
        let m = &self.assets[a];
        let country = COUNTRIES[self.country];
        let territory = match TERRITORIES[m.territories] {
            None => true,
            Some(t) if t.contains("worldwide") => true,
            Some(t) => country.is_some_and(|c| t.contains(c)),
        };
        let expire = EXPIRES[m.expire].is_none_or(|d| d >= &AT[..10]);
        let needs_release = matches!(PROFILES[self.profile], "social-square" | "web");
        let release = !(needs_release && m.persons && !m.released);
        self.asset_class(a) == Classification::Public
            && Self::free(self.asset_embargo(a))
            && territory
            && expire
            && release
    }

    fn reportage_may_go(&self, r: usize) -> bool {
        let m = &self.reportages[r];
        let class = m.items.iter().map(|&a| self.asset_class(a)).fold(Classification::ALL[m.class], Ord::max);
        let embargo = m.items.iter().fold(EMBARGOES[m.embargo], |e, &a| later(e, self.asset_embargo(a)));
        class == Classification::Public && Self::free(embargo)
    }

    /// What the kit carries after its items are added and removed, as the model has it.
    pub(crate) fn contents(&self) -> Vec<String> {
        let mut direct: Vec<(bool, usize)> = Vec::new();
        for item in &self.items {
            if !direct.contains(item) {
                direct.push(*item);
            }
        }
        let mut excluded: Vec<usize> = Vec::new();
        for item in &self.removed {
            if let Some(pos) = direct.iter().position(|d| d == item) {
                direct.remove(pos);
            } else if !item.0 && direct.iter().any(|&(is_r, r)| is_r && self.reportages[r].items.contains(&item.1)) {
                excluded.push(item.1);
            }
        }
        let mut out: Vec<String> = Vec::new();
        let mut push = |s: String| {
            if !out.contains(&s) {
                out.push(s);
            }
        };
        for &(is_r, i) in &direct {
            if is_r {
                push(format!("r:{}", i + 1));
                for &a in self.reportages[i].items.iter().filter(|a| !excluded.contains(a)) {
                    push((a + 1).to_string());
                }
            } else {
                push((i + 1).to_string());
            }
        }
        out
    }

    /// Whether the item may be checked out to a tour: public, counting what it belongs to.
    pub(crate) fn may_tour(&self, item: &str) -> bool {
        match item.strip_prefix("r:") {
            Some(r) => {
                let m = &self.reportages[r.parse::<usize>().expect("id") - 1];
                m.items.iter().map(|&a| self.asset_class(a)).fold(Classification::ALL[m.class], Ord::max)
                    == Classification::Public
            }
            None => self.asset_class(item.parse::<usize>().expect("id") - 1) == Classification::Public,
        }
    }

    pub(crate) fn may_go(&self, item: &str) -> bool {
        match item.strip_prefix("r:") {
            Some(r) => self.reportage_may_go(r.parse::<usize>().expect("id") - 1),
            None => self.asset_may_go(item.parse::<usize>().expect("id") - 1),
        }
    }
}

/// A real film for each asset a world may have, made once a run: a second of colour and tone
/// of its own (so each has its own hash), with stereo sound a broadcaster's copy can bring to
/// R128.
pub(crate) struct Film {
    pub(crate) path: std::path::PathBuf,
    pub(crate) hash: String,
    size: u64,
    media: crate::probe::MediaInfo,
    info: crate::probe::PhotoInfo,
}

impl Film {
    fn content(&self) -> Content<'_> {
        Content {
            kind: crate::catalog::Kind::Video,
            hash: &self.hash,
            size: self.size,
            format: "mp4",
            support_note: None,
            info: &self.info,
            media: Some(&self.media),
        }
    }
}

pub(crate) fn films() -> &'static [Film] {
    static FILMS: std::sync::OnceLock<Vec<Film>> = std::sync::OnceLock::new();
    FILMS.get_or_init(|| {
        let dir = tempfile::Builder::new().prefix("mediadesk-leak-films").tempdir().expect("dir").keep();
        (0..8)
            .map(|i| {
                let path = dir.join(format!("{i}.mp4"));
                let status = std::process::Command::new("ffmpeg")
                    .args(["-v", "error", "-y", "-f", "lavfi", "-i"])
                    .arg(format!("color=c=0x{:02x}4080:s=64x48:r=25:d=1", i * 30))
                    .args(["-f", "lavfi", "-i"])
                    .arg(format!("sine=frequency={}:sample_rate=48000:duration=1", 300 + i * 50))
                    .args(["-ac", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"])
                    .arg(&path)
                    .status()
                    .expect("ffmpeg");
                assert!(status.success(), "ffmpeg made no film");
                let media = crate::probe::read_media(&path).expect("probe");
                let info = crate::probe::PhotoInfo {
                    width: media.video.as_ref().map(|v| v.width),
                    height: media.video.as_ref().map(|v| v.height),
                    ..Default::default()
                };
                let bytes = std::fs::read(&path).expect("read");
                let hash = blake3::hash(&bytes).to_hex().to_string();
                Film { path, hash, size: bytes.len() as u64, media, info }
            })
            .collect()
    })
}

/// The world in a library: every text the profiles require is there (in Vietnamese, the one
/// target language), so only the hard rules decide.
pub(crate) fn build(w: &World) -> (tempfile::TempDir, Library, i64) {
    let dir = tempfile::tempdir().expect("dir");
    let mut library = Library::open(dir.path()).expect("library");
    let now = "2026-12-01T00:00:00Z";
    {
        let conn = library.conn();
        for (i, a) in w.assets.iter().enumerate() {
            let hash = format!("{i:064}");
            let info = crate::probe::PhotoInfo::default();
            let content = match a.film {
                true => films()[i].content(),
                false => Content::photo(&hash, 1, &info),
            };
            let id =
                crate::catalog::write::insert_asset(conn, &content, Classification::ALL[a.class], now).expect("asset");
            conn.execute(
                "UPDATE assets SET embargo_until = ?2, territories = ?3, rights_expire = ?4, persons = ?5, model_release = ?6,
                        credit = 'Báo Đồng Nai', headline = 'Tiêu đề' WHERE id = ?1",
                params![
                    id,
                    EMBARGOES[a.embargo],
                    TERRITORIES[a.territories],
                    EXPIRES[a.expire],
                    a.persons.then_some(r#"["Nguyễn Văn A"]"#),
                    if a.released { "unlimited" } else { "none" }
                ],
            )
            .expect("rights");
            conn.execute("INSERT INTO captions (asset_id, lang, text) VALUES (?1, 'vi', 'Chú thích')", [id])
                .expect("caption");
        }
        for r in &w.reportages {
            let id = crate::reportage::create(conn, "Phóng sự", "vi", now).expect("reportage");
            conn.execute(
                "UPDATE reportages SET classification = ?2, embargo_until = ?3 WHERE id = ?1",
                params![id, Classification::ALL[r.class].code(), EMBARGOES[r.embargo]],
            )
            .expect("marks");
            conn.execute("INSERT INTO reportage_texts VALUES (?1, 'body', 'vi', 'Bài viết.')", [id]).expect("body");
            let items: Vec<i64> = r.items.iter().map(|&a| a as i64 + 1).collect();
            crate::reportage::add_items(conn, id, &items, crate::reportage::Role::Gallery, None, now).expect("items");
        }
    }
    let refs = |list: &[(bool, usize)]| -> Vec<KitRef> {
        list.iter()
            .map(|&(is_r, i)| if is_r { KitRef::Reportage(i as i64 + 1) } else { KitRef::Asset(i as i64 + 1) })
            .collect()
    };
    let new = NewKit {
        profile: PROFILES[w.profile].into(),
        languages: vec!["vi".into()],
        recipient: "Đoàn phóng viên".into(),
        country: COUNTRIES[w.country].map(str::to_owned),
        ..NewKit::default()
    };
    let kit = library.new_kit(&new, &refs(&w.items)).expect("kit").id;
    for r in refs(&w.removed) {
        // Removing what is not in the kit is refused, and changes nothing.
        let _ = library.remove_from_kit(kit, &[r]);
    }
    (dir, library, kit)
}

proptest! {

    #[test]
    fn nothing_that_may_not_go_passes_the_preflight(w in world()) {
        let (_dir, library, kit) = build(&w);
        let report = library.preflight(kit, Some(AT)).expect("preflight");
        let sent: Vec<String> = report.contents.iter().map(|e| e.item.clone()).collect();
        let expected = w.contents();
        prop_assert_eq!(&sent, &expected, "what the kit carries");
        let all_may_go = !expected.is_empty() && expected.iter().all(|i| w.may_go(i));
        prop_assert_eq!(report.ok, all_may_go, "blockers: {:?}", report.blockers);
        // Each item the model holds back is named by a hard blocker.
        for item in expected.iter().filter(|i| !w.may_go(i)) {
            prop_assert!(
                report.blockers.iter().any(|b| &b.item == item && b.rule.is_hard()),
                "{} goes unnamed: {:?}", item, report.blockers
            );
        }
    }
}
