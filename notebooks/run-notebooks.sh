#!/usr/bin/env bash
# Executes the KMS Lab notebooks headless with the Java (rapaio) kernel.
#
#   notebooks/run-notebooks.sh [NB.ipynb...]    default: every notebooks/*.ipynb
#
# - needs the lab's jars in notebooks/target/jars: `mvn -pl notebooks -am package -DskipTests` (the build's own
#   `mvn verify` runs this script after packaging them)
# - installs Debian's jupyter-nbconvert and jupyter-client when missing (saying so), then runs setup.sh (the Java
#   kernel under notebooks/target/jupyter)
# - fails if a notebook in notebooks/ was committed with outputs (strip-outputs.sh --check)
# - runs each notebook in its own kernel with cwd = notebooks/, so notebooks can say
#       %jars target/jars/
#   (target/jars/ is filled by `mvn package` on this module). rapaio 3.0.1 takes one jar or a
#   directory per %jars line, NOT a glob: `%jars target/jars/*.jar` fails ("path does not
#   exist"). The trailing-slash directory form also means "all files in it" for IJava.
# - writes executed copies to notebooks/target/executed/NAME.ipynb (also for a failed
#   notebook, up to the failing cell) and the kernel's log to NAME.kernel.log
# - exits non-zero if any notebook fails, naming it and printing the error
#
# Environment: the whole environment reaches the kernel, e.g. KMSLAB_FAST=1 for a fast mode
# (System.getenv("KMSLAB_FAST")). KMSLAB_NB_TIMEOUT = seconds per cell (default 300),
# KMSLAB_NB_STARTUP_TIMEOUT = seconds for the kernel to answer (default 10; normally 1-3 s;
# a kernel that does not answer is restarted, up to 3 attempts: see START_ATTEMPTS below).
set -euo pipefail

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT_DIR="$NB_DIR/target/executed"

# Headless Jupyter from Debian (nbconvert + jupyter-client): the Python below needs nbclient and nbformat.
if ! /usr/bin/jupyter nbconvert --version >/dev/null 2>&1; then
  echo "[notebooks] installing Debian packages jupyter-nbconvert and jupyter-client (headless Jupyter)" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq jupyter-nbconvert jupyter-client >&2
  /usr/bin/jupyter nbconvert --version >/dev/null
fi

# The Java kernel; setup.sh prints `export JUPYTER_PATH=...`.
eval "$(bash "$NB_DIR/setup.sh")"

