#!/usr/bin/env bash
# Performance benchmark: vestis against Hugo and Zola on the same generated bilingual site.
#
#   scripts/bench.sh                          # every case below, 5 paired runs (slow: see below)
#   QUICK=1 scripts/bench.sh                  # quick subset: 1,000 records on tmpfs, 1 run
#   CASES="10000:tmpfs" RUNS=3 scripts/bench.sh
#
# A case is N:FS (records : tmpfs|disk); the default cases are 1,000, 10,000 and 100,000
# records on tmpfs and 10,000 on disk. For each case it generates the corpus (examples/corpus:
# a vestis site and its Hugo and Zola twins), checks that each builds, then runs RUNS rounds
# of, in alternating order:
#   vestis          full build into a fresh (absent) folder
#   hugo            full build into a fresh folder (Debian's hugo, installed when missing)
#   zola            full build into a fresh folder (Zola 0.22.1: $ZOLA, ../shared/tools/zola)
#   vestis-replace  vestis building over its own previous output (fresh sibling + swap)
#   floor           read every input, write files of the same paths and sizes as vestis's
#   vestis-base     with BASELINE=<an older vestis binary>: that binary's full build, paired
#                   with this one's in every round (and its edit-to-served after this one's),
#                   for "no slower than the previous commit" (see README, Performance)
# Wall time is measured around `/usr/bin/time` (which gives the peak RSS); a `sync` runs
# before every timed command, outside the measurement. Hugo and Zola run only up to
# COMPARE_MAX records (10,000): at 100,000 Zola's memory (3.6 GB at 10,000, growing
# linearly) would pass the machine's, and one Hugo build takes many minutes.
# Per case it also prints vestis's output bytes per kind (pages, feeds, search, media, other)
# and, on tmpfs, the search payload of three sample queries: the bytes of index the default
# theme's search box downloads in Chromium (scripts/search-payload.mjs, with the browser
# suite's helpers), and on tmpfs the edit-to-served time (examples/edit_latency.rs).
# It prints one table (medians) and the ratios with their goals, and exits non-zero when any
# build fails.
#
# Environment: CASES, RUNS (5), RUNS_BIG (1: runs of a case above COMPARE_MAX), COMPARE_MAX
# (10000), TMPFS_BASE (/dev/shm/vestis-bench), DISK_BASE ($TMPDIR or /var/tmp,
# + /vestis-bench), CARGO_TARGET_DIR, ZOLA, KEEP=1 keeps the corpora and outputs, EDITS=0
# skips edit-to-served, SEARCH=0 skips the search payload, QUICK=1 (see above), BASELINE (an
# older vestis binary to pair with, e.g. one built from `git worktree add /tmp/base HEAD~1`).
# Duration: dominated by Hugo and Zola at 10,000 records (~30-60 s a build on 2 busy cores) and
# vestis at 100,000; the default run takes most of an hour on the 2-core machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${QUICK:-0}" = 1 ]; then
  CASES="${CASES:-1000:tmpfs}"; RUNS="${RUNS:-1}"; EDITS="${EDITS:-0}"
fi
CASES="${CASES:-1000:tmpfs 10000:tmpfs 100000:tmpfs 10000:disk}"
RUNS="${RUNS:-5}"
RUNS_BIG="${RUNS_BIG:-1}"
COMPARE_MAX="${COMPARE_MAX:-10000}"
TMPFS_BASE="${TMPFS_BASE:-/dev/shm/vestis-bench}"
DISK_BASE="${DISK_BASE:-${TMPDIR:-/var/tmp}/vestis-bench}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
ZOLA="${ZOLA:-$ROOT/../shared/tools/zola}"
VESTIS="$TARGET/release/vestis"
CORPUS="$TARGET/release/examples/corpus"
LATENCY="$TARGET/release/examples/edit_latency"
FLOOR="$TARGET/release/examples/floor"
RESULTS="$(mktemp)"
TIMEFILE="$(mktemp)"
EXAMPLE_OUT="$(mktemp -d)"
trap 'rm -rf "$RESULTS" "$TIMEFILE" "$EXAMPLE_OUT"' EXIT

step() { printf '\n==> %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@"
}

ensure_tools() {
  local missing=()
  command -v hugo >/dev/null 2>&1 || missing+=(hugo)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  if [ "${#missing[@]}" -gt 0 ]; then
    step "installing ${missing[*]} from Debian"
    apt_install "${missing[@]}"
  fi
  [ -x "$ZOLA" ] || { echo "error: no Zola at $ZOLA (set ZOLA)" >&2; exit 2; }
}

build_tools() {
  step "building vestis and the bench examples (release, $TARGET)"
  (cd "$ROOT" && cargo build --release --quiet --bin vestis --example corpus --example floor \
    --example edit_latency)
}

