"""The brief memory of each person's last topic: a short follow-up is read with it, for a few minutes only, never
another person's, cleared by /forget, never written anywhere."""

from __future__ import annotations

import pytest

from bot.conversation import Conversation, Profile
from bot.effects import LogUnanswered, RecordFeedback, SavePreference, Send
from bot.memory import MEMORY_SECONDS, ConversationMemory


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def talk(conversation: Conversation, clock: Clock) -> Conversation:
    memory = ConversationMemory(clock=clock)
    return Conversation(conversation.kb, conversation.matcher, conversation.catalogs, memory)


def _topic(talk: Conversation, person: str, question: str = "help finding housing after refugee status") -> str:
    outcome = talk.on_text(Profile(role="staff"), question, person)
    assert outcome.result is not None and outcome.result.matches
    issue = talk.kb.issue(outcome.result.matches[0].issue)
    assert issue is not None
    return talk.context(outcome.lang or "en", "staff").issue_title(issue)


def test_a_follow_up_within_the_time_gets_the_previous_topic(talk: Conversation, clock: Clock) -> None:
    title = _topic(talk, "alice")
    clock.now += MEMORY_SECONDS - 1
    first = talk.on_text(Profile(role="staff"), "what about Slough?", "alice").replies[0]
    assert first.text.startswith(f"About {title}:")
    assert first.buttons  # the card itself, not a note alone


def test_after_the_time_a_follow_up_is_not_understood(talk: Conversation, clock: Clock) -> None:
    _topic(talk, "alice")
    clock.now += MEMORY_SECONDS + 1
    first = talk.on_text(Profile(role="staff"), "what about Slough?", "alice").replies[0]
    assert "About" not in first.text
    assert first.text == talk.on_text(Profile(role="staff"), "what about Slough?").replies[0].text  # "no match"


def test_another_persons_topic_is_never_used(talk: Conversation) -> None:
    _topic(talk, "alice")
    first = talk.on_text(Profile(role="staff"), "what about Slough?", "bob").replies[0]
    assert "About" not in first.text
    assert "About" not in talk.on_text(Profile(role="staff"), "what about Slough?").replies[0].text  # no person


def test_forget_clears_the_topic(talk: Conversation) -> None:
    _topic(talk, "alice")
    talk.on_command(Profile(role="staff"), "forget", person="alice")
    assert "About" not in talk.on_text(Profile(role="staff"), "what about Slough?", "alice").replies[0].text


def test_a_long_or_clear_question_is_answered_on_its_own(talk: Conversation) -> None:
    _topic(talk, "alice")
    long = "what about the town of Slough near London in the south"
    assert "About" not in talk.on_text(Profile(role="staff"), long, "alice").replies[0].text
    clear = talk.on_text(Profile(role="staff"), "English classes", "alice")
    assert "About" not in clear.replies[0].text
    assert clear.result is not None and clear.result.matches[0].issue == "esol"


def test_a_follow_up_keeps_the_topics_language(talk: Conversation) -> None:
    outcome = talk.on_text(Profile(role="staff"), "pomoc w znalezieniu mieszkania", "ola")
    assert outcome.lang == "pl" and outcome.result is not None
    issue = talk.kb.issue(outcome.result.matches[0].issue)
    assert issue is not None
    again = talk.on_text(Profile(role="staff"), "a Slough?", "ola")
    assert again.lang == "pl"
    ctx = talk.context("pl", "staff")
    note = ctx.t.gettext("About {topic}:", topic=ctx.issue_title(issue))
    assert note.startswith("Na temat") and again.replies[0].text.startswith(note)


def test_nothing_about_the_topic_is_stored_or_logged(talk: Conversation) -> None:
    _topic(talk, "alice")
    outcome = talk.on_text(Profile(role="staff"), "what about Slough?", "alice")
    stored = [e for e in outcome.effects if not isinstance(e, Send)]
    assert not any(isinstance(e, SavePreference | RecordFeedback | LogUnanswered) for e in stored)
    assert all("alice" not in repr(e) for e in outcome.effects)  # no effect carries the person


def test_the_memory_is_bounded_least_recent_first(clock: Clock) -> None:
    memory = ConversationMemory(size=2, clock=clock)
    memory.remember("a", "esol", "en")
    memory.remember("b", "esol", "en")
    assert memory.recent("a") is not None  # seen again: now the most recent
    memory.remember("c", "esol", "en")
    assert memory.recent("b") is None and memory.recent("a") is not None and memory.recent("c") is not None
