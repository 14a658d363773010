//! The proof that a merge loses nothing: random libraries, a check-out, a kit made on the road
//! and merged home, then random edits on both sides (the same fields on both, keywords added
//! and removed, a reportage's items reordered and added to, classifications raised at home and
//! on the road, new photos on both, the kit's title and items, translation statuses), then a
//! merge. Every field's outcome is checked against what each side made of it, read straight
//! from the catalogs: a change of one side is in the result, changes of both are in the
//! result or listed as a conflict; nothing classified comes back lower; the audit chain
//! verifies; merging again changes nothing. `MEDIADESK_MERGE_CASES=N` runs more.

use std::path::Path;

use proptest::prelude::*;
use rusqlite::Connection;

use crate::catalog::fields::{AssetEdit, Edit};
use crate::catalog::Classification;
use crate::jobs::{CancelToken, JobCtx};
use crate::kits::{KitChange, NewKit};
use crate::thumbs::decode::Rgb;
use crate::tour::CheckoutRequest;
use crate::translation::{Change, Item, Part, Status};
use crate::Library;

fn cases() -> u32 {
    std::env::var("MEDIADESK_MERGE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

const KEYWORDS: [&str; 4] = ["rừng", "sông", "cây", "lễ hội"];
const TEXTS: [&str; 3] = ["Cát Tiên", "Long Khánh", "Nhơn Trạch"];

#[derive(Debug, Clone)]
enum Op {
    Caption { asset: usize, en: bool, text: usize },
    Headline { asset: usize, text: usize },
    AddKeyword { asset: usize, keyword: usize },
    RemoveKeyword { asset: usize, keyword: usize },
    Raise { asset: usize, level: usize },
    StoryHeadline { text: usize },
    Reorder { seed: usize },
    AddToStory { asset: usize },
    NewPhoto,
    KitTitle { text: usize },
    KitItem { asset: usize, add: bool },
    Translate { asset: usize, status: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..4, any::<bool>(), 0usize..3).prop_map(|(asset, en, text)| Op::Caption { asset, en, text }),
        (0usize..4, 0usize..3).prop_map(|(asset, text)| Op::Headline { asset, text }),
        (0usize..4, 0usize..4).prop_map(|(asset, keyword)| Op::AddKeyword { asset, keyword }),
        (0usize..4, 0usize..4).prop_map(|(asset, keyword)| Op::RemoveKeyword { asset, keyword }),
        (0usize..4, 1usize..3).prop_map(|(asset, level)| Op::Raise { asset, level }),
        (0usize..3).prop_map(|text| Op::StoryHeadline { text }),
        (0usize..24).prop_map(|seed| Op::Reorder { seed }),
        (0usize..4).prop_map(|asset| Op::AddToStory { asset }),
        Just(Op::NewPhoto),
        (0usize..3).prop_map(|text| Op::KitTitle { text }),
        (0usize..4, any::<bool>()).prop_map(|(asset, add)| Op::KitItem { asset, add }),
        (0usize..4, 0usize..3).prop_map(|(asset, status)| Op::Translate { asset, status }),
    ]
}

fn clock() -> crate::library::Clock {
    std::sync::Arc::new(|| time::macros::datetime!(2026-12-05 08:00 UTC))
}

/// A photo of its own in `dir`, catalogued in `library`; its id.
fn photo(library: &Library, dir: &Path, n: u64, class: Classification) -> i64 {
    let pixels = (0..8 * 6).flat_map(|p| [(n * 41 % 256) as u8, (p * 5) as u8, (n / 256) as u8]).collect();
    let jpeg = crate::thumbs::encode_jpeg(&Rgb { width: 8, height: 6, pixels }, 90).expect("jpeg");
    std::fs::create_dir_all(dir).expect("dir");
    let path = dir.join(format!("{n}.jpg"));
    std::fs::write(&path, &jpeg).expect("write");
    let hash = blake3::hash(&jpeg).to_hex().to_string();
    let info = crate::probe::PhotoInfo::default();
    let conn = library.conn();
    let id = crate::catalog::write::insert_asset(
        conn,
        &crate::catalog::Content::photo(&hash, jpeg.len() as u64, &info),
        class,
        "2026-12-01T00:00:00Z",
    )
    .expect("asset");
    let (bytes, text) = crate::ingest::path_keys(&path);
    let seen = crate::catalog::write::Seen::plain(&bytes, &text, jpeg.len() as u64, 0);
    crate::catalog::write::add_file(conn, id, &seen, "2026-12-01T00:00:00Z").expect("file");
    id
}

/// Applies `op` to a side (its own id of the kit); `fresh` numbers new photos and notes so
/// that no two sides make the same.
fn apply(library: &mut Library, dir: &Path, (story, kit): (i64, i64), op: &Op, fresh: &mut u64) {
    let assets: Vec<i64> = (1..=4).collect();
    let edit = |library: &mut Library, asset: usize, edit: Edit| {
        let _ = library.edit(&[AssetEdit { asset: assets[asset], edit }], Some("test"), "test");
    };
    match op {
        Op::Caption { asset, en, text } => {
            let lang = if *en { "en" } else { "vi" };
            edit(library, *asset, Edit::Caption { lang: lang.into(), value: Some(format!("{} {lang}", TEXTS[*text])) })
        }
        Op::Headline { asset, text } => edit(library, *asset, Edit::Headline { value: Some(TEXTS[*text].into()) }),
        Op::AddKeyword { asset, keyword } => {
            edit(library, *asset, Edit::AddKeywords { value: vec![KEYWORDS[*keyword].into()] })
        }
        Op::RemoveKeyword { asset, keyword } => {
            edit(library, *asset, Edit::RemoveKeywords { value: vec![KEYWORDS[*keyword].into()] })
        }
        Op::Raise { asset, level } => {
            edit(library, *asset, Edit::Classification { value: Classification::ALL[*level] })
        }
        Op::StoryHeadline { text } => {
            let change =
                crate::reportage::ReportageChange { headline: Some(TEXTS[*text].into()), ..Default::default() };
            crate::reportage::set(library.conn(), story, &change, time::UtcOffset::UTC, "test", "2026-12-05T08:00:00Z")
                .expect("story");
        }
        Op::Reorder { seed } => {
            let mut order = items(library.conn(), story);
            if order.len() > 1 {
                let n = order.len();
                order.swap(seed % n, (seed / n) % n);
                let ids: Vec<i64> = order
                    .iter()
                    .map(|h| {
                        library
                            .conn()
                            .query_row("SELECT id FROM assets WHERE content_hash = ?1", [h], |r| r.get(0))
                            .expect("id")
                    })
                    .collect();
                crate::reportage::order_items(library.conn(), story, &ids, "2026-12-05T08:00:00Z").expect("order");
            }
        }
        Op::AddToStory { asset } => {
            let role = crate::reportage::Role::Gallery;
            crate::reportage::add_items(library.conn(), story, &[assets[*asset]], role, None, "2026-12-05T08:00:00Z")
                .expect("add");
        }
        Op::NewPhoto => {
            *fresh += 1;
            photo(library, &dir.join("card"), *fresh, Classification::Public);
        }
        Op::KitTitle { text } => {
            let change = KitChange { title: Some(TEXTS[*text].into()), ..Default::default() };
            library.change_kit(kit, &change).expect("kit title");
        }
        Op::KitItem { asset, add } => {
            let item = [Item::Asset(assets[*asset])];
            let _ = if *add { library.add_to_kit(kit, &item) } else { library.remove_from_kit(kit, &item) };
        }
        Op::Translate { asset, status } => {
            *fresh += 1;
            let to = [Status::Draft, Status::NeedsReview, Status::Missing][*status];
            let change = Change { status: Some(to), note: Some(format!("n{fresh}")), ..Default::default() };
            let _ = library.set_translation(&assets[*asset].to_string(), Part::Caption, "en", &change, "test");
        }
    }
}

/// A field as each catalog holds it, read with plain SQL (not the merge's readers).
fn field(conn: &Connection, hash: &str, name: &str) -> serde_json::Value {
    let id: i64 = conn.query_row("SELECT id FROM assets WHERE content_hash = ?1", [hash], |r| r.get(0)).expect("asset");
    let text = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> serde_json::Value {
        conn.query_row(sql, p, |r| r.get::<_, Option<String>>(0))
            .unwrap_or(None)
            .map_or(serde_json::Value::Null, Into::into)
    };
    match name {
        "headline" => text("SELECT headline FROM assets WHERE id = ?1", &[&id]),
        "classification" => text("SELECT classification FROM assets WHERE id = ?1", &[&id]),
        "keywords" => {
            let k: Vec<String> = conn
                .prepare("SELECT keyword FROM keywords WHERE asset_id = ?1 ORDER BY position")
                .expect("q")
                .query_map([id], |r| r.get(0))
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("keywords");
            serde_json::json!(k)
        }
        caption => text("SELECT text FROM captions WHERE asset_id = ?1 AND lang = ?2", &[&id, &&caption[8..]]),
    }
}

fn items(conn: &Connection, story: i64) -> Vec<String> {
    conn.prepare(
        "SELECT a.content_hash FROM reportage_items i JOIN assets a ON a.id = i.asset_id WHERE i.reportage_id = ?1 ORDER BY i.position",
    )
    .expect("q")
    .query_map([story], |r| r.get(0))
    .expect("rows")
    .collect::<rusqlite::Result<_>>()
    .expect("items")
}

/// The kit's title and its items by content, read by its uid.
fn kit(conn: &Connection, uid: &str) -> (Option<String>, Vec<String>) {
    let title = conn.query_row("SELECT title FROM kits WHERE uid = ?1", [uid], |r| r.get(0)).expect("kit");
    let items = conn
        .prepare(
            "SELECT a.content_hash FROM kit_items i JOIN kits k ON k.id = i.kit_id JOIN assets a ON a.id = i.asset_id
             WHERE k.uid = ?1 ORDER BY i.position",
        )
        .expect("q")
        .query_map([uid], |r| r.get(0))
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("items");
    (title, items)
}

/// An asset's English caption translation history, line by line.
fn history(conn: &Connection, hash: &str) -> Vec<String> {
    conn.prepare(
        "SELECT h.from_status || '>' || h.to_status || ' ' || coalesce(h.note, '') FROM translation_history h
         JOIN assets a ON a.id = h.item_id
         WHERE h.item_kind = 'asset' AND a.content_hash = ?1 AND h.part = 'caption' AND h.lang = 'en' ORDER BY h.id",
    )
    .expect("q")
    .query_map([hash], |r| r.get(0))
    .expect("rows")
    .collect::<rusqlite::Result<_>>()
    .expect("history")
}

fn story_headline(conn: &Connection, story: i64) -> Option<String> {
    conn.query_row(
        "SELECT text FROM reportage_texts WHERE reportage_id = ?1 AND part = 'headline' AND lang = 'vi'",
        [story],
        |r| r.get(0),
    )
    .ok()
}

fn hashes(conn: &Connection) -> Vec<String> {
    conn.prepare("SELECT content_hash FROM assets ORDER BY content_hash")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("hashes")
}

/// What a catalog holds that a merge could change, by content: to see a second merge change nothing.
fn dump(conn: &Connection) -> String {
    let mut out = String::new();
    for sql in [
        "SELECT a.content_hash, a.headline, a.classification FROM assets a ORDER BY 1",
        "SELECT a.content_hash, c.lang, c.text FROM captions c JOIN assets a ON a.id = c.asset_id ORDER BY 1, 2",
        "SELECT a.content_hash, k.position, k.keyword FROM keywords k JOIN assets a ON a.id = k.asset_id ORDER BY 1, 2",
        "SELECT r.uid, t.part, t.lang, t.text FROM reportage_texts t JOIN reportages r ON r.id = t.reportage_id ORDER BY 1, 2, 3",
        "SELECT r.uid, i.position, a.content_hash FROM reportage_items i JOIN reportages r ON r.id = i.reportage_id
         JOIN assets a ON a.id = i.asset_id ORDER BY 1, 2",
        "SELECT k.uid, k.title, k.recipient FROM kits k ORDER BY 1",
        "SELECT k.uid, i.position, a.content_hash FROM kit_items i JOIN kits k ON k.id = i.kit_id
         JOIN assets a ON a.id = i.asset_id ORDER BY 1, 2",
        "SELECT count(*) FROM translation_history",
        "SELECT count(*) FROM audit_log",
        "SELECT count(*) FROM edits",
    ] {
        let mut stmt = conn.prepare(sql).expect("q");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect::<rusqlite::Result<Vec<_>>>())
            .expect("rows");
        for row in rows {
            out.push_str(&row.expect("row").join("|"));
            out.push('\n');
        }
    }
    out
}

