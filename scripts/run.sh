#!/usr/bin/env bash
# Set up (first time only) and run the bot. Without TELEGRAM_BOT_TOKEN it opens a chat in this terminal.
# Any arguments are passed on: scripts/run.sh validate, scripts/run.sh ask "..." (see run_bot.py --help).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh ""  # no extras (its own argument, not ours: run.sh passes its arguments to run_bot.py)
exec .venv/bin/python run_bot.py "$@"
