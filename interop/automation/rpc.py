"""A JSON-RPC 2.0 client for the automation socket, as any Python program
would write one: asyncio streams, one JSON object per line."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
from typing import Any

WAIT = 10.0


class RpcError(Exception):
    """An error reply: `code` is the HRESULT as a signed 32-bit integer (or a
    JSON-RPC -32xxx code); `name` is the MSGR/COM name for API failures."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(error.get("message"))
        self.code: int = error["code"]
        self.message: str = error.get("message", "")
        data = error.get("data") or {}
        self.name: str | None = data.get("name")
        self.hresult: str | None = data.get("hresult")


class Automation:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._ids = itertools.count(1)
        self._replies: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        # Every line in arrival order, for assertions about ordering.
        self.lines: list[dict[str, Any]] = []
        self._reading = asyncio.create_task(self._read())

    @classmethod
    async def connect(cls, path: str | None = None) -> Automation:
        reader, writer = await asyncio.open_unix_connection(
            path or os.environ["AUTOMATION_SOCKET"], limit=16 << 20)
        return cls(reader, writer)

    async def _read(self) -> None:
        while line := await self._reader.readline():
            message = json.loads(line)
            self.lines.append(message)
            if "id" in message and message["id"] in self._replies:
                self._replies.pop(message["id"]).set_result(message)
            elif "method" in message:
                await self.events.put(message)

    async def reply(self, method: str, **params: Any) -> dict[str, Any]:
        """The whole reply object (result or error) of one call."""
        request_id = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._replies[request_id] = future
        request = {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
        self._writer.write((json.dumps(request) + "\n").encode())
        await self._writer.drain()
        return await asyncio.wait_for(future, WAIT)

    async def call(self, method: str, **params: Any) -> Any:
        """`result.value` (None when the member returns nothing); raises RpcError."""
        reply = await self.reply(method, **params)
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply["result"].get("value")

    async def error(self, method: str, **params: Any) -> RpcError:
        """The error a call must fail with."""
        reply = await self.reply(method, **params)
        assert "error" in reply, f"{method} {params} succeeded: {reply}"
        return RpcError(reply["error"])

    async def event(self, name: str, matches=lambda params: True, timeout: float = WAIT) -> dict[str, Any]:
        """The next `Event.<name>` whose params match; earlier others are dropped."""
        async def wait() -> dict[str, Any]:
            while True:
                event = await self.events.get()
                if event["method"] == f"Event.{name}" and matches(event["params"]):
                    return event["params"]
        return await asyncio.wait_for(wait(), timeout)

    async def close(self) -> None:
        self._writer.close()
        self._reading.cancel()
        try:
            await self._writer.wait_closed()
        except (ConnectionError, OSError):
            pass
