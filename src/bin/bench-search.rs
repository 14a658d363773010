//! Search at a million assets: p50/p95/p99 of one-word, two-word, prefix and very common
//! queries through `Library::search`, beside the naive peer (the same FTS5 match ranked by
//! bm25) on the same catalog in the same run.
//!
//! `cargo run --release --bin bench-search -- [--assets N] [--dir DIR] [--generate-only]`
//! The generated catalog is kept in DIR (default target/bench/search-N) for the next run.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use mediadesk::catalog::write::{add_file, insert_asset, Seen};
use mediadesk::catalog::{Classification, Content, SearchQuery};
use mediadesk::probe::{CaptureTime, PhotoInfo};
use mediadesk::Library;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let assets: usize = arg("--assets").map(|n| n.parse()).transpose()?.unwrap_or(1_000_000);
    let dir = arg("--dir").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(format!("target/bench/search-{assets}")));

    let library = Library::open(&dir)?;
    let have = library.asset_count()? as usize;
    if have < assets {
        let started = Instant::now();
        fill(&library, have, assets)?;
        eprintln!("generated {} assets in {:.1} s", assets - have, started.elapsed().as_secs_f64());
    }
    if args.iter().any(|a| a == "--generate-only") {
        return Ok(());
    }

    let words = vocabulary();
    let mut rng = Rng(7);
    let mid = |rng: &mut Rng| words[200 + rng.below(300)].clone();
    let sets: Vec<(&str, Vec<String>)> = vec![
        ("one word", (0..200).map(|_| mid(&mut rng)).collect()),
        ("two words", (0..200).map(|_| format!("{} {}", mid(&mut rng), mid(&mut rng))).collect()),
        ("prefix", (0..200).map(|_| mid(&mut rng).chars().take(3).collect()).collect()),
        (
            "very common",
            ["dong nai", "đồng nai", "nai", "anh", "dong", "bien hoa"]
                .iter()
                .cycle()
                .take(200)
                .map(|s| s.to_string())
                .collect(),
        ),
    ];

    println!("| query set | Mediadesk p50 | p95 | p99 | peer (bm25-ranked FTS5) p50 | p95 | p99 | ratio p95 |");
    println!("|---|---|---|---|---|---|---|---|");
    for (name, queries) in &sets {
        let ours = time_all("mediadesk", queries, |q| {
            library.search(&SearchQuery { text: q.to_owned(), limit: Some(200), ..Default::default() }).map(|r| r.len())
        })?;
        // The peer takes up to a second a query on common words: 40 of them tell its percentiles.
        let peer = time_all("peer", &queries[..40], |q| peer_search(&library, q))?;
        println!(
            "| {name} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.1}× faster |",
            ours[0],
            ours[1],
            ours[2],
            peer[0],
            peer[1],
            peer[2],
            peer[1] / ours[1]
        );
    }
    Ok(())
}

