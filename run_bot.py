#!/usr/bin/env python3
"""The IAG signposting bot: run it, or use one of its commands (see `python run_bot.py --help`)."""

import os
import sys

os.environ.setdefault("PTB_TIMEDELTA", "1")  # python-telegram-bot: durations as timedelta (its future default)

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
