#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite: lint, types (mypy --strict, see pyproject.toml),
# knowledge validation, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh dev
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python run_bot.py validate
exec .venv/bin/python -m pytest "$@"
