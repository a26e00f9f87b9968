//! Renders and signs the fictional sample letter, to look at it and feed it to validators:
//! `cargo run -p scr-letters --example sign_sample -- OUT_DIR [signatures]`
//! writes OUT_DIR/letter.pdf (unsigned), OUT_DIR/signed.pdf and OUT_DIR/board-ca.pem.
use scr_letters::{
    sample, sign_pdf, BoardAuthority, LetterRenderer, SignatureRequest, SignerSubject, UtcDateTime,
    ValidityPeriod,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let count: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1);
    std::fs::create_dir_all(&dir)?;
    let start = UtcDateTime::new(2016, 1, 4, 9, 0, 0)?;
    let ca = BoardAuthority::create(
        "Anytown Safeguarding Children Board",
        ValidityPeriod::years_from(start, 10),
    )?;
    let doc = if count > 1 {
        sample::anytown_joint_sign_off()
    } else {
        sample::anytown_child_t()
    };
    let renderer = LetterRenderer::new()?;
    let letter = renderer.render(&doc, UtcDateTime::new(2016, 4, 12, 13, 0, 0)?)?;
    std::fs::write(dir.join("letter.pdf"), &letter.pdf)?;
    let mut pdf = letter.pdf.clone();
    for (i, who) in doc.signatories.iter().enumerate().take(count) {
        let signer = ca.issue_signer(
            &SignerSubject {
                name: who.name.clone(),
                role: who.role.clone(),
                organisation: ca_org(),
            },
            ValidityPeriod::years_from(start, 3),
        )?;
        let req = SignatureRequest::new(
            letter.slot(i)?,
            UtcDateTime::new(2016, 4, 12, 13, 3 + i as u8, 0)?,
        );
        pdf = sign_pdf(&pdf, &signer, &req)?;
    }
    std::fs::write(dir.join("signed.pdf"), &pdf)?;
    std::fs::write(dir.join("board-ca.pem"), ca.export_certificate()?.pem)?;
    eprintln!("signed {} bytes, fingerprint {}", pdf.len(), ca.fingerprint()?);
    Ok(())
}

fn ca_org() -> String {
    "Anytown Safeguarding Children Board".into()
}
