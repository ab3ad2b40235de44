#!/usr/bin/env bash
# Builds the department starter shipped in the repository (starter/department, written out by
# `trang new`) into target/demo/so-mau/public/, then previews it with `trang serve` at
# http://127.0.0.1:8080/ (opening a browser when there is one).
#   scripts/demo.sh                 department starter (so)
#   KIND=huyen scripts/demo.sh      district starter; KIND=doanh-nghiep for the enterprise one
#   scripts/demo.sh --no-serve      build only
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --profile quick --quiet
kind=${KIND:-so}
site=target/demo/$kind-mau
rm -rf "$site"
./target/quick/trang new "$site" --kind "$kind" >/dev/null
./target/quick/trang build --root "$site"
echo "The built site is in $site/public/"
[ "${1:-}" = "--no-serve" ] && exit 0

open_flag=()
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then open_flag=(--open); fi
exec ./target/quick/trang serve --root "$site" --port "${PORT:-8080}" "${open_flag[@]}"
