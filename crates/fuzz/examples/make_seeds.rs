//! Makes the committed seed backups and headers from a real, throwaway archive (the real
//! Secret Service holds its key while it exists): run once, through the test services:
//! `scripts/with-services.sh cargo run -p scr-fuzz --example make_seeds`.

use scr_archive::{Actor, Archive, KeyStore, OpenedAs, SystemKeyring, HEADER_FILE};
use scr_fuzz::seeds::{seeds_dir, BACKUP_PASSPHRASE};

fn main() {
    let out = seeds_dir();
    std::fs::create_dir_all(&out).expect("seeds folder");
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let keyring = SystemKeyring::connect().expect("a Secret Service: run through scripts/with-services.sh");
    let actor = Actor::new(
        "make_seeds",
        "fuzz",
        scr_domain::clock::Clock::from_fn(chrono::Utc::now),
    );
    let (mut archive, opened) = Archive::open_or_create(&dir, &keyring, &actor).expect("archive");
    let OpenedAs::Created { recovery_key } = opened else {
        panic!("expected a new archive");
    };
    std::fs::write(
        out.join("recovery-key.txt"),
        format!("{}\n", recovery_key.display().as_str()),
    )
    .expect("key");
    std::fs::copy(dir.join(HEADER_FILE), out.join("archive-header.json")).expect("header");
    for name in ["backup-recovery.scrbackup", "backup-passphrase.scrbackup"] {
        let _ = std::fs::remove_file(out.join(name));
    }
    archive
        .backup(&out.join("backup-recovery.scrbackup"), None)
        .expect("backup");
    archive
        .set_passphrase(&keyring, BACKUP_PASSPHRASE)
        .expect("passphrase");
    std::fs::copy(dir.join(HEADER_FILE), out.join("archive-header-passphrase.json")).expect("header");
    archive
        .backup(&out.join("backup-passphrase.scrbackup"), Some(BACKUP_PASSPHRASE))
        .expect("backup");
    drop(archive);
    let header: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(HEADER_FILE)).expect("header")).expect("json");
    if let Some(account) = header["keyring"]["account"].as_str() {
        let _ = keyring.remove(account);
    }
    println!("seeds written to {}", out.display());
}
