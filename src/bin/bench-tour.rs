//! Merging a press tour back: 2,000 new 24-megapixel photos and 10,000 edits to 5,000
//! checked-out items, beside `rsync -a` copying the same media into a folder, in the same run.
//! The copying should dominate; the catalog work on top should be small.
//!
//! `cargo run --release --bin bench-tour -- [--new N] [--items N] [--edits N] [--dir DIR]`
//! The tour's new photos are catalogued straight into its catalog (their thumbnails are not
//! what is measured); the checked-out items go with previews only. DIR (default
//! target/bench/tour) is emptied first.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::Context;
use mediadesk::catalog::write::{add_file, insert_asset, Seen};
use mediadesk::catalog::{AssetEdit, Classification, Content, Edit};
use mediadesk::jobs::{CancelToken, JobCtx};
use mediadesk::probe::PhotoInfo;
use mediadesk::tour::CheckoutRequest;
use mediadesk::translation::Item;
use mediadesk::Library;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: usize| -> anyhow::Result<usize> {
        Ok(args
            .iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(|n| n.parse())
            .transpose()?
            .unwrap_or(default))
    };
    let (new, items, edits) = (arg("--new", 2000)?, arg("--items", 5000)?, arg("--edits", 10_000)?);
    let dir = args
        .iter()
        .position(|a| a == "--dir")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/bench/tour"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("emptying {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir)?;
    let ctx = JobCtx::new(CancelToken::default(), |_| {});

    let started = Instant::now();
    let mut home = Library::open(&dir.join("home"))?;
    fill(&home, &dir.join("home-originals"), items, 0, (8, 6))?;
    let tour_dir = dir.join("tour");
    let request = CheckoutRequest {
        to: tour_dir.clone(),
        previews_only: true,
        items: (1..=items as i64).map(Item::Asset).collect(),
    };
    home.tour_checkout(&request, "bench", &ctx)?;
    let mut tour = Library::open(&tour_dir)?;
    for batch in (0..edits).collect::<Vec<_>>().chunks(500) {
        let made: Vec<AssetEdit> = batch
            .iter()
            .map(|n| {
                let asset = (*n % items) as i64 + 1;
                let edit = match n / items {
                    0 => Edit::Caption { lang: "en".into(), value: Some(format!("On the road, photo {asset}")) },
                    1 => Edit::Headline { value: Some(format!("Chuyến đi, ảnh {asset}")) },
                    _ => Edit::AddKeywords { value: vec![format!("tour-{}", n / items)] },
                };
                AssetEdit { asset, edit }
            })
            .collect();
        tour.edit(&made, None, "bench")?;
    }
    let photo = big_photo(&dir)?;
    fill_copies(&tour, &tour_dir.join("originals/2026/2026-12-03"), &photo, new, items)?;
    drop(tour);
    eprintln!("prepared in {:.0} s", started.elapsed().as_secs_f64());
    let bytes: u64 = std::fs::metadata(&photo)?.len() * new as u64;

    // Everything prepared is on disk before either is timed; the peer first, so that both
    // read the tour's media from the same warm cache.
    anyhow::ensure!(Command::new("sync").status()?.success(), "sync failed");
    let target = dir.join("rsync-copy");
    let t = Instant::now();
    let status = Command::new("rsync")
        .arg("-a")
        .arg(format!("{}/", tour_dir.join("originals").display()))
        .arg(&target)
        .status()?;
    anyhow::ensure!(status.success(), "rsync failed");
    let rsync = t.elapsed().as_secs_f64();
    // rsync leaves its copies in the page cache; the merge has its own on disk (fsync) before
    // the catalog takes them: the same, durable, for the peer.
    anyhow::ensure!(Command::new("sync").status()?.success(), "sync failed");
    let durable = t.elapsed().as_secs_f64();
    std::fs::remove_dir_all(&target)?;
    anyhow::ensure!(Command::new("sync").status()?.success(), "sync failed");

    let t = Instant::now();
    let report = home.tour_merge(&tour_dir, "bench", &ctx)?;
    let merge = t.elapsed().as_secs_f64();
    anyhow::ensure!(report.new_assets == new as u64, "merged {} new assets, not {new}", report.new_assets);
    anyhow::ensure!(report.conflicts.is_empty(), "conflicts: {}", report.conflicts.len());

    println!("| merge back | Mediadesk `tour merge` | peer `rsync -a` of the same media (then `sync`) | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| {new} new 24 MP photos ({:.1} GB), {edits} edits to {items} items ({} updated) | {merge:.1} s | {rsync:.1} s ({durable:.1} s) | {:.2}× ({:.2}×) |",
        bytes as f64 / 1e9,
        report.updated,
        merge / rsync,
        merge / durable
    );
    Ok(())
}

