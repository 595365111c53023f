#!/usr/bin/env bash
# Installs the Debian packages Dialoog needs, when run as root on Debian/Ubuntu; elsewhere it only
# says what is missing. `base` is for running the portal, `test` adds the browser and PDF tools,
# `bench` adds the HTTP load tool wrk.
set -euo pipefail
profile="${1:-base}"
packages=(gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
commands=(msgfmt)
if [ "$profile" = "test" ]; then
  packages+=(chromium chromium-driver poppler-utils)
  commands+=(chromium pdftotext)
fi
if [ "$profile" = "bench" ]; then
  packages+=(wrk)
  commands+=(wrk)
fi
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
else
  for c in "${commands[@]}" npm; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Note: these system packages are missing: ${missing[*]}." >&2
  echo "      Install them with your package manager (Debian: sudo apt-get install ${missing[*]})." >&2
  echo "      Without them, the tests that need them are skipped." >&2
fi
