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

JAR=benchmarks/target/benchmarks.jar
read -r -a MAVEN_EXTRA <<< "${MAVEN_FLAGS:-}"

stale() {
    [[ ! -f $JAR ]] || [[ -n $(find pom.xml core/pom.xml core/src/main benchmarks/pom.xml benchmarks/src/main \
        -newer "$JAR" -type f -print -quit) ]]
}

case ${BUILD:-auto} in
    always) build=yes ;;
    never) build=no ;;
    auto) if stale; then build=yes; else build=no; fi ;;
    *) echo "BUILD is auto, always or never, not ${BUILD}" >&2; exit 2 ;;
esac
if [[ $build == yes ]]; then
    echo "Building $JAR ..."
    mvn -B -ntp -q "${MAVEN_EXTRA[@]}" -pl core,benchmarks -am package -DskipTests
fi

exec java "-Xmx${HEAP:-256m}" -XX:+ExitOnOutOfMemoryError -cp "$JAR" io.kmslab.benchmarks.FiveMillionCalls "$@"
