#!/bin/sh
# build-aux/screenshot.sh [BUILDDIR] [OUTPUT.png] [WIDTHxHEIGHT] [PAGE]
#
# Runs the uninstalled Rally under a private Xvfb and D-Bus session, on a fresh workspace
# holding the sample data, and saves a screenshot of the window. Used for the README and
# the AppStream screenshot. Needs xvfb, xdotool and imagemagick (the test command installs them).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build="${1:-$top/_build}"
out="${2:-$top/data/screenshots/main.png}"
size="${3:-1280x800}"
page="${4:-campaigns}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$(dirname "$out")" "$work/data" "$work/config"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory
# A sample workspace shows what Rally is for; skip quietly if this build has no sample command.
"$build/src/rally" sample >/dev/null 2>&1 || true

xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- sh -c '
  "$1" >/dev/null 2>&1 &
  app=$!
  for i in $(seq 100); do
    id=$(xdotool search --onlyvisible --name "^Rally$" 2>/dev/null | tail -1)
    [ -n "$id" ] && break
    sleep 0.1
  done
  w=${2%x*}; h=${2#*x}
  xdotool windowsize "$id" "$w" "$h" windowmove "$id" 0 0
  case "$4" in
    challenges) xdotool key --window "$id" alt+2 ;;
    analytics) xdotool key --window "$id" alt+3 ;;
  esac
  sleep 3
  import -window root -crop "${2}+0+0" "$3"
  kill $app' _ "$build/src/rally" "$size" "$out" "$page"
echo "$out"
