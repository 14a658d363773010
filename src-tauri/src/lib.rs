//! The Tauri shell: it opens the library and forwards UI calls to the core. No logic here.

mod commands;
mod error;
mod protocol;
mod state;

use std::sync::Mutex;

use mediadesk::Library;

pub fn run() {
    let root = std::env::var_os("MEDIADESK_LIBRARY").map(Into::into).unwrap_or_else(Library::default_root);
    let library = match Library::open(&root) {
        Ok(library) => library,
        Err(e) => {
            eprintln!("mediadesk: cannot open the library at {}: {e}", root.display());
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        .manage(state::AppState { library: Mutex::new(library) })
        .register_asynchronous_uri_scheme_protocol("thumb", protocol::thumb)
        .invoke_handler(tauri::generate_handler![commands::library::library_status, commands::assets::find_assets])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("mediadesk: the app failed: {e}");
            std::process::exit(2);
        });
}
