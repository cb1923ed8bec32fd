"""Give freed memory back to the operating system after a large piece of work (a document's write, an
index rebuild, the analyses). glibc keeps what Python and pyoxigraph free in its arenas (one per thread
that allocated), so without this the service stays at the high-water mark of every thread that did a
large job, and the next large job in another thread adds its own on top."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


def release_memory() -> None:
    """Collect garbage cycles and return the free pages of every malloc arena to the system."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
