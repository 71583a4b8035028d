#!/bin/bash
# Side by side with Prometheus 2.42 on identical data: backfill one OpenMetrics history with
# promtool and with Osprey, then compare block bytes per sample and backfill wall time.
# Usage: tsdb/bench/compare-blocks.sh [targets] [series-per-target] [hours]
# Needs: python3, promtool 2.42 (/usr/bin/promtool), ../shared/bench/gen_openmetrics.py, and the
# shaded benchmarks jar (it carries the tsdb module): mvn -pl jmh-benchmarks -am package -DskipTests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${OSPREY_SHARED:-$repo/../shared}"
jar="${OSPREY_BENCH_JAR:-$repo/jmh-benchmarks/target/benchmarks.jar}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
targets="${1:-5}"; series="${2:-1000}"; hours="${3:-2}"
work="${WORK:-/tmp/osprey-compare-blocks}"
rm -rf "$work"; mkdir -p "$work"
om="$work/history.om"
python3 "$shared/bench/gen_openmetrics.py" --targets "$targets" --series "$series" --hours "$hours" --step 15 --jitter-ms 900 --out "$om" >/dev/null

t0=$(date +%s.%N)
promtool tsdb create-blocks-from openmetrics "$om" "$work/prom" >/dev/null
t1=$(date +%s.%N)
"$java" -Xmx2g -cp "$jar" org.osprey.tsdb.backfill.BackfillCommand tsdb create-blocks-from openmetrics "$om" "$work/osprey" >/dev/null
t2=$(date +%s.%N)

python3 - "$work" "$t0" "$t1" "$t2" <<'PY'
import json, os, sys
work, t0, t1, t2 = sys.argv[1], *map(float, sys.argv[2:])
def blocks(root):
    size = samples = series = 0
    for d in os.listdir(root):
        meta = os.path.join(root, d, "meta.json")
        if not os.path.isfile(meta):
            continue
        m = json.load(open(meta))
        samples += m["stats"]["numSamples"]; series += m["stats"]["numSeries"]
        for dp, _, fs in os.walk(os.path.join(root, d)):
            size += sum(os.path.getsize(os.path.join(dp, f)) for f in fs)
    return size, samples, series
ps, pn, pser = blocks(os.path.join(work, "prom"))
os_, on, oser = blocks(os.path.join(work, "osprey"))
print(f"samples: prometheus {pn}, osprey {on}; series: {pser} / {oser}")
print(f"block bytes:      prometheus {ps}, osprey {os_}")
print(f"bytes per sample: prometheus {ps/pn:.3f}, osprey {os_/on:.3f}, ratio osprey/prometheus {(os_/on)/(ps/pn):.2f}")
print(f"backfill seconds: prometheus {t1-t0:.1f}, osprey {t2-t1:.1f}, ratio {(t2-t1)/(t1-t0):.2f}")
PY
