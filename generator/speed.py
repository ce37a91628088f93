"""The two speed tricks of a large build, each behind one function the pipeline calls:
pausing Python's cycle collector, and rendering pages in two processes."""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

PARALLEL_FROM = 40  # fewer pages render faster than a process starts (the real story has 14)
_FORKED_WORK: Any = None


@contextlib.contextmanager
def collector_paused(resume_after: float = 0.0) -> Iterator[None]:
    """Loading, checking and rendering make millions of small objects and next to no reference
    cycles, which Python's cycle collector would walk again and again: a third of `check` at
    20,000 events. Paused, it runs once afterwards; memory is still freed as it always is.

    With resume_after, the collector resumes that many seconds later, from another thread (the
    live preview: once the reloaded page has been served, generator/mkdocs_hook.py); pausing it
    again before then puts the resumption off until that pause ends."""
    was_enabled = _resume_cancelled() or gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled and resume_after > 0:
            timer = threading.Timer(resume_after, gc.enable)
            timer.daemon = True
            _RESUMING.append(timer)
            timer.start()
        elif was_enabled:
            gc.enable()


_RESUMING: list[threading.Timer] = []  # the collector's resumption put off by collector_paused, if one is


def _resume_cancelled() -> bool:
    """Cancel a put-off resumption of the collector; whether there was one (the collector was on)."""
    if not _RESUMING:
        return False
    _RESUMING.pop().cancel()
    return True


def in_two_processes(work: Callable[[list[T]], dict[str, str]], items: list[T]) -> dict[str, str]:
    """work(items), which gives one result per item: the same dict in the same order, with a forked copy of this process doing
    every other item (a story split into hundreds of pages; figures in benchmarks/README.md).
    The copy shares the story in memory; only its results come back as text."""
    if len(items) < PARALLEL_FROM or not may_fork():
        return work(items)
    import multiprocessing  # here: 15 ms of imports that `check`, and a small story, never need
    from concurrent.futures import ProcessPoolExecutor

    global _FORKED_WORK
    _FORKED_WORK = functools.partial(work, items[1::2])
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            theirs = pool.submit(_run_forked_work)
            mine = work(items[0::2])
            done = theirs.result()
    finally:
        _FORKED_WORK = None
    # one result per item: put them back in the items' order, as work(items) would give them
    evens, odds = list(mine.items()), list(done.items())
    return dict(pair for two in itertools.zip_longest(evens, odds) for pair in two if pair is not None)


def _run_forked_work() -> dict[str, str]:
    return dict(_FORKED_WORK())


def may_fork() -> bool:
    """Two cores or more, a platform that forks, STORY_PARALLEL not 0, and no other thread
    running: `mkdocs serve` runs a web server and a file watcher in threads, and forking a
    process with threads can deadlock the copy, so the live preview renders in one process."""
    if os.environ.get("STORY_PARALLEL", "1") == "0" or threading.active_count() > 1:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2:
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
