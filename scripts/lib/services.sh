# Services the tests need, each started on its own and stopped by the PID we recorded.
# Sourced by scripts/test.sh; every function leaves its PID in $SERVICES_DIR/pids.

SERVICES_DIR=""

services_init() {
  SERVICES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/scr-desk-services.XXXXXX")
  chmod 700 "$SERVICES_DIR"
  : > "$SERVICES_DIR/pids"
}

services_record_pid() {
  echo "$1 $2" >> "$SERVICES_DIR/pids"
}

# Stops in reverse order of starting; SIGTERM first (tauri-driver and WebKitWebDriver need it),
# then SIGKILL for anything that did not listen within five seconds.
services_stop_all() {
  [ -n "$SERVICES_DIR" ] && [ -f "$SERVICES_DIR/pids" ] || return 0
  tac "$SERVICES_DIR/pids" | while read -r pid name; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -KILL "$pid" 2>/dev/null; then echo "services: $name ($pid) needed SIGKILL" >&2; fi
    fi
  done
  rm -rf "$SERVICES_DIR"
  SERVICES_DIR=""
  return 0
}

# For `trap`: stop the services but keep the script's own exit status.
services_stop_on_exit() {
  local status=$?
  services_stop_all
  exit "$status"
}

wait_until() { # wait_until SECONDS DESCRIPTION COMMAND...
  local seconds=$1 what=$2; shift 2
  for _ in $(seq $((seconds * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "services: gave up waiting for $what after ${seconds}s" >&2
  return 1
}

# A private D-Bus session bus with gnome-keyring's Secret Service, unlocked, in a throwaway home.
start_secret_service() {
  local home="$SERVICES_DIR/keyring-home"
  mkdir -p "$home/data" "$SERVICES_DIR/runtime"
  chmod 700 "$home" "$SERVICES_DIR/runtime"
  export XDG_RUNTIME_DIR="$SERVICES_DIR/runtime"
  export DBUS_SESSION_BUS_ADDRESS="unix:path=$SERVICES_DIR/runtime/bus"
  dbus-daemon --session --nofork --nopidfile --address="$DBUS_SESSION_BUS_ADDRESS" \
    >"$SERVICES_DIR/dbus.log" 2>&1 &
  services_record_pid $! dbus-daemon
  wait_until 10 "the D-Bus session bus" dbus-send --session --dest=org.freedesktop.DBus \
    --type=method_call --print-reply /org/freedesktop/DBus org.freedesktop.DBus.ListNames || return 1
  # The daemon reads its unlock password from stdin; a wrong one would leave it locked silently.
  printf 'scr-desk-test-keyring' | HOME="$home" XDG_DATA_HOME="$home/data" \
    gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$SERVICES_DIR/keyring.log" 2>&1 &
  services_record_pid $! gnome-keyring-daemon
  # Without this wait D-Bus may activate a second, locked daemon on the first call.
  wait_until 15 "the Secret Service on the bus" secret_service_owned
}

secret_service_owned() {
  dbus-send --session --dest=org.freedesktop.DBus --type=method_call --print-reply \
    /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets |
    grep -q 'boolean true'
}

# A virtual X display for the real app window.
start_xvfb() {
  local display=${1:-:99}
  Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >"$SERVICES_DIR/xvfb.log" 2>&1 &
  services_record_pid $! Xvfb
  export DISPLAY="$display"
  wait_until 10 "Xvfb on $display" xdpyinfo -display "$display"
}

# Test data carries canary strings; none may survive in plain text in temp files or logs.
CANARIES=("Quillfeather")
scan_for_canaries() {
  local found=0
  for canary in "${CANARIES[@]}"; do
    if grep -rIl --exclude-dir=target -- "$canary" "$@" 2>/dev/null; then found=1; fi
    if grep -rl -a -- "$canary" "$@" 2>/dev/null | grep -q .; then found=1; fi
  done
  if [ "$found" -ne 0 ]; then
    echo "services: a test canary was found in plain text (files listed above)" >&2
    return 1
  fi
}
