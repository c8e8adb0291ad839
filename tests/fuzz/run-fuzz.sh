#!/bin/sh
# run-fuzz.sh SRCROOT BUILDROOT SECONDS — build the TikTok JSON fuzzer with clang
# (-fsanitize=fuzzer,address,undefined) against the parser sources and run it for a
# bounded time on a copy of the seed corpus. Exit 77 (skip) without clang.
set -eu
src=$1
build=$2
seconds=${3:-20}

cc=$(command -v clang || true)
if [ -z "$cc" ]; then
  echo "clang not found: skipping the fuzz run"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2046
"$cc" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$build" -I"$src/src/sync" $(pkg-config --cflags json-glib-1.0) \
  "$src/src/sync/rally-tiktok-json.c" "$src/src/sync/rally-sync-error.c" \
  "$src/tests/fuzz/fuzz-tiktok-json.c" \
  $(pkg-config --libs json-glib-1.0) -o "$work/fuzz-tiktok-json"

mkdir "$work/corpus"
cp "$src"/tests/fuzz/corpus-json/* "$work/corpus/"

"$work/fuzz-tiktok-json" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 \
  -max_len=8192 -timeout=10 "$work/corpus" > "$work/log" 2>&1 || {
  status=$?
  tail -60 "$work/log"
  echo "fuzzer failed with status $status"
  exit 1
}
grep -E '^#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb' "$work/log"
