#!/usr/bin/env bash
# Runs the desk's benchmarks and prints a table: matcher time per question (JMH SampleTime: mean, p99),
# index build time (JMH SingleShot), heap held by the index, start-up to the first getUpdates, and a load run of
# the whole path (updates/s, update-to-reply latency, matcher and SQLite shares).
# Settings are short, for a shared 2-core machine (a few minutes in all). Not part of `mvn verify`.
# Usage: scripts/bench.sh [extra JMH options, e.g. -p entries=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=target/bench
mkdir -p "$OUT"

mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"
JAVA_OPTS=(-Ddutydesk.root="$ROOT" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

echo "== matcher: time per question (SampleTime)" >&2
java "${JAVA_OPTS[@]}" -cp "$CP" org.openjdk.jmh.Main 'MatcherBenchmark' \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -jvmArgsAppend "-Ddutydesk.root=$ROOT" \
  -rf json -rff "$OUT/matcher.json" "$@" >"$OUT/matcher.log"

echo "== matcher: index build (SingleShot)" >&2
java "${JAVA_OPTS[@]}" -cp "$CP" org.openjdk.jmh.Main 'IndexBuildBenchmark' \
  -f 1 -wi 1 -i 3 -t 1 -jvmArgsAppend "-Ddutydesk.root=$ROOT" \
  -rf json -rff "$OUT/build.json" "$@" >"$OUT/build.log"

echo "== matcher: CPU time per question (fair on a busy machine)" >&2
java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.MatcherCpuTime 3 45 1000 10000 >"$OUT/cpu.txt"

echo "== matcher: heap held by the index" >&2
java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.IndexHeap 45 1000 10000 >"$OUT/heap.txt"

echo "== start-up and resident memory (real jar against the Telegram emulator)" >&2
java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.StartupProbe "$ROOT/target/tos-duty-desk.jar" 1000 \
  >"$OUT/startup.txt" || echo "start-up probe failed: see $OUT/startup.txt" >&2

echo "== whole path: in-process desk + SQLite + Telegram channel against the emulator" >&2
java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.LoadRun 100 10 3000 >"$OUT/load.txt" 2>"$OUT/load.err" \
  || echo "load run failed: see $OUT/load.err" >&2

java -cp "$CP" ru.tos.dutydesk.bench.BenchTable "$OUT"
