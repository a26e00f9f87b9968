//! Writes a fresh board CA and a chair's signing identity as PEM files (for trying other tools):
//! `cargo run -p scr-letters --example export_identity -- OUT_DIR`
use scr_letters::{BoardAuthority, UtcDateTime, ValidityPeriod};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;
    let now = UtcDateTime::from_chrono(chrono::Utc::now());
    let ca = BoardAuthority::create(
        "Anytown Safeguarding Children Board",
        ValidityPeriod::years_from(now.plus_days(-1), 10),
    )?;
    let chair = ca.issue_signer(
        &scr_letters::sample::anytown_chair(),
        ValidityPeriod::years_from(now.plus_days(-1), 3),
    )?;
    let key = chair.private_key_pkcs8_der()?;
    std::fs::write(
        dir.join("chair-key.pem"),
        der::pem::encode_string("PRIVATE KEY", der::pem::LineEnding::LF, &key)?,
    )?;
    std::fs::write(dir.join("chair.pem"), chair.export_certificate()?.pem)?;
    let ca_export = ca.export_certificate()?;
    std::fs::write(dir.join("board-ca.pem"), &ca_export.pem)?;
    std::fs::write(dir.join("board-ca.cer"), &ca_export.der)?;
    println!(
        "board certificate SHA-256: {}",
        ca_export.sha256.colon_separated()
    );
    Ok(())
}
