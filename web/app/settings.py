"""Settings the person chose (strategy, blind mode, their name as judge), kept in
localStorage so they survive reloads."""

from collections.abc import Callable

from pyscript import window

from ranker import DEFAULT_JUDGE, DEFAULT_QUESTION, STRATEGIES

from .dom import by_id, on

PREFIX = "image-ranker."


def _get(name: str, default: str) -> str:
    value = window.localStorage.getItem(PREFIX + name)
    return str(value) if isinstance(value, str) else default  # absent: JS null


def _set(name: str, value: str) -> None:
    window.localStorage.setItem(PREFIX + name, value)


def strategy() -> str:
    value = _get("strategy", "smart")
    return value if value in STRATEGIES else "smart"


WITHIN = ("folder", "subfolder", "prompt")


def question() -> str:
    return " ".join(_get("question", "").split()) or DEFAULT_QUESTION


def within() -> str:
    value = _get("within", "folder")
    return value if value in WITHIN else "folder"


def mode() -> str:
    """ "pairs", or "best4": four images at a time, the person picks the best."""
    return "best4" if _get("mode", "pairs") == "best4" else "pairs"


def blind() -> bool:
    return _get("blind", "false") == "true"


def judge() -> str:
    return _get("judge", "").strip() or DEFAULT_JUDGE


def device() -> str:
    """This browser's id among the devices writing a folder's logs: made once, and kept."""
    made = _get("device", "")
    if not made:
        made = str(window.crypto.randomUUID()).replace("-", "")[:8]
        _set("device", made)
    return made


def wire(changed: Callable[[str, object], None]) -> None:
    by_id("strategy").value = strategy()
    by_id("blind").checked = blind()
    by_id("mode").value = mode()
    by_id("within").value = within()
    by_id("question-input").value = question()

    def on_question(_event) -> None:
        _set("question", by_id("question-input").value)
        by_id("question-input").value = question()
        changed("question", question())

    def on_within(_event) -> None:
        _set("within", by_id("within").value)
        changed("within", within())

    on(by_id("question-input"), "change", on_question)
    on(by_id("within"), "change", on_within)
    by_id("judge").value = "" if judge() == DEFAULT_JUDGE else judge()
    _apply_blind()

    def on_strategy(_event) -> None:
        _set("strategy", by_id("strategy").value)
        changed("strategy", strategy())

    def on_mode(_event) -> None:
        _set("mode", by_id("mode").value)
        changed("mode", mode())

    def on_blind(_event) -> None:
        _set("blind", "true" if by_id("blind").checked else "false")
        _apply_blind()

    def on_judge(_event) -> None:
        _set("judge", by_id("judge").value)
        changed("judge", judge())

    def toggle(_event) -> None:
        if is_open():
            close()
        else:
            by_id("settings").hidden = False
            by_id("show-settings").setAttribute("aria-expanded", "true")

    on(by_id("strategy"), "change", on_strategy)
    on(by_id("mode"), "change", on_mode)
    on(by_id("blind"), "change", on_blind)
    on(by_id("judge"), "change", on_judge)
    on(by_id("show-settings"), "click", toggle)


def is_open() -> bool:
    return not by_id("settings").hidden


def close() -> None:
    """Hides the panel; the focus, if it was in it, goes back to the button that opens it."""
    panel = by_id("settings")
    had_focus = panel.contains(window.document.activeElement)
    panel.hidden = True
    by_id("show-settings").setAttribute("aria-expanded", "false")
    if had_focus:
        by_id("show-settings").focus()


def _apply_blind() -> None:
    window.document.documentElement.classList.toggle("blind", blind())
