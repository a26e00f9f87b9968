#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: formatting, lints, Rust tests
# (against real SQLCipher and a real Secret Service), the UI's type check and unit tests, and the
# end-to-end tests in the real app window under Xvfb. Services are started here and stopped by PID.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/services.sh"
cd "$REPO_ROOT"

ensure_toolchains
ensure_apt_packages $APP_PACKAGES $TEST_PACKAGES
if ! command -v tauri-driver >/dev/null 2>&1; then
  say "Installing tauri-driver"
  cargo install tauri-driver --locked --version 2.1.0
fi
ensure_ui_packages
ensure_python_tools
choose_target_dir
started=$(date +%s)

say "cargo fmt --check"
cargo fmt --all --check

say "UI: type check, unit tests, build"
(cd ui && npm run --silent check && npm test --silent && npm run --silent build)

say "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

services_init
trap services_stop_on_exit EXIT
# A private temporary folder, so the leak scan below sees only what this run wrote.
export TMPDIR="$SERVICES_DIR/tmp"
mkdir -p "$TMPDIR"
say "Starting the test services: D-Bus with gnome-keyring's Secret Service, Xvfb"
start_secret_service
start_xvfb :99

say "Rust tests, end-to-end tests included"
export SCR_DESK_E2E_OUT="$CARGO_TARGET_DIR/e2e"
cargo test --workspace --locked

# The package made from the binary just tested (the debug build: packaging the release build
# would add a 10-18 minute LTO build; scripts/package.sh makes the release packages). Bundling
# the ~230 MB debug binary took 52 s on 2 loaded cores, these tests 5 s.
say "The .deb: bundled, unpacked with dpkg-deb -x, run and opened to its first screen"
scripts/package.sh --debug-build
SCR_DESK_DEB=$(find "$CARGO_TARGET_DIR/debug/packages" -maxdepth 1 -name '*.deb' -print -quit) \
  cargo test --workspace --locked --test package -- --ignored

say "Scanning temporary files and logs for test canaries"
scan_for_canaries "$TMPDIR" "$SERVICES_DIR" "$SCR_DESK_E2E_OUT"

say "All checks passed in $(( $(date +%s) - started ))s"