if [ "$#" -eq 0 ]; then
  shopt -s nullglob
  set -- "$NB_DIR"/*.ipynb
  shopt -u nullglob
  if [ "$#" -eq 0 ]; then
    echo "[notebooks] no notebooks/*.ipynb to run"
    exit 0
  fi
  bash "$NB_DIR/strip-outputs.sh" --check
else
  # explicit paths: make them absolute (the kernels run in notebooks/)
  nbs=()
  for nb in "$@"; do nbs+=("$(cd "$(dirname "$nb")" && pwd)/$(basename "$nb")"); done
  set -- "${nbs[@]}"
fi

if [ ! -d "$NB_DIR/target/jars" ]; then
  echo "[notebooks] $NB_DIR/target/jars does not exist: the notebooks load the lab's jars from there." >&2
  echo "[notebooks] Build them first: (cd $(dirname "$NB_DIR") && mvn -B -ntp -pl notebooks -am package -DskipTests)" >&2
  exit 1
fi

mkdir -p "$OUT_DIR"
export PYTHONUNBUFFERED=1

# Debian's Python: it is the one that sees nbclient/nbformat (python3 on PATH may not).
/usr/bin/python3 - "$NB_DIR" "$OUT_DIR" "${KMSLAB_NB_TIMEOUT:-300}" "${KMSLAB_NB_STARTUP_TIMEOUT:-10}" "$@" <<'PY'
import atexit, os, re, sys, time, warnings
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

nb_dir, out_dir, timeout, startup_timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
paths = sys.argv[5:]
# rapaio-jupyter-kernel 3.0.1 has two start-up races that left ~1 kernel in 10 alive but deaf; the
# kernelspec now starts it with notebooks/kernel-fix/ first on its class path, which fixes both (see
# LoopThread.java there, and check-kernel-starts.sh for the measurement). This retry stays as a safety
# net: a kernel that does not answer kernel_info has run nothing, so a fresh one is started.
START_ATTEMPTS = 3
# notebooks written by hand/scripts may lack cell ids (nbformat 4.5); harmless here
warnings.filterwarnings("ignore", message=".*missing an id field.*")
ansi = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

def first_error(nb):
    for i, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                tb = "\n".join(out.get("traceback", []))
                return i, cell.source, f"{out.get('ename')}: {out.get('evalue')}", ansi.sub("", tb)
    return None

passed, failed = [], []
for path in paths:
    name = os.path.splitext(os.path.basename(path))[0]
    out_path = os.path.join(out_dir, name + ".ipynb")
    log_path = os.path.join(out_dir, name + ".kernel.log")
    print(f"[notebooks] running {os.path.basename(path)}", flush=True)
    start = time.monotonic()
    for attempt in range(1, START_ATTEMPTS + 1):
        nb = nbformat.read(path, as_version=4)
        error, retry = None, False
        with open(log_path, "a" if attempt > 1 else "w") as log:
            client = NotebookClient(nb, timeout=timeout, kernel_name="java",
                                    startup_timeout=startup_timeout,
                                    resources={"metadata": {"path": nb_dir}})
            try:
                # kernel stderr (INFO logs) goes to NAME.kernel.log
                client.execute(stderr=log)
            except CellExecutionError:
                error = first_error(nb) or (None, "", "CellExecutionError", "")
            except CellTimeoutError as e:
                error = (None, "", f"timeout: a cell ran longer than {timeout}s", str(e))
            except DeadKernelError as e:
                error = (None, "", "kernel died", str(e))
                # died before its first answer (e.g. a port of the connection file taken by another process
                # between Jupyter choosing it and the kernel binding it): no cell has run yet
                retry = "before replying to kernel_info" in str(e) and attempt < START_ATTEMPTS
            except RuntimeError as e:
                # kernel never answered (see START_ATTEMPTS), or died before answering: no cell has run yet
                atexit.unregister(client._cleanup_kernel)
                error = (None, "", f"kernel did not start: {e}", "")
                retry = ("didn't respond" in str(e) or "before replying to kernel_info" in str(e)) \
                    and attempt < START_ATTEMPTS
            except Exception as e:
                atexit.unregister(client._cleanup_kernel)
                error = (None, "", f"{type(e).__name__}: {e}", "")
        if not retry:
            break
        print(f"[notebooks] kernel did not start ({error[2]}), "
              f"retrying ({attempt + 1}/{START_ATTEMPTS})", file=sys.stderr, flush=True)
    secs = time.monotonic() - start
    nbformat.write(nb, out_path)
    if error is None:
        passed.append(name)
        print(f"[notebooks] OK     {name} ({secs:.1f}s) -> {out_path}", flush=True)
    else:
        failed.append(name)
        cell_no, source, summary, tb = error
        where = f" in cell {cell_no}" if cell_no else ""
        print(f"[notebooks] FAILED {name}{where} ({secs:.1f}s): {summary}", file=sys.stderr)
        if source:
            print("---- cell source ----\n" + source, file=sys.stderr)
        if tb:
            print("---- error ----\n" + tb[-4000:], file=sys.stderr)
        print(f"---- partial output: {out_path}; kernel log: {log_path}", file=sys.stderr, flush=True)

print(f"notebooks: {len(passed)} passed, {len(failed)} failed")
if failed:
    print("[notebooks] failed: " + ", ".join(failed), file=sys.stderr)
    sys.exit(1)
PY
