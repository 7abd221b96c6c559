#!/usr/bin/env bash
# Performance benchmark: vestis against Hugo on the same generated bilingual site.
#
#   scripts/bench.sh                     # N = 1,000 and 10,000, tmpfs and disk, 5 paired runs
#   SIZES=10000 FSES=tmpfs RUNS=7 scripts/bench.sh
#
# For each N and file system it generates the corpus (examples/corpus: a vestis site and its
# Hugo twin), checks that both build, then runs RUNS rounds of, in alternating order:
#   vestis  full build into a fresh (absent) folder
#   hugo    full build into a fresh folder (Debian's hugo, installed when missing)
#   vestis-replace  vestis building over its own previous output (fresh sibling + swap + delete)
#   floor   read every input, write files of the same paths and sizes as vestis's output
# Wall time is measured around `/usr/bin/time` (which gives the peak RSS); a `sync` runs
# before every timed command, outside the measurement. It prints one table (medians) and the
# ratios, and exits non-zero when any build fails. On tmpfs it then times edit-to-served
# (examples/edit_latency.rs): `vestis serve` on the corpus, one record's title edited RUNS
# times, each time until its page, its list page and its town page serve the new title.
#
# Environment: SIZES ("1000 10000"), FSES ("tmpfs disk"), RUNS (5), TMPFS_BASE
# (/dev/shm/vestis-bench), DISK_BASE ($TMPDIR or /var/tmp, + /vestis-bench), CARGO_TARGET_DIR,
# KEEP=1 keeps the corpora and outputs, EDITS=0 skips the edit-to-served step.
# Duration: dominated by Hugo at N=10,000 (~60 s a build on 2 busy cores): the full default run
# took ~37 min on the 2-core machine under a load of ~6; FSES=tmpfs alone takes ~15 min.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES="${SIZES:-1000 10000}"
FSES="${FSES:-tmpfs disk}"
RUNS="${RUNS:-5}"
TMPFS_BASE="${TMPFS_BASE:-/dev/shm/vestis-bench}"
DISK_BASE="${DISK_BASE:-${TMPDIR:-/var/tmp}/vestis-bench}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VESTIS="$TARGET/release/vestis"
CORPUS="$TARGET/release/examples/corpus"
LATENCY="$TARGET/release/examples/edit_latency"
FLOOR="$TARGET/release/examples/floor"
RESULTS="$(mktemp)"
TIMEFILE="$(mktemp)"
trap 'rm -f "$RESULTS" "$TIMEFILE"' EXIT

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

# bench N FS: corpus, warm-up builds, then RUNS rounds.
bench() {
  local n="$1" fs="$2"
  local base; base="$(base_of "$fs")/n$n"
  local site="$base/vestis" hsite="$base/hugo" out="$base/out"
  rm -rf "$base"
  mkdir -p "$out"
  step "N=$n on $fs ($(stat -f -c %T "$base")): $base"
  "$CORPUS" --records "$n" --out "$site" --hugo "$hsite" >/dev/null
  timed "$out/warm-v.log" "$VESTIS" build --root "$site" --output "$out/v-replace"
  timed "$out/warm-h.log" hugo --source "$hsite" --destination "$out/h-warm" --quiet
  describe vestis "$out/v-replace"
  describe hugo "$out/h-warm"
  echo "$n $fs pages vestis $(html_count "$out/v-replace")" >>"$RESULTS"
  echo "$n $fs pages hugo $(html_count "$out/h-warm")" >>"$RESULTS"
  (cd "$out/v-replace" && find . -type f -printf '%P\t%s\n') >"$base/manifest.tsv"
  rm -rf "$out/h-warm"
  local i
  for ((i = 1; i <= RUNS; i++)); do
    echo "  round $i/$RUNS" >&2
    if ((i % 2)); then
      run "$n" "$fs" vestis "$out/v" "$VESTIS" build --root "$site" --output "$out/v"
      run "$n" "$fs" hugo "$out/h" hugo --source "$hsite" --destination "$out/h" --quiet
      run "$n" "$fs" vestis-replace "$out/v-replace" \
        "$VESTIS" build --root "$site" --output "$out/v-replace"
      run "$n" "$fs" floor "$out/f" "$FLOOR" --input "$site" --manifest "$base/manifest.tsv" --out "$out/f"
    else
      run "$n" "$fs" hugo "$out/h" hugo --source "$hsite" --destination "$out/h" --quiet
      run "$n" "$fs" vestis "$out/v" "$VESTIS" build --root "$site" --output "$out/v"
      run "$n" "$fs" floor "$out/f" "$FLOOR" --input "$site" --manifest "$base/manifest.tsv" --out "$out/f"
      run "$n" "$fs" vestis-replace "$out/v-replace" \
        "$VESTIS" build --root "$site" --output "$out/v-replace"
    fi
  done
  # Edit-to-served: `vestis serve` on the corpus, a record's title edited RUNS times; each
  # time until its page, its list page and its town page serve the new title.
  if [ "$fs" = tmpfs ] && [ "${EDITS:-1}" = 1 ]; then
    echo "  edit-to-served ($RUNS edits, 3 full builds)" >&2
    "$LATENCY" --site "$site" --vestis "$VESTIS" --record "event-$(printf '%05d' $((n / 2)))" \
      --rounds "$RUNS" --builds 3 >"$out/latency.log" 2>&1 || {
      echo "error: edit_latency failed" >&2; tail -n 20 "$out/latency.log" >&2; exit 1; }
    grep -E '^(round|full builds)' "$out/latency.log" | sed 's/^/    /' >&2
    sed -n 's/^result served_ms=\([0-9.]*\) build_ms=\([0-9.]*\)$/'"$n $fs"' latency \1 \2/p' \
      "$out/latency.log" >>"$RESULTS"
  fi
  [ "${KEEP:-0}" = 1 ] || rm -rf "$base"
}