# base_of FS: the folder the corpora and outputs of FS live in.
base_of() {
  case "$1" in
    tmpfs) echo "$TMPFS_BASE" ;;
    disk) echo "$DISK_BASE" ;;
    *) echo "error: unknown file system '$1' (tmpfs|disk)" >&2; exit 2 ;;
  esac
}

# timed LOG CMD...: runs CMD, sets WALL (s), RSS (KB), CPU (user+sys s); exits on failure.
timed() {
  local log="$1"; shift
  sync
  local t0="$EPOCHREALTIME"
  if ! /usr/bin/time -f '%M %U %S' -o "$TIMEFILE" "$@" >"$log" 2>&1; then
    echo "error: failed: $*" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  local t1="$EPOCHREALTIME"
  WALL="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
  read -r RSS user sys < <(tail -n 1 "$TIMEFILE")
  CPU="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
}

# run N FS TOOL OUT CMD...: one timed run into OUT (removed first unless TOOL replaces).
run() {
  local n="$1" fs="$2" tool="$3" out="$4"; shift 4
  [ "$tool" = vestis-replace ] || rm -rf "$out"
  timed "$out.log" "$@"
  echo "$n $fs $tool $WALL $RSS $CPU" >>"$RESULTS"
  printf '  %-15s %7.3f s  %7d MB  cpu %6.2f s\n' "$tool" "$WALL" "$((RSS / 1024))" "$CPU" >&2
}

html_count() { find "$1" -name '*.html' | wc -l; }

# describe LABEL DIR: files, HTML pages and bytes of an output.
describe() {
  printf '  %-8s %6d files, %6d HTML pages, %5d MB\n' "$1" "$(find "$2" -type f | wc -l)" \
    "$(html_count "$2")" "$(($(du -sb "$2" | cut -f1) / 1048576))" >&2
}

# kinds N FS DIR: vestis's output bytes per kind, into RESULTS.
kinds() {
  (cd "$3" && find . -type f -printf '%P\t%s\n') | awk -F'\t' -v n="$1" -v fs="$2" '
    $1 ~ /\.html$/ { k = "pages" }
    $1 ~ /(^|\/)(atom|rss)\.xml$/ || $1 ~ /\.ics$/ { k = "feeds" }
    $1 ~ /(^|\/)search\.json$/ || $1 ~ /(^|\/)search\// { k = "search" }
    $1 ~ /\.(css|js|png|jpe?g|gif|webp|avif|svg|ico|pdf|mp4|webm|mp3|woff2?)$/ { k = "media" }
    { if (k == "") k = "other"; bytes[k] += $2; files[k]++; k = "" }
    END { for (k in bytes) print n, fs, "kind", k, bytes[k], files[k] }' >>"$RESULTS"
}

# payload N FS OUT: the search payload of the sample queries on vestis's output OUT.
payload() {
  [ "${SEARCH:-1}" = 1 ] || return 0
  if ! command -v node >/dev/null 2>&1 || [ ! -e "$ROOT/tests/browser/node_modules/playwright-core" ]; then
    echo "  (search payload skipped: node or tests/browser/node_modules missing; see scripts/test)" >&2
    return 0
  fi
  [ -e "$EXAMPLE_OUT/site/index.html" ] || "$VESTIS" build --root "$ROOT" --output "$EXAMPLE_OUT/site" >/dev/null
  node "$ROOT/scripts/search-payload.mjs" --site "$EXAMPLE_OUT/site" --index "$3" >"$3.payload" 2>&1 || {
    echo "error: the search payload could not be measured" >&2; tail -n 20 "$3.payload" >&2; exit 1; }
  sed 's/^/    /' "$3.payload" >&2
  sed -n "s/^payload /$1 $2 payload /p" "$3.payload" >>"$RESULTS"
}

