#!/usr/bin/env bash
# Prepares a fresh Linux machine (Python 3.11+) for running or testing the app:
# the system libraries Qt needs, PostgreSQL (tests only), and a .venv with the app.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-app}   # app | test

need=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
      libxcb-render-util0 libxcb-image0 fonts-dejavu-core)
if [ "$purpose" = test ]; then
  need+=(postgresql xvfb xauth poppler-utils zbar-tools)
fi
missing=()
for pkg in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# The print tests' CUPS server and its PDF printer (tools/cups-test-server.sh), without the
# recommended avahi and colord daemons.
printing=()
if [ "$purpose" = test ]; then
  for pkg in cups-daemon cups-client cups-filters printer-driver-cups-pdf; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || printing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ] || [ ${#printing[@]} -gt 0 ]; then
  as_root=()
  if command -v apt-get >/dev/null && [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then
    as_root=(sudo)
  fi
  if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || [ ${#as_root[@]} -gt 0 ]; }; then
    all=("${missing[@]}" "${printing[@]}")
    echo "setup: installing system packages${as_root:+ with sudo}: ${all[*]}"
    "${as_root[@]}" apt-get update -qq
    [ ${#missing[@]} -eq 0 ] || "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq "${missing[@]}" >/dev/null
    # (their scripts try to start the system's cupsd and say so where that is not allowed)
    [ ${#printing[@]} -eq 0 ] || "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${printing[@]}" >/tmp/interfant-setup-cups.log 2>&1 \
      || { cat /tmp/interfant-setup-cups.log >&2; exit 1; }
  else
    all=("${missing[@]}" "${printing[@]}")
    echo "setup: please install these system packages: ${all[*]}" >&2
  fi
fi

# pip prints one warning per package for index mirrors configured on some machines; keep real errors.
pip_install() {
  .venv/bin/python -m pip install -q --disable-pip-version-check "$@" 2>&1 \
    | { grep -v -E "^WARNING: Location '.*' is ignored" || true; }
  return "${PIPESTATUS[0]}"
}

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "setup: Python 3.11 or newer is needed (found $("$python" --version))" >&2; exit 1; }
[ -x .venv/bin/python ] || "$python" -m venv .venv
pip_install --upgrade pip
if [ "$purpose" = test ]; then
  pip_install -e '.[dev,installer]'
else
  pip_install -e .
fi
