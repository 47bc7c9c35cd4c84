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
