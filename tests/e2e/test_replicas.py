"""Two bot processes behind one webhook port, sharing PostgreSQL and Redis: limits hold across replicas, and a
conversation carries on when a replica restarts."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.config import async_database_url
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.faults import free_port
from tests.store.conftest import POSTGRES_URL, _postgres_reachable

PROJECT = Path(__file__).resolve().parents[2]
SECRET = "replicas-webhook-secret"
USER = 9101


@contextmanager
def round_robin(ports: list[int]) -> Iterator[int]:
    """One webhook port in front of the replicas (a load balancer): each update goes to the next replica that
    accepts it. Yields the port."""
    turn = itertools.count()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
            start = next(turn)
            status = 502
            for n in range(len(ports)):
                port = ports[(start + n) % len(ports)]
                request = urllib.request.Request(f"http://127.0.0.1:{port}{self.path}", body, headers)
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:
                        status = response.status
                    break
                except urllib.error.HTTPError as exc:
                    status = exc.code
                    break
                except OSError:
                    continue  # that replica is down: the next one
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Replica:
    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "run_bot.py"], cwd=PROJECT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def listening(self) -> bool:
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0


@dataclass
class Cluster:
    fake: FakeBotApi
    front: int
    replicas: list[Replica] = field(default_factory=list)

    def post(self, update: dict[str, Any], port: int | None = None) -> int:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port or self.front}/telegram",
            json.dumps(update).encode(),
            {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)

    async def ready(self, starts: int) -> None:
        """Wait until replicas have started `starts` times in all (each registers its webhook as it starts) and
        listen."""
        try:
            await self.fake.wait_for_async("setWebhook", starts, 60.0)
        except TimeoutError:
            raise AssertionError("\n".join(r.log.read_text()[-2000:] for r in self.replicas)) from None
        for replica in self.replicas:  # the listener opens right after (a process gives no other signal)
            deadline = time.monotonic() + 10
            while replica.process is not None and not replica.listening():
                assert time.monotonic() < deadline, replica.log.read_text()[-2000:]
                await asyncio.sleep(0.05)

    async def texts(self, count: int, chat_id: int) -> list[str]:
        calls = await self.fake.wait_for_async("sendMessage", count, 30.0, chat_id)
        return [str(c.params["text"]) for c in calls]


@pytest.fixture
async def postgres_url() -> str:
    if not await _postgres_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_URL} (CI must start it: see .ci/run)")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL}; set TEST_POSTGRES_URL to test it")
    return POSTGRES_URL


@asynccontextmanager
async def cluster(tmp_path: Path, postgres_url: str, redis_url: str, **env: str) -> AsyncIterator[Cluster]:
    fake = FakeBotApi()
    fake.start()
    ports = [free_port(), free_port()]
    common = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": fake.token,
        "BOT_API_BASE_URL": fake.base_url,
        "WEBHOOK_URL": "https://bot.example.org/hook",
        "WEBHOOK_SECRET": SECRET,
        "DATABASE_URL": async_database_url(postgres_url),
        "REDIS_URL": redis_url,
        "USER_KEY_SECRET": secrets.token_hex(16),  # people unknown to earlier runs, in the database and Redis
        **env,
    }
    replicas = [Replica(port, {**common, "WEBHOOK_PORT": str(port)}, tmp_path / f"replica-{n}.log") for n, port in
                enumerate(ports)]  # fmt: skip
    try:
        with round_robin(ports) as front:
            running = Cluster(fake, front, replicas)
            for replica in replicas:
                replica.start()
            await running.ready(len(replicas))
            yield running
    finally:
        for replica in replicas:
            replica.stop()
        fake.stop()


async def test_two_replicas_share_the_flood_limit(tmp_path: Path, postgres_url: str, redis_url: str) -> None:
    async with cluster(tmp_path, postgres_url, redis_url) as bots:
        for n in range(30):
            assert await asyncio.to_thread(bots.post, bots.fake.push_message(USER, f"where can I learn English {n}"))
            if n < 21:
                await bots.texts(n + 1, USER)  # one at a time, alternating replicas
        for marker in (USER + 1, USER + 2):  # one more update through each replica: everything before is done
            await asyncio.to_thread(bots.post, bots.fake.push_message(marker, "hello"))
            await bots.texts(1, marker)
        texts = [str(c.params["text"]) for c in bots.fake.sent_to(USER)]
        assert len(texts) == 21  # not 42: the limit of 20 a minute holds across both replicas
        assert sum("very fast" in t for t in texts) == 1 and "very fast" in texts[20]


async def test_a_conversation_carries_on_across_a_replica_restart(
    tmp_path: Path, postgres_url: str, redis_url: str
) -> None:
    async with cluster(tmp_path, postgres_url, redis_url) as bots:
        await asyncio.to_thread(bots.post, bots.fake.push_command(USER, "start"))
        await bots.texts(1, USER)
        await asyncio.to_thread(bots.post, bots.fake.push_callback(USER, "v1:L:pl"))
        await bots.fake.wait_for_async("editMessageText", 1, 30.0, USER)
        await bots.texts(2, USER)  # no role yet: the role is asked
        first = bots.replicas[0]
        first.stop()  # mid-conversation
        for n in range(2):  # both go to the replica that is up
            await asyncio.to_thread(bots.post, bots.fake.push_message(USER, "gdzie mogę uczyć się angielskiego"))
            texts = await bots.texts(3 + n, USER)
            assert "Angielski" in texts[-1]
        first.start()
        await bots.ready(3)
        await asyncio.to_thread(bots.post, bots.fake.push_message(USER, "where can I learn English?"), first.port)
        texts = await bots.texts(5, USER)
        assert "Angielski" in texts[-1]  # the restarted replica knows the choice: it was stored, not kept in memory
