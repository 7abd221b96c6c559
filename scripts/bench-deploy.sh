#!/usr/bin/env bash
# Deploy benchmark (not a test): the N-record benchmark corpus (examples/corpus) uploaded to a
# local OpenSSH sshd on 127.0.0.1 (throwaway keys, ephemeral port), three ways:
#   vestis deploy (SFTP, 4 connections; the time includes its build),
#   rsync -a over the same sshd, lftp mirror -R (SFTP, --parallel=4),
# first into an empty folder, then again after one record's text is edited and the site
# rebuilt (every file's modification time changes). Prints a Markdown table.
#   N=10000 scripts/bench-deploy.sh        (default N=10000; needs root for sshd)
# Installs Debian's openssh-server, rsync, lftp and time when missing. KEEP=1 keeps the folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-10000}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
missing=()
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v rsync >/dev/null || missing+=(rsync)
command -v lftp >/dev/null || missing+=(lftp)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
(cd "$ROOT" && cargo build --release --quiet --bin vestis --example corpus)
VESTIS="$TARGET/release/vestis"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/vestis-deploy-bench.XXXXXX")"
SSHD_PID=""
cleanup() {
  [ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# The server: sshd in the foreground on a free port.
mkdir -p /run/sshd "$WORK/srv"
ssh-keygen -q -t ed25519 -N "" -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N "" -f "$WORK/client_key"
cp "$WORK/client_key.pub" "$WORK/authorized_keys"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat >"$WORK/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $WORK/host_key
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/authorized_keys
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
Subsystem sftp internal-sftp
MaxStartups 50
MaxSessions 50
CONF
/usr/sbin/sshd -D -e -f "$WORK/sshd_config" 2>"$WORK/sshd.log" &
SSHD_PID=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.05; done
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$WORK/host_key.pub")" >"$WORK/known_hosts"
SSH="ssh -p $PORT -i $WORK/client_key -o UserKnownHostsFile=$WORK/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes"

# The site.
SITE="$WORK/site"
"$TARGET/release/examples/corpus" --records "$N" --out "$SITE" >/dev/null
cat >>"$SITE/site.yaml" <<YAML
deploy:
  targets:
    main:
      url: "sftp://root@127.0.0.1:$PORT/$WORK/srv/vestis/"
      key: "$WORK/client_key"
      known_hosts: "$WORK/known_hosts"
YAML
RECORD="$SITE/content/events/event-$(printf '%05d' $((N / 2))).lv.md"

up() { sed -E 's/.* in ([0-9.]+) s .*/\1/' <<<"$1"; }
secs() { /usr/bin/time -f %e -o "$WORK/t" "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; exit 1; }; cat "$WORK/t"; }

BUILD1="$(secs "$VESTIS" build --root "$SITE")"
FILES="$(find "$SITE/public" -type f ! -name .vestis-output | wc -l)"
BYTES="$(du -sb --exclude=.vestis-output "$SITE/public" | cut -f1)"
# vestis deploy builds again first; its upload time is the rest.
V1="$(secs "$VESTIS" deploy --root "$SITE")"
V1_LINE="$(grep '^deployed' "$WORK/last.log")"
R1="$(secs rsync -a -e "$SSH" "$SITE/public/" "root@127.0.0.1:$WORK/srv/rsync/")"
L1="$(secs lftp -e "set sftp:connect-program '$SSH -a -x'; mirror -R --parallel=4 $SITE/public/ $WORK/srv/lftp/; bye" "sftp://root:@127.0.0.1:$PORT")"

printf '\nJauna rindkopa etalona mērījumam.\n' >>"$RECORD"
BUILD2="$(secs "$VESTIS" build --root "$SITE")"
V2="$(secs "$VESTIS" deploy --root "$SITE")"
V2_LINE="$(grep '^deployed' "$WORK/last.log")"
# The rsync copy still holds the first build: the files the edit changed.
CHANGED="$({ diff -r -q --exclude=.vestis-output "$SITE/public" "$WORK/srv/rsync" || true; } | wc -l)"
R2="$(secs rsync -a -e "$SSH" "$SITE/public/" "root@127.0.0.1:$WORK/srv/rsync/")"
L2="$(secs lftp -e "set sftp:connect-program '$SSH -a -x'; mirror -R --parallel=4 $SITE/public/ $WORK/srv/lftp/; bye" "sftp://root:@127.0.0.1:$PORT")"
diff -r -q --exclude=.vestis-output --exclude=.vestis-manifest.json "$SITE/public" "$WORK/srv/vestis" >/dev/null \
  || { echo "error: the deployed site differs from the output" >&2; exit 1; }

cat <<TABLE

N=$N records: $FILES files, $((BYTES / 1000000)) MB; local sshd on 127.0.0.1, $(nproc) cores.
vestis build alone: ${BUILD1} s (first), ${BUILD2} s (after the edit).

| | first upload (empty folder) | after one record's text is edited and the site rebuilt |
|---|---|---|
| \`vestis deploy\`: build + upload | ${V1} s | ${V2} s |
| … of which the upload (its own \`in … s\`) | $(up "$V1_LINE") s | $(up "$V2_LINE") s |
| \`rsync -a\` over the same sshd | ${R1} s | ${R2} s |
| \`lftp mirror -R --parallel=4\` (SFTP) | ${L1} s | ${L2} s |

Files that differ between the two builds: $CHANGED (what the second deploy may upload, plus its manifest).

first:  $V1_LINE
second: $V2_LINE
TABLE
