#!/usr/bin/env bash
# Set-up shared by run.sh and test.sh: a virtual environment in .venv with the project installed.
# Re-installs only when pyproject.toml changes. Usage: source scripts/setup.sh [extras]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
extras="${1:-}"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Python 3.11 or newer is needed (found: $("$python" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv ..." >&2
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)${extras:+-$extras}"
if [ ! -f "$stamp" ]; then
  echo "Installing the project and its dependencies ..." >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  if ! .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"; then
    echo "Installing the dependencies failed (see above); fix the problem and run the command again." >&2
    exit 1
  fi
  touch "$stamp"
fi
