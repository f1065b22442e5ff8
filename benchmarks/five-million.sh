#!/usr/bin/env bash
# Five million audited Encrypt calls in a JVM with a 256 MiB heap (io.kmslab.benchmarks.FiveMillionCalls): prints the
# elapsed time, calls/s, the heap used at the end, the audit trail size and the events in memory; exits non-zero when
# the trail does not hold one event per call (or the heap runs out). A few minutes on a 2-core machine.
#
#   benchmarks/five-million.sh             # 5,000,000 calls
#   benchmarks/five-million.sh 100000      # fewer calls, for a quick check
#
# Environment:
#   HEAP         the -Xmx of the run (default: 256m)
#   BUILD        auto (default: build when the jar is missing or older than the sources), always, never
#   MAVEN_FLAGS  extra Maven flags for the build, e.g. -o
set -euo pipefail

cd "$(dirname "$0")/.."


source benchmarks/build-jar.sh

exec java "-Xmx${HEAP:-256m}" -XX:+ExitOnOutOfMemoryError -cp "$JAR" io.kmslab.benchmarks.FiveMillionCalls "$@"
