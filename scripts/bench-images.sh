#!/usr/bin/env bash
# Images benchmark (issue 15): vestis against Zola's `resize_image` and Hugo's image
# processing doing the same work on the same photos.
#
#   scripts/bench-images.sh                    # 100 records × 2 photos of 12 MP, 3 runs
#   RECORDS=4 WIDTH=1200 HEIGHT=900 RUNS=1 scripts/bench-images.sh   # a quick proof it works
#
# The corpus (examples/photo_corpus.rs): RECORDS records in two languages (lv, ru), each with
# two different noise-textured JPEG photos of WIDTH × HEIGHT (4000 × 3000 = 12 megapixels),
# as a vestis site and its Zola and Hugo twins. Each asks for every photo at 480, 960 and 1600
# pixels wide, in WebP and JPEG, quality 80 (6 pictures a photo; vestis makes no share crop
# here: the photos are a `list` of images).
# Each round runs, in alternating order (round 1's cold builds are the checking builds):
#   cold   every tool from nothing: output and image cache removed (vestis's .vestis/cache,
#          Hugo's resources/_gen, Zola's static/processed_images)
#   warm   the same build again with the image cache kept, output removed; vestis must decode
#          nothing (checked: its `images (N decoded)` timing line)
# Wall time and peak RSS come from /usr/bin/time. It prints a table of medians and the
# ratios against the goals: cold ≤ 0.7 × Zola's, warm ≤ 0.5 s, peak ≤ 1 GiB.
#
# Environment: PROFILE (release; debug for a proof run only), RECORDS (100), WIDTH (4000), HEIGHT (3000), RUNS (3), BASE (corpus folder,
# /var/tmp/vestis-bench-images), CARGO_TARGET_DIR, ZOLA (../shared/tools/zola), KEEP=1
# keeps the corpus. Duration with the defaults on 2 busy cores: about 15 to 30 minutes
# (Zola's and Hugo's cold builds dominate). Needs ~1 GB of disk for the corpus and outputs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RECORDS="${RECORDS:-100}"
WIDTH="${WIDTH:-4000}"
HEIGHT="${HEIGHT:-3000}"
RUNS="${RUNS:-3}"
BASE="${BASE:-/var/tmp/vestis-bench-images}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
ZOLA="${ZOLA:-$ROOT/../shared/tools/zola}"
# PROFILE=debug only proves the script works (with the test build's binaries): never report
# its times.
PROFILE="${PROFILE:-release}"
VESTIS="$TARGET/$PROFILE/vestis"
CORPUS="$TARGET/$PROFILE/examples/photo_corpus"
RESULTS="$(mktemp)"
TIMEFILE="$(mktemp)"
ERRFILE="$(mktemp)"
cleanup() {
  rm -f "$RESULTS" "$TIMEFILE" "$ERRFILE"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$BASE"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*" >&2; }
command -v hugo >/dev/null 2>&1 || { echo "error: no hugo (apt-get install hugo)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "error: no /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ -x "$ZOLA" ] || { echo "error: no Zola at $ZOLA (set ZOLA)" >&2; exit 2; }

step "building vestis and the corpus generator ($PROFILE, $TARGET)"
if [ "$PROFILE" = release ]; then
  (cd "$ROOT" && cargo build --release --quiet --bin vestis --example photo_corpus)
else
  (cd "$ROOT" && cargo build --quiet --bin vestis --example photo_corpus)
fi

step "generating $RECORDS records × 2 photos of ${WIDTH}×${HEIGHT} in $BASE"
rm -rf "$BASE"
mkdir -p "$BASE"
"$CORPUS" "$BASE" "$RECORDS" "$WIDTH" "$HEIGHT"
du -sh "$BASE/vestis/content" >&2

# run NAME KIND DIR COMMAND...: times COMMAND in DIR, appends "NAME KIND seconds peak_kib".
run() {
  local name="$1" kind="$2" dir="$3"
  shift 3
  sync
  local start end
  start=$(date +%s.%N)
  if ! (cd "$dir" && /usr/bin/time -f '%M' -o "$TIMEFILE" "$@" >/dev/null 2>"$ERRFILE"); then
    echo "error: $name ($kind) failed:" >&2
    cat "$ERRFILE" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  echo "$name $kind $(echo "$end - $start" | bc) $(tail -n 1 "$TIMEFILE")" >>"$RESULTS"
  printf '  %-7s %-5s %6.2f s\n' "$name" "$kind" "$(echo "$end - $start" | bc)" >&2
}

