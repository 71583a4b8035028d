#!/bin/bash
# Runs ../shared/bench/anchor.py with Osprey (built from the committed HEAD into a scratch copy,
# so a dirty working tree or a parallel build cannot interfere) next to Prometheus 2.42.
# Usage: tsdb/bench/side-by-side.sh [anchor.py options...]   e.g. --quick, or --phases ingest,restart --targets 100 --series 1000
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${OSPREY_SHARED:-$repo/../shared}"
java_home="${OSPREY_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="${WORK:-/tmp/osprey-side-by-side}"
rm -rf "$work"; mkdir -p "$work/src"
git -C "$repo" archive HEAD | tar -x -C "$work/src"
(cd "$work/src" && JAVA_HOME="$java_home" mvn -q -B -o -DskipTests -Dosprey.target=target-bench -pl server -am package) >&2
cat > "$work/osprey" <<SH
#!/bin/bash
exec "$java_home/bin/java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \\
  -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true \${OSPREY_JAVA_OPTS:-} \\
  -jar "$work/src/server/target-bench/osprey.jar" "\$@"
SH
chmod +x "$work/osprey"
python3 - "$shared/bench/servers/osprey.example.json" "$work/osprey.json" "$work/osprey" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
def sub(x):
    return [a.replace("{osprey}", sys.argv[3]) for a in x]
spec["start"] = sub(spec["start"]); spec["import_cmd"] = sub(spec["import_cmd"])
json.dump(spec, open(sys.argv[2], "w"), indent=1)
PY
cd "$shared/bench"
python3 anchor.py --server "$work/osprey.json" --baseline servers/prometheus.json --out "$work/results.json" "$@"
