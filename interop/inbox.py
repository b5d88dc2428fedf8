"""A buffer of received stanzas that tests wait on with a deadline."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class WaitTimeout(AssertionError):
    """Nothing matching arrived in time: a test failure, not a crash."""


class Inbox(Generic[T]):
    def __init__(self, label: str) -> None:
        self._label = label
        self._items: list[T] = []
        self._arrived = asyncio.Event()

    def put(self, item: T) -> None:
        self._items.append(item)
        self._arrived.set()

    def all(self) -> list[T]:
        return list(self._items)

    def _take(self, matches: Callable[[T], bool]) -> T | None:
        for index, item in enumerate(self._items):
            if matches(item):
                return self._items.pop(index)
        return None

    async def wait_for(self, matches: Callable[[T], bool], *,
                       timeout: float, what: str) -> T:
        """Removes and returns the first item that matches, waiting up to `timeout` s."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = self._take(matches)
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise WaitTimeout(
                    f"{self._label}: no {what} within {timeout:.0f} s; "
                    f"received meanwhile: {[str(i) for i in self._items]}"
                )
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    async def expect_none(self, matches: Callable[[T], bool], *,
                          during: float, what: str) -> None:
        """Fails if anything matching arrives within `during` seconds."""
        try:
            unexpected = await self.wait_for(matches, timeout=during, what=what)
        except WaitTimeout:
            return
        raise AssertionError(f"{self._label}: unexpected {what}: {unexpected}")
