"""Transient failures injected into list and article responses, and their counts."""

from __future__ import annotations

import random
import threading

KINDS = ("429", "503", "reset", "slow", "truncated")


class Faults:
    """Picks a fault for a request with probability ``rate``; thread-safe.

    The choice is random per request, not per URL, so a retry can succeed.
    """

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._rng = random.Random()
        self._lock = threading.Lock()
        self._counts = dict.fromkeys(KINDS, 0)

    def pick(self) -> str | None:
        """The fault to inject into this request, or None."""
        if self.rate <= 0:
            return None
        with self._lock:
            if self._rng.random() >= self.rate:
                return None
            kind = self._rng.choice(KINDS)
            self._counts[kind] += 1
            return kind

    def delay(self) -> float:
        """Seconds a slow response waits before answering."""
        with self._lock:
            return self._rng.uniform(1.0, 3.0)

    def counts(self) -> dict[str, int]:
        """Injected faults so far, by kind."""
        with self._lock:
            return dict(self._counts)
