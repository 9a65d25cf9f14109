# Shared by the .ci scripts: installs what is missing, idempotently and quickly when present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {
  # $@: Debian packages to install when missing.
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

lockfile_version() {
  # $1: crate name; prints its version in Cargo.lock.
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  local bindgen_version
  bindgen_version="$(lockfile_version wasm-bindgen)"
  if [ "$("$HOME/.cargo/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
    log "cargo install wasm-bindgen-cli $bindgen_version"
    # --locked fails for this version on this toolchain; the version itself is pinned.
    cargo install wasm-bindgen-cli --version "$bindgen_version" --force
  fi
  # Never Debian's binaryen (wasm-opt 108 silently breaks hydration): binaryen 116 from crates.io.
  if ! "$HOME/.cargo/bin/wasm-opt" --version 2>/dev/null | grep -q "version 116"; then
    log "cargo install wasm-opt (binaryen 116)"
    cargo install wasm-opt --version 0.116.1 --locked --force
  fi
  command -v brotli >/dev/null && command -v gzip >/dev/null || apt_install brotli gzip
}
