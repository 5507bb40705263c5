#!/usr/bin/env bash
# Debian packages the application needs beyond Python: venv support, and Pango and fonts for WeasyPrint;
# with the argument `test` also Chromium for the browser tests (Playwright cannot download its own here).
# Installs what is missing when run as root (or with sudo); otherwise says what to install.
set -euo pipefail

missing=()
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi 'DejaVu Sans' || missing+=(fonts-dejavu-core fontconfig)
if [ "${1:-}" = "test" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "Ontbrekende systeempakketten: ${missing[*]}. Installeer ze met: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Systeempakketten installeren: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
