"""The admin's loop through the real Telegram stack: live reload of edited knowledge, broken edits reported to
the admins with path:line, /reload and /insights for admins only, and `insights --json` counting the traffic."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from bot.app import DEFAULT_LOCALES, PROJECT_ROOT, build_core_from
from bot.kb import load_knowledge
from bot.kb.load import find_problems
from bot.match import build_matcher
from bot.match.build import DEFAULT_CACHE
from bot.reload import LiveCore, Reloader
from tests.e2e.conftest import Running, StartBot

ADMIN = 7001
QUESTION = "refugee has to leave asylum housing in 28 days, what can we do?"
OLD_TITLE = "Transition from dispersal accommodation once refugee status has been granted"
NEW_TITLE = "Moving on from asylum accommodation after a grant of refugee status"
ISSUE_FILE = Path("issues/housing/refugee-move-on.yaml")


@pytest.fixture
def make_reloader(tmp_path: Path) -> Callable[[Path], Reloader]:
    """A reloader on a knowledge folder, polling fast; the embeddings cache is a copy (edits add vectors)."""
    source = Path(os.environ.get("EMBEDDING_CACHE_DIR") or DEFAULT_CACHE)
    cache = tmp_path / "cache"
    if source.is_dir():
        shutil.copytree(source, cache)
    builder = partial(build_matcher, cache_dir=cache, progress=None)

    def make(knowledge: Path) -> Reloader:
        core = build_core_from(load_knowledge(knowledge), DEFAULT_LOCALES, builder)
        return Reloader(LiveCore(core), knowledge, DEFAULT_LOCALES, builder, poll_seconds=0.1, settle_seconds=0.1)

    return make


async def ask(bot: Running, user: int, text: str = QUESTION, timeout: float = 15.0) -> tuple[str, float]:
    """Send `text` from a new user; the first reply's text and how long it took."""
    started = time.monotonic()
    bot.fake.push_message(user, text)
    [reply] = (await bot.fake.wait_for_async("sendMessage", 1, timeout, chat_id=user))[:1]
    return reply.params["text"], reply.at - started


def retitle(knowledge: Path, title: str) -> None:
    path = knowledge / ISSUE_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"title: {title}\n" if line.startswith("title:") else line for line in lines]
    path.write_text("".join(lines), encoding="utf-8")


async def test_an_edit_is_served_within_10_s_while_questions_keep_being_answered(
    start_bot: StartBot, kb_copy: Path, make_reloader: Callable[[Path], Reloader]
) -> None:
    async with start_bot(reloader=make_reloader(kb_copy), ADMIN_IDS=str(ADMIN), FLOOD_LIMIT_PER_MINUTE="0") as bot:
        user = 9000
        before = []
        for _ in range(3):
            user += 1
            text, latency = await ask(bot, user)
            assert OLD_TITLE in text
            before.append(latency)
        retitle(kb_copy, NEW_TITLE)
        edited = time.monotonic()
        during: list[float] = []
        while True:  # questions keep coming while the new index is built in the background
            user += 1
            text, latency = await ask(bot, user)
            during.append(latency)
            assert (OLD_TITLE in text) != (NEW_TITLE in text), "every answer is wholly from one version"
            if NEW_TITLE in text:
                break
            assert time.monotonic() - edited < 10, "the edit was not served within 10 s"
        rebuild = time.monotonic() - edited  # from the edit to the first answer of the new version
        assert rebuild < 10
        assert len(during) >= 1
        # none was held up by the rebuild: an answer waiting for it would take about as long as the rebuild itself
        # (2-3 s on a fast 2-core machine, 6-7 s on a slower one). An answer sharing the two cores with it takes
        # longer than usual: 1.0-1.5 s where the rebuild took 6.6 s, and 2.3 s once in CI right after a cold
        # embedding on that slower machine; so the margin grows with the rebuild (2 s, or 0.4 of the rebuild)
        assert max(during) < max(before) + max(2.0, 0.4 * rebuild), (before, during, rebuild)
        assert bot.services.live.version == 2
        assert bot.fake.sent_to(ADMIN) == []  # a good edit picked up by the watcher is only logged


async def test_a_broken_edit_keeps_the_old_text_and_reaches_every_admin_with_path_and_line(
    start_bot: StartBot, kb_copy: Path, make_reloader: Callable[[Path], Reloader]
) -> None:
    admins = f"{ADMIN},{ADMIN + 1}"
    async with start_bot(reloader=make_reloader(kb_copy), ADMIN_IDS=admins, FLOOD_LIMIT_PER_MINUTE="0") as bot:
        path = kb_copy / ISSUE_FILE
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        broken_line = next(n for n, line in enumerate(lines, 1) if line.startswith("title:"))
        lines[broken_line - 1] = "title: [Moving on, unclosed\n"
        path.write_text("".join(lines), encoding="utf-8")
        [problem] = find_problems(kb_copy)  # what `validate` says: the YAML parser notices on the next line
        assert problem.path.endswith("refugee-move-on.yaml") and problem.line in (broken_line, broken_line + 1)
        for admin in (ADMIN, ADMIN + 1):
            [notice] = await bot.fake.wait_for_async("sendMessage", 1, 10.0, chat_id=admin)
            text = notice.params["text"]
            assert "keeps serving the last good version" in text
            assert f"{problem.path}:{problem.line}: {problem.message}" in text
            assert "Traceback" not in text
        text, _ = await ask(bot, 9100)
        assert OLD_TITLE in text  # the last good version
        assert bot.services.live.version == 1
        bot.fake.reset()
        retitle(kb_copy, NEW_TITLE)  # the fix is picked up the same way, and the admins hear it worked
        for admin in (ADMIN, ADMIN + 1):
            [notice] = await bot.fake.wait_for_async("sendMessage", 1, 10.0, chat_id=admin)
            assert "Knowledge reloaded" in notice.params["text"]
        text, _ = await ask(bot, 9101)
        assert NEW_TITLE in text


