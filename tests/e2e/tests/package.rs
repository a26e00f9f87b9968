//! The installable package. The `.deb` named by `SCR_DESK_DEB` is unpacked with
//! `dpkg-deb -x` into a temporary folder, as `apt install` would lay it out, and checked: its
//! control fields, its desktop entry and icons, the packaged binary's `--version`, and its window
//! opening to the first screen. scripts/test.sh bundles the binary it has just tested and runs
//! this; after scripts/package.sh, run it on the release package the same way:
//! `SCR_DESK_DEB=<path> scripts/with-services.sh cargo test --workspace --test package -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

use scr_e2e::{output_dir, AppWindow, Launch, Result};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn deb() -> Result<PathBuf> {
    let path = std::env::var_os("SCR_DESK_DEB").ok_or("SCR_DESK_DEB must name the .deb to check")?;
    Ok(PathBuf::from(path))
}

fn run(command: &mut Command) -> Result<String> {
    let output = command.output()?;
    if !output.status.success() {
        return Err(format!("{command:?} failed: {}", String::from_utf8_lossy(&output.stderr)).into());
    }
    Ok(String::from_utf8(output.stdout)?)
}

fn control_field(deb: &Path, field: &str) -> Result<String> {
    Ok(run(Command::new("dpkg-deb").arg("--field").arg(deb).arg(field))?
        .trim()
        .to_owned())
}

/// `key=value` lines of the desktop entry's main group.
fn desktop_entry(text: &str, key: &str) -> Option<String> {
    text.lines()
        .skip_while(|line| line.trim() != "[Desktop Entry]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
        .map(str::to_owned)
}

#[test]
#[ignore = "needs a .deb: scripts/test.sh makes one from the binary it tested and runs this"]
fn the_package_declares_its_version_and_what_it_needs() -> Result<()> {
    let deb = deb()?;
    assert_eq!(control_field(&deb, "Package")?, "scr-decision-desk");
    assert_eq!(
        control_field(&deb, "Version")?,
        VERSION,
        "the version comes from Cargo.toml"
    );
    let depends = control_field(&deb, "Depends")?;
    assert!(depends.contains("libwebkit2gtk-4.1-0"), "Depends: {depends}");
    let recommends = control_field(&deb, "Recommends")?;
    assert!(
        recommends.contains("gnome-keyring"),
        "a Secret Service provider is recommended: {recommends}"
    );
    Ok(())
}

#[tokio::test]
#[ignore = "needs a .deb: scripts/test.sh makes one from the binary it tested and runs this"]
async fn the_unpacked_package_runs_and_opens_its_first_screen() -> Result<()> {
    let deb = deb()?;
    let root = tempfile::tempdir()?;
    run(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(root.path()))?;

    let binary = root.path().join("usr/bin/scr-desk");
    let version = run(Command::new(&binary).arg("--version"))?;
    assert_eq!(version.trim(), format!("scr-desk {VERSION}"));

    // The menu entry starts the packaged binary and names an icon that the package installs.
    let applications = root.path().join("usr/share/applications");
    let entries: Vec<PathBuf> = std::fs::read_dir(&applications)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = std::fs::read_to_string(&entries[0])?;
    assert_eq!(
        desktop_entry(&entry, "Name").as_deref(),
        Some("SCR Decision Desk"),
        "{entry}"
    );
    assert_eq!(
        desktop_entry(&entry, "Exec").as_deref(),
        Some("scr-desk"),
        "{entry}"
    );
    assert_eq!(
        desktop_entry(&entry, "Type").as_deref(),
        Some("Application"),
        "{entry}"
    );
    let icon = desktop_entry(&entry, "Icon").ok_or("the desktop entry names no icon")?;
    for size in ["32x32", "128x128"] {
        let png = root
            .path()
            .join(format!("usr/share/icons/hicolor/{size}/apps/{icon}.png"));
        assert!(png.is_file(), "no {size} icon at {png:?}");
    }

    // The packaged binary, not the one built here, opens its window to the first screen.
    let data = tempfile::tempdir()?;
    let app = AppWindow::launch(&Launch::new(&data.path().join("data")).binary(&binary)).await?;
    app.wait_for_heading("Set up your board").await?;
    app.screenshot(&output_dir().join("package-first-screen.png"))
        .await?;
    app.close().await?;
    scr_e2e::remove_keyring_entry(&data.path().join("data"));
    Ok(())
}
