#!/usr/bin/env bash
# Builds the sample site shipped in the repository and serves it on http://127.0.0.1:8080/.
#   scripts/demo.sh            build, serve and open a browser when one is available
#   scripts/demo.sh --no-serve build only
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
site=examples/so-demo
./target/release/trang build --root "$site"
echo "The built site is in $site/public/"
[ "${1:-}" = "--no-serve" ] && exit 0

port=${PORT:-8080}
url="http://127.0.0.1:$port/"
echo "Serving it at $url (Ctrl+C to stop)"
if command -v xdg-open >/dev/null 2>&1 && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  (sleep 1 && xdg-open "$url" >/dev/null 2>&1) &
fi
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site/public"
