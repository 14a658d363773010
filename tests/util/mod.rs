//! Helpers for the integration tests: a scratch folder with a library, the real `mediadesk`
//! binary, and the outside tools (ImageMagick, exiftool) that make and check test media.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch { dir: tempfile::tempdir().expect("tempdir") }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn library(&self) -> PathBuf {
        self.path("library")
    }

    /// `mediadesk --library <scratch>/library ARGS...`
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mediadesk"));
        cmd.arg("--library").arg(self.library()).args(args).env_remove("MEDIADESK_LIBRARY");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run mediadesk")
    }

    /// Runs a `--json` command, checks its exit code, and parses stdout.
    pub fn json(&self, args: &[&str], expected_code: i32) -> Value {
        let out = self.run(args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(expected_code), "mediadesk {args:?}\nstdout: {stdout}\nstderr: {stderr}");
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("mediadesk {args:?} printed no JSON ({e}):\n{stdout}\n{stderr}"))
    }

    pub fn ingest(&self, paths: &[&Path], extra: &[&str], expected_code: i32) -> Value {
        let mut args: Vec<String> = vec!["ingest".into(), "--json".into()];
        args.extend(extra.iter().map(|s| s.to_string()));
        args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.json(&args, expected_code)
    }

    pub fn show(&self, asset: &str) -> Value {
        self.json(&["show", asset, "--json"], 0)
    }

    pub fn search(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push("--json");
        self.json(&all, 0).as_array().expect("array").clone()
    }
}

/// Runs an outside tool and insists it succeeds.
pub fn tool(program: &str, args: &[&str]) -> Output {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(out.status.success(), "{program} {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    out
}

/// A photo made by ImageMagick: `spec` is its source image, e.g. "plasma:" or "gradient:red-blue".
pub fn make_photo(path: &Path, width: u32, height: u32, spec: &str, extra: &[&str]) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let size = format!("{width}x{height}");
    let mut args = vec!["-size", &size, spec];
    args.extend_from_slice(extra);
    let target = path.to_string_lossy();
    args.push(&target);
    tool("convert", &args);
}

/// Writes metadata with exiftool (IPTC in UTF-8 unless the caller says otherwise).
/// Runs `mediadesk ARGS` again and again, each killed (SIGKILL) after the next of `delays_ms`,
/// until one finishes first or `finished()` says one did; `check` looks at what each killed
/// run left. Returns how many were killed partway.
pub fn kill_partway(
    s: &Scratch,
    args: &[&str],
    delays_ms: &[u64],
    finished: impl Fn() -> bool,
    mut check: impl FnMut(),
) -> usize {
    let mut killed = 0;
    for delay in delays_ms {
        let mut child = s.cmd(args).stdout(std::process::Stdio::null()).spawn().expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(*delay));
        let done = child.try_wait().expect("wait").is_some();
        let _ = child.kill();
        let _ = child.wait();
        if done || finished() {
            break;
        }
        killed += 1;
        check();
    }
    killed
}

/// Runs `args`, presses Ctrl-C (SIGINT) as soon as `ready` says the job is under way, and
/// answers what the command then printed and how it ended.
pub fn interrupt_when(s: &Scratch, args: &[&str], ready: impl Fn() -> bool) -> Output {
    let mut child =
        s.cmd(args).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().expect("spawn");
    let started = std::time::Instant::now();
    while !ready() && child.try_wait().expect("wait").is_none() && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    tool("kill", &["-INT", &child.id().to_string()]);
    child.wait_with_output().expect("wait")
}

