#!/usr/bin/env bash
# Search benchmark (issue 5): trang's index against Pagefind on the same 10,000-page site.
#
#   bench/search.sh [PAGES] [OUT_DIR]        # defaults: 10000 bench/out/search
#
# Prints, with ratios: the bytes a browser downloads from a cold cache to show the first
# results of typical two-word queries; the median query time in headless chromium after
# load; what the index adds to `trang build` (search on vs off, median of 5 fresh builds)
# against Pagefind's own indexing time and memory; recall over the shared vectors; and the
# whole-corpus check that every word of every page is findable. Timings are wall clock on
# this machine: run it when nothing else is building.
# Needs python3, node, cargo, Debian's chromium and /usr/bin/time.
set -euo pipefail
PAGES="${1:-10000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="${2:-$ROOT/bench/out/search}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$HERE/search"
if [ ! -x node_modules/.bin/pagefind ] || [ ! -d node_modules/playwright-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
(cd "$ROOT" && cargo build --release --quiet)
TRANG="${TRANG_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/trang}"
PAGEFIND="$HERE/search/node_modules/.bin/pagefind"

echo "== corpus: $PAGES pages"
if [ ! -f "$OUT/corpus/trang/trang.toml" ] || [ "$(cat "$OUT/corpus/pages" 2>/dev/null)" != "$PAGES" ]; then
  rm -rf "$OUT/corpus"
  python3 "$ROOT/bench/gen_site.py" "$PAGES" "$OUT/corpus" >/dev/null
  echo "$PAGES" > "$OUT/corpus/pages"
fi
SITE="$OUT/corpus/trang"
# The same content with search off (hard links, so nothing is copied).
rm -rf "$OUT/nosearch"
cp -al "$SITE" "$OUT/nosearch"
rm "$OUT/nosearch/trang.toml"
{ cat "$SITE/trang.toml"; printf '\n[search]\nenabled = false\n'; } > "$OUT/nosearch/trang.toml"

# Each build goes to a folder of its own that exists neither before nor after, and the disk
# is synced first: deleting the previous output while timing (ext4 with discard, dirty
# pages) made the runs differ by up to 3x.
build_secs() { # ROOT OUTPUT → seconds of a fresh build
  rm -rf "$2"
  sync
  sleep 1
  /usr/bin/time -f "%e" -o "$OUT/time.txt" "$TRANG" build --root "$1" --output "$2" >/dev/null 2>&1
  cat "$OUT/time.txt"
}
echo "== trang build, search off / on (5 fresh builds each, alternating)"
rm -rf "$OUT"/build-*
off=(); on=()
for i in 1 2 3 4 5; do
  off+=("$(build_secs "$OUT/nosearch" "$OUT/build-off-$i")")
  on+=("$(build_secs "$SITE" "$OUT/build-on-$i")")
done
rm -rf "$OUT"/build-*
rm -rf "$OUT/public"
"$TRANG" build --root "$SITE" --output "$OUT/public" >/dev/null 2>&1
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
OFF="$(median "${off[@]}")"; ON="$(median "${on[@]}")"
echo "   off: ${off[*]} s   on: ${on[*]} s"
"$TRANG" build --root "$SITE" --output "$OUT/public" -v 2>&1 | grep -E '^\s+index' || true
IDX_FILES=$(find "$OUT/public/search" -type f | wc -l)
IDX_BYTES=$(find "$OUT/public/search" -type f -not -path '*/f/*' -printf '%s\n' | awk '{s+=$1} END {print s}')
FRAG_BYTES=$(find "$OUT/public/search/f" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

echo "== Pagefind $("$PAGEFIND" --version | awk '{print $2}') on the same HTML"
rm -rf "$OUT/public/pagefind"
/usr/bin/time -f "%e %M" -o "$OUT/pf-time.txt" "$PAGEFIND" --site "$OUT/public" >"$OUT/pagefind.log" 2>&1
read -r PF_SECS PF_KB < "$OUT/pf-time.txt"
PF_BYTES=$(find "$OUT/public/pagefind" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

echo "== browser: first query (cold cache) and median query time"
node "$HERE/search/bench.js" measure "$OUT/public" > "$OUT/measure.json"

echo "== recall over the shared vectors (tests/data/vi/search_folding.tsv)"
node "$ROOT/tests/browser/fixture.js" "$OUT/vectors"
"$TRANG" build --root "$OUT/vectors" --output "$OUT/vectors-public" >/dev/null 2>&1
"$PAGEFIND" --site "$OUT/vectors-public" >/dev/null 2>&1
node "$HERE/search/bench.js" recall "$OUT/vectors-public" > "$OUT/recall.json"

echo "== every word of every page findable (whole corpus)"
(cd "$ROOT" && TRANG_SEARCH_CORPUS="$SITE" cargo test --release --quiet --test search -- --ignored every_word_of_the_corpus_is_findable --nocapture 2>&1 | grep -E 'checked|test result|panicked' || true)

python3 - "$OUT" "$OFF" "$ON" "$PF_SECS" "$PF_KB" "$IDX_BYTES" "$FRAG_BYTES" "$IDX_FILES" "$PF_BYTES" <<'PY'
import json, sys
out, off, on, pf_secs, pf_kb, idx, frag, files, pf_bytes = sys.argv[1:]
off, on, pf_secs, pf_kb = float(off), float(on), float(pf_secs), int(pf_kb)
m = json.load(open(f"{out}/measure.json"))
r = json.load(open(f"{out}/recall.json"))
kb = lambda b: f"{b / 1024:.0f} KB"
print()
print(f"Index build: trang build {off:.2f} s without search, {on:.2f} s with: +{on - off:.2f} s = {100 * (on - off) / off:.0f}% (bar: <= 25%)")
print(f"             Pagefind alone: {pf_secs:.2f} s, {pf_kb / 1024:.0f} MiB peak memory ({pf_secs / max(on - off, 1e-9):.1f}x trang's added time)")
print(f"Index size:  trang {int(idx) / 1e6:.1f} MB index + {int(frag) / 1e6:.1f} MB text fragments in {files} files; Pagefind {int(pf_bytes) / 1e6:.1f} MB")
print(f"First query, cold cache, {m['results']} results shown (search files only / with the page, CSS and HTML):")
worst = 0
for q, v in m["first"].items():
    t, p = v["trang"], v["pagefind"]
    worst = max(worst, t["allBytes"])
    print(f"  {q!r:16} trang {kb(t['searchBytes']):>7} / {kb(t['allBytes']):>7} in {t['files']:2} files   "
          f"Pagefind {kb(p['searchBytes']):>7} / {kb(p['allBytes']):>7} in {p['files']:2} files   ratio {t['searchBytes'] / max(p['searchBytes'], 1):.2f}")
print(f"  largest trang total: {kb(worst)} (bar: < 300 KB and <= Pagefind's)")
tt, pt = m["times"]["trang"], m["times"]["pagefind"]
print(f"Query time after load, median of {m['queries']} two-word queries with {m['results']} results' text: "
      f"trang {tt['median']:.1f} ms (max {tt['max']:.1f}), Pagefind {pt['median']:.1f} ms (max {pt['max']:.1f}); bar < 50 ms")
for e in ("trang", "pagefind"):
    x = r[e]
    print(f"Recall {e:8}: must-match {x['found']}/{x['must']}, must-not-match ranked {x['falsePos']}/{x['mustNot']}"
          + (f"  missed {x['missed']}" if x['missed'] else "") + (f"  wrong {x['wrong']}" if x['wrong'] else ""))
PY
