#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine: the Python virtualenv
# with the project and its test tools, compiled translations, (with --browser) Debian's
# Chromium for the browser tests and (with --replica) PostgreSQL's server binaries, which the
# read-replica tests use to start their own primary and streaming standby. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
want_replica=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --replica) want_replica=1 ;;
  esac
done
sudo_cmd=""
[ "$(id -u)" != 0 ] && sudo_cmd="sudo"

if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Debian's chromium for the browser tests"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-noto-core >/dev/null
fi

# initdb, pg_ctl and pg_basebackup (tests/replica_cluster.py); the package's own cluster is not used.
if [ "$want_replica" = 1 ] && ! ls /usr/lib/postgresql/*/bin/pg_basebackup >/dev/null 2>&1; then
  echo "==> installing PostgreSQL's server binaries for the read-replica tests"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
fi

# CPython 3.12 or newer: 3.11's allocator crashed under gunicorn's threaded workers (README,
# "Why Python 3.12"). Take $PYTHON if given, else the first 3.12+ found (pyenv's included).
find_python() {
  for candidate in "${PYTHON:-}" python3.12 python3.13 python3 \
      "$HOME"/.pyenv/versions/3.12*/bin/python3 "$HOME"/.pyenv/versions/3.13*/bin/python3; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}
PYTHON=$(find_python) || { echo "Python 3.12 or newer is needed (set PYTHON=/path/to/python3.12)" >&2; exit 1; }
if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  echo "==> .venv has an older Python: making it again"
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $("$PYTHON" --version)"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "==> installing Python packages"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e ".[test]"
  rm -f .venv/.installed-* && touch "$stamp"
fi
# The front-end libraries in static/vendor/ (Chart.js): checked against their pins, fetched from
# the npm registry only if one is missing or differs.
.venv/bin/python scripts/vendor_assets.py
.venv/bin/pybabel compile -d marketplace/translations >/dev/null
