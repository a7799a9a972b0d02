#!/usr/bin/env bash
# Sets up the machine, builds mpsim and opens it on the bundled sample project.
# (Until the desktop window lands, this renders the sample's launch page headless.)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cargo build --release -p mpsim
exec "$CARGO_TARGET_DIR/release/mpsim" "$@"
