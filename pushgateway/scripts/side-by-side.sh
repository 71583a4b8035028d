#!/usr/bin/env bash
# Side-by-side check against Debian's prometheus-pushgateway 1.5: the same pushes go to both
# servers on loopback; the script compares every HTTP status code and, at the end, the pushed
# part of /metrics (own go_/process_/pushgateway_/osprey_ metrics dropped, push time values
# masked). Exit code 0 only when everything matches.
# Usage: pushgateway/scripts/side-by-side.sh [path-to-upstream-binary]
set -uo pipefail
upstream="${1:-/usr/bin/prometheus-pushgateway}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
java="${OSPREY_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
cp="$("$here/classpath.sh")" || { echo "build failed" >&2; exit 2; }
UP_PORT=${UP_PORT:-19391}
OS_PORT=${OS_PORT:-19392}

"$upstream" --web.listen-address=127.0.0.1:$UP_PORT --persistence.file="" >"$work/upstream.log" 2>&1 &
up_pid=$!
"$java" -cp "$cp" org.osprey.pushgateway.cli.PushgatewayCommand --web.listen-address=127.0.0.1:$OS_PORT >"$work/osprey.log" 2>&1 &
os_pid=$!
cleanup() { kill "$up_pid" "$os_pid" 2>/dev/null; wait "$up_pid" "$os_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for port in $UP_PORT $OS_PORT; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null && break; sleep 0.1; done
done

fails=0
cases=0
declare -A code
# both METHOD PATH BODY [curl args...]: sends BODY (printf format) to both, compares status codes.
both() {
  local method=$1 path=$2 body=$3; shift 3
  local a b
  a=$(printf "$body" | curl -s -o /dev/null -w '%{http_code}' -X "$method" --data-binary @- "$@" "http://127.0.0.1:$UP_PORT$path")
  b=$(printf "$body" | curl -s -o /dev/null -w '%{http_code}' -X "$method" --data-binary @- "$@" "http://127.0.0.1:$OS_PORT$path")
  cases=$((cases + 1))
  if [[ "$a" == "$b" ]]; then
    printf 'same %s  %-6s %s\n' "$a" "$method" "$path"
  else
    printf 'DIFF upstream=%s osprey=%s  %-6s %s\n' "$a" "$b" "$method" "$path"
    fails=$((fails + 1))
  fi
}

# The README examples.
both POST /metrics/job/some_job 'some_metric 3.14\n'
both POST /metrics/job/some_job/instance/some_instance '# TYPE some_metric counter\nsome_metric{label="val1"} 42\n# TYPE another_metric gauge\n# HELP another_metric Just an example.\nanother_metric 2398.283\n'
both DELETE /metrics/job/some_job/instance/some_instance ''
both DELETE /metrics/job/some_job ''
both POST /metrics/job/some_job/instance/some_instance '# TYPE some_metric counter\nsome_metric{label="val1"} 42\n# TYPE another_metric gauge\n# HELP another_metric Just an example.\nanother_metric 2398.283\n'
both POST /metrics/job/directory_cleaner/path@base64/L3Zhci90bXA 'some_metric{foo="bar"} 3.14\n'
both PUT /metrics/job/example/first_label@base64/=/second_label/foobar 'e 1\n'
both PUT /metrics/job/titan/name/%CE%A0%CF%81%CE%BF%CE%BC%CE%B7%CE%B8%CE%B5%CF%8D%CF%82 't 1\n'
both POST /metrics/job/titan/name@base64/zqDPgc6_zrzOt864zrXPjc-C 't2 1\n'
# PUT/POST semantics, empty bodies.
both PUT /metrics/job/sem 'a 1\nb 2\n'
both POST /metrics/job/sem 'b 3\nc 4\n'
both PUT /metrics/job/sem2 'x 1\n'
both PUT /metrics/job/sem2 ''
both POST /metrics/job/sem 'b 5\n'
# Summaries, histograms, escaping, special values, help conflicts.
both PUT /metrics/job/s '# HELP rpc Latency.\n# TYPE rpc summary\nrpc{quantile="0.5"} 0.2\nrpc{quantile="0.9"} 0.5\nrpc_sum 10\nrpc_count 40\n# TYPE lat histogram\nlat_bucket{le="0.1",x="b"} 1\nlat_bucket{le="1",x="b"} 3\nlat_bucket{le="+Inf",x="b"} 4\nlat_sum{x="b"} 2.5\nlat_count{x="b"} 4\n# TYPE zz counter\nzz{b="2"} 1e-7\nzz{b="10"} 123456789012\nzz{a="1"} NaN\nzz{c="x\\"y\\nz"} +Inf\n'
both PUT /metrics/job/h1 '# HELP h first\n# TYPE h gauge\nh 1\n'
both PUT /metrics/job/h2 '# HELP h first\n# TYPE h gauge\nh 2\n'
both PUT /metrics/job/labels/foo/y 'm1{job="other",foo="x"} 1\nm2{instance="i"} 2\n'
# Text-format corners.
both PUT /metrics/job/corners '# A free comment\n\n# HELP esc Help with \\\\ backslash and \\n newline.\n# TYPE esc gauge\nesc{a="b",} 1\nempty_braces{} 2\n  spaced_metric   3\n# HELP hb help ending in a blank \nhb 1\n\t\nneg -Inf\npos Inf\nuni{v="Προμηθεύς ✓"} 4\n'
both PUT /metrics/job/noinf '# TYPE h_noinf histogram\nh_noinf_bucket{le="1"} 2\nh_noinf_sum 3\nh_noinf_count 5\n# TYPE s_noq summary\ns_noq_sum 1\ns_noq_count 2\n# TYPE u untyped\nu 1\n'
both PUT /metrics/job/retype '# TYPE rt gauge\nrt 1\n'
both POST /metrics/job/retype '# TYPE rt counter\nrt 2\n'
both PUT /metrics/job/newempty ''
both PUT /metrics/job/trail1 'tr 3 \n'
both PUT /metrics/job/trail2 'tr{a="b "} 3 123\t\n'
both PUT /metrics/job/trail3 '# TYPE tr gauge \ntr 1\n'
both PUT /metrics/job/more 'col:on:name 1\nnegzero -0\nbig 1e308\ntiny 5e-324\n'
both PUT /metrics/job/hexfloat 'hexish 0x1p3\n'
both PUT /metrics/job/helpesc '# HELP qh quote \\" kept\nqh 1\n'
both PUT /metrics/job/duplabel 'dl{a="1",a="2"} 1\n'
both PUT /metrics/job/badesc 'be{a="x\\ty"} 1\n'
both PUT /metrics/job/quoted '{"my.metric"} 1\n'
both PUT /metrics/job/namelabel 'nl{__name__="other"} 1\n'
both PUT /metrics/job/dup_help '# HELP d1 a\n# HELP d1 b\nd1 1\n'
both PUT /metrics/job/type_after '# TYPE ta gauge\nta 1\n# TYPE ta gauge\n'
both PUT /metrics/job/bad_type '# TYPE bt gaugee\nbt 1\n'
both PUT /metrics/job/bad_value 'bv abc\n'
both PUT /metrics/job/bad_le '# TYPE bl histogram\nbl_bucket{le="x"} 1\n'
# Empty label values inside the body: kept and exposed as e="" (a different series from m without e).
both PUT /metrics/job/emptyval 'ev{e=""} 1\nev{e="x"} 2\nev 3\nevn{a="",b="1",c=""} 4\n# TYPE evs summary\nevs{e="",quantile="0.5"} 1\nevs_sum{e=""} 2\nevs_count{e=""} 3\nevs{quantile="0.5"} 4\nevs_sum 5\nevs_count 6\n# TYPE evh histogram\nevh_bucket{e="",le="+Inf"} 1\nevh_sum{e=""} 1\nevh_count{e=""} 1\n'
both POST /metrics/job/emptyval '# TYPE evg gauge\nevg{"e"="",f="y"} 7\n'
both PUT /metrics/job/emptyval2/e/z 'evz{e=""} 1\nevj{job=""} 2\n'
both PUT /metrics/job/emptydup 'evd{e=""} 1\n'
both PUT /metrics/job/emptydup/e@base64/= 'evd 1\n'
both PUT /metrics/job/emptydup/e@base64/= 'evd2 1\n'
both PUT /metrics/job/quotedval 'qv{f="a,\\"b", e=""} 7\n'
both PUT /metrics/job/emptydupq 'evq{e=""} 1\nevq{e="",} 2\n'
# Gzip.
printf 'gz 1\n' | gzip > "$work/body.gz"
for port in $UP_PORT $OS_PORT; do
  code[$port]=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Encoding: gzip' --data-binary @"$work/body.gz" "http://127.0.0.1:$port/metrics/job/gz")
done
cases=$((cases + 1))
if [[ "${code[$UP_PORT]}" == "${code[$OS_PORT]}" ]]; then echo "same ${code[$UP_PORT]}  PUT    /metrics/job/gz (gzip)"; else echo "DIFF gzip ${code[$UP_PORT]} ${code[$OS_PORT]}"; fails=$((fails + 1)); fi
# Protobuf (delimited MetricFamily), hand-encoded by protobuf-body.py.
python3 "$here/protobuf-body.py" > "$work/body.pb"
printf '\x05broken' > "$work/broken.pb"
for f in body broken; do
  for port in $UP_PORT $OS_PORT; do
    code[$port]=$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data-binary @"$work/$f.pb" \
      -H 'Content-Type: application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited' \
      "http://127.0.0.1:$port/metrics/job/pb_$f")
  done
  cases=$((cases + 1))
  if [[ "${code[$UP_PORT]}" == "${code[$OS_PORT]}" ]]; then echo "same ${code[$UP_PORT]}  PUT    /metrics/job/pb_$f (protobuf)"; else echo "DIFF protobuf $f ${code[$UP_PORT]} ${code[$OS_PORT]}"; fails=$((fails + 1)); fi
