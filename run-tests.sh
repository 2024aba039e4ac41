#!/usr/bin/env bash
# One command: set everything up on a fresh Linux machine and run the whole test suite
# (lint, types, layer contracts, pytest against SQLite, a real PostgreSQL and a real CUPS
# printer, clinical cases).
# Extra arguments go to pytest, e.g. ./run-tests.sh tests/protocol -x
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh test
# shellcheck disable=SC1091
source .venv/bin/activate
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1

pg_env=$(tools/pg-test-server.sh start)  # (a failed start stops here: eval "$(…)" would not)
eval "$pg_env"
trap 'tools/pg-test-server.sh stop "$PG_TEST_DIR"' EXIT
# A private CUPS server with a PDF printer for tests/ui/test_print_job_cups.py (it needs
# root, as CI is; elsewhere those tests are skipped)
if [ "$(id -u)" = 0 ]; then
  cups_env=$(tools/cups-test-server.sh start)  # (a failed start stops here: eval "$(…)" would not)
  eval "$cups_env"
  trap 'tools/pg-test-server.sh stop "$PG_TEST_DIR"; tools/cups-test-server.sh stop "$CUPS_TEST_DIR"' EXIT
else
  echo "== (not root: no CUPS test printer, the CUPS print tests are skipped)"
fi

echo "== ruff";        ruff check interfant_desktop tests tools benchmarks
echo "== mypy";        mypy interfant_desktop benchmarks tools
echo "== layers";      lint-imports
# One worker per core (PYTEST_WORKERS=1 for one process); each test file runs whole on one
# worker, so a file's fixtures and its shared servers' state (the CUPS queue, PostgreSQL's
# group roles) are never used by two workers at once.
echo "== pytest";      pytest -n "${PYTEST_WORKERS:-auto}" --dist loadfile "$@"
shared=${INTERFANT_SHARED:-../shared}
if [ -f "$shared/tools/check_cases.py" ]; then
  echo "== clinical cases ($shared/cases, round2, bags, infusion)"
  python "$shared/tools/check_cases.py" --cmd "interfant-desktop evaluate" "$shared/cases" \
    "$shared/cases/round2" "$shared/cases/bags" "$shared/cases/infusion"
fi
