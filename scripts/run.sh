#!/usr/bin/env bash
# run.sh - what `make run` does once everything is installed: migrate, seed the An Hải demo,
# then serve the site with a Celery worker and beat. Ctrl-C (or TERM) stops every process it
# started; running it again is safe (migrations and seed_anhai are idempotent).
#
# Environment: PORT (default 8000), HOST (default 127.0.0.1), REDIS_URL (Redis broker; without
# it the embedded SQLite broker under var/ is used), plus everything in .env.example. A .env
# file in the project root is read first, if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -f .env ]; then
  set -a
  # shellcheck disable=SC1091
  . ./.env
  set +a
fi
# The demo: development mode, the seeded accounts with their published password, and no forced two-factor
# sign-in (nobody running the demo has the accounts' phones) unless .env or the environment asks for it.
export DEBUG="${DEBUG:-true}" DEMO="${DEMO:-true}" OTP_REQUIRED_ROLES="${OTP_REQUIRED_ROLES-}"
PORT=${PORT:-8000}
HOST=${HOST:-127.0.0.1}
export DJANGO_SETTINGS_MODULE=anhai_thidua.settings PYTHONUNBUFFERED=1
PY=.venv/bin/python
CELERY=.venv/bin/celery
mkdir -p var

$PY manage.py migrate --noinput --verbosity 1
case "${DEMO,,}" in 1|true|yes|on) $PY manage.py seed_anhai ;; esac
read -r debug broker < <($PY -c 'import django; django.setup(); from django.conf import settings
print(settings.DEBUG, settings.CELERY_BROKER_URL.split(":", 1)[0])')
if [ "$debug" = False ]; then
  # Without DEBUG, whitenoise serves the collected files only.
  $PY manage.py collectstatic --noinput --verbosity 0
fi

pids=()
stopping=0
stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap - INT TERM
  echo
  echo "run: stopping the web server, the worker and beat..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 40); do   # up to 10 s for a warm shutdown
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.25
  done
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      pkill -KILL -P "$pid" 2>/dev/null || true   # the worker's pool processes
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  wait 2>/dev/null || true
  echo "run: stopped."
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

$CELERY -A anhai_thidua worker --loglevel INFO --concurrency 2 --hostname "anhai@%h" &
pids+=($!)
$CELERY -A anhai_thidua beat --loglevel INFO &
pids+=($!)
$PY manage.py runserver --noreload "$HOST:$PORT" &
pids+=($!)

# Wait until the site answers, then say where it is and who can sign in.
for _ in $(seq 1 120); do
  if $PY - "$HOST" "$PORT" <<'PY' 2>/dev/null; then break; fi
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(f"http://{sys.argv[1]}:{sys.argv[2]}/healthz", timeout=2)
except urllib.error.HTTPError:
    pass
PY
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "run: a process exited early" >&2; exit 1; }; done
  sleep 0.5
done

$PY - "$HOST" "$PORT" "$broker" <<'PY'
import sys

import django

django.setup()
from organisation import seed_data

host, port, broker = sys.argv[1:4]
print()
print("=" * 78)
print(f"  Thi đua An Hải is running at  http://{host}:{port}/")
print(f"  Health: http://{host}:{port}/healthz   Admin: http://{host}:{port}/quan-tri/")
print(f"  Celery worker + beat on the {'Redis' if broker.startswith('redis') else 'embedded SQLite'} broker")
from django.conf import settings

if settings.DEMO:
    print(f"  Demo accounts (password for all: {seed_data.DEMO_PASSWORD}):")
    for account in seed_data.ACCOUNTS:
        print(f"    {account[0]:<22} {account[-1]}")
print("  Press Ctrl-C to stop everything.")
print("=" * 78, flush=True)
PY

# Stop everything as soon as any one of them exits.
set +e
wait -n "${pids[@]}"
rc=$?
echo "run: a process exited (rc=$rc); stopping the others" >&2
exit "$rc"
