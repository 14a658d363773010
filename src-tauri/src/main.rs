// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // The app decodes films in worker processes of its own binary, as the CLI does.
    if let Some(code) = mediadesk::media::worker::serve_if_asked() {
        std::process::exit(code);
    }
    mediadesk_app::run()
}
