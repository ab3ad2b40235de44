#!/usr/bin/env bash
# Builds the sample site shipped in the repository into examples/so-demo/public/, then
# previews it with `trang serve` on http://127.0.0.1:8080/ (opening a browser when there is one).
#   scripts/demo.sh            build, then serve with live reload
#   scripts/demo.sh --no-serve build only
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
site=examples/so-demo
./target/release/trang build --root "$site"
echo "The built site is in $site/public/"
[ "${1:-}" = "--no-serve" ] && exit 0

open_flag=()
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then open_flag=(--open); fi
exec ./target/release/trang serve --root "$site" --port "${PORT:-8080}" "${open_flag[@]}"
