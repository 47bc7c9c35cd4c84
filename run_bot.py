#!/usr/bin/env python3
"""The IAG signposting bot: run it, or use one of its commands (see `python run_bot.py --help`)."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
