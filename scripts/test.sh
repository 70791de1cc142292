#!/usr/bin/env bash
# Installs everything and runs the whole suite twice: on SQLite (with the browser tests)
# and on PostgreSQL (127.0.0.1:5432, or TEST_POSTGRES_URL). Redis (127.0.0.1:6379) serves
# the pipeline tests' real Celery worker. Extra arguments go to both pytest runs.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --browser --replica || exit 1

echo "==> import contracts (lint-imports: no cycles, no layer breaks)"
.venv/bin/lint-imports --no-cache || exit 1

status=0
echo "==> tests on SQLite (with browser tests)"
.venv/bin/python -m pytest --db=sqlite "$@" || status=$?
echo "==> tests on PostgreSQL"
.venv/bin/python -m pytest --db=postgresql -m "not browser" "$@" || { rc=$?; [ $status = 0 ] && status=$rc; }
exit $status
