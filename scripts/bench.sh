#!/usr/bin/env bash
# The benchmark suite, in one command: sets everything up (installing what is missing, the peers
# from bench/package-lock.json among it), builds the engine natively and as WebAssembly (with the
# site's size-first profile and wasm-opt, as the playground ships) and the site, then runs
# bench/run.mjs: every workload on the engine natively, as wasm in headless Chromium, and on the
# tools users would pick instead, and the page's own timings. Prints the table with the ratios;
# `scripts/bench.sh --update` also writes it into BENCHMARKS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ ! -d bench/node_modules/aws-local-stepfunctions ] \
   || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  say "installing the peers in bench/"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

say "building the native harness"
cargo build --release --locked -p asl-bench

say "building the engine as WebAssembly"
cargo build --profile web --locked -p asl-wasm --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir target/bench/wasm \
  "$TARGET_DIR/wasm32-unknown-unknown/web/asl_wasm.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals -o target/bench/wasm/asl_wasm_bg.wasm target/bench/wasm/asl_wasm_bg.wasm

say "building the site"
trunk build --release

say "running the benchmarks (a few minutes)"
node bench/run.mjs "$@"
