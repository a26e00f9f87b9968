#!/usr/bin/env bash
# Installs what is missing, builds the app and opens its window.
# Extra arguments go to the app, e.g. scripts/run.sh --data-dir ~/scr-desk-trial
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/services.sh"
cd "$REPO_ROOT"

ensure_toolchains
ensure_apt_packages $APP_PACKAGES
ensure_ui_packages
choose_target_dir
build_ui
say "Building the app"
cargo build --workspace --locked

services_init
trap services_stop_on_exit EXIT
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  # A machine with no desktop (a server, CI): show the app on a virtual display, with a
  # throwaway keyring and archive, so nothing real is created where nobody can see it.
  ensure_apt_packages xvfb xauth x11-utils
  say "No desktop display: running on virtual display :98 with a throwaway keyring and archive"
  say "See it with: DISPLAY=:98 import -window root screenshot.png"
  start_xvfb :98
  start_secret_service
  set -- --data-dir "$SERVICES_DIR/archive" "$@"
fi
say "Starting SCR Decision Desk"
"$CARGO_TARGET_DIR/debug/scr-desk" "$@"
