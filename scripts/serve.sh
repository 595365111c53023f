#!/usr/bin/env bash
# Serves the portal with a Celery worker and beat beside it; Ctrl-C stops all three.
set -euo pipefail
host="${1:-127.0.0.1}"; port="${2:-8000}"
venv=.venv/bin
mkdir -p var/log
"$venv/celery" -A config worker --loglevel=INFO --concurrency=2 >var/log/worker.log 2>&1 &
worker=$!
"$venv/celery" -A config beat --loglevel=INFO >var/log/beat.log 2>&1 &
beat=$!
trap 'kill $worker $beat 2>/dev/null; wait $worker $beat 2>/dev/null' EXIT INT TERM
echo "Worker (pid $worker) and beat (pid $beat) log to var/log/."
echo "Dialoog runs on http://$host:$port/ (Ctrl-C stops it)."
"$venv/python" manage.py runserver "$host:$port"