# report: the table of medians and the ratios, from RESULTS.
report() {
  python3 - "$RESULTS" <<'EOF'
import statistics, sys
rows, pages, latency = {}, {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if f[2] == "pages":
        pages[(f[0], f[1], f[3])] = int(f[4])
        continue
    if f[2] == "latency":
        latency[(f[0], f[1])] = (float(f[3]), float(f[4]))
        continue
    rows.setdefault((f[0], f[1], f[2]), []).append((float(f[3]), int(f[4]), float(f[5])))
med = {k: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v) / 1024,
           statistics.median(x[2] for x in v), len(v)) for k, v in rows.items()}
print(f"{'N':>6} {'fs':<6} {'tool':<15} {'runs':>4} {'median s':>9} {'min s':>7} {'pages':>6} "
      f"{'pages/s':>8} {'RSS MB':>7} {'cpu s':>6}")
for (n, fs, tool), (wall, rss, cpu, runs) in sorted(med.items(), key=lambda kv: (int(kv[0][0]), kv[0][1], kv[0][2])):
    p = pages.get((n, fs, "hugo" if tool == "hugo" else "vestis"), 0)
    lo = min(x[0] for x in rows[(n, fs, tool)])
    rate = f"{p / wall:8.0f}" if tool != "floor" else f"{'':>8}"
    print(f"{n:>6} {fs:<6} {tool:<15} {runs:>4} {wall:9.3f} {lo:7.3f} {p:>6} {rate} {rss:7.0f} {cpu:6.2f}")
print()
for n, fs in sorted({(k[0], k[1]) for k in med}, key=lambda k: (int(k[0]), k[1])):
    g = lambda t: med.get((n, fs, t))
    v, h, r, fl = g("vestis"), g("hugo"), g("vestis-replace"), g("floor")
    if v and h:
        print(f"N={n} {fs}: vestis/hugo time {v[0] / h[0]:.2f} (goal <= 0.50), "
              f"RSS {v[1] / h[1]:.2f} (goal <= 0.50)")
    if v and r:
        print(f"N={n} {fs}: vestis replace/fresh time {r[0] / v[0]:.2f} (goal <= 1.20)")
    if v and fl:
        print(f"N={n} {fs}: vestis/floor time {v[0] / fl[0]:.1f}x (floor {fl[0]:.3f} s)")
    if (n, fs) in latency:
        served, built = latency[(n, fs)]
        print(f"N={n} {fs}: edit-to-served {served:.0f} ms (record, list and town page), "
              f"full build {built:.0f} ms: {served / built:.3f} (goal <= 0.10)")
EOF
}

machine() {
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "vestis $(git -C "$ROOT" rev-parse --short HEAD), $(hugo version | cut -d' ' -f1-2)"
}

main() {
  ensure_tools
  build_tools
  local n fs
  for fs in $FSES; do
    for n in $SIZES; do
      bench "$n" "$fs"
    done
  done
  step "results (medians of $RUNS paired runs)"
  machine
  report
}

main "$@"
