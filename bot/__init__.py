"""IAG signposting bot: a pure core (knowledge, matching, replies) with thin adapters (Telegram, console, CLI)."""

import os

# Thread pools for the embedding model (OpenMP) and numpy (OpenBLAS), set before either library loads. A bot
# answers one short message at a time beside its event loop: spinning threads waiting for work made a 10 ms
# embedding take 150-1000 ms on a busy 2-core machine (measured), so idle threads sleep and numpy's small
# matrix products run on one thread. But a thread that sleeps the moment it has nothing to do sleeps between the
# model's own steps too (dozens a message, microseconds apart), and waking it each time made the embedding of a
# question take 17-25 ms at the median instead of 12-15: it first waits a short spin (ten thousand turns, a fraction
# of a millisecond). GOMP_SPINCOUNT is read by GCC's OpenMP runtime, which the embedding engine is built with.
# benchmarks/load.py, 300 people at once: 37-42 answers a second instead of 21-23.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("GOMP_SPINCOUNT", "10000")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _limit_malloc_arenas(arenas: int = 2) -> bool:
    """glibc gives every thread that allocates its own memory arena, and freed memory stays in it: the bot's worker
    threads (database calls, sends, the embedding model) kept about 15 MB more resident than with two arenas
    (benchmarks/soak.py). Applied before any thread starts; MALLOC_ARENA_MAX in the environment wins. True when set."""
    import ctypes
    import ctypes.util
    import sys

    if sys.platform != "linux" or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(-8, arenas))  # M_ARENA_MAX; 1 on success (glibc only: musl has no mallopt)
    except (OSError, AttributeError):
        return False


_limit_malloc_arenas()
