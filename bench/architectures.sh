#!/usr/bin/env bash
# Trains every architecture with the same recipe through `digits train`, one after the other in one
# sitting, and prints a table: parameters, test accuracy after the last epoch, median training
# images/s over the epochs after the first, wall time and peak RSS. Run it on an otherwise idle
# machine: the images/s are only comparable within one run.
#
# Usage: bench/architectures.sh   Settings: ARCHITECTURES="seed-cnn seed-cnn-bn strided-cnn lenet resnet mlp", EPOCHS=10,
# TRAIN_LIMIT=60000, ENGINE=PyTorch, OUT=target/bench-architectures. The full run takes about an
# hour on two cores; EPOCHS=2 TRAIN_LIMIT=12000 is a quick version.
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHITECTURES="${ARCHITECTURES:-seed-cnn seed-cnn-bn strided-cnn lenet resnet mlp}"
EPOCHS="${EPOCHS:-10}"
TRAIN_LIMIT="${TRAIN_LIMIT:-60000}"
ENGINE="${ENGINE:-PyTorch}"
OUT="${OUT:-target/bench-architectures}"
[ -f app/target/digits.jar ] || ./mvnw -B -q package -DskipTests
mkdir -p "$OUT"
echo "$ENGINE, $EPOCHS epochs on $TRAIN_LIMIT training images, batch 128; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
printf "| %-10s | %10s | %13s | %10s | %8s | %8s |\n" architecture parameters "test accuracy" "images/s" wall "peak RSS"
for architecture in $ARCHITECTURES; do
  /usr/bin/time -f "%e %M" -o "$OUT/$architecture.time" \
    java -Dai.djl.default_engine="$ENGINE" -jar app/target/digits.jar train --architecture "$architecture" \
      -o "$OUT/$architecture" --epochs "$EPOCHS" --train-limit "$TRAIN_LIMIT" --no-charts \
      >"$OUT/$architecture.log" 2>&1 || { tail -20 "$OUT/$architecture.log"; exit 1; }
  python3 - "$OUT" "$architecture" <<'PY'
import json, statistics, sys
out, architecture = sys.argv[1], sys.argv[2]
folder = f"{out}/{architecture}"
serving = dict(line.split("=", 1) for line in open(f"{folder}/serving.properties").read().splitlines()
               if "=" in line and not line.startswith("#"))
metadata = json.load(open(f"{folder}/{serving['metadata']}"))
epochs = json.load(open(f"{folder}/history-{serving['paramsSha256'][:8]}.json"))["epochs"]
speeds = [e["imagesPerSecond"] for e in epochs[1:]] or [epochs[0]["imagesPerSecond"]]
wall, rss = open(f"{out}/{architecture}.time").read().split()
print(f"| {architecture:<10} | {metadata['parameterCount']:>10,} | {metadata['testAccuracy'] * 100:12.2f}% |"
      f" {statistics.median(speeds):10.0f} | {float(wall):7.0f}s | {int(rss) / 1024:6.0f}MB |")
PY
done
