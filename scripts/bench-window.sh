#!/usr/bin/env bash
# The window benchmark: start-up to the first screen painted, the cases list after a
# click, and idle memory, of the release app on the demonstration board and on a twenty-year
# archive (1,000 cases, 40,000 letters), against a blank window with the same Tauri and the
# same window settings; under Xvfb with a real keyring. Prints medians and ratios.
# Timings are measured here, never asserted in tests. RUNS=n changes the number of runs (10).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/services.sh"
cd "$REPO_ROOT"

ensure_toolchains
ensure_apt_packages $APP_PACKAGES xvfb xauth x11-utils xdotool
ensure_ui_packages
choose_target_dir

# The blank window must differ from the app only in its page: same window, same security.
python3 - <<'PY' || die "tests/bench-window/tauri.conf.json's \"app\" section must be the app's (src-tauri/tauri.conf.json)"
import json, sys
app = json.load(open("src-tauri/tauri.conf.json"))["app"]
blank = json.load(open("tests/bench-window/tauri.conf.json"))["app"]
sys.exit(0 if app == blank else 1)
PY

build_ui
say "Building the app and the blank window (release; the first build takes 10-15 minutes)"
# One cargo run for both, so the blank window shares the app's build of Tauri.
cargo build --release --locked -p scr-desk-app -p scr-bench-window
release="$CARGO_TARGET_DIR/release"

services_init
trap services_stop_on_exit EXIT
start_secret_service
display=110
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
start_xvfb ":$display"

work="$SERVICES_DIR/bench-window"
mkdir -p "$work"
say "Making the archives: the demonstration board, and twenty years of cases from it"
"$release/scr-desk" --data-dir "$work/demo" demo >/dev/null
"$release/scr-desk" --data-dir "$work/twenty-years" demo >/dev/null
"$release/twenty-year-archive" "$work/twenty-years"

results_dir="$CARGO_TARGET_DIR/bench-window"
mkdir -p "$results_dir"
say "Running each window ${RUNS:-10} times ($(uptime))"
python3 "$REPO_ROOT/scripts/lib/bench_window.py" --runs "${RUNS:-10}" \
  --app "$release/scr-desk" --blank "$release/blank-window" \
  --demo "$work/demo" --twenty-years "$work/twenty-years" \
  --work "$work/runs" --results "$results_dir/results-$(date +%Y%m%d-%H%M%S).json"
say "Sizes: release binary $(du -h "$release/scr-desk" | cut -f1), ui/dist $(du -sh ui/dist | cut -f1)"
