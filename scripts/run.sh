#!/usr/bin/env bash
# Runs the marketplace on the embedded default: SQLite and a SQLite-backed Celery broker in
# instance/, demo data, a real Celery worker (with beat) and the web app on 127.0.0.1:5000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh

export FLASK_APP=wsgi
mkdir -p instance
.venv/bin/flask db upgrade
.venv/bin/flask demo-data

echo "==> starting the Celery worker and beat (log: instance/worker.log)"
.venv/bin/celery -A workers.worker worker -B --loglevel=info --concurrency=1 \
  --schedule instance/celerybeat-schedule >instance/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM

echo "==> Làng Nghề Market on http://127.0.0.1:${PORT:-5000} (demo logins in README.md)"
.venv/bin/flask run --host 127.0.0.1 --port "${PORT:-5000}"