check_decoded() {
  # The photos decoded by the pipeline and by resize(): none on a warm build.
  local decoded
  decoded=$(grep -o '([0-9]* decoded)' "$ERRFILE" | tr -dc '0-9\n' | paste -sd+ | bc)
  echo "    vestis decoded $decoded photos" >&2
  if [ "$1" = warm ] && [ "$decoded" != 0 ]; then
    echo "error: the warm vestis build decoded $decoded photos" >&2
    exit 1
  fi
}

cold() {
  case "$1" in
    vestis) rm -rf "$BASE/out-vestis" "$BASE/vestis/.vestis"
            run vestis cold "$BASE/vestis" env VESTIS_TIMINGS=1 "$VESTIS" build --root . --output "$BASE/out-vestis"
            check_decoded cold ;;
    zola)   rm -rf "$BASE/zola/public" "$BASE/zola/static/processed_images"
            run zola cold "$BASE/zola" "$ZOLA" build ;;
    hugo)   rm -rf "$BASE/hugo/public" "$BASE/hugo/resources"
            run hugo cold "$BASE/hugo" hugo --quiet ;;
  esac
}
warm() {
  case "$1" in
    vestis) rm -rf "$BASE/out-vestis"
            run vestis warm "$BASE/vestis" env VESTIS_TIMINGS=1 "$VESTIS" build --root . --output "$BASE/out-vestis"
            check_decoded warm ;;
    zola)   rm -rf "$BASE/zola/public"
            run zola warm "$BASE/zola" "$ZOLA" build ;;
    hugo)   rm -rf "$BASE/hugo/public"
            run hugo warm "$BASE/hugo" hugo --quiet ;;
  esac
}

step "checking that each site builds and makes the same pictures"
cold vestis; cold zola; cold hugo
count() { find "$1" -type f \( -name '*.webp' -o -name '*.jpg' \) | wc -l; }
echo "  pictures: vestis $(count "$BASE/out-vestis"), zola $(count "$BASE/zola/public"), hugo $(count "$BASE/hugo/public")" >&2

# The checking builds are round 1's cold builds (the slowest part: Hugo's and Zola's cold
# builds take minutes each), so round 1 adds only the warm builds.
step "round 1 of $RUNS"
for tool in vestis zola hugo; do warm "$tool"; done
for round in $(seq 2 "$RUNS"); do
  step "round $round of $RUNS"
  # Alternate the order so that no tool always runs on a warmer machine.
  if [ $((round % 2)) = 1 ]; then order="vestis zola hugo"; else order="hugo zola vestis"; fi
  for tool in $order; do cold "$tool"; warm "$tool"; done
done

step "results (medians of $RUNS rounds; $RECORDS records, $((RECORDS * 2)) photos of ${WIDTH}×${HEIGHT}, 2 languages)"
python3 - "$RESULTS" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, kind, secs, kib = line.split()
    rows.setdefault((name, kind), []).append((float(secs), int(kib)))
def med(name, kind, i):
    v = rows.get((name, kind))
    return statistics.median(x[i] for x in v) if v else float("nan")
print(f"{'tool':8} {'cold s':>8} {'warm s':>8} {'peak MiB':>9}")
for name in ["vestis", "zola", "hugo"]:
    peak = max(med(name, "cold", 1), med(name, "warm", 1)) / 1024
    print(f"{name:8} {med(name, 'cold', 0):8.2f} {med(name, 'warm', 0):8.2f} {peak:9.0f}")
vc, zc, hc = med("vestis", "cold", 0), med("zola", "cold", 0), med("hugo", "cold", 0)
vw = med("vestis", "warm", 0)
vp = max(med("vestis", "cold", 1), med("vestis", "warm", 1)) / 1024
print()
print(f"cold vestis/zola  {vc / zc:5.2f}   (goal <= 0.70)")
print(f"cold vestis/hugo  {vc / hc:5.2f}")
print(f"warm vestis/zola  {vw / med('zola', 'warm', 0):5.2f}")
print(f"warm vestis       {vw:5.2f} s (goal <= 0.5 s at 100 records)")
print(f"peak vestis       {vp:5.0f} MiB (goal <= 1024)")
EOF
