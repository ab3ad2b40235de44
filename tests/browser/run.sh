#!/usr/bin/env bash
# Site search tests in node and in headless chromium (issue 5), and the default theme's
# filter, lookup and menu in headless chromium (issue 4).
#
#   tests/browser/run.sh            # builds trang (debug) if needed
#   TRANG_BIN=target/release/trang tests/browser/run.sh
#
# Builds the search fixture site (tests/browser/fixture.js: the vector rows, legal
# documents with facets) with the trang binary, then runs the node tests of the client
# against that index (tests/js/) and the browser tests (tests/browser/search.test.js);
# builds the department starter (and a copy paginated one item a page) for
# tests/browser/ui.test.js.
# Needs node >= 18 and Debian's chromium (apt-get install chromium); under CI=true a
# missing chromium is a failure.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$HERE"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
TRANG_BIN="${TRANG_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/debug/trang}"
case "$TRANG_BIN" in /*) ;; *) TRANG_BIN="$ROOT/$TRANG_BIN" ;; esac
if [ ! -x "$TRANG_BIN" ]; then
  (cd "$ROOT" && cargo build --quiet)
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
node fixture.js "$WORK/site"
"$TRANG_BIN" build --root "$WORK/site" --output "$WORK/public" >/dev/null
node fixture.js "$WORK/site-lunr" elasticlunr
"$TRANG_BIN" build --root "$WORK/site-lunr" --output "$WORK/public-lunr" >/dev/null 2>&1
# The default theme's enhancements and menu (ui.test.js): the department starter, and a
# copy with one item a page (lists spread over several pages).
"$TRANG_BIN" new "$WORK/so" --kind so >/dev/null 2>&1
cp -r "$WORK/so" "$WORK/so-paged"
sed -i 's/^paginate_by = .*/paginate_by = 1/' "$WORK/so-paged/trang.toml"
grep -q '^paginate_by = 1$' "$WORK/so-paged/trang.toml"
"$TRANG_BIN" build --root "$WORK/so" >/dev/null 2>&1
"$TRANG_BIN" build --root "$WORK/so-paged" >/dev/null 2>&1
export TRANG_SEARCH_SITE="$WORK/public" TRANG_SEARCH_SITE_LUNR="$WORK/public-lunr"
export TRANG_STARTER_SITE="$WORK/so/public" TRANG_STARTER_PAGED="$WORK/so-paged/public"
node --test "$ROOT/tests/js/" "$HERE/search.test.js" "$HERE/ui.test.js"
