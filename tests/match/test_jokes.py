"""A message that laughs at itself is a figure of speech, not a crisis (sentences written for these tests)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.kb.model import KnowledgeBase
from bot.match import Matcher
from bot.match.crisis import CrisisHit
from bot.match.danger import assess
from bot.match.jokes import JokeSigns, laughter
from bot.match.semantic import SemanticScores
from bot.text.normalise import tokens


def test_a_laugh_counts_however_long_it_runs() -> None:
    assert laughter("hahahahah") == "haha"
    assert laughter("ههههههه") == "ههه"
    assert laughter("kkkkkk") == "kkk"
    assert laughter("help") == "help"


@pytest.mark.parametrize(
    ("text", "joking"),
    [
        ("my manager says he'll murder me if I'm late again lol", True),
        ("Ten formularz mnie wykończy xD", True),
        ("мастер сказал что убьёт нас ахахаха", True),
        ("the council forms are killing me 🤣", True),
        ("he is hitting me and I'm scared 😭", False),  # distress is not laughter
        ("my husband hit me again", False),
    ],
)
def test_signs_of_laughter_from_the_knowledge(kb: KnowledgeBase, text: str, joking: bool) -> None:
    assert JokeSigns(kb).found(text, tokens(text)) is joking


def test_a_phrase_beside_laughter_is_a_possible_danger_unless_the_learned_signals_are_sure() -> None:
    phrase = CrisisHit("violence", "kill me", "en")
    calm = SemanticScores(issues=np.zeros(3), off_topic=0.0, crisis={"violence": -0.01}, look_alike=-0.02)
    assert assess(phrase, 0.0, calm).level == "crisis"
    assert assess(phrase, 0.0, calm, joking=True).level == "possible"
    alarming = SemanticScores(issues=np.zeros(3), off_topic=0.0, crisis={"violence": 0.08}, look_alike=-0.1)
    assert assess(phrase, 3.0, alarming, joking=True).level == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "This paperwork will be the death of me 😂 which form do I need for the NI number?",
        "Szef mówi, że mnie zabije, jak znowu się spóźnię hahaha, ale czy może mi obciąć pensję?",
    ],
)
def test_figures_of_speech_that_laugh_get_no_crisis_reply(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.crisis is None
