//! `scr-fuzz PARSER [INPUTS] [SEED] [KEEP_DIR]`: runs one parser's campaign and prints its
//! figures; exits 1 when an input panicked (even inside a parser that caught it) or took
//! longer than two seconds. PARSER is one of
//! pdf-verify, csv, xlsx, backup, header, framework, schedule, logo.

use std::process::ExitCode;

use scr_fuzz::{Parser, Target};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(parser) = args.first().and_then(|name| Parser::from_name(name)) else {
        let names: Vec<&str> = Parser::ALL.iter().map(|p| p.name()).collect();
        eprintln!(
            "usage: scr-fuzz PARSER [INPUTS] [SEED] [KEEP_DIR]\nPARSER: {}",
            names.join(", ")
        );
        return ExitCode::from(2);
    };
    let inputs = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let seed = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(12);
    let keep = args.get(3).map(std::path::PathBuf::from);
    let target = Target::new(parser);
    let report = scr_fuzz::run(&target, inputs, seed, keep.as_deref());
    println!("{}", report.summary());
    for (outcome, count) in &report.outcomes {
        println!("    {count:>6}  {outcome}");
    }
    for failure in &report.failures {
        println!("    FAILED: {failure}");
    }
    if report.panics == 0 && report.contained_panics == 0 && report.slow_inputs == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
