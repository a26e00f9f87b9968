//! `scr-desk`: the desktop app when run without a subcommand, a scriptable tool with one.
// One call into the C library needs it: src/freed_memory.rs.
#![deny(unsafe_code)]

mod cli;
mod commands;
mod first_screen_in_page;
mod freed_memory;
mod paint_marks;
mod retention_commands;
mod webview_settings;
mod window;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    let data_dir =
        match scr_desk::resolve_data_dir(args.data_dir.clone(), std::env::var_os(scr_desk::DATA_DIR_ENV)) {
            Ok(dir) => dir,
            Err(error) => return cli::report_failure(&error.into(), args.json),
        };
    match args.command {
        Some(command) => cli::run(command, data_dir, args.json),
        None => window::run(data_dir),
    }
}
