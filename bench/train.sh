#!/usr/bin/env bash
# Training benchmark: the full recipe (10 epochs, batch 128, all 60,000 images) through
# `digits train` on each engine, and beside it, in the same run, a bare DJL loop of the same
# network (bench/BareTrainingLoop.java: data in memory, no listeners, no checkpoints), so the
# cost of the product's training path is a ratio measured side by side.
#
# Prints per-epoch seconds, steady-state training images/s (median of epochs 2..N), the final
# test accuracy after the last epoch, wall time and peak RSS of each process.
#
# Settings (environment variables):
#   ENGINES="PyTorch MXNet"  engines to run
#   EPOCHS=10                epochs of the product run
#   BARE_EPOCHS=3            epochs of the bare loop (the first is warm-up)
#   TRAIN_LIMIT=60000        training images (smaller for a quick look)
#   OUT=target/bench         where model folders and logs go
# Run it on an otherwise idle machine: PyTorch's thread pool slows down badly when cores are shared.
set -euo pipefail
cd "$(dirname "$0")/.."

ENGINES="${ENGINES:-PyTorch MXNet}"
EPOCHS="${EPOCHS:-10}"
BARE_EPOCHS="${BARE_EPOCHS:-3}"
TRAIN_LIMIT="${TRAIN_LIMIT:-60000}"
OUT="${OUT:-target/bench}"

for tool in java python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/train.sh needs $tool" >&2; exit 1; }
done
JAR=train/target/digits.jar
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
CLASSPATH_BARE="train/target/lib/*:$JAR"
mkdir -p "$OUT"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "recipe: $EPOCHS epochs (bare loop $BARE_EPOCHS), batch 128, $TRAIN_LIMIT training images"
for engine in $ENGINES; do
  rm -rf "${OUT:?}/$engine"
  echo
  echo "== $engine: digits train"
  /usr/bin/time -f "%e %M" -o "$OUT/$engine.time" \
    java -DdisableProgressBar=true -Dai.djl.default_engine="$engine" -jar "$JAR" train \
      -o "$OUT/$engine" --epochs "$EPOCHS" --train-limit "$TRAIN_LIMIT" --no-charts \
      >"$OUT/$engine.log" 2>&1 || { tail -20 "$OUT/$engine.log"; exit 1; }
  echo "== $engine: bare DJL loop"
  /usr/bin/time -f "%e %M" -o "$OUT/$engine-bare.time" \
    java -DdisableProgressBar=true -Dai.djl.default_engine="$engine" \
      -Dlogback.configurationFile=train/src/main/resources/logback.xml \
      -cp "$CLASSPATH_BARE" bench/BareTrainingLoop.java "$BARE_EPOCHS" "$TRAIN_LIMIT" \
      >"$OUT/$engine-bare.log" 2>&1 || { tail -20 "$OUT/$engine-bare.log"; exit 1; }
  python3 - "$OUT" "$engine" <<'PY'
import json, re, statistics, sys
out, engine = sys.argv[1], sys.argv[2]
# serving.properties names the folder's model; its history and metadata carry the weights' SHA8.
serving = dict(line.split("=", 1) for line in open(f"{out}/{engine}/serving.properties").read().splitlines()
               if "=" in line and not line.startswith("#"))
sha8 = serving["paramsSha256"][:8]
history = json.load(open(f"{out}/{engine}/history-{sha8}.json"))["epochs"]
metadata = json.load(open(f"{out}/{engine}/{serving['metadata']}"))
wall, rss = open(f"{out}/{engine}.time").read().split()
bare_wall, bare_rss = open(f"{out}/{engine}-bare.time").read().split()
bare = [float(m.group(1)) for m in re.finditer(r"epoch \d+: [\d.]+ s, (\d+) images/s", open(f"{out}/{engine}-bare.log").read())]
for e in history:
    print(f"  epoch {e['epoch']:2d}: {e['seconds']:7.1f} s  {e['imagesPerSecond']:6.0f} images/s  "
          f"validation accuracy {e['validationAccuracy']:.4f}")
product = statistics.median(e["imagesPerSecond"] for e in history[1:]) if len(history) > 1 else history[0]["imagesPerSecond"]
steady_bare = statistics.median(bare[1:]) if len(bare) > 1 else bare[0]
print(f"  steady-state training: product {product:.0f} images/s, bare loop {steady_bare:.0f} images/s,"
      f" ratio {product / steady_bare:.3f}")
print(f"  test accuracy after epoch {len(history)}: {metadata['testAccuracy'] * 100:.2f}%")
print(f"  wall {float(wall) / 60:.1f} min, peak RSS {int(rss) / 1024 / 1024:.2f} GiB"
      f" (bare loop: peak RSS {int(bare_rss) / 1024 / 1024:.2f} GiB)")
PY
done
