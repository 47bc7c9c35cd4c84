"""Build the core once: knowledge, matcher, catalogs and conversation, shared by every adapter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.conversation import Conversation
from bot.heap import release_free_memory
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


MatcherBuilder = Callable[[KnowledgeBase], Matcher]


def build_core(knowledge: Path = DEFAULT_KNOWLEDGE, locales: Path = DEFAULT_LOCALES) -> Core:
    """Raises KnowledgeError (with every problem) when the knowledge is invalid: the bot refuses to start."""
    core = build_core_from(load_knowledge(knowledge), locales, build_matcher, ConversationMemory())
    release_free_memory()  # the example messages, dropped once the matcher was built
    return core


def build_core_from(
    kb: KnowledgeBase, locales: Path, build_matcher: MatcherBuilder, memory: ConversationMemory | None = None
) -> Core:
    """`memory`: the running conversation's (a reload keeps what people were just talking about)."""
    catalogs = Catalogs(locales)
    matcher = build_matcher(kb)
    kb = kb.without_training_texts()  # the example messages are only read to build the matcher
    return Core(kb, matcher, catalogs, Conversation(kb, matcher, catalogs, memory))
