fn main() {
    // The page is embedded when this crate compiles: a rebuilt page must rebuild the app,
    // or the window shows the old one.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::build()
}
