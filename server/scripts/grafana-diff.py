#!/usr/bin/env python3
"""Side-by-side check: sends Grafana's Prometheus data-source request sequence to Prometheus
(2.42 at /usr/bin/prometheus) and to Osprey over identical data and diffs the JSON answers.

Both servers scrape the same fixture target (a tiny loopback HTTP server with constant gauges and
counters) every second; queries use fixed evaluation times after both have data, so values and
timestamps must match. Ignored on purpose: buildinfo's version fields (Osprey reports the
Prometheus API version it implements), the synthetic scrape_* series whose values are timings,
and `stats`. Prints each difference and the count; exits 1 when there is any.

    server/scripts/grafana-diff.py [--prometheus /usr/bin/prometheus] [--osprey ./osprey]
"""
import argparse
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

FIXTURE = """# HELP fixture_temperature_celsius Temperature of a room.
# TYPE fixture_temperature_celsius gauge
fixture_temperature_celsius{room="hall"} 21.5
fixture_temperature_celsius{room="lab"} 18.25
# HELP fixture_requests_total Requests served.
# TYPE fixture_requests_total counter
fixture_requests_total{code="200",method="get"} 1027
fixture_requests_total{code="500",method="get"} 3
# HELP fixture_ratio A ratio with awkward digits.
# TYPE fixture_ratio gauge
fixture_ratio 0.30000000000000004
fixture_big 1e+21
fixture_tiny 1e-07
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Fixture(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = FIXTURE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def call(base, method, path, params):
    data = urllib.parse.urlencode(params, doseq=True)
    if method == "GET":
        req = urllib.request.Request(base + path + ("?" + data if data else ""))
    else:
        req = urllib.request.Request(base + path, data=data.encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        body = e.read()
        try:
            return e.code, json.loads(body)
        except ValueError:
            return e.code, body.decode(errors="replace")


def wait_ready(base, name, deadline):
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/-/ready", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit(f"{name} did not become ready")


def scrapes(base):
    _, j = call(base, "GET", "/api/v1/query", {"query": 'count_over_time(up{job="fixture"}[1m])'})
    try:
        return int(j["data"]["result"][0]["value"][1])
    except (KeyError, IndexError, TypeError):
        return 0


def normalize(path, body):
    """Drops what must differ between the two implementations."""
    if isinstance(body, dict) and isinstance(body.get("data"), dict):
        d = body["data"]
        if path.endswith("/status/buildinfo"):
            for k in ("version", "revision", "branch", "buildUser", "buildDate", "goVersion", "features"):
                d.pop(k, None)
        if path.endswith("/metadata"):
            body["data"] = {k: v for k, v in d.items() if k.startswith("fixture_")}
        d.pop("stats", None) if isinstance(body.get("data"), dict) else None
    if isinstance(body, dict) and path.endswith(("/labels", "/values")) and isinstance(body.get("data"), list):
        body["data"] = [x for x in body["data"] if not x.startswith(("scrape_", "prometheus_", "osprey_"))]
    return body


def diff(a, b, where=""):
    out = []
    if type(a) != type(b):
        return [f"{where}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}"]
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append(f"{where}.{k}: only in Osprey: {json.dumps(b[k])[:200]}")
            elif k not in b:
                out.append(f"{where}.{k}: only in Prometheus: {json.dumps(a[k])[:200]}")
            else:
                out += diff(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        if len(a) != len(b):
            out.append(f"{where}: {len(a)} items in Prometheus, {len(b)} in Osprey: {json.dumps(a)[:200]} vs {json.dumps(b)[:200]}")
        else:
            for i, (x, y) in enumerate(zip(a, b)):
                out += diff(x, y, f"{where}[{i}]")
    elif a != b:
        out.append(f"{where}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}")
    return out


def main():
    ap = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--prometheus", default="/usr/bin/prometheus")
    ap.add_argument("--osprey", default=os.path.join(root, "osprey"))
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="grafana-diff-")
    fixture_port, prom_port, osprey_port = free_port(), free_port(), free_port()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", fixture_port), Fixture)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    cfg = os.path.join(work, "prometheus.yml")
    with open(cfg, "w") as f:
        f.write("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
                f"  - job_name: fixture\n    static_configs:\n      - targets: ['127.0.0.1:{fixture_port}']\n")
    procs = []
    try:
        procs.append(subprocess.Popen([args.prometheus, f"--config.file={cfg}", f"--storage.tsdb.path={work}/prom",
                                       f"--web.listen-address=127.0.0.1:{prom_port}", "--log.level=warn"],
                                      stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "prom.log"), "w"),
                                      start_new_session=True))
        procs.append(subprocess.Popen([args.osprey, f"--config.file={cfg}", f"--storage.tsdb.path={work}/osprey",
                                       f"--web.listen-address=127.0.0.1:{osprey_port}", "--log.level=warn"],
                                      stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "osprey.log"), "w"),
                                      start_new_session=True))
        prom, osp = f"http://127.0.0.1:{prom_port}", f"http://127.0.0.1:{osprey_port}"
        deadline = time.time() + 600
        wait_ready(prom, "prometheus", deadline)
        wait_ready(osp, "osprey", deadline)
        while time.time() < deadline and (scrapes(prom) < 15 or scrapes(osp) < 15):  # range windows lie well inside both servers' data
            time.sleep(0.5)
        t = int(time.time()) - 1
        start, end = t - 5, t
        sel = '{__name__=~".+",}'
        seq = [
            ("GET", "/api/v1/status/buildinfo", {}),
            ("POST", "/api/v1/query", {"query": "1+1", "time": t}),
            ("POST", "/api/v1/labels", {"limit": 40000, "match[]": sel, "start": start, "end": end}),
            ("GET", "/api/v1/label/__name__/values", {"limit": 40000, "start": start, "end": end}),
            ("GET", "/api/v1/metadata", {"limit": 40000}),
            ("POST", "/api/v1/series", {"match[]": '{job="fixture",__name__=~"fixture_.*"}', "start": start, "end": end}),
            ("GET", "/api/v1/label/room/values", {"match[]": "fixture_temperature_celsius", "start": start, "end": end}),
            ("POST", "/api/v1/query", {"query": "fixture_temperature_celsius", "time": t}),
            ("POST", "/api/v1/query", {"query": "sum by (code) (fixture_requests_total)", "time": t}),
            ("POST", "/api/v1/query", {"query": "fixture_ratio + fixture_big * 0 + fixture_tiny", "time": t}),
            ("POST", "/api/v1/query", {"query": "1/0", "time": t}),
            ("POST", "/api/v1/query", {"query": "\"text\"", "time": t}),
            ("POST", "/api/v1/query_range", {"query": "fixture_temperature_celsius * 2", "start": start, "end": end, "step": 1}),
            ("POST", "/api/v1/query_range", {"query": "rate(fixture_requests_total[5s])", "start": start, "end": end, "step": "1s"}),
            ("GET", "/api/v1/query_exemplars", {"query": "fixture_requests_total", "start": start, "end": end}),
            ("GET", "/api/v1/rules", {}),
            ("GET", "/api/v1/alerts", {}),
            ("POST", "/api/v1/query", {"query": "sum(", "time": t}),
            ("POST", "/api/v1/query", {"query": "up", "time": "soon"}),
            ("POST", "/api/v1/query_range", {"query": "up", "start": start, "end": end, "step": 0}),
            ("POST", "/api/v1/query_range", {"query": "up", "start": 0, "end": 11001, "step": 1}),
            ("GET", "/api/v1/series", {}),
            ("POST", "/api/v1/metadata", {}),
        ]
        total = 0
        for method, path, params in seq:
            pc, pb = call(prom, method, path, params)
            oc, ob = call(osp, method, path, params)
            d = [] if pc == oc else [f"HTTP status {pc} != {oc}"]
            d += diff(normalize(path, pb), normalize(path, ob))
            total += len(d)
            print(f"{'OK  ' if not d else 'DIFF'} {method} {path} {urllib.parse.urlencode(params)[:80]}")
            for x in d:
                print("       " + x)
        print(f"{len(seq)} requests, {total} differences")
        return 1 if total else 0
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired):
                os.killpg(p.pid, signal.SIGKILL)
        srv.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
