//! Verifies a signed letter and prints the report as JSON:
//! `cargo run -p scr-letters --example verify_letter -- letter.pdf board-ca.pem [more.pem ...]`
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let pdf = std::fs::read(
        args.next()
            .ok_or("usage: verify_letter FILE.pdf TRUSTED.pem...")?,
    )?;
    let mut trusted = Vec::new();
    for path in args {
        trusted.extend(scr_letters::identity::parse_certificates(&std::fs::read(path)?)?);
    }
    let report = scr_letters::verify(&pdf, &trusted);
    println!("{}", serde_json::to_string_pretty(&report)?);
    std::process::exit(if report.all_valid { 0 } else { 1 });
}
