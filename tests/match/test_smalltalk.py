from __future__ import annotations

import pytest

from bot.match import Matcher


@pytest.mark.parametrize("text", ["hello", "Hi there!", "good morning", "cześć", "dzień dobry", "ahoj", "привет"])
def test_greetings(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.smalltalk == "greeting" and result.matches == ()


@pytest.mark.parametrize("text", ["thanks", "thank you very much", "dziękuję", "ďakujem", "děkuji", "спасибо"])
def test_thanks(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.smalltalk == "thanks" and result.matches == ()


def test_a_greeting_with_a_question_is_a_question(matcher: Matcher) -> None:
    result = matcher.match("hello, where can I learn English?")
    assert result.smalltalk is None and result.matches[0].issue == "esol"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I need help", "help"),
        ("pomóżcie mi proszę", "help"),
        ("menu", "menu"),
        ("change language", "language"),
        ("contacts", "contacts"),
        ("what can you do", "topics"),
        ("no", "ack"),
        ("nope", "ack"),
        ("12", "ack"),
    ],
)
def test_navigation_words_reach_the_thing_named(matcher: Matcher, text: str, kind: str) -> None:
    """Small talk never swallows a request for help, and "no", "menu" or a bare number open no card."""
    result = matcher.match(text)
    assert result.smalltalk == kind and result.matches == ()


def test_a_request_for_help_with_a_situation_is_a_question(matcher: Matcher) -> None:
    result = matcher.match("I need help, my landlord wants to put two more people in our room")
    assert result.smalltalk is None and result.matches
