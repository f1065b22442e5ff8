#!/usr/bin/env bash
# Sets up the Java kernel (rapaio-jupyter-kernel) for the KMS Lab notebooks, as a Jupyter kernelspec named `java` under
# notebooks/target/jupyter/kernels/java (only ~/.m2 is shared). It installs nothing system-wide: Jupyter itself comes
# from your system (see notebooks/README.md). Idempotent and quiet when everything is already in place.
#
#   eval "$(bash notebooks/setup.sh)"     sets JUPYTER_PATH in your shell, so `jupyter notebook` finds the kernel
#
# Its standard output is one line, `export JUPYTER_PATH=<dir>`; messages go to standard error.
# ./kmslab notebooks and notebooks/run-notebooks.sh call it themselves.
#
# The kernel starts with notebooks/kernel-fix/ (compiled here) before the kernel jar on its class path: it fixes two
# start-up races of rapaio-jupyter-kernel 3.0.1 that left about one kernel in ten alive but deaf (see LoopThread.java).
set -euo pipefail

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# kernel version: single source is <rjk.version> in notebooks/pom.xml
RJK_VERSION="$(sed -n 's:.*<rjk.version>\(.*\)</rjk.version>.*:\1:p' "$NB_DIR/pom.xml")"
RJK_VERSION="${RJK_VERSION:-3.0.1}"
JUPYTER_DIR="$NB_DIR/target/jupyter"
KERNEL_DIR="$JUPYTER_DIR/kernels/java"
KERNEL_JAR="$KERNEL_DIR/rapaio-jupyter-kernel-$RJK_VERSION.jar"
FIX_SRC_DIR="$NB_DIR/kernel-fix"
FIX_CLASSES="$KERNEL_DIR/kernel-fix"

log() { echo "[setup] $*" >&2; }

# 1. The rapaio Java kernel jar (Maven Central, via ~/.m2).
if [ ! -s "$KERNEL_JAR" ]; then
  log "fetching io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION"
  mkdir -p "$KERNEL_DIR"
  # `mvn package` on the notebooks module already copies it here (pom.xml); this is for a standalone run.
  # -f this pom, -N: the copy goal resolves nothing of the reactor (core need not be built).
  if ! "${MVN:-mvn}" -B -ntp -f "$NB_DIR/pom.xml" -N \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION" \
      -DoutputDirectory="$KERNEL_DIR" >"$JUPYTER_DIR/fetch-kernel.log" 2>&1; then
    cat "$JUPYTER_DIR/fetch-kernel.log" >&2
    log "fetching the kernel failed (log: $JUPYTER_DIR/fetch-kernel.log)"
    exit 1
  fi
  [ -s "$KERNEL_JAR" ] || { log "kernel jar not found after fetch: $KERNEL_JAR"; exit 1; }
fi

# 2. The start-up fix, compiled against the kernel jar (again when a source or the jar is newer than the classes).
mapfile -t FIX_SOURCES < <(find "$FIX_SRC_DIR" -name '*.java' | sort)
FIX_STAMP="$FIX_CLASSES/.compiled"
if [ ! -f "$FIX_STAMP" ] \
    || [ -n "$(find "${FIX_SOURCES[@]}" "$KERNEL_JAR" -newer "$FIX_STAMP" -print -quit)" ]; then
  JAVAC="javac"
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then JAVAC="$JAVA_HOME/bin/javac"; fi
  if ! command -v "$JAVAC" >/dev/null 2>&1; then
    log "javac not found: the notebooks need a Java 17 JDK (Debian: sudo apt-get install openjdk-17-jdk-headless)"
    exit 1
  fi
  rm -rf "$FIX_CLASSES"
  mkdir -p "$FIX_CLASSES"
  if ! "$JAVAC" --release 17 -nowarn -cp "$KERNEL_JAR" -d "$FIX_CLASSES" "${FIX_SOURCES[@]}" >&2; then
    log "compiling the kernel start-up fix ($FIX_SRC_DIR) failed"
    exit 1
  fi
  touch "$FIX_STAMP"
  log "compiled the kernel start-up fix into $FIX_CLASSES"
fi

# 3. kernel.json (rewritten only when its content changes, e.g. after moving the clone).
#    -cp with the fix first (not -jar, which would ignore it); the main class is the jar's Main-Class.
mkdir -p "$KERNEL_DIR/mima_cache"
KERNEL_JSON_CONTENT=$(cat <<JSON
{
  "argv": ["java", "-cp", "$FIX_CLASSES:$KERNEL_JAR", "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
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
JSON
)
if [ ! -f "$KERNEL_DIR/kernel.json" ] || [ "$(cat "$KERNEL_DIR/kernel.json")" != "$KERNEL_JSON_CONTENT" ]; then
  printf '%s\n' "$KERNEL_JSON_CONTENT" > "$KERNEL_DIR/kernel.json"
  log "wrote $KERNEL_DIR/kernel.json"
fi

if [ -t 1 ]; then
  log "Jupyter finds this kernel through JUPYTER_PATH; to use it from your shell, run: eval \"\$(bash $0)\""
fi
printf 'export JUPYTER_PATH=%q\n' "$JUPYTER_DIR"
