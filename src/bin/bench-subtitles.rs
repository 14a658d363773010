//! Subtitles beside pysubs2 on the same files in the same run: Mediadesk reads a file
//! (encoding detection, parsing) and runs every check on it; pysubs2 loads and saves it. Two
//! files: a 2-hour film's SubRip (1,500 cues) and a 10,000-cue one. pysubs2 is timed inside
//! Python (the interpreter's start is not counted against it).
//!
//! `cargo run --release --bin bench-subtitles -- [--dir DIR] [--rounds N]`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context};
use mediadesk::subtitles::{check, read_subtitle_file, CheckInput, Profile};

const SENTENCES: [&str; 6] = [
    "Sản phẩm OCOP của Đồng Nai",
    "được bạn bè quốc tế yêu thích.",
    "Bưởi Tân Triều vào mùa thu hoạch,\nnông dân phấn khởi.",
    "<i>Hạt điều Xuân Lộc rang muối</i>",
    "Khu công nghiệp Long Thành mở rộng",
    "Lễ hội Rằm tháng Giêng ở Biên Hòa\nthu hút hàng nghìn du khách.",
];

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let dir = value("--dir").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("target/bench/subtitles"));
    let rounds: usize = value("--rounds").map(|r| r.parse()).transpose()?.unwrap_or(20);
    std::fs::create_dir_all(&dir)?;

    println!("| file | Mediadesk read + check (median of {rounds}) | pysubs2 load + save | ratio |");
    println!("|---|---|---|---|");
    for (name, cues, span_ms) in [("film-2h-1500", 1_500, 7_200_000), ("long-10000", 10_000, 36_000_000)] {
        let file = dir.join(format!("{name}.srt"));
        write_srt(&file, cues, span_ms)?;
        let ours = median(&mut (0..rounds).map(|_| mediadesk_once(&file)).collect::<anyhow::Result<Vec<_>>>()?);
        let theirs = pysubs2(&file, &dir.join(format!("{name}.out.srt")), rounds)?;
        println!(
            "| {name}.srt ({cues} cues, {} KB) | {:.2} ms | {:.2} ms | {:.1}× |",
            std::fs::metadata(&file)?.len() / 1024,
            ours * 1e3,
            theirs * 1e3,
            theirs / ours
        );
    }
    Ok(())
}

/// Cues spread evenly over `span_ms`, each 60% of its slot, text cycling through real lines.
fn write_srt(path: &Path, cues: usize, span_ms: i64) -> anyhow::Result<()> {
    let clock =
        |ms: i64| format!("{:02}:{:02}:{:02},{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let slot = span_ms / cues as i64;
    let mut out = String::new();
    for i in 0..cues {
        let start = i as i64 * slot;
        out.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            i + 1,
            clock(start),
            clock(start + slot * 6 / 10),
            SENTENCES[i % 6]
        ));
    }
    std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))
}

fn mediadesk_once(file: &Path) -> anyhow::Result<f64> {
    let t = Instant::now();
    let parsed = read_subtitle_file(file)?;
    let profile = Profile::built_in("netflix", "vi").context("profile")?;
    let input = CheckInput {
        cues: &parsed.cues,
        lang: "vi",
        profile: &profile,
        frame_rate: 25.0,
        duration_ms: None,
        source: None,
    };
    let findings = check(&input);
    std::hint::black_box(findings);
    Ok(t.elapsed().as_secs_f64())
}

fn pysubs2(file: &Path, out: &Path, rounds: usize) -> anyhow::Result<f64> {
    let script = "import sys, time, statistics, pysubs2\n\
                  times = []\n\
                  for _ in range(int(sys.argv[3])):\n\
                  \x20   t = time.perf_counter()\n\
                  \x20   pysubs2.load(sys.argv[1], encoding='utf-8').save(sys.argv[2])\n\
                  \x20   times.append(time.perf_counter() - t)\n\
                  print(statistics.median(times))";
    let output = Command::new("python3")
        .args(["-c", script, &file.to_string_lossy(), &out.to_string_lossy(), &rounds.to_string()])
        .output()
        .context("cannot run python3")?;
    if !output.status.success() {
        bail!("pysubs2 failed (pip install pysubs2): {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8(output.stdout)?.trim().parse()?)
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}
