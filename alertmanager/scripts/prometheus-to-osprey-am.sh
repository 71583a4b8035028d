#!/usr/bin/env bash
# Prometheus 2.42 -> Osprey Alertmanager -> webhook, with real processes on loopback.
# Starts a tiny webhook receiver (python3), `osprey alertmanager`, and a Prometheus with an
# always-firing rule pointed at Osprey's Alertmanager; waits for the webhook payload and prints it.
# Usage: alertmanager/scripts/prometheus-to-osprey-am.sh   (needs prometheus, python3, JDK 25)
# OSPREY_AM="java -cp ... org.osprey.alertmanager.cli.AlertmanagerCommand" replaces `osprey alertmanager`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
am_port=${AM_PORT:-19093}; hook_port=${HOOK_PORT:-19094}; prom_port=${PROM_PORT:-19090}
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/hook.py" <<PY
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        open('$work/payload.json', 'wb').write(body)
        self.send_response(200); self.end_headers()
    def log_message(self, *a): pass
http.server.HTTPServer(('127.0.0.1', $hook_port), H).serve_forever()
PY
cat > "$work/alertmanager.yml" <<YML
route:
  receiver: hook
  group_by: [alertname]
  group_wait: 1s
receivers:
  - name: hook
    webhook_configs:
      - url: http://127.0.0.1:$hook_port/
YML
cat > "$work/rules.yml" <<YML
groups:
  - name: e2e
    interval: 1s
    rules:
      - alert: OspreyE2E
        expr: vector(1)
        labels: {severity: page}
        annotations: {summary: always firing}
YML
cat > "$work/prometheus.yml" <<YML
global: {evaluation_interval: 1s}
rule_files: [rules.yml]
alerting:
  alertmanagers:
    - api_version: v2
      static_configs: [{targets: ['127.0.0.1:$am_port']}]
YML

python3 "$work/hook.py" & pids+=($!)
${OSPREY_AM:-"$root/osprey" alertmanager} --config.file="$work/alertmanager.yml" --storage.path="$work/am-data" \
  --web.listen-address="127.0.0.1:$am_port" > "$work/am.log" 2>&1 & pids+=($!)
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$am_port/-/ready" >/dev/null && break; sleep 1; done
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prom-data" \
  --web.listen-address="127.0.0.1:$prom_port" --rules.alert.resend-delay=1s > "$work/prom.log" 2>&1 & pids+=($!)
start=$(date +%s)
for _ in $(seq 1 60); do [ -s "$work/payload.json" ] && break; sleep 1; done
if [ ! -s "$work/payload.json" ]; then
  echo "FAIL: no webhook within 60s"; tail -20 "$work/am.log" "$work/prom.log"; exit 1
fi
echo "OK: webhook received $(( $(date +%s) - start ))s after Prometheus started:"
cat "$work/payload.json"; echo
curl -s "http://127.0.0.1:$am_port/api/v2/alerts" | head -c 600; echo
