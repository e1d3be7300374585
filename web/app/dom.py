"""Small helpers over the DOM: every name is set as text, never parsed as HTML."""

import asyncio
from collections.abc import Awaitable, Callable

from pyodide.ffi import create_once_callable, create_proxy
from pyscript import document, window

_kept: list = []  # listeners must outlive the call that added them


def by_id(element_id: str):
    return document.getElementById(element_id)


def on(target, event: str, handler: Callable) -> None:
    proxy = create_proxy(handler)
    _kept.append(proxy)
    target.addEventListener(event, proxy)


def spawn(coroutine: Awaitable) -> asyncio.Future:
    """Runs a coroutine from a plain event handler; errors go to the page's banner."""
    task = asyncio.ensure_future(coroutine)
    task.add_done_callback(_report)
    return task


async def after_paint() -> None:
    """Returns once the browser has drawn the next frame: work nobody waits for, put after a
    change on screen, then no longer delays it (a task queued from an animation frame
    callback runs after that frame is drawn)."""
    drawn = asyncio.get_running_loop().create_future()
    window.requestAnimationFrame(
        create_once_callable(
            lambda _now: window.setTimeout(create_once_callable(lambda: drawn.set_result(None)))
        )
    )
    await drawn


def _report(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        from . import banner  # noqa: PLC0415 - banner imports dom

        error = task.exception()
        banner.show(f"Something went wrong: {type(error).__name__}: {error}")
        window.console.error(str(error))


def element(tag: str, class_name: str = "", text: str | None = None):
    node = document.createElement(tag)
    if class_name:
        node.className = class_name
    if text is not None:
        node.textContent = text
    return node


def set_view(name: str) -> None:
    """Which view <main> shows: start, listing, message, ask, compare or ranking."""
    by_id("main").dataset.view = name
    for button_id, view in (("to-compare", "compare"), ("to-ranking", "ranking")):
        by_id(button_id).setAttribute("aria-current", "page" if view == name else "false")


def view() -> str:
    return by_id("main").dataset.view


def message(title: str, text: str) -> None:
    """A full-panel message (fewer than two images, no permission) with a way back."""
    by_id("message-title").textContent = title
    by_id("message-text").textContent = text
    set_view("message")
    by_id("message-back").focus()


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