async def test_reload_command_for_admins_in_a_private_chat_only(
    start_bot: StartBot, kb_copy: Path, make_reloader: Callable[[Path], Reloader]
) -> None:
    reloader = make_reloader(kb_copy)
    async with start_bot(reloader=reloader, ADMIN_IDS=str(ADMIN)) as bot:
        bot.fake.push_command(ADMIN + 5, "reload")  # not an admin: the usual help, nothing reloaded
        [reply] = await bot.fake.wait_for_async("sendMessage", 1, 10.0, chat_id=ADMIN + 5)
        assert "Checking" not in reply.params["text"] and "reloaded" not in reply.params["text"]
        bot.fake.push_command(ADMIN, "reload", chat_id=-500)  # an admin, but in a group: not there
        bot.fake.push_command(ADMIN, "reload")
        first, second = await bot.fake.wait_for_async("sendMessage", 2, 15.0, chat_id=ADMIN)
        assert first.params["text"].startswith("Checking")
        assert second.params["text"].startswith("Knowledge reloaded (/reload)")
        assert bot.services.live.version == 2
        assert all("reloaded" not in c.params.get("text", "") for c in bot.fake.sent_to(-500))


async def test_insights_command_sends_the_summary_and_charts_to_admins_only(start_bot: StartBot) -> None:
    async with start_bot(ADMIN_IDS=str(ADMIN), FLOOD_LIMIT_PER_MINUTE="0") as bot:
        for user in range(9200, 9206):
            await ask(bot, user)
        await bot.settled()  # the six answers were counted (the counts may still be buffered: insights writes them)
        bot.fake.push_command(ADMIN + 5, "insights")
        [reply] = await bot.fake.wait_for_async("sendMessage", 1, 10.0, chat_id=ADMIN + 5)
        assert "Insights" not in reply.params["text"]
        bot.fake.push_command(ADMIN, "insights")
        [summary] = await bot.fake.wait_for_async("sendMessage", 1, 20.0, chat_id=ADMIN)
        assert "Insights" in summary.params["text"] and "Questions: 6" in summary.params["text"]
        photos = await bot.fake.wait_for_async("sendPhoto", 3, 30.0, chat_id=ADMIN)
        captions = [p.params.get("caption", "") for p in photos]
        assert any("per day" in c for c in captions) and any("per language" in c for c in captions)
        assert all(p.params["photo"]["data"].startswith(b"\x89PNG") for p in photos)
        assert not [c for c in bot.fake.calls if c.method == "sendPhoto" and c.params["chat_id"] != ADMIN]


async def test_insights_json_counts_match_the_traffic_sent(start_bot: StartBot, tmp_path: Path) -> None:
    questions = (
        [QUESTION] * 6
        + ["my landlord puts 12 people in a 3 bedroom house"] * 5
        + ["I am going to end my life tonight"] * 5
        + ["what time does the football match start tonight"] * 5
        + ["gdzie mogę uczyć się angielskiego"] * 2
        + ["hello"]
    )
    async with start_bot(FLOOD_LIMIT_PER_MINUTE="0") as bot:
        matcher = bot.services.core.matcher
        langs: Counter[str] = Counter()
        issues: Counter[str] = Counter()
        crisis: Counter[str] = Counter()
        no_match = 0
        for n, text in enumerate(questions):
            result = matcher.match(text, client_lang="en")  # what the bot decides, read beside the bot
            langs[result.lang] += 1
            if result.crisis is not None:
                crisis[result.crisis.kind] += 1
            elif result.smalltalk is None and result.matches:
                issues[result.matches[0].issue] += 1
            elif result.smalltalk is None:
                no_match += 1
            await ask(bot, 9300 + n, text)
        cards = [c for c in bot.fake.calls if c.method == "sendMessage" and OLD_TITLE in c.params["text"]]
        for card in cards[:5]:  # 👎 on five of the six cards
            keyboard = card.params["reply_markup"]["inline_keyboard"]
            down = next(b["callback_data"] for row in keyboard for b in row if b["text"] == "👎")
            bot.fake.push_callback(int(card.params["chat_id"]), down)
        await bot.fake.wait_for_async("answerCallbackQuery", 5, 10.0)
        database = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
        result = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "run_bot.py", "insights", "--json", "--days", "1"],
            cwd=PROJECT_ROOT,
            env={**os.environ, "DATABASE_URL": database},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)

    def hidden(n: int) -> int | str:
        return n if n >= 5 else "<5"

    assert report["days"] == 1
    assert report["questions"] == len(questions) == 24
    assert report["by_language"] == {lang: hidden(n) for lang, n in langs.items()}
    assert report["by_issue"] == {issue: hidden(n) for issue, n in issues.items()}
    assert report["crisis"] == {kind: hidden(n) for kind, n in crisis.items()}
    assert report["no_match"] == hidden(no_match)
    assert report["feedback"] == {"refugee-move-on": {"up": "<5", "down": 5}}
    assert report["most_down"] == [{"issue": "refugee-move-on", "down": 5}]
    assert "<5" in report["by_language"].values()  # two Polish questions: hidden
