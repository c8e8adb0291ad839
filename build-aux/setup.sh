#!/bin/sh
# Set Rally up on a Debian 12 machine.
#
#   sh build-aux/setup.sh run    install what is missing, build, and launch Rally
#   sh build-aux/setup.sh test   install what is missing, build with warnings as errors,
#                                run the whole test suite headless, then run it again
#                                under AddressSanitizer and UndefinedBehaviorSanitizer
#
# Exit status 0 only when everything asked for succeeded.
set -eu

mode="${1:-run}"
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# What to build and run Rally (the README says why each library is there)…
build_packages="build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libpq-dev libsecret-1-dev libcsv-dev
  desktop-file-utils appstream librsvg2-common adwaita-icon-theme hicolor-icon-theme
  gnome-keyring dbus dbus-x11 fonts-cantarell"
# …and what the tests use on top: a headless display, PDF text extraction, clang for the
# fuzz targets, AT-SPI for end-to-end tests, the sqlite3 shell for checking stores,
# the locale data a test compiles es_ES from, the PostgreSQL server test-db starts itself.
test_packages="xvfb xauth xdotool imagemagick poppler-utils clang libclang-rt-14-dev
  python3 python3-pyatspi at-spi2-core sqlite3 fonts-dejavu-core locales postgresql-15"

case "$mode" in
  run) packages="$build_packages" ;;
  test) packages="$build_packages $test_packages" ;;
  *) echo "usage: sh build-aux/setup.sh run|test" >&2; exit 2 ;;
esac

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
fi

configure () {
  dir="$1"; shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
  ninja -C "$dir"
}

# Prints "N passed, N failed" for one meson test run, from its JSON log.
summarize () {
  python3 - "$1/meson-logs/testlog.json" "$2" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"): passed += 1
    elif r == "SKIP": skipped += 1
    else: failed += 1
print(f"{sys.argv[2]}: {passed} passed, {failed} failed, {skipped} skipped")
PY
}

# (Its own variable: sharing the caller's "status" let a passing second suite hide a
# failure in the first.)
run_suite () {
  dir="$1"; label="$2"; shift 2
  rc=0
  # -a takes the first free display from -n on. Starting from a different number each run keeps
  # a run from reusing a display whose old server is still removing its socket.
  xvfb-run -a -n $(( 200 + $(od -An -N1 -tu1 /dev/urandom) )) -s "-screen 0 1280x800x24" dbus-run-session -- \
    meson test -C "$dir" --print-errorlogs --num-processes 2 "$@" || rc=$?
  summarize "$dir" "$label"
  return $rc
}

case "$mode" in
  run)
    configure _build
    exec meson devenv -C _build rally
    ;;
  test)
    start=$(date +%s)
    configure _build -Dwerror=true
    status=0
    run_suite _build suite --no-suite bench || status=1
    # The fuzz suite already builds its targets with AddressSanitizer; no need to run it twice.
    configure _build-sanitize -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false
    run_suite _build-sanitize sanitized --no-suite bench --no-suite fuzz --timeout-multiplier 3 || status=1
    echo "Test command took $(( $(date +%s) - start )) s"
    exit $status
    ;;
esac
