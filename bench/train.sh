#!/usr/bin/env bash
# Training benchmark: each recipe (seed, augmented) through `digits train` on each engine, one run
# after the other in the same sitting, and beside them a bare DJL loop of the seed network
# (bench/BareTrainingLoop.java: data in memory, no listeners, no checkpoints), so the cost of the
# product's training path and of each recipe are ratios measured side by side.
#
# Prints per-epoch seconds and validation accuracy, steady-state training images/s (median of
# epochs 2..N), the test accuracy after the last epoch, wall time and peak RSS of each run, then a
# table of every run with its wall time and peak RSS as a ratio to the seed recipe's on its engine.
#
# Settings (environment variables):
#   ENGINES="PyTorch MXNet"    engines to run
#   RECIPES="seed augmented"   recipes to run (the first is the baseline of the ratios)
#   EPOCHS=                    epochs of every run (default: each recipe's own, 10 and 30)
#   BARE_EPOCHS=3              epochs of the bare loop (the first is warm-up; 0 skips it)
#   TRAIN_LIMIT=60000          training images, held-out ones included (smaller for a quick look;
#                              the augmented recipe holds 5,000 out, so keep it above that)
#   SEED=42                    the training seed
#   OUT=target/bench           where model folders and logs go
# Run it on an otherwise idle machine: PyTorch's thread pool slows down badly when cores are shared.
set -euo pipefail
cd "$(dirname "$0")/.."

ENGINES="${ENGINES:-PyTorch MXNet}"
RECIPES="${RECIPES:-seed augmented}"
EPOCHS="${EPOCHS:-}"
BARE_EPOCHS="${BARE_EPOCHS:-3}"
TRAIN_LIMIT="${TRAIN_LIMIT:-60000}"
SEED="${SEED:-42}"
OUT="${OUT:-target/bench}"

for tool in java python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/train.sh needs $tool" >&2; exit 1; }
done
JAR=app/target/digits.jar
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
CLASSPATH_BARE="app/target/lib/*:$JAR"
mkdir -p "$OUT"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
echo "recipes: $RECIPES; epochs: ${EPOCHS:-as each recipe says}; $TRAIN_LIMIT training images; seed $SEED"
for engine in $ENGINES; do
  for recipe in $RECIPES; do
    run="$engine-$recipe"
    rm -rf "${OUT:?}/$run"
    echo
    echo "== $engine: digits train --recipe $recipe"
    /usr/bin/time -f "%e %M" -o "$OUT/$run.time" \
      java -DdisableProgressBar=true -Dai.djl.default_engine="$engine" -jar "$JAR" train --recipe "$recipe" \
        -o "$OUT/$run" ${EPOCHS:+--epochs "$EPOCHS"} --train-limit "$TRAIN_LIMIT" --seed "$SEED" --no-charts \
        >"$OUT/$run.log" 2>&1 || { tail -20 "$OUT/$run.log"; exit 1; }
    python3 - "$OUT" "$run" <<'PY'
import json, statistics, sys
out, run = sys.argv[1], sys.argv[2]
# serving.properties names the folder's model; its history and metadata carry the weights' SHA8.
serving = dict(line.split("=", 1) for line in open(f"{out}/{run}/serving.properties").read().splitlines()
               if "=" in line and not line.startswith("#"))
sha8 = serving["paramsSha256"][:8]
history = json.load(open(f"{out}/{run}/history-{sha8}.json"))["epochs"]
metadata = json.load(open(f"{out}/{run}/{serving['metadata']}"))
wall, rss = open(f"{out}/{run}.time").read().split()
for e in history:
    print(f"  epoch {e['epoch']:2d}: {e['seconds']:7.1f} s  {e['imagesPerSecond']:6.0f} images/s  "
          f"validation ({e['validationSet']}) accuracy {e['validationAccuracy']:.4f}")
speed = statistics.median(e["imagesPerSecond"] for e in history[1:]) if len(history) > 1 else history[0]["imagesPerSecond"]
print(f"  steady-state training {speed:.0f} images/s; test accuracy after epoch {len(history)}:"
      f" {metadata['testAccuracy'] * 100:.2f}%; wall {float(wall) / 60:.1f} min, peak RSS {int(rss) / 1024 / 1024:.2f} GiB")
json.dump({"run": run, "imagesPerSecond": speed, "testAccuracy": metadata["testAccuracy"], "wall": float(wall),
           "rss": int(rss), "epochs": len(history)}, open(f"{out}/{run}.json", "w"))
PY
  done
  if [ "$BARE_EPOCHS" -gt 0 ]; then
    echo "== $engine: bare DJL loop of the seed network"
    /usr/bin/time -f "%e %M" -o "$OUT/$engine-bare.time" \
      java -DdisableProgressBar=true -Dai.djl.default_engine="$engine" \
        -Dlogback.configurationFile=train/src/main/resources/logback.xml \
        -cp "$CLASSPATH_BARE" bench/BareTrainingLoop.java "$BARE_EPOCHS" "$TRAIN_LIMIT" \
        >"$OUT/$engine-bare.log" 2>&1 || { tail -20 "$OUT/$engine-bare.log"; exit 1; }
  fi
done

echo
python3 - "$OUT" "$ENGINES" "$RECIPES" "$BARE_EPOCHS" <<'PY'
import json, os, re, statistics, sys
out, engines, recipes, bare_epochs = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), int(sys.argv[4])
print(f"{'engine':8} {'recipe':10} {'epochs':>6} {'images/s':>9} {'test acc':>9} {'wall min':>9} {'x base':>7}"
      f" {'peak RSS GiB':>13} {'x base':>7}")
for engine in engines:
    base = json.load(open(f"{out}/{engine}-{recipes[0]}.json"))
    for recipe in recipes:
        r = json.load(open(f"{out}/{engine}-{recipe}.json"))
        print(f"{engine:8} {recipe:10} {r['epochs']:6d} {r['imagesPerSecond']:9.0f} {r['testAccuracy'] * 100:8.2f}%"
              f" {r['wall'] / 60:9.1f} {r['wall'] / base['wall']:7.2f} {r['rss'] / 1024 / 1024:13.2f}"
              f" {r['rss'] / base['rss']:7.2f}")
    if bare_epochs > 0 and os.path.exists(f"{out}/{engine}-bare.log"):
        bare = [float(m.group(1)) for m in re.finditer(r"epoch \d+: [\d.]+ s, (\d+) images/s",
                                                        open(f"{out}/{engine}-bare.log").read())]
        steady = statistics.median(bare[1:]) if len(bare) > 1 else bare[0]
        print(f"{engine:8} {'bare loop':10} {len(bare):6d} {steady:9.0f}   (seed network; the seed recipe runs at"
              f" {base['imagesPerSecond'] / steady:.3f}x of it)")
PY
