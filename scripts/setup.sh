#!/usr/bin/env bash
# Installs what mpsim needs to build, run and test on a fresh Debian 12 machine (as root):
# the WebKitGTK stack for the window, Xvfb and WebKitWebDriver for the end-to-end tests,
# and tauri-driver from crates.io. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev xvfb xauth webkit2gtk-driver)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  for c in "$HOME/.cargo/bin/cargo" /usr/local/cargo/bin/cargo; do
    [ -x "$c" ] && export PATH="$(dirname "$c"):$PATH" && break
  done
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo (Rust 1.85 or newer) is required; install it with rustup and run again" >&2
  exit 1
fi
export PATH="$HOME/.cargo/bin:$PATH"

# Builds live outside the checkout so a fresh clone reuses them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mpsim-target}"
echo "setup: CARGO_TARGET_DIR=$CARGO_TARGET_DIR"

if [ "${MPSIM_SETUP_E2E:-0}" = 1 ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version ^2 --locked --quiet
fi
