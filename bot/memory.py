"""What the conversation remembers, briefly: per person, the last topic answered and its language, so a short
follow-up ("and for children?") is read with it in mind.

Only in memory (never stored, never logged), for MEMORY_SECONDS, for at most MEMORY_PEOPLE people (the least
recently seen are forgotten first). People are known by the keyed hash the adapters already use, never a raw id.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from threading import Lock

MEMORY_SECONDS = 600.0  # a follow-up is read with the previous topic for 10 minutes
MEMORY_PEOPLE = 10_000


@dataclass(frozen=True)
class Topic:
    issue_id: str
    lang: str
    at: float


class ConversationMemory:
    def __init__(
        self,
        seconds: float = MEMORY_SECONDS,
        size: int = MEMORY_PEOPLE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.seconds = seconds
        self.size = size
        self.clock = clock
        self._topics: OrderedDict[str, Topic] = OrderedDict()
        self._lock = Lock()

    def remember(self, person: str, issue_id: str, lang: str) -> None:
        with self._lock:
            self._topics[person] = Topic(issue_id, lang, self.clock())
            self._topics.move_to_end(person)
            while len(self._topics) > self.size:
                self._topics.popitem(last=False)

    def recent(self, person: str) -> Topic | None:
        """The person's last topic, when it is recent enough."""
        with self._lock:
            topic = self._topics.get(person)
            if topic is None:
                return None
            if self.clock() - topic.at > self.seconds:
                del self._topics[person]
                return None
            self._topics.move_to_end(person)  # the least recently seen are forgotten first
            return topic

    def forget(self, person: str) -> None:
        with self._lock:
            self._topics.pop(person, None)

    def __len__(self) -> int:
        return len(self._topics)
