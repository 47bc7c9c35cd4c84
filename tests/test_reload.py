"""Live reload without Telegram: one Core swapped whole, problems in catalogs too, the watcher, SIGHUP."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
import threading
from pathlib import Path

import pytest

from bot.app import DEFAULT_LOCALES, build_core_from
from bot.conversation import Profile
from bot.kb import KnowledgeBase, load_knowledge
from bot.match import Matcher
from bot.reload import LiveCore, Reloader, ReloadResult
from bot.telegram.app import _with_sighup

NEW_PHRASE = "zorblax quandary"
NEW_TITLE = "English classes for adults (edited)"


def words_only(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb)  # no embedding model: fast to build, and enough to see which version answered


def reloader_for(knowledge: Path, locales: Path = DEFAULT_LOCALES, **kw: float) -> Reloader:
    core = build_core_from(load_knowledge(knowledge), locales, words_only)
    return Reloader(LiveCore(core), knowledge, locales, words_only, **kw)


def edit_esol(knowledge: Path) -> None:
    """A new phrasing (the matcher) and a new title (the knowledge) in one edit."""
    phrasings = knowledge / "phrasings" / "en.yaml"
    text = phrasings.read_text(encoding="utf-8").replace("\nesol:\n", f"\nesol:\n  - {NEW_PHRASE}\n", 1)
    phrasings.write_text(text, encoding="utf-8")
    issue = knowledge / "issues" / "skills-employment" / "esol.yaml"
    lines = issue.read_text(encoding="utf-8").splitlines(keepends=True)
    issue.write_text("".join(f"title: {NEW_TITLE}\n" if x.startswith("title:") else x for x in lines), "utf-8")


def test_a_question_is_answered_wholly_by_the_old_or_wholly_by_the_new_version(kb_copy: Path) -> None:
    reloader = reloader_for(kb_copy)
    edit_esol(kb_copy)
    ask = Profile(lang="en", role="staff")
    first = reloader.live.current.conversation.on_text(ask, NEW_PHRASE)
    assert not first.result or not first.result.matches  # the old version does not know the phrase
    worker = threading.Thread(target=reloader.reload_now, args=("test",))
    worker.start()
    answers: list[tuple[bool, str]] = []  # (matched, reply text), each answer that differs from the one before
    asked = 0
    while worker.is_alive() or not answers or not answers[-1][0]:
        outcome = reloader.live.current.conversation.on_text(ask, NEW_PHRASE)
        answer = (bool(outcome.result and outcome.result.matches), "\n".join(r.text for r in outcome.replies))
        if not answers or answer != answers[-1]:
            answers.append(answer)
        asked += 1
        assert asked < 1_000_000  # the reload finishes (words are matched faster once seen: many answers fit in)
    worker.join()
    for matched, text in answers:  # the new matcher with the old knowledge would show the old title: never
        assert not matched or NEW_TITLE in text
    assert answers[-1][0] and NEW_TITLE in answers[-1][1]
    assert reloader.live.version == 2


def test_a_broken_translation_keeps_the_old_catalogs_and_is_reported_with_path_and_line(
    kb_copy: Path, tmp_path: Path
) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(DEFAULT_LOCALES, locales)
    reloader = reloader_for(kb_copy, locales)
    catalog = locales / "pl" / "LC_MESSAGES" / "bot.po"
    lines = catalog.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, x in enumerate(lines, 1) if x.startswith('msgstr "Źródło: {source}"'))
    lines[line - 1] = 'msgstr "Źródło: {zrodlo}"\n'
    catalog.write_text("".join(lines), encoding="utf-8")
    before = reloader.live.current
    result = reloader.reload_now("test")
    assert not result.ok and reloader.live.current is before
    [problem] = result.problems
    assert problem.path.endswith("pl/LC_MESSAGES/bot.po") and problem.line == line - 1  # the entry's msgid line
    assert "placeholders" in problem.message
    assert f"{problem.path}:{problem.line}: " in result.message()


def test_the_watcher_picks_up_an_edit_and_then_a_fix(kb_copy: Path) -> None:
    reloader = reloader_for(kb_copy, poll_seconds=0.05, settle_seconds=0.05)
    results: list[ReloadResult] = []
    arrived = threading.Semaphore(0)
    reloader.listeners.append(lambda r: (results.append(r), arrived.release()))
    reloader.start()
    try:
        themes = kb_copy / "themes.yaml"
        good = themes.read_text(encoding="utf-8")
        themes.write_text(good + "  - {id: housing, title: twice}\n", encoding="utf-8")
        assert arrived.acquire(timeout=120)
        assert not results[-1].ok and results[-1].reason == "files changed"
        assert any("themes.yaml" in p.path and "twice" in p.message for p in results[-1].problems)
        assert reloader.live.version == 1
        themes.write_text(good, encoding="utf-8")
        assert arrived.acquire(timeout=120)
        assert results[-1].ok and results[-1].recovered and reloader.live.version == 2
    finally:
        reloader.stop()


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this platform")
async def test_sighup_reloads_instead_of_stopping_the_bot(kb_copy: Path) -> None:
    reloader = reloader_for(kb_copy, poll_seconds=30)  # only the signal can wake it in time
    done = threading.Event()
    results: list[ReloadResult] = []
    reloader.listeners.append(lambda r: (results.append(r), done.set()))
    reloader.start()

    async def nothing(app: object) -> None:
        return None

    loop = asyncio.get_running_loop()
    await _with_sighup(reloader, nothing)(None)
    try:
        os.kill(os.getpid(), signal.SIGHUP)
        assert await asyncio.to_thread(done.wait, 30)
        assert results[0].ok and results[0].reason == "SIGHUP" and reloader.live.version == 2
    finally:
        loop.remove_signal_handler(signal.SIGHUP)
        reloader.stop()


@pytest.mark.skipif(sys.platform != "linux", reason="per-thread priority is Linux only; elsewhere it is left as is")
def test_the_background_rebuild_runs_below_the_priority_of_the_threads_that_answer(kb_copy: Path) -> None:
    """A rebuild embeds new texts on the cores that answer questions: it must yield them, not slow answers."""
    niceness: list[int] = []
    built = threading.Event()

    def recording_builder(kb: KnowledgeBase) -> Matcher:
        niceness.append(os.getpriority(os.PRIO_PROCESS, 0))  # this thread's nice value (per thread on Linux)
        built.set()
        return words_only(kb)

    core = build_core_from(load_knowledge(kb_copy), DEFAULT_LOCALES, words_only)
    reloader = Reloader(LiveCore(core), kb_copy, DEFAULT_LOCALES, recording_builder, poll_seconds=0.05)
    reloader.start()
    try:
        reloader.request("test")
        assert built.wait(timeout=20)
        assert niceness[0] > os.getpriority(os.PRIO_PROCESS, 0)  # the answering (main) thread is untouched
    finally:
        reloader.stop()


def test_the_running_knowledge_keeps_no_example_messages_before_or_after_a_reload(kb_copy: Path) -> None:
    """The 44,000 example messages (13 MB of text) only train the matcher: the core that answers does not hold them,
    and it still answers from what they taught."""
    reloader = reloader_for(kb_copy)
    for _ in range(2):
        core = reloader.live.current
        assert core.kb.examples == {} and core.kb.crisis_examples == {}
        outcome = core.conversation.on_text(Profile(lang="en", role="migrant"), "where can I learn English")
        assert outcome.result is not None and outcome.result.matches[0].issue == "esol"
        assert reloader.reload_now("test").ok
    assert load_knowledge(kb_copy).examples  # the files still have them, for the next build
