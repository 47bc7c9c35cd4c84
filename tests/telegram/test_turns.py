"""Turns for matching: one message at a time, crisis words first, nobody left waiting when a caller goes away."""

from __future__ import annotations

import asyncio
import contextlib

from bot.telegram.turns import Turns


async def test_a_message_with_crisis_words_goes_before_everyone_waiting() -> None:
    turns = Turns()
    order: list[str] = []
    inside = 0

    async def message(name: str, urgent: bool = False) -> None:
        nonlocal inside
        async with turns.turn(urgent):
            inside += 1
            assert inside == 1  # one at a time
            order.append(name)
            await asyncio.sleep(0)  # (a real turn never awaits; this checks that no one else gets in meanwhile)
            inside -= 1

    tasks = [asyncio.create_task(message(f"q{n}")) for n in range(5)]
    await asyncio.sleep(0)  # the questions queue; the first is given its turn
    tasks.append(asyncio.create_task(message("crisis", urgent=True)))
    await asyncio.gather(*tasks)
    assert order.index("crisis") <= 1  # at most the question already matching went first
    assert [n for n in order if n != "crisis"] == [f"q{n}" for n in range(5)]  # the others in order of arrival


async def test_a_caller_cancelled_while_waiting_or_holding_its_turn_blocks_no_one() -> None:
    turns = Turns()
    holding = asyncio.Event()
    release = asyncio.Event()

    async def hold() -> None:
        async with turns.turn():
            holding.set()
            await release.wait()

    holder = asyncio.create_task(hold())
    await holding.wait()
    waiter = asyncio.create_task(_matched(turns))
    await asyncio.sleep(0)
    waiter.cancel()  # gave up while waiting
    holder.cancel()  # gave up while holding the turn
    for task in (waiter, holder):
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert await asyncio.wait_for(_matched(turns), 1.0) == "matched"


async def _matched(turns: Turns) -> str:
    async with turns.turn():
        return "matched"
