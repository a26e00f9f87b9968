//! Renders the fictional sample letter to a file: `cargo run -p scr-letters --example render_sample -- out.pdf`
use scr_letters::{sample, LetterRenderer, UtcDateTime};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample-letter.pdf".into());
    let renderer = LetterRenderer::new()?;
    let clock = UtcDateTime::new(2016, 4, 12, 14, 3, 0)?;
    let t = std::time::Instant::now();
    let letter = renderer.render(&sample::anytown_child_t(), clock)?;
    eprintln!(
        "rendered {} pages, {} bytes in {:?}",
        letter.page_count,
        letter.pdf.len(),
        t.elapsed()
    );
    std::fs::write(&out, &letter.pdf)?;
    Ok(())
}
