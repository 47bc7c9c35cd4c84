"""Button data: typed actions, encoded and decoded in one place; anything else is "expired", never a crash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.callbacks import (
    MAX_BYTES,
    Checklist,
    ChooseArea,
    ChooseLanguage,
    ChooseRole,
    DirectoryPage,
    LanguageMenu,
    PickLanguageFor,
    RateIssue,
    ShowIssue,
    ShowLocal,
    ShowPractices,
    SupportLines,
    Theme,
    Topics,
    decode,
    pack,
)

ACTIONS = [
    ChooseLanguage("pl"),
    ChooseRole("staff"),
    ChooseRole("migrant"),
    LanguageMenu(),
    Topics(),
    Theme("housing"),
    DirectoryPage(0),
    DirectoryPage(12),
    ShowIssue("esol", "card", "cs", "staff"),
    ShowIssue("overcrowding-hmos", "contacts", None, None),
    ShowIssue("nrpf", "more", "ar", "migrant"),
    PickLanguageFor("esol"),
    RateIssue("esol", True),
    RateIssue("esol", False),
    ChooseArea("derby"),
    ChooseArea(None),
    Checklist(),
    Checklist("community-cohesion"),
    ShowPractices("exploitation", "pl", "staff"),
    ShowPractices("exploitation", None, None),
    ShowLocal("community-tensions", "fa", "migrant"),
    ShowLocal("a" * 48, "en", "staff"),  # the longest id
    SupportLines(("suicide",)),
    SupportLines(("violence", "trafficking")),
]


def test_every_action_round_trips_within_64_bytes() -> None:
    for action in ACTIONS:
        data = pack(action)
        assert len(data.encode()) <= MAX_BYTES
        assert decode(data) == action


def test_buttons_of_older_forms_still_work() -> None:
    assert decode("v1:i:esol") == ShowIssue("esol", "card", None, "migrant")  # before lang and role were added
    assert decode("v1:i:esol:pl") == ShowIssue("esol", "card", "pl", "migrant")
    assert decode("v1:f:esol") == RateIssue("esol", False)
    assert decode("v1:A:-") == ChooseArea(None)  # "no area"
    assert decode("v1:p:esol") == ShowPractices("esol", None, None)  # no role code: the person's own role
    assert decode("v1:la:esol:pl:-") == ShowLocal("esol", "pl", None)


def test_unreadable_data_is_none() -> None:
    for data in (
        None,
        "",
        "v1",
        "v1:",
        "v2:t",
        "v1:d:²",  # a superscript two is a digit to str.isdigit(), not to int()
        "v1:d:-1",
        "v1:d:٣",  # an Arabic-Indic digit
        "v1:d:12345",
        "v1:L:xx",
        "v1:R:x",
        "v1:i:ESOL",
        "v1:i:esol:en:s:extra",
        "v1:T:",
        "v1:T:../../etc",
        "v1:f:esol:1:extra",
        "v1:A:",
        "v1:A:Derby",
        "v1:A:derby:extra",
        "v1:k:a:b",
        "v1:k:../x",
        "v1:p:",
        "v1:la:esol:en:s:extra",
        "v1:" + "t" * 70,
    ):
        assert decode(data) is None, data


@given(st.text(max_size=80))
def test_decode_never_raises(data: str) -> None:
    decode(data)
    decode("v1:" + data)
