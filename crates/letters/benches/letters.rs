//! Letters for a whole board: render (tagged, PDF/A-2), sign and add the long-term validation
//! data (PAdES B-LT) for one personalised letter for each of 60 members, and print the figures
//! (per letter, total, bytes); then the same with every signature timestamped by the local test
//! authority (tests/tsa/server.py, PAdES B-T + LT). Then the same unsigned PDFs signed by
//! pyHanko's Python API for comparison (when pyHanko is installed), and criterion
//! micro-benchmarks of rendering, signing and verifying one letter.
//!
//! `cargo bench -p scr-letters` (set SCR_DESK_PYHANKO to a pyhanko executable whose directory
//! also holds the venv's `python`; default `<repo>/.venv/bin/pyhanko`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use scr_letters::test_tsa::TestTsa;
use scr_letters::{
    add_validation_data, identity, sample, sign_pdf, verify, BoardAuthority, HttpTimestamper, LetterDocument,
    LetterRenderer, LocalSigner, SignatureRequest, Timestamper, UtcDateTime, ValidityPeriod,
};

const MEMBERS: usize = 60;

fn identities() -> (BoardAuthority, LocalSigner) {
    let now = UtcDateTime::from_chrono(chrono::Utc::now());
    let ca = sample::anytown_authority(now);
    let signer = ca
        .issue_signer(
            &sample::anytown_chair(),
            ValidityPeriod {
                not_before: now.plus_days(-1),
                not_after: now.plus_days(1000),
            },
        )
        .expect("signer");
    (ca, signer)
}

