"""The Telegram adapter (python-telegram-bot v22): thin handlers that call the core and render its replies."""
