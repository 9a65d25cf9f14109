# Shared by the .ci scripts: installs what is missing, idempotently and quickly when present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

WASM_OPT="$PWD/.ci/tools/node_modules/.bin/wasm-opt"

log() { printf '\033[1m==> %s %s\033[0m\n' "$(date +%T)" "$*"; }

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
    # --locked fails for this version on this toolchain; the version itself is pinned. Only the
    # one binary, without the test runner's TLS stack, and at opt-level 1: it compiles in a
    # fraction of the time and still turns the bundle out in seconds.
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install wasm-bindgen-cli --version "$bindgen_version" --no-default-features --bin wasm-bindgen --force
  fi
  # Never Debian's binaryen (wasm-opt 108 silently breaks hydration): npm's binaryen 132,
  # pinned in .ci/tools/package-lock.json, installs in seconds (crates.io's took 11 minutes).
  command -v npm >/dev/null || apt_install nodejs npm
  if ! "$WASM_OPT" --version 2>/dev/null | grep -q "version 132"; then
    log "npm ci (.ci/tools: binaryen's wasm-opt)"
    npm ci --prefix .ci/tools --no-audit --no-fund --loglevel=error
  fi
  command -v brotli >/dev/null && command -v gzip >/dev/null || apt_install brotli gzip
}
