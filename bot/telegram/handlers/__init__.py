"""Thin handlers: unpack the update, call the core (bot/conversation.py), render and send its replies."""
