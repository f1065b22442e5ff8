#!/usr/bin/env bash
# The build's check of the rendered notebooks (notebooks module, phase verify; after render.sh):
#   1. every page of notebooks/target/html (this build's render) and of docs/notebooks (the published
#      copy) opened in headless Chromium: loads without console errors or failed requests, needs no
#      network, every picture renders with a non-zero size, no cell has an error output
#      (render/check-pages.mjs, playwright-core from notebooks/package-lock.json driving /usr/bin/chromium);
#      (check-pages.test.mjs first: the check must reject pages broken in each of those ways);
#   2. docs/notebooks compared with this build's render: a difference means docs/notebooks is stale.
#
#   notebooks/render/check.sh [--stale=warn|fail]     default: warn (KMSLAB_DOCS_STALE overrides); the build passes fail
#
# With --stale=fail a stale docs/notebooks fails the build; with warn it is only reported.
set -euo pipefail

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCS_DIR="$(cd "$NB_DIR/.." && pwd)/docs/notebooks"
HTML_DIR="$NB_DIR/target/html"
STALE="${KMSLAB_DOCS_STALE:-warn}"
for arg in "$@"; do
  case "$arg" in
    --stale=warn|--stale=fail) STALE="${arg#--stale=}" ;;
    *) echo "usage: $0 [--stale=warn|fail]" >&2; exit 2 ;;
  esac
done
[ "$STALE" = warn ] || [ "$STALE" = fail ] || { echo "[check] KMSLAB_DOCS_STALE must be warn or fail" >&2; exit 2; }

if [ ! -f "$HTML_DIR/index.html" ]; then
  echo "[check] $HTML_DIR has no rendered pages: run notebooks/run-notebooks.sh, then notebooks/render/render.sh" >&2
  exit 1
fi

# playwright-core as locked in package-lock.json (npm ci only when node_modules does not match it)
command -v node >/dev/null || { echo "[check] Node.js is missing: apt-get install -y nodejs npm" >&2; exit 1; }
want="$(sed -n '/"node_modules\/playwright-core"/,/}/s/.*"version": "\(.*\)".*/\1/p' "$NB_DIR/package-lock.json")"
# (no node_modules yet: sed fails, and under pipefail that would end the script; an empty version means "install")
have="$( (sed -n 's/.*"version": "\(.*\)".*/\1/p' "$NB_DIR/node_modules/playwright-core/package.json" 2>/dev/null || true) | head -1)"
if [ "$want" != "$have" ]; then
  echo "[check] npm ci (playwright-core $want) in notebooks/"
  (cd "$NB_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi

# the check itself first: broken pages it must reject (render/check-pages.test.mjs)
(cd "$NB_DIR" && node --test --test-reporter=spec render/check-pages.test.mjs)

dirs=("$HTML_DIR")
[ -d "$DOCS_DIR" ] && dirs+=("$DOCS_DIR")
node "$NB_DIR/render/check-pages.mjs" "${dirs[@]}"

# docs/notebooks against this build's render
if [ ! -d "$DOCS_DIR" ]; then
  stale="docs/notebooks does not exist"
elif ! diff -rq "$HTML_DIR" "$DOCS_DIR" >/dev/null 2>&1; then
  # (diff exits 1 on a difference: not an error here)
  stale="$( (diff -rq "$HTML_DIR" "$DOCS_DIR" 2>&1 || true) \
    | sed -e "s#$HTML_DIR#notebooks/target/html#g" -e "s#$DOCS_DIR#docs/notebooks#g" -e 's/^/    /')"
else
  stale=""
fi
if [ -n "$stale" ]; then
  echo "[check] docs/notebooks is stale compared with this build's render of the notebooks:"
  echo "$stale"
  # what changed, briefly: the first changed lines of each differing page, without markup
  for page in "$HTML_DIR"/*.html; do
    docs_page="$DOCS_DIR/$(basename "$page")"
    [ -f "$docs_page" ] && ! cmp -s "$page" "$docs_page" || continue
    echo "    $(basename "$page"), first changes (- published, + this build):"
    { diff "$docs_page" "$page" || true; } | grep '^[<>]' \
      | sed -e 's/^< /- /' -e 's/^> /+ /' -e 's/<[^>]*>//g' -e 's/&#34;/"/g' \
      | cut -c1-160 | head -4 | sed 's/^/      /'
  done
  echo "[check] run notebooks/publish.sh (and commit docs/notebooks)"
  if [ "$STALE" = fail ]; then exit 1; fi
  echo "[check] (a warning only, for now: mvn -Dnotebooks.docs.stale=fail, or check.sh --stale=fail, makes it fail the build)"
else
  echo "[check] docs/notebooks is up to date with this build's render"
fi
