#!/usr/bin/env bash
# The QM3 report benchmark: the signed PDF over a twenty-year archive (1,000 cases,
# 40,000 letters), budget 2 s. Prints figures; asserts nothing. Built with the `fuzz` profile
# (optimised, no LTO: minutes instead of the release build's quarter hour; overflow checks and
# debug assertions stay on, so the figure is if anything pessimistic); PROFILE=release for the
# release build.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/services.sh"
cd "$REPO_ROOT"
ensure_toolchains
choose_target_dir
services_init
trap services_stop_on_exit EXIT
start_secret_service
say "QM3 report: the signed PDF over twenty years of cases (profile ${PROFILE:-fuzz})"
cargo bench --locked --profile "${PROFILE:-fuzz}" -p scr-desk --bench qm3_pdf
