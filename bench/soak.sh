#!/usr/bin/env bash
# The 5-minute soak: the test suite's soak (tests/test_load.py) run for 300 s instead of 30, with
# its figures printed (answers per status, trouble answers, resident memory every 10 s).
#   bench/soak.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
BKGRAPH_SOAK_SECONDS="${1:-300}" .venv/bin/pytest -q -s -p no:cacheprovider tests/test_load.py
