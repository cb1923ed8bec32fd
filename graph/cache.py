"""Views computed from the whole graph (the partner network, the programme names), kept per store for
as long as ``Store.version()`` says its content is unchanged; never kept for a store without one."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar, cast

from graph.store import Store

T = TypeVar("T")
_KEPT: weakref.WeakKeyDictionary[Store, dict[str, tuple[object, object]]] = weakref.WeakKeyDictionary()


def kept(store: Store, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or the value it gave for this store and ``name`` while the store is unchanged.
    The value is shared: read it, never change it."""
    version = store.version()
    if version is None:
        return compute()
    views = _KEPT.setdefault(store, {})
    if name in views and views[name][0] == version:
        return cast(T, views[name][1])  # what compute() gave for this name: a T
    value = compute()
    views[name] = (version, value)
    return value
