//! Films beside the ffmpeg CLI on the same files in the same run:
//! - probe: `read_media` in-process vs `ffprobe -show_format -show_streams` per file;
//! - poster frame of a 2-minute 1080p25 H.264 clip: the media worker's `poster` task (a
//!   process, as the ingest runs it) vs `ffmpeg -ss T -i F -frames:v 1`;
//! - proxy: the media worker's `proxy` task vs `ffmpeg -vf scale=-2:720 -c:v libx264
//!   -preset veryfast -c:a aac` on the same clip.
//!
//! `cargo run --release --bin bench-films -- [--dir DIR] [--skip-proxy]`. Media are generated
//! once with the ffmpeg CLI into DIR (default target/bench/films).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = args
        .iter()
        .position(|a| a == "--dir")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/bench/films"));
    let skip_proxy = args.iter().any(|a| a == "--skip-proxy");
    std::fs::create_dir_all(&dir)?;
    let mediadesk = std::env::current_exe()?.with_file_name("mediadesk");
    if !mediadesk.is_file() {
        bail!("build the mediadesk binary first (cargo build --release)");
    }

    let probe_set = probe_set(&dir)?;
    let film = dir.join("film-1080p25-2min.mp4");
    if !film.is_file() {
        eprintln!("making {} ...", film.display());
        ffmpeg(
            &[
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=1920x1080:rate=25:duration=120",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:duration=120:sample_rate=48000",
                "-c:v",
                "libx264",
                "-preset",
                "fast",
                "-g",
                "50",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-shortest",
            ],
            &film,
        )?;
    }

    println!("| benchmark | Mediadesk | ffmpeg CLI | ratio (ffmpeg time / Mediadesk time) |");
    println!("|---|---|---|---|");

    // Probe: every file of the set, 5 rounds, median round.
    mediadesk::probe::read_media(&probe_set[0])?; // libav's one-time start
    let ours = median((0..5).map(|_| {
        let t = Instant::now();
        for f in &probe_set {
            mediadesk::probe::read_media(f).expect("probe");
        }
        t.elapsed().as_secs_f64() / probe_set.len() as f64
    }));
    let peer = median((0..5).map(|_| {
        let t = Instant::now();
        for f in &probe_set {
            run(
                "ffprobe",
                &["-v", "error", "-show_format", "-show_streams", "-of", "json", &f.to_string_lossy()],
                true,
            );
        }
        t.elapsed().as_secs_f64() / probe_set.len() as f64
    }));
    row(&format!("probe, {} files (MP4, MOV ProRes, MKV, WebM, M4A)", probe_set.len()), ours, peer, "per file");

    // Poster frame: where Mediadesk looks first (10% in), the same time for ffmpeg.
    let at = "12";
    let out_ours = dir.join("poster-mediadesk.jpg");
    let out_peer = dir.join("poster-ffmpeg.jpg");
    let film_s = film.to_string_lossy().into_owned();
    let worker = mediadesk.to_string_lossy().into_owned();
    // Interleaved rounds, so drift in the machine's load falls on both alike.
    let (mut ours, mut peer) = (Vec::new(), Vec::new());
    for _ in 0..15 {
        ours.push(timed(&worker, &["media-worker", "poster", &film_s, &out_ours.to_string_lossy()]));
        peer.push(timed(
            "ffmpeg",
            &["-v", "error", "-y", "-ss", at, "-i", &film_s, "-frames:v", "1", &out_peer.to_string_lossy()],
        ));
    }
    let (ours, peer) = (median(ours.into_iter()), median(peer.into_iter()));
    row("poster frame, 2-minute 1080p25 H.264 (process start included)", ours, peer, "per clip");

    if !skip_proxy {
        let out_ours = dir.join("proxy-mediadesk.mp4");
        let out_peer = dir.join("proxy-ffmpeg.mp4");
        let (mut ours, mut peer) = (Vec::new(), Vec::new());
        for _ in 0..2 {
            ours.push(timed(&worker, &["media-worker", "proxy", &film_s, &out_ours.to_string_lossy()]));
            peer.push(timed(
                "ffmpeg",
                &[
                    "-v",
                    "error",
                    "-y",
                    "-i",
                    &film_s,
                    "-vf",
                    "scale=-2:720",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-c:a",
                    "aac",
                    "-b:a",
                    "128k",
                    "-movflags",
                    "+faststart",
                    &out_peer.to_string_lossy(),
                ],
            ));
        }
        let (ours, peer) =
            (ours.iter().copied().fold(f64::MAX, f64::min), peer.iter().copied().fold(f64::MAX, f64::min));
        row("proxy, 2-minute 1080p25 H.264 → 720p H.264 veryfast + AAC (best of 2)", ours, peer, "per clip");
        for (who, f) in [("mediadesk", &out_ours), ("ffmpeg", &out_peer)] {
            let size = std::fs::metadata(f)?.len();
            eprintln!("{who} proxy: {:.1} MB", size as f64 / 1e6);
        }
    }
    Ok(())
}

fn row(what: &str, ours: f64, peer: f64, unit: &str) {
    println!("| {what} | {} {unit} | {} {unit} | {:.2}× |", ms(ours), ms(peer), peer / ours);
}

fn ms(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else {
        format!("{:.1} ms", seconds * 1000.0)
    }
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn timed(program: &str, args: &[&str]) -> f64 {
    let t = Instant::now();
    run(program, args, false);
    t.elapsed().as_secs_f64()
}

fn run(program: &str, args: &[&str], quiet: bool) {
    let mut cmd = Command::new(program);
    cmd.args(args);
    if quiet {
        cmd.stdout(std::process::Stdio::null());
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn ffmpeg(args: &[&str], out: &Path) -> anyhow::Result<()> {
    let mut all = vec!["-v", "error", "-y"];
    all.extend_from_slice(args);
    let target = out.to_string_lossy();
    all.push(&target);
    let status = Command::new("ffmpeg").args(&all).status().context("ffmpeg")?;
    if !status.success() {
        bail!("ffmpeg failed making {}", out.display());
    }
    Ok(())
}

/// Twenty short clips of the kinds a newsroom meets.
fn probe_set(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let kinds: [(&str, &[&str]); 5] = [
        (
            "mp4",
            &[
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=1280x720:rate=25:duration=5",
                "-f",
                "lavfi",
                "-i",
                "sine=duration=5",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
            ],
        ),
        (
            "mov",
            &[
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=640x360:rate=30000/1001:duration=2",
                "-c:v",
                "prores_ks",
                "-timecode",
                "10:00:00:00",
            ],
        ),
        (
            "mkv",
            &[
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=640x360:rate=25:duration=5",
                "-f",
                "lavfi",
                "-i",
                "sine=duration=5",
                "-f",
                "lavfi",
                "-i",
                "sine=duration=5",
                "-map",
                "0",
                "-map",
                "1",
                "-map",
                "2",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
                "-metadata:s:a:0",
                "language=vie",
                "-metadata:s:a:1",
                "language=eng",
            ],
        ),
        (
            "webm",
            &[
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=640x360:rate=25:duration=3",
                "-c:v",
                "libvpx-vp9",
                "-b:v",
                "300k",
                "-deadline",
                "realtime",
            ],
        ),
        ("m4a", &["-f", "lavfi", "-i", "sine=duration=30", "-c:a", "aac"]),
    ];
    let mut files = Vec::new();
    for i in 0..4 {
        for (ext, args) in kinds {
            let f = dir.join(format!("probe-{i}.{ext}"));
            if !f.is_file() {
                ffmpeg(args, &f)?;
            }
            files.push(f);
        }
    }
    Ok(files)
}
