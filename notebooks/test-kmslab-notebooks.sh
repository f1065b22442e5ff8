#!/usr/bin/env bash
# Tests `./kmslab notebooks` (the kmslab script at the repository root) without Jupyter, Maven or a network: it runs
# a copy of the script in a scratch repository, with stand-ins for `jupyter` and `mvn` that record how they were
# called. Run by the build (notebooks/pom.xml, integration-test phase, after `package` has copied the kernel jar to
# notebooks/target/jupyter, which the kernel's start-up fix is compiled against); a few seconds. Prints one line a
# check; exit 1 on a failed check.
set -euo pipefail

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$NB_DIR/.." && pwd)"
RJK_VERSION="$(sed -n 's:.*<rjk.version>\(.*\)</rjk.version>.*:\1:p' "$NB_DIR/pom.xml")"
KERNEL_JAR="$NB_DIR/target/jupyter/kernels/java/rapaio-jupyter-kernel-$RJK_VERSION.jar"
if [ ! -s "$KERNEL_JAR" ]; then
  echo "kmslab notebooks tests: cannot run: no $KERNEL_JAR (mvn -pl notebooks -am package -DskipTests makes it)" >&2
  exit 1
fi
export KMSLAB_TEST_KERNEL_JAR="$KERNEL_JAR"
scratch="$(mktemp -d -t kmslab-notebooks-test.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT

failures=0
check() {  # check DESCRIPTION COMMAND...: passes when COMMAND succeeds
  local what="$1"; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
contains() { grep -qF -- "$2" "$1" 2>/dev/null; }
lacks() { ! grep -qF -- "$2" "$1" 2>/dev/null; }

# A scratch repository: the script, the notebooks' set-up and a stand-in for each source tree it watches.
repo="$scratch/repo"
mkdir -p "$repo/core/src" "$repo/server/src" "$repo/notebooks"
cp "$REPO/kmslab" "$repo/kmslab"
cp "$REPO/pom.xml" "$repo/pom.xml"
cp "$NB_DIR/pom.xml" "$NB_DIR/setup.sh" "$repo/notebooks/"
cp -R "$NB_DIR/kernel-fix" "$repo/notebooks/kernel-fix"
touch -d '2020-01-01' "$repo/pom.xml" "$repo/notebooks/pom.xml" "$repo/core/src" "$repo/server/src"

# Stand-ins. mvn: records its arguments; `package` makes target/jars, `dependency:copy` copies the kernel jar.
bin="$scratch/bin"
mkdir -p "$bin"
cat >"$bin/mvn" <<'MVN'
#!/usr/bin/env bash
echo "$*" >>"$KMSLAB_TEST_LOG/mvn.calls"
case " $* " in
  *" package "*) mkdir -p notebooks/target/jars ;;
  *":copy "*) for a in "$@"; do case "$a" in -DoutputDirectory=*) out="${a#-DoutputDirectory=}" ;; esac; done
              cp "$KMSLAB_TEST_KERNEL_JAR" "$out/" ;;
esac
MVN
# jupyter: answers `notebook --version`, and for a start records its arguments, directory and environment.
cat >"$bin/jupyter" <<'JUPYTER'
#!/usr/bin/env bash
[ "${2:-}" = "--version" ] && { [ "$1" = notebook ] && { echo 6.4.12; exit 0; }; exit 1; }
{ echo "args: $*"; echo "cwd: $PWD"; echo "JUPYTER_PATH: $JUPYTER_PATH"; echo "JUPYTER_TOKEN: $JUPYTER_TOKEN"; } \
  >"$KMSLAB_TEST_LOG/jupyter.start"
JUPYTER
chmod +x "$bin/mvn" "$bin/jupyter"
export KMSLAB_TEST_LOG="$scratch"
export MVN="$bin/mvn"
out="$scratch/out"

