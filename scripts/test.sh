#!/usr/bin/env bash
# Sets everything up (installing what is missing), then runs every check and test: formatting,
# clippy (native and wasm32), the Rust tests (conformance against AWS recordings included), the
# site build, and the browser tests in headless Chromium.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

step() {
  local name=$1
  shift
  say "$name"
  "$@" || { printf '\nFAILED: %s\n' "$name" >&2; exit 1; }
}

core_is_pure() {
  # The engine runs on virtual time and a seeded RNG, in the browser and natively alike. The one
  # crate allowed a clock and OS randomness is jsonata-core (through chrono and rand): the engine
  # replaces those built-ins ($now, $millis, $random, $shuffle, $uuid) with the run's clock and
  # seed, and in wasm32 the getrandom backend is "unsupported" (.cargo/config.toml).
  local target banned
  for target in "$(rustc -vV | sed -n 's/^host: //p')" wasm32-unknown-unknown; do
    banned=$(cargo tree -p asl-core -e normal --prefix none --locked --target "$target" \
      --prune jsonata-core | grep -E '^(wasm-bindgen|web-sys|js-sys|leptos|getrandom|chrono) v' || true)
    banned+=$(cargo tree -p asl-core -e normal --prefix none --locked --target "$target" \
      | grep -E '^(web-sys|leptos) v' || true)
    if [ -n "$banned" ]; then
      echo "asl-core ($target) depends on a browser, clock or OS-randomness crate:" >&2
      echo "$banned" >&2
      return 1
    fi
  done
}

# Cargo's output directory (CARGO_TARGET_DIR moves it); the browser tests run the asl binary there.
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export ASL_BIN="$TARGET_DIR/debug/asl"

build_wasm_api() {
  # The JavaScript API, built for Node so that tests/wasm-api.test.mjs can call it.
  cargo build -p asl-wasm --target wasm32-unknown-unknown --locked
  wasm-bindgen --target nodejs --out-dir target/asl-wasm-node \
    "$TARGET_DIR/wasm32-unknown-unknown/debug/asl_wasm.wasm"
}

step "format" cargo fmt --all --check
step "clippy" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32)" cargo clippy -p asl-core -p asl-wasm -p asl-web -p asl-jsonata-wasm --target wasm32-unknown-unknown --locked -- -D warnings
# The page alone, as Trunk builds it: its engine without JSONata (JSONata is a module of its own).
step "clippy (wasm32, the page)" cargo clippy -p asl-web --target wasm32-unknown-unknown --locked -- -D warnings
step "asl-core stays pure" core_is_pure
step "rust tests" cargo test --workspace --all-targets --locked
step "doc tests" cargo test --workspace --doc --locked
step "wasm API build" build_wasm_api
step "site build" trunk build --release
step "size budget" node scripts/size.mjs
step "browser tests" node --test --test-concurrency=1 tests/*.test.mjs
say "all checks passed"
