#!/usr/bin/env bash
# Renders the executed notebooks (notebooks/target/executed/NAME.ipynb, from run-notebooks.sh) to
# notebooks/target/html/NAME.html + notebook.css + index.html + README.md, with Debian's
# jupyter-nbconvert (HTMLExporter, template render/kmslab: offline, pictures kept as they are).
#
#   notebooks/render/render.sh [OUT_DIR]      default OUT_DIR: notebooks/target/html
#
# Renders one page per notebooks/*.ipynb; exits 1 if one of them has no executed copy.
# notebooks/publish.sh copies the result into docs/notebooks/.
set -euo pipefail

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_DIR="${1:-$NB_DIR/target/html}"

if ! /usr/bin/jupyter nbconvert --version >/dev/null 2>&1; then
  echo "[render] Debian jupyter-nbconvert is missing: apt-get install -y jupyter-nbconvert" >&2
  exit 1
fi
shopt -s nullglob
sources=("$NB_DIR"/*.ipynb)
shopt -u nullglob
# Debian's Python: the one that sees nbconvert/nbformat (python3 on PATH may not).
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ beside the scripts
# The renderer's own tests first (render/test_render.py: stable pages, pictures kept, offline).
/usr/bin/python3 -W ignore::DeprecationWarning -m unittest discover -s "$NB_DIR/render" -p 'test_*.py'
exec /usr/bin/python3 "$NB_DIR/render/render.py" "$NB_DIR/target/executed" "$OUT_DIR" "${sources[@]}"
