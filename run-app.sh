#!/usr/bin/env bash
# One command: set everything up on a fresh Linux machine and start Interfant Desktop.
# Arguments go to the app, e.g. ./run-app.sh --demo
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh app
exec .venv/bin/interfant-desktop "$@"
