//! The app's state: one `Library`, shared by the commands.

use std::sync::Mutex;

use mediadesk::Library;

pub struct AppState {
    pub library: Mutex<Library>,
}