/// p50, p95, p99 in milliseconds.
fn time_all(
    who: &str,
    queries: &[String],
    mut run: impl FnMut(&str) -> mediadesk::Result<usize>,
) -> anyhow::Result<[f64; 3]> {
    run(&queries[0])?; // warm the page cache
    let mut times: Vec<f64> = Vec::with_capacity(queries.len());
    let report_slower = std::env::var("BENCH_SLOW_MS").ok().and_then(|v| v.parse::<f64>().ok());
    for q in queries {
        let t = Instant::now();
        let n = run(q)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if report_slower.is_some_and(|limit| ms > limit) {
            eprintln!("slow ({who}): {q:?} {ms:.1} ms, {n} results");
        }
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    Ok([at(0.50), at(0.95), at(0.99)])
}

/// What one would write first: match, rank every hit by bm25, take the top 200.
fn peer_search(library: &Library, q: &str) -> mediadesk::Result<usize> {
    let folded = mediadesk::text::fold(q);
    let expr: Vec<String> = folded.split_whitespace().map(|w| format!("\"{w}\"*")).collect();
    let mut stmt =
        library.conn().prepare_cached("SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rank LIMIT 200")?;
    let n = stmt.query_map([expr.join(" ")], |r| r.get::<_, i64>(0))?.count();
    Ok(n)
}

fn fill(library: &Library, from: usize, to: usize) -> anyhow::Result<()> {
    let words = vocabulary();
    let mut rng = Rng(from as u64 + 1);
    let now = library.now();
    let conn = library.conn();
    for chunk_start in (from..to).step_by(10_000) {
        let tx = conn.unchecked_transaction()?;
        for i in chunk_start..(chunk_start + 10_000).min(to) {
            // Zipf-like: word k is chosen with weight 1/(k+1); "Đồng Nai" is in nine of ten.
            let sentence = |n: usize, rng: &mut Rng| -> String {
                let mut s: Vec<String> = (0..n).map(|_| words[rng.zipf(words.len())].clone()).collect();
                if rng.below(10) < 9 {
                    s.push("Đồng Nai".into());
                }
                s.join(" ")
            };
            let headline = sentence(6, &mut rng);
            let caption = sentence(18, &mut rng);
            let info = PhotoInfo {
                headline: Some(headline),
                captions: BTreeMap::from([("vi".to_owned(), caption)]),
                keywords: vec![words[rng.zipf(words.len())].clone(), words[rng.zipf(words.len())].clone()],
                creator: Some(format!("Phóng viên {}", rng.below(200))),
                city: Some(["Biên Hòa", "Long Khánh", "Long Thành", "Trảng Bom", "Vĩnh Cửu"][rng.below(5)].to_owned()),
                captured: CaptureTime::from_iso(&format!(
                    "20{:02}-{:02}-{:02}T10:00:00+07:00",
                    10 + rng.below(16),
                    1 + rng.below(12),
                    1 + rng.below(28)
                )),
                width: Some(6000),
                height: Some(4000),
                ..Default::default()
            };
            let hash = blake3::hash(&i.to_le_bytes()).to_hex().to_string();
            let content = Content::photo(&hash, 10_000_000, &info);
            let id = insert_asset(&tx, &content, Classification::Internal, &now)?;
            let path = format!("/archive/{}/IMG_{i:07}.jpg", 2010 + i % 16);
            add_file(&tx, id, &Seen::plain(path.as_bytes(), &path, 10_000_000, 0), &now)?;
        }
        tx.commit()?;
        eprint!("\r{} / {to}", (chunk_start + 10_000).min(to));
    }
    eprintln!();
    Ok(())
}

/// Vietnamese syllables, a few thousand of them, built from onsets, rhymes and tones.
fn vocabulary() -> Vec<String> {
    let onsets = [
        "", "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v",
        "x",
    ];
    let rhymes = [
        "a", "an", "anh", "ao", "ai", "ăn", "âm", "e", "en", "ê", "i", "inh", "o", "on", "ông", "ơi", "u", "ung", "ư",
        "ương", "iên", "oa", "uy",
    ];
    let tones = ['\u{0}', '\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];
    let mut out = Vec::new();
    for t in tones {
        for r in rhymes {
            for o in onsets {
                let mut s = format!("{o}{r}");
                if t != '\u{0}' {
                    s.push(t);
                }
                out.push(mediadesk::text::clean(&s));
            }
        }
    }
    // A fixed shuffle, so frequency does not follow spelling.
    let mut rng = Rng(42);
    for i in (1..out.len()).rev() {
        out.swap(i, rng.below(i + 1));
    }
    out
}

/// A small deterministic generator (xorshift), so every run builds the same catalog.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn zipf(&mut self, n: usize) -> usize {
        // Inverse of the harmonic CDF, approximately: exp(u·ln n) − 1.
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        (((n as f64).ln() * u).exp() as usize).saturating_sub(1).min(n - 1)
    }
}