fn check(home_ops: &[Op], tour_ops: &[Op]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("dir");
    let mut home = Library::open(&dir.path().join("home")).expect("home").with_clock(clock());
    for n in 1..=4 {
        let id = photo(&home, &dir.path().join("originals"), n, Classification::Public);
        home.edit(
            &[AssetEdit { asset: id, edit: Edit::Keywords { value: vec!["rừng".into(), "cây".into()] } }],
            None,
            "test",
        )
        .expect("keywords");
    }
    let story = crate::reportage::create(home.conn(), "Phóng sự", "vi", "2026-12-01T00:00:00Z").expect("story");
    home.conn().execute("UPDATE reportages SET classification = 'public' WHERE id = ?1", [story]).expect("public");
    crate::reportage::add_items(
        home.conn(),
        story,
        &[1, 2],
        crate::reportage::Role::Gallery,
        None,
        "2026-12-01T00:00:00Z",
    )
    .expect("items");
    let to = dir.path().join("tour");
    let request = CheckoutRequest {
        to: to.clone(),
        previews_only: false,
        items: vec![Item::Reportage(story), Item::Asset(3), Item::Asset(4)],
    };
    let ctx = JobCtx::new(CancelToken::default(), |_| {});
    home.tour_checkout(&request, "test", &ctx).expect("checkout");
    // A kit made on the road and merged home: from now on both sides hold it.
    let mut tour = Library::open(&to).expect("tour").with_clock(clock());
    let new = NewKit {
        profile: "newspaper".into(),
        languages: vec!["en".into()],
        recipient: "Korea Times".into(),
        ..Default::default()
    };
    let tour_kit = tour.new_kit(&new, &[Item::Asset(1)]).expect("kit").id;
    drop(tour);
    home.tour_merge(&to, "test", &ctx).expect("the kit merged");
    let base = Connection::open(to.join("catalog.sqlite")).expect("base");
    let kit_uid: String = base.query_row("SELECT uid FROM kits", [], |r| r.get(0)).expect("uid");
    let home_kit: i64 =
        home.conn().query_row("SELECT id FROM kits WHERE uid = ?1", [&kit_uid], |r| r.get(0)).expect("k");
    let base_kit = kit(&base, &kit_uid);
    let base_history: Vec<Vec<String>> = hashes(&base).iter().map(|h| history(&base, h)).collect();
    let base_dump: Vec<(String, Vec<serde_json::Value>)> = hashes(&base)
        .into_iter()
        .map(|h| {
            let values = ["headline", "classification", "keywords", "caption:vi", "caption:en"]
                .map(|f| field(&base, &h, f))
                .to_vec();
            (h, values)
        })
        .collect();
    let base_items = items(&base, story);
    let base_headline = story_headline(&base, story);
    drop(base);
    let mut tour = Library::open(&to).expect("tour").with_clock(clock());
    let mut fresh = 100;
    for op in home_ops {
        apply(&mut home, &dir.path().join("home-card"), (story, home_kit), op, &mut fresh);
    }
    fresh = 200;
    for op in tour_ops {
        apply(&mut tour, &dir.path().join("tour-card"), (story, tour_kit), op, &mut fresh);
    }
    let ours_conn = Connection::open(dir.path().join("home/catalog.sqlite")).expect("ours");
    let theirs_conn = Connection::open(to.join("catalog.sqlite")).expect("theirs");
    let before: Vec<(String, Vec<serde_json::Value>, Vec<serde_json::Value>)> = base_dump
        .iter()
        .map(|(h, _)| {
            let read = |c: &Connection| {
                ["headline", "classification", "keywords", "caption:vi", "caption:en"].map(|f| field(c, h, f)).to_vec()
            };
            (h.clone(), read(&ours_conn), read(&theirs_conn))
        })
        .collect();
    let (ours_items, theirs_items) = (items(&ours_conn, story), items(&theirs_conn, story));
    let (ours_headline, theirs_headline) = (story_headline(&ours_conn, story), story_headline(&theirs_conn, story));
    let (ours_kit, theirs_kit) = (kit(&ours_conn, &kit_uid), kit(&theirs_conn, &kit_uid));
    let histories: Vec<(Vec<String>, Vec<String>)> =
        base_dump.iter().map(|(h, _)| (history(&ours_conn, h), history(&theirs_conn, h))).collect();
    let new_on_tour: Vec<String> = hashes(&theirs_conn)
        .into_iter()
        .filter(|h| !base_items.contains(h) && base_dump.iter().all(|(b, _)| b != h))
        .collect();
    drop((ours_conn, theirs_conn));
    drop(tour);

    let report = home.tour_merge(&to, "test", &ctx).expect("merge");
    let conflicted = |item: &str, f: &str| report.conflicts.iter().any(|c| c.item == item && c.field == f);
    let conn = home.conn();
    for ((hash, base_values), (_, ours, theirs)) in base_dump.iter().zip(&before) {
        let id: i64 =
            conn.query_row("SELECT id FROM assets WHERE content_hash = ?1", [hash], |r| r.get(0)).expect("id");
        for (n, name) in ["headline", "classification", "keywords", "caption:vi", "caption:en"].iter().enumerate() {
            let (b, o, t) = (&base_values[n], &ours[n], &theirs[n]);
            let now = field(conn, hash, name);
            match *name {
                "classification" => {
                    let level = |v: &serde_json::Value| v.as_str().and_then(|s| s.parse::<Classification>().ok());
                    prop_assert_eq!(level(&now), level(o).max(level(t)), "asset {}: classification", id);
                }
                "keywords" => {
                    let has = |v: &serde_json::Value, k: &str| v.as_array().is_some_and(|a| a.iter().any(|x| x == k));
                    for k in KEYWORDS {
                        let want = if has(b, k) { has(o, k) && has(t, k) } else { has(o, k) || has(t, k) };
                        prop_assert_eq!(has(&now, k), want, "asset {}: keyword {}", id, k);
                    }
                }
                _ if o == t || t == b => prop_assert_eq!(&now, o, "asset {}: {} (home's)", id, name),
                _ if o == b => prop_assert_eq!(&now, t, "asset {}: {} (the tour's)", id, name),
                _ => {
                    prop_assert_eq!(&now, o, "asset {}: {} kept home's until settled", id, name);
                    prop_assert!(
                        conflicted(&id.to_string(), name),
                        "asset {}: {} changed on both sides, not listed",
                        id,
                        name
                    );
                }
            }
        }
    }
    // The reportage: its headline as any field; its items by element.
    let headline = story_headline(conn, story);
    if ours_headline == theirs_headline || theirs_headline == base_headline {
        prop_assert_eq!(&headline, &ours_headline);
    } else if ours_headline == base_headline {
        prop_assert_eq!(&headline, &theirs_headline);
    } else {
        let item = format!("r:{story}");
        prop_assert!(conflicted(&item, "headline:vi"), "the reportage's headline changed on both sides, not listed");
    }
    let now_items = items(conn, story);
    for h in ours_items.iter().chain(&theirs_items) {
        let want = if base_items.contains(h) { ours_items.contains(h) && theirs_items.contains(h) } else { true };
        prop_assert_eq!(now_items.contains(h), want, "item {} of the reportage", h);
    }
    // The kit: its title as any field, its items by element.
    let (title, kit_items) = kit(conn, &kit_uid);
    if ours_kit.0 == theirs_kit.0 || theirs_kit.0 == base_kit.0 {
        prop_assert_eq!(&title, &ours_kit.0, "the kit's title (home's)");
    } else if ours_kit.0 == base_kit.0 {
        prop_assert_eq!(&title, &theirs_kit.0, "the kit's title (the tour's)");
    } else {
        prop_assert!(
            conflicted(&format!("k:{home_kit}"), "title"),
            "the kit's title changed on both sides, not listed"
        );
    }
    for h in ours_kit.1.iter().chain(&theirs_kit.1).chain(&base_kit.1) {
        let (o, t) = (ours_kit.1.contains(h), theirs_kit.1.contains(h));
        let want = if base_kit.1.contains(h) { o && t } else { o || t };
        prop_assert_eq!(kit_items.contains(h), want, "item {} of the kit", h);
    }
    // Translation histories: every line either side wrote is home's now, the base's once.
    for (((hash, _), (ours, theirs)), base) in base_dump.iter().zip(&histories).zip(&base_history) {
        let now = history(conn, hash);
        for line in ours.iter().chain(theirs) {
            prop_assert!(now.contains(line), "asset {}: history line {:?} lost", hash, line);
        }
        for line in base {
            prop_assert_eq!(now.iter().filter(|l| *l == line).count(), 1, "asset {}: {:?} twice", hash, line);
        }
    }
    // The tour's new photos are home, by content.
    let at_home = hashes(conn);
    for h in &new_on_tour {
        prop_assert!(at_home.contains(h), "the tour's new photo {} is not home", h);
    }
    prop_assert!(home.verify_audit().expect("verify").ok, "the audit chain breaks");
    // Again: nothing changes.
    let once = dump(home.conn());
    let again = home.tour_merge(&to, "test", &ctx).expect("merge again");
    prop_assert_eq!(again.new_assets + again.new_reportages + again.updated + again.audit_entries, 0);
    prop_assert_eq!(dump(home.conn()), once);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn a_merge_loses_no_change_of_either_side(
        home_ops in prop::collection::vec(op(), 0..8),
        tour_ops in prop::collection::vec(op(), 0..8),
    ) {
        check(&home_ops, &tour_ops)?;
    }
}
