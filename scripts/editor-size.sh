#!/usr/bin/env bash
# The editor's share of the vestis binary: builds the release binary with the `editor` feature
# (the default) and without it (`--no-default-features --features mimalloc`), stripped as shipped, and prints both
# sizes and the difference, plus the size of the editor's assets (JS, CSS, HTML, Fluent files)
# that the binary embeds. Uses $CARGO_TARGET_DIR (default: target/). Takes a release build of
# vestis twice (the dependencies are built once, for the first).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
KEEP="$(mktemp -d)"
trap 'rm -rf "$KEEP"' EXIT

cargo build --release --locked --bin vestis
cp "$TARGET/release/vestis" "$KEEP/with"
cargo build --release --locked --bin vestis --no-default-features --features mimalloc
cp "$TARGET/release/vestis" "$KEEP/without"
# Note: target/release/vestis is now the binary without the editor; `cargo build --release`
# makes the default one again.

with=$(stat -c %s "$KEEP/with")
without=$(stat -c %s "$KEEP/without")
assets=$(cat src/serve/edit/ui/app/* src/serve/edit/locales/*/*.ftl src/serve/edit/locales/patterns.txt | wc -c)
mib() { awk -v b="$1" 'BEGIN { printf "%.2f MiB", b / 1048576 }'; }
printf 'vestis with the editor:    %10d bytes (%s)\n' "$with" "$(mib "$with")"
printf 'vestis without the editor: %10d bytes (%s)\n' "$without" "$(mib "$without")"
diff=$((with - without))
printf 'the editor:                %10d bytes (%s, %s%% of the binary)\n' "$diff" "$(mib "$diff")" \
  "$(awk -v d="$diff" -v w="$with" 'BEGIN { printf "%.1f", 100 * d / w }')"
printf '  of which embedded assets: %9d bytes (JS, CSS, HTML, Fluent, message shapes)\n' "$assets"
