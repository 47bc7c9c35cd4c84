"""Text handling: normalisation, tokens and language detection (plain Python, no Telegram)."""
