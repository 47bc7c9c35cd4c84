"""The n-gram crisis model (bot/match/crisis_model.py), trained on a toy corpus written for these tests."""

from __future__ import annotations

import math

from bot.match.crisis_model import MANY_WINDOWS, CrisisModel
from bot.text.normalise import tokens

CRISIS = ["he is hitting me right now", "help he has a knife", "she is not breathing", "he will kill us tonight"]
ORDINARY = [
    "which day do the bins go out",
    "where can I park my car",
    "how do I register with a doctor",
    "can I fish in the river near town",
    "our neighbour plays loud music",
]


def test_an_alarming_message_leans_to_a_crisis_and_an_ordinary_one_does_not() -> None:
    model = CrisisModel.train(CRISIS, ORDINARY)
    assert model.score(tokens("he has a knife and is hitting me")) > 0
    assert model.score(tokens("which day is the bin collection")) < 0


def test_a_long_message_is_not_more_alarming_for_having_more_windows_to_choose_from() -> None:
    """The best of many windows is high by chance: each doubling of the windows costs a little, so a long calm
    message is not pushed over the line by one odd window. Words repeated give identical windows: the only
    difference between the two messages below is how many windows there are."""
    model = CrisisModel.train(CRISIS, ORDINARY)
    short, long = ["knife"] * 6, ["knife"] * 30
    windows = len(range(0, len(long) - 6 + 1, 3))
    assert math.isclose(model.score(long), model.score(short) - MANY_WINDOWS * math.log(windows), abs_tol=1e-5)
    assert model.score(long) < model.score(short)
