#!/usr/bin/env bash
# Runs one command with the services the tests need (a private D-Bus with gnome-keyring's Secret
# Service, and Xvfb on a free display), then stops them by PID. For running a few tests while
# developing, e.g.  scripts/with-services.sh cargo test -p scr-e2e --test letters
# scripts/test.sh is still the one command that runs everything.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/services.sh"
cd "$REPO_ROOT"
choose_target_dir
ensure_python_tools

services_init
trap services_stop_on_exit EXIT
export TMPDIR="$SERVICES_DIR/tmp"
mkdir -p "$TMPDIR"
start_secret_service
display=100
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
start_xvfb ":$display"
export SCR_DESK_E2E_OUT="${SCR_DESK_E2E_OUT:-$CARGO_TARGET_DIR/e2e}"
"$@"
