#!/usr/bin/env bash
# Installs everything and runs the whole suite twice, side by side: on SQLite (with the browser
# tests) and on PostgreSQL (127.0.0.1:5432, or TEST_POSTGRES_URL). Redis (127.0.0.1:6379) serves
# the pipeline tests' real Celery worker. Extra arguments go to both pytest runs.
#
# The two passes share nothing (each has its own databases, temporary folder, Celery queues,
# localstripe server and Redis key prefixes), so they run at the same time: on two cores this
# keeps the whole command near the longer pass instead of the sum of both. The PostgreSQL
# pass's output is kept in a file and printed after the SQLite pass's.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --browser --replica || exit 1

echo "==> import contracts (lint-imports: no cycles, no layer breaks)"
.venv/bin/lint-imports --no-cache || exit 1

work=$(mktemp -d "${TMPDIR:-/tmp}/lnm-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "==> tests on PostgreSQL started in the background (output below, after SQLite's)"
.venv/bin/python -m pytest --db=postgresql -m "not browser" -p no:cacheprovider \
    --basetemp="$work/postgresql" "$@" > "$work/postgresql.log" 2>&1 &
postgres=$!

status=0
echo "==> tests on SQLite (with browser tests)"
.venv/bin/python -m pytest --db=sqlite --basetemp="$work/sqlite" "$@" || status=$?

wait $postgres
rc=$?
echo "==> tests on PostgreSQL"
cat "$work/postgresql.log"
[ $status = 0 ] && status=$rc
exit $status
