#!/usr/bin/env bash
# The cost of one change to a kept lab (io.kmslab.benchmarks.PersistenceCost, issue #9): TagResource on a lab whose
# 100 keys rotated yearly for 100 simulated years, beside a fresh lab of 100 keys, same run; prints the medians, the
# ratio aged/fresh and the bytes on disk. About a minute on a 2-core machine.
#
#   benchmarks/persistence-cost.sh                   # 100 keys, 100 years, 2,000 calls a round, 5 rounds
#   benchmarks/persistence-cost.sh 100 100 500 3     # keys, years, calls a round, rounds
#
# Environment:
#   BUILD        auto (default: build when the jar is missing or older than the sources), always, never
#   MAVEN_FLAGS  extra Maven flags for the build, e.g. -o
set -euo pipefail

cd "$(dirname "$0")/.."

source benchmarks/build-jar.sh

exec java -cp "$JAR" io.kmslab.benchmarks.PersistenceCost "$@"
