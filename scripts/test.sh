#!/usr/bin/env bash
# Runs every test of the project:
#   1. Rust unit and integration tests (cargo test --all-targets);
#   2. the search client's JavaScript tests (node --test) and the browser tests in headless
#      Debian chromium (tests/browser/run.sh; npm packages pinned in its package-lock.json).
# Under CI=true a missing browser is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --all-targets
cargo build --quiet
tests/browser/run.sh
