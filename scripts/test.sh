#!/usr/bin/env bash
# Sets up the machine and runs every test: unit, snapshot, property and fixture tests
# of every crate, then `mpsim check` on the bundled sample project.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
export INSTA_UPDATE=no
cargo test --workspace --locked
findings=$("$CARGO_TARGET_DIR/debug/mpsim" check assets/sample)
if [ -n "$findings" ]; then
  echo "mpsim check assets/sample reported findings:" >&2
  echo "$findings" >&2
  exit 1
fi
echo "mpsim check assets/sample: no findings"
