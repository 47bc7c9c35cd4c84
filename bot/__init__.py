"""IAG signposting bot: a pure core (knowledge, matching, replies) with thin adapters (Telegram, console, CLI)."""

import os

# Thread pools for the embedding model (OpenMP) and numpy (OpenBLAS), set before either library loads. A bot
# answers one short message at a time beside its event loop: spinning threads waiting for work made a 10 ms
# embedding take 150-1000 ms on a busy 2-core machine (measured), so idle threads sleep and numpy's small
# matrix products run on one thread.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