done
# Bad pushes: every one must be a 400 on both, and change nothing.
both PUT /metrics/job/bad1 '# TYPE h counter\nh 3\n'
both PUT /metrics/job/bad2 'dup{job="a"} 1\ndup{job="b"} 2\n'
both PUT /metrics/job/bad3 'ts 1 1234\n'
both PUT /metrics/job/bad4 'garbage line here\n'
both PUT /metrics/job/bad5 'nonl 1'
both PUT /metrics/job/bad6 'crlf 1\r\n'
both PUT /metrics/job/bad7/1a/b 'm 1\n'
both PUT /metrics/job/bad8/a 'm 1\n'
both PUT /metrics/job@base64/= 'm 1\n'
both PUT /metrics/job/bad9/b@base64/!! 'm 1\n'
both PUT /metrics/job/bad10 'r{__a="v"} 1\n'
both PUT /metrics/job/bad11 'r{1e="v"} 1\n'
both PUT /metrics/job/bad12 '# TYPE q summary\nq{quantile="x"} 1\n'
both PUT /metrics/job/col1 'rpc_count 3\n'
# (same help as job "s": upstream picks the help of whichever group its map iteration meets first)
both PUT /metrics/job/col2 '# HELP rpc Latency.\n# TYPE rpc summary\nrpc_sum 1\nrpc_count 2\n'
both PUT /metrics/job/col3 'lat_sum 3\n'
both POST /metrics/job/col3 '# TYPE lat histogram\nlat_bucket{le="+Inf"} 1\nlat_sum 1\nlat_count 1\n'
both PUT /metrics/job/col3 '# TYPE lat histogram\nlat_bucket{le="+Inf"} 1\nlat_sum 1\nlat_count 1\n'
both GET /metrics/job/x ''
both DELETE /metrics/job/never_pushed ''
both GET /-/healthy ''
both GET /-/ready ''

