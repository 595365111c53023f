#!/usr/bin/env bash
# Finds a Python 3.11 or newer; prints a clear message when there is none.
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    [ "${1:-}" = "--print" ] && command -v "$candidate"
    exit 0
  fi
done
echo "Dialoog needs Python 3.11 or newer with the venv module (Debian: apt-get install python3 python3-venv)." >&2
exit 1
