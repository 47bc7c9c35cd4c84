"""The knowledge base: model, loading with line numbers, validation and export."""

from bot.kb.load import KnowledgeError, load_knowledge
from bot.kb.model import Contact, Indicator, Issue, KnowledgeBase, Phone, Theme
from bot.kb.problems import Problem

__all__ = [
    "Contact",
    "Indicator",
    "Issue",
    "KnowledgeBase",
    "KnowledgeError",
    "Phone",
    "Problem",
    "Theme",
    "load_knowledge",
]