# bench N FS: corpus, warm-up builds, then the rounds.
bench() {
  local n="$1" fs="$2"
  local base; base="$(base_of "$fs")/n$n"
  local site="$base/vestis" hsite="$base/hugo" zsite="$base/zola" out="$base/out"
  local others=1 runs="$RUNS"
  [ "$n" -le "$COMPARE_MAX" ] || { others=0; runs="$RUNS_BIG"; }
  rm -rf "$base"
  mkdir -p "$out"
  step "N=$n on $fs ($(stat -f -c %T "$base")): $base"
  if [ "$others" = 1 ]; then
    "$CORPUS" --records "$n" --out "$site" --hugo "$hsite" --zola "$zsite" >/dev/null
  else
    "$CORPUS" --records "$n" --out "$site" >/dev/null
  fi
  timed "$out/warm-v.log" "$VESTIS" build --root "$site" --output "$out/v-replace"
  describe vestis "$out/v-replace"
  echo "$n $fs pages vestis $(html_count "$out/v-replace")" >>"$RESULTS"
  if [ "$others" = 1 ]; then
    timed "$out/warm-h.log" hugo --source "$hsite" --destination "$out/h-warm" --quiet
    timed "$out/warm-z.log" "$ZOLA" --root "$zsite" build --output-dir "$out/z-warm"
    describe hugo "$out/h-warm"
    describe zola "$out/z-warm"
    echo "$n $fs pages hugo $(html_count "$out/h-warm")" >>"$RESULTS"
    echo "$n $fs pages zola $(html_count "$out/z-warm")" >>"$RESULTS"
    rm -rf "$out/h-warm" "$out/z-warm"
  fi
  kinds "$n" "$fs" "$out/v-replace"
  [ "$fs" = tmpfs ] && payload "$n" "$fs" "$out/v-replace"
  (cd "$out/v-replace" && find . -type f -printf '%P\t%s\n') >"$base/manifest.tsv"
  local i
  for ((i = 1; i <= runs; i++)); do
    echo "  round $i/$runs" >&2
    local v=(run "$n" "$fs" vestis "$out/v" "$VESTIS" build --root "$site" --output "$out/v")
    local r=(run "$n" "$fs" vestis-replace "$out/v-replace" "$VESTIS" build --root "$site" --output "$out/v-replace")
    local f=(run "$n" "$fs" floor "$out/f" "$FLOOR" --input "$site" --manifest "$base/manifest.tsv" --out "$out/f")
    local h=(true) z=(true) b=(true)
    [ -z "${BASELINE:-}" ] || b=(run "$n" "$fs" vestis-base "$out/b" "$BASELINE" build --root "$site" --output "$out/b")
    if [ "$others" = 1 ]; then
      h=(run "$n" "$fs" hugo "$out/h" hugo --source "$hsite" --destination "$out/h" --quiet)
      z=(run "$n" "$fs" zola "$out/z" "$ZOLA" --root "$zsite" build --output-dir "$out/z")
    fi
    if ((i % 2)); then
      "${v[@]}"; "${b[@]}"; "${h[@]}"; "${z[@]}"; "${r[@]}"; "${f[@]}"
    else
      "${z[@]}"; "${h[@]}"; "${b[@]}"; "${v[@]}"; "${f[@]}"; "${r[@]}"
    fi
    rm -rf "$out/h" "$out/z" "$out/f" "$out/b"
  done
  # Edit-to-served: `vestis serve` on the corpus, a record's title edited RUNS times; each
  # time until its page, its list page and its town page serve the new title.
  if [ "$fs" = tmpfs ] && [ "${EDITS:-1}" = 1 ]; then
    # The timed outputs are not needed any more: at 100,000 records each is ~520,000 files
    # and folders, and tmpfs has a few million inodes (its builds would fail "No space left").
    rm -rf "$out/v" "$out/v-replace"
    latency latency "$VESTIS" "$site" "$n" "$fs" "$runs" "$out/latency.log"
    [ -z "${BASELINE:-}" ] ||
      latency latency-base "$BASELINE" "$site" "$n" "$fs" "$runs" "$out/latency-base.log"
  fi
  [ "${KEEP:-0}" = 1 ] || rm -rf "$base"
}

# latency KIND BINARY SITE N FS RUNS LOG: edit-to-served of BINARY (RUNS edits, 3 full builds),
# appended to RESULTS as "N FS KIND served_ms build_ms".
latency() {
  local kind="$1" binary="$2" site="$3" n="$4" fs="$5" runs="$6" log="$7"
  echo "  edit-to-served of $binary ($runs edits, 3 full builds)" >&2
  "$LATENCY" --site "$site" --vestis "$binary" --record "event-$(printf '%05d' $((n / 2)))" \
    --rounds "$runs" --builds 3 >"$log" 2>&1 || {
    echo "error: edit_latency ($kind) failed" >&2; tail -n 20 "$log" >&2; exit 1; }
  grep -E '^(round|full builds)' "$log" | sed 's/^/    /' >&2
  sed -n 's/^result served_ms=\([0-9.]*\) build_ms=\([0-9.]*\)$/'"$n $fs $kind"' \1 \2/p' \
    "$log" >>"$RESULTS"
}

# report: the table of medians and the ratios, from RESULTS.
report() {
  python3 "$ROOT/scripts/bench_report.py" "$RESULTS"
}

machine() {
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "vestis $(git -C "$ROOT" rev-parse --short HEAD), $(hugo version | cut -d' ' -f1-2), $("$ZOLA" --version)"
  [ -z "${BASELINE:-}" ] || echo "baseline: $BASELINE"
}

main() {
  ensure_tools
  build_tools
  local case
  for case in $CASES; do
    bench "${case%%:*}" "${case#*:}"
  done
  step "results (medians of paired runs)"
  machine
  report
}

main "$@"
