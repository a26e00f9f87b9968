#!/usr/bin/env bash
# The distribution benchmark: 60 letters to the local test SMTP server, with and without the
# delivery log. Starts a private Secret Service (the archive's key lives there) and stops it.
# Pass --debug to measure an unoptimised build (quicker to build, slower to run).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/services.sh"
cd "$REPO_ROOT"
ensure_python_tools
choose_target_dir
services_init
trap services_stop_on_exit EXIT
export TMPDIR="$SERVICES_DIR/tmp"
mkdir -p "$TMPDIR"
start_secret_service
if [ "${1:-}" = "--debug" ]; then
  cargo test -p scr-desk --bench distribution
else
  cargo bench -p scr-desk --bench distribution
fi
