#!/usr/bin/env bash
# Sets everything up (installing what is missing), builds the playground and serves it on
# http://127.0.0.1:8080/ (PORT=... to change), rebuilding when the sources change.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
PORT="${PORT:-8080}"
say "ASL Playground: http://127.0.0.1:$PORT/ (ready when Trunk says it is serving)"
exec trunk serve --release --port "$PORT"