filter() {
  curl -s "http://127.0.0.1:$1/metrics" \
    | grep -v -E '^(# (HELP|TYPE) )?(go_|process_|pushgateway_|osprey_|promhttp_)' \
    | sed -E 's/^(push_(failure_)?time_seconds\{[^}]*\}) [0-9][0-9.e+]*[0-9]$/\1 <time>/'
}
filter $UP_PORT > "$work/upstream.metrics"
filter $OS_PORT > "$work/osprey.metrics"
if diff -u "$work/upstream.metrics" "$work/osprey.metrics"; then
  echo "same /metrics ($(wc -l < "$work/upstream.metrics") lines)"
else
  echo "DIFF in /metrics"
  fails=$((fails + 1))
fi
api() { curl -s "http://127.0.0.1:$1/api/v1/metrics" | python3 "$here/normalize-api-metrics.py"; }
api $UP_PORT > "$work/upstream.json"
api $OS_PORT > "$work/osprey.json"
if diff -u "$work/upstream.json" "$work/osprey.json"; then
  echo "same /api/v1/metrics ($(wc -l < "$work/upstream.json") lines, groups sorted, times masked)"
else
  echo "DIFF in /api/v1/metrics"
  fails=$((fails + 1))
fi
echo "$cases requests compared, $fails differences"
[[ $fails -eq 0 ]]
