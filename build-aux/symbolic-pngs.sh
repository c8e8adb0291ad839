#!/bin/sh
# build-aux/symbolic-pngs.sh [--check]
#
# Renders the symbolic icons that Rally shows at start-up (the page switcher's three, at
# 16 px) into the .symbolic.png files bundled in resources/icons/. GTK then loads a small
# PNG instead of rendering each SVG several times through gdk-pixbuf (some 80 million
# instructions before the first frame); the SVGs stay for other sizes and scales. Run it
# after editing one of those SVGs; with --check it only verifies that the PNGs match their
# SVGs (the symbolic-pngs test). Needs gtk4-encode-symbolic-svg (Debian: libgtk-4-bin).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
check=false
[ "${1:-}" = "--check" ] && check=true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

render () { # SVG SIZE DESTDIR
  name=$(basename "$1" .svg)
  gtk4-encode-symbolic-svg -o "$work" "$1" "$2x$2"
  if $check; then
    if ! cmp -s "$work/$name.symbolic.png" "$3/$name.symbolic.png"; then
      echo "$3/$name.symbolic.png is out of date: run build-aux/symbolic-pngs.sh" >&2
      status=1
    fi
  else
    mkdir -p "$3"
    cp "$work/$name.symbolic.png" "$3/"
  fi
}

for icon in rally-analytics rally-campaigns rally-challenges; do
  render "$top/resources/icons/scalable/actions/$icon-symbolic.svg" 16 "$top/resources/icons/16x16/actions"
done

exit $status
