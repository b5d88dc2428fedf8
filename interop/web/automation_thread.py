"""The automation socket (interop/automation/rpc.py) and slixmpp peers for
synchronous selenium tests: their asyncio code runs on one background loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from rpc import Automation

T = TypeVar("T")


class BackgroundLoop:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="asyncio", daemon=True)
        self.thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


class Socket:
    """One connection to the automation socket with blocking calls."""

    def __init__(self, background: BackgroundLoop, path: str) -> None:
        self.background = background
        self.rpc: Automation = background.run(Automation.connect(path))

    def call(self, method: str, **params: Any) -> Any:
        return self.background.run(self.rpc.call(method, **params))

    def event(self, name: str, matches=lambda params: True, timeout: float = 10.0) -> dict[str, Any]:
        return self.background.run(self.rpc.event(name, matches, timeout), timeout + 5)

    def close(self) -> None:
        self.background.run(self.rpc.close())


def window_id(handle: str) -> int:
    """7 for "window:7"."""
    kind, _, number = handle.partition(":")
    assert kind == "window", handle
    return int(number)
