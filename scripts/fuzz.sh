#!/usr/bin/env bash
# Runs the engine's fuzz targets (fuzz/, cargo-fuzz on the nightly toolchain) for SECONDS each
# (default 60), every target or the ones named:  scripts/fuzz.sh 600 validate run
# The corpus grows in fuzz/corpus/<target> (not committed), seeded from the repository's test
# definitions; a crash is written to fuzz/artifacts/<target>/ and stops that target: turn it
# into a regression test in the normal suite (crates/asl-core/tests/fuzz_regressions.rs), then
# fix it. Prints each target's executions per second and corpus size.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/fuzz"
SECONDS_EACH="${1:-60}"
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q '^nightly' || { echo "cargo-fuzz needs the nightly toolchain (rustup toolchain install nightly)" >&2; exit 1; }
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || mapfile -t TARGETS < <(cargo +nightly fuzz list)

# Seeds: the test definitions for the targets that read definitions.
for target in read_definition validate; do
  mkdir -p "corpus/$target"
  if [ -z "$(ls -A "corpus/$target")" ]; then
    find "$ROOT/crates/asl-core/tests/cases/validate" "$ROOT/web/templates" -name '*.json' -size -64k \
      -exec cp {} "corpus/$target/" \; 2>/dev/null || true
  fi
done

cargo +nightly fuzz build
status=0
for target in "${TARGETS[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  log="$(mktemp)"
  if cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$SECONDS_EACH" \
      -print_final_stats=1 -timeout=20 -rss_limit_mb=4096 -artifact_prefix="artifacts/$target/" \
      >"$log" 2>&1; then
    outcome="no crash"
  else
    outcome="CRASH (see fuzz/artifacts/$target/ and the log below)"
    grep -A4 -E "panicked at|ERROR: (AddressSanitizer|libFuzzer)" "$log" | head -20 >&2 || true
    tail -25 "$log" >&2
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "corpus/$target" -type f | wc -l)
  printf '%-16s %ss: %s runs, %s exec/s, corpus %s inputs: %s\n' \
    "$target" "$SECONDS_EACH" "${runs:-?}" "${speed:-?}" "$corpus" "$outcome"
  rm -f "$log"
done
exit $status
