"""Runs the async tests on a fresh event loop each, under a hard deadline,
so that no test can hang the run (no pytest-asyncio needed)."""

from __future__ import annotations

import asyncio
import inspect

import pytest

from target import Target

# Upper bound for one test, whatever it waits on.
TEST_DEADLINE = 45.0


@pytest.fixture(scope="session")
def target() -> Target:
    return Target.from_environment()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name]
                 for name in pyfuncitem._fixtureinfo.argnames}

    async def bounded() -> None:
        try:
            await asyncio.wait_for(pyfuncitem.obj(**arguments), TEST_DEADLINE)
        except asyncio.TimeoutError:
            pytest.fail(f"test exceeded its {TEST_DEADLINE:.0f} s deadline")

    asyncio.run(bounded())
    return True
