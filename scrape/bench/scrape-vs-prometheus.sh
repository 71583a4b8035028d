#!/usr/bin/env bash
# Scrape path only, side by side: Osprey's ScrapeManager over its Tsdb (jmh-benchmarks ScrapeLoad)
# and Prometheus 2.42 scrape the same synthetic targets (../shared/bench/targets.py) at the same
# time; each one's CPU seconds over the same window are divided by the samples it ingested.
# Complements scrape-load.sh (whole servers through anchor.py) when the server is not built.
#
#   TARGETS=100 SERIES=1000 INTERVAL=5 DURATION=120 scrape/bench/scrape-vs-prometheus.sh
#
# Needs python3, prometheus 2.42 on PATH, JDK 25, and jmh-benchmarks/target*/benchmarks.jar
# (mvn -pl jmh-benchmarks -am package -DskipTests) or BENCH_JAR=path.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
bench="${OSPREY_SHARED:-$root/../shared}/bench"
java="${OSPREY_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar="${BENCH_JAR:-$(ls -t "$root"/jmh-benchmarks/target*/benchmarks.jar 2>/dev/null | head -1)}"
targets="${TARGETS:-1000}"; series="${SERIES:-1000}"; interval="${INTERVAL:-15}"
duration="${DURATION:-600}"; warmup="${WARMUP:-$(( duration / 5 ))}"
port="${TARGET_PORT:-21000}"; prom_port="${PROM_PORT:-9099}"
work="$(mktemp -d /tmp/scrape-vs-prom.XXXXXX)"
[ -f "$jar" ] || { echo "benchmarks.jar not found; build jmh-benchmarks or set BENCH_JAR" >&2; exit 1; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

python3 "$bench/targets.py" --targets "$targets" --series "$series" --port "$port" --prebuild >"$work/targets.log" 2>&1 &
pids+=($!)
{
  echo "global: {scrape_interval: ${interval}s, scrape_timeout: $(( interval < 10 ? interval : 10 ))s}"
  echo "scrape_configs:"
  echo "  - job_name: synth"
  echo "    static_configs:"
  echo "      - targets:"
  for ((i = 0; i < targets; i++)); do echo "          - '127.0.0.1:$((port + i))'"; done
} >"$work/prometheus.yml"
for ((i = 0; i < 120; i++)); do curl -fs "http://127.0.0.1:$port/-/healthy" >/dev/null 2>&1 && break; sleep 1; done

prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prom" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
prom=$!; pids+=($prom)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
appended() { curl -fs "http://127.0.0.1:$prom_port/metrics" | awk '/^prometheus_tsdb_head_samples_appended_total/{s+=$2} END{printf "%d", s}'; }
hz=$(getconf CLK_TCK)
(
  sleep "$warmup"; c0=$(ticks $prom); a0=$(appended); t0=$(date +%s.%N)
  sleep "$(( duration - warmup ))"; c1=$(ticks $prom); a1=$(appended); t1=$(date +%s.%N)
  python3 -c "
w=$t1-$t0; cpu=($c1-$c0)/$hz; n=$a1-$a0
print('prometheus window_s=%.1f cpu_s=%.2f samples=%d samples_per_s=%.0f cpu_us_per_sample=%.3f' % (w, cpu, n, n/w, cpu/n*1e6))
" >"$work/prometheus.result"
) &
pids+=($!)

"$java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  -Dchronicle.analytics.disable=true -cp "$jar" org.osprey.bench.scrape.ScrapeLoad \
  "$work/prometheus.yml" "$duration" "$work/osprey" "$warmup" | tee "$work/osprey.result"
sleep 3
cat "$work/prometheus.result"
python3 - "$work" "$targets" "$series" "$interval" <<'PY'
import sys, re
w, t, s, i = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def kv(f):
    return dict(re.findall(r'(\w+)=([\d.]+)', open(f).read().splitlines()[0]))
o, p = kv(w + "/osprey.result"), kv(w + "/prometheus.result")
print("offered samples/s: %.0f" % (t * (s + 5) / i))
print("cpu us/sample ratio osprey/prometheus = %.2f (target <= 0.7)" % (float(o["cpu_us_per_sample"]) / float(p["cpu_us_per_sample"])))
PY
