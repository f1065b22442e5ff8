#!/usr/bin/env bash
# Publishes the rendered notebooks: renders notebooks/target/executed/*.ipynb (render/render.sh) and
# copies the pages into docs/notebooks/ (index.html, README.md, notebook.css, NAME.html), removing
# pages of notebooks that no longer exist. Run it after the notebooks were executed:
#     mvn -B -ntp verify          (or: mvn -B -ntp -pl notebooks -am package -DskipTests
#                                      && notebooks/run-notebooks.sh)
#     notebooks/publish.sh
# then commit docs/notebooks. The build (render/check.sh) reports docs/notebooks as stale when it
# differs from its own render.
set -euo pipefail

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HTML_DIR="$NB_DIR/target/html"
DOCS_DIR="$(cd "$NB_DIR/.." && pwd)/docs/notebooks"

rm -rf "$HTML_DIR"
bash "$NB_DIR/render/render.sh" "$HTML_DIR"
mkdir -p "$DOCS_DIR"
# only generated files live in docs/notebooks: replace them all
find "$DOCS_DIR" -maxdepth 1 -type f \( -name '*.html' -o -name '*.css' -o -name 'README.md' \) -delete
cp "$HTML_DIR"/* "$DOCS_DIR"/
echo "[publish] $(ls "$DOCS_DIR"/*.html | wc -l) pages in docs/notebooks; commit them with: git add docs/notebooks"
