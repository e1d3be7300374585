"""The strip under the header that says what went wrong (or what was found) and offers the
actions that help: Retry, Download votes.csv, or what `offer` names."""

from collections.abc import Callable

from .dom import by_id, on

_actions: dict[str, Callable | None] = {"retry": None, "download": None, "offer": None}


def show(
    text: str,
    retry: Callable | None = None,
    download: Callable | None = None,
    kind: str = "error",
) -> None:
    by_id("banner-text").textContent = text
    by_id("banner").dataset.kind = kind
    by_id("banner").hidden = False
    _actions["retry"], _actions["download"], _actions["offer"] = retry, download, None
    by_id("banner-retry").hidden = retry is None
    by_id("banner-download").hidden = download is None
    by_id("banner-offer").hidden = True


def add(text: str) -> None:
    """Something more to say without hiding what the banner says now (the report of the
    folder just opened, say), when that is information too; else it is shown alone."""
    strip = by_id("banner")
    if strip.hidden or strip.dataset.kind != "info":
        show(text, kind="info")
    else:
        by_id("banner-text").textContent += f" {text}"


def offer(text: str, label: str, action: Callable) -> None:
    """Something the person may do (import a file found in the folder), said after what the
    banner says now, with a button that does it."""
    add(text)
    _actions["offer"] = action
    by_id("banner-offer").textContent = label
    by_id("banner-offer").hidden = False


def hide() -> None:
    by_id("banner").hidden = True


def wire() -> None:
    on(by_id("banner-retry"), "click", lambda _: _actions["retry"] and _actions["retry"]())
    on(by_id("banner-download"), "click", lambda _: _actions["download"] and _actions["download"]())
    on(by_id("banner-offer"), "click", lambda _: _actions["offer"] and _actions["offer"]())
    on(by_id("banner-close"), "click", lambda _: hide())
