#!/usr/bin/env bash
# Runs the benchmarks (release builds) with the services they need, and prints the figures.
# Not part of the test command: timings are measured here, never asserted in tests.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/services.sh"
cd "$REPO_ROOT"
ensure_toolchains
ensure_python_tools
choose_target_dir
services_init
trap services_stop_on_exit EXIT
start_secret_service
say "Archive: a twenty-year archive (open, list, search, check)"
cargo bench --locked -p scr-archive --bench archive
say "Letters: render, sign and store for a 60-member board"
cargo bench --locked -p scr-letters
say "Desk: issue a decision's letters to a 60-member board (compose, render, sign, verify, store)"
say "and send 60 letters to the local SMTP server (with and without the delivery log)"
cargo bench --locked -p scr-desk --bench issue_letters --bench distribution
