#!/usr/bin/env bash
# Notebooks are committed WITHOUT outputs.
#   strip-outputs.sh [--check] [NB.ipynb...]  fail (exit 1) listing notebooks that have outputs
#   strip-outputs.sh --fix     [NB.ipynb...]  remove outputs / execution counts in place
# Without notebook arguments it looks at notebooks/*.ipynb.
set -euo pipefail

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODE="--check"
if [ "${1:-}" = "--check" ] || [ "${1:-}" = "--fix" ]; then MODE="$1"; shift; fi
if [ "$#" -eq 0 ]; then
  shopt -s nullglob
  set -- "$NB_DIR"/*.ipynb
  shopt -u nullglob
fi
[ "$#" -eq 0 ] && exit 0

# Debian's /usr/bin/python3 (standard library only: json).
/usr/bin/python3 - "$MODE" "$@" <<'PY'
import json, sys

mode, paths = sys.argv[1], sys.argv[2:]
dirty = []
for path in paths:
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    found = []
    for i, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            found.append(f"cell {i}: {len(cell['outputs'])} output(s)")
        if cell.get("execution_count") is not None:
            found.append(f"cell {i}: execution_count={cell['execution_count']}")
        if mode == "--fix":
            cell["outputs"] = []
            cell["execution_count"] = None
    if found:
        dirty.append((path, found))
        if mode == "--fix":
            with open(path, "w", encoding="utf-8") as f:
                json.dump(nb, f, indent=1, ensure_ascii=False)
                f.write("\n")

if mode == "--fix":
    for path, _ in dirty:
        print(f"stripped outputs: {path}")
    sys.exit(0)

if dirty:
    for path, found in dirty:
        print(f"NOTEBOOK HAS OUTPUTS: {path}: " + "; ".join(found[:5])
              + (" ..." if len(found) > 5 else ""), file=sys.stderr)
    print("Notebooks are committed without outputs: run notebooks/strip-outputs.sh --fix",
          file=sys.stderr)
    sys.exit(1)
PY
