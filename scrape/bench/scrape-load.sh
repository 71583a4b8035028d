#!/usr/bin/env bash
# Scrape load test, side by side with Prometheus 2.42 (issue 5): synthetic targets from
# ../shared/bench/targets.py, both servers scraping the same targets at the same interval, through
# the shared driver's ingest phase (anchor.py). Reports CPU microseconds per ingested sample for
# each server and the Osprey / Prometheus ratio (target: <= 0.7), and Osprey's missed scrapes.
#
#   scrape/bench/scrape-load.sh                 # issue figures: 1000 targets x 1000 series, 15 s, 10 min
#   TARGETS=100 DURATION=120 scrape/bench/scrape-load.sh  # a shorter run on a shared machine
#
# Needs: python3, Prometheus 2.42 on PATH (apt-get install prometheus), the osprey launcher at the
# repository root. Everything listens on 127.0.0.1; scratch data under /tmp/anchor.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
shared="${OSPREY_SHARED:-$root/../shared}"
bench="$shared/bench"
targets="${TARGETS:-1000}"
series="${SERIES:-1000}"
interval="${INTERVAL:-15}"
seconds="${DURATION:-600}"
out="${OUT:-/tmp/anchor/scrape-load-$(date -u +%Y%m%dT%H%M%SZ).json}"
mkdir -p "$(dirname "$out")"
command -v prometheus >/dev/null || { echo "scrape-load: prometheus not on PATH (apt-get install prometheus)" >&2; exit 1; }
[ -f "$bench/anchor.py" ] || { echo "scrape-load: $bench/anchor.py not found (set OSPREY_SHARED)" >&2; exit 1; }

export OSPREY_PROJECT="$root"
python3 "$bench/anchor.py" \
  --server "$bench/servers/osprey.example.json" \
  --baseline "$bench/servers/prometheus.json" \
  --phases ingest \
  --targets "$targets" --series "$series" --interval "$interval" \
  --ingest-seconds "$seconds" --warmup "$(( seconds / 5 ))" \
  --out "$out"

# Missed scrapes show as ingested < offered samples/s (the synthetic series are counted in both).
python3 - "$out" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))
o, p = res.get("osprey", {}), res.get("prometheus", {})
a, b = o.get("cpu_us_per_sample"), p.get("cpu_us_per_sample")
print("cpu us/sample  osprey=%s  prometheus=%s  ratio=%s (target <= 0.7)" % (
    a, b, "%.2f" % (a / b) if a and b else "-"))
for name, r in (("osprey", o), ("prometheus", p)):
    got, offered = r.get("samples_per_s_counter"), r.get("offered_samples_per_s")
    print("%-11s ingested %s of %s offered samples/s (%s)" % (
        name, got, offered, "%.1f%%" % (100.0 * got / offered) if got and offered else "-"))
print("full results: %s" % sys.argv[1])
PY
