"""Give memory freed while building back to the system.

Building the matcher makes and drops hundreds of megabytes of small objects (the knowledge's words, n-grams, the
embedding batches). The C allocator keeps the freed pages for later and the bot's resident memory stays near its
peak; glibc's `malloc_trim` returns them (about 10 MB after a build, measured on Linux). Elsewhere (macOS, musl,
Windows) there is nothing to call and this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def release_free_memory() -> bool:
    """Collect garbage, then ask the C allocator to return free pages. True when the allocator could be asked."""
    gc.collect()
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    trim(0)
    return True