/// `n` small catalogued photos of their own, ids from `from + 1`.
fn fill(library: &Library, dir: &Path, n: usize, from: usize, (w, h): (u32, u32)) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let info = PhotoInfo::default();
    let tx = library.conn().unchecked_transaction()?;
    for i in from..from + n {
        // The number in black and white squares: no two alike after JPEG's rounding.
        let pixels = (0..w * h).flat_map(|p| [if (i >> (p % 16)) & 1 == 1 { 250u8 } else { 5 }; 3]).collect();
        let jpeg = mediadesk::thumbs::encode_jpeg(&mediadesk::thumbs::Rgb { width: w, height: h, pixels }, 90)?;
        let path = dir.join(format!("p{i:05}.jpg"));
        std::fs::write(&path, &jpeg)?;
        let hash = blake3::hash(&jpeg).to_hex().to_string();
        let id = insert_asset(
            &tx,
            &Content::photo(&hash, jpeg.len() as u64, &info),
            Classification::Public,
            "2026-12-01T00:00:00Z",
        )?;
        let p = path.to_string_lossy();
        add_file(&tx, id, &Seen::plain(p.as_bytes(), &p, jpeg.len() as u64, 0), "2026-12-01T00:00:00Z")?;
    }
    tx.commit()?;
    Ok(())
}

/// A 24-megapixel JPEG (6000 × 4000) as a camera makes, by ImageMagick.
fn big_photo(dir: &Path) -> anyhow::Result<PathBuf> {
    let path = dir.join("base-24mp.jpg");
    let status = Command::new("convert")
        .args(["-size", "6000x4000", "plasma:fractal", "-seed", "11", "-quality", "92"])
        .arg(&path)
        .status()
        .context("ImageMagick")?;
    anyhow::ensure!(status.success(), "convert failed");
    Ok(path)
}

/// `n` copies of `photo`, each its own file (a few bytes after the image's end make its hash
/// its own), catalogued in the tour as its new photos.
fn fill_copies(tour: &Library, dir: &Path, photo: &Path, n: usize, after: usize) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let bytes = std::fs::read(photo)?;
    let info = PhotoInfo { width: Some(6000), height: Some(4000), ..Default::default() };
    let tx = tour.conn().unchecked_transaction()?;
    for i in 0..n {
        let mut own = bytes.clone();
        own.extend_from_slice(format!("tour photo {}", after + i).as_bytes());
        let path = dir.join(format!("DSC{i:05}.jpg"));
        std::fs::write(&path, &own)?;
        let hash = blake3::hash(&own).to_hex().to_string();
        let id = insert_asset(
            &tx,
            &Content::photo(&hash, own.len() as u64, &info),
            Classification::Public,
            "2026-12-03T00:00:00Z",
        )?;
        let p = path.to_string_lossy();
        add_file(&tx, id, &Seen::plain(p.as_bytes(), &p, own.len() as u64, 0), "2026-12-03T00:00:00Z")?;
    }
    tx.commit()?;
    Ok(())
}
