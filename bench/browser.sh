#!/usr/bin/env bash
# The draw page reading in headless Chromium (Debian's chromium and chromium-driver): time from the
# page's start to the browser's model answering, and per answer in the browser against the server,
# in turns (bench/BrowserTimings.java). The model folder is exported first (digits export).
# Usage: bench/browser.sh MODEL_DIR (after ./mvnw -B install -DskipTests)
# Settings: ROUNDS=3, PORT=18091, ENGINE=PyTorch (the server's)
set -euo pipefail
cd "$(dirname "$0")/.."
model=$1
ROUNDS="${ROUNDS:-3}"
PORT="${PORT:-18091}"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $(nproc) cores; $(chromium --version)"
java -Dai.djl.offline=true -jar app/target/digits.jar export "$model" 2>&1 | grep -v INFO
./mvnw -q -B dependency:build-classpath -pl serve -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/serve-test.cp"
java -Dai.djl.offline=true -Dai.djl.default_engine="${ENGINE:-PyTorch}" -jar serve/target/digits-serve.jar "$model" \
  --port "$PORT" >target/browser-bench-serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.5; done
java -cp "serve/target/test-classes:$(cat target/serve-test.cp)" bench/BrowserTimings.java \
  "http://127.0.0.1:$PORT/" "$ROUNDS"
