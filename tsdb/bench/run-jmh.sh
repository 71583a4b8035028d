#!/bin/bash
# Runs the tsdb JMH benchmarks briefly and prints the median of the measurement iterations.
# Usage: tsdb/bench/run-jmh.sh [benchmark regex]   (build first: mvn -pl jmh-benchmarks -am package -DskipTests)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
jar="${OSPREY_BENCH_JAR:-$repo/jmh-benchmarks/target/benchmarks.jar}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
out="$(mktemp -d)/jmh.json"
"$java" -jar "$jar" "${1:-org.osprey.bench.tsdb.*Benchmark.*}" -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff "$out" >/dev/null
python3 - "$out" <<'PY'
import json, statistics, sys
for b in json.load(open(sys.argv[1])):
    raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
    print(f'{b["benchmark"].rsplit(".", 2)[-2]}.{b["benchmark"].rsplit(".", 1)[-1]:28s} median {statistics.median(raw):>16,.0f} {b["primaryMetric"]["scoreUnit"]}  (iterations {", ".join(f"{x:,.0f}" for x in raw)})')
PY
