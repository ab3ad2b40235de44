#!/usr/bin/env bash
# Runs every test of the project, installing what a fresh Debian machine lacks first:
#   0. Debian's chromium (browser tests) and node/npm, when missing (apt-get, as root or sudo);
#   1. Rust unit and integration tests (cargo test --all-targets);
#   2. the search client's JavaScript tests (node --test) and the browser tests in headless
#      chromium (tests/browser/run.sh; npm packages pinned in tests/browser/package-lock.json).
# Under CI=true a missing browser is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "test.sh: installing ${need_apt[*]} with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

cargo test --all-targets
cargo build --quiet
tests/browser/run.sh
