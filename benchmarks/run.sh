#!/usr/bin/env bash
# Runs the KMS Lab JMH benchmarks with short settings and prints the engine/raw throughput ratios (every engine path,
# engine and engine-<policy case>, over its raw baseline), the Encrypt target, and the authorization costs.
#
#   benchmarks/run.sh                                   # every benchmark
#   benchmarks/run.sh EncryptBenchmark                  # a regex of benchmarks, and any other JMH option
#   benchmarks/run.sh SignBenchmark -p signing=ECC_NIST_P256 -prof stack
#   benchmarks/run.sh PolicyEvaluationBenchmark         # authorization: decision, what-if, Encrypt per policy, parse
#   benchmarks/run.sh RotationAdvanceBenchmark          # ten years of rotations over 1,000 and 10,000 keys (single shot)
#   JMH_SETTINGS="-f 3 -wi 5 -w 5s -i 5 -r 5s" benchmarks/run.sh   # longer, steadier runs
#
# Environment:
#   JMH_SETTINGS  forks, warmup and measurement (default: -f 1 -wi 2 -w 2s -i 3 -r 2s)
#   JMH_RESULT    the JSON result file (default: benchmarks/target/jmh-result.json)
#   BUILD         auto (default: build when the jar is missing or older than the sources), always, never
#   MAVEN_FLAGS   extra Maven flags for the build, e.g. -o
set -euo pipefail

cd "$(dirname "$0")/.."

RESULT=${JMH_RESULT:-benchmarks/target/jmh-result.json}
read -r -a SETTINGS <<< "${JMH_SETTINGS:--f 1 -wi 2 -w 2s -i 3 -r 2s}"

source benchmarks/build-jar.sh

mkdir -p "$(dirname "$RESULT")"
java -jar "$JAR" "${SETTINGS[@]}" -rf json -rff "$RESULT" "$@"
echo
java -cp "$JAR" io.kmslab.benchmarks.RatioReport "$RESULT"
