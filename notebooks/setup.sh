#!/usr/bin/env bash
# Sets up a headless Jupyter + Java (rapaio) kernel for the KMS Lab notebooks.
# Idempotent and quiet when everything is already present.
# Everything lives under notebooks/target/jupyter (only ~/.m2 is reused).
# Prints the JUPYTER_PATH to use as its last (and, when all is present, only) line.
set -euo pipefail

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# kernel version: single source is <rjk.version> in notebooks/pom.xml
RJK_VERSION="$(sed -n 's:.*<rjk.version>\(.*\)</rjk.version>.*:\1:p' "$NB_DIR/pom.xml")"
RJK_VERSION="${RJK_VERSION:-3.0.1}"
JUPYTER_DIR="$NB_DIR/target/jupyter"
KERNEL_DIR="$JUPYTER_DIR/kernels/java"
KERNEL_JAR="$KERNEL_DIR/rapaio-jupyter-kernel-$RJK_VERSION.jar"

log() { echo "[setup] $*" >&2; }

# 1. Headless Jupyter from Debian (nbconvert + jupyter-client).
if ! /usr/bin/jupyter nbconvert --version >/dev/null 2>&1; then
  log "installing Debian jupyter-nbconvert and jupyter-client"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq jupyter-nbconvert jupyter-client >&2
  /usr/bin/jupyter nbconvert --version >/dev/null
fi

# 2. The rapaio Java kernel jar (Maven Central, via ~/.m2).
if [ ! -s "$KERNEL_JAR" ]; then
  log "fetching io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION"
  mkdir -p "$KERNEL_DIR"
  # `mvn verify` already copies it here (pom.xml); this is for a standalone run.
  # -f this pom, -N: the copy goal resolves nothing of the reactor (core need not be built).
  if ! mvn -B -ntp -f "$NB_DIR/pom.xml" -N \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION" \
      -DoutputDirectory="$KERNEL_DIR" >"$JUPYTER_DIR/fetch-kernel.log" 2>&1; then
    cat "$JUPYTER_DIR/fetch-kernel.log" >&2
    log "fetching the kernel failed (log: $JUPYTER_DIR/fetch-kernel.log)"
    exit 1
  fi
  [ -s "$KERNEL_JAR" ] || { log "kernel jar not found after fetch: $KERNEL_JAR"; exit 1; }
fi

# 3. kernel.json (rewritten only when its content changes, e.g. after moving the clone).
mkdir -p "$KERNEL_DIR/mima_cache"
KERNEL_JSON_CONTENT=$(cat <<EOF
{
  "argv": ["java", "-jar", "$KERNEL_JAR", "{connection_file}"],
  "display_name": "Java",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "RJK_CLASSPATH": "",
    "RJK_COMPILER_OPTIONS": "",
    "RJK_INIT_SCRIPT": "",
    "RJK_TIMEOUT_MILLIS": "-1",
    "RJK_MIMA_CACHE": "mima_cache"
  }
}
EOF
)
if [ ! -f "$KERNEL_DIR/kernel.json" ] || [ "$(cat "$KERNEL_DIR/kernel.json")" != "$KERNEL_JSON_CONTENT" ]; then
  printf '%s\n' "$KERNEL_JSON_CONTENT" > "$KERNEL_DIR/kernel.json"
  log "wrote $KERNEL_DIR/kernel.json"
fi

echo "JUPYTER_PATH=$JUPYTER_DIR"
