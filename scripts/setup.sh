#!/usr/bin/env bash
# Installs what the playground needs on a Debian machine that has only the Rust toolchain, and
# does nothing when everything is already there. Sourced by serve.sh and test.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION=0.21.14

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@";
  elif command -v sudo >/dev/null; then sudo "$@";
  else die "need root (or sudo) to run: $*"; fi
}

export PATH="$HOME/.cargo/bin:$ROOT/tests/node_modules/.bin:$PATH"

command -v cargo >/dev/null || die "cargo is not installed: install the Rust toolchain (rustup) first"

# The wasm target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown \
    || die "rustup could not add the wasm32-unknown-unknown target; the browser build needs it"
fi

# Trunk (0.22 needs a newer rustc than this machine's).
if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock (Trunk runs offline).
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
[ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen in Cargo.lock"
if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: the CLI's locked dependency set is not all on the registry.
  cargo install --force "wasm-bindgen-cli@=$WASM_BINDGEN_VERSION"
fi

# Debian packages: Node.js for the browser tests and wasm-opt, Chromium for the browser tests.
missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm packages (playwright-core, binaryen's wasm-opt), pinned by tests/package-lock.json.
if [ ! -x "$ROOT/tests/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/tests/node_modules/playwright-core" ] \
   || [ "$ROOT/tests/package-lock.json" -nt "$ROOT/tests/node_modules/.package-lock.json" ]; then
  say "installing npm packages in tests/"
  (cd "$ROOT/tests" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The editor's npm packages (CodeMirror, esbuild), pinned by web/editor/package-lock.json.
if [ ! -x "$ROOT/web/editor/node_modules/.bin/esbuild" ] \
   || [ "$ROOT/web/editor/package-lock.json" -nt "$ROOT/web/editor/node_modules/.package-lock.json" ]; then
  say "installing npm packages in web/editor/"
  (cd "$ROOT/web/editor" && npm ci --no-audit --no-fund --loglevel=error)
fi
