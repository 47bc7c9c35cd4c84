#!/usr/bin/env bash
# Set up (first time only) and run the bot. Without TELEGRAM_BOT_TOKEN it opens a chat in this terminal.
# Any arguments are passed on: scripts/run.sh validate, scripts/run.sh ask "..." (see run_bot.py --help).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
exec .venv/bin/python run_bot.py "$@"
