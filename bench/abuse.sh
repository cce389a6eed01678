#!/usr/bin/env bash
# What a careless or hostile client can do to a running digits-serve on loopback, each case
# bounded in bytes and time: prints the status it got, how long it took, and the server's RSS
# after each case. Usage: bench/abuse.sh PORT SERVER_PID (bench/serve.sh runs it against its
# overload server, whose --max-images is 16 and --max-body the default 4 MiB).
set -euo pipefail
PORT="$1"
SERVER="$2"
URL="http://127.0.0.1:$PORT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

rss() { awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$SERVER/status"; }
case_() { # name, then the curl arguments
  local name=$1
  shift
  local started=$(date +%s.%N)
  local status
  status=$(curl -s -o "$TMP/answer" -w '%{http_code}' --max-time 60 "$@" || true)
  printf "  %-44s %s in %s s, server RSS %s\n" "$name" "$status" \
    "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')" "$(rss)"
}

echo "  server RSS at the start: $(rss)"
# 40 MiB without a Content-Length, ten times the limit: 413 before the end of it.
case_ "chunked body of 40 MiB (limit 4 MiB)" -H "Transfer-Encoding: chunked" -H "Content-Type: image/png" \
  --data-binary @<(head -c 40M /dev/zero) "$URL/predictions"
# 100 bytes a second, where the server waits for 16 KiB a second: 408 within seconds.
head -c 200000 /dev/zero >"$TMP/slow"
case_ "body trickled at 100 bytes/s" --limit-rate 100 -H "Content-Type: image/png" --data-binary @"$TMP/slow" \
  "$URL/predictions"
# 17 images where 16 are allowed.
python3 -c 'print("{\"batch\": [" + ",".join(["[" + ",".join(["0.5"] * 784) + "]"] * 17) + "]}")' >"$TMP/batch"
case_ "a batch of 17 images (at most 16)" -H "Content-Type: application/json" --data-binary @"$TMP/batch" \
  "$URL/predictions?pixels=true"
# 4 MB of empty images: refused by the parser's budget.
python3 -c 'print("{\"batch\": [" + ",".join(["[]"] * 1300000) + "]}")' >"$TMP/empties"
case_ "4 MB of empty images" -H "Content-Type: application/json" --data-binary @"$TMP/empties" "$URL/predictions"
case_ "a POST from another origin" -H "Origin: https://evil.example" -H "Content-Type: application/json" \
  --data-binary @"$TMP/batch" "$URL/predictions"
case_ "still answering: GET /ready" "$URL/ready"