/// The personalised copy for one member.
fn letter_for(member: &str) -> LetterDocument {
    let mut doc = sample::anytown_child_t();
    let name = member.split(',').next().unwrap_or(member).to_string();
    doc.addressee = vec![format!("To: {member}")];
    doc.salutation = format!("Dear {name},");
    doc
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn board_run(dir: &Path, tsa: Option<&HttpTimestamper>) -> (LocalSigner, BoardAuthority, Vec<PathBuf>) {
    let (ca, signer) = identities();
    let renderer = LetterRenderer::new().expect("renderer");
    let members = sample::anytown_members(MEMBERS);
    let clock = UtcDateTime::from_chrono(chrono::Utc::now());
    let request = |slot| {
        let r = SignatureRequest::new(slot, clock);
        match tsa {
            Some(t) => r.with_timestamper(t as &dyn Timestamper),
            None => r,
        }
    };
    // One revocation list for the whole board, as the desk issues it, and the authority's.
    let mut crls = vec![ca.issue_crl(clock, clock.plus_days(30)).expect("crl")];
    if let Some(t) = tsa {
        crls.extend(t.revocation_lists());
    }
    let board_cert = [ca.certificate().clone()];
    // Warm-up (page cache, allocator, the authority's first token).
    let warm = renderer.render(&letter_for(&members[0]), clock).expect("render");
    let _ = sign_pdf(&warm.pdf, &signer, &request(warm.slot(0).unwrap())).expect("sign");

    let mut render_total = Duration::ZERO;
    let mut sign_total = Duration::ZERO;
    let mut ltv_total = Duration::ZERO;
    let mut bytes_total = 0usize;
    let mut max_bytes = 0usize;
    let mut worst = Duration::ZERO;
    let mut unsigned_paths = Vec::new();
    let started = Instant::now();
    for (i, member) in members.iter().enumerate() {
        let t0 = Instant::now();
        let letter = renderer.render(&letter_for(member), clock).expect("render");
        let t1 = Instant::now();
        let signed = sign_pdf(&letter.pdf, &signer, &request(letter.slot(0).unwrap())).expect("sign");
        let t_signed = Instant::now();
        let signed = add_validation_data(&signed, &board_cert, &crls).expect("ltv");
        let t2 = Instant::now();
        ltv_total += t2 - t_signed;
        render_total += t1 - t0;
        sign_total += t2 - t1;
        worst = worst.max(t2 - t0);
        bytes_total += signed.len();
        max_bytes = max_bytes.max(signed.len());
        let path = dir.join(format!("member-{i:02}.pdf"));
        std::fs::write(&path, &letter.pdf).expect("write");
        unsigned_paths.push(path);
    }
    let total = started.elapsed();
    let n = MEMBERS as f64;
    println!(
        "== Board run: {MEMBERS} personalised letters, rendered (tagged, PDF/A-2a) and signed (ECDSA P-256, {}) ==",
        if tsa.is_some() {
            "timestamped by the local test authority, PAdES B-T + LTV"
        } else {
            "no timestamp, PAdES B-B + LTV"
        }
    );
    println!("render   per letter: {:7.2} ms", ms(render_total) / n);
    println!(
        "sign+LTV per letter: {:7.2} ms (the validation data {:.2} ms of it)",
        ms(sign_total) / n,
        ms(ltv_total) / n
    );
    println!(
        "together per letter: {:7.2} ms (slowest {:.2} ms)",
        ms(render_total + sign_total) / n,
        ms(worst)
    );
    println!(
        "total for the board: {:7.1} ms (including writing the unsigned copies)",
        ms(total)
    );
    println!(
        "signed size: {:.1} KB average, {:.1} KB largest",
        bytes_total as f64 / n / 1000.0,
        max_bytes as f64 / 1000.0
    );
    (signer, ca, unsigned_paths)
}

/// Signs the same unsigned letters with pyHanko's Python API, for the ratio.
fn pyhanko_run(dir: &Path, signer: &LocalSigner, ca: &BoardAuthority, files: &[PathBuf]) {
    let pyhanko = std::env::var_os("SCR_DESK_PYHANKO")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/pyhanko"));
    let python = pyhanko.with_file_name("python");
    if !python.is_file() {
        println!("(pyHanko comparison skipped: no {})", python.display());
        return;
    }
    let key_der = signer.private_key_pkcs8_der().expect("key");
    let key_pem = der::pem::encode_string("PRIVATE KEY", der::pem::LineEnding::LF, &key_der).expect("pem");
    let key = dir.join("signer-key.pem");
    std::fs::write(&key, key_pem).expect("write key");
    let cert = dir.join("signer.pem");
    std::fs::write(&cert, signer.export_certificate().expect("cert").pem).expect("write cert");
    let ca_path = dir.join("ca.pem");
    std::fs::write(&ca_path, ca.export_certificate().expect("ca").pem).expect("write ca");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/pyhanko_sign.py");
    let mut cmd = std::process::Command::new(python);
    cmd.arg(script)
        .arg(&key)
        .arg(&cert)
        .arg(&ca_path)
        .arg(dir.join("pyhanko-out"));
    cmd.args(files);
    match cmd.output() {
        Ok(out) => {
            println!("== pyHanko (Python API, same unsigned PDFs, same key) ==");
            print!("{}", String::from_utf8_lossy(&out.stdout));
            if !out.status.success() {
                println!("pyHanko run failed: {}", String::from_utf8_lossy(&out.stderr));
            }
        }
        Err(e) => println!("(pyHanko comparison failed to start: {e})"),
    }
}

fn micro(c: &mut Criterion) {
    let (ca, signer) = identities();
    let renderer = LetterRenderer::new().expect("renderer");
    let doc = sample::anytown_child_t();
    let clock = UtcDateTime::from_chrono(chrono::Utc::now());
    let letter = renderer.render(&doc, clock).expect("render");
    let signed = sign_pdf(
        &letter.pdf,
        &signer,
        &SignatureRequest::new(letter.slot(0).unwrap(), clock),
    )
    .unwrap();
    let trusted = [ca.certificate().clone()];
    c.bench_function("render two-page letter", |b| {
        b.iter(|| renderer.render(&doc, clock).unwrap())
    });
    c.bench_function("sign letter (incremental update + CMS)", |b| {
        b.iter(|| {
            sign_pdf(
                &letter.pdf,
                &signer,
                &SignatureRequest::new(letter.slot(0).unwrap(), clock),
            )
            .unwrap()
        })
    });
    c.bench_function("verify signed letter", |b| b.iter(|| verify(&signed, &trusted)));
}

fn main() {
    let dir = std::env::temp_dir().join(format!("scr-letters-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (signer, ca, files) = board_run(&dir, None);
    {
        let server = TestTsa::start();
        let roots = identity::parse_certificates(server.root_pem().as_bytes()).expect("TSA root");
        let tsa = HttpTimestamper::new(&server.url(), roots).expect("TSA");
        tsa.probe().expect("the local TSA answers");
        board_run(&dir, Some(&tsa));
    }
    pyhanko_run(&dir, &signer, &ca, &files);
    let _ = std::fs::remove_dir_all(&dir);
    let mut c = Criterion::default().configure_from_args().sample_size(20);
    micro(&mut c);
    c.final_summary();
}
