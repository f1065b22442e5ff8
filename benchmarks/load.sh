#!/usr/bin/env bash
# Load on the KMS endpoint (io.kmslab.benchmarks.EndpointLoad): an endpoint started in-process on 127.0.0.1 with
# SigV4 verification on, concurrent keep-alive clients signing every request with the AWS SDK's signer; Encrypt 4 KiB,
# Decrypt 4 KiB and a mix with DescribeKey and GenerateDataKey, each beside the same calls made in-process on the
# engine. Prints requests/s, p50/p99 latency and the client's signing cost per request. About 2 minutes.
#
#   benchmarks/load.sh                                    # 4 and 8 client threads, the defaults below
#   benchmarks/load.sh --threads 1,2,4,8 --duration 5s    # any option of EndpointLoad
#   benchmarks/load.sh --scenarios encrypt --threads 8     # one scenario
#   JAVA_OPTS="-XX:StartFlightRecording=filename=benchmarks/target/load.jfr,settings=profile" benchmarks/load.sh
#
# Options (EndpointLoad): --scenarios encrypt,decrypt,mix  --threads 4,8  --warmup 15s
#   --duration 10s (per endpoint run)  --in-process 4s (per in-process run)
#   --max-requests 2000000 (per run; a run stops at its duration or its count, whichever comes first)
# Environment:
#   JAVA_OPTS     JVM options of the run (default: -Xmx1g)
#   BUILD         auto (default: build when the jar is missing or older than the sources), always, never
#   MAVEN_FLAGS   extra Maven flags for the build, e.g. -o
set -euo pipefail

cd "$(dirname "$0")/.."

read -r -a JVM <<< "${JAVA_OPTS:--Xmx1g}"

source benchmarks/build-jar.sh

exec java "${JVM[@]}" -cp "$JAR" io.kmslab.benchmarks.EndpointLoad "$@"
