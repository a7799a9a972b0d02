#!/usr/bin/env bash
# Sets up the machine, builds mpsim and opens its window on the bundled sample plugin project.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cargo build --release -p mpsim
exec "$CARGO_TARGET_DIR/release/mpsim" "$@"
