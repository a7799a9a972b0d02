#!/usr/bin/env bash
# Sets up the machine and runs every test: unit, snapshot, property and fixture tests of
# every crate, `mpsim check` on the bundled sample, then the end-to-end tests of the real
# window under Xvfb (which also leave a screenshot in out/screenshots/).
set -euo pipefail
cd "$(dirname "$0")/.."
export MPSIM_SETUP_E2E=1
source scripts/setup.sh
export INSTA_UPDATE=no
# Pinned third-party component libraries for src-tauri/tests/npm.rs, cached outside the clone.
MPSIM_NPM_LIBS="$(bash scripts/npm-libs.sh)"; export MPSIM_NPM_LIBS

cargo test --workspace --locked --exclude mpsim-e2e

# The webview's pure modules (rich-text sanitizer, DOM ops) under node's test runner.
if ! command -v node >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs >/dev/null
fi
node --test ui/tests/

findings=$("$CARGO_TARGET_DIR/debug/mpsim" check assets/sample)
if [ -n "$findings" ]; then
  echo "mpsim check assets/sample reported findings:" >&2
  echo "$findings" >&2
  exit 1
fi
echo "mpsim check assets/sample: no findings"

cargo build --locked -p mpsim
xvfb-run -a -s "-screen 0 1280x900x24" cargo test --locked -p mpsim-e2e -- --test-threads=1
