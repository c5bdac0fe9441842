"""Run batch writes on worker lanes with bounded memory, and stop at the first failure.

Each lane is one thread running one batch at a time (so a lane's batches commit in order);
at most `2 × lanes` batches are queued, so a fast reader never buffers a whole file. The
first failed batch stops the load: its error, with the batch's line range, is raised in
the main thread at the next submit or at `wait`.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

__all__ = ["Dispatcher", "LoadError"]


class LoadError(RuntimeError):
    """A batch could not be written; the message names the file and its line range."""


class Dispatcher:
    """Lanes of single-threaded executors plus a completion lock for bookkeeping."""

    def __init__(self, lanes: int):
        self.lanes = max(1, lanes)
        self._pools = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"load-lane{i}")
                       for i in range(self.lanes)]
        self._slots = threading.BoundedSemaphore(2 * self.lanes)
        self.lock = threading.Lock()      # held while a completion updates shared counters
        self._error: LoadError | None = None
        self._futures: list = []

    def submit(self, lane: int, work: Callable[[], object], on_done: Callable[[object], None], where: str) -> None:
        """Run `work()` on `lane`; then `on_done(result)` under `self.lock`."""
        self.raise_if_failed()
        self._slots.acquire()

        def job():
            try:
                if self._error is not None:
                    return
                result = work()
                with self.lock:
                    on_done(result)
            except Exception as exc:  # noqa: BLE001 - handed to the main thread with context
                with self.lock:
                    if self._error is None:
                        self._error = LoadError(f"{where}: {exc.__class__.__name__}: {exc}")
            finally:
                self._slots.release()

        self._futures = [f for f in self._futures if not f.done()]
        self._futures.append(self._pools[lane % self.lanes].submit(job))

    def raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    def wait(self) -> None:
        """Block until every submitted batch finished; raise the first failure."""
        for f in list(self._futures):
            f.result()
        self._futures = []
        self.raise_if_failed()

    def close(self) -> None:
        for p in self._pools:
            p.shutdown(wait=True)