/// Gives an asset what every kit profile asks of a photo: a Vietnamese caption, a headline,
/// a credit, and territories.
pub fn ready_for_kits(s: &Scratch, id: &str) {
    let fields = ["--caption", "vi=Ảnh", "--headline", "Tin", "--credit", "Báo Đồng Nai", "--territories", "worldwide"];
    let out = s.run(&[&["edit", id][..], &fields].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// `n` large photos in `dir` (p00.jpg, …), each its own: one plasma picture with a dot moved.
pub fn dotted_photos(s: &Scratch, dir: &Path, n: usize) {
    let base = s.path("base.png");
    make_photo(&base, 2400, 1600, "plasma:fractal", &["-seed", "3"]);
    std::fs::create_dir_all(dir).expect("dir");
    for i in 0..n {
        let out = dir.join(format!("p{i:02}.jpg"));
        let dot = format!("point {i},{i}");
        tool("convert", &[&base.to_string_lossy(), "-fill", "red", "-draw", &dot, &out.to_string_lossy()]);
    }
}

pub fn exiftool_write(path: &Path, tags: &[&str]) {
    let mut args = vec!["-q", "-overwrite_original"];
    args.extend_from_slice(tags);
    let p = path.to_string_lossy();
    args.push(&p);
    tool("exiftool", &args);
}

/// What exiftool reads from `path` (numbers as numbers: `-n`), as one JSON object.
pub fn exiftool_read(path: &Path, extra: &[&str]) -> Value {
    let p = path.to_string_lossy();
    let mut args = vec!["-j", "-n", "-a"];
    args.extend_from_slice(extra);
    args.push(&p);
    let out = tool("exiftool", &args);
    let v: Value = serde_json::from_slice(&out.stdout).expect("exiftool json");
    v[0].clone()
}

/// Width and height of an image, by ImageMagick.
pub fn dimensions(path: &Path) -> (u32, u32) {
    let out = tool("identify", &["-format", "%w %h", &path.to_string_lossy()]);
    let s = String::from_utf8_lossy(&out.stdout);
    let mut it = s.split_whitespace().map(|n| n.parse().expect("number"));
    (it.next().expect("w"), it.next().expect("h"))
}

/// The mean colour of an image, 0..255 per channel, by ImageMagick.
pub fn mean_rgb(path: &Path) -> [f64; 3] {
    let out = tool(
        "convert",
        &[
            &path.to_string_lossy(),
            "-colorspace",
            "sRGB",
            "-resize",
            "1x1!",
            "-format",
            "%[fx:255*r] %[fx:255*g] %[fx:255*b]",
            "info:",
        ],
    );
    let s = String::from_utf8_lossy(&out.stdout);
    let v: Vec<f64> = s.split_whitespace().map(|n| n.parse().expect("number")).collect();
    [v[0], v[1], v[2]]
}

/// Every file below `dir` with its bytes, to prove nothing was written to originals.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out: Vec<_> = walk(dir)
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).expect("meta");
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes, meta.modified().expect("mtime"))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The thumbnail files of an asset (by its content hash) in a library.
pub fn thumbnail(library: &Path, content_hash: &str, size: u32) -> PathBuf {
    library
        .join("thumbs")
        .join(&content_hash[0..2])
        .join(&content_hash[2..4])
        .join(format!("{content_hash}-{size}.jpg"))
}

pub fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

/// A clip made by the ffmpeg CLI: `args` are the words between `ffmpeg -y` and the output,
/// split on spaces; `{0}`, `{1}`, … stand for the values in `values` (paths, text with spaces).
pub fn make_clip(path: &Path, args: &str, values: &[&str]) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let mut all = vec!["-v".to_owned(), "error".to_owned(), "-y".to_owned()];
    for word in args.split_whitespace() {
        let value = word.strip_prefix('{').and_then(|w| w.strip_suffix('}')).and_then(|i| i.parse::<usize>().ok());
        all.push(value.map_or_else(|| word.to_owned(), |i| values[i].to_owned()));
    }
    all.push(path.to_string_lossy().into_owned());
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    tool("ffmpeg", &all);
}

/// What `ffprobe -show_format -show_streams -of json` says of a file.
pub fn ffprobe(path: &Path) -> Value {
    let out =
        tool("ffprobe", &["-v", "error", "-show_format", "-show_streams", "-of", "json", &path.to_string_lossy()]);
    serde_json::from_slice(&out.stdout).expect("ffprobe json")
}
