"""IAG signposting bot: a pure core (knowledge, matching, replies) with thin adapters (Telegram, console, CLI)."""