# 1. No Jupyter: says what to install, exits 1, builds nothing.
status=0
KMSLAB_JUPYTER="$scratch/no-such-jupyter" "$repo/kmslab" notebooks >"$out" 2>&1 || status=$?
check "without Jupyter: exit code 1" [ "$status" = 1 ]
check "without Jupyter: names the Debian package" contains "$out" "sudo apt-get install jupyter-notebook"
check "without Jupyter: names the pip alternative" contains "$out" "python3 -m pip install notebook"
check "without Jupyter: nothing built" [ ! -e "$scratch/mvn.calls" ]

# 2. A bad option is a usage error (exit 2).
status=0
KMSLAB_JUPYTER="$bin/jupyter" "$repo/kmslab" notebooks --port eighty >"$out" 2>&1 || status=$?
check "--port eighty: exit code 2" [ "$status" = 2 ]

# 3. First start: builds the jars, sets up the kernel, starts Jupyter Notebook in notebooks/ with the options.
status=0
(cd "$scratch" && KMSLAB_JUPYTER="$bin/jupyter" JUPYTER_TOKEN=t0ken "$repo/kmslab" notebooks --no-browser --port 9999 \
    -- --debug) >"$out" 2>&1 || status=$?
check "first start: exit code 0" [ "$status" = 0 ]
check "first start: builds with mvn -pl notebooks -am package -DskipTests" \
  contains "$scratch/mvn.calls" "-pl notebooks -am package -DskipTests"
check "first start: Jupyter Notebook started" [ -f "$scratch/jupyter.start" ]
if [ -f "$scratch/jupyter.start" ]; then
  root_flag=""; [ "$(id -u)" = 0 ] && root_flag=" --allow-root"
  check "first start: jupyter notebook --port=9999 --port-retries=0 --no-browser, then the extra arguments" \
    contains "$scratch/jupyter.start" \
    "args: notebook --port=9999 --port-retries=0 --MappingKernelManager.default_kernel_name=java --no-browser$root_flag --debug"
  check "first start: Jupyter runs in notebooks/" contains "$scratch/jupyter.start" "cwd: $repo/notebooks"
  check "first start: JUPYTER_PATH exported" contains "$scratch/jupyter.start" \
    "JUPYTER_PATH: $repo/notebooks/target/jupyter"
  check "first start: the given token is kept" contains "$scratch/jupyter.start" "JUPYTER_TOKEN: t0ken"
fi
check "first start: prints the address with its token" contains "$out" "http://localhost:9999/?token=t0ken"
check "first start: kernel.json starts the kernel with the start-up fix first on its class path" \
  contains "$repo/notebooks/target/jupyter/kernels/java/kernel.json" \
  "\"-cp\", \"$repo/notebooks/target/jupyter/kernels/java/kernel-fix:"
check "first start: the start-up fix compiled" \
  [ -f "$repo/notebooks/target/jupyter/kernels/java/kernel-fix/org/rapaio/jupyter/kernel/channels/LoopThread.class" ]

# 4. Second start, nothing changed: no build.
: >"$scratch/mvn.calls"
status=0
KMSLAB_JUPYTER="$bin/jupyter" "$repo/kmslab" notebooks --no-browser >"$out" 2>&1 || status=$?
check "second start: exit code 0" [ "$status" = 0 ]
check "second start, nothing changed: no build" lacks "$scratch/mvn.calls" "package"
check "second start: a token is made up when none is given" lacks "$scratch/jupyter.start" "JUPYTER_TOKEN: t0ken"

# 5. A source changed since the build: builds again.
sleep 1
mkdir -p "$repo/core/src/main" && touch "$repo/core/src/main/Changed.java"
KMSLAB_JUPYTER="$bin/jupyter" "$repo/kmslab" notebooks --no-browser >"$out" 2>&1 || true
check "after a change in core/src: builds again" contains "$scratch/mvn.calls" "-pl notebooks -am package -DskipTests"

if [ "$failures" -gt 0 ]; then
  echo "kmslab notebooks tests: $failures failed (last output: $(cat "$out"))"
  exit 1
fi
echo "kmslab notebooks tests: all passed"
