#!/usr/bin/env bash
# Prints a java classpath for running the pushgateway module from this checkout (builds it first).
# Usage: scripts/classpath.sh   (from anywhere; uses target folder target-pgscripts)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
export JAVA_HOME="${OSPREY_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="$here/pushgateway/target-pgscripts"
if [[ ! -f "$out/cp.txt" || -n "$(find "$here/pushgateway/src" "$here/model/src" -newer "$out/cp.txt" -name '*.java' 2>/dev/null | head -1)" ]]; then
  (cd "$here" && mvn -B -ntp -q -o -Dosprey.target=target-pgscripts -pl pushgateway -am -DskipTests test-compile \
     dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target-pgscripts/cp.txt >&2)
fi
echo "$out/classes:$out/test-classes:$here/model/target-pgscripts/classes:$(cat "$out/cp.txt")"
