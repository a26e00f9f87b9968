#!/usr/bin/env bash
# The after-decision benchmark: the home page's obligations and the cases list over a
# twenty-year archive (1,000 cases, 40,000 letters), made afresh from the demonstration board in a
# private keyring session. Prints medians; timings are measured here, never asserted in tests.
# PROFILE=fuzz builds the timed code faster than the default optimised `bench` profile (LTO).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/services.sh"
cd "$REPO_ROOT"

ensure_toolchains
choose_target_dir
profile="${PROFILE:-bench}"

# The archive's makers are not what is timed: the debug build the tests use is enough for them.
say "Building the archive's makers (scr-desk, twenty-year-archive)"
cargo build --locked -p scr-desk-app -p scr-bench-window
say "Building the benchmark (profile $profile)"
cargo bench --locked --profile "$profile" -p scr-desk --bench after_decision --no-run

services_init
work="$CARGO_TARGET_DIR/bench-after-decision"
cleanup() {
  local status=$?
  rm -rf "$work"
  services_stop_all
  exit "$status"
}
trap cleanup EXIT
start_secret_service
rm -rf "$work"
mkdir -p "$work"
say "Making the twenty-year archive from the demonstration board"
"$CARGO_TARGET_DIR/debug/scr-desk" --data-dir "$work/twenty-years" demo >/dev/null
"$CARGO_TARGET_DIR/debug/twenty-year-archive" "$work/twenty-years"
say "Timing ($(uptime))"
SCR_BENCH_ARCHIVE="$work/twenty-years" \
  cargo bench --locked --profile "$profile" -p scr-desk --bench after_decision
