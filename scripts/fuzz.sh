#!/usr/bin/env bash
# The long fuzz campaign: every reader of files the app did not write gets at least
# 10,000 generated inputs (random bytes, real inputs mutated, format-aware edits) on an
# optimised build with overflow checks (Cargo profile "fuzz"). For each parser it prints the
# inputs run, the panics, the inputs over 2 s, the slowest input's time and the peak memory
# (VmHWM, the process's high-water mark; each parser runs in its own process), and the
# outcomes. Exits non-zero if any input panicked or took longer than 2 s.
#
#   scripts/fuzz.sh [INPUTS] [SEED]        INPUTS defaults to 10000, SEED to 12
#
# Inputs that fail are kept in $CARGO_TARGET_DIR/fuzz-failures, to be added to the parser's
# regression corpus (crates/*/tests/corpus).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"
choose_target_dir
inputs="${1:-10000}"
seed="${2:-12}"
keep="$CARGO_TARGET_DIR/fuzz-failures"
say "Building the fuzz driver (profile fuzz: optimised, overflow checks on)"
cargo build --locked --profile fuzz -p scr-fuzz --bin scr-fuzz
driver="$CARGO_TARGET_DIR/fuzz/scr-fuzz"
status=0
for parser in pdf-verify csv xlsx backup header framework schedule logo; do
  say "$parser: $inputs inputs, seed $seed"
  rc=0
  if [ -x /usr/bin/time ]; then
    # GNU time's maximum resident set size, as a second measure beside the driver's VmHWM.
    /usr/bin/time -f "    max RSS by /usr/bin/time: %M KiB, wall %e s" \
      "$driver" "$parser" "$inputs" "$seed" "$keep" || rc=$?
  else
    "$driver" "$parser" "$inputs" "$seed" "$keep" || rc=$?
  fi
  if [ "$rc" -ne 0 ]; then
    status=1
  fi
  if [ "$rc" -eq 134 ]; then
    say "$parser aborted (a failed allocation aborts, and no panic is caught): to keep the input," \
      "run it again: SCR_FUZZ_CURRENT=FILE $driver $parser $inputs $seed"
  fi
done
if [ "$status" -ne 0 ]; then
  say "Some inputs failed; they are kept in $keep"
fi
exit "$status"
