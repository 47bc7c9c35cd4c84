"""Live reload: new knowledge, catalogs and matcher are built in the background and swapped in at once.

`LiveCore.current` is the one reference every adapter reads per update: a question is answered entirely by the
Core it read (knowledge, catalogs and matcher of one version), never half old and half new. A `Reloader` watches
`knowledge/` and `locales/` (polling file times; no dependency), and also reloads on request (SIGHUP, `/reload`).
A reload validates everything first: with any problem the working Core keeps serving and the listeners get the
problems as `path:line: what is wrong`; the fix is picked up the same way.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.app import Core, MatcherBuilder, build_core_from
from bot.kb import KnowledgeBase, KnowledgeError, load_knowledge
from bot.kb.problems import Problem
from bot.translations import catalog_problems

log = logging.getLogger(__name__)
POLL_SECONDS = 2.0
SETTLE_SECONDS = 0.3  # a change is read once the files have stopped changing for this long (editors save in steps)
BACKGROUND_NICENESS = 10  # the watcher (and the embedding threads it starts) yield the cores to answers

Fingerprint = tuple[tuple[str, int, int], ...]


class LiveCore:
    """The Core in service. Reading `current` is one attribute read; `swap` replaces it in one assignment."""

    def __init__(self, core: Core) -> None:
        self._core = core
        self.version = 1

    @property
    def current(self) -> Core:
        return self._core

    def swap(self, core: Core) -> None:
        self._core = core
        self.version += 1


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    reason: str  # "files changed", "SIGHUP", "/reload", ...
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0
    summary: str = ""  # what is now served, e.g. "23 issues, 54 contacts"
    requested_by: int | None = None  # the admin who asked (/reload), to answer them
    recovered: bool = False  # the previous attempt had failed

    def message(self) -> str:
        """What the admins are told, in plain words."""
        if self.ok:
            return f"Knowledge reloaded ({self.reason}) in {self.seconds:.1f} s: {self.summary}."
        lines = [
            f"The edit was not loaded ({self.reason}): the bot keeps serving the last good version. "
            f"Fix {'this' if len(self.problems) == 1 else f'these {len(self.problems)} problems'} and save again:"
        ]
        lines.extend(str(p) for p in self.problems)
        return "\n".join(lines)


Listener = Callable[[ReloadResult], None]


@dataclass
class _Request:
    reason: str
    requested_by: int | None = None


@dataclass
class Reloader:
    live: LiveCore
    knowledge: Path
    locales: Path
    build_matcher: MatcherBuilder
    poll_seconds: float = POLL_SECONDS
    settle_seconds: float = SETTLE_SECONDS
    listeners: list[Listener] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._requests: list[_Request] = []
        self._lock = threading.Lock()  # one reload at a time
        self._thread: threading.Thread | None = None
        self._seen = self.fingerprint()
        self._failed = False

    # -- control ---------------------------------------------------------------------------------------

    def start(self) -> None:
        """Watch the folders in a background thread (daemon: never holds the process open)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="reloader", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None

    def request(self, reason: str, requested_by: int | None = None) -> None:
        """Reload soon in the background (safe from a signal handler or another thread); returns at once."""
        self._requests.append(_Request(reason, requested_by))  # list.append is atomic
        self._wake.set()

    # -- work ------------------------------------------------------------------------------------------

    def fingerprint(self) -> Fingerprint:
        """Every file's path, modification time and size under both folders."""
        rows = []
        for folder in (self.knowledge, self.locales):
            if not folder.is_dir():
                continue
            for path in folder.rglob("*"):
                try:
                    stat = path.stat()
                except OSError:
                    continue  # removed while we looked
                if path.is_file():
                    rows.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(sorted(rows))

    def reload_now(self, reason: str = "requested", requested_by: int | None = None) -> ReloadResult:
        """Validate and build in this thread; swap when everything is valid; tell the listeners."""
        with self._lock:
            started = time.monotonic()
            self._seen = self.fingerprint()
            problems: list[Problem] = []
            kb: KnowledgeBase | None = None
            try:
                kb = load_knowledge(self.knowledge)
            except KnowledgeError as exc:
                problems.extend(exc.problems)
            problems.extend(catalog_problems(self.locales))
            if problems or kb is None:
                result = ReloadResult(False, reason, tuple(problems), time.monotonic() - started, "", requested_by)
                self._failed = True
            else:
                try:
                    core = build_core_from(kb, self.locales, self.build_matcher, self.live.current.conversation.memory)
                except Exception as exc:  # a bug, not an admin's mistake: keep serving, say so, log the details
                    log.exception("building the new knowledge failed")
                    problem = Problem(str(self.knowledge), 1, f"the new version could not be built ({exc!r})")
                    result = ReloadResult(False, reason, (problem,), time.monotonic() - started, "", requested_by)
                    self._failed = True
                else:
                    self.live.swap(core)
                    summary = f"{len(kb.issues)} issues, {len(kb.contacts)} contacts"
                    result = ReloadResult(
                        True, reason, (), time.monotonic() - started, summary, requested_by, recovered=self._failed
                    )
                    self._failed = False
        if result.ok:
            log.info("knowledge reloaded (%s) in %.1f s", reason, result.seconds)
        else:
            log.warning("knowledge not reloaded (%s): %d problem(s)", reason, len(result.problems))
        for listener in list(self.listeners):
            try:
                listener(result)
            except Exception:
                log.exception("a reload listener failed")
        return result

    def _watch(self) -> None:
        _lower_this_threads_priority()
        while not self._stop.is_set():
            self._wake.wait(self.poll_seconds)
            self._wake.clear()
            if self._stop.is_set():
                return
            requests, self._requests = self._requests, []
            changed = self.fingerprint() != self._seen
            if changed:
                self._settle()
            if requests or changed:
                first = requests[0] if requests else _Request("files changed")
                asker = next((r.requested_by for r in requests if r.requested_by is not None), None)
                try:
                    self.reload_now(first.reason, asker)
                except Exception:  # the watcher must survive anything
                    log.exception("reload failed")

    def _settle(self) -> None:
        """Wait until the files stop changing (an editor or `git pull` writing several files)."""
        last = self.fingerprint()
        while not self._stop.wait(self.settle_seconds):
            now = self.fingerprint()
            if now == last:
                return
            last = now


def _lower_this_threads_priority() -> None:
    """A rebuild embeds new texts on the same cores that answer questions: at a lower priority it takes the time
    they leave, and answers are not slowed by it. Only on Linux, where the nice value is per thread (and threads it
    starts inherit it); elsewhere it would lower the whole bot."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError):  # not allowed here: it only costs speed
        os.setpriority(os.PRIO_PROCESS, 0, min(os.getpriority(os.PRIO_PROCESS, 0) + BACKGROUND_NICENESS, 19))
