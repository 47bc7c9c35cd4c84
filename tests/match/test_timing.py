"""A crisis phrase in a story that is over is not a crisis by itself (sentences written for these tests)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.kb.model import KnowledgeBase
from bot.match.crisis import CrisisHit
from bot.match.danger import assess
from bot.match.semantic import SemanticScores
from bot.match.timing import TimeSigns
from bot.text.normalise import tokens


@pytest.mark.parametrize(
    ("text", "lang", "over"),
    [
        ("Three years ago my employer kept my passport. Where can I get a reference?", "en", True),
        ("Three years ago my employer took my passport and he still has it", "en", False),  # it goes on
        ("Yesterday he took my passport", "en", False),  # recent: may still be a danger
        ("Kilka lat temu szef zabrał mi paszport. Jak znaleźć pracę w Anglii?", "pl", True),
        ("Kilka lat temu szef zabrał mi paszport i znowu mi grozi", "pl", False),
        ("Pred rokmi ma bil, ako si nájdem byt?", "sk", True),
        ("Pred rokmi ma bil, ako si nájdem byt?", "cs", True),  # a close sibling's signs count
        # the "now" of a past sign ("I'm safe now") is not a sign that it goes on; another "now" still is
        ("My old boss locked us in the caravan, but I'm safe now. Can I claim the wages he owes?", "en", True),
        ("I'm safe now in a hostel but he is here outside and has my passport", "en", False),
        ("Szef mi groził, ale teraz jestem bezpieczna. Gdzie zgłosić niewypłacone pieniądze?", "pl", True),
        ("Teraz jestem bezpieczna, ale on znowu dzwoni i grozi", "pl", False),
    ],
)
def test_signs_of_a_past_that_is_over(kb: KnowledgeBase, text: str, lang: str, over: bool) -> None:
    assert TimeSigns(kb).over(tokens(text), lang) is over


def test_signs_are_read_in_the_messages_own_language(kb: KnowledgeBase) -> None:
    words = tokens("Kilka lat temu szef zabrał mi paszport")
    signs = TimeSigns(kb)
    assert signs.over(words, "pl")
    assert not signs.over(words, "pt")  # the Polish signs are read in Polish (and when the language is unknown)
    assert signs.over(words, None)


def test_a_farewell_that_thanks_for_the_last_year_is_never_read_as_over() -> None:
    """Only a trusted phrase is doubted: when the learned signals find a crisis on their own, the signs change
    nothing."""
    phrase = CrisisHit("trafficking", "took my passport", "en")
    calm = SemanticScores(issues=np.zeros(3), off_topic=0.0, crisis={"trafficking": -0.01}, look_alike=-0.02)
    assert assess(phrase, 0.0, calm).level == "crisis"
    assert assess(phrase, 0.0, calm, over=True).level == "possible"  # the line stays
    worrying = SemanticScores(issues=np.zeros(3), off_topic=0.0, crisis={"suicide": 0.03}, look_alike=-0.1)
    assert assess(None, 0.2, worrying, over=True).level == "crisis"
    assert assess(phrase, 0.2, worrying, over=True).level == "crisis"
