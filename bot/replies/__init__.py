"""Replies as data: HTML text plus buttons, built by the core and rendered by each adapter."""

from bot.replies.model import Button, Reply, plain_text

__all__ = ["Button", "Reply", "plain_text"]
