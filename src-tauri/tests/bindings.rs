//! The committed TypeScript bindings match the commands and types: regenerate them with
//! `make bindings` when this fails.

use std::path::Path;

#[test]
fn bindings_are_current() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(mediadesk_app::BINDINGS);
    let dir = std::env::temp_dir().join(format!("mediadesk-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let fresh = dir.join("bindings.ts");
    mediadesk_app::export_bindings(&fresh).expect("export bindings");
    let fresh = std::fs::read_to_string(&fresh).expect("read fresh");
    if std::env::var_os("MEDIADESK_WRITE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh).expect("write bindings");
    }
    let old = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(old == fresh, "{} is stale: run `make bindings` and commit it", committed.display());
}
