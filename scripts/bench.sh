#!/usr/bin/env bash
# Runs the desk's benchmarks and prints a table: matcher time per question (JMH SampleTime: mean, p99),
# index build time (JMH SingleShot), heap held by the index, start-up to the first getUpdates and resident memory
# after 10,000 questions, and a load run of the whole path (updates/s, update-to-reply latency, matcher and
# SQLite shares; once with the real matcher, once with a look-up in its place to show the rest of the path).
# Settings are short, for a shared 2-core machine. Not part of `mvn verify`. Records the load average and machine.
#
# Usage: scripts/bench.sh [--parts=matcher,startup,load] [--baseline=GIT-REV] [extra JMH options]
#   --parts     which parts to run (default all three)
#   --baseline  also runs the start-up probe and the load run of that revision (built in a temporary git worktree
#               under target/bench/) in the same command, so that the table can give before/after ratios
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=target/bench
PARTS=matcher,startup,load
BASELINE=""
JMH_EXTRA=()
for arg in "$@"; do
  case "$arg" in
    --parts=*) PARTS=${arg#--parts=} ;;
    --baseline=*) BASELINE=${arg#--baseline=} ;;
    *) JMH_EXTRA+=("$arg") ;;
  esac
done
want() { [[ ",$PARTS," == *",$1,"* ]]; }

rm -rf "$OUT/baseline"
mkdir -p "$OUT"
{
  echo "date $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine nproc=$(nproc) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) mem=$(free -m | awk '/Mem:/ {print $2}')MiB"
  echo "java $(java -version 2>&1 | head -1)"
  echo "load-before $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"

mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"
JAVA_OPTS=(-Ddutydesk.root="$ROOT" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

if want matcher; then
  echo "== matcher: time per question (SampleTime)" >&2
  java "${JAVA_OPTS[@]}" -cp "$CP" org.openjdk.jmh.Main 'MatcherBenchmark' \
    -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -jvmArgsAppend "-Ddutydesk.root=$ROOT" \
    -rf json -rff "$OUT/matcher.json" "${JMH_EXTRA[@]}" >"$OUT/matcher.log"

  echo "== matcher: index build (SingleShot)" >&2
  java "${JAVA_OPTS[@]}" -cp "$CP" org.openjdk.jmh.Main 'IndexBuildBenchmark' \
    -f 1 -wi 4 -i 3 -t 1 -jvmArgsAppend "-Ddutydesk.root=$ROOT" \
    -rf json -rff "$OUT/build.json" "${JMH_EXTRA[@]}" >"$OUT/build.log"

  echo "== matcher: CPU time per question (fair on a busy machine)" >&2
  java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.MatcherCpuTime 3 45 1000 10000 >"$OUT/cpu.txt"

  echo "== matcher: heap held by the index" >&2
  java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.IndexHeap 45 1000 10000 >"$OUT/heap.txt"
fi

if [[ -n "$BASELINE" ]]; then
  echo "== baseline: building $BASELINE" >&2
  src="$OUT/baseline-src"
  git worktree remove --force "$src" 2>/dev/null || rm -rf "$src"
  git worktree add --detach "$src" "$BASELINE" >/dev/null
  (cd "$src" && mvn -B -q -DskipTests package \
     && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=classpath.txt)
  mkdir -p "$OUT/baseline"
  echo "revision $(git rev-parse --short "$BASELINE")" >"$OUT/baseline/revision.txt"
  BCP="$src/target/test-classes:$src/target/classes:$(cat "$src/classpath.txt")"
  # the baseline reads its own config and knowledge (an older program refuses keys it does not know)
  BJAVA_OPTS=(-Ddutydesk.root="$ROOT/$src" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
fi

if want startup; then
  echo "== start-up and resident memory after 10,000 questions (real jar against the Telegram emulator)" >&2
  # the first start after a build records the class-data archive (scripts/run); the second one is measured
  rm -f target/tos-duty-desk.jsa
  java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.StartupProbe "$ROOT/target/tos-duty-desk.jar" 0 \
    --launcher=scripts/run >"$OUT/startup-recording.txt" || true
  java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.StartupProbe "$ROOT/target/tos-duty-desk.jar" 10000 \
    --launcher=scripts/run >"$OUT/startup.txt" || echo "start-up probe failed: see $OUT/startup.txt" >&2
  java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.StartupProbe "$ROOT/target/tos-duty-desk.jar" 10000 \
    >"$OUT/startup-plain.txt" || echo "start-up probe (plain java -jar) failed: see $OUT/startup-plain.txt" >&2
  if [[ -n "$BASELINE" ]]; then
    java "${BJAVA_OPTS[@]}" -cp "$BCP" ru.tos.dutydesk.bench.StartupProbe "$src/target/tos-duty-desk.jar" 10000 \
      >"$OUT/baseline/startup.txt" || echo "baseline start-up probe failed" >&2
  fi
fi

if want load; then
  echo "== whole path: in-process desk + SQLite (and PostgreSQL) + Telegram channel against the emulator" >&2
  # the emulator has no send limit; Telegram's (30 messages/s) would cap replies below the offered 100/s
  java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.LoadRun 100 10 3000 --matcher=real --max-mps=1000 \
    >"$OUT/load.txt" 2>"$OUT/load.err" || echo "load run failed: see $OUT/load.err" >&2
  java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.LoadRun 100 10 3000 --matcher=memo --max-mps=1000 \
    >>"$OUT/load.txt" 2>>"$OUT/load.err" || echo "load run (memo) failed: see $OUT/load.err" >&2
  java "${JAVA_OPTS[@]}" -cp "$CP" ru.tos.dutydesk.bench.LoadRun 100 10 3000 --matcher=real --max-mps=30 \
    >>"$OUT/load.txt" 2>>"$OUT/load.err" || echo "load run (30/s) failed: see $OUT/load.err" >&2
  # the same first run with the store on PostgreSQL (a server of the run's own on loopback, as the tests start it)
  java "${JAVA_OPTS[@]}" -Dtos.store=postgres -cp "$CP" ru.tos.dutydesk.bench.LoadRun 100 10 3000 --matcher=real \
    --max-mps=1000 >>"$OUT/load.txt" 2>>"$OUT/load.err" || echo "load run (PostgreSQL) failed: see $OUT/load.err" >&2
  if [[ -n "$BASELINE" ]]; then
    # with the emulator's Nagle fix, so that the baseline's figures are the desk's, not the emulator's
    java "${BJAVA_OPTS[@]}" -Dsun.net.httpserver.nodelay=true -cp "$BCP" ru.tos.dutydesk.bench.LoadRun 100 10 3000 \
      >"$OUT/baseline/load.txt" 2>"$OUT/baseline/load.err" || echo "baseline load run failed" >&2
  fi
fi

if [[ -n "$BASELINE" ]]; then
  git worktree remove --force "$OUT/baseline-src" 2>/dev/null || true
fi
echo "load-after $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
java -cp "$CP" ru.tos.dutydesk.bench.BenchTable "$OUT"
