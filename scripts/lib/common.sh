# Shared by scripts/run.sh and scripts/test.sh: install what is missing, skip what is there.
# Debian 12 / Ubuntu 22.04+; works as root or through sudo.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "installing system packages needs root or sudo: $*"
  fi
}

# Packages to build and run the app.
APP_PACKAGES="build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev gnome-keyring dbus dbus-x11 fonts-liberation2"
# And to drive it in tests: a virtual display, WebKit's WebDriver, the PDF validators' tools.
TEST_PACKAGES="xvfb xauth x11-utils webkit2gtk-driver imagemagick poppler-utils libsecret-tools
  python3 python3-venv openssl"

ensure_apt_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing system packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
    --no-install-recommends "${missing[@]}"
}

ensure_toolchains() {
  command -v cargo >/dev/null 2>&1 ||
    die "Rust is not installed: install it with rustup (https://rustup.rs), then run this again"
  command -v node >/dev/null 2>&1 || die "Node.js 20 or later is needed: install it, then run this again"
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 20 ] || die "Node.js 20 or later is needed (found $(node --version))"
}

# npm ci only when the lock file changed since the last install.
ensure_ui_packages() {
  local stamp="$REPO_ROOT/ui/node_modules/.scr-desk-installed"
  if [ ! -f "$stamp" ] || [ "$REPO_ROOT/ui/package-lock.json" -nt "$stamp" ]; then
    say "Installing the UI's npm packages"
    (cd "$REPO_ROOT/ui" && npm ci --no-audit --no-fund) && touch "$stamp"
  fi
}

# The Python tools the tests drive (pyHanko to validate signatures), in .venv at the root.
ensure_python_tools() {
  local venv="$REPO_ROOT/.venv" requirements="$REPO_ROOT/tests/requirements.txt"
  local stamp="$venv/.scr-desk-installed"
  if [ ! -f "$stamp" ] || [ "$requirements" -nt "$stamp" ]; then
    say "Installing the Python test tools into .venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" && touch "$stamp"
  fi
  export SCR_DESK_PYHANKO="$venv/bin/pyhanko"
  export SCR_DESK_PYTHON="$venv/bin/python"
}

build_ui() {
  say "Building the UI"
  (cd "$REPO_ROOT/ui" && npm run --silent build)
}

# One target directory for every step. A persistent one outside the clone is used when present.
choose_target_dir() {
  if [ -z "${CARGO_TARGET_DIR:-}" ] && [ -d /var/cache/scr-desk/target ]; then
    export CARGO_TARGET_DIR=/var/cache/scr-desk/target
  fi
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
}
