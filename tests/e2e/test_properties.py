"""Property-based: any text a person can send gets exactly one well-formed reply through the whole path
(match -> render -> send through the fake Bot API, which refuses what Telegram refuses)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import Core
from tests.e2e.threaded import BotThread

TRICKY = "<>&\"'*_`[]()~#+-=|{}.!\\/\u202e\u202d\u200b\u200c\u200d\u200f\u2066\u2069\ufeff\x00\x01\n\t "
chats = itertools.count(100_000)

texts = st.one_of(
    st.text(min_size=1, max_size=500),
    st.text(alphabet=st.sampled_from(TRICKY + "abcdeąčšжيگ"), min_size=1, max_size=200),
    st.builds(lambda s, n: (s * n)[:10_000], st.text(min_size=1, max_size=20), st.integers(500, 10_000)),
    st.sampled_from(["<b>bold</b> & <i>", "*bold* _it_ `code` [link](http://x)", "\u202eevil\u202c", "a\x00b"]),
).filter(lambda s: s.strip())


@pytest.fixture(scope="module")
def running(core: Core, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotThread]:
    with BotThread(core, Path(tmp_path_factory.mktemp("props")), FLOOD_LIMIT_PER_MINUTE="0") as bot:
        yield bot


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_every_message_gets_exactly_one_well_formed_reply(running: BotThread, text: str) -> None:
    chat = next(chats)
    running.fake.push_message(chat, text)
    running.settled()  # its replies are all out (or refused)
    [first, *_] = running.fake.wait_for("sendMessage", 1, 15.0, chat)
    calls = [c for c in running.fake.calls if c.method == "sendMessage" and c.params.get("chat_id") == chat]
    assert all(c.ok for c in calls), [c.error for c in calls]
    crisis_then_card = len(calls) == 2 and "999" in str(first.params["text"])
    assert len(calls) == 1 or crisis_then_card, [str(c.params["text"])[:80] for c in calls]
