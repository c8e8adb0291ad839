#!/bin/sh
# run-fuzz.sh NAME [OPTION…] [COMPILER-FLAG…] SOURCE…
#
# Builds a libFuzzer target with clang (-fsanitize=fuzzer,address,undefined)
# from SOURCEs, runs it for a bounded time and prints the number of
# executions. Exits 0 when nothing crashed, 1 on a crash or a build failure,
# 77 (skip) when clang or libFuzzer is missing.
#
# Options:
#   --seconds=N    how long to fuzz (default 20)
#   --corpus=DIR   seed inputs (copied; the source tree is never written)
#   --dict=FILE    a libFuzzer dictionary
#   --pkg=NAME     add `pkg-config --cflags --libs NAME`
# Any other argument starting with '-' (-I…, -D…, -l…) goes to the compiler.

set -u

name=$1
shift

seconds=20
corpus=
dict=
pkgs=
flags=
sources=

for arg in "$@"; do
  case $arg in
    --seconds=*) seconds=${arg#--seconds=} ;;
    --corpus=*) corpus=${arg#--corpus=} ;;
    --dict=*) dict=${arg#--dict=} ;;
    --pkg=*) pkgs="$pkgs ${arg#--pkg=}" ;;
    -*) flags="$flags $arg" ;;
    *) sources="$sources $arg" ;;
  esac
done

cc=${FUZZ_CC:-clang}
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "$name: $cc not found, skipping"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

pkgflags=
if [ -n "$pkgs" ]; then
  # shellcheck disable=SC2086
  pkgflags=$(pkg-config --cflags --libs $pkgs) || exit 1
fi

# shellcheck disable=SC2086
if ! "$cc" -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
     -fno-sanitize-recover=undefined -o "$work/$name" $flags $sources $pkgflags 2>"$work/build.log"; then
  if grep -q -e 'fuzzer' "$work/build.log" && grep -q -e 'cannot find\|unable to find' "$work/build.log"; then
    echo "$name: libFuzzer runtime not available, skipping"
    exit 77
  fi
  cat "$work/build.log"
  echo "$name: build failed"
  exit 1
fi

mkdir "$work/corpus"
if [ -n "$corpus" ]; then
  cp "$corpus"/* "$work/corpus/" 2>/dev/null
fi

set -- -max_total_time="$seconds" -error_exitcode=1 -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$work/" -print_final_stats=1
if [ -n "$dict" ]; then
  set -- "$@" -dict="$dict"
fi

echo "$name: fuzzing for $seconds s"
"$work/$name" "$@" "$work/corpus" >"$work/fuzz.log" 2>&1
status=$?

runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/fuzz.log" | tail -n 1)
if [ "$status" -ne 0 ]; then
  tail -n 60 "$work/fuzz.log"
  for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
    [ -f "$crash" ] || continue
    echo "$name: input that failed ($crash), base64:"
    base64 "$crash"
  done
  echo "$name: FAILED (exit $status)"
  exit 1
fi

echo "$name: ${runs:-?} executions in $seconds s, no crash"
grep -e '^stat::' "$work/fuzz.log"
exit 0
