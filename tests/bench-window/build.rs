fn main() {
    // The blank window answers one command, the app's paint mark (src-tauri/src/paint_marks.rs).
    let manifest = tauri_build::AppManifest::new().commands(&["record_paint_mark"]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}
