#!/usr/bin/env bash
# Times `./kmslab notebooks` from a fresh clone to the first executed cell, driving Jupyter headless as a browser would:
# starts `./kmslab notebooks --no-browser` in a fresh clone, opens notebook 01 through the Jupyter server's REST API
# (a session with the `java` kernel), runs its first code cells over the kernel's websocket, prints the times, and
# stops Jupyter. Exits 1 if a step fails or a cell answers with an error.
#
#   notebooks/time-kmslab-notebooks.sh [--keep] [CELLS]
#
#   CELLS    how many of notebook 01's code cells to run (default 3: %jars, the imports, the first lab cell)
#   --keep   keep the clone (its path is printed)
#
# The clone is of this repository's committed HEAD (git clone), built by ./kmslab notebooks itself (Maven's ~/.m2 is
# reused). Needs Jupyter Notebook (Debian jupyter-notebook) and Debian's python3-tornado (a dependency of it).
set -euo pipefail

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$NB_DIR/.." && pwd)"
keep=0
cells=3
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    [0-9]*) cells="$arg" ;;
    *) echo "usage: $0 [--keep] [CELLS]" >&2; exit 2 ;;
  esac
done

clone="$(mktemp -d -t kmslab-fresh-clone.XXXXXX)"
log="$clone.jupyter.log"
jupyter_pid=""
cleanup() {
  if [ -n "$jupyter_pid" ]; then kill "$jupyter_pid" 2>/dev/null || true; wait "$jupyter_pid" 2>/dev/null || true; fi
  if [ "$keep" = 0 ]; then rm -rf "$clone" "$log"; else echo "clone kept: $clone (Jupyter's log: $log)"; fi
}
trap cleanup EXIT

git clone -q "$REPO" "$clone"
# a free port for this run
port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

start_ns="$(date +%s%N)"
JUPYTER_TOKEN="$token" "$clone/kmslab" notebooks --no-browser --port "$port" >"$log" 2>&1 &
jupyter_pid=$!

/usr/bin/python3 - "$port" "$token" "$start_ns" "$cells" "$clone/notebooks/01-keys-and-encryption.ipynb" \
    "$jupyter_pid" "$log" <<'PY'
import json, os, sys, time, uuid, urllib.request
from tornado import httpclient, ioloop, websocket

port, token, start_ns, cells, nb_path, pid, log = sys.argv[1:8]
t0 = int(start_ns) / 1e9
base = f"http://127.0.0.1:{port}"
since = lambda: time.time() - t0

def alive():
    try:
        os.kill(int(pid), 0)
        return True
    except OSError:
        return False

def api(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"null")

# 1. the server answers (after the build, setup.sh and Jupyter's start)
while True:
    if not alive():
        sys.exit("./kmslab notebooks ended early:\n" + open(log).read())
    try:
        api("GET", "/api/status")
        break
    except OSError:
        if since() > 900:
            sys.exit("Jupyter did not answer within 900 s:\n" + open(log).read())
        time.sleep(0.2)
t_server = since()

# 2. open notebook 01 as the browser does: a session with its kernel
session = api("POST", "/api/sessions", {"path": os.path.basename(nb_path), "type": "notebook", "name": "",
                                        "kernel": {"name": "java"}})
kernel_id = session["kernel"]["id"]
t_session = since()
codes = [c["source"] if isinstance(c["source"], str) else "".join(c["source"])
         for c in json.load(open(nb_path))["cells"] if c["cell_type"] == "code"][:int(cells)]

async def run():
    # Jupyter answers the websocket once the kernel answered its kernel_info_request (or after a minute)
    ws = await websocket.websocket_connect(httpclient.HTTPRequest(
        f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}&token={token}",
        connect_timeout=300, request_timeout=300))
    t_ws = since()
    times = []
    for code in codes:
        msg_id = uuid.uuid4().hex
        await ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "kmslab", "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        while True:
            raw = await ws.read_message()
            if raw is None:
                raise SystemExit("the kernel's websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "error":
                raise SystemExit(f"cell failed: {msg['content']['ename']}: {msg['content']['evalue']}\n{code}")
            if msg["msg_type"] == "execute_reply":
                if msg["content"]["status"] != "ok":
                    raise SystemExit(f"cell failed ({msg['content']['status']}):\n{code}")
                times.append(since())
                break
    ws.close()
    return t_ws, times

t_ws, times = ioloop.IOLoop.current().run_sync(run, timeout=900)
print(f"./kmslab notebooks (fresh clone, ~/.m2 warm) -> Jupyter answers: {t_server:6.1f} s")
print(f"  notebook 01 opened (session + kernel started):   {t_session:6.1f} s")
print(f"  kernel connected (websocket, kernel_info):       {t_ws:6.1f} s")
for i, (t, code) in enumerate(zip(times, codes), start=1):
    first = code.strip().splitlines()[0][:50]
    print(f"  code cell {i} executed ({first}):{' ' * max(1, 30 - len(first))}{t:6.1f} s")
PY
