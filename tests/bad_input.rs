//! Bad files fail one by one with a clear reason, the rest of the batch goes in, memory stays
//! bounded, and originals are never written to.

use std::io::Write;

use crate::util::*;

/// A well-formed PNG (correct CRCs) that declares `width`×`height` pixels: a decompression
/// bomb whose few bytes would ask for tens of gigabytes.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut zeros = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut zeros, &vec![0u8; 1 << 20]).expect("deflate");
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, body) in [(&b"IHDR"[..], header), (b"IDAT", zeros.finish().expect("deflate")), (b"IEND", Vec::new())] {
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(&body);
        png.extend_from_slice(&(body.len() as u32).to_be_bytes());
        png.extend_from_slice(&chunk);
        png.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn each_bad_file_fails_alone_and_the_rest_goes_in() {
    let s = Scratch::new();
    let dir = s.path("card");
    make_photo(&dir.join("good-1.jpg"), 800, 600, "plasma:", &[]);
    make_photo(&dir.join("good-2.png"), 400, 300, "gradient:", &[]);
    std::fs::write(dir.join("empty.jpg"), b"").expect("write");
    let good = std::fs::read(dir.join("good-1.jpg")).expect("read");
    std::fs::write(dir.join("truncated.jpg"), &good[..good.len() / 2]).expect("write");
    std::fs::write(dir.join("notes.jpg"), "Ghi chú phỏng vấn, không phải ảnh\n").expect("write");
    std::fs::write(dir.join("huge.png"), png_declaring(100_000, 100_000)).expect("write");
    let before = snapshot(&dir);

    // Peak memory of the ingest process, by the kernel's account of a finished child.
    let script = format!(
        "import resource, subprocess, sys\nr = subprocess.run([{bin:?}, '--library', {lib:?}, 'ingest', '--json', {dir:?}], capture_output=True)\nsys.stdout.buffer.write(r.stdout)\nprint('\\nPEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)",
        bin = env!("CARGO_BIN_EXE_mediadesk"),
        lib = s.library().to_string_lossy(),
        dir = dir.to_string_lossy(),
    );
    let out = tool("python3", &["-c", &script]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let (json, tail) = stdout.rsplit_once("PEAK_KB").expect("peak line");
    let mut tail = tail.split_whitespace();
    let peak_kb: u64 = tail.next().expect("kb").parse().expect("number");
    assert_eq!(tail.next(), Some("1"), "exit code 1: some files failed, the rest went in");
    let report: serde_json::Value = serde_json::from_str(json).expect("json");

    assert_eq!(report["added"], 2, "{report}");
    let failed = report["failed"].as_array().expect("failed");
    let reason = |name: &str| {
        failed
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .and_then(|f| f["error"].as_str())
            .unwrap_or_else(|| panic!("{name} should fail: {report}"))
            .to_owned()
    };
    assert!(reason("empty.jpg").contains("empty"), "{}", reason("empty.jpg"));
    assert!(reason("truncated.jpg").contains("truncated"), "{}", reason("truncated.jpg"));
    assert!(reason("notes.jpg").contains("not a supported image"), "{}", reason("notes.jpg"));
    assert!(reason("huge.png").contains("too large"), "{}", reason("huge.png"));
    assert_eq!(failed.len(), 4);
    assert!(peak_kb < 300 * 1024, "peak memory {peak_kb} KB");
    assert_eq!(snapshot(&dir), before, "originals are never written to");

    // The failures don't hide in a readable summary either.
    let out = s.run(&["ingest", &dir.to_string_lossy()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("truncated.jpg") && text.contains("4 failed"), "{text}");
}

#[test]
fn copies_of_one_photo_in_one_batch_are_one_asset() {
    let s = Scratch::new();
    let dir = s.path("card");
    make_photo(&dir.join("a.jpg"), 1600, 1200, "plasma:", &[]);
    for i in 0..8 {
        std::fs::copy(dir.join("a.jpg"), dir.join(format!("copy-{i}.jpg"))).expect("copy");
    }
    let report = s.ingest(&[&dir], &[], 0);
    assert_eq!((report["added"].as_u64(), report["duplicates"].as_u64()), (Some(1), Some(8)), "{report}");
    let shown = s.show(&dir.join("copy-3.jpg").to_string_lossy());
    assert_eq!(shown["files"].as_array().map(Vec::len), Some(9));
}

#[test]
fn hidden_and_system_files_are_skipped() {
    let s = Scratch::new();
    let dir = s.path("nas");
    make_photo(&dir.join("kept.jpg"), 200, 100, "xc:red", &[]);
    make_photo(&dir.join(".hidden.jpg"), 200, 100, "xc:blue", &[]);
    make_photo(&dir.join("@eaDir/kept.jpg/SYNOPHOTO_THUMB_M.jpg"), 200, 100, "xc:green", &[]);
    make_photo(&dir.join(".Trashes/old.jpg"), 200, 100, "xc:white", &[]);
    std::fs::File::create(dir.join("Thumbs.db")).and_then(|mut f| f.write_all(b"x")).expect("write");
    std::fs::write(dir.join("notes.txt"), "text").expect("write");
    let report = s.ingest(&[&dir], &[], 0);
    assert_eq!(report["added"], 1, "{report}");
    assert_eq!(report["skipped"], 1, "notes.txt is not media: {report}");
    let listed = s.json(&["list", "--json"], 0);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
}

#[test]
fn a_missing_input_is_a_failure_not_a_crash() {
    let s = Scratch::new();
    let report = s.ingest(&[&s.path("no-such-folder")], &[], 1);
    assert!(report["failed"][0]["path"].as_str().is_some_and(|p| p.ends_with("no-such-folder")));
}
