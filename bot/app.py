"""Build the core once: knowledge, matcher, catalogs and conversation, shared by every adapter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.conversation import Conversation
from bot.i18n import Catalogs
from bot.kb import KnowledgeBase, load_knowledge
from bot.match import Matcher, build_matcher
from bot.memory import ConversationMemory

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE = PROJECT_ROOT / "knowledge"
DEFAULT_LOCALES = PROJECT_ROOT / "locales"


@dataclass(frozen=True)
class Core:
    kb: KnowledgeBase
    matcher: Matcher
    catalogs: Catalogs
    conversation: Conversation


def build_core(knowledge: Path = DEFAULT_KNOWLEDGE, locales: Path = DEFAULT_LOCALES) -> Core:
    """Raises KnowledgeError (with every problem) when the knowledge is invalid: the bot refuses to start."""
    kb = load_knowledge(knowledge)
    matcher = build_matcher(kb)
    catalogs = Catalogs(locales)
    return Core(kb, matcher, catalogs, Conversation(kb, matcher, catalogs, ConversationMemory()))
