#!/usr/bin/env bash
# Installs the pinned third-party component libraries of tests/npm (package.json +
# package-lock.json) into a cache folder outside the clone, once per lock file, and prints
# that folder: its node_modules/ is what src-tauri/tests/npm.rs builds with `mpsim build-npm`.
#
# `npm ci --ignore-scripts`: exact versions from the lock file, no install scripts run.
# The cache is ~/.cache/mpsim-npm/<hash of package.json and package-lock.json>/; a folder
# is used only when a previous install finished (it holds `.complete`).
set -euo pipefail
cd "$(dirname "$0")/.."

src=tests/npm
hash=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16)
cache="${MPSIM_NPM_CACHE:-$HOME/.cache/mpsim-npm}/$hash"

if [ ! -f "$cache/.complete" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  rm -rf "$cache"
  mkdir -p "$cache"
  cp "$src/package.json" "$src/package-lock.json" "$cache/"
  (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  touch "$cache/.complete"
fi
echo "$cache"
